"""The FastAPI application factory. It gets a store and plain values, never settings."""

from __future__ import annotations

import hashlib
from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path

from fastapi import FastAPI, Request, Response
from fastapi.middleware.cors import CORSMiddleware

from api import errors
from api.routers import (
    admin,
    countries,
    coverage,
    divergences,
    entries,
    gaps,
    lists,
    meta,
    parties,
    regimes,
    search,
    technologies,
)
from api.routers import changes as changes_router
from api.routers import dashboard as dashboard_router
from api.routers import documents as documents_router
from api.routers import exports as exports_router
from queries.analyses import Analyses
from queries.catalog import Catalog
from queries.evidence import InvalidQuery
from store.base import GraphStore

TAGS = [
    {"name": "meta", "description": "Service health."},
    {"name": "sources", "description": "Source editions in the graph and their provenance."},
    {"name": "countries", "description": "Countries, memberships and subscriptions."},
    {"name": "regimes", "description": "Regimes, unions and initiatives with their members."},
    {"name": "technologies", "description": "Technology taxonomy (en, fr, ar labels)."},
    {"name": "lists", "description": "Control-list editions held and their entries."},
    {"name": "entries", "description": "One entry with its regime counterparts and technologies."},
    {
        "name": "divergences",
        "description": "Where the controls of two or more jurisdictions diverge, with evidence.",
    },
    {"name": "coverage", "description": "Who implements each regime entry, and how."},
    {"name": "gaps", "description": "Regime, code-of-conduct and party-listing gaps."},
    {"name": "changes", "description": "What changed between two editions of one list."},
    {"name": "search", "description": "Entries by code in any numbering, or by words."},
    {"name": "parties", "description": "Listed parties by name (fuzzy)."},
    {
        "name": "documents",
        "description": "News and statements (ar, en, fr): mentions, and claims with evidence "
        "and agreement with the official data.",
    },
    {"name": "admin", "description": "Writes; need an API key and are off by default."},
    {
        "name": "exports",
        "description": "CSV of divergences and coverage; the graph as GraphML, "
        "JSON and a Neo4j import bundle.",
    },
    {
        "name": "dashboard",
        "description": "What the dashboard page at / reads beyond the "
        "analyses: its pickers and the coverage matrix.",
    },
]


def create_app(
    store: GraphStore,
    *,
    sources_search: Sequence[Path] = (),
    api_key: str | None = None,
    cors_origins: Sequence[str] = (),
) -> FastAPI:
    app = FastAPI(
        title="Harmonia",
        version="0.1.0",
        summary="Where export controls diverge and where the gaps are.",
        openapi_tags=TAGS,
    )
    app.state.catalog = Catalog(store)
    app.state.analyses = Analyses(store)
    app.state.api_key = api_key
    app.state.sources_search = list(sources_search)
    errors.install(app)

    @app.exception_handler(InvalidQuery)
    async def _invalid_query(_: Request, exc: InvalidQuery) -> Response:
        return errors.error_response(422, str(exc))

    if cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(cors_origins),
            allow_methods=["GET"],
            allow_headers=["*"],
        )

    @app.middleware("http")
    async def etag(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        # Reads change only when the store's revision does: a cheap, correct validator.
        if request.method != "GET":
            return await call_next(request)
        revision = store.revision()
        tag = hashlib.sha256(f"{revision}|{request.url.path}?{request.url.query}".encode())
        value = f'W/"{tag.hexdigest()[:20]}"'
        if request.headers.get("if-none-match") == value:
            return Response(status_code=304, headers={"ETag": value})
        response = await call_next(request)
        if response.status_code == 200:
            response.headers["ETag"] = value
            response.headers["Cache-Control"] = "no-cache"
        return response

    for router in (
        meta.router,
        countries.router,
        regimes.router,
        technologies.router,
        lists.router,
        entries.router,
        divergences.router,
        coverage.router,
        gaps.router,
        changes_router.router,
        search.router,
        parties.router,
        documents_router.router,
        admin.router,
        exports_router.router,
        dashboard_router.router,
    ):
        app.include_router(router)
    return app
