"""Countries: memberships, subscriptions, country groups, lists."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import CatalogDep, PagingDep, country_code
from api.errors import ERROR_RESPONSES
from queries.views import CountryDetail, CountrySummary, Page

router = APIRouter(prefix="/countries", tags=["countries"], responses=ERROR_RESPONSES)

CountryCode = Annotated[str, country_code("FR")]


@router.get("", summary="List countries")
def list_countries(
    catalog: CatalogDep,
    paging: PagingDep,
    regime: Annotated[
        str | None,
        Query(
            max_length=100,
            description="Only current members of this regime.",
            examples=["wassenaar"],
        ),
    ] = None,
) -> Page[CountrySummary]:
    return paging.page(catalog.countries(regime=regime))


@router.get("/{code}", summary="One country's profile")
def get_country(catalog: CatalogDep, code: CountryCode) -> CountryDetail:
    return catalog.country(code)
