"""Harmonisation briefs: what it would take a jurisdiction to converge with a reference, as
JSON, Markdown, a printable page and that page printed to PDF (the dashboard's Brief view links
to each)."""

from __future__ import annotations

import re
import threading
from pathlib import Path as FilePath
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import Response

from api.deps import AnalysesDep
from api.errors import ERROR_RESPONSES, error_response
from api.hardening import PRINT_POLICY
from queries.analyses import Analyses
from queries.brief import AnyBrief, brief, group_brief, pair_brief
from queries.brief_text import names_of, to_html, to_markdown
from queries.index import Index
from queries.printing import PdfError, pdf_bytes
from queries.requests import (
    BriefPartsRequest,
    BriefPartsTextRequest,
    BriefRequest,
    BriefTextRequest,
    Language,
)
from queries.views import Brief, GroupBrief, PairBrief

router = APIRouter(prefix="/briefs", tags=["briefs"], responses=ERROR_RESPONSES)

#: The two other forms of every brief, documented once.
MARKDOWN: dict[int | str, dict[str, Any]] = {
    200: {
        "content": {"text/markdown": {"schema": {"type": "string"}}},
        "description": "The brief as a Markdown document.",
    }
}
PAGE: dict[int | str, dict[str, Any]] = {
    200: {
        "content": {"text/html": {"schema": {"type": "string"}}},
        "description": "The Markdown brief as an HTML page with a print stylesheet (A4).",
    }
}
Parts = Annotated[BriefPartsRequest, Query()]
#: The text forms add the language they are written in (?lang=fr).
TextParts = Annotated[BriefPartsTextRequest, Query()]
CodeP = Annotated[
    str,
    Path(min_length=2, max_length=100, description="A code of conduct.", examples=["echri"]),
]


def markdown_response(index: Index, report: AnyBrief, lang: Language) -> Response:
    text = to_markdown(report, lang, names_of(index, report, lang))
    return Response(text, media_type="text/markdown; charset=utf-8")


def page_response(index: Index, report: AnyBrief, lang: Language) -> Response:
    return Response(
        to_html(report, lang, names_of(index, report, lang)),
        media_type="text/html; charset=utf-8",
        headers={"Content-Security-Policy": PRINT_POLICY},
    )


JurisdictionP = Annotated[
    str,
    Path(
        min_length=2,
        max_length=100,
        description="A country code (IN), EU, or a country's name.",
        examples=["IN"],
    ),
]


@router.get("/pairs/{first}/{second}", summary="A pair brief: where each is stricter")
def get_pair_brief(
    analyses: AnalysesDep, first: JurisdictionP, second: JurisdictionP, request: Parts
) -> PairBrief:
    """Two jurisdictions side by side: for each, the entries both control where its thresholds
    catch more, and what it controls that the other does not (regime entries the other has not
    implemented, its own unilateral controls); then the entries of other scope where no side is
    stricter throughout. Every point is a divergence row with its evidence."""
    return pair_brief(analyses, first, second, request)


@router.get(
    "/pairs/{first}/{second}/markdown",
    summary="The pair brief as Markdown",
    response_class=Response,
    responses=MARKDOWN,
)
def get_pair_brief_markdown(
    analyses: AnalysesDep, first: JurisdictionP, second: JurisdictionP, request: TextParts
) -> Response:
    """The same pair brief as a Markdown document in English, French or Arabic (``lang``),
    every point with its evidence."""
    report = pair_brief(analyses, first, second, request)
    return markdown_response(analyses.index, report, request.lang)


@router.get(
    "/pairs/{first}/{second}/page",
    summary="The pair brief as a printable page",
    response_class=Response,
    responses=PAGE,
)
def get_pair_brief_page(
    analyses: AnalysesDep, first: JurisdictionP, second: JurisdictionP, request: TextParts
) -> Response:
    """The same pair brief as a page to print (no script; list texts shown as text), in
    English, French or Arabic (``lang``)."""
    report = pair_brief(analyses, first, second, request)
    return page_response(analyses.index, report, request.lang)


@router.get("/groups/{code}", summary="A group brief: who among the subscribers lacks what")
def get_group_brief(analyses: AnalysesDep, code: CodeP, request: Parts) -> GroupBrief:
    """The subscribers of a code of conduct (ECHRI) against the technologies it addresses
    (those under ``technology`` when given): per technology, who lacks a control, who has one,
    and whose lists are not held (unknown, not a gap), each with its evidence row."""
    return group_brief(analyses, code, request)


@router.get(
    "/groups/{code}/markdown",
    summary="The group brief as Markdown",
    response_class=Response,
    responses=MARKDOWN,
)
def get_group_brief_markdown(analyses: AnalysesDep, code: CodeP, request: TextParts) -> Response:
    """The same group brief as a Markdown document, in English, French or Arabic (``lang``)."""
    report = group_brief(analyses, code, request)
    return markdown_response(analyses.index, report, request.lang)


@router.get(
    "/groups/{code}/page",
    summary="The group brief as a printable page",
    response_class=Response,
    responses=PAGE,
)
def get_group_brief_page(analyses: AnalysesDep, code: CodeP, request: TextParts) -> Response:
    """The same group brief as a page to print (no script), in English, French or Arabic
    (``lang``)."""
    report = group_brief(analyses, code, request)
    return page_response(analyses.index, report, request.lang)


@router.get("/{jurisdiction}", summary="A harmonisation brief: standing and agenda")
def get_brief(
    analyses: AnalysesDep, jurisdiction: JurisdictionP, request: Annotated[BriefRequest, Query()]
) -> Brief:
    """Where the jurisdiction stands (memberships, lists held and their age, coverage per
    category, the convergence index and its trend over the editions held) and a ranked agenda:
    the reference entries to adopt (Very Sensitive first), to align (other scope or thresholds)
    and to update (its lists predate the reference edition that added them). Every point is a
    divergence row with its evidence."""
    return brief(analyses, jurisdiction, request)


@router.get(
    "/{jurisdiction}/markdown",
    summary="The brief as Markdown",
    # A plain Response, so the error answers stay documented as JSON (not as text).
    response_class=Response,
    responses=MARKDOWN,
)
def get_brief_markdown(
    analyses: AnalysesDep,
    jurisdiction: JurisdictionP,
    request: Annotated[BriefTextRequest, Query()],
) -> Response:
    """The same brief as a Markdown document: the standing, then each point of the agenda with
    its evidence (the reference text, each side's entries and editions, the thresholds). In
    English, French or Arabic (``lang``); list texts stay in English and say so."""
    report = brief(analyses, jurisdiction, request)
    return markdown_response(analyses.index, report, request.lang)


@router.get(
    "/{jurisdiction}/page",
    summary="The brief as a printable page",
    response_class=Response,
    responses=PAGE,
)
def get_brief_page(
    analyses: AnalysesDep,
    jurisdiction: JurisdictionP,
    request: Annotated[BriefTextRequest, Query()],
) -> Response:
    """The same brief as a page to print or save as PDF from a browser (what `harmonia brief
    --pdf` prints). It carries no script; list texts are shown as text. In English, French or
    Arabic (``lang``: the Arabic page reads right to left)."""
    report = brief(analyses, jurisdiction, request)
    return page_response(analyses.index, report, request.lang)


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
    browser: FilePath | None = getattr(request.app.state, "chromium", None)
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
    "/pairs/{first}/{second}/pdf",
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
    "/groups/{code}/pdf",
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
    "/{jurisdiction}/pdf",
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
