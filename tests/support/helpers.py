"""Helpers tests import: paths of the real data and small hand-written batches."""

from __future__ import annotations

import importlib.util
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from types import ModuleType
from typing import TypeVar

import networkx as nx
import pytest

from graph_schema import ids
from graph_schema.model import (
    Contains,
    ControlEntry,
    ControlList,
    Country,
    Edge,
    EdgeRecord,
    Issues,
    Node,
    NodeRecord,
    Parameter,
    ParentOf,
)
from graph_schema.provenance import Provenance
from store.base import SourceBatch
from store.neo4j_backend import Neo4jStore

ROOT = Path(__file__).resolve().parents[2]
#: The real source files; CI has shared/ beside the checkout.
SHARED = Path(os.environ.get("HARMONIA_TEST_SHARED", ROOT.parent / "shared"))
SHARED_DATA = SHARED / "data"

T = TypeVar("T")


def load_tool(name: str) -> ModuleType:
    """A script of ``tools/`` (not a package) imported by its path, for its tests."""
    spec = importlib.util.spec_from_file_location(name, ROOT / "tools" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(name, module)
    spec.loader.exec_module(module)
    return module


def need_shared_data() -> Path:
    if not SHARED_DATA.is_dir():
        pytest.fail(f"real data not found at {SHARED_DATA} (set HARMONIA_TEST_SHARED)")
    return SHARED_DATA


@dataclass(frozen=True)
class Neo4jServer:
    """Where the tests' Neo4j server answers (``make test`` starts one: tools/neo4j_server.py)."""

    uri: str
    user: str
    password: str


def neo4j_server() -> Neo4jServer:
    """The tests' Neo4j server as configured.

    Skips where none is configured, except under ``HARMONIA_REQUIRE_NEO4J`` (``make test``,
    CI), where a missing server is a failure: a Neo4j case must never pass by skipping.
    """
    uri = os.environ.get("HARMONIA_NEO4J_URI")
    if not uri:
        message = (
            "HARMONIA_NEO4J_URI is not set: `make test` starts the project's Neo4j and sets it "
            "(or `make neo4j` and HARMONIA_NEO4J_URI=bolt://127.0.0.1:7687)"
        )
        if os.environ.get("HARMONIA_REQUIRE_NEO4J"):
            pytest.fail(message)
        pytest.skip(message)
    return Neo4jServer(
        uri,
        os.environ.get("HARMONIA_NEO4J_USER", "neo4j"),
        os.environ.get("HARMONIA_NEO4J_PASSWORD", ""),
    )


def empty_neo4j() -> Neo4jServer:
    """The tests' Neo4j server with its database emptied."""
    from neo4j import GraphDatabase

    server = neo4j_server()
    # In batches: one transaction over the whole real graph exceeds the server's memory limit.
    with (
        GraphDatabase.driver(server.uri, auth=(server.user, server.password)) as driver,
        driver.session() as session,
    ):
        session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS").consume()
    return server


class WholeGraphRead(AssertionError):
    pass


class PartsOnly(Neo4jStore):
    """A Neo4j store that fails the reads that grow with the graph: the networkx view, and any
    node or edge read of more than ``LIMIT`` rows (every control entry is some 25,000, every
    node 58,000). What reads through it must ask the server for parts."""

    LIMIT = 20_000

    def to_networkx(self) -> nx.MultiDiGraph:
        raise WholeGraphRead("the networkx view of the whole graph was asked for")

    def _bounded(self, rows: list[T], what: str) -> Iterator[T]:
        if len(rows) > self.LIMIT:
            raise WholeGraphRead(f"{len(rows):,} {what} were read at once")
        return iter(rows)

    def nodes(self, label: str | None = None) -> Iterator[NodeRecord]:
        return self._bounded(list(super().nodes(label)), f"nodes of label {label}")

    def edges(
        self, edge_type: str | None = None, source: str | None = None, target: str | None = None
    ) -> Iterator[EdgeRecord]:
        rows = list(super().edges(edge_type, source, target))
        return self._bounded(rows, f"edges of type {edge_type}")


def sample_batch(
    edition: str = "2025", codes: tuple[str, ...] = ("5A001", "5A001.j")
) -> SourceBatch:
    """A small list edition written by hand: one list, a few entries and their hierarchy."""
    prov = Provenance(source="sample-list", edition=edition, file_sha256="0" * 64)
    list_id = ids.control_list_id("sample", edition)
    records: list[Node | Edge] = [
        ControlList(
            id=list_id,
            issuer="regime:wassenaar",
            title="Sample list",
            edition=edition,
            edition_date=date(2025, 12, 4),
            numbering="wassenaar",
            source_url="https://example.org/list.pdf",
            file_sha256="0" * 64,
            provenance=prov,
        ),
        Issues(source="regime:wassenaar", target=list_id, provenance=prov),
    ]
    for code in codes:
        parent = code.rsplit(".", 1)[0] if "." in code else None
        entry = ids.entry_id(list_id, code)
        records.append(
            ControlEntry(
                id=entry,
                list_id=list_id,
                code=code,
                canonical=code,
                parent=parent,
                level=code.count("."),
                text=f"Text of {code} ({edition}); été مراقبة",
                notes=["a note"],
                parameters=[
                    Parameter(
                        quantity="mass",
                        comparator=">",
                        value=10.0,
                        unit="kg",
                        text="exceeding 10 kg",
                    )
                ],
                provenance=prov,
            )
        )
        records.append(Contains(source=list_id, target=entry, provenance=prov))
        if parent is not None:
            records.append(
                ParentOf(source=ids.entry_id(list_id, parent), target=entry, provenance=prov)
            )
    nodes = [r.to_record() for r in records if isinstance(r, Node)]
    edges = [r.to_record() for r in records if isinstance(r, Edge)]
    return SourceBatch(
        source_id="sample-list",
        edition=edition,
        title="Sample list",
        issuer="regime:wassenaar",
        file_sha256="0" * 64,
        nodes=nodes,
        edges=edges,
    )


def country_batch() -> SourceBatch:
    prov = Provenance(source="sample-countries", edition="1")
    node = Country(
        id="country:FR", iso2="FR", name="France", names={"fr": "France"}, provenance=prov
    )
    return SourceBatch(
        source_id="sample-countries", edition="1", title="c", nodes=[node.to_record()], edges=[]
    )
