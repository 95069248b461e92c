"""The FastAPI application factory. It gets a store and plain values, never settings."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request, Response
from fastapi.middleware.cors import CORSMiddleware
from fastapi_offline import FastAPIOffline

from api import errors
from api.hardening import HardeningMiddleware
from api.middleware import SnapshotMiddleware
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
from api.routers import authorisations as authorisations_router
from api.routers import briefs as briefs_router
from api.routers import changes as changes_router
from api.routers import dashboard as dashboard_router
from api.routers import documents as documents_router
from api.routers import exports as exports_router
from api.scratch import Scratch
from api.serving import CACHE_BYTES, Served
from queries.errors import InvalidQuery
from queries.graph import GraphStore

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
    {
        "name": "briefs",
        "description": "Harmonisation briefs: a jurisdiction's standing against a reference "
        "and a ranked agenda to converge, with evidence.",
    },
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
    refresh_every: float = 0.5,
    cache_bytes: int = CACHE_BYTES,
    open_writer: Callable[[], GraphStore] | None = None,
    chromium: Path | None = None,
) -> FastAPI:
    """The app over ``store``. Reads are answered from a snapshot of the graph that a
    background thread renews when the store's revision moves (looking at most every
    ``refresh_every`` seconds), and repeated reads from a cache of up to ``cache_bytes`` of
    answers per snapshot (0: none); see :mod:`api.serving` and :mod:`api.caching`. Writes
    (admin ingests, stale derived data) go to a store from ``open_writer`` when given, so that
    ``store`` can be opened read-only. ``chromium`` prints the dashboard's PDF briefs (unset:
    Chromium found on the PATH)."""
    scratch = Scratch()
    served = Served(
        store,
        check_every=refresh_every,
        cache_bytes=cache_bytes,
        open_writer=open_writer,
        scratch=scratch,
    )

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        scratch.sweep()  # what servers killed outright left behind
        served.start()  # the first graph is read while the server already answers /health
        try:
            yield
        finally:
            scratch.close()  # export files and large answers: nothing is left in /tmp

    # /docs and /redoc load Swagger UI and ReDoc from the installed package, not from a CDN:
    # the API's documentation works on a machine with no internet.
    app = FastAPIOffline(
        title="Harmonia",
        version="0.1.0",
        summary="Where export controls diverge and where the gaps are.",
        openapi_tags=TAGS,
        lifespan=lifespan,
    )
    app.state.served = served
    app.state.scratch = scratch
    app.state.api_key = api_key
    app.state.sources_search = list(sources_search)
    app.state.chromium = chromium
    errors.install(app)

    @app.exception_handler(InvalidQuery)
    async def _invalid_query(_: Request, exc: InvalidQuery) -> Response:
        return errors.error_response(422, str(exc))

    # Added before CORS, so CORS (outermost) also heads answers served from the cache.
    app.add_middleware(SnapshotMiddleware, served=served, api_key=api_key)
    if cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(cors_origins),
            allow_methods=["GET"],
            allow_headers=["*"],
        )
    app.add_middleware(HardeningMiddleware)  # outermost: every answer gets its headers

    for router in (
        meta.router,
        countries.router,
        regimes.router,
        technologies.router,
        lists.router,
        entries.router,
        divergences.router,
        coverage.router,
        briefs_router.router,
        gaps.router,
        changes_router.router,
        authorisations_router.router,
        search.router,
        parties.router,
        documents_router.router,
        admin.router,
        exports_router.router,
        dashboard_router.router,
    ):
        app.include_router(router)
    return app
