"""What the NLP pipeline finds in a text: mentions of graph nodes, markers, claim drafts and
the analysis holding them. Shared by the pipeline (:mod:`ingest.nlp.pipeline`) and the claim
rules (:mod:`ingest.nlp.claims`), which each need the other's results."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Doc

from graph_schema.model import Agreement, ClaimPredicate, Parameter

#: The doc extension where the trigger words of claims are marked.
TRIGGER_KEY = "triggers"


@dataclass(frozen=True)
class ClaimDraft:
    subject: str
    predicate: ClaimPredicate
    object: str
    subject_text: str
    object_text: str
    qualifier: str
    sentence: str
    start: int
    end: int
    confidence: float
    agreement: Agreement = "unknown"
    agreement_reason: str = ""
    date: str = ""  # ISO date (or year, year-month) the sentence gives, resolved; "" if none
    parameter: Parameter | None = None  # the threshold a sets_threshold claim states

    @property
    def triple(self) -> tuple[str, str, str]:
        return (self.subject, self.predicate, self.object)


@dataclass(frozen=True)
class Mention:
    start: int  # character offsets in the document text
    end: int
    text: str
    node: str
    label: str
    kind: str
    token_start: int
    token_end: int


@dataclass(frozen=True)
class Marker:
    """A span that names no node but matters to claims: a list, or 'the Administration'."""

    start: int
    end: int
    text: str
    label: str
    value: str
    token_start: int
    token_end: int


@dataclass
class Analysis:
    language: str
    mentions: list[Mention]
    markers: list[Marker]
    claims: list[ClaimDraft]
    sentences: list[tuple[int, int]]
    tokens: int
    main_actor: str | None = None
    doc: Doc | None = field(default=None, repr=False)
    published: date | None = None  # the document's date, when known
