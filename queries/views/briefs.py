"""Read models of a harmonisation brief: a jurisdiction's standing against a reference, and a
ranked agenda of what it would take to converge, every point with its evidence."""

from __future__ import annotations

from datetime import date

from pydantic import Field

from queries.views.base import View
from queries.views.comparison import DivergenceRow, EditionRef, JurisdictionView


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
    to_align: AgendaPart = Field(
        description="Reference entries it controls with another scope or other thresholds "
        "(both thresholds, and which side catches more)."
    )
    to_update: AgendaPart = Field(
        description="Reference entries its lists lack because they predate the reference "
        "edition that added them."
    )
    notes: list[str] = Field(default_factory=list, description="Caveats of the comparison.")
