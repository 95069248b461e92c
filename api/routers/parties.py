"""Listed parties, found by name (fuzzy)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import AnalysesDep, PagingDep
from api.errors import ERROR_RESPONSES
from queries.views import Page, PartyHit

router = APIRouter(prefix="/parties", tags=["parties"], responses=ERROR_RESPONSES)


@router.get("", summary="Find listed parties by name")
def find_parties(
    analyses: AnalysesDep,
    paging: PagingDep,
    name: Annotated[
        str,
        Query(
            min_length=2,
            max_length=200,
            description="Name or alias, matched fuzzily.",
            examples=["NSO Group"],
        ),
    ],
    min_score: Annotated[float, Query(ge=50, le=100, description="Fuzzy score cut-off.")] = 80,
) -> Page[PartyHit]:
    """Each hit carries the name or alias matched, the score, and who lists the party, on
    which list, since when and why."""
    limit = min(paging.limit, 100)
    hits, total = analyses.parties(name, limit=limit, offset=paging.offset, min_score=min_score)
    return Page[PartyHit](items=hits, total=total, limit=limit, offset=paging.offset)
