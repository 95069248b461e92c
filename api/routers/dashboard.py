"""The dashboard page (``/`` and ``/static/*``) and the two read models it needs beyond the
analysis endpoints: the choices it offers (``/dashboard/options``) and the coverage matrix
(``/dashboard/matrix``: categories or technologies x jurisdictions).

The page is plain HTML, CSS and JavaScript served from ``api/static``: no build step, nothing
fetched from elsewhere at run time.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Sequence
from functools import cache
from importlib import resources
from typing import Annotated, Literal

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import BaseModel, ConfigDict, Field

from api.deps import AnalysesDep, CatalogDep
from api.errors import ERROR_RESPONSES
from queries.analyses import Analyses
from queries.catalog import Catalog
from queries.data import EntryInfo
from queries.evidence import InvalidQuery, edition_ref, jurisdiction_view, make_filters
from queries.index import CONTROLLED, NOT_HELD, Index, Jurisdiction
from queries.views import EditionRef, JurisdictionView

#: The files the page is made of, with their media types; nothing else is served.
ASSETS = {
    "index.html": "text/html; charset=utf-8",
    "app.js": "text/javascript; charset=utf-8",
    "style.css": "text/css; charset=utf-8",
}
MAX_JURISDICTIONS = 12
LANGUAGES = ("en", "fr", "ar")

router = APIRouter(tags=["dashboard"], responses=ERROR_RESPONSES)


# --- the page -------------------------------------------------------------------------------


@cache
def asset(name: str) -> bytes:
    return resources.files("api").joinpath("static", name).read_bytes()


@cache
def assets_version() -> str:
    """A digest of every asset, put in the page's URLs so that a new release is never served
    from a browser's cache (the API's ETags follow the graph's revision, not the files)."""
    digest = hashlib.sha256()
    for name in sorted(ASSETS):
        digest.update(asset(name))
    return digest.hexdigest()[:12]


def _page() -> bytes:
    version = assets_version()
    html = asset("index.html").decode("utf-8")
    return re.sub(r"(/static/[a-z]+\.(?:js|css))", rf"\1?v={version}", html).encode("utf-8")


@router.get("/", include_in_schema=False)
def index(request: Request) -> Response:
    """The dashboard. ``/`` redirects to ``/?v=<assets digest>`` so that the page's URL, and
    with it the ETag the API computes from the URL, changes whenever the page does."""
    version = assets_version()
    if request.query_params.get("v") != version:
        return RedirectResponse(f"/?v={version}", status_code=307)
    return Response(_page(), media_type=ASSETS["index.html"])


@router.get("/static/{name}", include_in_schema=False)
def static(name: str) -> Response:
    if name not in ASSETS:
        raise HTTPException(404, f"no asset {name!r}")
    return Response(asset(name), media_type=ASSETS[name])


# --- read models ----------------------------------------------------------------------------


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


class CategoryOption(_View):
    key: str = Field(description="Category code as the filters take it.", examples=["5"])
    entries: int = Field(description="Active entries of the reference list in it.")


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
    return DashboardOptions(
        reference=edition_ref(index.reference) if index.reference is not None else None,
        jurisdictions=[r[1] for r in rows],
        technologies=techs,
        categories=[
            CategoryOption(key=k, entries=n)
            for k, n in sorted(cats.items(), key=lambda kv: _category_key(kv[0]))
        ],
    )


def _parent_techs(index: Index, entry: EntryInfo) -> frozenset[str]:
    parent = index.entries(entry.list_id).get(entry.parent) if entry.parent else None
    return index.technologies_of(parent) if parent is not None else frozenset()


def coverage_matrix(
    analyses: Analyses,
    jurisdictions: Sequence[str],
    by: Literal["category", "technology"] = "category",
) -> CoverageMatrix:
    """For each row (category or technology) and jurisdiction, how much of the reference list
    its lists control: the same counts as ``/coverage``'s per-jurisdiction summary with that
    category or technology as filter, for any jurisdictions (regimes and non-members too)."""
    index = analyses.index
    ref = index.reference
    if ref is None:
        raise InvalidQuery("no Wassenaar list is in the graph: ingest wassenaar-list first")
    if not 1 <= len(jurisdictions) <= MAX_JURISDICTIONS:
        raise InvalidQuery(f"name 1 to {MAX_JURISDICTIONS} jurisdictions")
    js: list[Jurisdiction] = []
    for text in jurisdictions:
        juris = index.jurisdiction(text)
        if all(j.node != juris.node for j in js):
            js.append(juris)
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


@router.get("/dashboard/options", summary="What the dashboard can compare")
def dashboard_options(analyses: AnalysesDep, catalog: CatalogDep) -> DashboardOptions:
    """Jurisdictions (with their names in English, French and Arabic and the lists that apply
    to them), technologies and categories, for the page's pickers."""
    return options(analyses, catalog)


@router.get("/dashboard/matrix", summary="Coverage per category or technology x jurisdiction")
def dashboard_matrix(
    analyses: AnalysesDep,
    jurisdiction: Annotated[
        list[Annotated[str, Query(min_length=2, max_length=100)]],
        Query(
            min_length=1,
            max_length=MAX_JURISDICTIONS,
            description="Jurisdictions (columns), repeated: a country code, EU, or a regime.",
            examples=[["US", "EU", "wassenaar"]],
        ),
    ],
    by: Annotated[
        Literal["category", "technology"], Query(description="Rows: categories or technologies.")
    ] = "category",
) -> CoverageMatrix:
    """Each cell: the share of the reference (Wassenaar) entries of the row that the
    jurisdiction's lists control, with the counts behind it and its own entries in the row."""
    return coverage_matrix(analyses, jurisdiction, by)
