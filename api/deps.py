"""Shared dependencies: the view a request reads (catalogue, analyses, documents), pagination,
the API key."""

from __future__ import annotations

import hmac
from typing import Annotated, Any, TypedDict, TypeVar

from fastapi import Depends, Header, HTTPException, Path, Query, Request

from api.serving import Served, View
from queries.analyses import Analyses
from queries.catalog import Catalog
from queries.documents import DocumentQueries
from queries.views import Page

T = TypeVar("T")
MAX_LIMIT = 500


def get_view(request: Request) -> View:
    """The view this request reads: the one pinned when the request came in, if any."""
    view: View | None = getattr(request.state, "view", None)
    if view is None:
        served: Served = request.app.state.served
        view = served.current()
        request.state.view = view
    return view


ViewDep = Annotated[View, Depends(get_view)]


def get_catalog(view: ViewDep) -> Catalog:
    return view.catalog


def get_analyses(view: ViewDep) -> Analyses:
    return view.analyses


def get_documents(view: ViewDep) -> DocumentQueries:
    return view.documents


CatalogDep = Annotated[Catalog, Depends(get_catalog)]
AnalysesDep = Annotated[Analyses, Depends(get_analyses)]
DocumentsDep = Annotated[DocumentQueries, Depends(get_documents)]


class Paging:
    def __init__(
        self,
        limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Page size.")] = 50,
        offset: Annotated[int, Query(ge=0, le=10_000_000, description="Items to skip.")] = 0,
    ) -> None:
        self.limit = limit
        self.offset = offset

    def page(self, items: list[T]) -> Page[T]:
        return Page[T](
            items=items[self.offset : self.offset + self.limit],
            total=len(items),
            limit=self.limit,
            offset=self.offset,
        )


PagingDep = Annotated[Paging, Depends()]


class Window(TypedDict):
    """The page an analysis is asked for, as its keyword arguments."""

    limit: int
    offset: int


class PagedAnalyses:
    """What an analysis endpoint reads: the analyses of the request's view, and the page of
    the report the query string asks for (``analyses.coverage(request, **paged.window)``)."""

    def __init__(self, analyses: AnalysesDep, paging: PagingDep) -> None:
        self.analyses = analyses
        self.window = Window(limit=paging.limit, offset=paging.offset)


PagedAnalysesDep = Annotated[PagedAnalyses, Depends()]


def country_code(example: str) -> Any:
    """The path parameter naming a country by its ISO code (``FR`` or ``country:FR``)."""
    return Path(
        min_length=2,
        max_length=20,
        pattern=r"^(country:)?[A-Za-z]{2}$",
        description="ISO 3166-1 alpha-2 code.",
        examples=[example],
    )


def require_api_key(
    request: Request,
    x_api_key: Annotated[str | None, Header(max_length=256, description="API key.")] = None,
) -> None:
    """Writes are off unless a key is configured, and then need that key."""
    expected: str | None = request.app.state.api_key
    if not expected or not expected.strip():
        # An empty key would match an empty header: a blank setting keeps writes off.
        raise HTTPException(403, "writing through the API is disabled: set HARMONIA_API_KEY")
    if x_api_key is None or not hmac.compare_digest(x_api_key.encode(), expected.encode()):
        raise HTTPException(
            401, "missing or wrong X-API-Key", headers={"WWW-Authenticate": "ApiKey"}
        )
