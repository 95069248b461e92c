"""The store protocol every backend implements, and the unit of writing: one source edition."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Sequence
from datetime import datetime
from typing import Any, Literal, Protocol, runtime_checkable

import networkx as nx
from pydantic import BaseModel, ConfigDict, Field

from graph_schema.model import EdgeRecord, NodeRecord


class StoreError(RuntimeError):
    """A store could not do what was asked; the graph is unchanged."""


class OwnershipConflict(StoreError):
    """A batch defines a node or edge that another source already defines.

    Each node and edge belongs to exactly one source key, so that replacing a source edition
    removes exactly what that edition said and nothing else.
    """


class SourceRecord(BaseModel):
    """What the store remembers about one ingested source edition."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    key: str = Field(description="'<source id>@<edition>', the unit of atomic replacement.")
    source_id: str
    edition: str
    title: str
    issuer: str | None = None
    official_url: str | None = None
    file_sha256: str | None = None
    digest: str = Field(description="SHA-256 of the batch content; equal digest = no change.")
    ingested_at: datetime
    node_count: int
    edge_count: int


class SourceBatch(BaseModel):
    """Everything one source edition says, written atomically."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    source_id: str
    edition: str
    title: str
    issuer: str | None = None
    official_url: str | None = None
    file_sha256: str | None = None
    nodes: Sequence[NodeRecord]
    edges: Sequence[EdgeRecord]

    @property
    def key(self) -> str:
        return f"{self.source_id}@{self.edition}"

    def serialized(self) -> tuple[list[tuple[str, str, str]], list[tuple[str, str, str, str, str]]]:
        """Rows with properties as canonical JSON: what the embedded store writes and the
        digest hashes, computed once per write."""
        nodes = [(n.id, n.label, _canonical(n.properties)) for n in self.nodes]
        edges = [(e.id, e.type, e.source, e.target, _canonical(e.properties)) for e in self.edges]
        return nodes, edges

    def digest(self, serialized: tuple[list[Any], list[Any]] | None = None) -> str:
        """Order-independent content hash, so the same facts always hash the same."""
        nodes, edges = serialized or self.serialized()
        h = hashlib.sha256()
        head = [self.source_id, self.edition, self.title, self.issuer, self.official_url]
        h.update(json.dumps([*head, self.file_sha256]).encode())
        for rows in (nodes, edges):
            for row in sorted("\x1f".join(row) for row in rows):
                h.update(row.encode())
                h.update(b"\x1e")
        return h.hexdigest()

    def check_unique(self) -> None:
        """Two facts of one batch with the same id would silently overwrite each other."""
        for kind, rows in (("node", self.nodes), ("edge", self.edges)):
            seen: set[str] = set()
            for row in rows:
                if row.id in seen:
                    raise StoreError(f"source {self.key} defines {kind} {row.id} twice")
                seen.add(row.id)


def _canonical(obj: Any) -> str:
    return json.dumps(obj, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


class WriteResult(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    key: str
    status: Literal["written", "unchanged"]
    nodes: int
    edges: int
    removed_nodes: int = 0
    removed_edges: int = 0


@runtime_checkable
class GraphStore(Protocol):
    """What every backend offers. Reads never see half of a write."""

    backend: str

    def replace_source(self, batch: SourceBatch) -> WriteResult:
        """Make the graph hold exactly what ``batch`` says for its source key, atomically."""
        ...

    def remove_source(self, key: str) -> WriteResult:
        """Forget everything one source edition said."""
        ...

    def sources(self) -> list[SourceRecord]:
        """Every source edition in the graph, sorted by key."""
        ...

    def get_node(self, node_id: str) -> NodeRecord | None: ...

    def nodes(self, label: str | None = None) -> Iterator[NodeRecord]:
        """Nodes sorted by id, optionally of one label."""
        ...

    def edges(
        self,
        edge_type: str | None = None,
        source: str | None = None,
        target: str | None = None,
    ) -> Iterator[EdgeRecord]:
        """Edges sorted by id, filtered by type and endpoints."""
        ...

    def counts(self) -> dict[str, int]:
        """Number of nodes per label and edges per type."""
        ...

    def revision(self) -> int:
        """Increases with every change; lets readers cache."""
        ...

    def to_networkx(self) -> nx.MultiDiGraph:
        """The whole graph: node attributes ``label`` + properties, edge key = edge id."""
        ...

    def close(self) -> None: ...


def build_networkx(nodes: Iterator[NodeRecord], edges: Iterator[EdgeRecord]) -> nx.MultiDiGraph:
    """The one way both backends turn rows into a networkx graph, so they agree."""
    graph = nx.MultiDiGraph()
    for node in nodes:
        graph.add_node(node.id, label=node.label, **node.properties)
    # 4-tuples keep the edge id as the networkx key even though edges have a 'key' property.
    graph.add_edges_from(
        (e.source, e.target, e.id, {"type": e.type, **e.properties}) for e in edges
    )
    return graph
