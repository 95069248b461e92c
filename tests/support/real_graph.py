"""The full real graph, built once per test process and shared by every module that needs it.

Building it (reference data, every source in ../shared/data, the alignment) takes about 20 s,
so test modules get it from :func:`real_graph_path` (and the analyses over it from
:func:`shared_analyses`, whose indexes are then built once) instead of each ingesting on their
own. The file is read-only for the tests; modules that write build their own store.
:func:`real_neo4j` puts the same graph on the tests' Neo4j server, for the backend comparisons.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
import threading
from pathlib import Path

from helpers import SHARED, Neo4jServer, empty_neo4j, need_shared_data, neo4j_server

from ingest.runner import ingest
from queries.analyses import Analyses
from store.embedded import EmbeddedStore

_lock = threading.RLock()
_path: Path | None = None
_analyses: Analyses | None = None
_with_documents: Path | None = None


def _graph_file(prefix: str) -> Path:
    """A graph file in a temporary directory removed when the process ends."""
    directory = Path(tempfile.mkdtemp(prefix=prefix))
    atexit.register(shutil.rmtree, directory, True)
    return directory / "graph.sqlite"


def real_graph_path() -> Path:
    """Path of an embedded store holding the whole real graph (built on first use)."""
    global _path
    with _lock:
        if _path is None:
            path = _graph_file("harmonia-real-graph-")
            with EmbeddedStore(path) as store:
                outcomes = ingest(store, [need_shared_data()])
            failed = [o for o in outcomes if o.status == "failed"]
            assert not failed, failed
            _path = path
        return _path


def real_graph_with_documents() -> Path:
    """A copy of the real graph with the whole Arabic articles of ``../shared/corpus`` (its
    top level) ingested as documents, for what reads documents against the lists."""
    from ingest.documents import ingest_documents  # the NLP pipeline: only for who needs it

    global _with_documents
    with _lock:
        if _with_documents is None:
            path = _graph_file("harmonia-real-graph-docs-")
            shutil.copyfile(real_graph_path(), path)
            with EmbeddedStore(path) as store:
                outcomes = ingest_documents(store, sorted((SHARED / "corpus").glob("ar-*.txt")))
            assert {o.status for o in outcomes} == {"written"}, outcomes
            _with_documents = path
        return _with_documents


def real_neo4j() -> Neo4jServer:
    """The tests' Neo4j server holding the whole real graph: ingested there on first use, and
    again only when its sources no longer equal the embedded real graph's (the store
    conformance suite empties the database between)."""
    from store.neo4j_backend import Neo4jStore

    with _lock:
        with EmbeddedStore(real_graph_path(), read_only=True) as reference:
            wanted = {(s.key, s.digest) for s in reference.sources()}
        server = neo4j_server()
        with Neo4jStore(server.uri, server.user, server.password) as store:
            if {(s.key, s.digest) for s in store.sources()} == wanted:
                return server
        server = empty_neo4j()
        with Neo4jStore(server.uri, server.user, server.password) as store:
            outcomes = ingest(store, [need_shared_data()])
        failed = [o for o in outcomes if o.status == "failed"]
        assert not failed, failed
        return server


def shared_analyses() -> Analyses:
    """One ``Analyses`` over the real graph for the whole test process."""
    global _analyses
    with _lock:
        if _analyses is None:
            store = EmbeddedStore(real_graph_path(), read_only=True)
            atexit.register(store.close)
            _analyses = Analyses(store)
        return _analyses
