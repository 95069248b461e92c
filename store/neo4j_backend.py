"""The Neo4j backend: the official driver, parameters only, one transaction per source edition.

Neo4j properties hold only primitives and homogeneous lists, so other values (maps, lists of
maps, null) are stored as JSON text and their keys listed in the ``_json`` property. Every node
also has the label ``Node`` with a unique ``id``; ``source_key`` marks which source edition
defines it (nodes without one are placeholders at the end of another source's edge).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

import networkx as nx
from neo4j import Driver, GraphDatabase, ManagedTransaction
from neo4j.exceptions import Neo4jError, ServiceUnavailable

from graph_schema.model import EdgeRecord, NodeRecord
from graph_schema.neo4j import schema_statements
from store.base import (
    Closing,
    EdgeRow,
    OwnershipConflict,
    RevisionMoved,
    SourceBatch,
    SourceRecord,
    StoreError,
    WriteResult,
    build_networkx,
)
from store.cypher_texts import cypher

_INTERNAL = ("id", "source_key", "_json")
BATCH_SIZE = 2000
#: Reads of the whole graph before giving up while writes keep landing.
_SNAPSHOT_ATTEMPTS = 3


def _is_native(value: Any) -> bool:
    if isinstance(value, str | bool | int | float):
        return True
    if isinstance(value, list):
        kinds = {type(v) for v in value}
        return kinds <= {str} or kinds <= {int, float} or kinds <= {bool}
    return False


def encode_properties(props: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """Split properties into what Neo4j holds natively and the JSON-encoded rest."""
    native: dict[str, Any] = {}
    encoded: list[str] = []
    for key, value in props.items():
        if _is_native(value):
            native[key] = value
        else:
            native[key] = json.dumps(value, sort_keys=True, ensure_ascii=False)
            encoded.append(key)
    return native, sorted(encoded)


def decode_properties(props: dict[str, Any]) -> dict[str, Any]:
    encoded = set(props.get("_json") or [])
    return {
        key: json.loads(value) if key in encoded else value
        for key, value in props.items()
        if key not in _INTERNAL
    }


def _edge_row(row: dict[str, Any]) -> EdgeRow:
    return row["id"], row["type"], row["source"], row["target"], decode_properties(row["props"])


class Neo4jStore(Closing):
    """Graph store in a Neo4j 5.26+ database (dynamic labels need 5.26)."""

    backend = "neo4j"

    def __init__(
        self,
        uri: str,
        user: str,
        password: str,
        *,
        database: str | None = None,
        driver: Driver | None = None,
    ) -> None:
        self.database = database
        self._driver = driver or GraphDatabase.driver(uri, auth=(user, password))
        try:
            self._driver.verify_connectivity()
            with self._driver.session(database=database) as session:
                for statement in schema_statements():
                    session.run(statement).consume()
        except ServiceUnavailable as exc:
            self._driver.close()
            raise StoreError(f"cannot reach Neo4j at {uri}: {exc}") from exc
        except Neo4jError as exc:
            self._driver.close()
            raise StoreError(f"Neo4j refused the schema setup: {exc}") from exc

    @property
    def driver(self) -> Driver:
        """The Bolt driver, for readers that ask the server their own Cypher (the analyses)."""
        return self._driver

    def close(self) -> None:
        self._driver.close()

    # --- writes -----------------------------------------------------------------------------

    def replace_source(
        self, batch: SourceBatch, *, expect_revision: int | None = None
    ) -> WriteResult:
        batch.check_unique()
        digest = batch.digest()
        key = batch.key
        node_rows = []
        for n in batch.nodes:
            props, encoded = encode_properties(n.properties)
            node_rows.append({"id": n.id, "label": n.label, "props": props, "json": encoded})
        edge_rows = []
        for e in batch.edges:
            props, encoded = encode_properties(e.properties)
            edge_rows.append(
                {
                    "id": e.id,
                    "type": e.type,
                    "source": e.source,
                    "target": e.target,
                    "props": props,
                    "json": encoded,
                }
            )

        def work(tx: ManagedTransaction) -> WriteResult:
            if expect_revision is not None:
                now = tx.run(cypher("revision")).single(strict=True)["revision"]
                if int(now) != expect_revision:
                    raise RevisionMoved(
                        f"{key} was derived from revision {expect_revision}; the graph is at {now}"
                    )
            old = tx.run(cypher("source_digest"), key=key).single()
            if old is not None and old["digest"] == digest:
                return WriteResult(
                    key=key, status="unchanged", nodes=len(node_rows), edges=len(edge_rows)
                )
            ends = [{k: r[k] for k in ("id", "source", "target")} for r in edge_rows]
            checks: tuple[tuple[str, str, dict[str, Any]], ...] = (
                ("node", "node_conflicts", {"ids": [r["id"] for r in node_rows]}),
                ("edge", "edge_conflicts", {"edges": ends}),
            )
            for kind, name, params in checks:
                clash = tx.run(cypher(name), key=key, **params).single()
                if clash is not None:
                    raise OwnershipConflict(
                        f"source {key} defines {kind} {clash['id']}, "
                        f"which source {clash['owner']} already defines"
                    )
            removed_edges = tx.run(cypher("delete_source_edges"), key=key).single(strict=True)
            removed_nodes = tx.run(cypher("release_source_nodes"), key=key).single(strict=True)
            for start in range(0, len(node_rows), BATCH_SIZE):
                rows = node_rows[start : start + BATCH_SIZE]
                tx.run(cypher("merge_nodes"), rows=rows, key=key).consume()
            for start in range(0, len(edge_rows), BATCH_SIZE):
                rows = edge_rows[start : start + BATCH_SIZE]
                tx.run(cypher("merge_edges"), rows=rows, key=key).consume()
            tx.run(cypher("prune_placeholders")).consume()
            record = batch.record(digest)
            tx.run(
                cypher("upsert_source"), key=key, record=record.model_dump_json(), digest=digest
            ).consume()
            tx.run(cypher("bump_revision")).consume()
            return WriteResult(
                key=key,
                status="written",
                nodes=len(node_rows),
                edges=len(edge_rows),
                removed_nodes=int(removed_nodes["removed"]),
                removed_edges=int(removed_edges["removed"]),
            )

        return self._write(work)

    def remove_source(self, key: str) -> WriteResult:
        def work(tx: ManagedTransaction) -> WriteResult:
            gone = tx.run(cypher("delete_source_record"), key=key).single(strict=True)
            if int(gone["removed"]) == 0:
                raise StoreError(f"no source {key!r} in the graph")
            removed_edges = tx.run(cypher("delete_source_edges"), key=key).single(strict=True)
            removed_nodes = tx.run(cypher("release_source_nodes"), key=key).single(strict=True)
            tx.run(cypher("prune_placeholders")).consume()
            tx.run(cypher("bump_revision")).consume()
            return WriteResult(
                key=key,
                status="written",
                nodes=0,
                edges=0,
                removed_nodes=int(removed_nodes["removed"]),
                removed_edges=int(removed_edges["removed"]),
            )

        return self._write(work)

    def _write(self, work: Any) -> WriteResult:
        try:
            with self._driver.session(database=self.database) as session:
                result: WriteResult = session.execute_write(work)
                return result
        except Neo4jError as exc:
            raise StoreError(f"Neo4j write failed, nothing was changed: {exc}") from exc

    # --- reads (read transactions: least privilege) -------------------------------------------

    def _read(self, name: str, **params: Any) -> list[dict[str, Any]]:
        return self._reads([(name, params)])[0]

    def _reads(self, statements: list[tuple[str, dict[str, Any]]]) -> list[list[dict[str, Any]]]:
        """Rows of each read statement, all run in one read transaction."""

        def work(tx: ManagedTransaction) -> list[list[dict[str, Any]]]:
            return [
                [record.data() for record in tx.run(cypher(name), **params)]
                for name, params in statements
            ]

        with self._driver.session(database=self.database) as session:
            rows: list[list[dict[str, Any]]] = session.execute_read(work)
            return rows

    def revision(self) -> int:
        return int(self._read("revision")[0]["revision"])

    def sources(self) -> list[SourceRecord]:
        return [SourceRecord.model_validate_json(r["record"]) for r in self._read("sources")]

    def get_node(self, node_id: str) -> NodeRecord | None:
        rows = self._read("get_node", id=node_id)
        if not rows:
            return None
        row = rows[0]
        return NodeRecord(
            id=row["id"], label=row["label"], properties=decode_properties(row["props"])
        )

    def nodes(self, label: str | None = None) -> Iterator[NodeRecord]:
        for row in self._read("nodes", label=label):
            yield NodeRecord(
                id=row["id"], label=row["label"], properties=decode_properties(row["props"])
            )

    def edges(
        self,
        edge_type: str | None = None,
        source: str | None = None,
        target: str | None = None,
    ) -> Iterator[EdgeRecord]:
        for row in self._read("edges", type=edge_type, source=source, target=target):
            yield EdgeRecord(
                id=row["id"],
                type=row["type"],
                source=row["source"],
                target=row["target"],
                properties=decode_properties(row["props"]),
            )

    def counts(self) -> dict[str, int]:
        rows = self._read("node_counts") + self._read("edge_counts")
        return dict(sorted((r["name"], int(r["count"])) for r in rows))

    def subgraph(self, node_ids: Iterable[str]) -> nx.MultiDiGraph:
        ids = sorted(set(node_ids))
        revision, sources, nodes, edges = self._reads(
            [
                ("revision", {}),
                ("sources", {}),
                ("subgraph_nodes", {"ids": ids}),
                ("subgraph_edges", {"ids": ids}),
            ]
        )
        held = {r["id"] for r in nodes}
        return build_networkx(
            ((r["id"], r["label"], decode_properties(r["props"])) for r in nodes),
            (_edge_row(r) for r in edges if r["target"] in held),
            revision=int(revision[0]["revision"]),
            sources=[SourceRecord.model_validate_json(r["record"]) for r in sources],
        )

    def to_networkx(self) -> nx.MultiDiGraph:
        """The whole graph as of one revision.

        Neo4j reads at read-committed isolation, so even one transaction could see a write
        that commits between its statements: the revision is read before and after, and a
        read that straddled a write is retried.
        """

        everything: list[tuple[str, dict[str, Any]]] = [
            ("revision", {}),
            ("sources", {}),
            ("nodes", {"label": None}),
            ("edges", {"type": None, "source": None, "target": None}),
            ("revision", {}),
        ]
        for _ in range(_SNAPSHOT_ATTEMPTS):
            first, sources, nodes, edges, last = self._reads(everything)
            before, after = int(first[0]["revision"]), int(last[0]["revision"])
            if before == after:
                return build_networkx(
                    ((r["id"], r["label"], decode_properties(r["props"])) for r in nodes),
                    (_edge_row(r) for r in edges),
                    revision=before,
                    sources=[SourceRecord.model_validate_json(r["record"]) for r in sources],
                )
        raise StoreError(
            f"the graph changed during each of {_SNAPSHOT_ATTEMPTS} reads; try again when "
            "the ingest is done"
        )
