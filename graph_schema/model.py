"""Node and edge types of the Harmonia graph.

Every node and edge is a frozen pydantic model carrying its :class:`Provenance`. The stores do
not see these classes: they keep :class:`NodeRecord` / :class:`EdgeRecord` rows (id, label or
type, flat properties), which is what both backends can hold. ``to_record`` / ``node_from_record``
convert between the two.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from datetime import date
from typing import Any, ClassVar, Literal

import orjson
from pydantic import BaseModel, ConfigDict, Field

from graph_schema import ids
from graph_schema.provenance import Provenance

JsonValue = Any
PROVENANCE_PREFIX = "prov_"


# Records are plain dataclasses, not pydantic models: they are built from already validated
# models or from the store's own rows, by the hundred thousand at ingest and at every graph read.
@dataclass(frozen=True, slots=True)
class NodeRecord:
    """A node as the stores keep it."""

    id: str
    label: str
    properties: dict[str, JsonValue]


@dataclass(frozen=True, slots=True)
class EdgeRecord:
    """An edge as the stores keep it."""

    id: str
    type: str
    source: str
    target: str
    properties: dict[str, JsonValue]


def _flatten(payload: dict[str, JsonValue]) -> dict[str, JsonValue]:
    """Move the dumped ``provenance`` map into ``prov_*`` keys of ``payload``."""
    for key, value in payload.pop("provenance").items():
        payload[PROVENANCE_PREFIX + key] = value
    return payload


def _json_payload(model: BaseModel) -> dict[str, JsonValue]:
    """The model's fields as JSON values. Ingest converts tens of thousands of validated models;
    pydantic's JSON serialiser read back by orjson is about three times faster than
    ``model_dump(mode="json")``.
    """
    payload: dict[str, JsonValue] = orjson.loads(model.model_dump_json())
    return payload


def _unflatten(properties: dict[str, JsonValue]) -> tuple[dict[str, JsonValue], Provenance]:
    plain = {k: v for k, v in properties.items() if not k.startswith(PROVENANCE_PREFIX)}
    prov = {
        k[len(PROVENANCE_PREFIX) :]: v
        for k, v in properties.items()
        if k.startswith(PROVENANCE_PREFIX)
    }
    return plain, Provenance.model_validate(prov)


class Node(BaseModel):
    """Base of every node type."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    LABEL: ClassVar[str]
    #: Properties worth a Neo4j index besides ``id`` (which always has a uniqueness constraint).
    INDEXED: ClassVar[tuple[str, ...]] = ()

    id: str
    provenance: Provenance

    def to_record(self) -> NodeRecord:
        payload = _json_payload(self)
        del payload["id"]
        return NodeRecord(id=self.id, label=self.LABEL, properties=_flatten(payload))


class Edge(BaseModel):
    """Base of every edge type. ``key`` separates parallel edges of one type between two nodes."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    TYPE: ClassVar[str]
    SOURCE_LABELS: ClassVar[tuple[str, ...]]
    TARGET_LABELS: ClassVar[tuple[str, ...]]

    source: str
    target: str
    key: str = ""
    provenance: Provenance

    @property
    def id(self) -> str:
        return ids.edge_id(self.TYPE, self.source, self.target, self.key)

    def to_record(self) -> EdgeRecord:
        payload = _json_payload(self)
        del payload["source"], payload["target"]
        return EdgeRecord(
            id=self.id,
            type=self.TYPE,
            source=self.source,
            target=self.target,
            properties=_flatten(payload),
        )


# --- nodes ---------------------------------------------------------------------------------


class Country(Node):
    LABEL = "Country"
    INDEXED = ("iso2", "name")

    iso2: str = Field(pattern=r"^[A-Z]{2}$", examples=["FR"])
    iso3: str | None = Field(default=None, pattern=r"^[A-Z]{3}$")
    name: str = Field(examples=["France"])
    names: dict[str, str] = Field(default_factory=dict, description="Name per language code.")
    aliases: list[str] = Field(default_factory=list)


class Regime(Node):
    LABEL = "Regime"
    INDEXED = ("short_name",)

    short_name: str = Field(examples=["Wassenaar"])
    name: str
    kind: Literal["regime", "union", "initiative", "forum", "treaty"]
    established: date | None = None
    url: str | None = None
    description: str = ""
    names: dict[str, str] = Field(default_factory=dict)
    aliases: dict[str, list[str]] = Field(
        default_factory=dict, description="Other names per language (acronyms, spellings)."
    )


class CountryGroup(Node):
    """A group of destinations one issuer defines, e.g. US EAR Country Group A:1."""

    LABEL = "CountryGroup"
    INDEXED = ("code",)

    issuer: str
    code: str
    name: str


class ControlList(Node):
    """One edition of one issuer's control list."""

    LABEL = "ControlList"
    INDEXED = ("issuer", "edition")

    issuer: str = Field(description="Node id of the issuing country or regime.")
    title: str
    edition: str = Field(description="Edition label, e.g. '2025 Corr.'.")
    edition_date: date
    numbering: str = Field(description="Code system of the list, see graph_schema.codes.")
    source_url: str
    file_sha256: str | None = Field(description="Checksum of the file the edition was read from.")
    copy_may_lack: list[str] = Field(
        default_factory=list,
        description="What the copy read is known to lose against the official text ('items', "
        "'paragraphs', 'notes'): its gaps are unknowns, not absences.",
    )


class Parameter(BaseModel):
    """A numeric threshold extracted from an entry text ("exceeding 10 kg")."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    quantity: str
    comparator: Literal[">", ">=", "<", "<=", "="]
    value: float
    unit: str
    text: str


class ControlEntry(Node):
    """One code in one edition of a list."""

    LABEL = "ControlEntry"
    INDEXED = ("canonical", "list_id", "code")

    list_id: str
    code: str = Field(description="The code as the list writes it.", examples=["5.A.1.j"])
    canonical: str = Field(description="Normalised code.", examples=["5A001.j"])
    parent: str | None = Field(default=None, description="Canonical code of the parent entry.")
    level: int = Field(ge=0)
    category: str | None = None
    heading: str = ""
    text: str = ""
    notes: list[str] = Field(default_factory=list)
    reasons: list[str] = Field(default_factory=list)
    parameters: list[Parameter] = Field(default_factory=list)
    status: Literal["active", "reserved", "not-used", "deleted"] = "active"
    sensitive: bool = False
    very_sensitive: bool = False
    page: int | None = None


class GeneralAuthorisation(Node):
    """A general export authorisation: items and destinations exportable without an individual
    licence, e.g. the Union General Export Authorisations EU001-EU008 (Annex II of Regulation
    (EU) 2021/821), the EU's counterpart of US licence exceptions."""

    LABEL = "GeneralAuthorisation"
    INDEXED = ("code",)

    issuer: str = Field(description="Node id of the issuer, e.g. 'regime:eu'.")
    code: str = Field(examples=["EU001"])
    title: str
    list_id: str = Field(description="The control list edition whose entries it refers to.")
    items: Literal["all-except", "listed"] = Field(
        description="all-except: every entry of the list except those it EXCLUDES; listed: "
        "only the entries it COVERS_ENTRY."
    )
    items_text: str = Field(default="", description="Its items part, verbatim.")
    destinations_text: str = Field(default="", description="Its destinations part, verbatim.")
    conditions: str = Field(default="", description="Conditions and requirements, verbatim.")


class Technology(Node):
    LABEL = "Technology"
    INDEXED = ("name",)

    name: str
    labels: dict[str, str] = Field(description="Label per language code (en, fr, ar...).")
    synonyms: dict[str, list[str]] = Field(default_factory=dict)
    description: str = ""
    parent: str | None = None
    code_hints: list[str] = Field(default_factory=list, description="Canonical code prefixes.")


class CodeOfConduct(Node):
    LABEL = "CodeOfConduct"

    short_name: str
    title: str
    adopted: date | None = None
    url: str | None = None
    description: str = ""


class Commitment(Node):
    LABEL = "Commitment"

    code_of_conduct: str
    number: int
    text: str


class Party(Node):
    """A listed company, person or other party."""

    LABEL = "Party"
    INDEXED = ("name",)

    name: str
    kind: str = "entity"
    aliases: list[str] = Field(default_factory=list)
    countries: list[str] = Field(default_factory=list, description="ISO alpha-2 codes.")
    addresses: list[str] = Field(default_factory=list)
    lists: list[str] = Field(default_factory=list, description="Names of the lists naming it.")


class Document(Node):
    """A news item or statement."""

    LABEL = "Document"
    INDEXED = ("language",)

    title: str
    language: str
    published: date | None = None
    source: str
    file_sha256: str
    length: int = Field(ge=0)
    text: str = Field(
        default="", description="Plain text the mention offsets refer to (markup removed)."
    )
    format: str = Field(default="text", description="text, markdown or html.")


#: What a claim says of its subject and object.
ClaimPredicate = Literal["member_of", "subscribes_to", "lists_party", "controls", "partners_with"]
#: Whether the official data agrees with a claim.
Agreement = Literal["agrees", "contradicts", "unknown"]


class Claim(Node):
    """A relation a document asserts (reported, not official), with its sentence as evidence."""

    LABEL = "Claim"
    INDEXED = ("predicate", "subject", "object", "agreement")

    subject: str = Field(description="Node id of the subject.", examples=["country:DK"])
    predicate: ClaimPredicate
    object: str = Field(description="Node id of the object.", examples=["regime:echri"])
    subject_text: str = ""
    object_text: str = ""
    qualifier: str = Field(default="", description="E.g. the list a party was added to.")
    sentence: str
    start: int = Field(ge=0, description="Offset of the sentence in the document text.")
    end: int = Field(ge=0)
    document: str = Field(description="Node id of the document.")
    confidence: float = Field(ge=0.0, le=1.0)
    language: str
    agreement: Agreement = Field(
        description="What the official data in the graph says about the claim."
    )
    agreement_reason: str = ""


NODE_TYPES: dict[str, type[Node]] = {
    cls.LABEL: cls
    for cls in (
        Country,
        Regime,
        CountryGroup,
        ControlList,
        ControlEntry,
        Technology,
        CodeOfConduct,
        Commitment,
        Party,
        Document,
        Claim,
        GeneralAuthorisation,
    )
}


# --- edges ---------------------------------------------------------------------------------


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


class Excludes(Edge):
    """An all-items general authorisation does not cover this entry (and its sub-entries)."""

    TYPE = "EXCLUDES"
    SOURCE_LABELS = ("GeneralAuthorisation",)
    TARGET_LABELS = ("ControlEntry",)

    written: str = Field(default="", description="The code or text as the authorisation writes it.")


class CoversEntry(Edge):
    """A listed-items general authorisation covers this entry (and its sub-entries)."""

    TYPE = "COVERS_ENTRY"
    SOURCE_LABELS = ("GeneralAuthorisation",)
    TARGET_LABELS = ("ControlEntry",)

    written: str = Field(default="", description="The code or text as the authorisation writes it.")


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

Record = Node | Edge


def node_from_record(record: NodeRecord) -> Node:
    """Typed node back from its stored row; unknown labels are an error, not a guess."""
    cls = NODE_TYPES.get(record.label)
    if cls is None:
        raise ValueError(f"unknown node label {record.label!r}")
    plain, prov = _unflatten(record.properties)
    return cls.model_validate({"id": record.id, "provenance": prov, **plain})


def edge_from_record(record: EdgeRecord) -> Edge:
    cls = EDGE_TYPES.get(record.type)
    if cls is None:
        raise ValueError(f"unknown edge type {record.type!r}")
    plain, prov = _unflatten(record.properties)
    return cls.model_validate(
        {"source": record.source, "target": record.target, "provenance": prov, **plain}
    )
