"""Edge types of the Harmonia graph, and the typed edge back from its stored row."""

from __future__ import annotations

import datetime as dt
from datetime import date
from typing import Literal

from pydantic import Field

from graph_schema.model.base import Edge, EdgeRecord, _typed
from graph_schema.model.nodes import NODE_TYPES


class MemberOf(Edge):
    TYPE = "MEMBER_OF"
    SOURCE_LABELS = ("Country",)
    TARGET_LABELS = ("Regime",)

    since: date | None = None
    until: date | None = None
    role: str = "member"


class InGroup(Edge):
    TYPE = "IN_GROUP"
    SOURCE_LABELS = ("Country",)
    TARGET_LABELS = ("CountryGroup",)


class Issues(Edge):
    TYPE = "ISSUES"
    SOURCE_LABELS = ("Country", "Regime")
    TARGET_LABELS = ("ControlList", "CountryGroup", "GeneralAuthorisation")


class Contains(Edge):
    TYPE = "CONTAINS"
    SOURCE_LABELS = ("ControlList",)
    TARGET_LABELS = ("ControlEntry",)


class ParentOf(Edge):
    TYPE = "PARENT_OF"
    SOURCE_LABELS = ("ControlEntry",)
    TARGET_LABELS = ("ControlEntry",)


class Implements(Edge):
    """National entry -> regime entry it implements."""

    TYPE = "IMPLEMENTS"
    SOURCE_LABELS = ("ControlEntry",)
    TARGET_LABELS = ("ControlEntry",)

    method: Literal["code", "text", "parameters", "manual", "stated"]
    score: float = Field(ge=0.0, le=1.0, description="Confidence that the two correspond.")
    scope: Literal["same", "broader", "narrower", "different-parameters", "unknown"] = Field(
        default="unknown",
        description="National scope relative to the regime entry (broader = controls more).",
    )
    similarity: float | None = Field(
        default=None, ge=0.0, le=1.0, description="Text similarity of the two entries."
    )
    text_differs: bool = Field(default=False, description="Texts differ materially.")
    evidence: str


class NextEdition(Edge):
    """An entry of one list edition -> the same entry in the next edition held of that list.

    Derived (``alignment@current``): by code when the code is kept and the texts agree, by text
    when an entry moved to another code (renumbered or relettered).
    """

    TYPE = "NEXT_EDITION"
    SOURCE_LABELS = ("ControlEntry",)
    TARGET_LABELS = ("ControlEntry",)

    method: Literal["code", "text"] = Field(description="How the two entries were paired.")
    similarity: float = Field(ge=0.0, le=1.0, description="Text similarity of the two entries.")
    change: Literal["unchanged", "changed", "renumbered"] = Field(
        description="unchanged: same code and text; changed: same code, other text or fields; "
        "renumbered: the same entry under another code."
    )
    fields: list[str] = Field(default_factory=list, description="Fields that differ.")
    thresholds: Literal["same", "stricter", "looser", "different-parameters"] | None = Field(
        default=None,
        description="The newer edition's thresholds against the older's: stricter = it controls "
        "more (a lower 'exceeding' bound). None when no threshold pair could be compared.",
    )
    threshold_notes: list[str] = Field(default_factory=list)
    evidence: str


class Origin(Edge):
    """Where a national entry comes from: a regime, or the issuer itself when unilateral."""

    TYPE = "ORIGIN"
    SOURCE_LABELS = ("ControlEntry",)
    TARGET_LABELS = ("Regime", "Country")

    series: str = Field(description="Numbering series, e.g. 'wassenaar', 'us-900-series'.")
    unilateral: bool
    reason: str
    method: str = "code"


class ValidFor(Edge):
    """A general authorisation may be used for exports to this destination."""

    TYPE = "VALID_FOR"
    SOURCE_LABELS = ("GeneralAuthorisation",)
    TARGET_LABELS = ("Country",)


class _AuthorisationItems(Edge):
    """A general authorisation names this entry among its items: Excludes or CoversEntry."""

    SOURCE_LABELS = ("GeneralAuthorisation",)
    TARGET_LABELS = ("ControlEntry",)

    written: str = Field(default="", description="The code or text as the authorisation writes it.")


class Excludes(_AuthorisationItems):
    """An all-items general authorisation does not cover this entry (and its sub-entries)."""

    TYPE = "EXCLUDES"


class CoversEntry(_AuthorisationItems):
    """A listed-items general authorisation covers this entry (and its sub-entries)."""

    TYPE = "COVERS_ENTRY"


class SameControl(Edge):
    """Two national entries of different issuers that say the same thing, neither with a
    counterpart in the regime lists held: a control adopted outside the regimes by several
    states (quantum computers: US 4A906, Australia 4A901, EU 4A506). Derived, by text."""

    TYPE = "SAME_CONTROL"
    SOURCE_LABELS = ("ControlEntry",)
    TARGET_LABELS = ("ControlEntry",)

    similarity: float = Field(ge=0.0, le=1.0, description="Text similarity of the two entries.")
    bounds: Literal["same", "other"] = Field(
        default="same",
        description="same: the same control; other: the same words with other bounds (US "
        "3A090.a at a TPP of 4800, EU 3A501.a.16 at 6000).",
    )
    evidence: str


class Covers(Edge):
    TYPE = "COVERS"
    SOURCE_LABELS = ("ControlEntry",)
    TARGET_LABELS = ("Technology",)

    method: str
    matched: str = ""
    score: float = Field(default=1.0, ge=0.0, le=1.0)


class Subscribes(Edge):
    TYPE = "SUBSCRIBES"
    SOURCE_LABELS = ("Country",)
    TARGET_LABELS = ("CodeOfConduct",)

    date: dt.date | None = None
    role: str = "subscriber"


class Establishes(Edge):
    TYPE = "ESTABLISHES"
    SOURCE_LABELS = ("Regime",)
    TARGET_LABELS = ("CodeOfConduct",)


class HasCommitment(Edge):
    TYPE = "HAS_COMMITMENT"
    SOURCE_LABELS = ("CodeOfConduct",)
    TARGET_LABELS = ("Commitment",)


class Addresses(Edge):
    """A code of conduct or commitment addresses a technology."""

    TYPE = "ADDRESSES"
    SOURCE_LABELS = ("CodeOfConduct", "Commitment")
    TARGET_LABELS = ("Technology",)


class Lists(Edge):
    TYPE = "LISTS"
    SOURCE_LABELS = ("Country", "Regime")
    TARGET_LABELS = ("Party",)

    date: dt.date | None = None
    list_name: str
    reason: str = ""
    citation: str = ""


class Mentions(Edge):
    TYPE = "MENTIONS"
    SOURCE_LABELS = ("Document",)
    TARGET_LABELS = tuple(NODE_TYPES)

    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Asserts(Edge):
    """A document asserts a claim."""

    TYPE = "ASSERTS"
    SOURCE_LABELS = ("Document",)
    TARGET_LABELS = ("Claim",)


class About(Edge):
    """A claim is about a node, as its subject or its object."""

    TYPE = "ABOUT"
    SOURCE_LABELS = ("Claim",)
    TARGET_LABELS = tuple(NODE_TYPES)

    role: Literal["subject", "object"]


EDGE_TYPES: dict[str, type[Edge]] = {
    cls.TYPE: cls
    for cls in (
        MemberOf,
        InGroup,
        Issues,
        Contains,
        ParentOf,
        Implements,
        NextEdition,
        Origin,
        Covers,
        Subscribes,
        Establishes,
        HasCommitment,
        Addresses,
        Lists,
        Mentions,
        Asserts,
        About,
        ValidFor,
        Excludes,
        CoversEntry,
        SameControl,
    )
}


def edge_from_record(record: EdgeRecord) -> Edge:
    keys = {"source": record.source, "target": record.target}
    return _typed(EDGE_TYPES, record.type, "edge type", keys, record.properties)
