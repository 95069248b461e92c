"""Nodes and edges: records round-trip, provenance travels, ids are deterministic."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import ValidationError

from graph_schema import ids
from graph_schema.model import (
    EDGE_TYPES,
    NODE_TYPES,
    Country,
    EdgeRecord,
    Implements,
    MemberOf,
    NodeRecord,
    edge_from_record,
    node_from_record,
)
from graph_schema.neo4j import schema_statements
from graph_schema.provenance import Provenance

PROV = Provenance(
    source="reference",
    edition="current",
    citation="https://example.org/x",
    sentence="France joined.",
)


def test_node_record_round_trip() -> None:
    node = Country(
        id="country:FR", iso2="FR", name="France", names={"ar": "فرنسا"}, provenance=PROV
    )
    record = node.to_record()
    assert record.label == "Country"
    assert record.properties["prov_sentence"] == "France joined."
    assert node_from_record(record) == node


def test_edge_record_round_trip_and_id() -> None:
    edge = MemberOf(
        source="country:IN", target="regime:wassenaar", since=date(2017, 12, 8), provenance=PROV
    )
    record = edge.to_record()
    assert record.id == ids.edge_id("MEMBER_OF", "country:IN", "regime:wassenaar")
    assert record.properties["since"] == "2017-12-08"
    assert edge_from_record(record) == edge


def test_unknown_labels_and_types_are_errors() -> None:
    with pytest.raises(ValueError, match="unknown node label"):
        node_from_record(NodeRecord(id="x", label="Alien", properties={}))
    with pytest.raises(ValueError, match="unknown edge type"):
        edge_from_record(EdgeRecord(id="x", type="ALIEN", source="a", target="b", properties={}))


def test_models_validate() -> None:
    with pytest.raises(ValidationError):
        Country(id="country:FR", iso2="France", name="France", provenance=PROV)
    with pytest.raises(ValidationError):
        Implements(source="a", target="b", method="code", score=1.5, evidence="", provenance=PROV)
    with pytest.raises(ValidationError):
        Provenance(source="x", unknown="y")  # type: ignore[call-arg]


def test_ids() -> None:
    assert ids.slug("Australia Group") == "australia-group"
    assert ids.country_id("fr") == "country:FR"
    assert ids.control_list_id("Wassenaar", "2025 Corr.") == "list:wassenaar:2025-corr"
    assert ids.entry_id("list:wassenaar:2025", "5A001.j") == "entry:wassenaar:2025:5A001.j"
    assert ids.country_group_id("US", "a:1") == "group:us:A:1"
    assert ids.party_id("csl", "abc") == ids.party_id("csl", "abc")
    assert ids.party_id("csl", "abc") != ids.party_id("csl", "abd")
    assert ids.edge_id("X", "a", "b", "1") != ids.edge_id("X", "a", "b", "2")
    for bad in ("France", "F", ""):
        with pytest.raises(ValueError):
            ids.country_id(bad)
    with pytest.raises(ValueError):
        ids.slug("!!!")
    with pytest.raises(ValueError):
        ids.entry_id("wassenaar", "5A001")
    with pytest.raises(ValueError):
        ids.entry_id("list:wassenaar:2025", "5A 001")


def test_neo4j_schema_covers_every_label() -> None:
    statements = schema_statements()
    for label, cls in NODE_TYPES.items():
        assert any(f"(n:{label}) REQUIRE n.id IS UNIQUE" in s for s in statements)
        for prop in cls.INDEXED:
            assert any(f"(n:{label}) ON (n.{prop})" in s for s in statements)
    assert all("IF NOT EXISTS" in s for s in statements)
    assert len(set(statements)) == len(statements)


def test_edge_types_declare_endpoints() -> None:
    for edge_type, cls in EDGE_TYPES.items():
        assert cls.SOURCE_LABELS and cls.TARGET_LABELS, edge_type
        assert set(cls.SOURCE_LABELS) <= set(NODE_TYPES)
        assert set(cls.TARGET_LABELS) <= set(NODE_TYPES)
