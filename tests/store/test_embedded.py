"""What only the embedded store promises: crash safety, readers during writes, bad files."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest
from helpers import ROOT, sample_batch

from store.base import StoreError
from store.embedded import EmbeddedStore

# A child process that writes a big edition and stops inside the transaction (after every row
# is inserted, before COMMIT) to be killed there.
_CHILD = textwrap.dedent(
    """
    import sys, time
    sys.path[:0] = [{support!r}]
    from helpers import sample_batch
    from store.embedded import EmbeddedStore

    class Paused(EmbeddedStore):
        def _bump_revision(self, cur):
            super()._bump_revision(cur)
            print("inside-transaction", flush=True)
            time.sleep(60)

    codes = tuple(f"5A001.{{i}}" for i in range(3000))
    store = Paused({path!r})
    store.replace_source(sample_batch("2025", codes=("5A001", *codes)))
    """
)


def _state(path: Path) -> tuple[object, ...]:
    with EmbeddedStore(path) as store:
        return (
            list(store.nodes()),
            list(store.edges()),
            [s.key for s in store.sources()],
            store.revision(),
        )


def test_sigkill_inside_a_write_leaves_the_graph_as_before(tmp_path: Path) -> None:
    path = tmp_path / "graph.sqlite"
    with EmbeddedStore(path) as store:
        store.replace_source(sample_batch("2025"))
    before = _state(path)
    child = subprocess.Popen(
        [
            sys.executable,
            "-c",
            _CHILD.format(support=str(ROOT / "tests" / "support"), path=str(path)),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "inside-transaction"
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL
    assert _state(path) == before


@pytest.mark.parametrize("delay", [0.05, 0.15, 0.3, 0.6, 1.0])
def test_sigkill_at_any_moment_gives_before_or_after(tmp_path: Path, delay: float) -> None:
    path = tmp_path / "graph.sqlite"
    with EmbeddedStore(path) as store:
        store.replace_source(sample_batch("2025"))
    before = _state(path)
    script = _CHILD.replace("time.sleep(60)", "pass").replace(
        'print("inside-transaction", flush=True)', "pass"
    )
    child = subprocess.Popen(
        [
            sys.executable,
            "-c",
            script.format(support=str(ROOT / "tests" / "support"), path=str(path)),
        ]
    )
    time.sleep(delay)
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    after = _state(path)
    if after != before:
        # The write committed before the kill: then it must be complete.
        nodes, _, keys, _ = after
        assert keys == ["sample-list@2025"]
        assert len(nodes) == 3002  # type: ignore[arg-type]


def test_readers_see_the_last_commit_while_a_write_is_open(tmp_path: Path) -> None:
    path = tmp_path / "graph.sqlite"
    writer = EmbeddedStore(path)
    writer.replace_source(sample_batch("2025"))
    reader = EmbeddedStore(path, read_only=True)
    seen: list[int] = []
    entered = threading.Event()
    release = threading.Event()

    class Slow(EmbeddedStore):
        def _bump_revision(self, cur: object) -> None:
            super()._bump_revision(cur)  # type: ignore[arg-type]
            entered.set()
            release.wait(10)

    slow = Slow(path)
    thread = threading.Thread(
        target=slow.replace_source, args=(sample_batch("2025", codes=("5A002",)),)
    )
    thread.start()
    assert entered.wait(10)
    started = time.perf_counter()
    seen.append(len(list(reader.nodes("ControlEntry"))))
    assert time.perf_counter() - started < 5  # not blocked by the open write
    release.set()
    thread.join(10)
    seen.append(len(list(reader.nodes("ControlEntry"))))
    assert seen == [2, 1]
    for s in (writer, reader, slow):
        s.close()


def test_networkx_cache_follows_revisions(embedded: EmbeddedStore) -> None:
    embedded.replace_source(sample_batch("2025"))
    first = embedded.to_networkx()
    assert embedded.to_networkx() is first
    embedded.replace_source(sample_batch("2025", codes=("5A002",)))
    second = embedded.to_networkx()
    assert second is not first
    assert any(d.get("code") == "5A002" for _, d in second.nodes(data=True))


def test_a_file_that_is_not_a_graph_is_refused(tmp_path: Path) -> None:
    bogus = tmp_path / "graph.sqlite"
    bogus.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError, match="not a Harmonia graph"):
        EmbeddedStore(bogus)
    assert bogus.read_bytes() == b"this is not a database" * 100


def test_read_only_needs_an_existing_graph(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="harmonia ingest"):
        EmbeddedStore(tmp_path / "missing.sqlite", read_only=True)


def test_read_only_refuses_writes(tmp_path: Path) -> None:
    path = tmp_path / "graph.sqlite"
    EmbeddedStore(path).close()
    with EmbeddedStore(path, read_only=True) as store, pytest.raises(StoreError, match="read-only"):
        store.replace_source(sample_batch())


def test_a_with_block_closes_the_store(tmp_path: Path) -> None:
    with EmbeddedStore(tmp_path / "graph.sqlite") as store:
        store.replace_source(sample_batch())
        assert [s.key for s in store.sources()] == [sample_batch().key]
    # The connection is closed on the way out: a read after the block is refused.
    with pytest.raises(sqlite3.ProgrammingError, match="closed"):
        store.sources()
