"""The store protocol every backend implements, and the unit of writing: one source edition."""

from __future__ import annotations

import hashlib
import json
import threading
import weakref
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime
from typing import Any, Literal, Protocol, Self, runtime_checkable

import networkx as nx
import orjson
from pydantic import BaseModel, ConfigDict, Field

from graph_schema.model import EdgeRecord, NodeRecord


class StoreError(RuntimeError):
    """A store could not do what was asked; the graph is unchanged."""


class OwnershipConflict(StoreError):
    """A batch defines a node or edge that another source already defines.

    Each node and edge belongs to exactly one source key, so that replacing a source edition
    removes exactly what that edition said and nothing else.
    """


class RevisionMoved(StoreError):
    """A write was made for one revision of the graph, and the graph has moved since.

    Derived data (the alignment) is computed from many reads; it is written only if nothing
    changed the graph between its first read and its write.
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

    def record(self, digest: str) -> SourceRecord:
        """What the store remembers of this batch once written (now, with this digest)."""
        return SourceRecord(
            key=self.key,
            source_id=self.source_id,
            edition=self.edition,
            title=self.title,
            issuer=self.issuer,
            official_url=self.official_url,
            file_sha256=self.file_sha256,
            digest=digest,
            ingested_at=datetime.now(UTC),
            node_count=len(self.nodes),
            edge_count=len(self.edges),
        )

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
    # orjson: sorted keys, compact, UTF-8 as written; the same text json.dumps(sort_keys=True,
    # ensure_ascii=False, separators=(",", ":")) gives, several times faster.
    return orjson.dumps(obj, option=orjson.OPT_SORT_KEYS).decode()


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

    def replace_source(
        self, batch: SourceBatch, *, expect_revision: int | None = None
    ) -> WriteResult:
        """Make the graph hold exactly what ``batch`` says for its source key, atomically.

        With ``expect_revision``, raise :class:`RevisionMoved` (and write nothing) unless the
        graph is still at that revision when the write begins.
        """
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
        """The whole graph, frozen: node attributes ``label`` + properties, edge key = edge id,
        and ``graph.graph['revision']`` / ``['sources']`` read in the same transaction."""
        ...

    def subgraph(self, node_ids: Iterable[str]) -> nx.MultiDiGraph:
        """The nodes named that the graph holds and every edge between them, shaped and frozen
        like :meth:`to_networkx` (a part of the graph, read without the rest)."""
        ...

    def close(self) -> None: ...


class Closing:
    """``with store:`` for a backend holding a connection: closed on the way out."""

    def close(self) -> None:
        raise NotImplementedError

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


NodeRow = tuple[str, str, dict[str, Any]]
"""(id, label, properties) of one node, as a backend reads it."""
EdgeRow = tuple[str, str, str, str, dict[str, Any]]
"""(id, type, source, target, properties) of one edge, as a backend reads it."""

#: Strings up to this length are shared between rows; longer ones (entry texts) rarely repeat.
_SHARED_MAX = 256


class _Sharer:
    """One object per distinct short string across a whole graph build.

    Every row decoded from JSON carries its own copy of each property name and of values that
    repeat on thousands of rows (provenance, list names, countries); sharing them halves the
    memory of the full graph at no measurable cost in build time.
    """

    def __init__(self) -> None:
        self._memo: dict[str, str] = {}

    def text(self, value: str) -> str:
        if len(value) > _SHARED_MAX:
            return value
        return self._memo.setdefault(value, value)

    def value(self, value: Any) -> Any:
        if type(value) is str:
            return self.text(value)
        if type(value) is list:
            return [self.value(v) for v in value]
        if type(value) is dict:
            return self.props(value)
        return value

    def props(self, props: dict[str, Any]) -> dict[str, Any]:
        return {self.text(k): self.value(v) for k, v in props.items()}


def build_networkx(
    nodes: Iterable[NodeRow],
    edges: Iterable[EdgeRow],
    *,
    revision: int,
    sources: Sequence[SourceRecord],
) -> nx.MultiDiGraph:
    """The one way both backends turn rows into a networkx graph, so they agree.

    The graph is frozen (read-only) and ``graph.graph`` holds the ``revision`` and the
    ``sources`` (source records) of the state it was read from.
    """
    share = _Sharer()
    graph = nx.MultiDiGraph(revision=revision, sources=tuple(sources))
    for node_id, label, props in nodes:
        graph.add_node(node_id, label=label, **share.props(props))
    # 4-tuples keep the edge id as the networkx key even though edges have a 'key' property.
    # Endpoints are shared too: networkx keeps the edge's own string as the neighbour's key.
    graph.add_edges_from(
        (share.text(src), share.text(dst), edge_id, {"type": edge_type, **share.props(props)})
        for edge_id, edge_type, src, dst, props in edges
    )
    return nx.freeze(graph)


def induced(graph: nx.MultiDiGraph, node_ids: Iterable[str]) -> nx.MultiDiGraph:
    """:meth:`GraphStore.subgraph` of a store that holds its graph in memory."""
    kept = sorted({n for n in node_ids if n in graph})
    wanted = set(kept)
    part = nx.MultiDiGraph(**graph.graph)
    # Nodes and edges in id order, as the Neo4j store reads them, so both give the same file.
    part.add_nodes_from((n, graph.nodes[n]) for n in kept)
    part.add_edges_from(
        sorted(
            (
                (u, v, k, d)
                for u in kept
                for _, v, k, d in graph.out_edges(u, keys=True, data=True)
                if v in wanted
            ),
            key=lambda edge: str(edge[2]),
        )
    )
    return nx.freeze(part)


_BY_LABEL: weakref.WeakKeyDictionary[nx.MultiDiGraph, dict[str, list[tuple[str, Any]]]] = (
    weakref.WeakKeyDictionary()
)
_BY_LABEL_LOCK = threading.Lock()


def nodes_of_label(graph: nx.MultiDiGraph, label: str) -> list[tuple[str, dict[str, Any]]]:
    """``(id, attributes)`` of the nodes with one label, sorted by id.

    A frozen graph never changes, so its label index is built once (a scan of every node
    otherwise costs each catalogue or document read a few milliseconds on the full graph).
    """
    if not nx.is_frozen(graph):
        return sorted((n, d) for n, d in graph.nodes(data=True) if d.get("label") == label)
    with _BY_LABEL_LOCK:
        index = _BY_LABEL.get(graph)
        if index is None:
            index = {}
            for node, attrs in sorted(graph.nodes(data=True), key=lambda item: item[0]):
                index.setdefault(attrs.get("label", ""), []).append((node, attrs))
            _BY_LABEL[graph] = index
    return index.get(label, [])
