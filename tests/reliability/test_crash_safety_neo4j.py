"""SIGKILL a real `harmonia ingest` writing to Neo4j at seeded random moments: the database must
hold the state before or after each source edition, never one in between.

As ``test_crash_safety`` does for the embedded store, on the tests' Neo4j server: the ingest
writes the US Consolidated Screening List (~51k rows), the Wassenaar PDF and the alignment,
each edition in one server transaction, which the server rolls back when the killed client's
connection drops.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import signal
import subprocess
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest
from helpers import Neo4jServer, empty_neo4j, need_shared_data

from bench.api import harmonia_command
from ingest.registry import get_source
from ingest.runner import ingest, ingest_alignment, ingest_file, locate
from store.neo4j_backend import Neo4jStore

SOURCES = ("us-csl", "wassenaar-list")
KILLS = 4
SEED = 20261204  # fixed: a failing kill point can be replayed


@dataclass(frozen=True)
class State:
    """What the database holds, without the wall-clock parts (``ingested_at``)."""

    graph: str
    sources: tuple[tuple[str, str, int, int], ...]
    revision: int


def _open(server: Neo4jServer) -> Neo4jStore:
    return Neo4jStore(server.uri, server.user, server.password)


def checked_state(server: Neo4jServer) -> State:
    """Check every node and edge belongs to a whole recorded edition, and describe the graph."""
    with _open(server) as store:
        records = store.sources()
        nodes, edges = list(store.nodes()), list(store.edges())
        revision = store.revision()
        owners = store.driver.execute_query(
            "MATCH (n:Node) WHERE n.source_key IS NOT NULL "
            "RETURN n.source_key AS key, count(*) AS n"
        ).records
        edge_owners = store.driver.execute_query(
            "MATCH ()-[r]->() RETURN r.source_key AS key, count(*) AS n"
        ).records
    node_counts = {r["key"]: r["n"] for r in owners}
    edge_counts = {r["key"]: r["n"] for r in edge_owners}
    keys = {r.key for r in records}
    assert set(node_counts) <= keys, set(node_counts) - keys
    assert set(edge_counts) <= keys, set(edge_counts) - keys
    for r in records:
        assert node_counts.get(r.key, 0) == r.node_count, r.key
        assert edge_counts.get(r.key, 0) == r.edge_count, r.key
    digest = hashlib.sha256()
    rows = [json.dumps([n.id, n.label, n.properties], sort_keys=True) for n in nodes]
    rows += [json.dumps([e.id, e.type, e.source, e.target, e.properties]) for e in edges]
    for row in sorted(rows):
        digest.update(row.encode())
    return State(
        graph=digest.hexdigest(),
        sources=tuple((r.key, r.digest, r.node_count, r.edge_count) for r in records),
        revision=revision,
    )


def reset() -> Neo4jServer:
    """The graph before the ingest under test: the reference data and its alignment."""
    server = empty_neo4j()
    with _open(server) as store:
        ingest(store, [need_shared_data()], only=["reference"])
    return server


@dataclass(frozen=True)
class Run:
    states: list[State]
    seconds: float


@pytest.fixture(scope="module")
def uninterrupted() -> Run:
    """The states an uninterrupted ingest passes through, in order, computed in process, and
    how long its writes took (the span kill points are drawn from)."""
    server = reset()
    states = [checked_state(server)]
    started = time.perf_counter()
    with _open(server) as store:
        for source_id in SOURCES:
            found = locate(get_source(source_id).meta, [need_shared_data()])
            assert found is not None, source_id
            assert ingest_file(store, source_id, found).status == "written"
            states.append(checked_state(server))
        assert ingest_alignment(store).status == "written"
    seconds = time.perf_counter() - started
    states.append(checked_state(server))
    return Run(states, seconds)


def run_ingest(server: Neo4jServer, workdir: Path) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("HARMONIA_")}
    env.update(
        HARMONIA_STORE="neo4j",
        HARMONIA_NEO4J_URI=server.uri,
        HARMONIA_NEO4J_USER=server.user,
        HARMONIA_NEO4J_PASSWORD=server.password,
        HARMONIA_CACHE_DIR=str(workdir / "cache"),
    )
    return subprocess.Popen(
        [*harmonia_command(), "ingest", *SOURCES, "--sources", str(need_shared_data())],
        cwd=workdir,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def test_sigkill_at_random_points_leaves_a_commit_state(uninterrupted: Run, tmp_path: Path) -> None:
    states = uninterrupted.states
    rng = random.Random(SEED)
    landed: Counter[int] = Counter()
    for kill in range(KILLS):
        # The command also starts up and parses before its first write: a little longer span.
        delay = rng.uniform(0.0, uninterrupted.seconds * 1.2)
        server = reset()
        child = run_ingest(server, tmp_path)
        time.sleep(delay)
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
        # Reads see committed data only; the server rolls back what the dropped connection
        # left open.
        state = checked_state(server)
        assert state in states, f"kill {kill} at {delay:.2f}s left a state in between"
        landed[states.index(state)] += 1
    # The command, run to its end after the last kill, completes what that one left.
    assert run_ingest(server, tmp_path).wait(timeout=600) == 0
    assert checked_state(server) == states[-1]
    print(f"writes took {uninterrupted.seconds:.1f}s; kills per commit state {dict(landed)}")
    assert len(landed) >= 2, landed
