"""The Python client analysts use in Jupyter."""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from harmonia.settings import Settings
from queries.catalog import Catalog
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


def source_search_path(settings: Settings, sources: Path | None = None) -> list[Path]:
    """Where source files are looked for: the given or configured directory, then the cache."""
    chosen = sources or settings.sources_dir
    return [p for p in (chosen, settings.cache_dir) if p is not None]


class Harmonia:
    """An open graph: the catalogue and the analyses, plus the raw graph for networkx work."""

    def __init__(self, store: GraphStore) -> None:
        self.store = store
        self.catalog = Catalog(store)

    def to_networkx(self) -> nx.MultiDiGraph:
        """The whole graph (read-only); node attribute ``label`` gives each node's type."""
        return self.store.to_networkx()

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Harmonia:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open(settings: Settings | None = None, **overrides: object) -> Harmonia:
    """Open the configured graph read-only (embedded by default, Neo4j by settings).

    ``overrides`` set settings fields directly, e.g. ``harmonia.open(db_path="other.sqlite")``.
    """
    base = settings or Settings()
    if overrides:
        base = Settings.model_validate({**base.model_dump(), **overrides})
    return Harmonia(store_from_settings(base, read_only=base.store == "embedded"))
