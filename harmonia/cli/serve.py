"""``harmonia serve``: the API and the dashboard under uvicorn."""

from __future__ import annotations

import ctypes
import ctypes.util
import os
from typing import Annotated

import typer

from harmonia.cli.common import (
    SourcesOpt,
    app,
    clear_errors,
    settings,
)
from harmonia.cli.ingest import existing_sources
from harmonia.wiring import store_from_settings

# --- serve ----------------------------------------------------------------------------------


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Listen address (HARMONIA_HOST).")] = None,
    port: Annotated[int | None, typer.Option(help="Port (HARMONIA_PORT).")] = None,
    sources: SourcesOpt = None,
) -> None:
    """Serve the API and dashboard with uvicorn."""
    import uvicorn

    from api.app import create_app
    from api.hardening import HEAD_LIMIT, GuardedH11Protocol

    cfg = settings()
    _fewer_malloc_arenas()
    search = existing_sources(cfg, sources)
    with clear_errors():
        # Read-only, so starting never waits for another process's write transaction; writes
        # (admin ingests, a stale alignment) open a writer for their duration. A graph file
        # that does not exist yet is created empty.
        exists = cfg.store != "embedded" or cfg.db_path.exists()
        store = store_from_settings(cfg, read_only=exists)
    application = create_app(
        store,
        sources_search=search,
        api_key=cfg.api_key.get_secret_value() if cfg.api_key else None,
        cors_origins=cfg.cors_origins,
        refresh_every=cfg.refresh_seconds,
        cache_bytes=int(cfg.response_cache_mb * 1_000_000),
        open_writer=lambda: store_from_settings(cfg),
        chromium=cfg.chromium,
    )
    try:
        uvicorn.run(
            application,
            host=host or cfg.host,
            port=port or cfg.port,
            log_level="info",
            http=GuardedH11Protocol,
            h11_max_incomplete_event_size=HEAD_LIMIT,
        )
    finally:
        store.close()


#: glibc's mallopt parameter for the number of malloc arenas.
_M_ARENA_MAX = -8


def _fewer_malloc_arenas(arenas: int = 2) -> None:
    """Cap glibc's malloc arenas (as MALLOC_ARENA_MAX would) unless the environment sets it.

    glibc gives threads their own arenas; with request threads running while a new graph is
    built, freed memory scatters across arenas and the server's RSS climbs (bench.load:
    800 MB with the default, 620 MB with two). A no-op where the C library is not glibc.
    """
    if "MALLOC_ARENA_MAX" in os.environ:
        return
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        libc.mallopt(_M_ARENA_MAX, arenas)
    except (OSError, AttributeError):
        pass
