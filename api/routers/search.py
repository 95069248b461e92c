"""Search entries by code (any numbering) or by words (English, French, Arabic)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import AnalysesDep, PagedAnalysesDep
from api.errors import ERROR_RESPONSES
from queries.requests import SearchRequest
from queries.site_search import SiteSearch, site_search
from queries.views import SearchReport

router = APIRouter(prefix="/search", tags=["search"], responses=ERROR_RESPONSES)


@router.get("", summary="Find entries by code or by words")
def search(paged: PagedAnalysesDep, request: Annotated[SearchRequest, Query()]) -> SearchReport:
    return paged.analyses.search(request, **paged.window)


@router.get("/all", summary="Find entries and listed parties, grouped (the dashboard's box)")
def search_all(
    analyses: AnalysesDep,
    q: Annotated[
        str,
        Query(
            min_length=1,
            max_length=200,
            description="A code in any numbering (5A002, 5.A.2, SCOMET 8A502), words in "
            "English, French or Arabic, or a party name.",
            examples=["NSO Group Technologies"],
        ),
    ],
    limit: Annotated[int, Query(ge=1, le=50, description="Most hits per group.")] = 20,
) -> SiteSearch:
    """Entries as /search finds them (a code that finds nothing in the default numbering is
    tried as a SCOMET code), and parties as the party name matcher of /gaps/party-lists finds
    them (one best per issuer), completed by the fuzzy search of /parties."""
    return site_search(analyses, q, limit=limit)
