"""The project's own Neo4j server: started from the Maven-built launcher, answers Bolt on
loopback, and stops cleanly by its recorded PID (a second instance, beside the suite's)."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from helpers import load_tool
from neo4j import GraphDatabase

server = load_tool("neo4j_server")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture
def built() -> None:
    if not server.CLASS_PATH.is_file():
        pytest.fail(f"{server.CLASS_PATH} missing: `make test` builds the launcher with Maven")


@pytest.mark.usefixtures("built")
def test_start_query_and_stop(tmp_path: Path) -> None:
    home, port = tmp_path / "neo4j", _free_port()
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
        server.start(tmp_path / "neo4j", _free_port())
