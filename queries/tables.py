"""Flat rows of the analyses, with their columns documented: what the CSV exports, the
notebook client's DataFrames and the CLI write, so that all three agree column for column."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

from queries.requests import Language
from queries.status import CONTROLLED
from queries.views import (
    ChangeReport,
    CommitmentGapReport,
    CoverageReport,
    DivergenceReport,
    EntryRef,
    RegimeGapReport,
    SearchReport,
)

#: Columns of a divergence record. ``<J>`` stands for each jurisdiction compared, in the
#: order given (e.g. ``status_US``, ``status_EU``).
DIVERGENCE_COLUMNS: dict[str, str] = {
    "kind": "not-implemented, edition-lag, scope-differs, unilateral, not-in-regime-list, "
    "other-regime (or agreement when asked for).",
    "code": "The regime code, or the national code for entries with no regime counterpart.",
    "category": "Category of the entry: 0-9 dual-use, ML1-ML22 munitions.",
    "regime": "Regime the entry belongs to (regime:wassenaar, regime:mtcr ...), if any.",
    "reference_list": "The regime list edition compared with (empty for national entries).",
    "reference_code": "Code of the regime entry, as the regime list writes it.",
    "reference_text": "Text of the regime entry (shortened to about 280 characters).",
    "controlled_by": "Jurisdictions controlling it, comma-separated.",
    "not_controlled_by": "Jurisdictions whose comparable lists lack it, comma-separated.",
    "technologies": "Technology ids the entry covers, comma-separated.",
    "sub_entries": "Sub-entries that diverge the same way, folded into this row.",
    "thresholds": "Threshold differences: 'quantity: J 'text', ...' separated by ' | '.",
    "reason": "One sentence saying why the row is reported.",
    "reason_said": "Only with lang=fr or ar: the reason in that language, rebuilt from the row's "
    "fields as /divergences?lang= gives it (reason_said.text; a quote the analysis wrote in "
    "English stays English and says so); empty where the fields cannot rebuild it.",
    "status_<J>": "How J's lists hold the entry: controls, same, other-bounds, broader, narrower, "
    "different-parameters, implemented, via-parent, partial, not-implemented, "
    "not-in-edition-held, no-comparable-list or no-list-held.",
    "codes_<J>": "J's entries for it, comma-separated.",
    "editions_<J>": "J's list editions compared, as 'list id (edition date)', comma-separated.",
    "text_<J>": "Text of J's first entry (shortened to about 280 characters).",
    "note_<J>": "Alignment evidence or origin note for J's side.",
}

#: Columns of a coverage record: one row per regime entry and jurisdiction.
COVERAGE_COLUMNS: dict[str, str] = {
    "list_id": "The regime list edition (e.g. list:wassenaar:2025).",
    "code": "Code of the regime entry as the regime list writes it (5.A.1.j).",
    "canonical": "Canonical code of the regime entry (5A001.j).",
    "category": "Category: 1-9 dual-use, ML1-ML22 munitions.",
    "text": "Text of the regime entry (shortened to about 280 characters).",
    "technologies": "Technology ids the regime entry covers, comma-separated.",
    "jurisdiction": "Whose lists: a country code, or EU for the EU member states.",
    "countries": "Regime members these lists stand for, comma-separated.",
    "status": "same, broader, narrower, different-parameters, implemented, via-parent, "
    "partial, not-implemented, not-in-edition-held, no-comparable-list or no-list-held.",
    "controlled": "True when the status counts as controlled (implemented, via-parent, partial).",
    "codes": "The national entries implementing it, comma-separated.",
    "editions": "The national list editions compared, comma-separated.",
    "similarity": "Text similarity of the first national entry with the regime's, 0..1.",
    "evidence": "The alignment's evidence sentences, separated by ' | '.",
    "reason": "One sentence on who implements the regime entry and who does not.",
}

#: Columns of a regime gap record: one row per missing regime entry and jurisdiction.
REGIME_GAP_COLUMNS: dict[str, str] = {
    "jurisdiction": "Whose lists lack it: a country code, or EU.",
    "countries": "Members these lists stand for, comma-separated.",
    "status": "not-implemented (absent from a list as recent as the regime's) or "
    "not-in-edition-held (absent from an older edition: possibly not yet implemented).",
    "code": "The regime entry's code.",
    "category": "Its category.",
    "text": "Its text (shortened to about 280 characters).",
    "national_codes": "Reserved national paragraphs with the same number, if any.",
    "editions": "The national list editions compared, comma-separated.",
    "technologies": "Technology ids the regime entry covers, comma-separated.",
    "sub_entries": "Sub-entries missing the same way.",
    "reason": "One sentence saying why it is a gap.",
}

#: Columns of a commitment gap record: one row per subscriber and technology addressed.
COMMITMENT_GAP_COLUMNS: dict[str, str] = {
    "country": "ISO code of the subscriber.",
    "name": "Its English name.",
    "technology": "Technology id.",
    "technology_name": "Its English name.",
    "status": "controlled, gap, no-list-held or no-dual-use-list-held.",
    "entries": "The entries covering the technology (the evidence), comma-separated.",
    "editions": "The list editions read, comma-separated.",
    "regime_covers": "Whether the Wassenaar list itself has an entry for it.",
    "reason": "One sentence with the evidence.",
}

#: Columns of a change record: one row per entry added, removed or changed between editions.
CHANGE_COLUMNS: dict[str, str] = {
    "change": "added, removed, renumbered (same entry under another code) or changed.",
    "canonical": "Canonical code of the entry.",
    "code_before": "Code in the older edition (empty when added).",
    "code_after": "Code in the newer edition (empty when removed).",
    "text_before": "Older text (shortened to about 280 characters).",
    "text_after": "Newer text (shortened to about 280 characters).",
    "fields": "Fields that changed, comma-separated.",
    "diff": "Unified diff of the text, one line per change.",
    "thresholds": "stricter / looser / same / different-parameters in the newer edition "
    "(empty when no threshold pair could be compared).",
    "reason": "One sentence saying what changed.",
}

#: Columns of a search record: one row per entry found.
SEARCH_COLUMNS: dict[str, str] = {
    "list_id": "The list edition holding the entry.",
    "code": "The entry's code as the list writes it.",
    "canonical": "Its canonical code.",
    "category": "Its category.",
    "text": "Its text (shortened to about 280 characters).",
    "status": "active, reserved or not-used.",
    "match": "code, counterpart, words or technology.",
    "score": "0..100; exact code matches score 100.",
    "edition_date": "The list edition's date.",
    "reason": "Why it matched.",
}


def _codes(entries: Iterable[EntryRef]) -> str:
    return ", ".join(e.code for e in entries)


def divergence_records(report: DivergenceReport, lang: Language = "en") -> list[dict[str, Any]]:
    """One flat record per divergence row (columns: :func:`divergence_columns`, the same
    ``lang``)."""
    keys = [j.key for j in report.jurisdictions]
    ref_list = report.reference.list_id if report.reference is not None else ""
    out = []
    for row in report.items:
        record: dict[str, Any] = {
            "kind": row.kind,
            "code": row.code,
            "category": row.category or "",
            "regime": row.regime or "",
            "reference_list": ref_list if row.reference is not None else "",
            "reference_code": row.reference.code if row.reference is not None else "",
            "reference_text": row.reference.text if row.reference is not None else "",
            "controlled_by": ", ".join(row.controlled_by),
            "not_controlled_by": ", ".join(row.not_controlled_by),
            "technologies": ", ".join(row.technologies),
            "sub_entries": row.sub_entries,
            "thresholds": " | ".join(
                f"{d.quantity}: " + ", ".join(f"{k} '{v}'" for k, v in d.values.items())
                for d in row.parameter_differences
            ),
            "reason": row.reason,
        }
        if lang != "en":
            record["reason_said"] = row.reason_said.text if row.reason_said is not None else ""
        sides = {s.jurisdiction: s for s in row.sides}
        for key in keys:
            side = sides.get(key)
            record[f"status_{key}"] = side.status if side else ""
            record[f"codes_{key}"] = _codes(side.entries) if side else ""
            record[f"editions_{key}"] = (
                ", ".join(f"{e.list_id} ({e.edition_date.isoformat()})" for e in side.editions)
                if side
                else ""
            )
            record[f"text_{key}"] = side.entries[0].text if side and side.entries else ""
            record[f"note_{key}"] = (side.note or "") if side else ""
        out.append(record)
    return out


def divergence_columns(report: DivergenceReport, lang: Language = "en") -> list[str]:
    """The columns of ``report``'s records; ``reason_said`` only for a language other than
    English (the English reason is ``reason``)."""
    said = lang != "en"
    fixed = [c for c in DIVERGENCE_COLUMNS if "<J>" not in c and (said or c != "reason_said")]
    per = [c for c in DIVERGENCE_COLUMNS if "<J>" in c]
    return fixed + [c.replace("<J>", j.key) for j in report.jurisdictions for c in per]


def coverage_records(report: CoverageReport) -> list[dict[str, Any]]:
    """One flat record per regime entry and jurisdiction (columns: :data:`COVERAGE_COLUMNS`)."""
    out = []
    for row in report.items:
        for impl in row.implementations:
            out.append(
                {
                    "list_id": report.edition.list_id,
                    "code": row.entry.code,
                    "canonical": row.entry.canonical,
                    "category": row.entry.category or "",
                    "text": row.entry.text,
                    "technologies": ", ".join(row.technologies),
                    "jurisdiction": impl.jurisdiction,
                    "countries": ", ".join(impl.countries),
                    "status": impl.status,
                    "controlled": impl.status in CONTROLLED,
                    "codes": _codes(impl.entries),
                    "editions": ", ".join(e.list_id for e in impl.editions),
                    "similarity": impl.similarity,
                    "evidence": " | ".join(impl.evidence),
                    "reason": row.reason,
                }
            )
    return out


def regime_gap_records(report: RegimeGapReport) -> list[dict[str, Any]]:
    """One flat record per missing entry and jurisdiction (columns: :data:`REGIME_GAP_COLUMNS`)."""
    return [
        {
            "jurisdiction": r.jurisdiction,
            "countries": ", ".join(r.countries),
            "status": r.status,
            "code": r.entry.code,
            "category": r.entry.category or "",
            "text": r.entry.text,
            "national_codes": _codes(r.entries),
            "editions": ", ".join(e.list_id for e in r.editions),
            "technologies": ", ".join(r.technologies),
            "sub_entries": r.sub_entries,
            "reason": r.reason,
        }
        for r in report.items
    ]


def commitment_gap_records(report: CommitmentGapReport) -> list[dict[str, Any]]:
    """One flat record per subscriber and technology (columns: :data:`COMMITMENT_GAP_COLUMNS`)."""
    return [
        {
            "country": r.country,
            "name": r.name,
            "technology": r.technology,
            "technology_name": r.technology_name,
            "status": r.status,
            "entries": _codes(r.entries),
            "editions": ", ".join(e.list_id for e in r.editions),
            "regime_covers": r.regime_covers,
            "reason": r.reason,
        }
        for r in report.items
    ]


def change_records(report: ChangeReport) -> list[dict[str, Any]]:
    """One flat record per entry changed (columns: :data:`CHANGE_COLUMNS`)."""
    return [
        {
            "change": r.change,
            "canonical": r.canonical,
            "code_before": r.before.code if r.before else "",
            "code_after": r.after.code if r.after else "",
            "text_before": r.before.text if r.before else "",
            "text_after": r.after.text if r.after else "",
            "fields": ", ".join(r.fields),
            "diff": "\n".join(r.diff),
            "thresholds": r.thresholds or "",
            "reason": r.reason,
        }
        for r in report.items
    ]


def search_records(report: SearchReport) -> list[dict[str, Any]]:
    """One flat record per entry found (columns: :data:`SEARCH_COLUMNS`)."""
    return [
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


def to_csv(
    records: Sequence[dict[str, Any]], columns: Sequence[str], *, header: bool = True
) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(columns), extrasaction="ignore")
    if header:
        writer.writeheader()
    for record in records:
        writer.writerow({k: "" if v is None else v for k, v in record.items()})
    return buffer.getvalue()
