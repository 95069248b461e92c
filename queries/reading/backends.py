"""Which reader fits a store: Cypher on the server for Neo4j (the records the analyses ask for,
never the whole graph), the networkx view for a store that keeps one frozen per revision, or the
store protocol label by label for a one-off command."""

from __future__ import annotations

from queries.reading.neo4j import Neo4jData
from queries.reading.reader import GraphData, GraphReader
from queries.reading.source import NetworkxSource, StoreSource
from store.base import GraphStore
from store.neo4j_backend import Neo4jStore


def reads_on_server(store: GraphStore) -> bool:
    """Does this store answer reads on a server rather than from a graph in this process?"""
    return isinstance(store, Neo4jStore)


def graph_data(store: GraphStore, *, networkx_view: bool = False) -> GraphData:
    """The analyses' records over ``store``. ``networkx_view``: read the networkx view the store
    keeps per revision (the serving snapshot) rather than only the labels an analysis asks for."""
    if isinstance(store, Neo4jStore):
        return Neo4jData(store.driver, store.database)
    return GraphReader(NetworkxSource(store) if networkx_view else StoreSource(store))
