"""Control-list editions and their entries."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Query

from api.deps import AnalysesDep, PagedAnalysesDep, PagingDep
from api.errors import ERROR_RESPONSES
from queries.requests import EntriesRequest
from queries.views import EntryRef, ListDetail, ListSummary, Page

router = APIRouter(prefix="/lists", tags=["lists"], responses=ERROR_RESPONSES)

ListIdPath = Annotated[
    str,
    Path(
        max_length=100,
        pattern=r"^list:[a-z0-9:-]+$",
        description="List edition id.",
        examples=["list:wassenaar:2025"],
    ),
]


@router.get("", summary="List editions held")
def list_lists(
    analyses: AnalysesDep,
    paging: PagingDep,
    issuer: Annotated[
        str | None,
        Query(max_length=100, description="Issuer: a country code, EU or a regime."),
    ] = None,
    changed_since: Annotated[
        str | None,
        Query(
            pattern=r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
            description="Only editions dated on or after this day (YYYY-MM-DD).",
            examples=["2024-01-01"],
        ),
    ] = None,
) -> Page[ListSummary]:
    # A strict ISO day: pydantic's lax date parsing would read "0" as 1970-01-01.
    since = None
    if changed_since is not None:
        try:
            since = date.fromisoformat(changed_since)
        except ValueError as exc:
            raise HTTPException(422, f"changed_since: {exc}") from exc
    return paging.page(analyses.lists(issuer=issuer, changed_since=since))


@router.get("/{list_id}", summary="One list edition")
def get_list(analyses: AnalysesDep, list_id: ListIdPath) -> ListDetail:
    return analyses.list_detail(list_id)


@router.get("/{list_id}/entries", summary="Entries of one list edition")
def list_entries(
    paged: PagedAnalysesDep, list_id: ListIdPath, request: Annotated[EntriesRequest, Query()]
) -> Page[EntryRef]:
    return paged.analyses.list_entries(list_id, request, **paged.window)
