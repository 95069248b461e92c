"""Health and the sources (editions) in the graph, with their provenance."""

from __future__ import annotations

from fastapi import APIRouter, Request

from api.deps import CatalogDep, PagingDep
from api.serving import Served
from queries.views import Health, Page, SourceView

router = APIRouter()


@router.get("/health", tags=["meta"], summary="Service health and graph size")
async def health(request: Request) -> Health:
    """Never waits: says which revision answers come from, or that the first is being read.
    Answered on the event loop (it reads a few fields), never from the answer cache (it
    changes within a revision: a rebuild starting, a refresh failing)."""
    served: Served = request.app.state.served
    return served.health()


@router.get("/sources", tags=["sources"], summary="Source editions in the graph")
def sources(catalog: CatalogDep, paging: PagingDep) -> Page[SourceView]:
    """Every source edition ingested: official URL, file checksum, when, and how much."""
    return paging.page(catalog.sources())
