"""Coverage of a regime list by its members, and a country's controls against its regimes."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from api.deps import AnalysesDep, PagingDep
from api.errors import ERROR_RESPONSES
from queries.requests import CoverageRequest
from queries.views import CountryControls, CoverageReport

router = APIRouter(prefix="/coverage", tags=["coverage"], responses=ERROR_RESPONSES)


@router.get("", summary="Who implements each entry of a regime list, and how")
def coverage(
    analyses: AnalysesDep,
    paging: PagingDep,
    request: Annotated[CoverageRequest, Query()],
) -> CoverageReport:
    return analyses.coverage(request, limit=paging.limit, offset=paging.offset)


@router.get("/countries/{code}", summary="A country's controls against its regimes")
def country_controls(
    analyses: AnalysesDep,
    code: Annotated[
        str,
        Path(
            min_length=2,
            max_length=20,
            pattern=r"^(country:)?[A-Za-z]{2}$",
            description="ISO 3166-1 alpha-2 code.",
            examples=["IN"],
        ),
    ],
) -> CountryControls:
    """Lists held (every edition) and applied, unilateral items, and for each regime it belongs
    to: coverage of the regime list where one is held, or why it cannot be compared."""
    return analyses.country_controls(code)
