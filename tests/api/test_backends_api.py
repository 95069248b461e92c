"""Every read endpoint answers the same on Neo4j as on the embedded store, over the whole real
graph: the requests of ``tools/api_snapshot.py`` (each GET endpoint, and variants of the
analyses) sent to two apps, one per backend, and their JSON compared. The Neo4j app answers
them without a snapshot: its store fails the networkx view and any node or edge read of more
than 20,000 rows (the analyses' own Cypher reads are per list)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from helpers import PartsOnly, WholeGraphRead, load_tool
from real_graph import real_graph_path, real_neo4j

from api.app import create_app
from store.embedded import EmbeddedStore
from store.snapshot import GraphSnapshot

snapshot_tool = load_tool("api_snapshot")
#: What differs by nature between two ingests or two backends, not by what the graph says.
_VARYING = frozenset({"ingested_at", "backend"})


def _comparable(value: Any, *, nulls: bool = True) -> Any:
    """``value`` without what varies by nature (and without null properties if not ``nulls``)."""
    if isinstance(value, dict):
        return {
            k: _comparable(v, nulls=nulls)
            for k, v in value.items()
            if k not in _VARYING and (nulls or v is not None)
        }
    if isinstance(value, list):
        return [_comparable(v, nulls=nulls) for v in value]
    return value


@pytest.fixture(scope="module")
def clients() -> Iterator[tuple[TestClient, TestClient]]:
    server = real_neo4j()
    neo4j = PartsOnly(server.uri, server.user, server.password)
    embedded = EmbeddedStore(real_graph_path(), read_only=True)
    with TestClient(create_app(embedded)) as one, TestClient(create_app(neo4j)) as other:
        yield one, other


@pytest.mark.parametrize(
    ("path", "params"), snapshot_tool.REQUESTS, ids=[p for p, _ in snapshot_tool.REQUESTS]
)
def test_same_answer_on_both_backends(
    clients: tuple[TestClient, TestClient], path: str, params: dict[str, Any]
) -> None:
    embedded, neo4j = (client.get(path, params=params) for client in clients)
    assert embedded.status_code == neo4j.status_code == 200
    if embedded.headers["content-type"].startswith("application/json"):
        assert _comparable(neo4j.json()) == _comparable(embedded.json())
    else:  # CSV and Markdown
        assert neo4j.text == embedded.text


def test_health_names_each_backend(clients: tuple[TestClient, TestClient]) -> None:
    embedded, neo4j = (client.get("/health").json() for client in clients)
    assert (embedded["backend"], neo4j["backend"]) == ("embedded", "neo4j")
    assert embedded["counts"] == neo4j["counts"]


def test_neo4j_views_read_the_server_not_a_copy(clients: tuple[TestClient, TestClient]) -> None:
    embedded, neo4j = (client.app.state.served.current() for client in clients)  # type: ignore[attr-defined]
    assert isinstance(embedded.graph, GraphSnapshot)
    # The view's graph is the store: every answer above came from the server, part by part
    # (PartsOnly fails a whole-graph read, as this shows).
    assert isinstance(neo4j.graph, PartsOnly)
    with pytest.raises(WholeGraphRead):
        neo4j.graph.to_networkx()


@pytest.mark.parametrize(
    "params",
    [
        {"jurisdiction": ["IN"], "technology": "surveillance"},
        {"jurisdiction": ["US", "EU"], "category": "5"},
        {"technology": "intrusion-software"},
    ],
    ids=["IN surveillance", "US EU category 5", "intrusion software"],
)
def test_the_same_part_of_the_graph_exported(
    clients: tuple[TestClient, TestClient], params: dict[str, Any]
) -> None:
    # On Neo4j the part is read alone: PartsOnly would fail a read of the whole graph.
    embedded, neo4j = (client.get("/exports/graph.json", params=params) for client in clients)
    assert embedded.status_code == neo4j.status_code == 200
    doc = embedded.json()
    assert any(n["label"] == "ControlEntry" for n in doc["nodes"])
    # Neo4j holds no null property: an embedded node's null is an absent key there.
    assert _comparable(neo4j.json(), nulls=False) == _comparable(doc, nulls=False)
