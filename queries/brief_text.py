"""A harmonisation brief as Markdown (the text a diplomat pastes into a note) and as a printable
HTML page made from it, with the evidence of every point (the entries and editions compared,
and why the point is made).

Headings and generated sentences are English for now; list texts stay in their own words.
"""

from __future__ import annotations

from html import escape

from markdown_it import MarkdownIt

from queries.views import AgendaPart, Brief, ConvergenceIndex, DivergenceRow

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


def to_markdown(brief: Brief) -> str:
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
    if brief.notes:
        lines.extend(["", "## Caveats", ""])
        lines.extend(f"- {note}" for note in brief.notes)
    return "\n".join(lines) + "\n"


def to_html(brief: Brief) -> str:
    """The Markdown brief as a standalone page with a print stylesheet (what the PDF is
    printed from). Raw HTML in list texts is shown as text, never rendered."""
    body = MarkdownIt("commonmark", {"html": False}).enable("table").render(to_markdown(brief))
    title = f"Harmonisation brief: {brief.jurisdiction.name} against the {brief.reference.name}"
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(title)}</title>\n<style>{PRINT_STYLE}</style>\n</head>\n"
        f"<body>\n{body}</body>\n</html>\n"
    )
