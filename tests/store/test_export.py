"""Exports of the whole graph: Neo4j import CSVs, JSON, GraphML."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from helpers import country_batch, sample_batch

from store.base import StoreError
from store.embedded import EmbeddedStore
from store.export import ARRAY_DELIMITER, _flat, write_graphml, write_json, write_neo4j_import


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
    assert entry[":LABEL"].split(ARRAY_DELIMITER) == ["Node", "ControlEntry"]
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


def test_streamed_graphml_reads_back_as_networkx_writes_it(
    embedded: EmbeddedStore, tmp_path: Path
) -> None:
    """The streamed writer against networkx's own (which builds the whole document in memory):
    the same nodes, edges, keys and typed attributes once read back."""
    import networkx as nx

    embedded.replace_source(sample_batch())
    embedded.replace_source(country_batch())
    write_graphml(embedded, tmp_path / "streamed.graphml")
    reference = nx.MultiDiGraph()
    for node in embedded.nodes():
        reference.add_node(node.id, **_flat({"label": node.label, **node.properties}))
    for edge in embedded.edges():
        props = {("parallel_key" if k == "key" else k): v for k, v in edge.properties.items()}
        reference.add_edge(edge.source, edge.target, edge.id, **_flat({"type": edge.type, **props}))
    nx.write_graphml(reference, tmp_path / "reference.graphml")
    streamed = nx.read_graphml(tmp_path / "streamed.graphml", force_multigraph=True)
    expected = nx.read_graphml(tmp_path / "reference.graphml", force_multigraph=True)
    assert dict(streamed.nodes(data=True)) == dict(expected.nodes(data=True))
    assert sorted(streamed.edges(keys=True, data=True)) == sorted(
        expected.edges(keys=True, data=True)
    )


def test_graphml_carries_texts_xml_cannot(embedded: EmbeddedStore, tmp_path: Path) -> None:
    """A vertical tab from a PDF's text layer is not XML 1.0: replaced, not a broken file."""
    import networkx as nx

    batch = country_batch()
    node = batch.nodes[0]
    changed = type(node)(
        id=node.id, label=node.label, properties={**node.properties, "name": "Fr\x0bance <&>"}
    )
    batch = batch.model_copy(update={"nodes": [changed, *batch.nodes[1:]]})
    embedded.replace_source(batch)
    write_graphml(embedded, tmp_path / "g.graphml")
    graph = nx.read_graphml(tmp_path / "g.graphml")
    assert graph.nodes[node.id]["name"] == "Fr\ufffdance <&>"


def test_exports_pause_every_few_hundred_rows(embedded: EmbeddedStore, tmp_path: Path) -> None:
    """A server writing an export in a thread hands the interpreter to its event loop."""
    from store.export import PACE_ROWS

    embedded.replace_source(sample_batch(codes=tuple(f"5A{i:03d}" for i in range(1, 300))))
    rows = sum(1 for _ in embedded.nodes()) + sum(1 for _ in embedded.edges())
    assert rows > 2 * PACE_ROWS
    calls: list[str] = []
    write_json(embedded, tmp_path / "paced.json", lambda: calls.append("json"))
    write_graphml(embedded, tmp_path / "paced.graphml", lambda: calls.append("graphml"))
    write_neo4j_import(embedded, tmp_path / "paced-neo4j", lambda: calls.append("neo4j"))
    for kind in ("json", "graphml", "neo4j"):
        assert calls.count(kind) >= rows // PACE_ROWS, kind
