"""Regimes, unions and initiatives with their members."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path

from api.deps import CatalogDep, PagingDep
from api.errors import ERROR_RESPONSES
from queries.views import Page, RegimeDetail, RegimeSummary

router = APIRouter(prefix="/regimes", tags=["regimes"], responses=ERROR_RESPONSES)


@router.get("", summary="List regimes")
def list_regimes(catalog: CatalogDep, paging: PagingDep) -> Page[RegimeSummary]:
    return paging.page(catalog.regimes())


@router.get("/{regime}", summary="A regime with its members")
def get_regime(
    catalog: CatalogDep,
    regime: Annotated[str, Path(min_length=1, max_length=100, examples=["wassenaar"])],
) -> RegimeDetail:
    return catalog.regime(regime)
