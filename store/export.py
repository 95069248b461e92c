"""Whole-graph exports: JSON (nodes and edges with all properties) and GraphML (Gephi)."""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict
from pathlib import Path
from typing import Any

import networkx as nx

from store.base import GraphStore


def _atomic_write(path: Path, write: Any) -> None:
    """Write through a temporary file so a failed export never leaves half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "wb") as fh:
            write(fh)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_json(store: GraphStore, path: Path) -> None:
    doc = {
        "sources": [s.model_dump(mode="json") for s in store.sources()],
        "nodes": [asdict(n) for n in store.nodes()],
        "edges": [asdict(e) for e in store.edges()],
    }
    _atomic_write(path, lambda fh: fh.write(json.dumps(doc, ensure_ascii=False, indent=1).encode()))


def _flat(attrs: dict[str, Any]) -> dict[str, Any]:
    # GraphML holds scalars only; richer values travel as JSON text.
    return {
        k: v if isinstance(v, str | int | float | bool) else json.dumps(v, ensure_ascii=False)
        for k, v in attrs.items()
        if v is not None
    }


def write_graphml(store: GraphStore, path: Path) -> None:
    source = store.to_networkx()
    graph = nx.MultiDiGraph()
    for node, attrs in source.nodes(data=True):
        graph.add_node(node, **_flat(attrs))
    # GraphML reserves 'key'; the edge model's parallel-edge key travels as 'parallel_key'.
    graph.add_edges_from(
        (u, v, key, _flat({("parallel_key" if k == "key" else k): a for k, a in attrs.items()}))
        for u, v, key, attrs in source.edges(keys=True, data=True)
    )
    _atomic_write(path, lambda fh: nx.write_graphml(graph, fh))


def _neo4j_type(values: list[Any]) -> str:
    """The neo4j-admin import type of one property column (JSON text when mixed)."""
    present = [v for v in values if v is not None]
    if present and all(isinstance(v, bool) for v in present):
        return "boolean"
    if present and all(isinstance(v, int) and not isinstance(v, bool) for v in present):
        return "long"
    if present and all(isinstance(v, int | float) and not isinstance(v, bool) for v in present):
        return "double"
    if present and all(
        isinstance(v, list) and all(isinstance(x, str) and ARRAY_DELIMITER not in x for x in v)
        for v in present
    ):
        return "string[]"
    return "string"


ARRAY_DELIMITER = "\x1f"


def _neo4j_cell(value: Any, kind: str) -> str:
    if value is None:
        return ""
    if kind == "string[]":
        return ARRAY_DELIMITER.join(value)
    if kind == "boolean":
        return "true" if value else "false"
    if kind in ("long", "double"):
        return str(value)
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def write_neo4j_import(store: GraphStore, directory: Path) -> list[Path]:
    """CSV files for ``neo4j-admin database import full``, one per label and per edge type.

    Every node gets the labels ``Node`` and its own, as the Neo4j backend writes them; arrays use
    the unit separator as delimiter (pass ``--array-delimiter=U+001F``). Written into a fresh
    temporary folder first and moved into place, so a failure leaves no partial export. Edges
    whose far end no source defines need ``--skip-bad-relationships``.
    """
    import csv
    import shutil

    from store.base import StoreError

    if directory.exists() and any(directory.iterdir()):
        raise StoreError(f"{directory} exists and is not empty: choose a new folder for the export")

    by_label: dict[str, list[Any]] = {}
    for node in store.nodes():
        by_label.setdefault(node.label, []).append(node)
    by_type: dict[str, list[Any]] = {}
    for edge in store.edges():
        by_type.setdefault(edge.type, []).append(edge)
    directory.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=directory.parent, prefix=f".{directory.name}."))
    written: list[Path] = []
    try:
        for label, rows in sorted(by_label.items()):
            keys = sorted({k for r in rows for k in r.properties})
            kinds = {k: _neo4j_type([r.properties.get(k) for r in rows]) for k in keys}
            path = staging / f"nodes_{label}.csv"
            with path.open("w", newline="", encoding="utf-8") as fh:
                out = csv.writer(fh)
                out.writerow(["id:ID", ":LABEL", *(f"{k}:{kinds[k]}" for k in keys)])
                for r in rows:
                    cells = [_neo4j_cell(r.properties.get(k), kinds[k]) for k in keys]
                    out.writerow([r.id, f"Node;{label}", *cells])
            written.append(path)
        for edge_type, rows in sorted(by_type.items()):
            keys = sorted({k for r in rows for k in r.properties})
            kinds = {k: _neo4j_type([r.properties.get(k) for r in rows]) for k in keys}
            path = staging / f"relationships_{edge_type}.csv"
            with path.open("w", newline="", encoding="utf-8") as fh:
                out = csv.writer(fh)
                out.writerow(
                    [":START_ID", ":END_ID", ":TYPE", "id", *(f"{k}:{kinds[k]}" for k in keys)]
                )
                for r in rows:
                    cells = [_neo4j_cell(r.properties.get(k), kinds[k]) for k in keys]
                    out.writerow([r.source, r.target, edge_type, r.id, *cells])
            written.append(path)
        if directory.exists():
            directory.rmdir()
        staging.rename(directory)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return [directory / p.name for p in written]
