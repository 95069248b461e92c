"""The FastAPI application factory. It gets a store and plain values, never settings."""

from __future__ import annotations

import hashlib
from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path

from fastapi import FastAPI, Request, Response
from fastapi.middleware.cors import CORSMiddleware

from api import errors
from api.routers import admin, countries, meta, regimes, technologies
from queries.catalog import Catalog
from store.base import GraphStore

TAGS = [
    {"name": "meta", "description": "Service health."},
    {"name": "sources", "description": "Source editions in the graph and their provenance."},
    {"name": "countries", "description": "Countries, memberships and subscriptions."},
    {"name": "regimes", "description": "Regimes, unions and initiatives with their members."},
    {"name": "technologies", "description": "Technology taxonomy (en, fr, ar labels)."},
    {"name": "admin", "description": "Writes; need an API key and are off by default."},
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
    app.state.api_key = api_key
    app.state.sources_search = list(sources_search)
    errors.install(app)
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
        admin.router,
    ):
        app.include_router(router)
    return app
