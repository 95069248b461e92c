"""The analyses as DataFrames: divergences, coverage and its matrix, gaps, changes, search (a part
of :class:`harmonia.client.Harmonia`). Each builds its analysis's request model from its
arguments, so a bad value is an ``InvalidQuery`` naming the parameter."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Literal, TypeVar

from harmonia.frames import as_dates, codes_of, joined, to_frame
from queries.requests import (
    BriefPartsTextRequest,
    BriefTextRequest,
    ChangesRequest,
    CommitmentGapsRequest,
    CoverageRequest,
    DivergenceRequest,
    Language,
    MatrixRequest,
    RegimeGapsRequest,
    SearchRequest,
    build,
)

if TYPE_CHECKING:
    import pandas as pd

    from queries.analyses import Analyses
    from queries.index import Index
    from queries.views import Brief, GroupBrief, PairBrief

B = TypeVar("B", bound="Brief | PairBrief | GroupBrief")


def _printed(index: Index, report: B, pdf: str | Path | None, lang: Language) -> B:
    """The brief, printed to ``pdf`` in ``lang`` first when asked (headless Chromium)."""
    if pdf is not None:
        from harmonia.pdf import html_to_pdf
        from harmonia.settings import Settings
        from queries.brief_text import names_of, to_html

        page = to_html(report, lang, names_of(index, report, lang))
        html_to_pdf(page, Path(pdf), Settings().chromium)
    return report


class AnalysisFrames:
    analyses: Analyses

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
                "countries": joined(r.countries),
                "status": r.status,
                "code": r.entry.code,
                "category": r.entry.category or "",
                "text": r.entry.text,
                "national_codes": codes_of(r.entries),
                "editions": joined([e.list_id for e in r.editions]),
                "technologies": joined(r.technologies),
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
        return to_frame(
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
                "entries": codes_of(r.entries),
                "editions": joined([e.list_id for e in r.editions]),
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
        return to_frame(rows, columns, counts=dict(report.counts), notes=list(report.notes))

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
                "fields": joined(r.fields),
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
        return to_frame(
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
        report = self.analyses.search(
            build(
                SearchRequest,
                q=query,
                mode=mode,
                system=system,
                list_id=list_id,
                editions=editions,
            )
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
        frame = to_frame(
            rows,
            columns,
            interpreted_as=report.interpreted_as,
            technologies=list(report.technologies),
        )
        frame["edition_date"] = as_dates(frame["edition_date"])
        return frame

    def brief(
        self,
        jurisdiction: str,
        *,
        against: str = "wassenaar",
        category: str | None = None,
        technology: str | None = None,
        items: int = 50,
        pdf: str | Path | None = None,
        lang: Language = "en",
    ) -> Brief:
        """A harmonisation brief: ``jurisdiction``'s standing against the reference and a
        ranked agenda (``to_adopt``, ``to_align``, ``to_update``), every point a divergence row
        with its evidence; then the codes of conduct it subscribes to (``commitments``), the
        controls partners share beyond the regimes (``shared``) and the parties partners list
        and it does not (``parties``). The result is the model ``/briefs`` serves; its parts
        become frames with ``pd.DataFrame([r.model_dump() for r in b.to_adopt.items])``. With
        ``pdf``, the brief is also printed to that file (headless Chromium, as ``harmonia brief
        --pdf``), in English, French or Arabic (``lang``); :meth:`brief_markdown` gives its
        text.

        >>> b = kg.brief("IN", pdf="india.pdf")
        >>> b.standing.convergence.percent
        """
        from queries.brief import brief

        request = build(
            BriefTextRequest,
            against=against,
            category=category,
            technology=technology,
            items=items,
            lang=lang,
        )
        report = brief(self.analyses, jurisdiction, request)
        return _printed(self.analyses.index, report, pdf, request.lang)

    def pair_brief(
        self,
        first: str,
        second: str,
        *,
        category: str | None = None,
        technology: str | None = None,
        items: int = 50,
        pdf: str | Path | None = None,
        lang: Language = "en",
    ) -> PairBrief:
        """Two jurisdictions side by side (``/briefs/pairs``): for each (``first``,
        ``second``), where its thresholds catch more (``stricter``) and what it controls that
        the other does not (``only``); then ``undecided``. Every point a divergence row. With
        ``pdf``, printed to that file in ``lang`` (en, fr, ar).

        >>> kg.pair_brief("US", "EU", technology="surveillance").first.only.total
        """
        from queries.brief import pair_brief

        request = build(
            BriefPartsTextRequest,
            category=category,
            technology=technology,
            items=items,
            lang=lang,
        )
        report = pair_brief(self.analyses, first, second, request)
        return _printed(self.analyses.index, report, pdf, request.lang)

    def group_brief(
        self,
        code: str = "echri",
        *,
        technology: str | None = None,
        pdf: str | Path | None = None,
        lang: Language = "en",
    ) -> GroupBrief:
        """The subscribers of a code of conduct against its technologies (``/briefs/groups``):
        per technology, who lacks a control (``lacking``), who has one (``controlled``), and
        whose lists are not held (``not_held``), with the evidence rows. With ``pdf``, printed
        to that file in ``lang`` (en, fr, ar).

        >>> kg.group_brief("echri", technology="surveillance").technologies[0].lacking
        """
        from queries.brief import group_brief

        request = build(BriefPartsTextRequest, technology=technology, lang=lang)
        report = group_brief(self.analyses, code, request)
        return _printed(self.analyses.index, report, pdf, request.lang)

    def brief_markdown(
        self,
        subject: str,
        *,
        against: str = "wassenaar",
        category: str | None = None,
        technology: str | None = None,
        items: int = 50,
        lang: Language = "en",
    ) -> str:
        """The brief ``harmonia brief SUBJECT --against AGAINST --markdown -`` writes, in
        English, French or Arabic: a jurisdiction against a regime, a pair (``against`` another
        jurisdiction) or a group (a code of conduct as ``subject``). List texts stay in
        English and say so.

        >>> print(kg.brief_markdown("IN", lang="fr"))
        """
        from queries.brief import any_brief
        from queries.brief_text import names_of, to_markdown

        request = build(
            BriefTextRequest,
            against=against,
            category=category,
            technology=technology,
            items=items,
            lang=lang,
        )
        report = any_brief(self.analyses, subject, request)
        return to_markdown(report, request.lang, names_of(self.analyses.index, report, lang))
