"""Read models of coverage and divergences: the editions and entries compared, each side of a
row, and the reports.

Every row an analysis returns carries its evidence: the list editions compared, the entries on
each side (code and a text excerpt) and a one-sentence ``reason`` saying why it is reported."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import Field

from queries.views.base import Page, View

#: How a jurisdiction holds a regime entry, other than the same: coverage and divergence sides
#: share these.
_HeldOtherwise = Literal[
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
CoverageStatus = Literal["same", _HeldOtherwise]


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
    name: str = Field(
        description="What people call it: short name and edition year (the title when the "
        "series has no short name).",
        examples=["EU Annex I 2021"],
    )
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


SideStatus = Literal["controls", "same", "other-bounds", _HeldOtherwise]


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


class SaidReason(View):
    """A divergence row's reason said again in another language."""

    lang: Literal["fr", "ar"] = Field(description="Language of the text.", examples=["fr"])
    text: str = Field(description="The reason in that language.")
    complete: bool = Field(
        description="False when it quotes evidence the analysis wrote in English, marked as such."
    )


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
    reason_said: SaidReason | None = Field(
        default=None,
        description="The reason in the language asked for (lang=fr or ar), rebuilt from the "
        "row's fields; null in English, or where the fields do not give the English reason "
        "word for word (then only the English reason says it).",
    )


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
