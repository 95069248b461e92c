"""SIGKILL a real ``harmonia ingest`` at 20 seeded random moments; the graph must survive each.

The ingest writes the US Consolidated Screening List (~51k rows), the Wassenaar PDF and the
alignment, each source edition in its own transaction. After every kill the store must open,
pass SQLite's integrity check, hold exactly the rows its source records say, and equal one of
the states an uninterrupted ingest passes through at a commit boundary: before it, after one of
its writes, or after all of them. Nothing in between.
"""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest
from helpers import need_shared_data

from ingest.registry import get_source
from ingest.runner import ingest, ingest_alignment, ingest_file, locate
from store.base import SourceRecord
from store.embedded import EmbeddedStore

SOURCES = ("us-csl", "wassenaar-list")
KILLS = 20
SEED = 20260115  # fixed: a failing kill point can be replayed


@dataclass(frozen=True)
class State:
    """What a graph file holds, without the wall-clock parts (``ingested_at``)."""

    nodes: str
    edges: str
    sources: tuple[tuple[str, str, int, int], ...]
    revision: int


def harmonia_command() -> list[str]:
    script = Path(sys.executable).with_name("harmonia")
    if script.is_file():
        return [str(script)]
    return [sys.executable, "-c", "from harmonia.cli import app; app()"]


def clean_env(db: Path, **extra: str) -> dict[str, str]:
    """The caller's environment without HARMONIA_ settings that could point elsewhere."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("HARMONIA_")}
    env.update(HARMONIA_DB_PATH=str(db), HARMONIA_STORE="embedded", **extra)
    return env


def _table_digest(conn: sqlite3.Connection, query: str) -> str:
    h = hashlib.sha256()
    for row in conn.execute(query):
        h.update("\x1f".join(str(v) for v in row).encode())
        h.update(b"\x1e")
    return h.hexdigest()


def checked_state(path: Path) -> State:
    """Open the store as the next ingest would, check it is consistent, and describe it."""
    # A read-write open replays or discards what a killed writer left in the WAL.
    with EmbeddedStore(path):
        pass
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        records = [
            SourceRecord.model_validate_json(r[0])
            for r in conn.execute("SELECT record FROM sources ORDER BY key")
        ]
        node_counts = Counter(
            dict(conn.execute("SELECT source_key, COUNT(*) FROM nodes GROUP BY source_key"))
        )
        edge_counts = Counter(
            dict(conn.execute("SELECT source_key, COUNT(*) FROM edges GROUP BY source_key"))
        )
        keys = {r.key for r in records}
        # Every row belongs to a recorded source edition, and each edition is whole.
        assert set(node_counts) <= keys, set(node_counts) - keys
        assert set(edge_counts) <= keys, set(edge_counts) - keys
        for r in records:
            assert node_counts[r.key] == r.node_count, r.key
            assert edge_counts[r.key] == r.edge_count, r.key
        revision = int(conn.execute("SELECT value FROM meta WHERE key='revision'").fetchone()[0])
        return State(
            nodes=_table_digest(conn, "SELECT id, label, source_key, props FROM nodes ORDER BY id"),
            edges=_table_digest(
                conn, "SELECT id, type, src, dst, source_key, props FROM edges ORDER BY id"
            ),
            sources=tuple((r.key, r.digest, r.node_count, r.edge_count) for r in records),
            revision=revision,
        )
    finally:
        conn.close()


@pytest.fixture(scope="module")
def base_graph(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The graph before the ingest under test: the reference data and its alignment."""
    path = tmp_path_factory.mktemp("crash") / "base.sqlite"
    with EmbeddedStore(path) as store:
        ingest(store, [need_shared_data()], only=["reference"])
    return path


@pytest.fixture(scope="module")
def commit_states(base_graph: Path, tmp_path_factory: pytest.TempPathFactory) -> list[State]:
    """The states an uninterrupted ingest passes through, in order, computed in process."""
    data = need_shared_data()
    path = tmp_path_factory.mktemp("steps") / "graph.sqlite"
    shutil.copy(base_graph, path)
    states = [checked_state(path)]
    with EmbeddedStore(path) as store:
        for source_id in SOURCES:
            found = locate(get_source(source_id).meta, [data])
            assert found is not None, source_id
            assert ingest_file(store, source_id, found).status == "written"
            states.append(checked_state(path))
        assert ingest_alignment(store).status == "written"
    states.append(checked_state(path))
    return states


def run_ingest(db: Path, workdir: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [*harmonia_command(), "ingest", *SOURCES, "--sources", str(need_shared_data())],
        cwd=workdir,
        env=clean_env(db, HARMONIA_CACHE_DIR=str(workdir / "cache")),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def test_sigkill_at_random_points_leaves_a_commit_state(
    base_graph: Path, commit_states: list[State], tmp_path: Path
) -> None:
    # The uninterrupted run gives the span to draw kill points from, and must end where the
    # in-process steps ended.
    db = tmp_path / "whole.sqlite"
    shutil.copy(base_graph, db)
    started = time.perf_counter()
    child = run_ingest(db, tmp_path)
    assert child.wait(timeout=120) == 0
    span = time.perf_counter() - started
    assert checked_state(db) == commit_states[-1]

    rng = random.Random(SEED)
    landed: Counter[int] = Counter()
    for kill in range(KILLS):
        delay = rng.uniform(0.0, span)
        db = tmp_path / f"kill{kill}.sqlite"
        shutil.copy(base_graph, db)
        child = run_ingest(db, tmp_path)
        time.sleep(delay)
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
        state = checked_state(db)
        assert state in commit_states, f"kill {kill} at {delay:.2f}s left a state in between"
        landed[commit_states.index(state)] += 1
        db.unlink()
    print(f"ingest span {span:.1f}s; kills per commit state {dict(sorted(landed.items()))}")
    # Seeded points spread over the whole run: some before any write, some after one.
    assert len(landed) >= 2, landed
