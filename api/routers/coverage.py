"""Coverage of a regime list by its members, and a country's controls against its regimes."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import AnalysesDep, PagedAnalysesDep, country_code
from api.errors import ERROR_RESPONSES
from queries.requests import CoverageRequest
from queries.views import CountryControls, CoverageReport

router = APIRouter(prefix="/coverage", tags=["coverage"], responses=ERROR_RESPONSES)


@router.get("", summary="Who implements each entry of a regime list, and how")
def coverage(
    paged: PagedAnalysesDep, request: Annotated[CoverageRequest, Query()]
) -> CoverageReport:
    return paged.analyses.coverage(request, **paged.window)


@router.get("/countries/{code}", summary="A country's controls against its regimes")
def country_controls(
    analyses: AnalysesDep, code: Annotated[str, country_code("IN")]
) -> CountryControls:
    """Lists held (every edition) and applied, unilateral items, and for each regime it belongs
    to: coverage of the regime list where one is held, or why it cannot be compared."""
    return analyses.country_controls(code)
