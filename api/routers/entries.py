"""One control entry with its alignment, origin and technology tags."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path

from api.deps import AnalysesDep
from api.errors import ERROR_RESPONSES
from queries.views import EntryDetail, EntryTimeline

router = APIRouter(prefix="/entries", tags=["entries"], responses=ERROR_RESPONSES)


EntryIdP = Annotated[
    str,
    Path(
        min_length=8,
        max_length=200,
        pattern=r"^entry:[A-Za-z0-9:._()-]+$",
        description="Entry id: entry:<list>:<canonical code>.",
        examples=["entry:wassenaar:2025:5A001.j"],
    ),
]


@router.get("/{entry_id}", summary="One entry, its counterparts and technologies")
def get_entry(analyses: AnalysesDep, entry_id: EntryIdP) -> EntryDetail:
    return analyses.entry(entry_id)


@router.get(
    "/{entry_id}/timeline",
    summary="The entry in every edition held of its list: code, text and change per edition",
)
def get_timeline(analyses: AnalysesDep, entry_id: EntryIdP) -> EntryTimeline:
    return analyses.timeline(entry_id)
