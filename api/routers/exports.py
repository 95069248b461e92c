"""Exports: divergences and coverage as CSV, the graph (or a chosen part of it) as GraphML for
Gephi and as JSON, and a Neo4j-importable bundle.

The flat records behind the CSV files (:func:`divergence_records`, :func:`coverage_records`) and
the subgraph selection (:func:`select_subgraph`) are also what ``harmonia.open()`` turns into
DataFrames and networkx graphs, so the notebook, the CSV and the API agree column for column.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import tempfile
import threading
import time
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Annotated, Any, BinaryIO, Literal

import networkx as nx
from fastapi import APIRouter, Query, Request
from fastapi.responses import FileResponse, Response, StreamingResponse
from starlette.background import BackgroundTask

from api.deps import AnalysesDep, ViewDep
from api.errors import ERROR_RESPONSES
from api.routers.divergences import CategoryQ, CodePrefixQ, Kind, TechnologyQ
from api.scratch import Scratch
from api.serving import View
from queries.analyses import Analyses
from queries.evidence import make_filters
from queries.views import CoverageReport, CoverageStatus, DivergenceReport, EntryRef
from store.base import GraphStore
from store.export import Pace, atomic_write, write_graphml, write_json, write_neo4j_import

router = APIRouter(prefix="/exports", tags=["exports"], responses=ERROR_RESPONSES)

# --- flat records ---------------------------------------------------------------------------

#: Columns of a divergence record. ``<J>`` stands for each jurisdiction compared, in the
#: order given (e.g. ``status_US``, ``status_EU``).
DIVERGENCE_COLUMNS: dict[str, str] = {
    "kind": "not-implemented, edition-lag, scope-differs, unilateral, not-in-regime-list, "
    "other-regime (or agreement when asked for).",
    "code": "The regime code, or the national code for entries with no regime counterpart.",
    "category": "Category of the entry: 0-9 dual-use, ML1-ML22 munitions.",
    "regime": "Regime the entry belongs to (regime:wassenaar, regime:mtcr ...), if any.",
    "reference_list": "The regime list edition compared with (empty for national entries).",
    "reference_code": "Code of the regime entry, as the regime list writes it.",
    "reference_text": "Text of the regime entry (shortened to about 280 characters).",
    "controlled_by": "Jurisdictions controlling it, comma-separated.",
    "not_controlled_by": "Jurisdictions whose comparable lists lack it, comma-separated.",
    "technologies": "Technology ids the entry covers, comma-separated.",
    "sub_entries": "Sub-entries that diverge the same way, folded into this row.",
    "thresholds": "Threshold differences: 'quantity: J 'text', ...' separated by ' | '.",
    "reason": "One sentence saying why the row is reported.",
    "status_<J>": "How J's lists hold the entry: controls, same, broader, narrower, "
    "different-parameters, implemented, via-parent, partial, not-implemented, "
    "not-in-edition-held, no-comparable-list or no-list-held.",
    "codes_<J>": "J's entries for it, comma-separated.",
    "editions_<J>": "J's list editions compared, as 'list id (edition date)', comma-separated.",
    "text_<J>": "Text of J's first entry (shortened to about 280 characters).",
    "note_<J>": "Alignment evidence or origin note for J's side.",
}

#: Columns of a coverage record: one row per regime entry and jurisdiction.
COVERAGE_COLUMNS: dict[str, str] = {
    "list_id": "The regime list edition (e.g. list:wassenaar:2025).",
    "code": "Code of the regime entry as the regime list writes it (5.A.1.j).",
    "canonical": "Canonical code of the regime entry (5A001.j).",
    "category": "Category: 1-9 dual-use, ML1-ML22 munitions.",
    "text": "Text of the regime entry (shortened to about 280 characters).",
    "technologies": "Technology ids the regime entry covers, comma-separated.",
    "jurisdiction": "Whose lists: a country code, or EU for the EU member states.",
    "countries": "Regime members these lists stand for, comma-separated.",
    "status": "same, broader, narrower, different-parameters, implemented, via-parent, "
    "partial, not-implemented, not-in-edition-held, no-comparable-list or no-list-held.",
    "controlled": "True when the status counts as controlled (implemented, via-parent, partial).",
    "codes": "The national entries implementing it, comma-separated.",
    "editions": "The national list editions compared, comma-separated.",
    "similarity": "Text similarity of the first national entry with the regime's, 0..1.",
    "evidence": "The alignment's evidence sentences, separated by ' | '.",
    "reason": "One sentence on who implements the regime entry and who does not.",
}


def _codes(entries: Iterable[EntryRef]) -> str:
    return ", ".join(e.code for e in entries)


def divergence_records(report: DivergenceReport) -> list[dict[str, Any]]:
    """One flat record per divergence row (columns: :data:`DIVERGENCE_COLUMNS`)."""
    keys = [j.key for j in report.jurisdictions]
    ref_list = report.reference.list_id if report.reference is not None else ""
    out = []
    for row in report.items:
        record: dict[str, Any] = {
            "kind": row.kind,
            "code": row.code,
            "category": row.category or "",
            "regime": row.regime or "",
            "reference_list": ref_list if row.reference is not None else "",
            "reference_code": row.reference.code if row.reference is not None else "",
            "reference_text": row.reference.text if row.reference is not None else "",
            "controlled_by": ", ".join(row.controlled_by),
            "not_controlled_by": ", ".join(row.not_controlled_by),
            "technologies": ", ".join(row.technologies),
            "sub_entries": row.sub_entries,
            "thresholds": " | ".join(
                f"{d.quantity}: " + ", ".join(f"{k} '{v}'" for k, v in d.values.items())
                for d in row.parameter_differences
            ),
            "reason": row.reason,
        }
        sides = {s.jurisdiction: s for s in row.sides}
        for key in keys:
            side = sides.get(key)
            record[f"status_{key}"] = side.status if side else ""
            record[f"codes_{key}"] = _codes(side.entries) if side else ""
            record[f"editions_{key}"] = (
                ", ".join(f"{e.list_id} ({e.edition_date.isoformat()})" for e in side.editions)
                if side
                else ""
            )
            record[f"text_{key}"] = side.entries[0].text if side and side.entries else ""
            record[f"note_{key}"] = (side.note or "") if side else ""
        out.append(record)
    return out


def divergence_columns(report: DivergenceReport) -> list[str]:
    fixed = [c for c in DIVERGENCE_COLUMNS if "<J>" not in c]
    per = [c for c in DIVERGENCE_COLUMNS if "<J>" in c]
    return fixed + [c.replace("<J>", j.key) for j in report.jurisdictions for c in per]


CONTROLLED_STATUSES = frozenset(
    {"same", "broader", "narrower", "different-parameters", "implemented", "via-parent", "partial"}
)


def coverage_records(report: CoverageReport) -> list[dict[str, Any]]:
    """One flat record per regime entry and jurisdiction (columns: :data:`COVERAGE_COLUMNS`)."""
    out = []
    for row in report.items:
        for impl in row.implementations:
            out.append(
                {
                    "list_id": report.edition.list_id,
                    "code": row.entry.code,
                    "canonical": row.entry.canonical,
                    "category": row.entry.category or "",
                    "text": row.entry.text,
                    "technologies": ", ".join(row.technologies),
                    "jurisdiction": impl.jurisdiction,
                    "countries": ", ".join(impl.countries),
                    "status": impl.status,
                    "controlled": impl.status in CONTROLLED_STATUSES,
                    "codes": _codes(impl.entries),
                    "editions": ", ".join(e.list_id for e in impl.editions),
                    "similarity": impl.similarity,
                    "evidence": " | ".join(impl.evidence),
                    "reason": row.reason,
                }
            )
    return out


def to_csv(
    records: Sequence[dict[str, Any]], columns: Sequence[str], *, header: bool = True
) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(columns), extrasaction="ignore")
    if header:
        writer.writeheader()
    for record in records:
        writer.writerow({k: "" if v is None else v for k, v in record.items()})
    return buffer.getvalue()


# --- subgraphs ------------------------------------------------------------------------------

_CONTEXT_EDGES = frozenset({"IMPLEMENTS", "ORIGIN", "COVERS"})
_JURISDICTION_EDGES = frozenset({"MEMBER_OF", "SUBSCRIBES", "IN_GROUP"})


def select_subgraph(
    graph: nx.MultiDiGraph,
    analyses: Analyses,
    *,
    jurisdictions: Sequence[str] | None = None,
    technology: str | None = None,
    category: str | None = None,
) -> nx.MultiDiGraph:
    """The part of the graph about some jurisdictions, a technology and/or a category.

    Entries kept: those of the jurisdictions' lists (every edition they issue, or the EU's for
    its member states), tagged with the technology or a narrower one, in the category; all
    filters given must hold. Kept with them: their lists and issuers, the nodes their alignment
    edges reach (regime entries they implement and their list, origins, technologies), the
    jurisdictions themselves with their regimes, codes of conduct and country groups, and the
    technologies asked for with the codes and commitments addressing them. Returns a new,
    unfrozen graph with every edge between kept nodes.
    """
    if not jurisdictions and technology is None and category is None:
        return nx.MultiDiGraph(graph)
    index = analyses.index
    filters = make_filters(index, category=category, technology=technology)
    keep: set[str] = set()
    list_ids: set[str] | None = None
    if jurisdictions:
        list_ids = set()
        for text in jurisdictions:
            juris = index.jurisdiction(text)
            keep.add(juris.node)
            if juris.via:
                keep.add(juris.via)
            list_ids |= {i.id for i in juris.lists}
            list_ids |= {i.id for i in index.all_lists.values() if i.issuer == juris.node}
            for _, target, data in graph.out_edges(juris.node, data=True):
                if data.get("type") in _JURISDICTION_EDGES:
                    keep.add(target)
    if filters.technology is not None:
        keep |= filters.closure
        for tech in filters.closure:
            for source, _, data in graph.in_edges(tech, data=True):
                if data.get("type") == "ADDRESSES":
                    keep.add(source)
    for list_id in sorted(list_ids if list_ids is not None else index.all_lists):
        info = index.all_lists.get(list_id)
        if info is None:
            continue
        chosen = [
            e
            for e in index.entries(list_id).values()
            if filters.code_ok(index, e) and filters.tech_ok(index.technologies_of(e))
        ]
        if not chosen:
            continue
        keep |= {list_id, info.issuer}
        for e in chosen:
            keep.add(e.id)
            for _, target, data in graph.out_edges(e.id, data=True):
                if data.get("type") in _CONTEXT_EDGES:
                    keep.add(target)
                    target_list = graph.nodes[target].get("list_id")
                    if target_list:
                        keep.add(target_list)
    return nx.MultiDiGraph(graph.subgraph(n for n in keep if n in graph))


def _flat(attrs: dict[str, Any]) -> dict[str, Any]:
    # GraphML holds scalars only: richer values travel as JSON text (as store.export does).
    return {
        ("parallel_key" if k == "key" else k): v
        if isinstance(v, str | int | float | bool)
        else json.dumps(v, ensure_ascii=False)
        for k, v in attrs.items()
        if v is not None
    }


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


# --- whole-graph files, built once per revision ---------------------------------------------

#: For a POSIX shell: ``$'\x1f'`` passes the unit separator itself, a one-character delimiter
#: every neo4j-admin version accepts.
NEO4J_COMMAND = (
    "neo4j-admin database import full --array-delimiter=$'\\x1f' "
    "--skip-bad-relationships=true {nodes} {relationships} neo4j"
)


def neo4j_bundle(store: GraphStore, path: Path, pace: Pace = None) -> None:
    """A zip of :func:`store.export.write_neo4j_import`'s CSV files and an IMPORT.txt with the
    ``neo4j-admin`` command that loads them (private to its owner, like every export)."""
    staging = Path(tempfile.mkdtemp(prefix=".neo4j-", dir=path.parent))
    try:
        files = write_neo4j_import(store, staging / "neo4j", pace)
        nodes = " ".join(f"--nodes={p.name}" for p in files if p.name.startswith("nodes_"))
        rels = " ".join(
            f"--relationships={p.name}" for p in files if p.name.startswith("relationships_")
        )

        def write(fh: BinaryIO) -> None:
            with zipfile.ZipFile(fh, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
                for p in files:
                    bundle.write(p, p.name)
                bundle.writestr(
                    "IMPORT.txt",
                    "Load into an empty, stopped Neo4j 5 database from this folder:\n\n"
                    + NEO4J_COMMAND.format(nodes=nodes, relationships=rels)
                    + "\n",
                )

        atomic_write(path, write)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


_WRITERS: dict[str, Callable[[GraphStore, Path, Pace], None]] = {
    "graph.graphml": write_graphml,
    "graph.json": write_json,
    "neo4j.zip": neo4j_bundle,
}
_MEDIA = {
    "graph.graphml": "application/graphml+xml",
    "graph.json": "application/json",
    "neo4j.zip": "application/zip",
}


class _FileCache:
    """Whole-graph exports take seconds to write (GraphML about 10 s for the full graph), so
    each is written once per store revision, into the server's scratch folder, and streamed
    from there."""

    def __init__(self, scratch: Scratch) -> None:
        self._lock = threading.Lock()
        self._scratch = scratch
        self._files: dict[tuple[int, str], Path] = {}

    def get(self, store: GraphStore, name: str) -> Path:
        with self._lock:
            revision = store.revision()
            key = (revision, name)
            found = self._files.get(key)
            if found is not None and found.exists():
                return found
            for old in [k for k in self._files if k[1] == name]:
                self._files.pop(old).unlink(missing_ok=True)
            # Asked each time: the scratch folder is made again if the app was stopped.
            path = self._scratch.folder("exports") / f"r{revision}-{name}"
            _WRITERS[name](store, path, _hand_over)
            self._files[key] = path
            return path


def _hand_over() -> None:
    """An export is written on a request thread while the event loop answers everyone else:
    every few hundred rows it sleeps a moment, so the loop gets the interpreter lock at once
    rather than after the lock's switch interval (``/health`` p99 under load)."""
    time.sleep(PAUSE_SECONDS)


def _store(view: View) -> GraphStore:
    """The snapshot the request reads: an export is one revision, whatever lands meanwhile."""
    return view.snapshot


def _scratch(request: Request) -> Scratch:
    scratch: Scratch = request.app.state.scratch
    return scratch


def _cache(request: Request) -> _FileCache:
    """One cache per application (hence per store), made on first use."""
    cache: _FileCache | None = getattr(request.app.state, "export_files", None)
    if cache is None:
        cache = _FileCache(_scratch(request))
        request.app.state.export_files = cache
    return cache


def _attachment(name: str) -> dict[str, str]:
    return {"Content-Disposition": f'attachment; filename="{name}"'}


def _slug(parts: Iterable[str]) -> str:
    return "-".join(re.sub(r"[^A-Za-z0-9]+", "_", p).strip("_") for p in parts if p) or "all"


JurisdictionsQ = Annotated[
    list[Annotated[str, Query(min_length=2, max_length=100)]],
    Query(
        min_length=2,
        max_length=12,
        description="Two or more jurisdictions, repeated: a country code (US), EU, or a regime.",
        examples=[["US", "EU"]],
    ),
]
_CSV = {"text/csv": {"schema": {"type": "string"}}}
#: Regime entries per page of the coverage CSV as it is written.
COVERAGE_PAGE = 100
#: How long an export being written steps aside, every few hundred rows or each page.
PAUSE_SECONDS = 0.001


def _csv_response(text: str, name: str) -> Response:
    return Response(text, media_type="text/csv; charset=utf-8", headers=_attachment(name))


def _describe(columns: dict[str, str]) -> str:
    return "\n".join(f"- `{name}`: {text}" for name, text in columns.items())


@router.get(
    "/divergences.csv",
    summary="Divergences as CSV",
    response_class=Response,
    responses={200: {"content": _CSV, "description": "One line per divergence."}},
    description="Every divergence row (no paging) for the jurisdictions and filters given, "
    "as /divergences computes them. Columns:\n\n" + _describe(DIVERGENCE_COLUMNS),
)
def divergences_csv(
    analyses: AnalysesDep,
    jurisdiction: JurisdictionsQ,
    category: CategoryQ = None,
    technology: TechnologyQ = None,
    code_prefix: CodePrefixQ = None,
    kind: Annotated[
        list[Kind] | None, Query(max_length=7, description="Only rows of these kinds.")
    ] = None,
    include_agreements: Annotated[
        bool, Query(description="Also list the entries they all control alike.")
    ] = False,
) -> Response:
    report = analyses.divergences(
        jurisdiction,
        category=category,
        technology=technology,
        code_prefix=code_prefix,
        kinds=kind,
        include_agreements=include_agreements,
    )
    text = to_csv(divergence_records(report), divergence_columns(report))
    keys = [j.key for j in report.jurisdictions]
    return _csv_response(
        text, f"divergences-{_slug([*keys, category or '', technology or ''])}.csv"
    )


@router.get(
    "/coverage.csv",
    summary="Coverage of a regime list as CSV",
    response_class=Response,
    responses={200: {"content": _CSV, "description": "One line per entry and jurisdiction."}},
    description="Who implements each entry of a regime list (no paging), as /coverage "
    "computes it, one line per regime entry and jurisdiction. Columns:\n\n"
    + _describe(COVERAGE_COLUMNS),
)
def coverage_csv(
    analyses: AnalysesDep,
    list_id: Annotated[
        str | None,
        Query(
            max_length=100,
            pattern=r"^list:[a-z0-9:-]+$",
            description="Regime list edition; the newest Wassenaar list when omitted.",
        ),
    ] = None,
    category: CategoryQ = None,
    code_prefix: CodePrefixQ = None,
    technology: TechnologyQ = None,
    jurisdiction: Annotated[
        list[Annotated[str, Query(max_length=100)]] | None,
        Query(max_length=50, description="Only these members (or EU)."),
    ] = None,
    status: Annotated[
        list[CoverageStatus] | None,
        Query(max_length=11, description="Only entries some member has with these statuses."),
    ] = None,
) -> Response:
    def page(offset: int) -> CoverageReport:
        return analyses.coverage(
            list_id,
            category=category,
            code_prefix=code_prefix,
            technology=technology,
            jurisdictions=jurisdiction,
            statuses=status,
            limit=COVERAGE_PAGE,
            offset=offset,
        )

    # Page by page: the whole list times every member is ~30k rows, which as one report,
    # one list of records and one string cost the server ~80 MB at its peak.
    first = page(0)  # errors (a bad parameter) are raised here, before anything is sent

    def pages() -> Iterator[str]:
        report = first
        yield to_csv(coverage_records(report), list(COVERAGE_COLUMNS))
        for offset in range(COVERAGE_PAGE, report.total, COVERAGE_PAGE):
            _hand_over()
            yield to_csv(coverage_records(page(offset)), list(COVERAGE_COLUMNS), header=False)

    name = _slug([first.edition.list_id, category or "", technology or ""])
    return StreamingResponse(
        pages(),
        media_type="text/csv; charset=utf-8",
        headers=_attachment(f"coverage-{name}.csv"),
    )


GraphFormat = Literal["graphml", "json"]


@router.get(
    "/graph.{fmt}",
    summary="The graph, or part of it, as GraphML (Gephi) or JSON",
    response_class=FileResponse,
    responses={
        200: {
            "content": {"application/graphml+xml": {}, "application/json": {}},
            "description": "The graph file.",
        }
    },
)
def graph_export(
    request: Request,
    view: ViewDep,
    fmt: GraphFormat,
    jurisdiction: Annotated[
        list[Annotated[str, Query(min_length=2, max_length=100)]] | None,
        Query(max_length=12, description="Only the part about these jurisdictions."),
    ] = None,
    technology: TechnologyQ = None,
    category: CategoryQ = None,
) -> FileResponse:
    """Without filters: the whole graph, every node and edge with all properties (JSON:
    ``{"sources", "nodes", "edges"}`` as the store holds them; GraphML: properties flattened,
    lists and maps as JSON text, the edge key as ``parallel_key``); written once per graph
    revision. With filters: the entries of those jurisdictions' lists / of that technology /
    category and their context (lists, issuers, regime counterparts, origins, technologies,
    memberships); JSON is then ``{"nodes": [{"id", ...}], "edges": [{"id", "source",
    "target", "type", ...}]}``."""
    store = _store(view)
    name = f"graph.{fmt}"
    if not jurisdiction and technology is None and category is None:
        path = _cache(request).get(store, name)
        return FileResponse(path, media_type=_MEDIA[name], filename=name)
    sub = select_subgraph(
        store.to_networkx(),
        view.analyses,
        jurisdictions=jurisdiction,
        technology=technology,
        category=category,
    )
    folder = Path(tempfile.mkdtemp(prefix="subgraph-", dir=_scratch(request).path))
    path = folder / name
    write_subgraph(sub, path, fmt)
    filename = f"graph-{_slug([*(jurisdiction or []), technology or '', category or ''])}.{fmt}"
    return FileResponse(
        path,
        media_type=_MEDIA[name],
        filename=filename,
        background=BackgroundTask(shutil.rmtree, folder, True),
    )


@router.get(
    "/neo4j.zip",
    summary="The graph as CSV files for neo4j-admin import",
    response_class=FileResponse,
    responses={200: {"content": {"application/zip": {}}, "description": "A zip file."}},
)
def neo4j_export(request: Request, view: ViewDep) -> FileResponse:
    """One CSV per node label (``nodes_<Label>.csv``) and per edge type
    (``relationships_<TYPE>.csv``) in neo4j-admin's import format (every node also labelled
    ``Node``; array properties separated by U+001F), with ``IMPORT.txt`` giving the
    ``neo4j-admin database import full`` command. Written once per graph revision."""
    path = _cache(request).get(_store(view), "neo4j.zip")
    return FileResponse(path, media_type="application/zip", filename="harmonia-neo4j.zip")
