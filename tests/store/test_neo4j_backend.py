"""Neo4j backend pieces that need no server (the conformance suite covers the rest)."""

from __future__ import annotations

import pytest
from helpers import sample_batch

from store.base import StoreError
from store.cypher_texts import cypher
from store.neo4j_backend import decode_properties, encode_properties


def test_properties_survive_the_neo4j_encoding() -> None:
    for record in sample_batch().nodes:
        native, encoded = encode_properties(record.properties)
        for key, value in native.items():
            assert key in encoded or isinstance(value, str | int | float | bool | list)
        stored = {**native, "_json": encoded, "id": record.id, "source_key": "k"}
        assert decode_properties(stored) == record.properties


def test_maps_nulls_and_mixed_lists_become_json() -> None:
    native, encoded = encode_properties(
        {
            "names": {"fr": "France"},
            "until": None,
            "mixed": [1, "a"],
            "tags": ["a", "b"],
            "empty": [],
        }
    )
    assert encoded == ["mixed", "names", "until"]
    assert native["tags"] == ["a", "b"]
    assert native["empty"] == []


def test_statements_come_from_files() -> None:
    text = cypher("merge_nodes")
    assert text.startswith("UNWIND $rows AS row")
    assert not text.endswith(";")
    with pytest.raises(FileNotFoundError):
        cypher("no_such_statement")


def test_unreachable_server_is_a_clear_error() -> None:
    from store.neo4j_backend import Neo4jStore

    with pytest.raises(StoreError, match="cannot reach Neo4j"):
        Neo4jStore("bolt://127.0.0.1:9", "neo4j", "x")
