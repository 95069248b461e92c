"""Where the reader takes nodes and edges from: the adapters of :class:`GraphSource`.

The rows reader (:mod:`queries.reading.reader`) is written once over this small protocol. Two
adapters answer it: :class:`NetworkxSource` from the networkx view of any store (the embedded
store and the serving snapshot keep that view frozen per revision), and :class:`StoreSource`
through the store protocol's ``nodes(label)`` and ``edges(type)``, which loads only what an
analysis asks for (a one-off command does not pay for the whole networkx graph).
"""

from __future__ import annotations

import threading
from collections import defaultdict
from typing import Any, Protocol

import networkx as nx

from store.base import GraphStore, nodes_of_label

#: ``(source id, target id, properties)`` of one edge.
Edge = tuple[str, str, dict[str, Any]]


class GraphSource(Protocol):
    """Nodes by label and edges by type, with a version that changes when the graph does."""

    def revision(self) -> int:
        """The store's revision (what callers report)."""
        ...

    def version(self) -> object:
        """What caches key on: equal (or the same object) while the graph is unchanged."""
        ...

    def nodes(self, label: str) -> list[tuple[str, dict[str, Any]]]: ...

    def edges(self, edge_type: str) -> list[Edge]: ...


class StoreSource:
    """Reads through the :class:`GraphStore` protocol."""

    def __init__(self, store: GraphStore) -> None:
        self.store = store

    def revision(self) -> int:
        return self.store.revision()

    def version(self) -> object:
        return self.store.revision()

    def nodes(self, label: str) -> list[tuple[str, dict[str, Any]]]:
        return [(n.id, n.properties) for n in self.store.nodes(label)]

    def edges(self, edge_type: str) -> list[Edge]:
        return [(e.source, e.target, e.properties) for e in self.store.edges(edge_type)]


class NetworkxSource:
    """Reads the networkx view of a store; edges are grouped by type once per graph."""

    def __init__(self, store: GraphStore) -> None:
        self.store = store
        self._lock = threading.Lock()
        self._by_type: tuple[nx.MultiDiGraph, dict[str, list[Edge]]] | None = None

    @property
    def graph(self) -> nx.MultiDiGraph:
        return self.store.to_networkx()

    def revision(self) -> int:
        return self.store.revision()

    def version(self) -> object:
        # The frozen graph object is the version: the embedded store rebuilds it on change.
        return self.graph

    def nodes(self, label: str) -> list[tuple[str, dict[str, Any]]]:
        return nodes_of_label(self.graph, label)

    def edges(self, edge_type: str) -> list[Edge]:
        graph = self.graph
        with self._lock:
            if self._by_type is None or self._by_type[0] is not graph:
                by_type: dict[str, list[Edge]] = defaultdict(list)
                for u, v, d in graph.edges(data=True):
                    by_type[d["type"]].append((u, v, d))
                self._by_type = (graph, dict(by_type))
            return self._by_type[1].get(edge_type, [])
