"""Reads are answered from the last complete view while the next one is built."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pytest
from fastapi.testclient import TestClient
from helpers import country_batch, sample_batch

from api.app import create_app
from api.serving import Served, View, build_view
from ingest.runner import ingest_alignment
from store.base import GraphStore, SourceRecord
from store.embedded import EmbeddedStore


@pytest.fixture
def store(tmp_path: Path) -> Iterator[EmbeddedStore]:
    with EmbeddedStore(tmp_path / "graph.sqlite") as backend:
        backend.replace_source(country_batch())
        backend.replace_source(sample_batch())
        yield backend


class GatedBuild:
    """build_view that, past the first view, waits for a go (or fails when told to)."""

    def __init__(self) -> None:
        self.go = threading.Event()
        self.started = threading.Event()
        self.fail: Exception | None = None
        self.calls = 0

    def __call__(self, store: GraphStore, cache_bytes: int) -> View:
        self.calls += 1
        if self.calls > 1:
            self.started.set()
            assert self.go.wait(30), "the test never let the build finish"
            if self.fail is not None:
                raise self.fail
        return build_view(store, cache_bytes)


def test_reads_do_not_wait_for_the_next_view(store: EmbeddedStore) -> None:
    gate = GatedBuild()
    served = Served(store, check_every=0, build=gate)
    first = served.current()
    served.wait(30)
    store.replace_source(sample_batch(edition="2026", codes=("5A002",)))

    assert served.current() is first  # a newer revision is seen; its build is held back
    assert gate.started.wait(30)
    for _ in range(20):
        assert served.current() is first
    assert served.health().revision == first.revision

    gate.go.set()
    served.wait(30)
    newer = served.current()
    assert newer.revision == store.revision() == first.revision + 1
    assert "list:sample:2026" in {info.id for info in newer.analyses.index.all_lists.values()}


def test_a_failed_refresh_keeps_the_last_view_and_says_why(store: EmbeddedStore) -> None:
    gate = GatedBuild()
    served = Served(store, check_every=0, build=gate)
    first = served.current()
    served.wait(30)
    store.replace_source(sample_batch(edition="2026", codes=("5A002",)))
    gate.fail = RuntimeError("disk on fire")
    gate.go.set()
    served.current()
    served.wait(30)

    health = served.health()
    assert health.status == "stale"
    assert health.revision == first.revision
    assert health.error is not None and "disk on fire" in health.error
    assert served.current() is first

    gate.fail = None
    served.wait(30)
    served.current()
    served.wait(30)
    assert served.health().status == "ok"
    assert served.current().revision == store.revision()


def test_health_answers_while_the_first_view_is_built(store: EmbeddedStore) -> None:
    release = threading.Event()

    def slow(backend: GraphStore, cache_bytes: int) -> View:
        assert release.wait(30)
        return build_view(backend, cache_bytes)

    served = Served(store, build=slow)
    served.start()
    health = served.health()
    assert (health.status, health.revision, health.counts) == ("starting", None, {})
    release.set()
    served.wait(30)
    assert served.health().status == "ok"
    assert served.health().counts == store.counts()


def test_the_api_serves_one_revision_until_the_next_is_ready(store: EmbeddedStore) -> None:
    app = create_app(store, refresh_every=3600)
    served: Served = app.state.served
    with TestClient(app) as client:
        served.wait(30)
        before = client.get("/lists").json()
        assert [x["list_id"] for x in before["items"]] == ["list:sample:2025"]
        tag = client.get("/lists").headers["etag"]

        store.replace_source(sample_batch(edition="2026", codes=("5A002",)))
        assert client.get("/lists").json() == before  # no look at the store for an hour
        assert client.get("/health").json()["revision"] == store.revision() - 1

        served.refresh()
        after = client.get("/lists", headers={"If-None-Match": tag})
        assert after.status_code == 200  # a new revision: the old tag no longer matches
        held = {x["list_id"] for x in after.json()["items"]}
        assert held == {"list:sample:2025", "list:sample:2026"}
        assert client.get("/health").json()["revision"] == store.revision()


def test_the_api_notices_a_new_revision_by_itself(store: EmbeddedStore) -> None:
    app = create_app(store, refresh_every=0)
    served: Served = app.state.served
    with TestClient(app) as client:
        client.get("/lists")
        served.wait(30)
        store.replace_source(sample_batch(edition="2026", codes=("5A002",)))
        client.get("/lists")  # may still be the old view; it starts the refresh
        served.wait(30)
        ids = {x["list_id"] for x in client.get("/lists").json()["items"]}
        assert ids == {"list:sample:2025", "list:sample:2026"}


class ScriptedRevisions:
    """A store whose revision moves as scripted, then stays, to watch a refresh
    wait for it to settle. Its graph says the revision it was read at."""

    backend = "embedded"

    def __init__(self, store: EmbeddedStore, first: int, then: list[int]) -> None:
        self.store = store
        self.current = first
        self.then = then

    def revision(self) -> int:
        if self.then:
            self.current = self.then.pop(0)
        return self.current

    def to_networkx(self) -> nx.MultiDiGraph:
        graph = nx.MultiDiGraph(self.store.to_networkx())
        graph.graph["revision"] = self.current
        return nx.freeze(graph)

    def sources(self) -> list[SourceRecord]:
        return self.store.sources()


def test_a_moving_revision_is_read_once_it_settles(store: EmbeddedStore) -> None:
    # The first view at 1; then one ingest writes revisions 2, 3 and 4 in a row.
    scripted = ScriptedRevisions(store, 1, [2, 3, 4])
    built: list[int] = []

    def counting(backend: GraphStore, cache_bytes: int) -> View:
        view = build_view(backend, cache_bytes)
        built.append(view.revision)
        return view

    served = Served(scripted, check_every=0, settle=0.01, build=counting)  # type: ignore[arg-type]
    assert served.refresh().revision == 1
    served.current()
    served.wait(30)
    assert built == [1, 4]  # nothing built for 2 or 3
    assert served.current().revision == 4


def test_health_says_when_the_derived_alignment_is_stale(store: EmbeddedStore) -> None:
    # The fixture writes two sources and no alignment: what a killed ingest leaves behind.
    served = Served(store, check_every=0)
    served.refresh()
    assert served.health().derived == "stale"
    assert ingest_alignment(store).status == "written"
    served.refresh()
    health = served.health()
    assert health.derived == "current"
    assert health.status == "ok"


def test_a_stale_alignment_is_rebuilt_before_serving_through_a_writer(tmp_path: Path) -> None:
    # The fixture's state (two sources, no alignment: what a killed ingest leaves), served
    # from a read-only store as `harmonia serve` opens it; the rebuild goes through a writer.
    path = tmp_path / "graph.sqlite"
    with EmbeddedStore(path) as backend:
        backend.replace_source(country_batch())
        backend.replace_source(sample_batch())
    reader = EmbeddedStore(path, read_only=True)
    opened: list[EmbeddedStore] = []

    def open_writer() -> EmbeddedStore:
        opened.append(EmbeddedStore(path))
        return opened[-1]

    served = Served(reader, check_every=0, settle=0, open_writer=open_writer)
    try:
        served.start()
        served.wait(60)
        health = served.health()
        assert health.derived == "current", health
        assert health.status == "ok"
        assert [s.source_id for s in reader.sources()].count("alignment") == 1
        assert served.current().revision == reader.revision()
        assert len(opened) == 1
        with pytest.raises(Exception, match="closed"):
            opened[0].revision()  # the writer was closed after the rebuild
    finally:
        reader.close()


def test_health_says_stale_when_the_rebuild_cannot_write(tmp_path: Path) -> None:
    path = tmp_path / "graph.sqlite"
    with EmbeddedStore(path) as backend:
        backend.replace_source(sample_batch())
    reader = EmbeddedStore(path, read_only=True)

    def read_only_writer() -> EmbeddedStore:
        return EmbeddedStore(path, read_only=True)

    attempts: list[int] = []

    def counted_writer() -> EmbeddedStore:
        attempts.append(1)
        return read_only_writer()

    served = Served(reader, check_every=0, settle=0, open_writer=counted_writer)
    try:
        served.start()
        served.wait(60)
        health = served.health()
        assert health.derived == "stale"
        assert health.status == "stale"
        assert health.error is not None and "read-only" in health.error
        # Later requests do not try again, at the cost of an alignment each, until the graph
        # moves.
        for _ in range(3):
            served.peek()
            served.wait(60)
        assert len(attempts) == 1
    finally:
        reader.close()
