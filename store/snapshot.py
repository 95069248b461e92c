"""A read-only store over one frozen graph: what a server answers from while writes go on.

A :class:`GraphSnapshot` holds the networkx graph of one revision (with the source records
read in the same transaction) and answers the read half of the :class:`~store.base.GraphStore`
protocol from it. Everything built over a snapshot (catalogue, analyses, exports) sees exactly
one committed state however long it lives, and never touches the backend again.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Any

import networkx as nx

from graph_schema.model import EdgeRecord, NodeRecord
from store.base import (
    GraphStore,
    SourceBatch,
    SourceRecord,
    StoreError,
    WriteResult,
    induced,
    nodes_of_label,
)


class GraphSnapshot:
    """The state of a store at one revision, read-only."""

    def __init__(self, graph: nx.MultiDiGraph, *, backend: str) -> None:
        if "revision" not in graph.graph:
            raise ValueError("the graph does not say its revision: build it with build_networkx")
        self.backend = backend
        self._graph = graph
        self._revision = int(graph.graph["revision"])
        self._sources: tuple[SourceRecord, ...] = tuple(graph.graph.get("sources", ()))
        # Nodes without a label are only the far ends of edges: networkx adds them, stores don't.
        counts: Counter[str] = Counter(
            d["label"] for _, d in graph.nodes(data=True) if "label" in d
        )
        counts.update(d["type"] for _, _, d in graph.edges(data=True))
        self._counts = dict(sorted(counts.items()))

    @classmethod
    def of(cls, store: GraphStore) -> GraphSnapshot:
        """The store's current state (the embedded store reuses its cached graph)."""
        if isinstance(store, GraphSnapshot):
            return store
        return cls(store.to_networkx(), backend=store.backend)

    # --- the read protocol ------------------------------------------------------------------

    def revision(self) -> int:
        return self._revision

    def sources(self) -> list[SourceRecord]:
        return list(self._sources)

    def counts(self) -> dict[str, int]:
        return dict(self._counts)

    def to_networkx(self) -> nx.MultiDiGraph:
        return self._graph

    def subgraph(self, node_ids: Iterable[str]) -> nx.MultiDiGraph:
        return induced(self._graph, node_ids)

    def get_node(self, node_id: str) -> NodeRecord | None:
        attrs = self._graph.nodes.get(node_id)
        return None if attrs is None or "label" not in attrs else _node(node_id, attrs)

    def nodes(self, label: str | None = None) -> Iterator[NodeRecord]:
        if label is not None:
            rows = nodes_of_label(self._graph, label)
        else:
            rows = sorted((n, d) for n, d in self._graph.nodes(data=True) if "label" in d)
        for node_id, attrs in rows:
            yield _node(node_id, attrs)

    def edges(
        self,
        edge_type: str | None = None,
        source: str | None = None,
        target: str | None = None,
    ) -> Iterator[EdgeRecord]:
        graph = self._graph
        if source is not None:
            found = graph.out_edges(source, keys=True, data=True) if source in graph else []
        elif target is not None:
            found = graph.in_edges(target, keys=True, data=True) if target in graph else []
        else:
            found = graph.edges(keys=True, data=True)
        rows = [
            (key, u, v, d)
            for u, v, key, d in found
            if (edge_type is None or d["type"] == edge_type) and (target is None or v == target)
        ]
        for key, u, v, d in sorted(rows, key=lambda row: row[0]):
            yield _edge(key, u, v, d)

    # --- writes are refused -----------------------------------------------------------------

    def replace_source(
        self, batch: SourceBatch, *, expect_revision: int | None = None
    ) -> WriteResult:
        raise StoreError(f"a snapshot of revision {self._revision} is read-only")

    def remove_source(self, key: str) -> WriteResult:
        raise StoreError(f"a snapshot of revision {self._revision} is read-only")

    def close(self) -> None:
        """Nothing to close: see :meth:`release`."""

    def release(self) -> None:
        """Let the graph be freed as soon as its last reader drops it.

        networkx caches its views (``graph.edges``, ``graph.succ``...) on the graph, and a
        view holds the graph: a reference cycle that only a full garbage collection frees, and
        those are rare with a few million objects alive, so replaced graphs piled up. Dropping
        the cached views breaks the cycle; a reader still using the graph rebuilds any it needs.
        """
        cached = {
            name
            for klass in type(self._graph).__mro__
            for name, attr in vars(klass).items()
            if isinstance(attr, functools.cached_property)
        }
        for name in cached:
            self._graph.__dict__.pop(name, None)


def _node(node_id: str, attrs: dict[str, Any]) -> NodeRecord:
    props = {k: v for k, v in attrs.items() if k != "label"}
    return NodeRecord(id=node_id, label=attrs["label"], properties=props)


def _edge(key: str, source: str, target: str, attrs: dict[str, Any]) -> EdgeRecord:
    props = {k: v for k, v in attrs.items() if k != "type"}
    return EdgeRecord(id=key, type=attrs["type"], source=source, target=target, properties=props)
