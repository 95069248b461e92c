"""One suite, every backend: the same writes and reads give the same answers.

Runs on the embedded store and on the Neo4j server ``make test`` starts (or HARMONIA_NEO4J_URI);
the Neo4j database it is given is emptied first.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pytest
from helpers import country_batch, empty_neo4j, sample_batch

from graph_schema.model import EdgeRecord, NodeRecord, node_from_record
from store.base import GraphStore, OwnershipConflict, RevisionMoved, SourceBatch, StoreError
from store.embedded import EmbeddedStore


def _neo4j() -> GraphStore:
    from store.neo4j_backend import Neo4jStore

    server = empty_neo4j()
    return Neo4jStore(server.uri, server.user, server.password)


@pytest.fixture(params=["embedded", "neo4j"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[GraphStore]:
    backend = EmbeddedStore(tmp_path / "graph.sqlite") if request.param == "embedded" else _neo4j()
    yield backend
    backend.close()


def _snapshot(store: GraphStore) -> tuple[list[NodeRecord], list[EdgeRecord], dict[str, int]]:
    return list(store.nodes()), list(store.edges()), store.counts()


def test_empty_store(store: GraphStore) -> None:
    assert list(store.nodes()) == []
    assert list(store.edges()) == []
    assert store.sources() == []
    assert store.counts() == {}


def test_write_then_read_back_exactly(store: GraphStore) -> None:
    batch = sample_batch()
    result = store.replace_source(batch)
    assert result.status == "written"
    assert sorted(store.nodes(), key=lambda n: n.id) == sorted(batch.nodes, key=lambda n: n.id)
    assert sorted(store.edges(), key=lambda e: e.id) == sorted(batch.edges, key=lambda e: e.id)
    assert store.counts() == {
        "CONTAINS": 2,
        "ControlEntry": 2,
        "ControlList": 1,
        "ISSUES": 1,
        "PARENT_OF": 1,
    }
    entry = next(n for n in batch.nodes if n.label == "ControlEntry")
    got = store.get_node(entry.id)
    assert got == entry
    typed = node_from_record(got)
    assert typed.id == entry.id
    assert store.get_node("entry:none:0A000") is None


def test_filters(store: GraphStore) -> None:
    store.replace_source(sample_batch())
    assert [n.label for n in store.nodes("ControlList")] == ["ControlList"]
    contains = list(store.edges("CONTAINS"))
    assert len(contains) == 2
    list_id = contains[0].source
    assert len(list(store.edges(source=list_id))) == 2
    assert [e.type for e in store.edges(target=list_id)] == ["ISSUES"]
    assert list(store.edges("PARENT_OF", source=list_id)) == []
    ids_sorted = [n.id for n in store.nodes()]
    assert ids_sorted == sorted(ids_sorted)


def test_reingest_same_edition_changes_nothing(store: GraphStore) -> None:
    first = store.replace_source(sample_batch())
    before = _snapshot(store), store.sources(), store.revision()
    again = store.replace_source(sample_batch())
    assert first.status == "written"
    assert again.status == "unchanged"
    assert (_snapshot(store), store.sources(), store.revision()) == before


def test_replacing_an_edition_removes_what_it_no_longer_says(store: GraphStore) -> None:
    store.replace_source(sample_batch(codes=("5A001", "5A001.j", "5A001.f")))
    result = store.replace_source(sample_batch(codes=("5A001",)))
    assert result.status == "written"
    assert [n.properties["code"] for n in store.nodes("ControlEntry")] == ["5A001"]
    assert store.counts()["CONTAINS"] == 1
    assert "PARENT_OF" not in store.counts()


def test_editions_live_side_by_side(store: GraphStore) -> None:
    store.replace_source(sample_batch("2024"))
    store.replace_source(sample_batch("2025"))
    assert [s.key for s in store.sources()] == ["sample-list@2024", "sample-list@2025"]
    assert store.counts()["ControlList"] == 2
    store.remove_source("sample-list@2024")
    assert [s.key for s in store.sources()] == ["sample-list@2025"]
    assert store.counts()["ControlList"] == 1


def test_a_node_belongs_to_one_source(store: GraphStore) -> None:
    store.replace_source(country_batch())
    clash = SourceBatch(
        source_id="other", edition="1", title="t", nodes=list(country_batch().nodes), edges=[]
    )
    before = _snapshot(store)
    with pytest.raises(OwnershipConflict, match="country:FR"):
        store.replace_source(clash)
    assert _snapshot(store) == before


def test_duplicate_ids_in_a_batch_are_refused(store: GraphStore) -> None:
    batch = sample_batch()
    doubled = batch.model_copy(update={"nodes": [*batch.nodes, batch.nodes[0]]})
    with pytest.raises(StoreError, match="twice"):
        store.replace_source(doubled)
    assert store.sources() == []


def test_edges_may_point_to_nodes_of_other_sources(store: GraphStore) -> None:
    # The sample list's ISSUES edge starts at regime:wassenaar, defined by another source.
    store.replace_source(sample_batch())
    assert store.get_node("regime:wassenaar") is None
    assert [e.source for e in store.edges("ISSUES")] == ["regime:wassenaar"]


def test_remove_unknown_source(store: GraphStore) -> None:
    with pytest.raises(StoreError, match="no source"):
        store.remove_source("nothing@1")


def test_revision_moves_only_on_change(store: GraphStore) -> None:
    r0 = store.revision()
    store.replace_source(sample_batch())
    r1 = store.revision()
    store.replace_source(sample_batch())
    assert r1 > r0
    assert store.revision() == r1


def test_a_write_for_a_revision_the_graph_has_left_is_refused(store: GraphStore) -> None:
    # What the alignment relies on: computed at one revision, written only at that revision.
    store.replace_source(country_batch())
    seen = store.revision()
    store.replace_source(sample_batch())  # another writer moves the graph meanwhile
    before = _snapshot(store)
    with pytest.raises(RevisionMoved, match=f"revision {seen}"):
        store.replace_source(sample_batch(), expect_revision=seen)
    assert _snapshot(store) == before
    assert store.replace_source(sample_batch(), expect_revision=store.revision()).status in (
        "written",
        "unchanged",
    )


def test_networkx_view_matches_rows(store: GraphStore) -> None:
    store.replace_source(sample_batch())
    store.replace_source(country_batch())
    graph = store.to_networkx()
    assert isinstance(graph, nx.MultiDiGraph)
    assert graph.nodes["country:FR"]["label"] == "Country"
    assert graph.nodes["country:FR"]["names"] == {"fr": "France"}
    edge_types = sorted(d["type"] for _, _, d in graph.edges(data=True))
    assert edge_types == ["CONTAINS", "CONTAINS", "ISSUES", "PARENT_OF"]
    entry = next(n for n, d in graph.nodes(data=True) if d.get("code") == "5A001.j")
    assert graph.nodes[entry]["parameters"][0]["value"] == 10.0
    assert graph.nodes[entry]["prov_source"] == "sample-list"


def test_a_part_of_the_graph_is_read_alone(store: GraphStore) -> None:
    store.replace_source(sample_batch())
    store.replace_source(country_batch())
    whole = store.to_networkx()
    entries = sorted(n for n, d in whole.nodes(data=True) if d.get("label") == "ControlEntry")
    list_id = next(n for n, d in whole.nodes(data=True) if d.get("label") == "ControlList")
    part = store.subgraph([list_id, *entries, "country:FR", "entry:none:0A000"])
    # The nodes named that exist, with their properties, and only the edges among them (the
    # list's ISSUES edge comes from an issuer not asked for).
    assert sorted(part.nodes) == sorted([list_id, *entries, "country:FR"])
    assert all(part.nodes[n] == whole.nodes[n] for n in part.nodes)
    assert sorted(d["type"] for _, _, d in part.edges(data=True)) == [
        "CONTAINS",
        "CONTAINS",
        "PARENT_OF",
    ]
    assert sorted(part.edges(keys=True)) == sorted(
        (u, v, k) for u, v, k in whole.edges(keys=True) if u in part and v in part
    )
    assert nx.is_frozen(part)
    assert store.subgraph([]).number_of_nodes() == 0
