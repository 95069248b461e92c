"""One node's properties and edges, for the pages that show a node with what surrounds it (the
catalogue's countries and regimes, the documents with their mentions and claims).

Two readers answer the same questions: :class:`Neighbours` over the networkx view of a store
that keeps one frozen per revision (the embedded store, a snapshot), and :class:`StoreNeighbours`
through the store protocol, for a server (Neo4j) whose networkx view would mean sending the whole
graph. :func:`neighbours_of` picks the one that fits the store.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import networkx as nx

from graph_schema.model import EdgeRecord
from queries.reading.backends import reads_on_server
from store.base import GraphStore, nodes_of_label


class _Named:
    def node(self, node: str) -> dict[str, Any]:
        raise NotImplementedError

    def __contains__(self, node: str) -> bool:
        return bool(self.node(node))

    def has(self, node: str, label: str) -> bool:
        return self.node(node).get("label") == label

    def name(self, node: str) -> str:
        """What a page calls the node: its short name, name or title, else its id."""
        attrs = self.node(node)
        return str(attrs.get("short_name") or attrs.get("name") or attrs.get("title") or node)

    def preload(self, *edge_types: str) -> None:
        """Say that a page is about to walk these edge types from many nodes."""


class Neighbours(_Named):
    """Reads the networkx view of a store (frozen per revision) node by node."""

    def __init__(self, graph: nx.MultiDiGraph) -> None:
        self.graph = graph

    def __contains__(self, node: str) -> bool:
        return node in self.graph

    def node(self, node: str) -> dict[str, Any]:
        """The node's properties (empty when the graph has no such node)."""
        found: dict[str, Any] = self.graph.nodes.get(node, {})
        return found

    def of_label(self, label: str) -> list[tuple[str, dict[str, Any]]]:
        return nodes_of_label(self.graph, label)

    def out(self, node: str, edge_type: str) -> list[tuple[str, dict[str, Any]]]:
        """``(target, edge properties)`` of the node's outgoing edges of one type."""
        if node not in self.graph:
            return []
        return [
            (v, d) for _, v, d in self.graph.out_edges(node, data=True) if d["type"] == edge_type
        ]

    def into(self, node: str, edge_type: str) -> list[tuple[str, dict[str, Any]]]:
        """``(source, edge properties)`` of the node's incoming edges of one type."""
        if node not in self.graph:
            return []
        return [
            (u, d) for u, _, d in self.graph.in_edges(node, data=True) if d["type"] == edge_type
        ]


def _attrs(edge: EdgeRecord) -> dict[str, Any]:
    # The same shape as a networkx edge's data: the type beside the properties.
    return {"type": edge.type, **edge.properties}


class StoreNeighbours(_Named):
    """The same answers read through the store protocol, for the life of one request.

    One node's edges are asked for by node. A page that walks many nodes (every country with
    its memberships) says so with :meth:`preload`: the edge type is read once and grouped,
    rather than asking the server once per node. The labels such pages read (countries,
    regimes, documents, claims) are small next to the control entries, never read here.
    """

    def __init__(self, store: GraphStore) -> None:
        self.store = store
        self._nodes: dict[str, dict[str, Any]] = {}
        self._out: dict[str, dict[str, list[tuple[str, dict[str, Any]]]]] = {}
        self._into: dict[str, dict[str, list[tuple[str, dict[str, Any]]]]] = {}

    def node(self, node: str) -> dict[str, Any]:
        if node not in self._nodes:
            record = self.store.get_node(node)
            self._nodes[node] = (
                {} if record is None else {"label": record.label, **record.properties}
            )
        return self._nodes[node]

    def of_label(self, label: str) -> list[tuple[str, dict[str, Any]]]:
        rows = [(n.id, {"label": n.label, **n.properties}) for n in self.store.nodes(label)]
        self._nodes.update(rows)
        return rows

    def preload(self, *edge_types: str) -> None:
        for edge_type in edge_types:
            if edge_type not in self._out:
                self._group(edge_type)

    def _group(self, edge_type: str) -> None:
        out: dict[str, list[tuple[str, dict[str, Any]]]] = defaultdict(list)
        into: dict[str, list[tuple[str, dict[str, Any]]]] = defaultdict(list)
        for edge in self.store.edges(edge_type):
            out[edge.source].append((edge.target, _attrs(edge)))
            into[edge.target].append((edge.source, _attrs(edge)))
        self._out[edge_type], self._into[edge_type] = dict(out), dict(into)

    def out(self, node: str, edge_type: str) -> list[tuple[str, dict[str, Any]]]:
        grouped = self._out.get(edge_type)
        if grouped is not None:
            return list(grouped.get(node, []))
        return [(e.target, _attrs(e)) for e in self.store.edges(edge_type, source=node)]

    def into(self, node: str, edge_type: str) -> list[tuple[str, dict[str, Any]]]:
        grouped = self._into.get(edge_type)
        if grouped is not None:
            return list(grouped.get(node, []))
        return [(e.source, _attrs(e)) for e in self.store.edges(edge_type, target=node)]


#: Either reader: the pages are written once over what both answer.
NodeReader = Neighbours | StoreNeighbours


def neighbours_of(store: GraphStore) -> NodeReader:
    """The reader that fits the store (see the module's docstring)."""
    return StoreNeighbours(store) if reads_on_server(store) else Neighbours(store.to_networkx())
