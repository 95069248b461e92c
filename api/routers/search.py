"""Search entries by code (any numbering) or by words (English, French, Arabic)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import PagedAnalysesDep
from api.errors import ERROR_RESPONSES
from queries.requests import SearchRequest
from queries.views import SearchReport

router = APIRouter(prefix="/search", tags=["search"], responses=ERROR_RESPONSES)


@router.get("", summary="Find entries by code or by words")
def search(paged: PagedAnalysesDep, request: Annotated[SearchRequest, Query()]) -> SearchReport:
    return paged.analyses.search(request, **paged.window)
