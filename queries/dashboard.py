"""What the dashboard page shows beside the analyses: the pickers' options (jurisdictions in
English, French and Arabic, technologies, categories, codes of conduct), the coverage matrix, a
category or technology against each jurisdiction, and the landing overview (divergences per kind
and category, coverage, members with no list, each list edition's age and known gaps). Used by
the dashboard's routes and the notebook client."""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from queries.analyses import Analyses
from queries.catalog import Catalog
from queries.errors import InvalidQuery
from queries.evidence import edition_ref, jurisdiction_view, list_name, make_filters
from queries.index import Index
from queries.reading.records import CodeInfo, EntryInfo
from queries.requests import MAX_JURISDICTIONS, DivergenceRequest, MatrixRequest
from queries.status import CONTROLLED, NOT_HELD
from queries.views import EditionRef, JurisdictionCoverage, JurisdictionView


class _View(BaseModel):
    model_config = ConfigDict(frozen=True)


class JurisdictionOption(_View):
    """Something the page can compare: a country, the EU, or a regime holding a list."""

    key: str = Field(
        description="What to pass as 'jurisdiction' to /divergences: ISO code, EU or regime.",
        examples=["US"],
    )
    node: str = Field(description="Graph node id.", examples=["country:US"])
    kind: str = Field(description="country, union or regime.", examples=["country"])
    names: dict[str, str] = Field(
        description="Name per language (en, fr, ar).", examples=[{"en": "United States"}]
    )
    lists: list[str] = Field(
        description="Ids of the list editions that apply to it (own, or the EU's for EU "
        "member states); empty when none is held.",
        examples=[["list:us:2026-07-23"]],
    )
    via: str | None = Field(
        default=None,
        description="Union whose list applies to it (regime:eu for EU member states).",
        examples=[None],
    )
    regimes: list[str] = Field(
        default_factory=list, description="Regimes it currently belongs to (countries only)."
    )


class TechnologyOption(_View):
    id: str = Field(description="Technology id.", examples=["tech:intrusion-software"])
    labels: dict[str, str] = Field(description="Label per language (en, fr, ar).")
    parent: str | None = Field(default=None, description="Broader technology, if any.")


class CodeOption(_View):
    """A code of conduct whose subscribers a group brief can set against its technologies."""

    key: str = Field(
        description="What to pass as 'code' to /briefs/groups/{code}: the establishing "
        "initiative's key when it establishes this code alone.",
        examples=["echri"],
    )
    id: str = Field(description="Node id.", examples=["coc:echri-code-of-conduct"])
    title: str = Field(description="Its title, in its own language.")
    established_by: list[str] = Field(
        description="Regimes or initiatives that established it.", examples=[["regime:echri"]]
    )


class CategoryOption(_View):
    key: str = Field(description="Category code as the filters take it.", examples=["5"])
    entries: int = Field(description="Active entries of the reference list in it.")


class ListOption(_View):
    """A list edition as the page names it."""

    id: str = Field(description="Node id of the edition.", examples=["list:in:2024-09-02"])
    name: str = Field(
        description="Short name and edition year (the title when the series has no short name).",
        examples=["SCOMET 2024"],
    )
    title: str = Field(description="Title of the list, as its source gives it.")
    issuer: str = Field(description="Node id of the issuer.", examples=["country:IN"])
    edition: str = Field(description="Edition label.", examples=["2024-09-02"])
    edition_date: date = Field(description="Date of the edition.")
    source_url: str = Field(description="Where the edition is officially published.")
    current: bool = Field(description="Newest edition of its series held.")


class DashboardOptions(_View):
    """Everything the dashboard's pickers offer, in one response."""

    reference: EditionRef | None = Field(
        description="The regime list edition divergences and coverage align to."
    )
    jurisdictions: list[JurisdictionOption] = Field(
        description="Jurisdictions holding a list first (regimes, the EU, countries), then "
        "every other country."
    )
    technologies: list[TechnologyOption] = Field(
        description="The technology taxonomy, labels in English, French and Arabic."
    )
    categories: list[CategoryOption] = Field(
        description="Categories of the reference list: 0-9 dual-use, ML1-ML22 munitions."
    )
    lists: list[ListOption] = Field(
        description="Every list edition held, with the name the page shows for it."
    )
    codes_of_conduct: list[CodeOption] = Field(
        default_factory=list, description="Codes of conduct held, for the group briefs."
    )


class MatrixCell(_View):
    jurisdiction: str = Field(description="Jurisdiction key (column).", examples=["US"])
    percent: float | None = Field(
        description="Share of the row's comparable reference entries its lists control, in "
        "percent; null when none is comparable (no list of that kind held, or none in the row).",
        examples=[98.9],
    )
    controlled: int = Field(description="Reference entries of the row its lists control.")
    comparable: int = Field(
        description="Reference entries of the row its lists can hold (dual-use or munitions)."
    )
    counts: dict[str, int] = Field(
        description="Reference entries of the row per coverage status (see /coverage)."
    )
    entries: int = Field(
        description="Its own active entries in the row: for a category, entries numbered in "
        "it; for a technology, outermost entries tagged with it or a narrower one (unilateral "
        "controls included)."
    )


class MatrixRow(_View):
    key: str = Field(description="Category code or technology id.", examples=["5", "tech:spyware"])
    labels: dict[str, str] = Field(description="Row label per language (en, fr, ar).")
    reference_entries: int = Field(description="Active reference entries in the row.")
    cells: list[MatrixCell] = Field(description="One cell per jurisdiction, in column order.")


class CoverageMatrix(_View):
    """Coverage of the reference list by each jurisdiction, per category or per technology."""

    by: Literal["category", "technology"] = Field(description="What the rows are.")
    reference: EditionRef = Field(description="The regime list edition compared with.")
    jurisdictions: list[JurisdictionView] = Field(description="The columns.")
    rows: list[MatrixRow] = Field(
        description="Rows with at least one reference entry or one national entry."
    )


def _category_key(key: str) -> tuple[int, int]:
    return (1, int(key[2:])) if key.startswith("ML") else (0, int(key))


def _category_labels(key: str) -> dict[str, str]:
    if key.startswith("ML"):
        return {"en": f"Munitions {key}", "fr": f"Munitions {key}", "ar": f"ذخائر {key}"}
    return {"en": f"Category {key}", "fr": f"Catégorie {key}", "ar": f"الفئة {key}"}


def reference_categories(index: Index) -> Counter[str]:
    """Active entries of the reference list per category (the Wassenaar-numbered code's)."""
    ref = index.reference
    found: Counter[str] = Counter()
    if ref is None:
        return found
    for e in index.entries(ref.id).values():
        if e.status == "active" and e.category:
            found[e.category] += 1
    return found


def options(analyses: Analyses, catalog: Catalog) -> DashboardOptions:
    index = analyses.index
    regime_names = {r.id: {"en": r.short_name, **r.names} for r in catalog.regimes()}
    rows: list[tuple[tuple[int, str], JurisdictionOption]] = []
    for node in index.regimes:
        juris = index.jurisdiction(node)
        if not juris.lists:
            continue
        rows.append(
            (
                # The reference list first, then the union, then the other regimes.
                (0 if node == "regime:wassenaar" else 1 if juris.kind == "union" else 2, juris.key),
                JurisdictionOption(
                    key=juris.key,
                    node=node,
                    kind=juris.kind,
                    names=regime_names.get(node, {"en": juris.name}),
                    lists=[i.id for i in juris.lists],
                ),
            )
        )
    for node, country in index.countries.items():
        juris = index.jurisdiction(node)
        own = bool(index.lists_of_issuer.get(node))
        rows.append(
            (
                (3 if own else 4, country.name),
                JurisdictionOption(
                    key=juris.key,
                    node=node,
                    kind="country",
                    names={"en": country.name, **country.names},
                    lists=[i.id for i in juris.lists],
                    via=juris.via,
                    regimes=sorted(index.member_of.get(node, set())),
                ),
            )
        )
    rows.sort(key=lambda r: r[0])
    techs = [
        TechnologyOption(id=t.id, labels={"en": t.name, **t.labels}, parent=t.parent)
        for t in sorted(index.techs.values(), key=lambda t: t.name)
    ]
    cats = reference_categories(index)
    current = {i.id for i in index.current_lists}
    return DashboardOptions(
        reference=edition_ref(index.reference) if index.reference is not None else None,
        jurisdictions=[r[1] for r in rows],
        technologies=techs,
        categories=[
            CategoryOption(key=k, entries=n)
            for k, n in sorted(cats.items(), key=lambda kv: _category_key(kv[0]))
        ],
        lists=[
            ListOption(
                id=info.id,
                name=list_name(info),
                title=info.title,
                issuer=info.issuer,
                edition=info.edition,
                edition_date=info.edition_date,
                source_url=info.source_url,
                current=info.id in current,
            )
            for info in sorted(index.all_lists.values(), key=lambda i: i.id)
        ],
        codes_of_conduct=[_code_option(index, c) for c in index.data.codes_of_conduct()],
    )


def _code_option(index: Index, code: CodeInfo) -> CodeOption:
    codes = index.data.codes_of_conduct()
    sole = [
        r for r in code.established_by if sum(r in other.established_by for other in codes) == 1
    ]
    return CodeOption(
        key=sole[0].removeprefix("regime:") if sole else code.id.removeprefix("coc:"),
        id=code.id,
        title=code.title,
        established_by=list(code.established_by),
    )


def _parent_techs(index: Index, entry: EntryInfo) -> frozenset[str]:
    parent = index.entries(entry.list_id).get(entry.parent) if entry.parent else None
    return index.technologies_of(parent) if parent is not None else frozenset()


def coverage_matrix(analyses: Analyses, request: MatrixRequest) -> CoverageMatrix:
    """For each row (category or technology) and jurisdiction, how much of the reference list
    its lists control: the same counts as ``/coverage``'s per-jurisdiction summary with that
    category or technology as filter, for any jurisdictions (regimes and non-members too)."""
    index = analyses.index
    jurisdictions, by = request.jurisdiction, request.by
    ref = index.reference
    if ref is None:
        raise InvalidQuery("no Wassenaar list is in the graph: ingest wassenaar-list first")
    if not 1 <= len(jurisdictions) <= MAX_JURISDICTIONS:
        raise InvalidQuery(f"name 1 to {MAX_JURISDICTIONS} jurisdictions")
    js = index.distinct_jurisdictions(jurisdictions, by="node")
    maps = [index.status_map(j, ref) for j in js]
    active = [e for e in index.entries(ref.id).values() if e.status == "active"]
    national = [
        [e for info in j.lists for e in index.entries(info.id).values() if e.status == "active"]
        for j in js
    ]
    specs: list[tuple[str, dict[str, str], str | None, str | None]] = []
    if by == "category":
        for key in sorted(reference_categories(index), key=_category_key):
            specs.append((key, _category_labels(key), key, None))
    else:
        for tech in sorted(index.techs.values(), key=lambda t: t.name):
            specs.append((tech.id, {"en": tech.name, **tech.labels}, None, tech.id))
    rows: list[MatrixRow] = []
    for key, labels, category, technology in specs:
        filters = make_filters(index, category=category, technology=technology)
        chosen = [
            e
            for e in active
            if filters.code_ok(index, e) and filters.tech_ok(index.technologies_of(e))
        ]
        cells = []
        for j, statuses, own in zip(js, maps, national, strict=True):
            tally = Counter(statuses[e.id].status for e in chosen)
            comparable = sum(n for s, n in tally.items() if s not in NOT_HELD)
            controlled = sum(n for s, n in tally.items() if s in CONTROLLED)
            if technology is not None:
                # Outermost tagged entries: a tag on 5A001 also covers 5A001.j (inherited).
                mine = sum(
                    1
                    for e in own
                    if filters.tech_ok(index.technologies_of(e))
                    and not filters.tech_ok(_parent_techs(index, e))
                )
            else:
                mine = sum(1 for e in own if filters.code_ok(index, e))
            cells.append(
                MatrixCell(
                    jurisdiction=j.key,
                    percent=round(100.0 * controlled / comparable, 1) if comparable else None,
                    controlled=controlled,
                    comparable=comparable,
                    counts=dict(sorted(tally.items())),
                    entries=mine,
                )
            )
        if chosen or any(c.entries for c in cells):
            rows.append(
                MatrixRow(key=key, labels=labels, reference_entries=len(chosen), cells=cells)
            )
    return CoverageMatrix(
        by=by,
        reference=edition_ref(ref),
        jurisdictions=[jurisdiction_view(j) for j in js],
        rows=rows,
    )


# --- the landing overview -------------------------------------------------------------------


class KindCount(_View):
    """Divergence rows of one kind and category between a jurisdiction and the reference."""

    jurisdiction: str = Field(description="Jurisdiction key.", examples=["IN"])
    kind: str = Field(description="Kind of divergence.", examples=["not-implemented"])
    category: str | None = Field(description="Category of the code, when it has one.")
    rows: int = Field(description="How many rows.")


class SourceQuality(_View):
    """What a list edition held is worth as evidence: its age and what its copy may lack."""

    list_id: str = Field(description="Node id of the edition.", examples=["list:us:2026-07-23"])
    name: str = Field(description="As the page names it.", examples=["US CCL 2026"])
    issuer: str = Field(description="Node id of the issuer.", examples=["country:US"])
    edition_date: date = Field(description="Date of the edition.")
    age_days: int = Field(description="Days from the edition date to the day of the overview.")
    current: bool = Field(description="Newest edition of its series held.")
    entries: int = Field(description="Entries held of it.")
    source_url: str = Field(description="Where the edition is officially published.")
    copy_may_lack: list[str] = Field(
        description="What the copy held is known to leave out (items, paragraphs, notes); "
        "empty when it is the official text in full.",
        examples=[["items", "paragraphs", "notes"]],
    )
    not_held_in_copy: int = Field(
        description="Reference entries whose counterpart this copy skips (status "
        "not-held-in-copy): what cannot be compared because of the copy, not the list."
    )


class DashboardOverview(_View):
    """The landing page's figures, each from an analysis a reader can open on its own."""

    reference: EditionRef = Field(description="The regime list edition compared against.")
    day: date = Field(description="The day ages count to.")
    divergences: list[KindCount] = Field(
        description="Divergence rows between each jurisdiction holding a list and the "
        "reference, per kind and category (the rows of /divergences for the pair)."
    )
    coverage: list[JurisdictionCoverage] = Field(
        description="Each jurisdiction's coverage of the reference (as /coverage sums it up)."
    )
    without_list: list[str] = Field(
        description="Current members of the reference regime with no control list held."
    )
    sources: list[SourceQuality] = Field(description="Every list edition held, newest first.")


def overview(analyses: Analyses, today: date | None = None) -> DashboardOverview:
    index = analyses.index
    ref = index.reference
    if ref is None:
        raise InvalidQuery("no Wassenaar list is in the graph: ingest wassenaar-list first")
    day = today or date.today()
    coverage = analyses.coverage(limit=1)
    regime = index.jurisdiction(ref.issuer).key
    counts: list[KindCount] = []
    skipped: Counter[str] = Counter()
    for summary in coverage.jurisdictions:
        report = analyses.divergences(
            DivergenceRequest(jurisdiction=[summary.jurisdiction, regime])
        )
        tally = Counter((row.kind, row.category) for row in report.items)
        counts += [
            KindCount(jurisdiction=summary.jurisdiction, kind=k, category=c, rows=n)
            for (k, c), n in sorted(tally.items(), key=lambda kv: (kv[0][0], kv[0][1] or ""))
        ]
        juris = index.jurisdiction(summary.jurisdiction)
        for status in index.status_map(juris, ref).values():
            if status.status == "not-held-in-copy":
                skipped.update(info.id for info in status.lists)
    current = {i.id for i in index.current_lists}
    sources = [
        SourceQuality(
            list_id=info.id,
            name=list_name(info),
            issuer=info.issuer,
            edition_date=info.edition_date,
            age_days=(day - info.edition_date).days,
            current=info.id in current,
            entries=len(index.entries(info.id)),
            source_url=info.source_url,
            copy_may_lack=list(info.copy_may_lack),
            not_held_in_copy=skipped[info.id],
        )
        for info in sorted(
            index.all_lists.values(), key=lambda i: (i.edition_date, i.id), reverse=True
        )
    ]
    return DashboardOverview(
        reference=edition_ref(ref),
        day=day,
        divergences=counts,
        coverage=coverage.jurisdictions,
        without_list=coverage.members_without_list,
        sources=sources,
    )
