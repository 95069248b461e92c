"""Harmonisation briefs: what it would take a jurisdiction to converge with a reference, as
JSON, Markdown, a printable page and that page printed to PDF (the dashboard's Brief view links
to each)."""

from __future__ import annotations

import inspect
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path as FilePath
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import Response

from api.deps import AnalysesDep
from api.errors import ERROR_RESPONSES, error_response
from api.hardening import PRINT_POLICY
from queries.brief import AnyBrief, any_brief, group_brief, pair_brief
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
from queries.views import GroupBrief, PairBrief

router = APIRouter(prefix="/briefs", tags=["briefs"], responses=ERROR_RESPONSES)

#: The other forms of every brief, documented once.
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
PDF: dict[int | str, dict[str, Any]] = {
    200: {
        "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}},
        "description": "The printable page of the brief, printed to PDF by headless Chromium.",
    },
    503: {"description": "No Chromium to print with, or it failed; the message says which."},
}
Parts = Annotated[BriefPartsRequest, Query()]
#: The text forms add the language they are written in (?lang=fr).
TextParts = Annotated[BriefPartsTextRequest, Query()]
CodeP = Annotated[
    str,
    Path(min_length=2, max_length=100, description="A code of conduct.", examples=["echri"]),
]


JurisdictionP = Annotated[
    str,
    Path(
        min_length=2,
        max_length=100,
        description="A country code (IN), EU, or a country's name.",
        examples=["IN"],
    ),
]


#: Chromium processes printing at once: each takes a few hundred MB, and the route is open.
PRINTERS = threading.BoundedSemaphore(2)


@dataclass(frozen=True)
class Asked:
    """The brief a Markdown, page or PDF route is asked for, with what writing it takes."""

    report: AnyBrief
    index: Index
    lang: Language
    #: The PDF's file name, without ``.pdf``.
    file: str

    def markdown(self) -> str:
        return to_markdown(self.report, self.lang, names_of(self.index, self.report, self.lang))

    def html(self) -> str:
        return to_html(self.report, self.lang, names_of(self.index, self.report, self.lang))


def asked_pair(
    analyses: AnalysesDep, first: JurisdictionP, second: JurisdictionP, parts: TextParts
) -> Asked:
    report = pair_brief(analyses, first, second, parts)
    return Asked(report, analyses.index, parts.lang, f"brief-{first}-{second}")


def asked_group(analyses: AnalysesDep, code: CodeP, parts: TextParts) -> Asked:
    return Asked(group_brief(analyses, code, parts), analyses.index, parts.lang, f"brief-{code}")


def asked_brief(
    analyses: AnalysesDep,
    jurisdiction: JurisdictionP,
    parts: Annotated[BriefTextRequest, Query()],
) -> Asked:
    report = any_brief(analyses, jurisdiction, parts)
    return Asked(report, analyses.index, parts.lang, f"brief-{jurisdiction}-{parts.against}")


def pdf_response(request: Request, asked: Asked) -> Response:
    """The brief's printable page as a PDF download."""
    browser: FilePath | None = getattr(request.app.state, "chromium", None)
    try:
        with PRINTERS:
            body = pdf_bytes(asked.html(), browser)
    except PdfError as exc:
        return error_response(503, str(exc))
    disposition = f'attachment; filename="{re.sub(r"[^A-Za-z0-9_.-]+", "-", asked.file)}.pdf"'
    return Response(
        body, media_type="application/pdf", headers={"Content-Disposition": disposition}
    )


@dataclass(frozen=True)
class Kind:
    """One kind of brief, as its Markdown, page and PDF routes serve it."""

    path: str
    #: Names the routes (``get_pair_brief_markdown``, ``pair_brief_pdf``: the operation ids).
    stem: str
    #: What the summaries call it ("The pair brief as Markdown").
    noun: str
    #: Reads the path and the query string into the brief asked for.
    asked: Callable[..., Asked]
    #: Each form's description, written as a docstring is (``inspect.cleandoc``).
    docs: dict[str, str]


#: Each form: the route's name and summary (``{stem}``, ``{noun}``: the kind's), its answers.
# A plain Response class, so the error answers stay documented as JSON (not as text).
FORMS: dict[str, tuple[str, str, dict[int | str, dict[str, Any]]]] = {
    "markdown": ("get_{stem}_markdown", "The {noun} as Markdown", MARKDOWN),
    "page": ("get_{stem}_page", "The {noun} as a printable page", PAGE),
    "pdf": ("{stem}_pdf", "The {noun} as PDF", PDF),
}


def add_forms(kind: Kind, *forms: str) -> None:
    """Adds the routes of ``kind`` in ``forms`` (``markdown``, ``page``, ``pdf``)."""
    # A default rather than an Annotated alias: FastAPI reads the annotations in this module's
    # globals, where an alias made here would not stand.
    asked_for = Depends(kind.asked)

    def markdown(asked: Asked = asked_for) -> Response:
        return Response(asked.markdown(), media_type="text/markdown; charset=utf-8")

    def page(asked: Asked = asked_for) -> Response:
        return Response(
            asked.html(),
            media_type="text/html; charset=utf-8",
            headers={"Content-Security-Policy": PRINT_POLICY},
        )

    def pdf(request: Request, asked: Asked = asked_for) -> Response:
        return pdf_response(request, asked)

    endpoints: dict[str, Callable[..., Response]] = {"markdown": markdown, "page": page, "pdf": pdf}
    for form in forms:
        name, summary, responses = FORMS[form]
        router.add_api_route(
            f"{kind.path}/{form}",
            endpoints[form],
            methods=["GET"],
            name=name.format(stem=kind.stem),
            summary=summary.format(noun=kind.noun),
            description=inspect.cleandoc(kind.docs[form]),
            response_class=Response,
            responses=responses,
        )


PAIR = Kind(
    "/pairs/{first}/{second}",
    stem="pair_brief",
    noun="pair brief",
    asked=asked_pair,
    docs={
        "markdown": """
        The same pair brief as a Markdown document in English, French or Arabic (``lang``),
        every point with its evidence.""",
        "page": """
        The same pair brief as a page to print (no script; list texts shown as text), in
        English, French or Arabic (``lang``).""",
        "pdf": """
        The pair brief of ``/briefs/pairs/{first}/{second}`` printed to PDF.""",
    },
)
GROUP = Kind(
    "/groups/{code}",
    stem="group_brief",
    noun="group brief",
    asked=asked_group,
    docs={
        "markdown": """
        The same group brief as a Markdown document, in English, French or Arabic (``lang``).""",
        "page": """
        The same group brief as a page to print (no script), in English, French or Arabic
        (``lang``).""",
        "pdf": """
        The group brief of ``/briefs/groups/{code}`` printed to PDF.""",
    },
)
BRIEF = Kind(
    "/{jurisdiction}",
    stem="brief",
    noun="brief",
    asked=asked_brief,
    docs={
        "markdown": """
        The same brief as a Markdown document: the standing, then each point of the agenda with
        its evidence (the reference text, each side's entries and editions, the thresholds). In
        English, French or Arabic (``lang``); list texts stay in English and say so.""",
        "page": """
        The same brief as a page to print or save as PDF from a browser (what `harmonia brief
        --pdf` prints). It carries no script; list texts are shown as text. In English, French or
        Arabic (``lang``: the Arabic page reads right to left).""",
        "pdf": """
        The brief of ``/briefs/{jurisdiction}`` printed to PDF (what the dashboard's PDF link
        downloads, and what ``harmonia brief --pdf`` writes).""",
    },
)


@router.get("/pairs/{first}/{second}", summary="A pair brief: where each is stricter")
def get_pair_brief(
    analyses: AnalysesDep, first: JurisdictionP, second: JurisdictionP, request: Parts
) -> PairBrief:
    """Two jurisdictions side by side: for each, the entries both control where its thresholds
    catch more, and what it controls that the other does not (regime entries the other has not
    implemented, its own unilateral controls); then the entries of other scope where no side is
    stricter throughout. Every point is a divergence row with its evidence."""
    return pair_brief(analyses, first, second, request)


add_forms(PAIR, "markdown", "page")


@router.get("/groups/{code}", summary="A group brief: who among the subscribers lacks what")
def get_group_brief(analyses: AnalysesDep, code: CodeP, request: Parts) -> GroupBrief:
    """The subscribers of a code of conduct (ECHRI) against the technologies it addresses
    (those under ``technology`` when given): per technology, who lacks a control, who has one,
    and whose lists are not held (unknown, not a gap), each with its evidence row."""
    return group_brief(analyses, code, request)


add_forms(GROUP, "markdown", "page")


@router.get("/{jurisdiction}", summary="A harmonisation brief: standing and agenda")
def get_brief(
    analyses: AnalysesDep, jurisdiction: JurisdictionP, request: Annotated[BriefRequest, Query()]
) -> AnyBrief:
    """Where the jurisdiction stands (memberships, lists held and their age, coverage per
    category, the convergence index and its trend over the editions held) and a ranked agenda:
    the reference entries to adopt (Very Sensitive first), to align (other scope or thresholds)
    and to update (its lists predate the reference edition that added them). Every point is a
    divergence row with its evidence. Against another jurisdiction (``against=US``), the pair
    brief of ``/briefs/pairs/{first}/{second}``; for a code of conduct, its group brief."""
    return any_brief(analyses, jurisdiction, request)


add_forms(BRIEF, "markdown", "page")
# The PDF routes come last, as they were added: the OpenAPI document keeps its order.
for kind in (PAIR, GROUP, BRIEF):
    add_forms(kind, "pdf")
