"""Gaps: per regime, per code of conduct, and party listings."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from api.deps import AnalysesDep, PagedAnalysesDep, PagingDep
from api.errors import ERROR_RESPONSES
from queries.requests import (
    CommitmentGapsRequest,
    PartyGapsRequest,
    PartyListGapsRequest,
    RegimeGapsRequest,
)
from queries.views import (
    CommitmentGapReport,
    PartyGapReport,
    PartyListGapReport,
    RegimeGapReport,
)

router = APIRouter(prefix="/gaps", tags=["gaps"], responses=ERROR_RESPONSES)


@router.get("/regimes/{regime}", summary="Members whose lists lack the regime's entries")
def regime_gaps(
    paged: PagedAnalysesDep,
    regime: Annotated[str, Path(min_length=2, max_length=100, examples=["wassenaar"])],
    request: Annotated[RegimeGapsRequest, Query()],
) -> RegimeGapReport:
    return paged.analyses.regime_gaps(regime, request, **paged.window)


@router.get(
    "/codes/{code}",
    summary="Subscribers with no control on a technology the code of conduct addresses",
)
def commitment_gaps(
    paged: PagedAnalysesDep,
    code: Annotated[
        str,
        Path(
            min_length=2,
            max_length=100,
            description="Code of conduct id, or the initiative establishing it.",
            examples=["echri"],
        ),
    ],
    request: Annotated[CommitmentGapsRequest, Query()],
) -> CommitmentGapReport:
    return paged.analyses.commitment_gaps(code, request, **paged.window)


@router.get("/parties", summary="Parties one issuer lists and its partners do not")
def party_gaps(
    analyses: AnalysesDep,
    paging: PagingDep,
    request: Annotated[PartyGapsRequest, Query()],
) -> PartyGapReport:
    # Each party is matched against every partner's lists: at most 100 a page.
    return analyses.party_gaps(request, limit=min(paging.limit, 100), offset=paging.offset)


@router.get(
    "/party-lists",
    summary="Parties one issuer lists and another does not, both ways, matched by name",
)
def party_list_gaps(
    paged: PagedAnalysesDep, request: Annotated[PartyListGapsRequest, Query()]
) -> PartyListGapReport:
    """Each row is a party of one issuer with the closest party of the other issuer, the names
    compared, their score and a verdict: listed by both, only by the first, or a possible match
    to review."""
    return paged.analyses.party_list_gaps(request, **paged.window)
