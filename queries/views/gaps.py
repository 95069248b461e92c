"""Read models of the gaps: per regime, per code of conduct, and party listings."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from queries.views.base import Page, View
from queries.views.comparison import STATUS_HELP, CoverageStatus, EditionRef, EntryRef


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
