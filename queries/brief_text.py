"""A harmonisation brief as Markdown (the text a diplomat pastes into a note) and as a printable
HTML page made from it, with the evidence of every point (the entries and editions compared,
and why the point is made).

Headings and generated sentences are English for now; list texts stay in their own words.
"""

from __future__ import annotations

from html import escape

from markdown_it import MarkdownIt

from queries.brief import AnyBrief
from queries.views import (
    AgendaPart,
    Brief,
    ConvergenceIndex,
    DivergenceRow,
    GroupBrief,
    PairBrief,
    PairSide,
)

#: For paper: A4 with margins, tables ruled, a point's evidence kept with it across pages.
PRINT_STYLE = """
@page { size: A4; margin: 18mm 16mm; }
body { font-family: "DejaVu Sans", "Noto Sans", sans-serif; font-size: 10pt; line-height: 1.35;
       color: #111; max-width: 180mm; margin: 0 auto; }
h1 { font-size: 16pt; margin: 0 0 6pt; }
h2 { font-size: 12.5pt; margin: 14pt 0 4pt; border-bottom: 0.5pt solid #888;
     break-after: avoid; }
table { border-collapse: collapse; margin: 6pt 0; }
th, td { border: 0.5pt solid #999; padding: 2pt 6pt; text-align: left; }
li { break-inside: avoid; margin: 2pt 0; }
ul ul { font-size: 9pt; color: #333; }
"""


def _percent(index: ConvergenceIndex) -> str:
    return "not comparable" if index.percent is None else f"{index.percent:.1f}%"


def _cell(text: str) -> str:
    """Table cells hold one line; a pipe would end the cell."""
    return " ".join(text.split()).replace("|", "\\|")


def _point(row: DivergenceRow) -> list[str]:
    lines = [f"- **{row.code}**: {row.reason}"]
    if row.reference is not None:
        lines.append(f"  - Reference text: {_cell(row.reference.text)}")
    for side in row.sides:
        entries = ", ".join(e.code for e in side.entries) or "none"
        editions = ", ".join(e.list_id for e in side.editions) or "none held"
        lines.append(f"  - {side.jurisdiction}: {side.status} ({entries}; {editions})")
    for difference in row.parameter_differences:
        values = "; ".join(f"{k} '{v}'" for k, v in difference.values.items())
        stricter = f", {difference.stricter} catches more" if difference.stricter else ""
        lines.append(f"  - {difference.quantity}: {values}{stricter}")
    return lines


def _part(title: str, explained: str, part: AgendaPart) -> list[str]:
    lines = ["", f"## {title} ({part.total})", "", explained, ""]
    if not part.items:
        lines.append("Nothing here.")
    for row in part.items:
        lines.extend(_point(row))
    if part.total > len(part.items):
        lines.extend(["", f"The first {len(part.items)} of {part.total} are listed."])
    return lines


def to_markdown(brief: AnyBrief) -> str:
    """The brief as Markdown, whichever brief it is."""
    if isinstance(brief, PairBrief):
        return _pair_markdown(brief)
    if isinstance(brief, GroupBrief):
        return _group_markdown(brief)
    return _regime_markdown(brief)


def title_of(brief: AnyBrief) -> str:
    if isinstance(brief, PairBrief):
        return (
            f"Harmonisation brief: {brief.first.jurisdiction.name} and "
            f"{brief.second.jurisdiction.name}"
        )
    if isinstance(brief, GroupBrief):
        return f"Harmonisation brief: the subscribers of the {brief.title}"
    return f"Harmonisation brief: {brief.jurisdiction.name} against the {brief.reference.name}"


def _made(day: str, filters: dict[str, str]) -> str:
    shown = ", ".join(f"{k} {v}" for k, v in filters.items())
    return f"Made on {day} from the lists held in Harmonia" + (f"; only {shown}." if shown else ".")


def _pair_markdown(brief: PairBrief) -> str:
    a, b = brief.first.jurisdiction, brief.second.jurisdiction
    reference = (
        f" Entries are aligned to {brief.reference_edition.list_id}."
        if brief.reference_edition
        else ""
    )
    lines = [
        f"# {title_of(brief)}",
        "",
        _made(brief.day.isoformat(), brief.filters) + reference,
        "",
        "Lists compared: "
        + "; ".join(
            f"{j.name}: " + (", ".join(e.list_id for e in j.lists) or "none held") for j in (a, b)
        )
        + ".",
        "",
        "| Kind | Rows |",
        "|---|---|",
        *(f"| {kind} | {count} |" for kind, count in brief.counts.items()),
    ]

    def side(this: PairSide, other: str) -> None:
        name = this.jurisdiction.name
        lines.extend(
            _part(
                f"Where {name} is stricter",
                f"Entries both control, where every comparable threshold of {name} that differs "
                f"catches more than {other}'s.",
                this.stricter,
            )
        )
        lines.extend(
            _part(
                f"What {name} controls and {other} does not",
                f"Regime entries {other} has not implemented, and {name}'s own unilateral "
                "controls.",
                this.only,
            )
        )

    side(brief.first, b.name)
    side(brief.second, a.name)
    lines.extend(
        _part(
            "Other scope, no side stricter throughout",
            "Entries both control with another scope, where the thresholds point both ways or "
            "cannot be compared.",
            brief.undecided,
        )
    )
    _caveats(lines, brief.notes)
    return "\n".join(lines) + "\n"


def _group_markdown(brief: GroupBrief) -> str:
    lines = [
        f"# {title_of(brief)}",
        "",
        _made(brief.day.isoformat(), {})
        + f" {brief.subscribers} subscribers, {len(brief.technologies)} technologies.",
        "",
        "| Technology | Lacking a control | Controlling | Lists not held |",
        "|---|---|---|---|",
    ]
    for tech in brief.technologies:
        cells = (", ".join(c) or "-" for c in (tech.lacking, tech.controlled, tech.not_held))
        lines.append(f"| {tech.name} | " + " | ".join(cells) + " |")
    for tech in brief.technologies:
        lines.extend(["", f"## {tech.name}", ""])
        for row in tech.rows:
            entries = ", ".join(e.code for e in row.entries) or "no entry"
            editions = ", ".join(e.list_id for e in row.editions) or "no list held"
            lines.append(f"- **{row.name}** ({row.status}): {row.reason}")
            lines.append(f"  - {entries}; {editions}")
    _caveats(lines, brief.notes)
    return "\n".join(lines) + "\n"


def _caveats(lines: list[str], notes: list[str]) -> None:
    if notes:
        lines.extend(["", "## Caveats", ""])
        lines.extend(f"- {note}" for note in notes)


def _regime_markdown(brief: Brief) -> str:
    j, ref, standing = brief.jurisdiction, brief.reference, brief.standing
    filters = ", ".join(f"{k} {v}" for k, v in brief.filters.items())
    lines = [
        f"# Harmonisation brief: {j.name} against the {ref.name}",
        "",
        f"Made on {brief.day.isoformat()} from the lists held in Harmonia; reference list "
        f"{brief.reference_edition.list_id} ({brief.reference_edition.edition_date})"
        + (f"; only {filters}." if filters else "."),
        "",
        "## Standing",
        "",
    ]
    if standing.memberships:
        lines.append("Memberships:")
        for m in standing.memberships:
            since = f" since {m.since.isoformat()}" if m.since else ""
            lines.append(f"- {m.name} ({m.role}){since}")
    else:
        lines.append("Memberships: none held in the graph.")
    lines.extend(["", "Lists held:"])
    for held in standing.lists:
        current = "" if held.current else " (an older edition)"
        lines.append(
            f"- {held.edition.title}, {held.edition.list_id}, dated "
            f"{held.edition.edition_date}: {held.age_days} days old{current}"
        )
    index = standing.convergence
    lines.extend(
        [
            "",
            f"Convergence index: **{_percent(index)}**: {index.same} of the {index.comparable} "
            f"reference entries that can be compared are controlled with the same scope "
            f"({index.controlled} are controlled in some way, {index.absent} are absent); "
            f"{index.unknown} cannot be compared from the lists held.",
        ]
    )
    if len(standing.trend) > 1:
        lines.extend(["", "Over the editions held:"])
        lines.extend(f"- {p.edition}: {_percent(p)}" for p in standing.trend)
    lines.extend(["", "| Category | Controlled | Comparable | Share |", "|---|---|---|---|"])
    for c in standing.categories:
        share = "-" if c.percent is None else f"{c.percent:.1f}%"
        lines.append(f"| {c.category} | {c.controlled} | {c.comparable} | {share} |")
    lines.extend(
        _part(
            "To adopt",
            "Reference entries its lists do not implement, Very Sensitive first, then Sensitive.",
            brief.to_adopt,
        )
    )
    lines.extend(
        _part(
            "To align",
            "Reference entries it controls with another scope or other thresholds.",
            brief.to_align,
        )
    )
    lines.extend(
        _part(
            "To update",
            "Reference entries its lists lack because they predate the reference edition "
            "that added them.",
            brief.to_update,
        )
    )
    _caveats(lines, brief.notes)
    return "\n".join(lines) + "\n"


def to_html(brief: AnyBrief) -> str:
    """The Markdown brief as a standalone page with a print stylesheet (what the PDF is
    printed from). Raw HTML in list texts is shown as text, never rendered."""
    body = MarkdownIt("commonmark", {"html": False}).enable("table").render(to_markdown(brief))
    title = title_of(brief)
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(title)}</title>\n<style>{PRINT_STYLE}</style>\n</head>\n"
        f"<body>\n{body}</body>\n</html>\n"
    )
