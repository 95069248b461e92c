"""The Python client analysts use in Jupyter: the analyses as pandas DataFrames, the graph (or a
chosen part of it) as networkx.

>>> import harmonia
>>> kg = harmonia.open()                       # HARMONIA_DB_PATH, or var/harmonia.sqlite
>>> kg.divergences(["US", "EU"], technology="surveillance")[["kind", "code", "reason"]]
>>> kg.coverage_matrix(["US", "EU", "IN", "GB"]).round(1)

Every DataFrame's columns are listed in its method's docstring. Report-level facts that are not
rows (caveats, counts, the editions compared) travel in ``df.attrs``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from harmonia.settings import Settings
from queries.requests import (
    ChangesRequest,
    CommitmentGapsRequest,
    CoverageRequest,
    DivergenceRequest,
    MatrixRequest,
    RegimeGapsRequest,
    SearchRequest,
    build,
)
from store import GraphStore, open_store

# The command line imports this module for ``store_from_settings``: pandas, the analyses and
# the API's record builders are imported when a Harmonia object is used, not before.
if TYPE_CHECKING:
    import networkx as nx
    import pandas as pd

    from queries.analyses import Analyses
    from queries.views import EntryRef


def store_from_settings(settings: Settings, *, read_only: bool = False) -> GraphStore:
    return open_store(
        settings.store,
        path=settings.db_path,
        read_only=read_only,
        neo4j_uri=settings.neo4j_uri,
        neo4j_user=settings.neo4j_user,
        neo4j_password=settings.neo4j_password.get_secret_value(),
        neo4j_database=settings.neo4j_database,
    )


def source_search_path(settings: Settings, sources: Path | None = None) -> list[Path]:
    """Where source files are looked for: the given or configured directory, then the cache."""
    chosen = sources or settings.sources_dir
    return [p for p in (chosen, settings.cache_dir) if p is not None]


#: Node and edge properties holding ISO dates, turned into ``datetime.date`` by
#: :meth:`Harmonia.to_networkx`.
DATE_PROPERTIES = frozenset(
    {"edition_date", "since", "until", "date", "adopted", "established", "published"}
)
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _typed(attrs: dict[str, Any]) -> None:
    for key in DATE_PROPERTIES & attrs.keys():
        value = attrs[key]
        if isinstance(value, str) and _ISO_DATE.match(value):
            attrs[key] = date.fromisoformat(value)


def _frame(rows: list[dict[str, Any]], columns: Sequence[str], **attrs: Any) -> pd.DataFrame:
    import pandas as pd

    frame = pd.DataFrame(rows, columns=list(columns))
    frame.attrs.update(attrs)
    return frame


def _dates(column: pd.Series) -> pd.Series:
    import pandas as pd

    return pd.to_datetime(column)


def _join(items: Sequence[str]) -> str:
    return ", ".join(items)


def _codes(entries: Sequence[EntryRef]) -> str:
    return ", ".join(e.code for e in entries)


class Harmonia:
    """An open graph: the catalogue, the analyses as DataFrames, and the raw graph.

    ``kg.catalog`` and ``kg.analyses`` give the view models the API serves, for when a
    DataFrame is not what you want.
    """

    def __init__(self, store: GraphStore) -> None:
        from queries.analyses import Analyses
        from queries.catalog import Catalog

        self.store = store
        self.catalog = Catalog(store)
        self.analyses: Analyses = Analyses(store)

    # --- reference data -----------------------------------------------------------------------

    def countries(self, regime: str | None = None) -> pd.DataFrame:
        """Countries, optionally only the current members of one regime.

        Columns:

        - ``iso2``: ISO 3166-1 alpha-2 code.
        - ``name``: English name.
        - ``name_fr``: French name.
        - ``name_ar``: Arabic name.
        - ``regimes``: ids of the regimes it currently belongs to, comma-separated.
        - ``lists``: ids of the control-list editions that apply to it (its own, or the EU's
          for EU member states), comma-separated; empty when the graph holds none.
        - ``via``: ``regime:eu`` when the EU's list applies to it, else empty.

        >>> kg.countries(regime="wassenaar").head()
        """
        index = self.analyses.index
        rows = []
        for c in self.catalog.countries(regime=regime):
            lists, via = index.names.lists_of_country(c.id)
            rows.append(
                {
                    "iso2": c.iso2,
                    "name": c.name,
                    "name_fr": c.names.get("fr", ""),
                    "name_ar": c.names.get("ar", ""),
                    "regimes": _join(c.regimes),
                    "lists": _join([i.id for i in lists]),
                    "via": via or "",
                }
            )
        columns = ["iso2", "name", "name_fr", "name_ar", "regimes", "lists", "via"]
        return _frame(rows, columns)

    def regimes(self) -> pd.DataFrame:
        """Regimes, unions and initiatives.

        Columns:

        - ``id``: node id (``regime:wassenaar``).
        - ``short_name``: short English name.
        - ``name``: full English name.
        - ``name_fr``: French name.
        - ``name_ar``: Arabic name.
        - ``kind``: regime, union, initiative, forum or treaty.
        - ``established``: date it was established (datetime64; NaT when unknown).
        - ``member_count``: current members.
        - ``lists``: ids of the list editions it issues, comma-separated.

        >>> kg.regimes()[["short_name", "member_count"]]
        """
        index = self.analyses.index
        rows = [
            {
                "id": r.id,
                "short_name": r.short_name,
                "name": r.name,
                "name_fr": r.names.get("fr", ""),
                "name_ar": r.names.get("ar", ""),
                "kind": r.kind,
                "established": r.established,
                "member_count": r.member_count,
                "lists": _join([i.id for i in index.lists_of_issuer.get(r.id, [])]),
            }
            for r in self.catalog.regimes()
        ]
        frame = _frame(
            rows,
            [
                "id",
                "short_name",
                "name",
                "name_fr",
                "name_ar",
                "kind",
                "established",
                "member_count",
                "lists",
            ],
        )
        frame["established"] = _dates(frame["established"])
        return frame

    def technologies(self) -> pd.DataFrame:
        """The technology taxonomy.

        Columns:

        - ``id``: technology id (``tech:intrusion-software``).
        - ``name``: English name.
        - ``name_fr``: French label.
        - ``name_ar``: Arabic label.
        - ``parent``: id of the broader technology, or empty.
        - ``code_hints``: control codes known to cover it, comma-separated.

        >>> kg.technologies().set_index("id")["name_fr"]
        """
        rows = [
            {
                "id": t.id,
                "name": t.name,
                "name_fr": t.labels.get("fr", ""),
                "name_ar": t.labels.get("ar", ""),
                "parent": t.parent or "",
                "code_hints": _join(t.code_hints),
            }
            for t in self.catalog.technologies()
        ]
        return _frame(rows, ["id", "name", "name_fr", "name_ar", "parent", "code_hints"])

    def memberships(self, current: bool = True) -> pd.DataFrame:
        """Who belongs to which regime or initiative, and who subscribes to which code of
        conduct: one row per country and regime (or code).

        Columns:

        - ``country``: ISO 3166-1 alpha-2 code.
        - ``name``: the country's English name.
        - ``regime``: regime or code-of-conduct id (``regime:mtcr``,
          ``coc:echri-code-of-conduct``).
        - ``kind``: ``member`` (MEMBER_OF) or ``subscriber`` (SUBSCRIBES).
        - ``role``: as the source words it (participating state, partner, endorser ...).
        - ``since``: start date (datetime64; NaT when unknown).
        - ``until``: end date (NaT while current).

        ``current=False`` also returns memberships that have ended (the UK in the EU).

        >>> kg.memberships().pivot_table(index="country", columns="regime", aggfunc="size")
        """
        index = self.analyses.index
        rows: list[dict[str, Any]] = []
        for m in index.memberships:
            if current and not m.current():
                continue
            rows.append(
                {
                    "country": index.iso2(m.country),
                    "name": index.country_name(m.country),
                    "regime": m.regime,
                    "kind": "member",
                    "role": m.role,
                    "since": m.since,
                    "until": m.until,
                }
            )
        for s in index.data.subscriptions():
            rows.append(
                {
                    "country": index.iso2(s.country),
                    "name": index.country_name(s.country),
                    "regime": s.code,
                    "kind": "subscriber",
                    "role": s.role,
                    "since": s.date,
                    "until": None,
                }
            )
        frame = _frame(rows, ["country", "name", "regime", "kind", "role", "since", "until"])
        for column in ("since", "until"):
            frame[column] = _dates(frame[column])
        return frame.sort_values(["country", "regime"], ignore_index=True)

    # --- analyses -----------------------------------------------------------------------------

    def divergences(
        self,
        jurisdictions: Sequence[str],
        *,
        category: str | None = None,
        technology: str | None = None,
        code_prefix: str | None = None,
        kinds: Sequence[str] | None = None,
        include_agreements: bool = False,
    ) -> pd.DataFrame:
        """Where the controls of two or more jurisdictions diverge, one row per divergence.

        ``jurisdictions``: country codes (``US``), ``EU``, or regimes (``wassenaar``);
        ``technology``: an id or a label in English, French or Arabic; ``category``: 0-9 or
        ML1-ML22; ``kinds``: keep only these kinds.

        Columns (``<J>`` is each jurisdiction, in the order given):

        - ``kind``: not-implemented, edition-lag, scope-differs, unilateral,
          not-in-regime-list, other-regime (or agreement when asked for).
        - ``code``: the regime code, or the national code for entries with no regime
          counterpart.
        - ``category``: category of the entry (0-9 dual-use, ML1-ML22 munitions).
        - ``regime``: regime the entry belongs to (``regime:wassenaar`` ...), if any.
        - ``reference_list``: the regime list edition compared with (empty for national
          entries).
        - ``reference_code``: code of the regime entry, as the regime list writes it.
        - ``reference_text``: text of the regime entry (about 280 characters).
        - ``controlled_by``: jurisdictions controlling it, comma-separated.
        - ``not_controlled_by``: jurisdictions whose comparable lists lack it.
        - ``technologies``: technology ids the entry covers, comma-separated.
        - ``sub_entries``: sub-entries that diverge the same way, folded into this row.
        - ``thresholds``: threshold differences, ``quantity: J 'text', ...`` joined by `` | ``.
        - ``reason``: one sentence saying why the row is reported.
        - ``status_<J>``: how J's lists hold it (controls, same, broader, narrower,
          different-parameters, implemented, via-parent, partial, not-implemented,
          not-in-edition-held, no-comparable-list, no-list-held).
        - ``codes_<J>``: J's entries for it, comma-separated.
        - ``editions_<J>``: J's list editions compared, ``list id (edition date)``.
        - ``text_<J>``: text of J's first entry (about 280 characters).
        - ``note_<J>``: alignment evidence or origin note for J's side.

        ``attrs``: ``counts`` (rows per kind), ``compared`` and ``agreed`` (regime entries
        compared / controlled alike), ``notes`` (caveats), ``jurisdictions`` (keys),
        ``editions`` (list ids per jurisdiction), ``reference`` (regime list id).

        >>> df = kg.divergences(["US", "EU", "wassenaar"], technology="surveillance")
        >>> df[["kind", "code", "status_US", "status_EU", "reason"]]
        """
        from queries.tables import divergence_columns, divergence_records

        report = self.analyses.divergences(
            build(
                DivergenceRequest,
                jurisdiction=list(jurisdictions),
                category=category,
                technology=technology,
                code_prefix=code_prefix,
                kind=kinds,
                include_agreements=include_agreements,
            )
        )
        return _frame(
            divergence_records(report),
            divergence_columns(report),
            counts=dict(report.counts),
            compared=report.compared,
            agreed=report.agreed,
            notes=list(report.notes),
            jurisdictions=[j.key for j in report.jurisdictions],
            editions={j.key: [i.list_id for i in j.lists] for j in report.jurisdictions},
            reference=report.reference.list_id if report.reference is not None else None,
        )

    def coverage(
        self,
        list_id: str | None = None,
        *,
        category: str | None = None,
        code_prefix: str | None = None,
        technology: str | None = None,
        jurisdictions: Sequence[str] | None = None,
        statuses: Sequence[str] | None = None,
    ) -> pd.DataFrame:
        """Who implements each entry of a regime list (the newest Wassenaar list by default):
        one row per regime entry and member jurisdiction (EU member states appear once, as
        ``EU``, through the EU list).

        Columns:

        - ``list_id``: the regime list edition (``list:wassenaar:2025``).
        - ``code``: code of the regime entry as the regime list writes it (``5.A.1.j``).
        - ``canonical``: canonical code of the regime entry (``5A001.j``).
        - ``category``: 1-9 dual-use, ML1-ML22 munitions.
        - ``text``: text of the regime entry (about 280 characters).
        - ``technologies``: technology ids the regime entry covers, comma-separated.
        - ``jurisdiction``: whose lists: a country code, or ``EU`` for the EU member states.
        - ``countries``: regime members these lists stand for, comma-separated.
        - ``status``: same, broader, narrower, different-parameters, implemented, via-parent,
          partial, not-implemented, not-in-edition-held, no-comparable-list or no-list-held.
        - ``controlled``: True when the status counts as controlled (implemented, via-parent,
          partial).
        - ``codes``: the national entries implementing it, comma-separated.
        - ``editions``: the national list editions compared, comma-separated.
        - ``similarity``: text similarity of the first national entry with the regime's, 0..1.
        - ``evidence``: the alignment's evidence sentences, joined by `` | ``.
        - ``reason``: one sentence on who implements the regime entry and who does not.

        ``attrs``: ``summary`` (one dict per jurisdiction: comparable, controlled, percent,
        counts, reason), ``members_without_list``, ``edition``.

        >>> cov = kg.coverage(category="5")
        >>> cov.pivot_table(index="code", columns="jurisdiction", values="controlled")
        """
        from queries.tables import COVERAGE_COLUMNS, coverage_records

        report = self.analyses.coverage(
            build(
                CoverageRequest,
                list_id=list_id,
                category=category,
                code_prefix=code_prefix,
                technology=technology,
                jurisdiction=jurisdictions,
                status=statuses,
            )
        )
        return _frame(
            coverage_records(report),
            list(COVERAGE_COLUMNS),
            summary=[j.model_dump(mode="json") for j in report.jurisdictions],
            members_without_list=list(report.members_without_list),
            edition=report.edition.list_id,
        )

    def coverage_matrix(
        self,
        jurisdictions: Sequence[str],
        *,
        by: Literal["category", "technology"] = "category",
        value: Literal["percent", "controlled", "comparable", "entries"] = "percent",
    ) -> pd.DataFrame:
        """Coverage of the newest Wassenaar list per category (or technology) and
        jurisdiction: the matrix the dashboard colours, ready for a heatmap.

        Works for any jurisdictions: countries (an EU member state through the EU list), the
        EU, regimes, and countries whose lists are not held (their cells are NaN).

        The index is the category code (``1`` ... ``9``, ``ML1`` ... ``ML22``) or the
        technology id; there is one column per jurisdiction key (e.g. ``US``, ``EU``,
        ``wassenaar``), holding ``value``:

        - ``percent``: share of the row's comparable Wassenaar entries its lists control (NaN
          when none is comparable: no list of that kind held).
        - ``controlled``: number of those entries it controls.
        - ``comparable``: number of the row's entries its lists can hold.
        - ``entries``: its own active entries in the row (for a technology: outermost entries
          tagged with it, unilateral ones included).

        ``attrs``: ``labels`` (row key -> English label), ``reference_entries`` (row key ->
        Wassenaar entries in the row), ``reference`` (list id).

        >>> m = kg.coverage_matrix(["US", "EU", "IN", "GB", "NO"])
        >>> plt.imshow(m.to_numpy(dtype=float), vmin=80, vmax=100)
        """
        import pandas as pd

        from queries.dashboard import coverage_matrix

        matrix = coverage_matrix(
            self.analyses, build(MatrixRequest, jurisdiction=list(jurisdictions), by=by)
        )
        keys = [j.key for j in matrix.jurisdictions]
        data = {
            row.key: {cell.jurisdiction: getattr(cell, value) for cell in row.cells}
            for row in matrix.rows
        }
        frame = pd.DataFrame.from_dict(data, orient="index", columns=keys).astype(float)
        frame.index.name = by
        frame.columns.name = "jurisdiction"
        frame.attrs.update(
            labels={row.key: row.labels["en"] for row in matrix.rows},
            reference_entries={row.key: row.reference_entries for row in matrix.rows},
            reference=matrix.reference.list_id,
        )
        return frame

    def gaps(
        self,
        regime: str = "wassenaar",
        *,
        category: str | None = None,
        code_prefix: str | None = None,
        technology: str | None = None,
        include_lag: bool = True,
    ) -> pd.DataFrame:
        """Regime entries missing from members' lists: one row per missing entry and
        jurisdiction (sub-entries missing the same way are folded into their parent's row).

        Columns:

        - ``jurisdiction``: whose lists lack it (a country code, or ``EU``).
        - ``countries``: members these lists stand for, comma-separated.
        - ``status``: not-implemented (absent from a list as recent as the regime's) or
          not-in-edition-held (absent from an older edition: possibly not yet implemented).
        - ``code``: the regime entry's code.
        - ``category``: its category.
        - ``text``: its text (about 280 characters).
        - ``national_codes``: reserved national paragraphs with the same number, if any.
        - ``editions``: the national list editions compared, comma-separated.
        - ``technologies``: technology ids the regime entry covers, comma-separated.
        - ``sub_entries``: sub-entries missing the same way.
        - ``reason``: one sentence saying why it is a gap.

        ``attrs``: ``members`` (one dict per member: status, percent, reason), ``notes``.

        >>> kg.gaps("wassenaar", category="5")
        """
        report = self.analyses.regime_gaps(
            regime,
            build(
                RegimeGapsRequest,
                category=category,
                code_prefix=code_prefix,
                technology=technology,
                include_lag=include_lag,
            ),
        )
        rows = [
            {
                "jurisdiction": r.jurisdiction,
                "countries": _join(r.countries),
                "status": r.status,
                "code": r.entry.code,
                "category": r.entry.category or "",
                "text": r.entry.text,
                "national_codes": _codes(r.entries),
                "editions": _join([e.list_id for e in r.editions]),
                "technologies": _join(r.technologies),
                "sub_entries": r.sub_entries,
                "reason": r.reason,
            }
            for r in report.items
        ]
        columns = [
            "jurisdiction",
            "countries",
            "status",
            "code",
            "category",
            "text",
            "national_codes",
            "editions",
            "technologies",
            "sub_entries",
            "reason",
        ]
        return _frame(
            rows,
            columns,
            members=[m.model_dump(mode="json") for m in report.members],
            notes=list(report.notes),
        )

    def commitment_gaps(
        self,
        code: str = "echri",
        *,
        technology: str | None = None,
        countries: Sequence[str] | None = None,
        statuses: Sequence[str] | None = None,
    ) -> pd.DataFrame:
        """For each subscriber of a code of conduct and each technology it addresses, whether
        the subscriber's lists control it.

        Columns:

        - ``country``: ISO code of the subscriber.
        - ``name``: its English name.
        - ``technology``: technology id.
        - ``technology_name``: its English name.
        - ``status``: controlled, gap, no-list-held or no-dual-use-list-held.
        - ``entries``: the entries covering the technology (the evidence), comma-separated.
        - ``editions``: the list editions read, comma-separated.
        - ``regime_covers``: whether the Wassenaar list itself has an entry for it.
        - ``reason``: one sentence with the evidence.

        >>> kg.commitment_gaps("echri", statuses=["gap"])
        """
        report = self.analyses.commitment_gaps(
            code,
            build(CommitmentGapsRequest, technology=technology, country=countries, status=statuses),
        )
        rows = [
            {
                "country": r.country,
                "name": r.name,
                "technology": r.technology,
                "technology_name": r.technology_name,
                "status": r.status,
                "entries": _codes(r.entries),
                "editions": _join([e.list_id for e in r.editions]),
                "regime_covers": r.regime_covers,
                "reason": r.reason,
            }
            for r in report.items
        ]
        columns = [
            "country",
            "name",
            "technology",
            "technology_name",
            "status",
            "entries",
            "editions",
            "regime_covers",
            "reason",
        ]
        return _frame(rows, columns, counts=dict(report.counts), notes=list(report.notes))

    def changes(
        self,
        after: str,
        before: str | None = None,
        *,
        category: str | None = None,
        code_prefix: str | None = None,
        changes: Sequence[str] | None = None,
    ) -> pd.DataFrame:
        """Entries added, removed and changed between two editions of one list (``before``
        defaults to the edition held just before ``after``; it must be held).

        Columns:

        - ``change``: added, removed, renumbered (same entry under another code) or changed.
        - ``canonical``: canonical code of the entry.
        - ``code_before``: code in the older edition (empty when added).
        - ``code_after``: code in the newer edition (empty when removed).
        - ``text_before``: older text (about 280 characters).
        - ``text_after``: newer text (about 280 characters).
        - ``fields``: fields that changed, comma-separated.
        - ``diff``: unified diff of the text, one line per change.
        - ``thresholds``: stricter / looser / same / different-parameters in the newer
          edition (empty when no threshold pair could be compared).
        - ``reason``: one sentence saying what changed.

        ``attrs``: ``before`` and ``after`` (list ids), ``counts``.

        >>> kg.changes("list:wassenaar:2025", "list:wassenaar:2021")
        """
        report = self.analyses.changes(
            build(
                ChangesRequest,
                after=after,
                before=before,
                category=category,
                code_prefix=code_prefix,
                change=changes,
            )
        )
        rows = [
            {
                "change": r.change,
                "canonical": r.canonical,
                "code_before": r.before.code if r.before else "",
                "code_after": r.after.code if r.after else "",
                "text_before": r.before.text if r.before else "",
                "text_after": r.after.text if r.after else "",
                "fields": _join(r.fields),
                "diff": "\n".join(r.diff),
                "thresholds": r.thresholds or "",
                "reason": r.reason,
            }
            for r in report.items
        ]
        columns = [
            "change",
            "canonical",
            "code_before",
            "code_after",
            "text_before",
            "text_after",
            "fields",
            "diff",
            "thresholds",
            "reason",
        ]
        return _frame(
            rows,
            columns,
            before=report.before.list_id,
            after=report.after.list_id,
            counts=dict(report.counts),
        )

    def search(
        self,
        query: str,
        *,
        mode: Literal["auto", "code", "words"] = "auto",
        system: str | None = None,
        list_id: str | None = None,
    ) -> pd.DataFrame:
        """Entries by code in any numbering (``5.A.1.j``, ``5A001.j``, ``ML10``; SCOMET codes
        with ``system="scomet"``) or by words (technology labels in English, French, Arabic).

        Columns:

        - ``list_id``: the list edition holding the entry.
        - ``code``: the entry's code as the list writes it.
        - ``canonical``: its canonical code.
        - ``category``: its category.
        - ``text``: its text (about 280 characters).
        - ``status``: active, reserved or not-used.
        - ``match``: code, counterpart, words or technology.
        - ``score``: 0..100; exact code matches score 100.
        - ``edition_date``: the list edition's date (datetime64).
        - ``reason``: why it matched.

        ``attrs``: ``interpreted_as``, ``technologies`` (ids the words matched).

        >>> kg.search("logiciel d'intrusion")
        """
        report = self.analyses.search(
            build(SearchRequest, q=query, mode=mode, system=system, list_id=list_id)
        )
        rows = [
            {
                "list_id": h.entry.list_id,
                "code": h.entry.code,
                "canonical": h.entry.canonical,
                "category": h.entry.category or "",
                "text": h.entry.text,
                "status": h.entry.status,
                "match": h.match,
                "score": h.score,
                "edition_date": h.edition.edition_date,
                "reason": h.reason,
            }
            for h in report.items
        ]
        columns = [
            "list_id",
            "code",
            "canonical",
            "category",
            "text",
            "status",
            "match",
            "score",
            "edition_date",
            "reason",
        ]
        frame = _frame(
            rows,
            columns,
            interpreted_as=report.interpreted_as,
            technologies=list(report.technologies),
        )
        frame["edition_date"] = _dates(frame["edition_date"])
        return frame

    def claims(
        self,
        *,
        country: str | None = None,
        initiative: str | None = None,
        technology: str | None = None,
        agreement: Literal["agrees", "contradicts", "unknown"] | None = None,
        predicate: str | None = None,
        language: Literal["ar", "en", "fr"] | None = None,
    ) -> pd.DataFrame:
        """Claims made by ingested documents (news, statements), each with the sentence it
        rests on and whether the official data in the graph agrees.

        Columns:

        - ``id``: claim id.
        - ``subject``: node id of the subject (``country:DK``).
        - ``subject_name``: its name.
        - ``predicate``: member_of, subscribes_to, lists_party, controls or partners_with.
        - ``object``: node id of the object (``regime:echri``).
        - ``object_name``: its name.
        - ``qualifier``: extra words of the claim (a date, a technology), if any.
        - ``sentence``: the evidence: the sentence stating the claim.
        - ``document``: document id.
        - ``document_title``: its title.
        - ``published``: its publication date (datetime64; NaT when unknown).
        - ``language``: ar, en or fr.
        - ``confidence``: 0..1.
        - ``agreement``: agrees, contradicts or unknown (what the official data says).
        - ``agreement_reason``: why.

        >>> kg.claims(agreement="contradicts")
        """
        from queries.documents import ClaimView, DocumentQueries

        found = DocumentQueries(self.store).claims(
            country=country,
            initiative=initiative,
            technology=technology,
            agreement=agreement,
            predicate=predicate,
            language=language,
        )
        columns = list(ClaimView.model_fields)
        frame = _frame([c.model_dump() for c in found], columns)
        frame["published"] = _dates(frame["published"])
        return frame

    # --- the graph ----------------------------------------------------------------------------

    def to_networkx(
        self,
        *,
        jurisdiction: str | Sequence[str] | None = None,
        technology: str | None = None,
        category: str | None = None,
        typed: bool = True,
    ) -> nx.MultiDiGraph:
        """The whole graph, or the part about some jurisdictions, a technology and/or a
        category (all filters given must hold).

        Node attribute ``label`` is the node's type (Country, Regime, ControlList,
        ControlEntry, Technology, Party ...), edge attribute ``type`` the edge's (MEMBER_OF,
        ISSUES, CONTAINS, PARENT_OF, IMPLEMENTS, ORIGIN, COVERS ...); every other property is
        flat, provenance as ``prov_*``. With ``typed`` (the default) the date properties
        (:data:`DATE_PROPERTIES`) are ``datetime.date``, numbers int or float, flags bool,
        lists and maps Python lists and dicts; the result is a new graph you may change.
        ``typed=False`` without filters returns the store's own frozen graph (no copy).

        A chosen part keeps the matching entries of the jurisdictions' lists (an EU member
        state: the EU list), their lists and issuers, the regime entries they implement,
        their origins and technologies, and the jurisdictions with their regimes and codes of
        conduct.

        >>> g = kg.to_networkx(jurisdiction="US", technology="intrusion software")
        >>> [d["code"] for _, d in g.nodes(data=True) if d["label"] == "ControlEntry"]
        """
        import networkx as nx

        from queries.subgraph import select_subgraph

        graph = self.store.to_networkx()
        wanted = [jurisdiction] if isinstance(jurisdiction, str) else jurisdiction
        if not wanted and technology is None and category is None:
            if not typed:
                return graph
            chosen = nx.MultiDiGraph(graph)
        else:
            chosen = select_subgraph(
                graph,
                self.analyses,
                jurisdictions=list(wanted) if wanted else None,
                technology=technology,
                category=category,
            )
        if typed:
            for _, attrs in chosen.nodes(data=True):
                _typed(attrs)
            for _, _, attrs in chosen.edges(data=True):
                _typed(attrs)
        return chosen

    # --- lifecycle ----------------------------------------------------------------------------

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Harmonia:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open(settings: Settings | None = None, **overrides: object) -> Harmonia:
    """Open the configured graph read-only (embedded by default, Neo4j by settings).

    Settings come from ``HARMONIA_*`` variables (``HARMONIA_DB_PATH`` for the embedded file);
    ``overrides`` set fields directly, e.g. ``harmonia.open(db_path="other.sqlite")``.
    """
    base = settings or Settings()
    if overrides:
        base = Settings.model_validate({**base.model_dump(), **overrides})
    store = store_from_settings(base, read_only=base.store == "embedded")
    _bring_derived_up_to_date(store, base)
    return Harmonia(store)


def _bring_derived_up_to_date(store: GraphStore, settings: Settings) -> None:
    """Rebuild a stale alignment (an ingest stopped before it) before any analysis reads it;
    warn, and read on, when this graph cannot be written here."""
    import warnings

    from ingest.runner import IngestError, alignment_stale, bring_derived_up_to_date
    from store.base import StoreError

    if not alignment_stale(store):
        return
    try:
        writer = store_from_settings(settings)
        try:
            bring_derived_up_to_date(writer)
        finally:
            writer.close()
    except (IngestError, StoreError, OSError) as exc:
        warnings.warn(
            f"the graph's derived alignment is stale and could not be rebuilt ({exc}); "
            "divergences and coverage may be wrong until 'harmonia ingest' runs",
            stacklevel=3,
        )
