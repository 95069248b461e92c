"""Read models of a harmonisation brief: a jurisdiction's standing against a reference, and a
ranked agenda of what it would take to converge, every point with its evidence."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import Field

from queries.views.base import View
from queries.views.comparison import DivergenceRow, EditionRef, JurisdictionView
from queries.views.gaps import CommitmentGapRow, PartyListGapRow


class BriefMembership(View):
    regime: str = Field(description="Regime or initiative id.", examples=["regime:wassenaar"])
    name: str = Field(description="Its short name.", examples=["Wassenaar Arrangement"])
    role: str = Field(description="As the source words it.", examples=["participating state"])
    since: date | None = Field(default=None, description="Member since, when known.")


class HeldEdition(View):
    edition: EditionRef = Field(description="A list edition held.")
    age_days: int = Field(description="Days from its edition date to the day of the brief.")
    current: bool = Field(description="Whether it is the newest edition held of its list.")


class ConvergenceIndex(View):
    """The share of the reference's entries a jurisdiction controls with the same scope."""

    edition: str = Field(description="The jurisdiction's list editions compared (ids).")
    percent: float | None = Field(
        description="same / comparable x 100; None when nothing can be compared."
    )
    same: int = Field(description="Reference entries controlled with the same scope.")
    controlled: int = Field(description="Reference entries controlled in any way.")
    absent: int = Field(description="Reference entries its comparable lists lack.")
    comparable: int = Field(
        description="Reference entries whose status can be told (lists held, copy complete)."
    )
    unknown: int = Field(description="Reference entries that cannot be compared (not held).")


class CategoryStanding(View):
    category: str = Field(description="0-9 (dual-use) or ML1-ML22.", examples=["5"])
    percent: float | None = Field(description="Share of comparable reference entries controlled.")
    controlled: int = Field(description="Reference entries of the category controlled.")
    comparable: int = Field(description="Reference entries of the category that can be told.")


class Standing(View):
    memberships: list[BriefMembership] = Field(description="Current memberships, with dates.")
    lists: list[HeldEdition] = Field(description="Every edition held of the lists it applies.")
    convergence: ConvergenceIndex = Field(description="Against the newest lists held.")
    trend: list[ConvergenceIndex] = Field(
        description="The index with each edition held of a list that has several, its other "
        "lists as they are, oldest first; the current index alone when no list has more than "
        "one edition held."
    )
    categories: list[CategoryStanding] = Field(description="Coverage per category.")


class AgendaPart(View):
    total: int = Field(description="Points in this part.")
    items: list[DivergenceRow] = Field(
        description="The first points, ranked; each is a divergence row with its evidence."
    )


class CommitmentPart(View):
    """A code of conduct the jurisdiction subscribes to: the technologies it addresses that the
    jurisdiction's lists do not cover (the commitment gaps of the code, for this subscriber)."""

    code_of_conduct: str = Field(description="Code of conduct node id.", examples=["coc:echri"])
    title: str = Field(description="Its title.")
    since: date | None = Field(default=None, description="Subscribed since, when known.")
    status: Literal["checked", "not-held", "outside-filter"] = Field(
        description="checked: its lists were searched; not-held: no (dual-use) list of it is "
        "held, so nothing can be said (never a gap); outside-filter: the code addresses none "
        "of the technologies asked for."
    )
    lists: list[EditionRef] = Field(description="The list editions searched.")
    technologies: int = Field(description="Technologies the code addresses (of those asked).")
    controlled: int = Field(description="Of those, technologies its lists cover.")
    total: int = Field(description="Technologies its lists do not cover (the gaps).")
    items: list[CommitmentGapRow] = Field(
        description="The gaps (or, when not held, the rows saying so), each with its evidence."
    )


SharedStatus = Literal["absent", "not-held", "not-comparable"]


class SharedControl(View):
    """A control outside the regimes that at least two partners hold and the jurisdiction
    does not."""

    code: str = Field(description="The first holder's code.", examples=["3A090.a"])
    status: SharedStatus = Field(
        description="The jurisdiction's side: absent (its comparable lists have no such "
        "control), not-held (no list of it is held), not-comparable (its lists number these "
        "otherwise and have no regime counterpart to read by)."
    )
    partners: list[str] = Field(description="Partners holding it (jurisdiction keys).")
    matched_by: dict[str, str] = Field(
        description="How each partner's entry is known to be the same control as the first "
        "holder's: alignment (an alignment edge: the same control, or the same words with other "
        "bounds), annex (both implement the same entry of another regime's list), or code (the "
        "same code in the same numbering)."
    )
    row: DivergenceRow = Field(
        description="The divergence row it comes from: every side with its entries and editions."
    )


class SharedPart(View):
    """Controls outside the regimes that partners have adopted and the jurisdiction has not."""

    partners: list[str] = Field(
        description="The partners compared: every other jurisdiction with a control list held "
        "(as many as one comparison takes: see left_out)."
    )
    left_out: list[str] = Field(
        default_factory=list,
        description="Partners with a control list held that were not compared: one comparison "
        "takes at most MAX_JURISDICTIONS jurisdictions (empty on the graph held today).",
    )
    total: int = Field(description="Controls held by at least two partners and not by it.")
    counts: dict[str, int] = Field(description="Those controls per status of the jurisdiction.")
    items: list[SharedControl] = Field(
        description="The first, absent first, then by the number of partners holding them."
    )


class PartyListPart(View):
    """The parties one partner lists and the jurisdiction does not (matched by name)."""

    partner: str = Field(description="The partner (jurisdiction key).", examples=["JP"])
    lists: list[str] = Field(description="The partner's party lists compared.")
    only: int = Field(description="Parties only the partner lists.")
    review: int = Field(description="Parties with a possible match to review.")
    both: int = Field(description="Parties both list.")
    items: list[PartyListGapRow] = Field(description="The first parties only the partner lists.")


class PartiesPart(View):
    """Parties listed by partners and not by the jurisdiction, where party lists are held."""

    held: bool = Field(description="Whether a party list of the jurisdiction is held.")
    lists: list[str] = Field(description="Its party lists held.")
    partners: list[PartyListPart] = Field(
        description="Per partner with a party list held; empty when its own is not held."
    )
    notes: list[str] = Field(default_factory=list, description="How the lists were compared.")


class Brief(View):
    jurisdiction: JurisdictionView = Field(description="Whose brief it is.")
    reference: JurisdictionView = Field(description="What it is measured against.")
    reference_edition: EditionRef = Field(description="The reference list edition compared.")
    day: date = Field(description="The day the brief was made (ages count to it).")
    filters: dict[str, str] = Field(
        default_factory=dict, description="Filters applied, by parameter name."
    )
    standing: Standing = Field(description="Where the jurisdiction stands.")
    to_adopt: AgendaPart = Field(
        description="Reference entries its lists do not implement: Very Sensitive first, then "
        "Sensitive, then by code."
    )
    commitments: list[CommitmentPart] = Field(
        default_factory=list,
        description="To adopt, second half: per code of conduct it subscribes to, the "
        "technologies its lists do not cover.",
    )
    to_align: AgendaPart = Field(
        description="Reference entries it controls with another scope or other thresholds "
        "(both thresholds, and which side catches more)."
    )
    to_update: AgendaPart = Field(
        description="Reference entries its lists lack because they predate the reference "
        "edition that added them."
    )
    shared: SharedPart = Field(
        description="Shared beyond the regimes: controls outside the regimes that at least two "
        "partners hold and it does not."
    )
    parties: PartiesPart = Field(
        description="Parties listed by partners and not by it, where party lists are held."
    )
    notes: list[str] = Field(default_factory=list, description="Caveats of the comparison.")


class PairSide(View):
    """What one side of a pair controls that the other does not, or controls more tightly."""

    jurisdiction: JurisdictionView = Field(description="This side.")
    stricter: AgendaPart = Field(
        description="Entries both control where this side's thresholds catch more (every "
        "comparable threshold that differs points this way)."
    )
    only: AgendaPart = Field(
        description="Entries this side controls and the other does not: regime entries the "
        "other has not implemented, and this side's own unilateral controls."
    )


class PairBrief(View):
    """Two jurisdictions side by side: where each is stricter, what each controls alone."""

    first: PairSide = Field(description="The first jurisdiction named.")
    second: PairSide = Field(description="The second jurisdiction named.")
    undecided: AgendaPart = Field(
        description="Entries both control with other scope, where no side is stricter on "
        "every threshold (or the thresholds cannot be compared)."
    )
    reference_edition: EditionRef | None = Field(
        description="The regime edition entries are aligned to."
    )
    day: date = Field(description="The day the brief was made.")
    filters: dict[str, str] = Field(
        default_factory=dict, description="Filters applied, by parameter name."
    )
    counts: dict[str, int] = Field(description="Divergence rows per kind between the two.")
    notes: list[str] = Field(default_factory=list, description="Caveats of the comparison.")


class GroupTechnology(View):
    """One technology a code of conduct addresses, across its subscribers."""

    technology: str = Field(description="Technology node id.", examples=["tech:intrusion-software"])
    name: str = Field(description="Technology name.", examples=["Intrusion software"])
    lacking: list[str] = Field(description="Subscribers (ISO2) with no control on it.")
    controlled: list[str] = Field(description="Subscribers whose lists control it.")
    not_held: list[str] = Field(
        description="Subscribers whose lists Harmonia does not hold (or no dual-use list): "
        "unknown, not a gap."
    )
    rows: list[CommitmentGapRow] = Field(description="The evidence: one row per subscriber.")


class GroupBrief(View):
    """The subscribers of a code of conduct against the technologies it addresses."""

    code_of_conduct: str = Field(description="Code of conduct node id.", examples=["coc:echri"])
    title: str = Field(description="Its title.")
    day: date = Field(description="The day the brief was made.")
    subscribers: int = Field(description="Countries subscribing to it.")
    technologies: list[GroupTechnology] = Field(description="Per technology, who lacks what.")
    counts: dict[str, int] = Field(description="Subscriber x technology cells per status.")
    notes: list[str] = Field(default_factory=list, description="Caveats of the comparison.")
