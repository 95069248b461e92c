"""The technology taxonomy, with labels in English, French and Arabic."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path

from api.deps import CatalogDep, PagingDep
from api.errors import ERROR_RESPONSES
from queries.views import Page, TechnologyView

router = APIRouter(prefix="/technologies", tags=["technologies"], responses=ERROR_RESPONSES)


@router.get("", summary="List technologies")
def list_technologies(catalog: CatalogDep, paging: PagingDep) -> Page[TechnologyView]:
    return paging.page(catalog.technologies())


@router.get("/{technology}", summary="One technology")
def get_technology(
    catalog: CatalogDep,
    technology: Annotated[str, Path(min_length=1, max_length=100, examples=["intrusion-software"])],
) -> TechnologyView:
    return catalog.technology(technology)
