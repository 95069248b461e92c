"""The dashboard page (``/`` and ``/static/*``) and the read models it needs beyond the
analysis endpoints: the choices it offers (``/dashboard/options``), the coverage matrix
(``/dashboard/matrix``: categories or technologies x jurisdictions) and the landing overview
(``/dashboard/overview``). Its Brief view links to the briefs' own forms (``/briefs/...``,
including the PDF).

The page is plain HTML, CSS and JavaScript served from ``api/static``, with its words in one
JSON file a language (``api/static/words``): no build step, nothing fetched from elsewhere at
run time.
"""

from __future__ import annotations

import hashlib
import re
from functools import cache
from importlib import resources
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import RedirectResponse, Response

from api.deps import AnalysesDep, CatalogDep
from api.errors import ERROR_RESPONSES
from queries.dashboard import (
    CoverageMatrix,
    DashboardOptions,
    DashboardOverview,
    coverage_matrix,
    options,
    overview,
)
from queries.requests import MatrixRequest

router = APIRouter(tags=["dashboard"], responses=ERROR_RESPONSES)


# --- the page -------------------------------------------------------------------------------


@cache
def asset(name: str) -> bytes:
    return resources.files("api").joinpath("static", *name.split("/")).read_bytes()


@cache
def assets() -> dict[str, str]:
    """The files the page is made of, with their media types; nothing else is served. The
    scripts are the ones index.html loads, so adding a script is one line there; the words
    are one file a language of its picker (``words/<lang>.json``, read by core.js)."""
    page = asset("index.html").decode("utf-8")
    scripts = re.findall(r'src="/static/([a-z-]+\.js)"', page)
    languages = re.findall(r'<option value="([a-z]{2})" lang="\1">', page)
    return {
        "index.html": "text/html; charset=utf-8",
        "style.css": "text/css; charset=utf-8",
        **dict.fromkeys(scripts, "text/javascript; charset=utf-8"),
        **dict.fromkeys((f"words/{lang}.json" for lang in languages), "application/json"),
    }


@cache
def assets_version() -> str:
    """A digest of every asset, put in the page's URLs so that a new release is never served
    from a browser's cache (the API's ETags follow the graph's revision, not the files)."""
    digest = hashlib.sha256()
    for name in sorted(assets()):
        digest.update(asset(name))
    return digest.hexdigest()[:12]


def _page() -> bytes:
    version = assets_version()
    html = asset("index.html").decode("utf-8")
    return re.sub(r"(/static/[a-z-]+\.(?:js|css))", rf"\1?v={version}", html).encode("utf-8")


@router.get("/", include_in_schema=False)
def index(request: Request) -> Response:
    """The dashboard. ``/`` redirects to ``/?v=<assets digest>`` so that the page's URL, and
    with it the ETag the API computes from the URL, changes whenever the page does."""
    version = assets_version()
    if request.query_params.get("v") != version:
        return RedirectResponse(f"/?v={version}", status_code=307)
    return Response(_page(), media_type=assets()["index.html"])


@router.get("/static/{name:path}", include_in_schema=False)
def static(name: str) -> Response:
    media = assets().get(name)
    if media is None:
        raise HTTPException(404, f"no asset {name!r}")
    return Response(asset(name), media_type=media)


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
