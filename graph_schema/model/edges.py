"""Edge types of the Harmonia graph, and the typed edge back from its stored row."""

from __future__ import annotations

import datetime as dt
from datetime import date
from typing import Literal

from pydantic import Field

from graph_schema.model.base import EDGE_TYPES as EDGE_TYPES
from graph_schema.model.base import Edge, EdgeRecord, _typed
from graph_schema.model.nodes import NODE_TYPES


class MemberOf(Edge, stored_as="MEMBER_OF", source="Country", target="Regime"):
    """A country is (or was) a member of a regime."""

    since: date | None = None
    until: date | None = None
    role: str = "member"


class InGroup(Edge, stored_as="IN_GROUP", source="Country", target="CountryGroup"):
    """A country is in a group of destinations one issuer defines."""


class Issues(
    Edge,
    stored_as="ISSUES",
    source=("Country", "Regime"),
    target=("ControlList", "CountryGroup", "GeneralAuthorisation"),
):
    """A country or regime issues a control list, a country group or a general authorisation."""


class Contains(Edge, stored_as="CONTAINS", source="ControlList", target="ControlEntry"):
    """A list edition holds this entry."""


class ParentOf(Edge, stored_as="PARENT_OF", source="ControlEntry", target="ControlEntry"):
    """An entry encloses this sub-entry."""


class Implements(Edge, stored_as="IMPLEMENTS", source="ControlEntry", target="ControlEntry"):
    """National entry -> regime entry it implements."""

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


class NextEdition(Edge, stored_as="NEXT_EDITION", source="ControlEntry", target="ControlEntry"):
    """An entry of one list edition -> the same entry in the next edition held of that list.

    Derived (``alignment@current``): by code when the code is kept and the texts agree, by text
    when an entry moved to another code (renumbered or relettered).
    """

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


class Origin(Edge, stored_as="ORIGIN", source="ControlEntry", target=("Regime", "Country")):
    """Where a national entry comes from: a regime, or the issuer itself when unilateral."""

    series: str = Field(description="Numbering series, e.g. 'wassenaar', 'us-900-series'.")
    unilateral: bool
    reason: str
    method: str = "code"


class ValidFor(Edge, stored_as="VALID_FOR", source="GeneralAuthorisation", target="Country"):
    """A general authorisation may be used for exports to this destination."""


class _AuthorisationItems(Edge, source="GeneralAuthorisation", target="ControlEntry"):
    """A general authorisation names this entry among its items: Excludes or CoversEntry."""

    written: str = Field(default="", description="The code or text as the authorisation writes it.")


class Excludes(_AuthorisationItems, stored_as="EXCLUDES"):
    """An all-items general authorisation does not cover this entry (and its sub-entries)."""


class CoversEntry(_AuthorisationItems, stored_as="COVERS_ENTRY"):
    """A listed-items general authorisation covers this entry (and its sub-entries)."""


class SameControl(Edge, stored_as="SAME_CONTROL", source="ControlEntry", target="ControlEntry"):
    """Two national entries of different issuers that say the same thing, neither with a
    counterpart in the regime lists held: a control adopted outside the regimes by several
    states (quantum computers: US 4A906, Australia 4A901, EU 4A506). Derived, by text."""

    similarity: float = Field(ge=0.0, le=1.0, description="Text similarity of the two entries.")
    bounds: Literal["same", "other"] = Field(
        default="same",
        description="same: the same control; other: the same words with other bounds (US "
        "3A090.a at a TPP of 4800, EU 3A501.a.16 at 6000).",
    )
    evidence: str


class Covers(Edge, stored_as="COVERS", source="ControlEntry", target="Technology"):
    """An entry controls items of this technology."""

    method: str
    matched: str = ""
    score: float = Field(default=1.0, ge=0.0, le=1.0)


class Subscribes(Edge, stored_as="SUBSCRIBES", source="Country", target="CodeOfConduct"):
    """A country subscribes to a code of conduct."""

    date: dt.date | None = None
    role: str = "subscriber"


class Establishes(Edge, stored_as="ESTABLISHES", source="Regime", target="CodeOfConduct"):
    """A regime established this code of conduct."""


class HasCommitment(Edge, stored_as="HAS_COMMITMENT", source="CodeOfConduct", target="Commitment"):
    """A code of conduct makes this commitment."""


class Addresses(
    Edge, stored_as="ADDRESSES", source=("CodeOfConduct", "Commitment"), target="Technology"
):
    """A code of conduct or commitment addresses a technology."""


class Lists(Edge, stored_as="LISTS", source=("Country", "Regime"), target="Party"):
    """A country or regime lists this party (on an entity list, a sanctions list)."""

    date: dt.date | None = None
    list_name: str
    reason: str = ""
    citation: str = ""


class Mentions(Edge, stored_as="MENTIONS", source="Document", target=tuple(NODE_TYPES)):
    """A document names this node."""

    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Asserts(Edge, stored_as="ASSERTS", source="Document", target="Claim"):
    """A document asserts a claim."""


class About(Edge, stored_as="ABOUT", source="Claim", target=tuple(NODE_TYPES)):
    """A claim is about a node, as its subject or its object."""

    role: Literal["subject", "object"]


def edge_from_record(record: EdgeRecord) -> Edge:
    keys = {"source": record.source, "target": record.target}
    return _typed(EDGE_TYPES, record.type, "edge type", keys, record.properties)
