"""The analyses as DataFrames: divergences, coverage and its matrix, gaps, changes, search (a part
of :class:`harmonia.client.Harmonia`). Each builds its analysis's request model from its
arguments, so a bad value is an ``InvalidQuery`` naming the parameter; the builders are shared
with the ``harmonia query`` and ``harmonia export`` commands."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal

from harmonia.frames import as_dates, to_frame
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

if TYPE_CHECKING:
    import pandas as pd

    from queries.analyses import Analyses


# --- the requests ---------------------------------------------------------------------------
# What a method below and the matching command ask, built in one place from the method's
# arguments, in its order (the commands pass ``--code`` as code_prefix, ``--member`` as
# jurisdictions): a parameter's Python name is mapped to its request field once. They take
# every argument, so a caller that leaves one out is a type error rather than a silent default.


def divergence_request(
    jurisdictions: Sequence[str],
    category: str | None,
    technology: str | None,
    code_prefix: str | None,
    kinds: Sequence[str] | None,
    include_agreements: bool,
) -> DivergenceRequest:
    return build(
        DivergenceRequest,
        jurisdiction=list(jurisdictions),
        category=category,
        technology=technology,
        code_prefix=code_prefix,
        kind=kinds,
        include_agreements=include_agreements,
    )


def coverage_request(
    list_id: str | None,
    category: str | None,
    code_prefix: str | None,
    technology: str | None,
    jurisdictions: Sequence[str] | None,
    statuses: Sequence[str] | None,
) -> CoverageRequest:
    return build(
        CoverageRequest,
        list_id=list_id,
        category=category,
        code_prefix=code_prefix,
        technology=technology,
        jurisdiction=jurisdictions,
        status=statuses,
    )


def regime_gaps_request(
    category: str | None, code_prefix: str | None, technology: str | None, include_lag: bool
) -> RegimeGapsRequest:
    return build(
        RegimeGapsRequest,
        category=category,
        code_prefix=code_prefix,
        technology=technology,
        include_lag=include_lag,
    )


def commitment_gaps_request(
    technology: str | None, countries: Sequence[str] | None, statuses: Sequence[str] | None
) -> CommitmentGapsRequest:
    return build(CommitmentGapsRequest, technology=technology, country=countries, status=statuses)


def changes_request(
    after: str,
    before: str | None,
    category: str | None,
    code_prefix: str | None,
    changes: Sequence[str] | None,
) -> ChangesRequest:
    return build(
        ChangesRequest,
        after=after,
        before=before,
        category=category,
        code_prefix=code_prefix,
        change=changes,
    )


def search_request(
    query: str, mode: str, system: str | None, list_id: str | None, editions: str
) -> SearchRequest:
    return build(
        SearchRequest, q=query, mode=mode, system=system, list_id=list_id, editions=editions
    )


class AnalysisFrames:
    analyses: Analyses

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
            divergence_request(
                jurisdictions, category, technology, code_prefix, kinds, include_agreements
            )
        )
        return to_frame(
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
            coverage_request(list_id, category, code_prefix, technology, jurisdictions, statuses)
        )
        return to_frame(
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
        from queries.tables import REGIME_GAP_COLUMNS, regime_gap_records

        report = self.analyses.regime_gaps(
            regime,
            regime_gaps_request(category, code_prefix, technology, include_lag),
        )
        return to_frame(
            regime_gap_records(report),
            list(REGIME_GAP_COLUMNS),
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
        from queries.tables import COMMITMENT_GAP_COLUMNS, commitment_gap_records

        report = self.analyses.commitment_gaps(
            code,
            commitment_gaps_request(technology, countries, statuses),
        )
        return to_frame(
            commitment_gap_records(report),
            list(COMMITMENT_GAP_COLUMNS),
            counts=dict(report.counts),
            notes=list(report.notes),
        )

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
        from queries.tables import CHANGE_COLUMNS, change_records

        report = self.analyses.changes(
            changes_request(after, before, category, code_prefix, changes)
        )
        return to_frame(
            change_records(report),
            list(CHANGE_COLUMNS),
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
        editions: Literal["current", "all"] = "current",
    ) -> pd.DataFrame:
        """Entries by code in any numbering (``5.A.1.j``, ``5A001.j``, ``ML10``; SCOMET codes
        with ``system="scomet"``) or by words (technology labels in English, French, Arabic),
        in the newest edition of every list (``editions="all"``: older editions too).

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
        from queries.tables import SEARCH_COLUMNS, search_records

        report = self.analyses.search(search_request(query, mode, system, list_id, editions))
        frame = to_frame(
            search_records(report),
            list(SEARCH_COLUMNS),
            interpreted_as=report.interpreted_as,
            technologies=list(report.technologies),
        )
        frame["edition_date"] = as_dates(frame["edition_date"])
        return frame
