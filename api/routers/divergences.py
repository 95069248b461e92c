"""Divergences between jurisdictions."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import PagedAnalysesDep
from api.errors import ERROR_RESPONSES
from queries.requests import DivergenceRequest
from queries.views import DivergenceReport

router = APIRouter(prefix="/divergences", tags=["divergences"], responses=ERROR_RESPONSES)


@router.get("", summary="Where the controls of two or more jurisdictions diverge")
def divergences(
    paged: PagedAnalysesDep, request: Annotated[DivergenceRequest, Query()]
) -> DivergenceReport:
    """Regime entries controlled by some and not others (separating edition lag from
    non-implementation), scope and threshold differences, unilateral controls, and entries of
    other regimes held by only some. Every row has the editions compared, the entries on each
    side with their texts, and a one-sentence reason."""
    return paged.analyses.divergences(request, **paged.window)
