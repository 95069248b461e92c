"""Read models of changes between editions, authorisations, search hits, entries and lists, and
a country's controls."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from queries.views.base import Page, View
from queries.views.comparison import EditionRef, EntryRef, JurisdictionCoverage, ParameterView

ChangeKind = Literal["added", "removed", "renumbered", "changed"]


class EntryChange(View):
    change: ChangeKind = Field(
        description="added / removed: in one edition only; renumbered: the same entry (same "
        "text) under another code; changed: same code, other text or fields."
    )
    canonical: str = Field(description="Canonical code of the entry.", examples=["5A001.j"])
    before: EntryRef | None = Field(default=None, description="The entry in the older edition.")
    after: EntryRef | None = Field(default=None, description="The entry in the newer edition.")
    fields: list[str] = Field(default_factory=list, description="Fields that changed.")
    diff: list[str] = Field(default_factory=list, description="Unified diff of the text.")
    similarity: float | None = Field(
        default=None, description="Text similarity of the two versions, 0..1."
    )
    thresholds: Literal["same", "stricter", "looser", "different-parameters"] | None = Field(
        default=None,
        description="The newer edition's thresholds against the older's: stricter = it "
        "controls more. None when no pair of thresholds could be compared.",
    )
    threshold_notes: list[str] = Field(
        default_factory=list, description="Each threshold compared, in words."
    )
    reason: str = Field(description="The change summed up in one sentence.")


class ChangeReport(Page[EntryChange]):
    before: EditionRef = Field(description="The older edition.")
    after: EditionRef = Field(description="The newer edition.")
    counts: dict[str, int] = Field(description="Changes per kind, over all pages.")
    categories: dict[str, dict[str, int]] = Field(
        default_factory=dict,
        description="Changes per category of the entry ('' when it has none), then per kind, "
        "over all pages.",
        examples=[{"5": {"added": 2, "changed": 14}}],
    )
    filters: dict[str, str] = Field(
        description="Filters applied, by parameter name.", default_factory=dict
    )


class AuthorisationVerdict(View):
    code: str = Field(description="The authorisation's code.", examples=["EU001"])
    title: str = Field(description="Its title as the regulation writes it.")
    applies: bool = Field(
        description="Whether the export may use it, as far as its items and destinations go."
    )
    reason: str = Field(description="Why it applies or not, in one sentence.")
    by: list[str] = Field(
        default_factory=list,
        description="Entry ids that decided it: the excluding or covering entry.",
    )


class AuthorisationReport(View):
    entry: EntryRef = Field(description="The entry exported, in the issuer's current list.")
    destination: str = Field(description="Destination country node id.", examples=["country:JP"])
    destination_name: str = Field(description="Destination country name.", examples=["Japan"])
    authorisations: list[AuthorisationVerdict] = Field(
        description="Every general authorisation of the issuer, those that apply first."
    )
    notes: list[str] = Field(default_factory=list, description="Caveats about the answer.")


class TimelineStep(View):
    edition: EditionRef = Field(description="One edition of the list, oldest first.")
    entry: EntryRef | None = Field(
        default=None, description="The entry in this edition; null when the edition lacks it."
    )
    change: Literal["first-held", "unchanged", "changed", "renumbered", "added", "absent"] = Field(
        description="Against the previous edition: first-held (the oldest edition held "
        "has it), added, unchanged, changed, renumbered, or absent (not in this edition)."
    )
    thresholds: str | None = Field(
        default=None, description="Threshold change against the previous edition, if any."
    )
    reason: str = Field(description="What the step shows, in one sentence.")


class EntryTimeline(View):
    entry: EntryRef = Field(description="The entry asked about.")
    series: str = Field(description="The list, whatever its edition.", examples=["wassenaar"])
    steps: list[TimelineStep] = Field(description="Every edition held of its list, oldest first.")


class EntryHit(View):
    entry: EntryRef = Field(description="The entry found.")
    edition: EditionRef = Field(description="The edition holding it.")
    match: Literal["code", "counterpart", "words", "technology"] = Field(
        description="What matched: code, counterpart, words or technology."
    )
    score: float = Field(description="0..100; exact code matches score 100.")
    reason: str = Field(description="Why it matched, in one sentence.")


class QueryReading(View):
    """How a search query was read, in fields (``interpreted_as`` says it in English)."""

    kind: Literal["code", "words"] = Field(description="Read as a control code, or as words.")
    system: str | None = Field(default=None, description="The code's numbering.")
    code: str | None = Field(default=None, description="The code as written.")
    canonical: str | None = Field(default=None, description="The code's canonical form.")
    wassenaar: str | None = Field(
        default=None, description="The Wassenaar code the code is numbered like, where other."
    )


class SearchReport(Page[EntryHit]):
    query: str = Field(description="The query as given.")
    interpreted_as: str = Field(description="How the query was read.")
    reading: QueryReading = Field(description="How the query was read, for a page to say.")
    technologies: list[str] = Field(default_factory=list, description="Technologies matched.")


class TechnologyTag(View):
    technology: str = Field(
        description="Technology node id.", examples=["tech:ip-network-surveillance"]
    )
    name: str = Field(description="Technology name.")
    method: str = Field(description="How the tag was assigned.", examples=["code-hint"])
    matched: str = Field(default="", description="Code or words that matched.")
    score: float = Field(default=1.0, description="Confidence of the tag.")
    inherited_from: str | None = Field(default=None, description="Enclosing entry's code.")


class AlignmentView(View):
    entry: EntryRef = Field(description="The entry on the other side.")
    method: str = Field(description="How the entries were aligned.", examples=["code"])
    score: float = Field(description="Confidence of the alignment.")
    scope: str = Field(description="National scope relative to the regime's.", examples=["same"])
    similarity: float | None = Field(default=None, description="Text similarity, 0..1.")
    text_differs: bool = Field(default=False, description="Whether the texts differ.")
    evidence: str = Field(description="Why the entries were aligned.")


class OriginView(View):
    target: str = Field(
        description="Node id of the regime or country it comes from.", examples=["country:US"]
    )
    series: str = Field(
        description="Numbering series that gives its origin.", examples=["us-advanced-computing"]
    )
    unilateral: bool = Field(description="Whether it is a national control with no regime origin.")
    reason: str = Field(description="Why this origin was assigned.")
    inherited_from: str | None = Field(default=None, description="Enclosing entry's code.")


class EntryDetail(View):
    id: str = Field(description="Entry node id.")
    list_id: str = Field(description="Node id of the list edition holding it.")
    code: str = Field(description="Code as the list writes it.")
    canonical: str = Field(description="Code normalised for comparison across lists.")
    parent: str | None = Field(description="Canonical code of the enclosing entry.")
    level: int = Field(description="Depth in the list's hierarchy.")
    category: str | None = Field(description="Category of the code.")
    heading: str = Field(description="Heading of the entry.")
    text: str = Field(description="Full text of the entry.")
    notes: list[str] = Field(description="Notes the list attaches to it.")
    reasons: list[str] = Field(description="Reasons for control the list gives.")
    parameters: list[ParameterView] = Field(description="Thresholds read from the text.")
    status: str = Field(description="Entry status (active, reserved...).")
    sensitive: bool = Field(description="On the sensitive list.")
    very_sensitive: bool = Field(description="On the very sensitive list.")
    page: int | None = Field(description="Page of the source document.")
    edition: EditionRef = Field(description="The edition holding it.")
    children: list[str] = Field(description="Canonical codes of the sub-entries.")
    implements: list[AlignmentView] = Field(description="Regime entries it implements.")
    implemented_by: list[AlignmentView] = Field(description="National entries implementing it.")
    origin: OriginView | None = Field(
        default=None, description="Where it comes from, when it implements no regime entry."
    )
    technologies: list[TechnologyTag] = Field(
        description="Technologies it covers, own or inherited.", default_factory=list
    )


class ListSummary(EditionRef):
    source_url: str = Field(default="", description="Where the edition is published.")
    file_sha256: str = Field(default="", description="Checksum of the file ingested.")
    entries: int = Field(description="Entries in this edition.")
    current: bool = Field(description="Newest edition of its list held.")


class ListDetail(ListSummary):
    categories: dict[str, int] = Field(description="Entries per category.")
    statuses: dict[str, int] = Field(description="Entries per status.")
    origins: dict[str, int] = Field(description="Items per origin series (alignment).")
    implements: int = Field(description="Entries with an IMPLEMENTS edge.")
    other_editions: list[str] = Field(description="Other editions of the same list held.")


class RegimeComparison(View):
    regime: str = Field(description="Regime node id.", examples=["regime:wassenaar"])
    name: str = Field(description="Regime name.", examples=["Wassenaar Arrangement"])
    reference: EditionRef | None = Field(
        default=None, description="The regime list edition compared."
    )
    status: Literal["compared", "applies-directly", "no-regime-list", "no-list-held"] = Field(
        description="Whether and how its lists could be compared."
    )
    coverage: JurisdictionCoverage | None = Field(
        default=None, description="Its coverage of the regime list, when compared."
    )
    national_entries: int = Field(
        default=0, description="Its entries whose numbering says they come from this regime."
    )
    reason: str = Field(description="The result summed up in one sentence.")


class CountryControls(View):
    country: str = Field(description="Country node id.", examples=["country:IN"])
    iso2: str = Field(description="ISO 3166-1 alpha-2 code.")
    name: str = Field(description="Country name.")
    lists: list[ListSummary] = Field(description="Lists it issues, every edition held.")
    applies: list[EditionRef] = Field(description="Lists that apply (own, or the EU's).")
    via: str | None = Field(
        default=None, description="Union whose list applies (EU member states)."
    )
    unilateral_entries: int = Field(description="Unilateral items (with their sub-entries).")
    unilateral_items: list[EntryRef] = Field(
        description="Its unilateral entries.", default_factory=list
    )
    regimes: list[RegimeComparison] = Field(
        description="Comparison with each regime it belongs to."
    )
    reason: str = Field(description="The profile summed up in one sentence.")
