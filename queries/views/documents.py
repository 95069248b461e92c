"""From a document to the controls it concerns: the technologies it mentions, the entries covering
them in the lists of the jurisdictions it names, and where those jurisdictions diverge."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import Field

from queries.views.base import View
from queries.views.comparison import DivergenceReport, JurisdictionView
from queries.views.entries import EntryHit

ControlState = Literal["covered", "no-entry-covers", "no-list-held"]


class DocumentTechnology(View):
    technology: str = Field(description="Technology node id.", examples=["tech:surveillance"])
    name: str = Field(description="English name of the technology.", examples=["Surveillance"])
    labels: dict[str, str] = Field(
        default_factory=dict, description="Its label by language code (ar, fr...)."
    )
    mentions: list[str] = Field(
        description="The document's words that name it, each once.", examples=[["المراقبة"]]
    )
    narrower: list[str] = Field(
        default_factory=list,
        description="Narrower technologies whose covering entries count for it too.",
        examples=[["tech:spyware"]],
    )


class NamedJurisdiction(JurisdictionView):
    """A country or the EU the document names, with the lists read for it (none: no list
    held, which says nothing of whether it controls anything)."""

    mentions: list[str] = Field(
        description="The document's words that name it, each once.", examples=[["الولايات المتحدة"]]
    )


class TechnologyControls(View):
    """What one named jurisdiction's lists say of one technology the document mentions."""

    technology: str = Field(description="Technology node id.", examples=["tech:surveillance"])
    jurisdiction: str = Field(description="Jurisdiction key.", examples=["US"])
    state: ControlState = Field(
        description="covered: entries of its lists cover the technology (or a narrower one); "
        "no-entry-covers: it holds lists but no entry is tagged with it; no-list-held: the "
        "graph holds no list for it, so nothing is known of its controls."
    )
    entries: list[EntryHit] = Field(
        default_factory=list, description="The covering entries, with the list holding each."
    )


class DocumentDivergences(View):
    """Where the named jurisdictions holding lists diverge on one technology: the analyses'
    divergence report (its counts over every row, and its first rows)."""

    technology: str = Field(description="Technology node id.", examples=["tech:surveillance"])
    jurisdictions: list[str] = Field(
        description="Jurisdiction keys compared, as the divergences route takes them.",
        examples=[["US", "EU"]],
    )
    report: DivergenceReport = Field(description="GET /divergences for them and the technology.")


class DocumentControls(View):
    document: str = Field(description="Document node id.", examples=["doc:7243032eb79e823f"])
    title: str = Field(description="Title of the document.")
    language: str = Field(description="Language code of the text.", examples=["ar"])
    published: date | None = Field(default=None, description="Publication date.")
    technologies: list[DocumentTechnology] = Field(
        description="Technologies the document mentions, in order of first mention."
    )
    jurisdictions: list[NamedJurisdiction] = Field(
        description="Countries and the EU the document names, in order of first mention."
    )
    controls: list[TechnologyControls] = Field(
        description="For each technology, each named jurisdiction's state and covering entries."
    )
    divergences: list[DocumentDivergences] = Field(
        description="Per technology, the divergences among the named jurisdictions holding "
        "lists (when two or more do)."
    )
    notes: list[str] = Field(default_factory=list, description="Caveats about the answer.")
