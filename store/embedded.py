"""The embedded backend: one SQLite file, zero setup.

SQLite in WAL mode gives what the design asks of the default store: a write of one source edition
is one transaction (a killed ingest rolls back on next open), readers keep reading the last
committed state while a write runs, and the file needs no server. Traversal and analysis happen
on a networkx graph built from the rows and cached until the revision changes.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path

import networkx as nx
import orjson

from graph_schema.model import EdgeRecord, NodeRecord
from store.base import (
    Closing,
    OwnershipConflict,
    RevisionMoved,
    SourceBatch,
    SourceRecord,
    StoreError,
    WriteResult,
    build_networkx,
    induced,
)

SCHEMA_VERSION = 1

_DDL = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sources (
    key TEXT PRIMARY KEY, record TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS nodes (
    id TEXT PRIMARY KEY, label TEXT NOT NULL, source_key TEXT NOT NULL, props TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS edges (
    id TEXT PRIMARY KEY, type TEXT NOT NULL, src TEXT NOT NULL, dst TEXT NOT NULL,
    source_key TEXT NOT NULL, props TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS nodes_label ON nodes(label);
CREATE INDEX IF NOT EXISTS nodes_source ON nodes(source_key);
CREATE INDEX IF NOT EXISTS edges_type ON edges(type);
CREATE INDEX IF NOT EXISTS edges_src ON edges(src);
CREATE INDEX IF NOT EXISTS edges_dst ON edges(dst);
CREATE INDEX IF NOT EXISTS edges_source ON edges(source_key);
"""


_NODE_CLASH = (
    "SELECT t.id, t.source_key FROM nodes t JOIN incoming i ON i.id = t.id "
    "WHERE t.source_key <> ? LIMIT 1"
)
_EDGE_CLASH = (
    "SELECT t.id, t.source_key FROM edges t JOIN incoming i ON i.id = t.id "
    "WHERE t.source_key <> ? LIMIT 1"
)
_EDGE_COLUMNS = "SELECT id, type, src, dst, props FROM edges"
_EDGES_ALL = _EDGE_COLUMNS + " ORDER BY id"
_EDGES_BY_SRC = _EDGE_COLUMNS + " WHERE src=? ORDER BY id"
_EDGES_BY_DST = _EDGE_COLUMNS + " WHERE dst=? ORDER BY id"
_EDGES_BY_TYPE = _EDGE_COLUMNS + " WHERE type=? ORDER BY id"


class EmbeddedStore(Closing):
    """Graph store in one local SQLite file."""

    backend = "embedded"

    def __init__(self, path: Path | str, *, read_only: bool = False) -> None:
        self.path = Path(path)
        self.read_only = read_only
        if read_only:
            if not self.path.exists():
                raise StoreError(
                    f"no graph at {self.path.resolve()}: run 'harmonia ingest' there, or set "
                    "HARMONIA_DB_PATH to the graph's file"
                )
            uri = f"file:{self.path.resolve()}?mode=ro"
            self._conn = sqlite3.connect(uri, uri=True, check_same_thread=False, timeout=60)
        else:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._conn = sqlite3.connect(self.path, check_same_thread=False, timeout=60)
        # Autocommit mode: transactions are opened explicitly, so their extent is visible here.
        self._conn.isolation_level = None
        self._lock = threading.RLock()
        self._cache: tuple[int, nx.MultiDiGraph] | None = None
        try:
            if not read_only:
                self._conn.execute("PRAGMA journal_mode=WAL")
                self._conn.execute("PRAGMA synchronous=FULL")
                self._conn.executescript(_DDL)
                self._init_meta()
            self._check_version()
        except sqlite3.DatabaseError as exc:
            self._conn.close()
            raise StoreError(f"{self.path} is not a Harmonia graph file ({exc})") from exc

    # --- housekeeping -----------------------------------------------------------------------

    def _init_meta(self) -> None:
        self._conn.execute(
            "INSERT OR IGNORE INTO meta(key, value) VALUES ('schema_version', ?)",
            (str(SCHEMA_VERSION),),
        )
        self._conn.execute("INSERT OR IGNORE INTO meta(key, value) VALUES ('revision', '0')")

    def _check_version(self) -> None:
        row = self._conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
        if row is None or int(row[0]) != SCHEMA_VERSION:
            found = row[0] if row else "none"
            raise StoreError(
                f"{self.path} has schema version {found}, this Harmonia needs {SCHEMA_VERSION}"
            )

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    # --- writes -----------------------------------------------------------------------------

    def replace_source(
        self, batch: SourceBatch, *, expect_revision: int | None = None
    ) -> WriteResult:
        if self.read_only:
            raise StoreError("store opened read-only")
        batch.check_unique()
        node_rows, edge_rows = batch.serialized()
        digest = batch.digest((node_rows, edge_rows))
        key = batch.key
        with self._lock, self._transaction() as cur:
            if expect_revision is not None:
                row = cur.execute("SELECT value FROM meta WHERE key='revision'").fetchone()
                if int(row[0]) != expect_revision:
                    raise RevisionMoved(
                        f"{key} was derived from revision {expect_revision}; "
                        f"the graph is at {row[0]}"
                    )
            old = cur.execute("SELECT record FROM sources WHERE key=?", (key,)).fetchone()
            if old is not None and SourceRecord.model_validate_json(old[0]).digest == digest:
                return WriteResult(
                    key=key, status="unchanged", nodes=len(batch.nodes), edges=len(batch.edges)
                )
            self._check_ownership(cur, key, batch)
            removed_nodes = cur.execute("DELETE FROM nodes WHERE source_key=?", (key,)).rowcount
            removed_edges = cur.execute("DELETE FROM edges WHERE source_key=?", (key,)).rowcount
            cur.executemany(
                "INSERT INTO nodes(id, label, source_key, props) VALUES (?, ?, ?, ?)",
                ((i, label, key, props) for i, label, props in node_rows),
            )
            cur.executemany(
                "INSERT INTO edges(id, type, src, dst, source_key, props) VALUES (?,?,?,?,?,?)",
                ((i, t, src, dst, key, props) for i, t, src, dst, props in edge_rows),
            )
            record = batch.record(digest)
            cur.execute(
                "INSERT OR REPLACE INTO sources(key, record) VALUES (?, ?)",
                (key, record.model_dump_json()),
            )
            self._bump_revision(cur)
        return WriteResult(
            key=key,
            status="written",
            nodes=len(batch.nodes),
            edges=len(batch.edges),
            removed_nodes=removed_nodes,
            removed_edges=removed_edges,
        )

    def remove_source(self, key: str) -> WriteResult:
        if self.read_only:
            raise StoreError("store opened read-only")
        with self._lock, self._transaction() as cur:
            if cur.execute("SELECT 1 FROM sources WHERE key=?", (key,)).fetchone() is None:
                raise StoreError(f"no source {key!r} in the graph")
            removed_nodes = cur.execute("DELETE FROM nodes WHERE source_key=?", (key,)).rowcount
            removed_edges = cur.execute("DELETE FROM edges WHERE source_key=?", (key,)).rowcount
            cur.execute("DELETE FROM sources WHERE key=?", (key,))
            self._bump_revision(cur)
        return WriteResult(
            key=key,
            status="written",
            nodes=0,
            edges=0,
            removed_nodes=removed_nodes,
            removed_edges=removed_edges,
        )

    def _check_ownership(self, cur: sqlite3.Cursor, key: str, batch: SourceBatch) -> None:
        cur.execute("CREATE TEMP TABLE IF NOT EXISTS incoming (id TEXT PRIMARY KEY)")
        checks = (
            ("node", batch.nodes, _NODE_CLASH),
            ("edge", batch.edges, _EDGE_CLASH),
        )
        for kind, rows, query in checks:
            cur.execute("DELETE FROM incoming")
            cur.executemany("INSERT INTO incoming(id) VALUES (?)", ((r.id,) for r in rows))
            clash = cur.execute(query, (key,)).fetchone()
            if clash is not None:
                raise OwnershipConflict(
                    f"source {key} defines {kind} {clash[0]}, "
                    f"which source {clash[1]} already defines"
                )
        cur.execute("DELETE FROM incoming")

    def _bump_revision(self, cur: sqlite3.Cursor) -> None:
        cur.execute("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key='revision'")

    def _transaction(self) -> _Transaction:
        return _Transaction(self._conn)

    # --- reads ------------------------------------------------------------------------------

    def revision(self) -> int:
        with self._lock:
            row = self._conn.execute("SELECT value FROM meta WHERE key='revision'").fetchone()
        return int(row[0])

    def sources(self) -> list[SourceRecord]:
        with self._lock:
            rows = self._conn.execute("SELECT record FROM sources ORDER BY key").fetchall()
        return [SourceRecord.model_validate_json(r[0]) for r in rows]

    def get_node(self, node_id: str) -> NodeRecord | None:
        with self._lock:
            row = self._conn.execute(
                "SELECT id, label, props FROM nodes WHERE id=?", (node_id,)
            ).fetchone()
        if row is None:
            return None
        return NodeRecord(id=row[0], label=row[1], properties=orjson.loads(row[2]))

    def nodes(self, label: str | None = None) -> Iterator[NodeRecord]:
        with self._lock:
            if label is None:
                rows = self._conn.execute("SELECT id, label, props FROM nodes ORDER BY id")
            else:
                rows = self._conn.execute(
                    "SELECT id, label, props FROM nodes WHERE label=? ORDER BY id", (label,)
                )
            fetched = rows.fetchall()
        for r in fetched:
            yield NodeRecord(id=r[0], label=r[1], properties=orjson.loads(r[2]))

    def edges(
        self,
        edge_type: str | None = None,
        source: str | None = None,
        target: str | None = None,
    ) -> Iterator[EdgeRecord]:
        # Narrow by the most selective indexed column, filter the rest here: static SQL only.
        if source is not None:
            query, params = _EDGES_BY_SRC, [source]
        elif target is not None:
            query, params = _EDGES_BY_DST, [target]
        elif edge_type is not None:
            query, params = _EDGES_BY_TYPE, [edge_type]
        else:
            query, params = _EDGES_ALL, []
        with self._lock:
            fetched = self._conn.execute(query, params).fetchall()
        for r in fetched:
            if edge_type is not None and r[1] != edge_type:
                continue
            if target is not None and r[3] != target:
                continue
            yield EdgeRecord(
                id=r[0], type=r[1], source=r[2], target=r[3], properties=orjson.loads(r[4])
            )

    def counts(self) -> dict[str, int]:
        with self._lock:
            node_rows = self._conn.execute(
                "SELECT label, COUNT(*) FROM nodes GROUP BY label"
            ).fetchall()
            edge_rows = self._conn.execute(
                "SELECT type, COUNT(*) FROM edges GROUP BY type"
            ).fetchall()
        return dict(sorted([*node_rows, *edge_rows]))

    def subgraph(self, node_ids: Iterable[str]) -> nx.MultiDiGraph:
        return induced(self.to_networkx(), node_ids)

    def to_networkx(self) -> nx.MultiDiGraph:
        """The whole graph, frozen (read-only), rebuilt only when the revision changed."""
        with self._lock:
            # One read transaction, so nodes, edges, revision and sources are one committed state.
            self._conn.execute("BEGIN")
            try:
                rev = self.revision()
                if self._cache is not None and self._cache[0] == rev:
                    return self._cache[1]
                # Raw rows straight into networkx: no record objects in between. The standard
                # library's decoder here, not orjson: the served graph is 12 MB smaller with it
                # (measured with bench.startup: 488 against 500 MB warm).
                node_rows = self._conn.execute(
                    "SELECT id, label, props FROM nodes ORDER BY id"
                ).fetchall()
                edge_rows = self._conn.execute(_EDGES_ALL).fetchall()
                graph = build_networkx(
                    ((i, label, json.loads(p)) for i, label, p in node_rows),
                    ((i, t, s, d, json.loads(p)) for i, t, s, d, p in edge_rows),
                    revision=rev,
                    sources=self.sources(),
                )
            except sqlite3.DatabaseError as exc:
                raise StoreError(f"could not read the graph in {self.path}: {exc}") from exc
            finally:
                self._conn.execute("COMMIT")
            self._cache = (rev, graph)
            return graph


class _Transaction:
    """BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on any error (the graph stays as it was)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def __enter__(self) -> sqlite3.Cursor:
        try:
            self._conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise StoreError(f"the graph is busy or not writable: {exc}") from exc
        return self._conn.cursor()

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        if exc_type is None:
            self._conn.execute("COMMIT")
        else:
            self._conn.execute("ROLLBACK")
