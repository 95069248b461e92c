"""Node types of the Harmonia graph, and the typed node back from its stored row."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from graph_schema.model.base import NODE_TYPES as NODE_TYPES
from graph_schema.model.base import Node, NodeRecord, _typed


class Country(Node):
    LABEL = "Country"
    INDEXED = ("iso2", "name")

    iso2: str = Field(pattern=r"^[A-Z]{2}$", examples=["FR"])
    iso3: str | None = Field(default=None, pattern=r"^[A-Z]{3}$")
    name: str = Field(examples=["France"])
    names: dict[str, str] = Field(default_factory=dict, description="Name per language code.")
    aliases: list[str] = Field(default_factory=list)


class RegimeDescription(BaseModel):
    """What a regime is: the fields the reference data writes (``ingest/reference``) and the
    graph keeps on its node."""

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


# The description first among the bases keeps the node's fields in their order (id, provenance,
# then the description's), as the stores and the schema have them.
class Regime(RegimeDescription, Node):
    LABEL = "Regime"
    INDEXED = ("short_name",)


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
ClaimPredicate = Literal[
    "member_of",
    "subscribes_to",
    "lists_party",
    "controls",
    "partners_with",
    "aligns_with",
    "sets_threshold",
]
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
    date: str = Field(
        default="",
        description="When the claimed event happened, as the sentence gives it (ISO date, "
        "year-month or year), else the document's date; empty if neither is known.",
        examples=["2021-11-03", "2019"],
    )
    parameter: Parameter | None = Field(
        default=None,
        description="The threshold a sets_threshold claim states, read as list entries' are.",
    )


def node_from_record(record: NodeRecord) -> Node:
    """Typed node back from its stored row; unknown labels are an error, not a guess."""
    keys = {"id": record.id}
    return _typed(NODE_TYPES, record.label, "node label", keys, record.properties)
