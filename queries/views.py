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

    items: list[T] = Field(description="The items of this page.")
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
    regime_name: str = Field(
        description="Short name of the regime.", examples=["Wassenaar Arrangement"]
    )
    role: str = Field(description="Role the country holds in it.", examples=["participating state"])
    since: date | None = Field(default=None, description="Date the membership began.")
    until: date | None = Field(default=None, description="Date it ended; null if current.")
    provenance: ProvenanceView = Field(description="Where the membership fact comes from.")


class Subscription(View):
    code_of_conduct: str = Field(
        description="Code of conduct node id.", examples=["coc:echri-code-of-conduct"]
    )
    title: str = Field(description="Title of the code of conduct.")
    date: dt.date | None = Field(default=None, description="Date the country subscribed.")
    role: str = Field(description="Role the country holds under it.")
    provenance: ProvenanceView = Field(description="Where the subscription fact comes from.")


class GroupMembership(View):
    group: str = Field(description="Country group node id.", examples=["group:us:A:1"])
    issuer: str = Field(description="Node id of the issuer defining the group.")
    code: str = Field(description="Group code in the issuer's scheme.", examples=["A:1"])
    name: str = Field(description="Name of the group.")
    provenance: ProvenanceView = Field(description="Where the grouping fact comes from.")


class CountrySummary(View):
    id: str = Field(description="Country node id.", examples=["country:FR"])
    iso2: str = Field(description="ISO 3166-1 alpha-2 code.", examples=["FR"])
    name: str = Field(description="English name.", examples=["France"])
    names: dict[str, str] = Field(description="Name per language (en, fr, ar).")
    regimes: list[str] = Field(description="Ids of regimes it currently belongs to.")


class CountryDetail(CountrySummary):
    memberships: list[Membership] = Field(description="All memberships, past ones included.")
    subscriptions: list[Subscription] = Field(description="Codes of conduct it subscribes to.")
    groups: list[GroupMembership] = Field(description="Country groups other issuers put it in.")
    lists: list[str] = Field(description="Ids of the control-list editions it issues.")


class RegimeSummary(View):
    id: str = Field(description="Regime node id.", examples=["regime:wassenaar"])
    short_name: str = Field(description="Short name.", examples=["Wassenaar Arrangement"])
    name: str = Field(description="Full name.")
    kind: str = Field(description="regime, union, initiative, forum or treaty.")
    established: date | None = Field(default=None, description="Date it was established.")
    url: str | None = Field(default=None, description="Official website.")
    member_count: int = Field(description="Current members.")
    names: dict[str, str] = Field(description="Name per language (en, fr, ar).")


class RegimeMember(View):
    country: str = Field(description="Country node id.", examples=["country:IN"])
    iso2: str = Field(description="ISO 3166-1 alpha-2 code.")
    name: str = Field(description="Country name.")
    role: str = Field(description="Role in the regime.")
    since: date | None = Field(default=None, description="Date the membership began.")
    until: date | None = Field(default=None, description="Date it ended; null if current.")
    provenance: ProvenanceView = Field(description="Where the membership fact comes from.")


class RegimeDetail(RegimeSummary):
    description: str = Field(description="Short description of the regime.")
    members: list[RegimeMember] = Field(description="Members, former ones with 'until' set.")
    codes_of_conduct: list[str] = Field(description="Ids of codes of conduct it established.")


class TechnologyView(View):
    id: str = Field(description="Technology node id.", examples=["tech:intrusion-software"])
    name: str = Field(description="English label.", examples=["Intrusion software"])
    labels: dict[str, str] = Field(description="Label per language (en, fr, ar).")
    synonyms: dict[str, list[str]] = Field(description="Other phrases per language.")
    parent: str | None = Field(default=None, description="Id of the broader technology.")
    description: str = Field(description="What the technology is.")
    code_hints: list[str] = Field(description="Control codes known to cover it.")


class SourceView(View):
    key: str = Field(
        description="'<source id>@<edition>'.", examples=["us-country-groups@2026-07-23"]
    )
    source_id: str = Field(description="Id of the source.")
    edition: str = Field(description="Edition of the source ingested.")
    title: str = Field(description="Title of the source.")
    issuer: str | None = Field(default=None, description="Node id of the issuer.")
    official_url: str | None = Field(default=None, description="Where the source is published.")
    file_sha256: str | None = Field(default=None, description="Checksum of the file ingested.")
    ingested_at: datetime = Field(description="When this edition was ingested.")
    node_count: int = Field(description="Nodes this source edition put in the graph.")
    edge_count: int = Field(description="Edges this source edition put in the graph.")


class Health(View):
    status: Literal["ok", "starting", "stale"] = Field(
        description="'ok' when answers come from the latest graph read; 'starting' while the "
        "first read is built; 'stale' when reading a newer revision failed (see error).",
        examples=["ok"],
    )
    backend: str = Field(description="Store backend: embedded or neo4j.", examples=["embedded"])
    revision: int | None = Field(
        description="Revision of the graph answers come from; changes with every ingest "
        "(null while starting)."
    )
    counts: dict[str, int] = Field(description="Nodes per label and edges per type.")
    error: str | None = Field(
        default=None, description="Why the graph served is stale, when it is."
    )
    derived: Literal["current", "stale", "rebuilding", "unknown"] = Field(
        default="unknown",
        description="The derived alignment of the graph served: 'current' when it was derived "
        "from the sources and the code the graph now holds; 'stale' when not (an ingest was "
        "stopped before it, or Harmonia changed) and it could not be rebuilt (see error); "
        "'rebuilding' while the server rebuilds it (answers come from the stale graph until "
        "then); 'unknown' while starting.",
        examples=["current"],
    )


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
    "no-match-found",
    "not-held-in-copy",
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
    "the graph; no-match-found: an entry of a regime annex (MTCR, NSG), matched by content "
    "only, for which no national entry with the same content was found (not a claim of "
    "absence); not-held-in-copy: the copy of the national list held skips this paragraph "
    "while holding later ones under the same entry, so the copy is incomplete there (the US CCL "
    "JSON drops paragraphs): unknown, not absent."
)


class EditionRef(View):
    """One edition of one list: what was compared."""

    list_id: str = Field(description="Node id of the list edition.", examples=["list:eu:2021"])
    issuer: str = Field(
        description="Node id of the issuing country, union or regime.", examples=["regime:eu"]
    )
    title: str = Field(description="Title of the list.")
    edition: str = Field(description="Edition label.", examples=["2021"])
    edition_date: date = Field(description="Date of the edition.", examples=["2021-05-20"])
    numbering: str = Field(description="Code system of the list.", examples=["eccn"])


class ParameterView(View):
    quantity: str = Field(description="Quantity the threshold bounds.", examples=["mass"])
    comparator: str = Field(description="Comparison operator.", examples=[">"])
    value: float = Field(description="Threshold value, in unit.", examples=[10.0])
    unit: str = Field(description="Unit of the value.", examples=["kg"])
    text: str = Field(
        description="The threshold as the list words it.", examples=["exceeding 10 kg"]
    )


class EntryRef(View):
    """An entry as evidence: its code, a text excerpt, its thresholds."""

    id: str = Field(description="Entry node id.", examples=["entry:eu:2021:5A001.j"])
    list_id: str = Field(
        description="Node id of the list edition holding it.", examples=["list:eu:2021"]
    )
    code: str = Field(description="As the list writes it.", examples=["5A001.j"])
    canonical: str = Field(
        description="Code normalised for comparison across lists.", examples=["5A001.j"]
    )
    category: str | None = Field(description="Category of the code.", default=None, examples=["5"])
    text: str = Field(description="Heading and text, shortened to about 280 characters.")
    status: str = Field(
        description="Entry status (active, reserved...).", default="active", examples=["active"]
    )
    parameters: list[ParameterView] = Field(
        description="Thresholds read from the text.", default_factory=list
    )


class JurisdictionView(View):
    key: str = Field(description="Jurisdiction key: ISO2 code, or EU.", examples=["EU"])
    node: str = Field(description="Node id of the jurisdiction.", examples=["regime:eu"])
    name: str = Field(description="Name of the jurisdiction.", examples=["European Union"])
    kind: str = Field(description="country, union, regime...", examples=["union"])
    lists: list[EditionRef] = Field(description="Newest edition of each list it applies.")
    via: str | None = Field(
        default=None, description="Union whose list applies (EU member states).", examples=[None]
    )


class Implementation(View):
    """How one jurisdiction (or the EU for its members) implements one regime entry."""

    jurisdiction: str = Field(description="Jurisdiction key: ISO2 code, or EU.", examples=["EU"])
    countries: list[str] = Field(
        default_factory=list,
        description="Regime members this jurisdiction's lists stand for.",
        examples=[["AT", "BE"]],
    )
    status: CoverageStatus = Field(description=STATUS_HELP)
    entries: list[EntryRef] = Field(default_factory=list, description="The national entries.")
    editions: list[EditionRef] = Field(
        description="National list editions compared.", default_factory=list
    )
    similarity: float | None = Field(default=None, description="Text similarity, 0..1.")
    evidence: list[str] = Field(
        default_factory=list, description="The alignment's evidence (method, thresholds)."
    )


class CoverageRow(View):
    entry: EntryRef = Field(description="The regime entry.")
    technologies: list[str] = Field(
        description="Technologies the entry covers.",
        default_factory=list,
        examples=[["tech:spyware"]],
    )
    implementations: list[Implementation] = Field(
        description="How each jurisdiction implements it."
    )
    implemented_by: list[str] = Field(
        description="Jurisdictions that control it.", examples=[["EU", "IN", "NO", "US"]]
    )
    not_implemented_by: list[str] = Field(
        description="Jurisdictions whose comparable lists lack it.", examples=[["GB"]]
    )
    reason: str = Field(description="Why the row is reported, in one sentence.")


class JurisdictionCoverage(View):
    jurisdiction: str = Field(description="Jurisdiction key: ISO2 code, or EU.", examples=["IN"])
    countries: list[str] = Field(
        description="Regime members its lists stand for.", default_factory=list
    )
    editions: list[EditionRef] = Field(
        description="Its list editions compared.", default_factory=list
    )
    counts: dict[str, int] = Field(description="Regime entries per status.")
    comparable: int = Field(description="Entries its lists can hold (dual-use / munitions).")
    controlled: int = Field(description="Entries controlled (implemented, via-parent, partial).")
    percent: float | None = Field(description="controlled / comparable, in percent.")
    reason: str = Field(description="The coverage summed up in one sentence.")


class CoverageReport(Page[CoverageRow]):
    """Who implements each entry of a regime list, and how."""

    edition: EditionRef = Field(description="The regime list edition.")
    regime: str = Field(description="Regime node id.", examples=["regime:wassenaar"])
    jurisdictions: list[JurisdictionCoverage] = Field(
        description="Coverage summary per jurisdiction."
    )
    members_without_list: list[str] = Field(
        description="Current members of the regime with no control list in the graph."
    )
    filters: dict[str, str] = Field(
        description="Filters applied, by parameter name.", default_factory=dict
    )


SideStatus = Literal[
    "controls",
    "same",
    "other-bounds",
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
    "no-match-found",
    "not-held-in-copy",
]


class DivergenceSide(View):
    jurisdiction: str = Field(description="Jurisdiction key: ISO2 code, or EU.", examples=["US"])
    status: SideStatus = Field(
        description=STATUS_HELP
        + " For national entries without a regime counterpart: controls = lists the entry; "
        "same / via-parent = lists the same code (or an enclosing one it does not itemise); "
        "other-bounds = lists the same control, outside the regimes, with other bounds (US "
        "3A090.a at a TPP of 4800, EU 3A501.a.16 at 6000); "
        "not-implemented = its comparable lists have no such code."
    )
    entries: list[EntryRef] = Field(description="Its entries for this code.", default_factory=list)
    editions: list[EditionRef] = Field(
        description="Its list editions compared.", default_factory=list
    )
    note: str | None = Field(default=None, description="Origin or alignment evidence.")
    method: str | None = Field(
        default=None,
        description="How its entry was aligned with the regime's: code (the numbering), text "
        "or parameters (content), stated (the list says so).",
        examples=["code"],
    )
    score: float | None = Field(
        default=None, description="Confidence of that alignment, 0..1.", examples=[0.95]
    )


class ParameterDifference(View):
    quantity: str = Field(description="Quantity whose threshold differs.", examples=["mass"])
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
    category: str | None = Field(description="Category of the code.", default=None, examples=["5"])
    regime: str | None = Field(
        description="Regime node id the code comes from.",
        default=None,
        examples=["regime:wassenaar"],
    )
    reference: EntryRef | None = Field(default=None, description="The regime entry compared.")
    controlled_by: list[str] = Field(
        description="Jurisdictions that control it.", examples=[["US"]]
    )
    not_controlled_by: list[str] = Field(
        description="Jurisdictions that do not.", examples=[["EU"]]
    )
    sides: list[DivergenceSide] = Field(description="Status and entries per jurisdiction.")
    technologies: list[str] = Field(
        description="Technologies the entry covers.", default_factory=list
    )
    sub_entries: int = Field(default=0, description="Sub-entries that diverge the same way.")
    parameter_differences: list[ParameterDifference] = Field(
        description="Thresholds that differ between sides.", default_factory=list
    )
    reason: str = Field(description="Why the row is reported, in one sentence.")


class DivergenceReport(Page[DivergenceRow]):
    jurisdictions: list[JurisdictionView] = Field(
        description="Jurisdictions compared and the lists used."
    )
    reference: EditionRef | None = Field(description="The regime edition entries align to.")
    counts: dict[str, int] = Field(description="Rows per kind, over all pages.")
    compared: int = Field(
        default=0, description="Regime entries (after filters) at least two of them can hold."
    )
    agreed: int = Field(default=0, description="Of those, entries all of them control alike.")
    filters: dict[str, str] = Field(
        description="Filters applied, by parameter name.", default_factory=dict
    )
    notes: list[str] = Field(default_factory=list, description="Caveats about the comparison.")


class MemberGap(View):
    country: str = Field(description="ISO 3166-1 alpha-2 code.", examples=["IN"])
    name: str = Field(description="Country name.", examples=["India"])
    jurisdiction: str = Field(description="Whose lists apply (EU for EU members).")
    editions: list[EditionRef] = Field(description="List editions compared.", default_factory=list)
    status: Literal["gaps", "complete", "no-list-held", "no-comparable-list"] = Field(
        description="gaps, complete, or why nothing could be compared."
    )
    not_implemented: int = Field(
        default=0, description="Regime entries missing from lists as recent as the regime's."
    )
    not_in_edition_held: int = Field(
        default=0, description="Regime entries missing from older editions held."
    )
    percent: float | None = Field(
        default=None, description="Comparable regime entries controlled, in percent."
    )
    reason: str = Field(description="The result summed up in one sentence.")


class RegimeGapRow(View):
    jurisdiction: str = Field(description="Jurisdiction key: ISO2 code, or EU.", examples=["EU"])
    countries: list[str] = Field(description="Members whose controls these lists are.")
    status: CoverageStatus = Field(description=STATUS_HELP)
    entry: EntryRef = Field(description="The regime entry missing.")
    entries: list[EntryRef] = Field(
        default_factory=list, description="Reserved national paragraphs with the same number."
    )
    editions: list[EditionRef] = Field(
        description="Its list editions compared.", default_factory=list
    )
    technologies: list[str] = Field(
        description="Technologies the entry covers.", default_factory=list
    )
    sub_entries: int = Field(default=0, description="Sub-entries missing along with it.")
    reason: str = Field(description="Why the row is reported, in one sentence.")


class RegimeGapReport(Page[RegimeGapRow]):
    regime: str = Field(description="Regime node id.", examples=["regime:wassenaar"])
    reference: EditionRef | None = Field(description="The regime list edition compared against.")
    members: list[MemberGap] = Field(description="Gap summary per regime member.")
    filters: dict[str, str] = Field(
        description="Filters applied, by parameter name.", default_factory=dict
    )
    notes: list[str] = Field(description="Caveats about the comparison.", default_factory=list)


class CommitmentGapRow(View):
    country: str = Field(description="ISO 3166-1 alpha-2 code.", examples=["FR"])
    name: str = Field(description="Country name.", examples=["France"])
    technology: str = Field(description="Technology node id.", examples=["tech:intrusion-software"])
    technology_name: str = Field(description="Technology name.", examples=["Intrusion software"])
    commitments: list[int] = Field(
        default_factory=list, description="Numbers of the commitments addressing it."
    )
    status: Literal["controlled", "gap", "no-list-held", "no-dual-use-list-held"] = Field(
        description="controlled, gap, or why nothing could be checked."
    )
    editions: list[EditionRef] = Field(description="List editions checked.", default_factory=list)
    entries: list[EntryRef] = Field(
        default_factory=list, description="Entries covering the technology (the evidence)."
    )
    regime_covers: bool = Field(
        description="Whether the reference regime list itself has an entry for it."
    )
    reason: str = Field(description="Why the row is reported, in one sentence.")


class CommitmentGapReport(Page[CommitmentGapRow]):
    code_of_conduct: str = Field(
        description="Code of conduct node id.", examples=["coc:echri-code-of-conduct"]
    )
    title: str = Field(description="Title of the code of conduct.")
    technologies: list[str] = Field(description="Technologies its commitments address.")
    subscribers: int = Field(description="Countries subscribing to it.")
    counts: dict[str, int] = Field(description="Rows per status, over all pages.")
    notes: list[str] = Field(description="Caveats about the comparison.", default_factory=list)


class ListingView(View):
    issuer: str = Field(
        description="Node id of the issuer of the party list.", examples=["country:US"]
    )
    list_name: str = Field(
        description="Name of the party list.",
        examples=["Entity List (EL) - Bureau of Industry and Security"],
    )
    date: dt.date | None = Field(default=None, description="Date of the listing.")
    reason: str = Field(default="", description="Reason given for the listing.")
    citation: str = Field(default="", description="Legal citation of the listing.")
    source: str = Field(
        description="Source id the listing comes from.", default="", examples=["us-csl"]
    )
    edition: str | None = Field(default=None, description="Edition of that source.")


class PartyView(View):
    id: str = Field(description="Party node id.", examples=["party:us-csl:cdd5894f1a93abd2"])
    name: str = Field(description="Primary name.", examples=["NSO Group"])
    kind: str = Field(description="Kind of party (entity, individual...).", examples=["entity"])
    aliases: list[str] = Field(description="Other names it is listed under.", default_factory=list)
    countries: list[str] = Field(
        description="ISO2 codes of the countries in its addresses.",
        default_factory=list,
        examples=[["IL"]],
    )
    lists: list[str] = Field(description="Party lists that name it.", default_factory=list)
    listings: list[ListingView] = Field(
        description="Each listing of the party.", default_factory=list
    )


PartyVerdict = Literal["both", "review", "only"]


class PartyMatchView(View):
    """The party of another issuer's lists whose name comes closest to a party's."""

    compared_with: str = Field(
        description="Issuer whose party lists were searched (jurisdiction key).", examples=["JP"]
    )
    verdict: PartyVerdict = Field(
        description="both: that issuer lists the party too (names alike, countries not "
        "contradicting); review: a possible match for a person to check; only: no party of "
        "that issuer comes close enough."
    )
    score: float = Field(description="Name similarity of the two names compared, 0..100.")
    name: str = Field(description="The party's name or alias that was compared.")
    candidate_name: str = Field(
        default="", description="The candidate's name or alias it was compared with."
    )
    candidate: PartyView | None = Field(
        default=None, description="The closest party on that issuer's lists, if any came close."
    )
    countries_agree: bool | None = Field(
        default=None,
        description="Whether the two parties share a country (Hong Kong and Macau counting as "
        "China); null when either gives none.",
    )


class PartyHit(View):
    party: PartyView = Field(description="The party matched.")
    matched: str = Field(description="The name or alias that matched.", examples=["NSO Group"])
    score: float = Field(description="Fuzzy match score, 0..100.", examples=[100.0])
    reason: str = Field(description="Why it matched, in one sentence.")
    counterparts: list[PartyMatchView] = Field(
        default_factory=list,
        description="For each other issuer holding party lists, its party whose name comes "
        "closest, when it is listed by both or a possible match (parties are matched across "
        "issuers by name, never merged).",
    )


class PartnerStatus(View):
    jurisdiction: str = Field(description="Partner jurisdiction key.", examples=["FR"])
    status: Literal["listed", "possible-match", "not-listed", "no-party-list-held"] = Field(
        description="Whether its party lists name the party: listed (the party itself, or a "
        "party of that issuer matched by name), possible-match (a name to review), not-listed, "
        "or no-party-list-held (none of its party lists is in the graph)."
    )
    match: PartyMatchView | None = Field(
        default=None,
        description="The closest party on the partner's lists, when matched by name.",
    )


class PartyGapRow(View):
    party: PartyView = Field(description="The party matched.")
    matched: str = Field(description="The name or alias that matched.")
    score: float = Field(description="Fuzzy match score, 0..100.")
    listed_by: list[str] = Field(
        description="Issuers whose lists name it, itself or by a party matched by name.",
        examples=[["US"]],
    )
    partners: list[PartnerStatus] = Field(description="Listing status per partner.")
    reason: str = Field(description="Why the row is reported, in one sentence.")


class PartyGapReport(Page[PartyGapRow]):
    query: str = Field(description="The name searched for.")
    partners: list[str] = Field(description="Partner jurisdictions checked.")
    party_lists_held: list[str] = Field(description="Issuers with a party list in the graph.")
    notes: list[str] = Field(description="Caveats about the comparison.", default_factory=list)


class PartyListGapRow(View):
    party: PartyView = Field(description="A party on the lists of ``listed_by``.")
    listed_by: str = Field(description="The issuer listing it (jurisdiction key).", examples=["US"])
    lists: list[str] = Field(description="That issuer's lists naming it.")
    compared_with: str = Field(
        description="The other issuer, whose lists were searched.", examples=["JP"]
    )
    verdict: PartyVerdict = Field(
        description="both: listed by both issuers; only: only ``listed_by`` lists it (no party "
        "of the other comes close enough); review: a possible match for a person to check."
    )
    score: float = Field(description="Name similarity with the best candidate, 0..100.")
    name: str = Field(description="The party's name or alias that was compared.")
    candidate_name: str = Field(
        default="", description="The candidate's name or alias it was compared with."
    )
    candidate: PartyView | None = Field(
        default=None, description="The other issuer's party whose name comes closest, if any."
    )
    countries_agree: bool | None = Field(
        default=None,
        description="Whether party and candidate share a country (Hong Kong and Macau counting "
        "as China); null when either gives none.",
    )
    reason: str = Field(description="The verdict and its evidence, in one sentence.")


class PartyListGapReport(Page[PartyListGapRow]):
    issuers: list[str] = Field(
        description="The two issuers compared (jurisdiction keys).", examples=[["US", "JP"]]
    )
    lists: dict[str, list[str]] = Field(description="Party lists compared, per issuer.")
    counts: dict[str, dict[str, int]] = Field(
        description="Rows per verdict for each listing issuer, over all pages."
    )
    match_score: float = Field(description="Score from which names are taken as one party.")
    review_score: float = Field(description="Score from which a name is a possible match.")
    filters: dict[str, str] = Field(
        description="Filters applied, by parameter name.", default_factory=dict
    )
    notes: list[str] = Field(description="How the lists were compared, and caveats.")


class EntryChange(View):
    change: Literal["added", "removed", "renumbered", "changed"] = Field(
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


class SearchReport(Page[EntryHit]):
    query: str = Field(description="The query as given.")
    interpreted_as: str = Field(description="How the query was read.")
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
