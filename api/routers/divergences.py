"""Divergences between jurisdictions; also home of the filter parameters the other analysis
routers share."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query

from api.deps import AnalysesDep, PagingDep
from api.errors import ERROR_RESPONSES
from queries.views import DivergenceReport

CategoryQ = Annotated[
    str | None,
    Query(
        max_length=4,
        pattern=r"^(?:[0-9]|[Mm][Ll][0-9]{1,2})$",
        description="Category: 0-9 (dual-use) or ML1-ML22 (munitions).",
        examples=["5"],
    ),
]
CodePrefixQ = Annotated[
    str | None,
    Query(
        max_length=40,
        description="Code or code prefix in any numbering: 5A001, 5.A.1.j, 5A.",
        examples=["5A001.j"],
    ),
]
TechnologyQ = Annotated[
    str | None,
    Query(
        max_length=100,
        description="Technology id, or a label in English, French or Arabic.",
        examples=["intrusion software"],
    ),
]
Kind = Literal[
    "agreement",
    "not-implemented",
    "edition-lag",
    "scope-differs",
    "unilateral",
    "not-in-regime-list",
    "other-regime",
]

router = APIRouter(prefix="/divergences", tags=["divergences"], responses=ERROR_RESPONSES)


@router.get("", summary="Where the controls of two or more jurisdictions diverge")
def divergences(
    analyses: AnalysesDep,
    paging: PagingDep,
    jurisdiction: Annotated[
        list[Annotated[str, Query(min_length=2, max_length=100)]],
        Query(
            min_length=2,
            max_length=12,
            description=(
                "Two or more jurisdictions, repeated: a country code (US), EU, or a regime "
                "(wassenaar)."
            ),
            examples=[["US", "EU"]],
        ),
    ],
    category: CategoryQ = None,
    technology: TechnologyQ = None,
    code_prefix: CodePrefixQ = None,
    kind: Annotated[
        list[Kind] | None, Query(max_length=7, description="Only rows of these kinds.")
    ] = None,
    include_agreements: Annotated[
        bool, Query(description="Also list the entries they all control alike.")
    ] = False,
) -> DivergenceReport:
    """Regime entries controlled by some and not others (separating edition lag from
    non-implementation), scope and threshold differences, unilateral controls, and entries of
    other regimes held by only some. Every row has the editions compared, the entries on each
    side with their texts, and a one-sentence reason."""
    return analyses.divergences(
        jurisdiction,
        category=category,
        technology=technology,
        code_prefix=code_prefix,
        kinds=kind,
        include_agreements=include_agreements,
        limit=paging.limit,
        offset=paging.offset,
    )
