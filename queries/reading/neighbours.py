"""One node's properties and edges, for the pages that show a node with what surrounds it (the
catalogue's countries and regimes, the documents with their mentions and claims)."""

from __future__ import annotations

from typing import Any

import networkx as nx

from store.base import GraphStore, nodes_of_label


class Neighbours:
    """Reads the networkx view of a store (frozen per revision) node by node."""

    def __init__(self, graph: nx.MultiDiGraph) -> None:
        self.graph = graph

    @classmethod
    def of(cls, store: GraphStore) -> Neighbours:
        return cls(store.to_networkx())

    def __contains__(self, node: str) -> bool:
        return node in self.graph

    def node(self, node: str) -> dict[str, Any]:
        """The node's properties (empty when the graph has no such node)."""
        found: dict[str, Any] = self.graph.nodes.get(node, {})
        return found

    def has(self, node: str, label: str) -> bool:
        return self.node(node).get("label") == label

    def name(self, node: str) -> str:
        """What a page calls the node: its short name, name or title, else its id."""
        attrs = self.node(node)
        return str(attrs.get("short_name") or attrs.get("name") or attrs.get("title") or node)

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
