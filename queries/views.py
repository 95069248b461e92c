"""Read models the queries return and the API serves (documented field by field)."""

from __future__ import annotations

import datetime as dt
from datetime import date, datetime
from typing import Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field

T = TypeVar("T")


class View(BaseModel):
    model_config = ConfigDict(frozen=True)


class Page(View, Generic[T]):
    """One page of a longer result."""

    items: list[T]
    total: int = Field(description="Number of items over all pages.")
    limit: int = Field(description="Page size asked for.")
    offset: int = Field(description="Index of the first item of this page.")


class ProvenanceView(View):
    source: str = Field(description="Source id the fact comes from.", examples=["reference"])
    edition: str | None = Field(default=None, description="Edition of that source.")
    citation: str | None = Field(default=None, description="URL or section the fact cites.")
    file_sha256: str | None = Field(default=None, description="Checksum of the file read.")


class Membership(View):
    regime: str = Field(description="Regime node id.", examples=["regime:wassenaar"])
    regime_name: str = Field(examples=["Wassenaar Arrangement"])
    role: str = Field(examples=["participating state"])
    since: date | None = Field(default=None, description="Date the membership began.")
    until: date | None = Field(default=None, description="Date it ended; null if current.")
    provenance: ProvenanceView


class Subscription(View):
    code_of_conduct: str = Field(examples=["coc:echri-code-of-conduct"])
    title: str
    date: dt.date | None = Field(default=None, description="Date the country subscribed.")
    role: str
    provenance: ProvenanceView


class GroupMembership(View):
    group: str = Field(description="Country group node id.", examples=["group:us:A:1"])
    issuer: str = Field(description="Node id of the issuer defining the group.")
    code: str = Field(examples=["A:1"])
    name: str
    provenance: ProvenanceView


class CountrySummary(View):
    id: str = Field(examples=["country:FR"])
    iso2: str = Field(examples=["FR"])
    name: str = Field(examples=["France"])
    names: dict[str, str] = Field(description="Name per language (en, fr, ar).")
    regimes: list[str] = Field(description="Ids of regimes it currently belongs to.")


class CountryDetail(CountrySummary):
    memberships: list[Membership] = Field(description="All memberships, past ones included.")
    subscriptions: list[Subscription] = Field(description="Codes of conduct it subscribes to.")
    groups: list[GroupMembership] = Field(description="Country groups other issuers put it in.")
    lists: list[str] = Field(description="Ids of the control-list editions it issues.")


class RegimeSummary(View):
    id: str = Field(examples=["regime:wassenaar"])
    short_name: str = Field(examples=["Wassenaar Arrangement"])
    name: str
    kind: str = Field(description="regime, union, initiative, forum or treaty.")
    established: date | None = None
    url: str | None = None
    member_count: int = Field(description="Current members.")
    names: dict[str, str] = Field(description="Name per language (en, fr, ar).")


class RegimeMember(View):
    country: str = Field(examples=["country:IN"])
    iso2: str
    name: str
    role: str
    since: date | None = None
    until: date | None = None
    provenance: ProvenanceView


class RegimeDetail(RegimeSummary):
    description: str
    members: list[RegimeMember] = Field(description="Members, former ones with 'until' set.")
    codes_of_conduct: list[str] = Field(description="Ids of codes of conduct it established.")


class TechnologyView(View):
    id: str = Field(examples=["tech:intrusion-software"])
    name: str = Field(examples=["Intrusion software"])
    labels: dict[str, str] = Field(description="Label per language (en, fr, ar).")
    synonyms: dict[str, list[str]] = Field(description="Other phrases per language.")
    parent: str | None = Field(default=None, description="Id of the broader technology.")
    description: str
    code_hints: list[str] = Field(description="Control codes known to cover it.")


class SourceView(View):
    key: str = Field(
        description="'<source id>@<edition>'.", examples=["us-country-groups@2026-07-23"]
    )
    source_id: str
    edition: str
    title: str
    issuer: str | None = Field(default=None, description="Node id of the issuer.")
    official_url: str | None = None
    file_sha256: str | None = Field(default=None, description="Checksum of the file ingested.")
    ingested_at: datetime
    node_count: int
    edge_count: int


class Health(View):
    status: str = Field(examples=["ok"])
    backend: str = Field(examples=["embedded"])
    revision: int = Field(description="Store revision; changes with every ingest.")
    counts: dict[str, int] = Field(description="Nodes per label and edges per type.")


# --- analyses: coverage, divergences, gaps, changes, search, profiles ------------------------
# Every row an analysis returns carries its evidence: the list editions compared, the entries on
# each side (code and a text excerpt) and a one-sentence ``reason`` saying why it is reported.

CoverageStatus = Literal[
    "same",
    "broader",
    "narrower",
    "different-parameters",
    "implemented",
    "via-parent",
    "partial",
    "not-implemented",
    "not-in-edition-held",
    "no-comparable-list",
    "no-list-held",
]
STATUS_HELP = (
    "How the jurisdiction's lists control the regime entry. same / broader / narrower / "
    "different-parameters: implemented, with the national scope relative to the regime's "
    "(broader = controls more); implemented: matched, scope not established; via-parent: "
    "covered by the national entry for an enclosing code, which the list held does not itemise "
    "further; partial: only some sub-entries are controlled; not-implemented: absent from a "
    "list as recent as the regime's; not-in-edition-held: absent from a national edition older "
    "than the regime's (it may be newer than that edition); no-comparable-list: no list of that "
    "kind (dual-use or munitions) is held for it; no-list-held: no control list of it is in "
    "the graph."
)


class EditionRef(View):
    """One edition of one list: what was compared."""

    list_id: str = Field(examples=["list:eu:2021"])
    issuer: str = Field(examples=["regime:eu"])
    title: str
    edition: str = Field(examples=["2021"])
    edition_date: date = Field(examples=["2021-05-20"])
    numbering: str = Field(description="Code system of the list.", examples=["eccn"])


class ParameterView(View):
    quantity: str = Field(examples=["mass"])
    comparator: str = Field(examples=[">"])
    value: float = Field(examples=[10.0])
    unit: str = Field(examples=["kg"])
    text: str = Field(examples=["exceeding 10 kg"])


class EntryRef(View):
    """An entry as evidence: its code, a text excerpt, its thresholds."""

    id: str = Field(examples=["entry:eu:2021:5A001.j"])
    list_id: str = Field(examples=["list:eu:2021"])
    code: str = Field(description="As the list writes it.", examples=["5A001.j"])
    canonical: str = Field(examples=["5A001.j"])
    category: str | None = Field(default=None, examples=["5"])
    text: str = Field(description="Heading and text, shortened to about 280 characters.")
    status: str = Field(default="active", examples=["active"])
    parameters: list[ParameterView] = Field(default_factory=list)


class JurisdictionView(View):
    key: str = Field(examples=["EU"])
    node: str = Field(examples=["regime:eu"])
    name: str = Field(examples=["European Union"])
    kind: str = Field(description="country, union, regime...", examples=["union"])
    lists: list[EditionRef] = Field(description="Newest edition of each list it applies.")
    via: str | None = Field(
        default=None, description="Union whose list applies (EU member states).", examples=[None]
    )


class Implementation(View):
    """How one jurisdiction (or the EU for its members) implements one regime entry."""

    jurisdiction: str = Field(examples=["EU"])
    countries: list[str] = Field(
        default_factory=list,
        description="Regime members this jurisdiction's lists stand for.",
        examples=[["AT", "BE"]],
    )
    status: CoverageStatus = Field(description=STATUS_HELP)
    entries: list[EntryRef] = Field(default_factory=list, description="The national entries.")
    editions: list[EditionRef] = Field(default_factory=list)
    similarity: float | None = Field(default=None, description="Text similarity, 0..1.")
    evidence: list[str] = Field(
        default_factory=list, description="The alignment's evidence (method, thresholds)."
    )


class CoverageRow(View):
    entry: EntryRef = Field(description="The regime entry.")
    technologies: list[str] = Field(default_factory=list, examples=[["tech:spyware"]])
    implementations: list[Implementation]
    implemented_by: list[str] = Field(examples=[["EU", "IN", "NO", "US"]])
    not_implemented_by: list[str] = Field(examples=[["GB"]])
    reason: str


class JurisdictionCoverage(View):
    jurisdiction: str = Field(examples=["IN"])
    countries: list[str] = Field(default_factory=list)
    editions: list[EditionRef] = Field(default_factory=list)
    counts: dict[str, int] = Field(description="Regime entries per status.")
    comparable: int = Field(description="Entries its lists can hold (dual-use / munitions).")
    controlled: int = Field(description="Entries controlled (implemented, via-parent, partial).")
    percent: float | None = Field(description="controlled / comparable, in percent.")
    reason: str


class CoverageReport(Page[CoverageRow]):
    """Who implements each entry of a regime list, and how."""

    edition: EditionRef = Field(description="The regime list edition.")
    regime: str = Field(examples=["regime:wassenaar"])
    jurisdictions: list[JurisdictionCoverage]
    members_without_list: list[str] = Field(
        description="Current members of the regime with no control list in the graph."
    )
    filters: dict[str, str] = Field(default_factory=dict)


SideStatus = Literal[
    "controls",
    "same",
    "broader",
    "narrower",
    "different-parameters",
    "implemented",
    "via-parent",
    "partial",
    "not-implemented",
    "not-in-edition-held",
    "no-comparable-list",
    "no-list-held",
]


class DivergenceSide(View):
    jurisdiction: str = Field(examples=["US"])
    status: SideStatus = Field(
        description=STATUS_HELP
        + " For national entries without a regime counterpart: controls = lists the entry; "
        "same / via-parent = lists the same code (or an enclosing one it does not itemise); "
        "not-implemented = its comparable lists have no such code."
    )
    entries: list[EntryRef] = Field(default_factory=list)
    editions: list[EditionRef] = Field(default_factory=list)
    note: str | None = Field(default=None, description="Origin or alignment evidence.")


class ParameterDifference(View):
    quantity: str = Field(examples=["mass"])
    values: dict[str, str] = Field(
        description="Threshold text per jurisdiction.",
        examples=[{"US": "exceeding 5 kg", "EU": "exceeding 10 kg"}],
    )
    stricter: str | None = Field(
        default=None, description="Jurisdiction whose threshold catches more, when comparable."
    )


DivergenceKind = Literal[
    "agreement",
    "not-implemented",
    "edition-lag",
    "scope-differs",
    "unilateral",
    "not-in-regime-list",
    "other-regime",
]


class DivergenceRow(View):
    kind: DivergenceKind = Field(
        description=(
            "not-implemented: a regime entry some control and others do not; edition-lag: the "
            "same, but the lists lacking it predate the regime edition (it may be newer than "
            "them), or a national entry the newer regime edition no longer has; scope-differs: "
            "all control it with different scope or thresholds; unilateral: a national control "
            "with no regime origin; not-in-regime-list: a national entry numbered like the "
            "Wassenaar list but absent from the regime edition held; other-regime: an entry "
            "from another regime's list (MTCR, NSG, Australia Group, CWC) that only some hold, "
            "compared by code; agreement (only when asked for): all that can hold it control "
            "it alike."
        )
    )
    code: str = Field(description="Regime code, or national code.", examples=["5.A.1.j"])
    category: str | None = Field(default=None, examples=["5"])
    regime: str | None = Field(default=None, examples=["regime:wassenaar"])
    reference: EntryRef | None = Field(default=None, description="The regime entry compared.")
    controlled_by: list[str] = Field(examples=[["US"]])
    not_controlled_by: list[str] = Field(examples=[["EU"]])
    sides: list[DivergenceSide]
    technologies: list[str] = Field(default_factory=list)
    sub_entries: int = Field(default=0, description="Sub-entries that diverge the same way.")
    parameter_differences: list[ParameterDifference] = Field(default_factory=list)
    reason: str


class DivergenceReport(Page[DivergenceRow]):
    jurisdictions: list[JurisdictionView]
    reference: EditionRef | None = Field(description="The regime edition entries align to.")
    counts: dict[str, int] = Field(description="Rows per kind, over all pages.")
    compared: int = Field(
        default=0, description="Regime entries (after filters) at least two of them can hold."
    )
    agreed: int = Field(default=0, description="Of those, entries all of them control alike.")
    filters: dict[str, str] = Field(default_factory=dict)
    notes: list[str] = Field(default_factory=list, description="Caveats about the comparison.")


class MemberGap(View):
    country: str = Field(examples=["IN"])
    name: str = Field(examples=["India"])
    jurisdiction: str = Field(description="Whose lists apply (EU for EU members).")
    editions: list[EditionRef] = Field(default_factory=list)
    status: Literal["gaps", "complete", "no-list-held", "no-comparable-list"]
    not_implemented: int = 0
    not_in_edition_held: int = 0
    percent: float | None = None
    reason: str


class RegimeGapRow(View):
    jurisdiction: str = Field(examples=["EU"])
    countries: list[str] = Field(description="Members whose controls these lists are.")
    status: CoverageStatus
    entry: EntryRef = Field(description="The regime entry missing.")
    entries: list[EntryRef] = Field(
        default_factory=list, description="Reserved national paragraphs with the same number."
    )
    editions: list[EditionRef] = Field(default_factory=list)
    technologies: list[str] = Field(default_factory=list)
    sub_entries: int = 0
    reason: str


class RegimeGapReport(Page[RegimeGapRow]):
    regime: str = Field(examples=["regime:wassenaar"])
    reference: EditionRef | None
    members: list[MemberGap]
    filters: dict[str, str] = Field(default_factory=dict)
    notes: list[str] = Field(default_factory=list)


class CommitmentGapRow(View):
    country: str = Field(examples=["FR"])
    name: str = Field(examples=["France"])
    technology: str = Field(examples=["tech:intrusion-software"])
    technology_name: str = Field(examples=["Intrusion software"])
    commitments: list[int] = Field(
        default_factory=list, description="Numbers of the commitments addressing it."
    )
    status: Literal["controlled", "gap", "no-list-held", "no-dual-use-list-held"]
    editions: list[EditionRef] = Field(default_factory=list)
    entries: list[EntryRef] = Field(
        default_factory=list, description="Entries covering the technology (the evidence)."
    )
    regime_covers: bool = Field(
        description="Whether the reference regime list itself has an entry for it."
    )
    reason: str


class CommitmentGapReport(Page[CommitmentGapRow]):
    code_of_conduct: str = Field(examples=["coc:echri-code-of-conduct"])
    title: str
    technologies: list[str]
    subscribers: int
    counts: dict[str, int] = Field(description="Rows per status, over all pages.")
    notes: list[str] = Field(default_factory=list)


class ListingView(View):
    issuer: str = Field(examples=["country:US"])
    list_name: str = Field(examples=["Entity List (EL) - Bureau of Industry and Security"])
    date: dt.date | None = None
    reason: str = ""
    citation: str = ""
    source: str = Field(default="", examples=["us-csl"])
    edition: str | None = None


class PartyView(View):
    id: str = Field(examples=["party:us-csl:cdd5894f1a93abd2"])
    name: str = Field(examples=["NSO Group"])
    kind: str = Field(examples=["entity"])
    aliases: list[str] = Field(default_factory=list)
    countries: list[str] = Field(default_factory=list, examples=[["IL"]])
    lists: list[str] = Field(default_factory=list)
    listings: list[ListingView] = Field(default_factory=list)


class PartyHit(View):
    party: PartyView
    matched: str = Field(description="The name or alias that matched.", examples=["NSO Group"])
    score: float = Field(description="Fuzzy match score, 0..100.", examples=[100.0])
    reason: str


class PartnerStatus(View):
    jurisdiction: str = Field(examples=["FR"])
    status: Literal["listed", "not-listed", "no-party-list-held"]


class PartyGapRow(View):
    party: PartyView
    matched: str
    score: float
    listed_by: list[str] = Field(examples=[["US"]])
    partners: list[PartnerStatus]
    reason: str


class PartyGapReport(Page[PartyGapRow]):
    query: str
    partners: list[str]
    party_lists_held: list[str] = Field(description="Issuers with a party list in the graph.")
    notes: list[str] = Field(default_factory=list)


class EntryChange(View):
    change: Literal["added", "removed", "changed"]
    canonical: str = Field(examples=["5A001.j"])
    before: EntryRef | None = None
    after: EntryRef | None = None
    fields: list[str] = Field(default_factory=list, description="Fields that changed.")
    diff: list[str] = Field(default_factory=list, description="Unified diff of the text.")
    reason: str


class ChangeReport(Page[EntryChange]):
    before: EditionRef
    after: EditionRef
    counts: dict[str, int]
    filters: dict[str, str] = Field(default_factory=dict)


class EntryHit(View):
    entry: EntryRef
    edition: EditionRef
    match: Literal["code", "counterpart", "words", "technology"]
    score: float = Field(description="0..100; exact code matches score 100.")
    reason: str


class SearchReport(Page[EntryHit]):
    query: str
    interpreted_as: str = Field(description="How the query was read.")
    technologies: list[str] = Field(default_factory=list, description="Technologies matched.")


class TechnologyTag(View):
    technology: str = Field(examples=["tech:ip-network-surveillance"])
    name: str
    method: str = Field(examples=["code-hint"])
    matched: str = ""
    score: float = 1.0
    inherited_from: str | None = Field(default=None, description="Enclosing entry's code.")


class AlignmentView(View):
    entry: EntryRef
    method: str = Field(examples=["code"])
    score: float
    scope: str = Field(examples=["same"])
    similarity: float | None = None
    text_differs: bool = False
    evidence: str


class OriginView(View):
    target: str = Field(examples=["country:US"])
    series: str = Field(examples=["us-advanced-computing"])
    unilateral: bool
    reason: str
    inherited_from: str | None = Field(default=None, description="Enclosing entry's code.")


class EntryDetail(View):
    id: str
    list_id: str
    code: str
    canonical: str
    parent: str | None
    level: int
    category: str | None
    heading: str
    text: str
    notes: list[str]
    reasons: list[str]
    parameters: list[ParameterView]
    status: str
    sensitive: bool
    very_sensitive: bool
    page: int | None
    edition: EditionRef
    children: list[str] = Field(description="Canonical codes of the sub-entries.")
    implements: list[AlignmentView] = Field(description="Regime entries it implements.")
    implemented_by: list[AlignmentView] = Field(description="National entries implementing it.")
    origin: OriginView | None = None
    technologies: list[TechnologyTag] = Field(default_factory=list)


class ListSummary(EditionRef):
    source_url: str = ""
    file_sha256: str = ""
    entries: int = Field(description="Entries in this edition.")
    current: bool = Field(description="Newest edition of its list held.")


class ListDetail(ListSummary):
    categories: dict[str, int] = Field(description="Entries per category.")
    statuses: dict[str, int] = Field(description="Entries per status.")
    origins: dict[str, int] = Field(description="Items per origin series (alignment).")
    implements: int = Field(description="Entries with an IMPLEMENTS edge.")
    other_editions: list[str] = Field(description="Other editions of the same list held.")


class RegimeComparison(View):
    regime: str = Field(examples=["regime:wassenaar"])
    name: str = Field(examples=["Wassenaar Arrangement"])
    reference: EditionRef | None = None
    status: Literal["compared", "applies-directly", "no-regime-list", "no-list-held"]
    coverage: JurisdictionCoverage | None = None
    national_entries: int = Field(
        default=0, description="Its entries whose numbering says they come from this regime."
    )
    reason: str


class CountryControls(View):
    country: str = Field(examples=["country:IN"])
    iso2: str
    name: str
    lists: list[ListSummary] = Field(description="Lists it issues, every edition held.")
    applies: list[EditionRef] = Field(description="Lists that apply (own, or the EU's).")
    via: str | None = None
    unilateral_entries: int = Field(description="Unilateral items (with their sub-entries).")
    unilateral_items: list[EntryRef] = Field(default_factory=list)
    regimes: list[RegimeComparison]
    reason: str
