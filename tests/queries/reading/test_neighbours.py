"""Both node readers give the same answers on the full real graph: the networkx view the embedded
store serves from, and the store protocol a Neo4j server is read through (here over the same
embedded store, so any difference is the reader's)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers import SHARED, need_shared_data
from real_graph import real_graph_path

from ingest.documents import ingest_documents
from ingest.runner import ingest
from queries.catalog import Catalog
from queries.documents import DocumentQueries
from queries.reading.neighbours import Neighbours, StoreNeighbours, neighbours_of
from store.embedded import EmbeddedStore


@pytest.fixture(scope="module")
def store() -> Iterator[EmbeddedStore]:
    with EmbeddedStore(real_graph_path(), read_only=True) as opened:
        yield opened


def _sorted(rows: list[tuple[str, dict[str, Any]]]) -> list[tuple[str, dict[str, Any]]]:
    return sorted(rows, key=lambda row: (row[0], sorted(map(str, row[1].items()))))


@pytest.mark.parametrize("preloaded", [False, True], ids=["by node", "preloaded"])
def test_same_nodes_and_edges_either_way(store: EmbeddedStore, preloaded: bool) -> None:
    view, protocol = Neighbours(store.to_networkx()), StoreNeighbours(store)
    kinds = [("country:IN", "MEMBER_OF"), ("country:US", "ISSUES"), ("country:FR", "SUBSCRIBES")]
    if preloaded:
        protocol.preload(*{edge_type for _, edge_type in kinds}, "MEMBER_OF")
    for node, edge_type in kinds:
        assert protocol.node(node) == view.node(node)
        assert protocol.name(node) == view.name(node)
        assert _sorted(protocol.out(node, edge_type)) == _sorted(view.out(node, edge_type))
        assert protocol.out(node, edge_type), (node, edge_type)  # the real graph has them
    # India joined the Wassenaar Arrangement on 2017-12-08 (its government's statement).
    assert any(t == "regime:wassenaar" for t, _ in protocol.out("country:IN", "MEMBER_OF"))
    assert _sorted(protocol.into("regime:wassenaar", "MEMBER_OF")) == _sorted(
        view.into("regime:wassenaar", "MEMBER_OF")
    )
    assert protocol.of_label("Regime") == view.of_label("Regime")
    assert protocol.node("country:ZZ-none") == view.node("country:ZZ-none") == {}
    assert "country:ZZ-none" not in protocol and "country:IN" in protocol


@pytest.fixture(scope="module")
def documents_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The rosters and the real documents of the corpus, with their mentions and claims."""
    path = tmp_path_factory.mktemp("neighbours") / "graph.sqlite"
    with EmbeddedStore(path) as graph:
        done = ingest(graph, [need_shared_data()], only=["reference", "echri-code", "echri-launch"])
        assert {o.status for o in done} == {"written"}, done
        corpus = sorted((SHARED / "corpus").glob("*.txt"))
        assert {o.status for o in ingest_documents(graph, corpus)} == {"written"}
    return path


def test_the_pages_read_alike(store: EmbeddedStore, documents_path: Path) -> None:
    """The catalogue and the documents, once over each reader."""

    class ThroughProtocol(Catalog):
        @property
        def graph(self) -> StoreNeighbours:
            return StoreNeighbours(self.store)

    class DocumentsThroughProtocol(DocumentQueries):
        @property
        def graph(self) -> StoreNeighbours:
            return StoreNeighbours(self.store)

    plain, protocol = Catalog(store), ThroughProtocol(store)
    assert protocol.countries() == plain.countries()
    assert protocol.country("IN") == plain.country("IN")
    assert protocol.regimes() == plain.regimes()
    assert protocol.regime("wassenaar") == plain.regime("wassenaar")
    with EmbeddedStore(documents_path, read_only=True) as with_documents:
        docs, docs_protocol = (
            DocumentQueries(with_documents),
            DocumentsThroughProtocol(with_documents),
        )
        summaries = docs.documents()
        assert summaries and docs_protocol.documents() == summaries
        for summary in summaries:
            assert docs_protocol.document(summary.id) == docs.document(summary.id)
        assert docs.claims() and docs_protocol.claims() == docs.claims()


def test_an_embedded_store_is_read_from_its_view(store: EmbeddedStore) -> None:
    assert isinstance(neighbours_of(store), Neighbours)
