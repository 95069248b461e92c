"""Changes between two editions of one list."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import PagedAnalysesDep
from api.errors import ERROR_RESPONSES
from queries.requests import ChangesRequest
from queries.views import ChangeReport

router = APIRouter(prefix="/changes", tags=["changes"], responses=ERROR_RESPONSES)


@router.get("", summary="Entries added, removed and changed between two editions")
def changes(paged: PagedAnalysesDep, request: Annotated[ChangesRequest, Query()]) -> ChangeReport:
    return paged.analyses.changes(request, **paged.window)
