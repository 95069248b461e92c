"""What each analysis is asked: one request model per analysis, written once.

The API reads them from the query string (``Annotated[DivergenceRequest, Query()]``: every field
becomes a query parameter with its bounds and description), the CLI and the notebook client build
them with :func:`build`, and the analyses read their fields. A filter added here is a query
parameter, a validated Python argument and an analysis input at once. Paging (``limit``,
``offset``) is not part of a request: every analysis takes it beside the request.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from graph_schema.model import Agreement, ClaimPredicate
from queries.errors import InvalidQuery
from queries.views import ChangeKind, CoverageStatus, DivergenceKind

#: The most jurisdictions one comparison names (divergences, the dashboard's matrix, exports).
MAX_JURISDICTIONS = 12

Verdict = Literal["both", "review", "only"]
#: Name-match scores (0-100) from which two party names are one party, or a possible match.
MATCH_SCORE = 95.0
REVIEW_SCORE = 85.0
CommitmentStatus = Literal["gap", "controlled", "no-list-held", "no-dual-use-list-held"]
#: The languages documents are read in.
Language = Literal["ar", "en", "fr"]
Numbering = Literal["wassenaar", "munitions", "eccn", "uk-national", "scomet"]

#: A list edition's id, as the graph writes it.
LIST_ID = r"^list:[a-z0-9:-]+$"

# --- filters several analyses share -----------------------------------------------------------

Category = Annotated[
    str | None,
    Field(
        max_length=4,
        pattern=r"^(?:[0-9]|[Mm][Ll][0-9]{1,2})$",
        description="Category: 0-9 (dual-use) or ML1-ML22 (munitions).",
        examples=["5"],
    ),
]
CodePrefix = Annotated[
    str | None,
    Field(
        max_length=40,
        description="Code or code prefix in any numbering: 5A001, 5.A.1.j, 5A.",
        examples=["5A001.j"],
    ),
]
Technology = Annotated[
    str | None,
    Field(
        max_length=100,
        description="Technology id, or a label in English, French or Arabic.",
        examples=["intrusion software"],
    ),
]
JurisdictionName = Annotated[str, Field(min_length=2, max_length=100)]
Members = Annotated[
    list[Annotated[str, Field(max_length=100)]] | None,
    Field(max_length=50, description="Only these members (or EU)."),
]


class Request(BaseModel):
    # Unknown query parameters are ignored, as FastAPI does for plain parameters.
    model_config = ConfigDict(frozen=True)


R = TypeVar("R", bound=Request)


def build(model: type[R], **values: Any) -> R:
    """A request from Python arguments (CLI, client), its errors said as :class:`InvalidQuery`
    naming the parameter, its value and what it accepts."""
    try:
        return model(**values)
    except ValidationError as exc:
        first = exc.errors()[0]
        name = ".".join(str(p) for p in first["loc"] if not isinstance(p, int)) or "request"
        field = model.model_fields.get(str(first["loc"][0])) if first["loc"] else None
        said = f" ({field.description})" if field is not None and field.description else ""
        raise InvalidQuery(f"{name} {first.get('input')!r}: {first['msg']}{said}") from exc


# --- one model per analysis ---------------------------------------------------------------------


class DivergenceRequest(Request):
    """Where the controls of two or more jurisdictions diverge."""

    jurisdiction: list[JurisdictionName] = Field(
        min_length=2,
        max_length=MAX_JURISDICTIONS,
        description=(
            "Two or more jurisdictions, repeated: a country code (US), EU, or a regime (wassenaar)."
        ),
        examples=[["US", "EU"]],
    )
    category: Category = None
    technology: Technology = None
    code_prefix: CodePrefix = None
    kind: list[DivergenceKind] | None = Field(
        default=None, max_length=7, description="Only rows of these kinds."
    )
    include_agreements: bool = Field(
        default=False, description="Also list the entries they all control alike."
    )
    lang: Language = Field(
        default="en",
        description="Language of each row's reason_said: fr or ar rebuild the English reason in "
        "that language from the row's fields (null where they cannot); en leaves it null. The "
        "English reason is always given; the CSV export adds a reason_said column in that "
        "language.",
        examples=["fr"],
    )


class CoverageRequest(Request):
    """Who implements each entry of a regime list, and how."""

    list_id: str | None = Field(
        default=None,
        max_length=100,
        pattern=LIST_ID,
        description="Regime list edition; the newest Wassenaar list when omitted.",
        examples=["list:wassenaar:2025"],
    )
    category: Category = None
    code_prefix: CodePrefix = None
    technology: Technology = None
    jurisdiction: Members = None
    status: list[CoverageStatus] | None = Field(
        default=None,
        max_length=11,
        description="Only entries some member has with these statuses.",
    )


class ChangesRequest(Request):
    """Entries added, removed and changed between two editions of one list."""

    after: str = Field(
        max_length=100,
        pattern=LIST_ID,
        description="The newer edition.",
        examples=["list:wassenaar:2025"],
    )
    before: str | None = Field(
        default=None,
        max_length=100,
        pattern=LIST_ID,
        description="The older edition; the one held just before 'after' when omitted.",
    )
    category: Category = None
    code_prefix: CodePrefix = None
    change: list[ChangeKind] | None = Field(
        default=None, max_length=4, description="Only these kinds of change."
    )


class SearchRequest(Request):
    """Entries by code (any numbering) or by words (English, French, Arabic)."""

    q: str = Field(
        min_length=1,
        max_length=200,
        description=(
            "A code in any numbering (5.A.1.j, 5A001.j, ML10, PL5001; SCOMET 8A501 with "
            "system=scomet) or words; French and Arabic words match the technology labels."
        ),
        examples=["5.A.1.j"],
    )
    mode: Literal["auto", "code", "words"] = Field(
        default="auto", description="auto: a code if it reads as one."
    )
    system: Numbering | None = Field(
        default=None, description="Numbering of the code, needed for SCOMET."
    )
    list_id: str | None = Field(
        default=None, max_length=100, pattern=LIST_ID, description="Only this list."
    )
    editions: Literal["current", "all"] = Field(
        default="current",
        description=(
            "current: the newest edition of every list held; all: every edition held, older "
            "ones too (slower). A list_id names its edition whatever this says."
        ),
    )


class RegimeGapsRequest(Request):
    """Members whose lists lack a regime's entries (the regime is named in the path)."""

    category: Category = None
    code_prefix: CodePrefix = None
    technology: Technology = None
    include_lag: bool = Field(
        default=True, description="Include entries absent from editions older than the regime's."
    )


class CommitmentGapsRequest(Request):
    """Subscribers of a code of conduct (named in the path) with no control on a technology it
    addresses."""

    technology: Technology = None
    country: list[Annotated[str, Field(max_length=20)]] | None = Field(
        default=None, max_length=50, description="Only these subscribers."
    )
    status: list[CommitmentStatus] | None = Field(
        default=None, max_length=4, description="Only rows with these statuses."
    )


class PartyGapsRequest(Request):
    """Partners that do not list a party one of them lists."""

    name: str = Field(
        min_length=2, max_length=200, description="Party name (fuzzy).", examples=["NSO Group"]
    )
    partner: list[Annotated[str, Field(max_length=100)]] | None = Field(
        default=None,
        max_length=50,
        description="Partner countries, or a regime/initiative for its members (default echri).",
    )
    min_score: float = Field(default=85, ge=50, le=100, description="Fuzzy score cut-off.")


class PartyListGapsRequest(Request):
    """Parties one issuer lists and another does not, both ways, matched by name."""

    model_config = ConfigDict(frozen=True, populate_by_name=True)

    issuer: list[Annotated[str, Field(max_length=100)]] = Field(
        min_length=2,
        max_length=2,
        description="The two issuers whose party lists are compared.",
        examples=[["US", "JP"]],
    )
    listed_by: str | None = Field(
        default=None,
        max_length=100,
        description="Only the parties of this one of the two issuers.",
    )
    verdict: list[Verdict] | None = Field(
        default=None,
        max_length=3,
        description="Only rows with these verdicts: both (listed by both), review (a possible "
        "match), only (listed by one issuer only).",
    )
    list_name: list[Annotated[str, Field(max_length=200)]] | None = Field(
        default=None,
        alias="list",
        max_length=20,
        description="Compare only the lists whose names contain these words, e.g. 'Entity "
        "List' (an issuer with no such list keeps all its lists).",
    )
    country: str | None = Field(
        default=None,
        min_length=2,
        max_length=2,
        description="Only parties with this country (ISO alpha-2).",
        examples=["IR"],
    )
    kind: list[Annotated[str, Field(max_length=50)]] | None = Field(
        default=None,
        max_length=10,
        description="Only parties of these kinds (entity, individual...).",
    )
    match_score: float = Field(
        default=MATCH_SCORE, ge=50, le=100, description="Score from which two names are one party."
    )
    review_score: float = Field(
        default=REVIEW_SCORE,
        ge=50,
        le=100,
        description="Score from which a name is a possible match.",
    )


class AuthorisationsRequest(Request):
    """Which general export authorisations cover an export."""

    code: str = Field(
        min_length=2,
        max_length=40,
        pattern=r"^[A-Za-z0-9. ()]+$",
        description="Control code of the item, in the issuer's numbering or Wassenaar's.",
        examples=["5A001.j"],
    )
    destination: str = Field(
        min_length=2,
        max_length=60,
        description="Destination country: ISO code or name.",
        examples=["JP"],
    )
    issuer: str = Field(
        default="EU",
        min_length=2,
        max_length=60,
        description="Whose authorisations: EU (Union General Export Authorisations).",
    )


class MatrixRequest(Request):
    """The dashboard's coverage matrix: categories or technologies x jurisdictions."""

    jurisdiction: list[JurisdictionName] = Field(
        min_length=1,
        max_length=MAX_JURISDICTIONS,
        description="Jurisdictions (columns), repeated: a country code, EU, or a regime.",
        examples=[["US", "EU", "wassenaar"]],
    )
    by: Literal["category", "technology"] = Field(
        default="category", description="Rows: categories or technologies."
    )


class SubgraphRequest(Request):
    """The part of the graph an export keeps (everything without a filter)."""

    jurisdiction: list[JurisdictionName] | None = Field(
        default=None,
        max_length=MAX_JURISDICTIONS,
        description="Only the part about these jurisdictions.",
    )
    technology: Technology = None
    category: Category = None


class EntriesRequest(Request):
    """Entries of one list edition (named in the path), filtered."""

    category: Category = None
    code_prefix: CodePrefix = None
    technology: Technology = None


class ClaimsRequest(Request):
    """Claims made by documents, filtered (a country, initiative or technology: either side)."""

    country: str | None = Field(
        default=None,
        pattern=r"^(country:)?[A-Za-z]{2}$",
        description="ISO code; either side.",
        examples=["DK"],
    )
    initiative: str | None = Field(
        default=None,
        max_length=100,
        description="Regime or initiative id (its codes count too).",
        examples=["echri"],
    )
    technology: str | None = Field(
        default=None, max_length=100, description="Technology id.", examples=["spyware"]
    )
    agreement: Agreement | None = Field(
        default=None, description="Agreement with the official data in the graph."
    )
    predicate: ClaimPredicate | None = Field(default=None, description="Kind of claim.")
    language: Language | None = Field(default=None, description="Only documents in this language.")


class BriefPartsRequest(Request):
    """What every brief may be narrowed to, and how long its parts are."""

    category: Category = None
    technology: Technology = None
    items: int = Field(
        default=50, ge=1, le=500, description="Points listed at most per part of the agenda."
    )


#: The language of a brief's text forms (Markdown, page, PDF).
BriefLanguage = Annotated[
    Language,
    Field(
        description="Language of the headings, table headers and generated sentences: en, fr "
        "or ar. List texts stay in their own language (English) and say so.",
        examples=["fr"],
    ),
]


class BriefPartsTextRequest(BriefPartsRequest):
    """A pair or group brief as text: what it is narrowed to, and the language it is written in."""

    lang: BriefLanguage = "en"


class BriefRequest(BriefPartsRequest):
    """A harmonisation brief: what it would take one jurisdiction (named in the path) to
    converge with a reference."""

    against: str = Field(
        default="wassenaar",
        min_length=2,
        max_length=100,
        description="The reference: the Wassenaar Arrangement, or another jurisdiction (then "
        "the pair brief, as /briefs/pairs serves it).",
        examples=["wassenaar"],
    )


class BriefTextRequest(BriefRequest):
    """A brief as text (Markdown, page, PDF): the brief, and the language it is written in."""

    lang: BriefLanguage = "en"
