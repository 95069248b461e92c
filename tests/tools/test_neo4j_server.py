"""The project's own Neo4j server: started from the Maven-built launcher, answers Bolt on
loopback, and stops cleanly by its recorded PID (a second instance, beside the suite's)."""

from __future__ import annotations

import json
import random
import socket
from pathlib import Path
from typing import Any

import pytest
from helpers import load_tool
from neo4j import GraphDatabase
from real_graph import real_graph_path

from bench.api import free_port
from store.embedded import EmbeddedStore
from store.export import write_neo4j_import

server = load_tool("neo4j_server")


@pytest.fixture
def built() -> None:
    if not server.CLASS_PATH.is_file():
        pytest.fail(f"{server.CLASS_PATH} missing: `make test` builds the launcher with Maven")


@pytest.mark.usefixtures("built")
def test_start_query_and_stop(tmp_path: Path) -> None:
    home, port = tmp_path / "neo4j", free_port()
    pid = server.start(home, port)
    try:
        assert server.running_pid(home) == pid
        # Starting again finds the running server instead of a second one.
        assert server.start(home, port) == pid
        with GraphDatabase.driver(f"bolt://127.0.0.1:{port}", auth=("neo4j", "x")) as driver:
            records = driver.execute_query(
                "CALL dbms.components() YIELD versions, edition RETURN versions, edition"
            ).records
        assert records[0]["edition"] == "community"
        assert records[0]["versions"][0].startswith("5.26.")
    finally:
        assert server.stop(home) is True
    assert server.running_pid(home) is None
    assert not server.bolt_answers(f"bolt://127.0.0.1:{port}")
    assert server.stop(home) is False  # nothing left to stop
    # The launcher only listens on loopback: its log names the address it bound.
    assert "bolt://127.0.0.1:" in (home / "launcher.log").read_text()


@pytest.mark.usefixtures("built")
def test_a_taken_port_is_refused_with_a_clear_error(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        # The port answers TCP but not Bolt: the launcher cannot bind it and exits.
        with pytest.raises(server.ServerError, match=r"exited|did not answer"):
            server.start(tmp_path / "neo4j", port)
    assert server.running_pid(tmp_path / "neo4j") is None


def test_missing_build_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(server, "CLASS_PATH", tmp_path / "nowhere" / "classpath.txt")
    with pytest.raises(server.ServerError, match="build the launcher first"):
        server.start(tmp_path / "neo4j", free_port())


def _same(exported: Any, imported: Any) -> bool:
    """A property as the graph holds it and as neo4j-admin loaded it from the CSV cell: maps
    and lists of maps travel as JSON text; null, an empty text and an empty list all as an
    empty cell, which neo4j-admin loads as no property."""
    if isinstance(imported, str) and not isinstance(exported, str):
        return bool(json.loads(imported) == exported)
    if exported is None or exported == "" or exported == []:
        return imported is None
    return bool(imported == exported)


@pytest.mark.usefixtures("built")
def test_the_export_loaded_by_neo4j_admin_equals_the_graph(tmp_path: Path) -> None:
    """`harmonia export --format neo4j` of the whole real graph, loaded by Neo4j's own import
    tool into a fresh database: the same counts per label and type, and a seeded sample of
    200 nodes and 200 edges with the same properties and endpoints."""
    graph = EmbeddedStore(real_graph_path(), read_only=True)
    write_neo4j_import(graph, tmp_path / "csv")
    home, port = tmp_path / "neo4j", free_port()
    report = server.import_files(home, tmp_path / "csv")
    assert "IMPORT DONE" in report
    assert (home / "import.report").exists()  # beside the database, not in the checkout
    nodes, edges = list(graph.nodes()), list(graph.edges())
    pick = random.Random(13)
    node_sample = {n.id: n for n in pick.sample(nodes, 200)}
    edge_sample = {e.id: e for e in pick.sample(edges, 200)}
    server.start(home, port)
    try:
        with GraphDatabase.driver(f"bolt://127.0.0.1:{port}", auth=("neo4j", "x")) as driver:
            labels = driver.execute_query(
                "MATCH (n:Node) UNWIND labels(n) AS label WITH label WHERE label <> 'Node' "
                "RETURN label, count(*) AS n"
            ).records
            types = driver.execute_query(
                "MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS n"
            ).records
            loaded_nodes = driver.execute_query(
                "MATCH (n:Node) WHERE n.id IN $ids "
                "RETURN n.id AS id, labels(n) AS labels, properties(n) AS props",
                ids=list(node_sample),
            ).records
            loaded_edges = driver.execute_query(
                "MATCH (a)-[r]->(b) WHERE r.id IN $ids RETURN r.id AS id, type(r) AS type, "
                "a.id AS source, b.id AS target, properties(r) AS props",
                ids=list(edge_sample),
            ).records
    finally:
        server.stop(home)
    counts = {r["label"]: r["n"] for r in labels} | {r["type"]: r["n"] for r in types}
    assert counts == graph.counts()
    assert sum(r["n"] for r in labels) == len(nodes)
    assert len(loaded_nodes) == len(node_sample) and len(loaded_edges) == len(edge_sample)
    for row in loaded_nodes:
        node = node_sample[row["id"]]
        assert sorted(row["labels"]) == sorted(["Node", node.label])
        props = {k: v for k, v in row["props"].items() if k != "id"}
        assert set(props) <= set(node.properties), node.id
        differ = {k: v for k, v in node.properties.items() if not _same(v, props.get(k))}
        assert not differ, (node.id, differ)
    for row in loaded_edges:
        edge = edge_sample[row["id"]]
        assert (row["type"], row["source"], row["target"]) == (edge.type, edge.source, edge.target)
        props = {k: v for k, v in row["props"].items() if k != "id"}
        assert all(_same(v, props.get(k)) for k, v in edge.properties.items()), edge.id
