"""Gaps: per regime, per code of conduct, and party listings."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query

from api.deps import AnalysesDep, PagingDep
from api.errors import ERROR_RESPONSES
from api.routers.divergences import CategoryQ, CodePrefixQ, TechnologyQ
from queries.views import CommitmentGapReport, PartyGapReport, RegimeGapReport

router = APIRouter(prefix="/gaps", tags=["gaps"], responses=ERROR_RESPONSES)


@router.get("/regimes/{regime}", summary="Members whose lists lack the regime's entries")
def regime_gaps(
    analyses: AnalysesDep,
    paging: PagingDep,
    regime: Annotated[str, Path(min_length=2, max_length=100, examples=["wassenaar"])],
    category: CategoryQ = None,
    code_prefix: CodePrefixQ = None,
    technology: TechnologyQ = None,
    include_lag: Annotated[
        bool, Query(description="Include entries absent from editions older than the regime's.")
    ] = True,
) -> RegimeGapReport:
    return analyses.regime_gaps(
        regime,
        category=category,
        code_prefix=code_prefix,
        technology=technology,
        include_lag=include_lag,
        limit=paging.limit,
        offset=paging.offset,
    )


@router.get(
    "/codes/{code}",
    summary="Subscribers with no control on a technology the code of conduct addresses",
)
def commitment_gaps(
    analyses: AnalysesDep,
    paging: PagingDep,
    code: Annotated[
        str,
        Path(
            min_length=2,
            max_length=100,
            description="Code of conduct id, or the initiative establishing it.",
            examples=["echri"],
        ),
    ],
    technology: TechnologyQ = None,
    country: Annotated[
        list[Annotated[str, Query(max_length=20)]] | None,
        Query(max_length=50, description="Only these subscribers."),
    ] = None,
    status: Annotated[
        list[Literal["gap", "controlled", "no-list-held", "no-dual-use-list-held"]] | None,
        Query(max_length=4, description="Only rows with these statuses."),
    ] = None,
) -> CommitmentGapReport:
    return analyses.commitment_gaps(
        code,
        technology=technology,
        countries=country,
        statuses=status,
        limit=paging.limit,
        offset=paging.offset,
    )


@router.get("/parties", summary="Parties one issuer lists and its partners do not")
def party_gaps(
    analyses: AnalysesDep,
    paging: PagingDep,
    name: Annotated[
        str,
        Query(
            min_length=2, max_length=200, description="Party name (fuzzy).", examples=["NSO Group"]
        ),
    ],
    partner: Annotated[
        list[Annotated[str, Query(max_length=100)]] | None,
        Query(
            max_length=50,
            description="Partner countries, or a regime/initiative for its members (default "
            "echri).",
        ),
    ] = None,
    min_score: Annotated[float, Query(ge=50, le=100, description="Fuzzy score cut-off.")] = 85,
) -> PartyGapReport:
    return analyses.party_gaps(
        name,
        partners=partner,
        min_score=min_score,
        limit=min(paging.limit, 100),
        offset=paging.offset,
    )
