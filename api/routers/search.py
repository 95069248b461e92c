"""Search entries by code (any numbering) or by words (English, French, Arabic)."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query

from api.deps import AnalysesDep, PagingDep
from api.errors import ERROR_RESPONSES
from queries.views import SearchReport

router = APIRouter(prefix="/search", tags=["search"], responses=ERROR_RESPONSES)


@router.get("", summary="Find entries by code or by words")
def search(
    analyses: AnalysesDep,
    paging: PagingDep,
    q: Annotated[
        str,
        Query(
            min_length=1,
            max_length=200,
            description=(
                "A code in any numbering (5.A.1.j, 5A001.j, ML10, PL5001; SCOMET 8A501 with "
                "system=scomet) or words; French and Arabic words match the technology labels."
            ),
            examples=["5.A.1.j"],
        ),
    ],
    mode: Annotated[
        Literal["auto", "code", "words"], Query(description="auto: a code if it reads as one.")
    ] = "auto",
    system: Annotated[
        Literal["wassenaar", "munitions", "eccn", "uk-national", "scomet"] | None,
        Query(description="Numbering of the code, needed for SCOMET."),
    ] = None,
    list_id: Annotated[
        str | None,
        Query(max_length=100, pattern=r"^list:[a-z0-9:-]+$", description="Only this list."),
    ] = None,
) -> SearchReport:
    return analyses.search(
        q, mode=mode, system=system, list_id=list_id, limit=paging.limit, offset=paging.offset
    )
