"""Harmonisation briefs: what it would take a jurisdiction to converge with a reference."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query
from fastapi.responses import Response

from api.deps import AnalysesDep
from api.errors import ERROR_RESPONSES
from api.hardening import PRINT_POLICY
from queries.brief import brief
from queries.brief_text import to_html, to_markdown
from queries.requests import BriefRequest
from queries.views import Brief

router = APIRouter(prefix="/briefs", tags=["briefs"], responses=ERROR_RESPONSES)

JurisdictionP = Annotated[
    str,
    Path(
        min_length=2,
        max_length=100,
        description="A country code (IN), EU, or a country's name.",
        examples=["IN"],
    ),
]


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
    responses={
        200: {
            "content": {"text/markdown": {"schema": {"type": "string"}}},
            "description": "The brief as a Markdown document.",
        }
    },
)
def get_brief_markdown(
    analyses: AnalysesDep, jurisdiction: JurisdictionP, request: Annotated[BriefRequest, Query()]
) -> Response:
    """The same brief as a Markdown document: the standing, then each point of the agenda with
    its evidence (the reference text, each side's entries and editions, the thresholds)."""
    text = to_markdown(brief(analyses, jurisdiction, request))
    return Response(text, media_type="text/markdown; charset=utf-8")


@router.get(
    "/{jurisdiction}/page",
    summary="The brief as a printable page",
    response_class=Response,
    responses={
        200: {
            "content": {"text/html": {"schema": {"type": "string"}}},
            "description": "The Markdown brief as an HTML page with a print stylesheet (A4).",
        }
    },
)
def get_brief_page(
    analyses: AnalysesDep, jurisdiction: JurisdictionP, request: Annotated[BriefRequest, Query()]
) -> Response:
    """The same brief as a page to print or save as PDF from a browser (what `harmonia brief
    --pdf` prints). It carries no script; list texts are shown as text."""
    page = to_html(brief(analyses, jurisdiction, request))
    return Response(
        page,
        media_type="text/html; charset=utf-8",
        headers={"Content-Security-Policy": PRINT_POLICY},
    )
