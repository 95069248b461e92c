"""How the command and the client open the configured graph: the store the settings name, where
source files are looked for, and a stale derived alignment brought up to date before reading."""

from __future__ import annotations

from pathlib import Path

from harmonia.settings import Settings
from store import GraphStore, open_store


def store_from_settings(settings: Settings, *, read_only: bool = False) -> GraphStore:
    return open_store(
        settings.store,
        path=settings.db_path,
        read_only=read_only,
        neo4j_uri=settings.neo4j_uri,
        neo4j_user=settings.neo4j_user,
        neo4j_password=settings.neo4j_password.get_secret_value(),
        neo4j_database=settings.neo4j_database,
    )


def graph_file(settings: Settings, start: Path | None = None) -> Path:
    """The embedded graph file: ``db_path`` as given when it is absolute or found from the
    working directory; a relative one not found there is looked for in the folders above it
    (a notebook opened in ``notebooks/`` finds the project's ``var/harmonia.sqlite``)."""
    path = settings.db_path
    if path.is_absolute():
        return path
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / path).exists():
            return folder / path
    return here / path


def source_search_path(settings: Settings, sources: Path | None = None) -> list[Path]:
    """Where source files are looked for: the given or configured directory, then the cache."""
    chosen = sources or settings.sources_dir
    return [p for p in (chosen, settings.cache_dir) if p is not None]


def bring_derived_up_to_date(store: GraphStore, settings: Settings) -> None:
    """Rebuild a stale alignment (an ingest stopped before it) before any analysis reads it;
    warn, and read on, when this graph cannot be written here."""
    import warnings

    from ingest.runner import IngestError, alignment_stale
    from ingest.runner import bring_derived_up_to_date as rebuild
    from store.base import StoreError

    if not alignment_stale(store):
        return
    try:
        writer = store_from_settings(settings)
        try:
            rebuild(writer)
        finally:
            writer.close()
    except (IngestError, StoreError, OSError) as exc:
        warnings.warn(
            f"the graph's derived alignment is stale and could not be rebuilt ({exc}); "
            "divergences and coverage may be wrong until 'harmonia ingest' runs",
            stacklevel=3,
        )
