"""A snapshot answers every read exactly as its store did at that revision, and only reads."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pytest
from helpers import country_batch, sample_batch

from store.base import StoreError, build_networkx, nodes_of_label
from store.embedded import EmbeddedStore
from store.snapshot import GraphSnapshot


@pytest.fixture
def store(tmp_path: Path) -> Iterator[EmbeddedStore]:
    with EmbeddedStore(tmp_path / "graph.sqlite") as backend:
        backend.replace_source(country_batch())
        backend.replace_source(sample_batch())
        yield backend


def test_reads_equal_the_store(store: EmbeddedStore) -> None:
    snap = GraphSnapshot.of(store)
    assert snap.revision() == store.revision()
    assert snap.sources() == store.sources()
    assert snap.counts() == store.counts()
    assert list(snap.nodes()) == list(store.nodes())
    assert list(snap.nodes("ControlEntry")) == list(store.nodes("ControlEntry"))
    assert list(snap.edges()) == list(store.edges())
    entry = "entry:sample:2025:5A001"
    for query in (
        {"edge_type": "CONTAINS"},
        {"source": "list:sample:2025"},
        {"target": entry},
        {"edge_type": "PARENT_OF", "source": entry},
        {"source": "list:sample:2025", "target": entry},
        {"source": "nowhere"},
    ):
        assert list(snap.edges(**query)) == list(store.edges(**query)), query
    assert snap.get_node("country:FR") == store.get_node("country:FR")
    # The issuer is only the far end of an edge: networkx holds it, no store defines it.
    assert "regime:wassenaar" in snap.to_networkx()
    assert snap.get_node("regime:wassenaar") is None is store.get_node("regime:wassenaar")
    assert snap.get_node("country:XX") is None


def test_keeps_its_revision_while_the_store_moves_on(store: EmbeddedStore) -> None:
    snap = GraphSnapshot.of(store)
    before = list(snap.nodes())
    store.replace_source(sample_batch(edition="2026", codes=("5A002",)))
    assert store.revision() == snap.revision() + 1
    assert list(snap.nodes()) == before
    assert "entry:sample:2026:5A002" not in snap.to_networkx()
    assert "entry:sample:2026:5A002" in GraphSnapshot.of(store).to_networkx()


def test_refuses_writes(store: EmbeddedStore) -> None:
    snap = GraphSnapshot.of(store)
    with pytest.raises(StoreError, match="read-only"):
        snap.replace_source(sample_batch(edition="2030"))
    with pytest.raises(StoreError, match="read-only"):
        snap.remove_source("sample-list@2025")
    assert snap.counts() == store.counts()


def test_needs_a_graph_that_says_its_revision() -> None:
    with pytest.raises(ValueError, match="revision"):
        GraphSnapshot(nx.MultiDiGraph(), backend="embedded")


def test_graph_carries_revision_and_sources_read_with_it(store: EmbeddedStore) -> None:
    graph = store.to_networkx()
    assert graph.graph["revision"] == store.revision()
    assert list(graph.graph["sources"]) == store.sources()


def test_repeated_strings_are_one_object() -> None:
    prov = {"prov_source": "us-csl", "prov_file_sha256": "ab" * 32, "lists": ["Entity List"]}
    graph = build_networkx(
        [("a", "Party", dict(prov)), ("b", "Party", {**prov, "lists": ["Entity List"]})],
        [("e", "LISTS", "x", "a", {"list_name": "Entity List"})],
        revision=3,
        sources=[],
    )
    a, b = graph.nodes["a"], graph.nodes["b"]
    assert a == b
    assert a["prov_file_sha256"] is b["prov_file_sha256"]
    assert a["lists"][0] is b["lists"][0] is graph.edges["x", "a", "e"]["list_name"]
    assert next(iter(a)) is next(iter(b))  # property names too
    assert nx.is_frozen(graph)


def test_label_index_of_a_frozen_graph(store: EmbeddedStore) -> None:
    graph = store.to_networkx()
    entries = nodes_of_label(graph, "ControlEntry")
    assert [n for n, _ in entries] == sorted(
        n for n, d in graph.nodes(data=True) if d.get("label") == "ControlEntry"
    )
    assert nodes_of_label(graph, "ControlEntry") is entries  # indexed once
    assert nodes_of_label(graph, "NoSuchLabel") == []
