"""Exports: divergences and coverage as CSV, the graph (or a chosen part of it) as GraphML for
Gephi and as JSON, and a Neo4j-importable bundle.

HTTP only: the flat records behind the CSV files are :mod:`queries.tables`, the subgraph
selection :mod:`queries.subgraph`, and the files' writers :mod:`store.export`, which the
notebook client and the CLI use too.
"""

from __future__ import annotations

import re
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import FileResponse, Response, StreamingResponse
from fastapi.types import DecoratedCallable
from starlette.background import BackgroundTask

from api.deps import AnalysesDep, ViewDep
from api.errors import ERROR_RESPONSES
from api.scratch import Scratch
from api.serving import View
from queries.graph import (
    GraphSnapshot,
    GraphStore,
    Pace,
    neo4j_bundle,
    write_graphml,
    write_json,
    write_subgraph,
)
from queries.requests import CoverageRequest, DivergenceRequest, SubgraphRequest
from queries.subgraph import select_subgraph
from queries.tables import (
    COVERAGE_COLUMNS,
    DIVERGENCE_COLUMNS,
    coverage_records,
    divergence_columns,
    divergence_records,
    to_csv,
)
from queries.views import CoverageReport

router = APIRouter(prefix="/exports", tags=["exports"], responses=ERROR_RESPONSES)

# --- whole-graph files, built once per revision ---------------------------------------------

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
            # One revision whatever lands meanwhile: a snapshot is one already; from Neo4j the
            # file is written from a copy read in one go, let go of once written.
            source = GraphSnapshot.of(store)
            key = (source.revision(), name)
            # Asked each time: the scratch folder is made again if the app was stopped.
            path = self._scratch.folder("exports") / f"r{key[0]}-{name}"
            _WRITERS[name](source, path, _hand_over)
            self._files[key] = path
            return path


def _hand_over() -> None:
    """An export is written on a request thread while the event loop answers everyone else:
    every few hundred rows it sleeps a moment, so the loop gets the interpreter lock at once
    rather than after the lock's switch interval (``/health`` p99 under load)."""
    time.sleep(PAUSE_SECONDS)


def _store(view: View) -> GraphStore:
    """The graph the request reads (a snapshot, or the Neo4j store itself)."""
    return view.graph


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


_CSV = {"text/csv": {"schema": {"type": "string"}}}
#: Regime entries per page of the coverage CSV as it is written.
COVERAGE_PAGE = 100
#: How long an export being written steps aside, every few hundred rows or each page.
PAUSE_SECONDS = 0.001


def _csv_response(text: str, name: str) -> Response:
    return Response(text, media_type="text/csv; charset=utf-8", headers=_attachment(name))


def _csv_route(
    path: str, summary: str, line: str, what: str, columns: dict[str, str]
) -> Callable[[DecoratedCallable], DecoratedCallable]:
    """A CSV export's route, documented as each is: what one ``line`` is, ``what`` the file
    holds, and its columns."""
    listed = "\n".join(f"- `{name}`: {text}" for name, text in columns.items())
    return router.get(
        path,
        summary=summary,
        response_class=Response,
        responses={200: {"content": _CSV, "description": line}},
        description=f"{what} Columns:\n\n{listed}",
    )


@_csv_route(
    "/divergences.csv",
    "Divergences as CSV",
    "One line per divergence.",
    "Every divergence row (no paging) for the jurisdictions and filters given, as /divergences "
    "computes them.",
    DIVERGENCE_COLUMNS,
)
def divergences_csv(
    analyses: AnalysesDep, request: Annotated[DivergenceRequest, Query()]
) -> Response:
    report = analyses.divergences(request)
    lang = request.lang
    text = to_csv(divergence_records(report, lang), divergence_columns(report, lang))
    keys = [j.key for j in report.jurisdictions]
    name = _slug([*keys, request.category or "", request.technology or ""])
    return _csv_response(text, f"divergences-{name}.csv")


@_csv_route(
    "/coverage.csv",
    "Coverage of a regime list as CSV",
    "One line per entry and jurisdiction.",
    "Who implements each entry of a regime list (no paging), as /coverage computes it, one "
    "line per regime entry and jurisdiction.",
    COVERAGE_COLUMNS,
)
def coverage_csv(analyses: AnalysesDep, request: Annotated[CoverageRequest, Query()]) -> Response:
    def page(offset: int) -> CoverageReport:
        return analyses.coverage(request, limit=COVERAGE_PAGE, offset=offset)

    # Page by page: the whole list times every member is ~30k rows, which as one report,
    # one list of records and one string cost the server ~80 MB at its peak.
    first = page(0)  # errors (a bad parameter) are raised here, before anything is sent

    def pages() -> Iterator[str]:
        report = first
        yield to_csv(coverage_records(report), list(COVERAGE_COLUMNS))
        for offset in range(COVERAGE_PAGE, report.total, COVERAGE_PAGE):
            _hand_over()
            yield to_csv(coverage_records(page(offset)), list(COVERAGE_COLUMNS), header=False)

    name = _slug([first.edition.list_id, request.category or "", request.technology or ""])
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
    part: Annotated[SubgraphRequest, Query()],
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
    jurisdiction, technology, category = part.jurisdiction, part.technology, part.category
    if not jurisdiction and technology is None and category is None:
        path = _cache(request).get(store, name)
        return FileResponse(path, media_type=_MEDIA[name], filename=name)
    sub = select_subgraph(
        store,
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
