"""Whole-graph exports: JSON (nodes and edges with all properties) and GraphML (Gephi)."""

from __future__ import annotations

import json
import os
import tempfile
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
        "nodes": [n.model_dump() for n in store.nodes()],
        "edges": [e.model_dump() for e in store.edges()],
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
