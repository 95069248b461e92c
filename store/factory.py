"""Open the configured backend. Callers pass plain values; the store never reads settings."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from store.base import GraphStore, StoreError


def open_store(
    kind: Literal["embedded", "neo4j"],
    *,
    path: Path | None = None,
    read_only: bool = False,
    neo4j_uri: str | None = None,
    neo4j_user: str = "neo4j",
    neo4j_password: str = "",
    neo4j_database: str | None = None,
) -> GraphStore:
    if kind == "embedded":
        if path is None:
            raise StoreError("the embedded store needs a file path")
        from store.embedded import EmbeddedStore

        return EmbeddedStore(path, read_only=read_only)
    if not neo4j_uri:
        raise StoreError("the Neo4j store needs HARMONIA_NEO4J_URI (e.g. bolt://localhost:7687)")
    from store.neo4j_backend import Neo4jStore

    return Neo4jStore(neo4j_uri, neo4j_user, neo4j_password, database=neo4j_database)
