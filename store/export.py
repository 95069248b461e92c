"""Whole-graph exports: JSON (nodes and edges with all properties), GraphML (Gephi) and CSV files
for ``neo4j-admin import``. Each is written as the store's rows are read, so exporting costs
about one row of memory, not a second copy of the graph."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shlex
import shutil
import tempfile
import zipfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack
from dataclasses import asdict
from pathlib import Path
from typing import Any, BinaryIO, Literal, TypeVar
from xml.sax.saxutils import escape, quoteattr

import networkx as nx

from graph_schema.model import EdgeRecord, NodeRecord
from store.base import GraphStore

#: Called every :data:`PACE_ROWS` rows by an export that shares its process with others (the
#: server's event loop): a short sleep there hands them the interpreter lock.
Pace = Callable[[], None] | None
PACE_ROWS = 100
T = TypeVar("T")


def _paced(rows: Iterable[T], pace: Pace) -> Iterator[T]:
    for i, row in enumerate(rows):
        if pace is not None and i % PACE_ROWS == 0:
            pace()
        yield row


def atomic_write(path: Path, write: Callable[[BinaryIO], None]) -> None:
    """Write through a temporary file so a failed export never leaves half a file; the file
    is private to its owner (0600), whatever the export."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "wb") as fh:
            write(fh)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_json(store: GraphStore, path: Path, pace: Pace = None) -> None:
    """``{"sources", "nodes", "edges"}``, one record per line, written as the rows are read
    (the whole document is never held in memory)."""

    def write(fh: BinaryIO) -> None:
        sources = [s.model_dump(mode="json") for s in store.sources()]
        fh.write(b'{"sources": ' + _json(sources) + b",\n")
        section(fh, "nodes", _paced(store.nodes(), pace), b",\n")
        section(fh, "edges", _paced(store.edges(), pace), b"}\n")

    def section(fh: BinaryIO, name: str, rows: Iterable[Any], after: bytes) -> None:
        fh.write(b'"' + name.encode() + b'": [')
        for i, row in enumerate(rows):
            fh.write((b",\n" if i else b"\n") + _json(asdict(row)))
        fh.write(b"\n]" + after)

    atomic_write(path, write)


def _json(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False).encode()


def _flat(attrs: dict[str, Any]) -> dict[str, Any]:
    # GraphML holds scalars only; richer values travel as JSON text. An edge's networkx
    # "key" is GraphML's own attribute name, so a property of that name is renamed.
    return {
        ("parallel_key" if k == "key" else k): v
        if isinstance(v, str | int | float | bool)
        else json.dumps(v, ensure_ascii=False)
        for k, v in attrs.items()
        if v is not None
    }


def _graphml_type(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "long"
    if isinstance(value, float):
        return "double"
    return "string"


#: Characters XML 1.0 cannot carry at all (PDF extraction leaves some in texts).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _graphml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    return escape(_NOT_XML.sub("\ufffd", str(value)))


def _node_attrs(node: NodeRecord) -> dict[str, Any]:
    return _flat({"label": node.label, **node.properties})


def _edge_attrs(edge: EdgeRecord) -> dict[str, Any]:
    # GraphML reserves 'key'; the edge model's parallel-edge key travels as 'parallel_key'.
    props = {("parallel_key" if k == "key" else k): v for k, v in edge.properties.items()}
    return _flat({"type": edge.type, **props})


def write_graphml(store: GraphStore, path: Path, pace: Pace = None) -> None:
    """GraphML as networkx writes a multigraph (one key per attribute name and type, edge ids
    as keys), streamed: a first pass over the rows finds the attribute keys GraphML declares
    up front, a second writes the elements."""
    keys: dict[tuple[str, str, str], str] = {}

    def declare(domain: str, attrs: dict[str, Any]) -> None:
        for name, value in attrs.items():
            keys.setdefault((domain, name, _graphml_type(value)), f"d{len(keys)}")

    for node in _paced(store.nodes(), pace):
        declare("node", _node_attrs(node))
    for edge in _paced(store.edges(), pace):
        declare("edge", _edge_attrs(edge))

    def data(domain: str, attrs: dict[str, Any]) -> str:
        return "".join(
            f'<data key="{keys[(domain, name, _graphml_type(value))]}">'
            f"{_graphml_value(value)}</data>"
            for name, value in attrs.items()
        )

    def write(fh: BinaryIO) -> None:
        out = io.TextIOWrapper(fh, encoding="utf-8", newline="\n")
        out.write(
            "<?xml version='1.0' encoding='utf-8'?>\n"
            '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
            'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
            'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n'
        )
        for (domain, name, kind), key in keys.items():
            out.write(
                f"  <key id={quoteattr(key)} for={quoteattr(domain)} "
                f"attr.name={quoteattr(name)} attr.type={quoteattr(kind)} />\n"
            )
        out.write('  <graph edgedefault="directed">\n')
        for node in _paced(store.nodes(), pace):
            out.write(
                f"    <node id={quoteattr(node.id)}>{data('node', _node_attrs(node))}</node>\n"
            )
        for edge in _paced(store.edges(), pace):
            out.write(
                f"    <edge source={quoteattr(edge.source)} target={quoteattr(edge.target)} "
                f"id={quoteattr(edge.id)}>{data('edge', _edge_attrs(edge))}</edge>\n"
            )
        out.write("  </graph>\n</graphml>\n")
        out.flush()
        out.detach()

    atomic_write(path, write)


class _Kind:
    """The neo4j-admin import type of one property column, learnt value by value (JSON text
    when the values are mixed)."""

    def __init__(self) -> None:
        self.seen = False
        self.bools = self.ints = self.numbers = self.text_lists = True

    def see(self, value: Any) -> None:
        if value is None:
            return
        self.seen = True
        is_bool = isinstance(value, bool)
        self.bools &= is_bool
        self.ints &= isinstance(value, int) and not is_bool
        self.numbers &= isinstance(value, int | float) and not is_bool
        self.text_lists &= isinstance(value, list) and all(
            isinstance(x, str) and ARRAY_DELIMITER not in x for x in value
        )

    @property
    def name(self) -> str:
        if not self.seen:
            return "string"
        if self.bools:
            return "boolean"
        if self.ints:
            return "long"
        if self.numbers:
            return "double"
        return "string[]" if self.text_lists else "string"


def _columns(kinds: dict[str, _Kind]) -> list[tuple[str, str]]:
    """(property, import type) in column order."""
    return [(k, kinds[k].name) for k in sorted(kinds)]


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


def write_neo4j_import(store: GraphStore, directory: Path, pace: Pace = None) -> list[Path]:
    """CSV files for ``neo4j-admin database import full``, one per label and per edge type.

    Every node gets the labels ``Node`` and its own, as the Neo4j backend writes them; arrays use
    the unit separator as delimiter (pass ``--array-delimiter=U+001F``). Written into a fresh
    temporary folder first and moved into place, so a failure leaves no partial export. Edges
    whose far end no source defines need ``--skip-bad-relationships``. A CSV cell cannot tell
    null from an empty text or an empty list: neo4j-admin loads all three as no property.
    """
    from store.base import StoreError

    if directory.exists() and any(directory.iterdir()):
        raise StoreError(f"{directory} exists and is not empty: choose a new folder for the export")

    # First pass: the columns and their types, per label and per edge type; second pass:
    # the rows, each straight into its file.
    node_kinds: dict[str, dict[str, _Kind]] = {}
    for node in _paced(store.nodes(), pace):
        columns = node_kinds.setdefault(node.label, {})
        for k, v in node.properties.items():
            columns.setdefault(k, _Kind()).see(v)
    edge_kinds: dict[str, dict[str, _Kind]] = {}
    for edge in _paced(store.edges(), pace):
        columns = edge_kinds.setdefault(edge.type, {})
        for k, v in edge.properties.items():
            columns.setdefault(k, _Kind()).see(v)
    directory.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=directory.parent, prefix=f".{directory.name}."))
    written: list[Path] = []
    try:
        with ExitStack() as files:

            def open_csv(name: str, header: list[str]) -> Any:
                path = staging / name
                written.append(path)
                out = csv.writer(files.enter_context(path.open("w", newline="", encoding="utf-8")))
                out.writerow(header)
                return out

            node_out = {}
            for label, columns in sorted(node_kinds.items()):
                head = [f"{k}:{t}" for k, t in _columns(columns)]
                node_out[label] = open_csv(f"nodes_{label}.csv", ["id:ID", ":LABEL", *head])
            node_cols = {label: _columns(kinds) for label, kinds in node_kinds.items()}
            for node in _paced(store.nodes(), pace):
                cells = [_neo4j_cell(node.properties.get(k), t) for k, t in node_cols[node.label]]
                # neo4j-admin splits :LABEL on the array delimiter, not on ';'.
                labels = ARRAY_DELIMITER.join(("Node", node.label))
                node_out[node.label].writerow([node.id, labels, *cells])
            edge_out = {}
            for edge_type, columns in sorted(edge_kinds.items()):
                head = [f"{k}:{t}" for k, t in _columns(columns)]
                edge_out[edge_type] = open_csv(
                    f"relationships_{edge_type}.csv",
                    [":START_ID", ":END_ID", ":TYPE", "id", *head],
                )
            edge_cols = {kind: _columns(kinds) for kind, kinds in edge_kinds.items()}
            for edge in _paced(store.edges(), pace):
                cells = [_neo4j_cell(edge.properties.get(k), t) for k, t in edge_cols[edge.type]]
                edge_out[edge.type].writerow([edge.source, edge.target, edge.type, edge.id, *cells])
        if directory.exists():
            directory.rmdir()
        staging.rename(directory)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return [directory / p.name for p in written]


def write_subgraph(graph: nx.MultiDiGraph, path: Path, fmt: Literal["graphml", "json"]) -> None:
    if fmt == "graphml":
        flat = nx.MultiDiGraph()
        flat.add_nodes_from((n, _flat(d)) for n, d in graph.nodes(data=True))
        flat.add_edges_from((u, v, k, _flat(d)) for u, v, k, d in graph.edges(keys=True, data=True))
        nx.write_graphml(flat, path)
        return
    doc = {
        "nodes": [{"id": n, **d} for n, d in graph.nodes(data=True)],
        "edges": [
            {"id": k, "source": u, "target": v, **d}
            for u, v, k, d in graph.edges(keys=True, data=True)
        ],
    }
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=1, default=str), "utf-8")


def neo4j_import_arguments(files: Iterable[Path], database: str = "neo4j") -> list[str]:
    """The arguments of ``neo4j-admin`` (5.26) that load :func:`write_neo4j_import`'s files into
    an empty database: the database name before the file options (each takes several values,
    so a name after them is read as a file), fields that span lines (list texts do), arrays
    split on the unit separator, and edges to nodes no source defines skipped."""
    paths = list(files)
    return [
        "database",
        "import",
        "full",
        database,
        "--multiline-fields=true",
        f"--array-delimiter={ARRAY_DELIMITER}",
        "--skip-bad-relationships=true",
        *(f"--nodes={p}" for p in paths if p.name.startswith("nodes_")),
        *(f"--relationships={p}" for p in paths if p.name.startswith("relationships_")),
    ]


def neo4j_import_command(files: Iterable[Path], database: str = "neo4j") -> str:
    """:func:`neo4j_import_arguments` as a POSIX shell command (``$'\\x1f'`` passes the unit
    separator, a one-character delimiter every neo4j-admin version accepts)."""
    words = [
        "--array-delimiter=$'\\x1f'" if arg.startswith("--array-delimiter=") else shlex.quote(arg)
        for arg in neo4j_import_arguments(files, database)
    ]
    return " ".join(["neo4j-admin", *words])


def neo4j_bundle(store: GraphStore, path: Path, pace: Pace = None) -> None:
    """A zip of :func:`store.export.write_neo4j_import`'s CSV files and an IMPORT.txt with the
    ``neo4j-admin`` command that loads them (private to its owner, like every export)."""
    staging = Path(tempfile.mkdtemp(prefix=".neo4j-", dir=path.parent))
    try:
        files = write_neo4j_import(store, staging / "neo4j", pace)

        def write(fh: BinaryIO) -> None:
            with zipfile.ZipFile(fh, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
                for p in files:
                    bundle.write(p, p.name)
                bundle.writestr(
                    "IMPORT.txt",
                    "Load into an empty, stopped Neo4j 5 database from this folder:\n\n"
                    + neo4j_import_command(Path(p.name) for p in files)
                    + "\n",
                )

        atomic_write(path, write)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
