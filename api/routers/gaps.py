"""Gaps: per regime, per code of conduct, and party listings."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query

from api.deps import AnalysesDep, PagingDep
from api.errors import ERROR_RESPONSES
from api.routers.divergences import CategoryQ, CodePrefixQ, TechnologyQ
from queries.party_match import MATCH_SCORE, REVIEW_SCORE
from queries.views import (
    CommitmentGapReport,
    PartyGapReport,
    PartyListGapReport,
    RegimeGapReport,
)

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


@router.get(
    "/party-lists",
    summary="Parties one issuer lists and another does not, both ways, matched by name",
)
def party_list_gaps(
    analyses: AnalysesDep,
    paging: PagingDep,
    issuer: Annotated[
        list[Annotated[str, Query(max_length=100)]],
        Query(
            min_length=2,
            max_length=2,
            description="The two issuers whose party lists are compared.",
            examples=[["US", "JP"]],
        ),
    ],
    listed_by: Annotated[
        str | None,
        Query(max_length=100, description="Only the parties of this one of the two issuers."),
    ] = None,
    verdict: Annotated[
        list[Literal["both", "review", "only"]] | None,
        Query(
            max_length=3,
            description="Only rows with these verdicts: both (listed by both), review (a "
            "possible match), only (listed by one issuer only).",
        ),
    ] = None,
    list_name: Annotated[
        list[Annotated[str, Query(max_length=200)]] | None,
        Query(
            alias="list",
            max_length=20,
            description="Compare only the lists whose names contain these words, e.g. 'Entity "
            "List' (an issuer with no such list keeps all its lists).",
        ),
    ] = None,
    country: Annotated[
        str | None,
        Query(
            min_length=2,
            max_length=2,
            description="Only parties with this country (ISO alpha-2).",
            examples=["IR"],
        ),
    ] = None,
    kind: Annotated[
        list[Annotated[str, Query(max_length=50)]] | None,
        Query(max_length=10, description="Only parties of these kinds (entity, individual...)."),
    ] = None,
    match_score: Annotated[
        float, Query(ge=50, le=100, description="Score from which two names are one party.")
    ] = MATCH_SCORE,
    review_score: Annotated[
        float, Query(ge=50, le=100, description="Score from which a name is a possible match.")
    ] = REVIEW_SCORE,
) -> PartyListGapReport:
    """Each row is a party of one issuer with the closest party of the other issuer, the names
    compared, their score and a verdict: listed by both, only by the first, or a possible match
    to review."""
    return analyses.party_list_gaps(
        issuer[0],
        issuer[1],
        listed_by=listed_by,
        verdicts=verdict,
        lists=list_name,
        country=country,
        kinds=kind,
        match_score=match_score,
        review_score=review_score,
        limit=paging.limit,
        offset=paging.offset,
    )
