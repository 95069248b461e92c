"""Exports of the whole graph: Neo4j import CSVs, JSON, GraphML."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from helpers import country_batch, sample_batch

from store.base import StoreError
from store.embedded import EmbeddedStore
from store.export import ARRAY_DELIMITER, write_graphml, write_json, write_neo4j_import


def test_neo4j_import_files(embedded: EmbeddedStore, tmp_path: Path) -> None:
    embedded.replace_source(sample_batch())
    embedded.replace_source(country_batch())
    out = tmp_path / "import"
    files = write_neo4j_import(embedded, out)
    assert sorted(p.name for p in files) == [
        "nodes_ControlEntry.csv",
        "nodes_ControlList.csv",
        "nodes_Country.csv",
        "relationships_CONTAINS.csv",
        "relationships_ISSUES.csv",
        "relationships_PARENT_OF.csv",
    ]
    with (out / "nodes_ControlEntry.csv").open(encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    header = rows[0]
    assert header[:2] == ["id:ID", ":LABEL"]
    assert "level:long" in header
    assert "notes:string[]" in header
    assert "sensitive:boolean" in header
    entry = dict(zip(header, rows[1], strict=True))
    assert entry[":LABEL"] == "Node;ControlEntry"
    assert entry["notes:string[]"].split(ARRAY_DELIMITER) == ["a note"]
    assert json.loads(entry["parameters:string"])[0]["unit"] == "kg"
    assert "été مراقبة" in entry["text:string"]
    with (out / "relationships_CONTAINS.csv").open(encoding="utf-8") as fh:
        rels = list(csv.reader(fh))
    assert rels[0][:4] == [":START_ID", ":END_ID", ":TYPE", "id"]
    assert len(rels) == 3


def test_neo4j_import_refuses_a_folder_in_use(embedded: EmbeddedStore, tmp_path: Path) -> None:
    embedded.replace_source(country_batch())
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "keep.txt").write_text("mine")
    with pytest.raises(StoreError, match="not empty"):
        write_neo4j_import(embedded, busy)
    assert (busy / "keep.txt").read_text() == "mine"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".busy")]


def test_json_and_graphml(embedded: EmbeddedStore, tmp_path: Path) -> None:
    import networkx as nx

    embedded.replace_source(sample_batch())
    write_json(embedded, tmp_path / "g.json")
    write_graphml(embedded, tmp_path / "g.graphml")
    doc = json.loads((tmp_path / "g.json").read_text())
    assert {n["label"] for n in doc["nodes"]} == {"ControlList", "ControlEntry"}
    graph = nx.read_graphml(tmp_path / "g.graphml")
    assert graph.number_of_edges() == len(doc["edges"])
