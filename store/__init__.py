"""Where the graph lives: one protocol, an embedded backend (default) and a Neo4j backend."""

from store.base import (
    GraphStore,
    OwnershipConflict,
    SourceBatch,
    SourceRecord,
    StoreError,
    WriteResult,
)
from store.factory import open_store

__all__ = [
    "GraphStore",
    "OwnershipConflict",
    "SourceBatch",
    "SourceRecord",
    "StoreError",
    "WriteResult",
    "open_store",
]
