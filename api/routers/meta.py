"""Health and the sources (editions) in the graph, with their provenance."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import CatalogDep, PagingDep
from queries.views import Health, Page, SourceView

router = APIRouter()


@router.get("/health", tags=["meta"], summary="Service health and graph size")
def health(catalog: CatalogDep) -> Health:
    return catalog.health()


@router.get("/sources", tags=["sources"], summary="Source editions in the graph")
def sources(catalog: CatalogDep, paging: PagingDep) -> Page[SourceView]:
    """Every source edition ingested: official URL, file checksum, when, and how much."""
    return paging.page(catalog.sources())
