"""The dashboard page (``/`` and ``/static/*``) and the read models it needs beyond the
analysis endpoints: the choices it offers (``/dashboard/options``), the coverage matrix
(``/dashboard/matrix``: categories or technologies x jurisdictions) and the landing overview
(``/dashboard/overview``); and the briefs printed to PDF for its Brief view
(``/dashboard/briefs/.../pdf``), from the same printable page as ``/briefs/.../page``.

The page is plain HTML, CSS and JavaScript served from ``api/static``: no build step, nothing
fetched from elsewhere at run time.
"""

from __future__ import annotations

import hashlib
import re
import threading
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import RedirectResponse, Response

from api.deps import AnalysesDep, CatalogDep
from api.errors import ERROR_RESPONSES, error_response
from api.routers.briefs import CodeP, JurisdictionP, TextParts
from queries.analyses import Analyses
from queries.brief import AnyBrief, brief, group_brief, pair_brief
from queries.brief_text import names_of, to_html
from queries.dashboard import (
    CoverageMatrix,
    DashboardOptions,
    DashboardOverview,
    coverage_matrix,
    options,
    overview,
)
from queries.printing import PdfError, pdf_bytes
from queries.requests import BriefTextRequest, Language, MatrixRequest

#: The files the page is made of, with their media types; nothing else is served.
ASSETS = {
    "index.html": "text/html; charset=utf-8",
    "app.js": "text/javascript; charset=utf-8",
    "style.css": "text/css; charset=utf-8",
}

router = APIRouter(tags=["dashboard"], responses=ERROR_RESPONSES)


# --- the page -------------------------------------------------------------------------------


@cache
def asset(name: str) -> bytes:
    return resources.files("api").joinpath("static", name).read_bytes()


@cache
def assets_version() -> str:
    """A digest of every asset, put in the page's URLs so that a new release is never served
    from a browser's cache (the API's ETags follow the graph's revision, not the files)."""
    digest = hashlib.sha256()
    for name in sorted(ASSETS):
        digest.update(asset(name))
    return digest.hexdigest()[:12]


def _page() -> bytes:
    version = assets_version()
    html = asset("index.html").decode("utf-8")
    return re.sub(r"(/static/[a-z]+\.(?:js|css))", rf"\1?v={version}", html).encode("utf-8")


@router.get("/", include_in_schema=False)
def index(request: Request) -> Response:
    """The dashboard. ``/`` redirects to ``/?v=<assets digest>`` so that the page's URL, and
    with it the ETag the API computes from the URL, changes whenever the page does."""
    version = assets_version()
    if request.query_params.get("v") != version:
        return RedirectResponse(f"/?v={version}", status_code=307)
    return Response(_page(), media_type=ASSETS["index.html"])


@router.get("/static/{name}", include_in_schema=False)
def static(name: str) -> Response:
    if name not in ASSETS:
        raise HTTPException(404, f"no asset {name!r}")
    return Response(asset(name), media_type=ASSETS[name])


@router.get("/dashboard/options", summary="What the dashboard can compare")
def dashboard_options(analyses: AnalysesDep, catalog: CatalogDep) -> DashboardOptions:
    """Jurisdictions (with their names in English, French and Arabic and the lists that apply
    to them), technologies and categories, for the page's pickers."""
    return options(analyses, catalog)


@router.get("/dashboard/matrix", summary="Coverage per category or technology x jurisdiction")
def dashboard_matrix(
    analyses: AnalysesDep,
    request: Annotated[MatrixRequest, Query()],
) -> CoverageMatrix:
    """Each cell: the share of the reference (Wassenaar) entries of the row that the
    jurisdiction's lists control, with the counts behind it and its own entries in the row."""
    return coverage_matrix(analyses, request)


@router.get("/dashboard/overview", summary="The landing overview: divergences, coverage, sources")
def dashboard_overview(analyses: AnalysesDep) -> DashboardOverview:
    """Divergence rows per kind and category between each jurisdiction holding a list and the
    reference (Wassenaar), each one's coverage of it, the members with no list held, and per
    list edition held its age and what its copy is known to lack."""
    return overview(analyses)


# --- briefs as PDF --------------------------------------------------------------------------

PDF: dict[int | str, dict[str, Any]] = {
    200: {
        "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}},
        "description": "The printable page of the brief, printed to PDF by headless Chromium.",
    },
    503: {"description": "No Chromium to print with, or it failed; the message says which."},
}


#: Chromium processes printing at once: each takes a few hundred MB, and the route is open.
PRINTERS = threading.BoundedSemaphore(2)


def pdf_response(
    request: Request, analyses: Analyses, report: AnyBrief, lang: Language, name: str
) -> Response:
    """The brief's printable page in ``lang`` as a PDF download named ``name``."""
    browser: Path | None = getattr(request.app.state, "chromium", None)
    html = to_html(report, lang, names_of(analyses.index, report, lang))
    try:
        with PRINTERS:
            body = pdf_bytes(html, browser)
    except PdfError as exc:
        return error_response(503, str(exc))
    disposition = f'attachment; filename="{re.sub(r"[^A-Za-z0-9_.-]+", "-", name)}.pdf"'
    return Response(
        body, media_type="application/pdf", headers={"Content-Disposition": disposition}
    )


@router.get(
    "/dashboard/briefs/pairs/{first}/{second}/pdf",
    summary="The pair brief as PDF",
    response_class=Response,
    responses=PDF,
)
def pair_brief_pdf(
    request: Request,
    analyses: AnalysesDep,
    first: JurisdictionP,
    second: JurisdictionP,
    parts: TextParts,
) -> Response:
    """The pair brief of ``/briefs/pairs/{first}/{second}`` printed to PDF."""
    report = pair_brief(analyses, first, second, parts)
    return pdf_response(request, analyses, report, parts.lang, f"brief-{first}-{second}")


@router.get(
    "/dashboard/briefs/groups/{code}/pdf",
    summary="The group brief as PDF",
    response_class=Response,
    responses=PDF,
)
def group_brief_pdf(
    request: Request, analyses: AnalysesDep, code: CodeP, parts: TextParts
) -> Response:
    """The group brief of ``/briefs/groups/{code}`` printed to PDF."""
    report = group_brief(analyses, code, parts)
    return pdf_response(request, analyses, report, parts.lang, f"brief-{code}")


@router.get(
    "/dashboard/briefs/{jurisdiction}/pdf",
    summary="The brief as PDF",
    response_class=Response,
    responses=PDF,
)
def brief_pdf(
    request: Request,
    analyses: AnalysesDep,
    jurisdiction: JurisdictionP,
    parts: Annotated[BriefTextRequest, Query()],
) -> Response:
    """The brief of ``/briefs/{jurisdiction}`` printed to PDF (what the dashboard's PDF link
    downloads, and what ``harmonia brief --pdf`` writes)."""
    report = brief(analyses, jurisdiction, parts)
    name = f"brief-{jurisdiction}-{parts.against}"
    return pdf_response(request, analyses, report, parts.lang, name)
