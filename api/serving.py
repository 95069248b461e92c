"""What the API answers from: the last complete view of the graph, refreshed in the background.

Rebuilding the in-memory graph and the analyses' indexes after a write takes seconds. Readers
never wait for it: every request is answered from the current :class:`View` (one revision,
fully built and warmed), while a background thread notices a newer revision, builds its view
and swaps it in. Only the very first view is built while a request waits, since there is
nothing older to serve; ``harmonia serve`` starts building it as the server starts.
"""

from __future__ import annotations

import ctypes
import logging
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Literal

from api.caching import ResponseCache
from api.scratch import Scratch
from ingest.runner import IngestError, alignment_stale, bring_derived_up_to_date, collector_paused
from queries.analyses import Analyses
from queries.catalog import Catalog
from queries.documents import DocumentQueries
from queries.graph import GraphSnapshot, GraphStore, StoreError
from queries.reading.backends import graph_data, reads_on_server
from queries.views import Health

log = logging.getLogger("harmonia.api")


@dataclass(frozen=True)
class View:
    """Everything the read endpoints use, over one revision of the graph.

    ``graph`` is what they read: a frozen snapshot of the embedded store, or the Neo4j store
    itself, whose analyses ask the server for their records (no snapshot; what requests read
    is cached per revision); a Neo4j view is replaced as soon as the store's revision moves.
    """

    graph: GraphStore
    revision: int
    counts: dict[str, int]
    catalog: Catalog
    analyses: Analyses
    documents: DocumentQueries
    responses: ResponseCache

    def release(self) -> None:
        """Let go of a snapshot's graph once no request reads this view."""
        if isinstance(self.graph, GraphSnapshot):
            self.graph.release()


#: The longest a refresh waits for a moving revision to settle, in seconds.
SETTLE_MAX = 10.0
#: Default bound of the answers kept per view (see :mod:`api.caching`).
CACHE_BYTES = 32_000_000


def build_view(store: GraphStore, cache_bytes: int = CACHE_BYTES) -> View:
    """Read the store's current state and build (and warm) every index over it.

    On a server (Neo4j) nothing is copied: the analyses ask it for the records they need, and
    only what requests ask for is cached; the first request of a kind pays for its indexes.
    """
    if reads_on_server(store):
        revision = store.revision()
        analyses = Analyses(store)
        return View(
            store,
            revision,
            store.counts(),
            Catalog(store, analyses.data),
            analyses,
            DocumentQueries(store),
            ResponseCache(cache_bytes),
        )
    snapshot = GraphSnapshot.of(store)
    # The analyses read the snapshot's graph: one copy of the data in memory, not two.
    analyses = Analyses(graph_data(snapshot, networkx_view=True))
    analyses.warm()
    return View(
        snapshot,
        snapshot.revision(),
        snapshot.counts(),
        Catalog(snapshot, analyses.data),
        analyses,
        DocumentQueries(snapshot),
        ResponseCache(cache_bytes),
    )


Derived = Literal["current", "stale", "rebuilding", "unknown"]


def _derived_state(store: GraphStore) -> Derived:
    """Is the derived alignment in line with the sources and code it is derived from?"""
    try:
        return "stale" if alignment_stale(store) else "current"
    except (StoreError, OSError):
        return "unknown"


def _give_back_memory() -> None:
    """Return the heap glibc keeps after a view is built or dropped (tens of MB) to the OS."""
    try:
        libc = ctypes.CDLL("libc.so.6")
    except OSError:  # not glibc: nothing to do
        return
    libc.malloc_trim(0)


class Served:
    """The view being served, and the background refresh that replaces it.

    ``check_every`` bounds how often a request may trigger a look at the store's revision
    (the look itself runs on the background thread, never on the request's); a newer revision
    is read once it has stayed the same for ``settle`` seconds.

    ``store`` may be read-only: writes go through a store from ``open_writer``, opened for
    the write and closed after it. With one, derived data found stale in a view (an ingest
    killed before its alignment) is rebuilt in the background and the result served;
    ``/health`` says "rebuilding" meanwhile. Large answers and export files go to
    ``scratch`` (none: large answers are not kept). Without one (a caller that owns the store's
    writes), ``POST /admin/ingest`` writes to ``store`` and stale derived data is reported,
    not rebuilt.
    """

    def __init__(
        self,
        store: GraphStore,
        *,
        check_every: float = 0.5,
        settle: float = 1.0,
        cache_bytes: int = CACHE_BYTES,
        build: Callable[[GraphStore, int], View] = build_view,
        open_writer: Callable[[], GraphStore] | None = None,
        scratch: Scratch | None = None,
    ) -> None:
        self.store = store
        self.scratch = scratch
        self._open_writer = open_writer
        self.check_every = check_every
        self.settle = settle
        self.cache_bytes = cache_bytes
        self._build = build
        self._view: View | None = None
        self._state_lock = threading.Lock()
        self._build_lock = threading.Lock()
        self._checked_at = float("-inf")
        self._worker: threading.Thread | None = None
        self._error: str | None = None
        self._derived: Derived = "unknown"
        self._rebuild_tried_at: int | None = None

    def peek(self) -> View | None:
        """The view being served now, without waiting (None until the first is built)."""
        self._maybe_check()
        return self._view

    def current(self) -> View:
        """The view being served; waits only while the very first one is built."""
        view = self.peek()
        return view if view is not None else self.refresh()

    def refresh(self) -> View:
        """Bring the view up to the store's revision now, waiting for the build if one is needed.

        Used by the background thread, for the first view, and by writes made through the API
        so that a client reads its own write.
        """
        with self._build_lock:
            view = old = self._view
            if view is None or view.revision != self.store.revision():
                started = time.perf_counter()
                # No cycle collection while millions of objects are made: each full pass
                # would hold the interpreter for ~0.3 s, stalling every request thread.
                with collector_paused():
                    view = self._build(self.store, self.cache_bytes)
                self._derived = _derived_state(self.store)
                if self.scratch is not None:
                    folder = self.scratch.folder("answers") / f"r{view.revision}-{id(view):x}"
                    view.responses.spool_to(folder)
                self._view = view  # one reference assignment: readers see old or new, whole
                if old is not None and old.graph is not view.graph:
                    old.release()
                if old is not None and old is not view:
                    old.responses.clear()
                _give_back_memory()
                log.info(
                    "serving revision %d (built in %.1f s)",
                    view.revision,
                    time.perf_counter() - started,
                )
            return view

    @contextmanager
    def writing(self) -> Iterator[GraphStore]:
        """A store to write to, for as long as the write lasts."""
        if self._open_writer is None:
            yield self.store
            return
        writer = self._open_writer()
        try:
            yield writer
        finally:
            writer.close()

    def rebuild_derived(self) -> None:
        """Bring stale derived data in line with its inputs, then serve the result."""
        self._derived = "rebuilding"
        try:
            with self.writing() as writer:
                bring_derived_up_to_date(writer)
        except (IngestError, StoreError, OSError) as exc:
            self._derived = _derived_state(self.store)
            raise StoreError(f"rebuilding the derived alignment failed: {exc}") from exc
        self.refresh()

    def start(self) -> None:
        """Begin building the first view in the background (at server start)."""
        self._spawn()

    def health(self) -> Health:
        view = self._view
        if view is None:
            return Health(status="starting", backend=self.store.backend, revision=None, counts={})
        return Health(
            status="stale" if self._error else "ok",
            backend=self.store.backend,
            revision=view.revision,
            counts=view.counts,
            error=self._error,
            derived=self._derived,
        )

    # --- background refresh -----------------------------------------------------------------

    def _maybe_check(self) -> None:
        now = time.monotonic()
        with self._state_lock:
            if now - self._checked_at < self.check_every:
                return
            self._checked_at = now
        self._spawn()

    def _spawn(self) -> None:
        with self._state_lock:
            if self._worker is not None and self._worker.is_alive():
                return
            self._worker = threading.Thread(
                target=self._background, name="harmonia-refresh", daemon=True
            )
            self._worker.start()

    def _settled(self) -> None:
        """Wait while the revision keeps moving (up to ``SETTLE_MAX`` seconds).

        One ingest writes several revisions in quick succession (the source edition, then
        the alignment); reading each in-between state would only cost memory and time.
        """
        view = self._view
        if view is None or self.settle <= 0:
            return
        seen = self.store.revision()
        deadline = time.monotonic() + SETTLE_MAX
        while seen != view.revision and time.monotonic() < deadline:
            time.sleep(self.settle)
            latest = self.store.revision()
            if latest == seen:
                return
            seen = latest

    def _background(self) -> None:
        try:
            self._settled()
            self.refresh()
            view = self._view
            if (
                self._derived == "stale"
                and self._open_writer is not None
                and view is not None
                and view.revision != self._rebuild_tried_at
            ):
                # Once per revision: a rebuild that failed (a graph this server may not
                # write) is not tried again, at the cost of a whole alignment, until the
                # graph moves (a rebuild that succeeds moves it).
                self._rebuild_tried_at = view.revision
                self.rebuild_derived()
        except Exception as exc:
            # Keep serving the last good view; /health says it is stale and why.
            served = "nothing" if self._view is None else f"revision {self._view.revision}"
            self._error = f"refreshing the graph failed, still serving {served}: {exc}"
            log.warning("%s", self._error)
        else:
            self._error = None

    def wait(self, timeout: float | None = None) -> None:
        """Wait for a background refresh in progress (tests and benchmarks use this)."""
        worker = self._worker
        if worker is not None:
            worker.join(timeout)
