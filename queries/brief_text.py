"""A harmonisation brief as Markdown (the text a diplomat pastes into a note) and as a printable
HTML page made from it, with the evidence of every point (the entries and editions compared,
and why the point is made).

In English, French or Arabic (``lang``): every heading, table header and fixed phrase comes from
the catalogue :mod:`queries.brief_i18n`, and jurisdictions and technologies are named as the
graph names them in that language (``names``, from :func:`names_of`). List texts stay in their
own words, and the French and Arabic briefs say so where they quote them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from html import escape

from markdown_it import MarkdownIt

from queries.brief import AnyBrief
from queries.brief_i18n import (
    KINDS,
    MESSAGES,
    STATUSES,
    comma,
    day,
    percent,
    quantity,
    role,
    say,
    semicolon,
    term,
    written,
)
from queries.brief_reasons import (
    gap_reason_in,
    notes_in,
    party_notes_in,
    party_reason_in,
    reason_in,
)
from queries.evidence import list_name
from queries.index import Index
from queries.requests import Language
from queries.views import (
    AgendaPart,
    Brief,
    CommitmentGapRow,
    DivergenceRow,
    EditionRef,
    GroupBrief,
    JurisdictionView,
    PairBrief,
    PairSide,
)

#: For paper: A4 with margins, tables ruled, a point's evidence kept with it across pages.
PRINT_STYLE = """
@page { size: A4; margin: 18mm 16mm; }
body { font-family: "DejaVu Sans", "Noto Sans", "Noto Sans Arabic", sans-serif; font-size: 10pt;
       line-height: 1.35; color: #111; max-width: 180mm; margin: 0 auto; }
h1 { font-size: 16pt; margin: 0 0 6pt; }
h2 { font-size: 12.5pt; margin: 14pt 0 4pt; border-bottom: 0.5pt solid #888;
     break-after: avoid; }
table { border-collapse: collapse; margin: 6pt 0; }
th, td { border: 0.5pt solid #999; padding: 2pt 6pt; text-align: start; }
li { break-inside: avoid; margin: 2pt 0; }
ul ul { font-size: 9pt; color: #333; }
[dir="rtl"] th, [dir="rtl"] td { text-align: right; }
"""


class _Text:
    """The brief's words in one language, jurisdictions named as the graph names them in it."""

    def __init__(self, lang: Language, names: Mapping[str, str] | None) -> None:
        self.lang = lang
        self.names = names or {}
        #: The regime edition the brief's rows are aligned to (their reasons name it).
        self.reference: EditionRef | None = None

    def reason(self, row: DivergenceRow) -> str:
        """The row's reason in the brief's language, rebuilt from the row; the analysis's
        English sentence, marked as English, where it cannot be."""
        if self.lang == "en":
            return row.reason
        said = reason_in(row, self.reference, self.lang)
        return said.text if said is not None else self.say("in.english", text=row.reason)

    def gap_reason(self, row: CommitmentGapRow) -> str:
        """A group brief's sentence in the brief's language, rebuilt from the row; English,
        marked as such, where it cannot be."""
        if self.lang == "en":
            return row.reason
        said = gap_reason_in(row, self.lang, self.names)
        return said if said is not None else self.say("in.english", text=row.reason)

    def say(self, key: str, **values: object) -> str:
        return say(self.lang, key, **values)

    def name(self, j: JurisdictionView) -> str:
        return self.names.get(j.node, j.name)

    def j(self, name: str) -> str:
        """A jurisdiction's key as the language writes it in a sentence (EU: UE)."""
        return written(name, self.lang)

    def node(self, node: str, default: str) -> str:
        return self.names.get(node, default)

    def join(self, items: list[str]) -> str:
        return comma(self.lang).join(items)

    def day(self, value: date) -> str:
        return day(value, self.lang)

    def filters(self, filters: dict[str, str]) -> str:
        shown = []
        for key, value in filters.items():
            named = self.names.get(value, value) if key == "technology" else value
            known = f"filter.{key}" in MESSAGES
            shown.append(self.say(f"filter.{key}", v=named) if known else f"{key} {value}")
        return self.join(shown)

    def made(self, when: date, filters: dict[str, str], reference: str = "") -> str:
        text = self.say("made", day=self.day(when)) + reference
        shown = self.filters(filters)
        return text + (self.say("made.only", filters=shown) if shown else self.say("made.end"))


#: A run of left-to-right text inside an Arabic line: codes (1.C.2.c.2.i), list ids, keys, list
#: texts and thresholds quoted in English, a paragraph letter (.z). It starts and ends on a
#: letter, digit, quote or bracket and stops at Arabic letters and Markdown's own marks (``*``,
#: ``|``); ``_isolated`` then gives the Arabic sentence back what is its own.
_LTR_RUN = re.compile(
    r"(?:[A-Za-z0-9'\"(\[]|(?<![^\s(])\.(?=[A-Za-z]))"
    r"(?:[^\u0600-\u06ff\n*|\u2066\u2069]*[A-Za-z0-9'\")\].;:%])?"
)
#: What opens and ends a run but belongs to the Arabic sentence: spaces, its stops, and plain
#: numbers ending its own words ("23 يوليو 2026): 3A980": 2026 is the date's year).
_SENTENCE_HEAD = re.compile(r"(?:[\s:;,]|\.(?![A-Za-z])|[0-9]+(?=[\s:;,]))*")
_SENTENCE_TAIL = re.compile(r"[\s.;:,]*$")
_PARTNER = {")": "(", "]": "["}


def _sentence_brackets(run: str, line_before: str) -> list[int]:
    """Where ``run`` holds a bracket of the Arabic sentence: one it opens and does not close
    (``list:x (15 يناير``, ``(code-hint: 4A005؛``), or one closing a bracket the line opened
    before the run (``(بتاريخ 23 يوليو 2026): 3A980``). A bracket without partner in an English
    text ("a) equipment") stays in its run when the line has none open."""
    opened: list[int] = []
    lone: list[int] = []
    for at, mark in enumerate(run):
        if mark in "([":
            opened.append(at)
        elif mark in ")]":
            if opened and run[opened[-1]] == _PARTNER[mark]:
                opened.pop()
            elif line_before.count(_PARTNER[mark]) > line_before.count(mark):
                lone.append(at)
    return sorted(lone + opened)


def _isolate(piece: str) -> str:
    """One piece of a run in an isolate, the sentence's own marks and numbers left outside."""
    head = _SENTENCE_HEAD.match(piece)
    tail = _SENTENCE_TAIL.search(piece)
    start, end = (head.end() if head else 0), (tail.start() if tail else len(piece))
    core = piece[start:end] if start < end else ""
    if not re.search(r"[A-Za-z-]", core):
        return piece
    return f"{piece[:start]}\u2066{core}\u2069{piece[end:]}"


def _isolated(markdown: str) -> str:
    """Arabic text with each left-to-right run in Unicode isolates (LRI ... PDI): without them
    the bidirectional algorithm moves a code's leading digit and the punctuation of English
    quotes to the wrong end (1.C.2.c.2.i read as C.2.c.2.i.1). Plain numbers are left as they
    are; the algorithm keeps them whole."""

    def wrap(found: re.Match[str]) -> str:
        run = found.group(0)
        line_before = markdown[markdown.rfind("\n", 0, found.start()) + 1 : found.start()]
        cuts = _sentence_brackets(run, line_before)
        pieces, at = [], 0
        for cut in cuts:
            pieces += [_isolate(run[at:cut]), run[cut]]
            at = cut + 1
        return "".join(pieces) + _isolate(run[at:])

    return _LTR_RUN.sub(wrap, markdown)


def _cell(text: str) -> str:
    """Table cells hold one line; a pipe would end the cell."""
    return " ".join(text.split()).replace("|", "\\|")


def _point(t: _Text, row: DivergenceRow) -> list[str]:
    lines = [f"- **{row.code}**: {t.reason(row)}"]
    if row.reference is not None:
        lines.append(f"  - {t.say('reference.text')}: {_cell(row.reference.text)}")
    for side in row.sides:
        entries = t.join([e.code for e in side.entries]) or t.say("none")
        editions = t.join([e.name for e in side.editions]) or t.say("none.held")
        status = term(STATUSES, side.status, t.lang)
        lines.append(
            "  - "
            + t.say(
                "side", j=t.j(side.jurisdiction), status=status, entries=entries, editions=editions
            )
        )
    for difference in row.parameter_differences:
        values = semicolon(t.lang).join(f"{t.j(k)} '{v}'" for k, v in difference.values.items())
        more = difference.stricter
        stricter = t.say("catches.more", j=t.j(more)) if more else ""
        named = quantity(difference.quantity, t.lang)
        lines.append(
            "  - " + t.say("threshold.line", quantity=named, values=values, stricter=stricter)
        )
    return lines


def _part(t: _Text, title: str, explained: str, part: AgendaPart) -> list[str]:
    lines = ["", "## " + t.say("part", title=title, total=part.total), "", explained, ""]
    if not part.items:
        lines.append(t.say("nothing"))
    for row in part.items:
        lines.extend(_point(t, row))
    if part.total > len(part.items):
        lines.extend(["", t.say("first", shown=len(part.items), total=part.total)])
    return lines


#: A list edition's node id, as the analyses' English sentences write it.
_LIST_ID = re.compile(r"\blist:[a-z0-9-]+:[0-9a-z-]+")


def to_markdown(
    brief: AnyBrief, lang: Language = "en", names: Mapping[str, str] | None = None
) -> str:
    """The brief as Markdown in ``lang``, whichever brief it is."""
    t = _Text(lang, names)
    if not isinstance(brief, GroupBrief):
        t.reference = brief.reference_edition
    if isinstance(brief, PairBrief):
        lines = _pair_markdown(t, brief)
    elif isinstance(brief, GroupBrief):
        lines = _group_markdown(t, brief)
    else:
        lines = _regime_markdown(t, brief)
    notice = t.say("list.texts")
    if notice:
        lines[1:1] = ["", f"*{notice}*"]
    compared = (
        [brief.first.jurisdiction, brief.second.jurisdiction]
        if isinstance(brief, PairBrief)
        else [brief.jurisdiction, brief.reference]
        if isinstance(brief, Brief)
        else []
    )
    # A group brief's caveats name its technologies (node -> English name).
    technologies = (
        {tech.technology: tech.name for tech in brief.technologies}
        if isinstance(brief, GroupBrief)
        else {}
    )
    _caveats(t, lines, brief.notes, compared, technologies)
    # The analyses' sentences name lists by node id: the brief names them as people do.
    text = _LIST_ID.sub(lambda m: t.names.get(m[0], m[0]), "\n".join(lines) + "\n")
    return _isolated(text) if lang == "ar" else text


def title_of(brief: AnyBrief, lang: Language = "en", names: Mapping[str, str] | None = None) -> str:
    t = _Text(lang, names)
    if isinstance(brief, PairBrief):
        return t.say(
            "title.pair", a=t.name(brief.first.jurisdiction), b=t.name(brief.second.jurisdiction)
        )
    if isinstance(brief, GroupBrief):
        return t.say("title.group", title=brief.title)
    return t.say("title.regime", j=t.name(brief.jurisdiction), ref=t.name(brief.reference))


def names_of(index: Index, brief: AnyBrief, lang: Language) -> dict[str, str]:
    """The jurisdictions, regimes and technologies a brief names, named in ``lang``, and every
    list edition by the name people give it (SCOMET 2024)."""
    lists = {info.id: list_name(info) for info in index.all_lists.values()}
    if lang == "en":
        return lists
    nodes: set[str] = set()
    if isinstance(brief, GroupBrief):
        nodes |= {tech.technology for tech in brief.technologies}
        nodes |= {_country(row.country) for tech in brief.technologies for row in tech.rows}
    else:
        nodes |= {v for k, v in brief.filters.items() if k == "technology"}
    if isinstance(brief, PairBrief):
        nodes |= {brief.first.jurisdiction.node, brief.second.jurisdiction.node}
        # The union whose list a member state applies (its caveat names it).
        nodes |= {j.via for j in (brief.first.jurisdiction, brief.second.jurisdiction) if j.via}
    elif isinstance(brief, Brief):
        nodes |= {brief.jurisdiction.node, brief.reference.node}
        nodes |= {brief.jurisdiction.via} if brief.jurisdiction.via else set()
        nodes |= {m.regime for m in brief.standing.memberships}
        nodes |= {row.technology for code in brief.commitments for row in code.items}
        nodes |= {tech for point in brief.shared.items for tech in point.row.technologies}
    return lists | {node: index.names.name_in(node, lang) for node in nodes}


def _country(iso2: str) -> str:
    return f"country:{iso2}"


def _pair_markdown(t: _Text, brief: PairBrief) -> list[str]:
    a, b = brief.first.jurisdiction, brief.second.jurisdiction
    reference = (
        t.say("aligned.to", list=brief.reference_edition.name) if brief.reference_edition else ""
    )
    held = [
        t.say(
            "lists.of",
            j=t.name(j),
            lists=t.join([e.name for e in j.lists]) or t.say("none.held"),
        )
        for j in (a, b)
    ]
    lines = [
        f"# {title_of(brief, t.lang, t.names)}",
        "",
        t.made(brief.day, brief.filters) + reference,
        "",
        t.say("lists.compared", lists=semicolon(t.lang).join(held)),
        "",
        f"| {t.say('th.kind')} | {t.say('th.rows')} |",
        "|---|---|",
        *(f"| {term(KINDS, kind, t.lang)} | {count} |" for kind, count in brief.counts.items()),
    ]
    if not any(brief.counts.values()):
        # Zero rows reads as agreement; it may only mean nothing could be compared.
        lines += ["", t.say("pair.none", a=t.name(a), b=t.name(b))]

    def side(this: PairSide, other: JurisdictionView) -> None:
        name, them = t.name(this.jurisdiction), t.name(other)
        lines.extend(
            _part(
                t,
                t.say("stricter", j=name),
                t.say("stricter.why", j=name, other=them),
                this.stricter,
            )
        )
        lines.extend(
            _part(
                t,
                t.say("only", j=name, other=them),
                t.say("only.why", j=name, other=them),
                this.only,
            )
        )

    side(brief.first, b)
    side(brief.second, a)
    lines.extend(_part(t, t.say("undecided"), t.say("undecided.why"), brief.undecided))
    return lines


def _group_markdown(t: _Text, brief: GroupBrief) -> list[str]:
    lines = [
        f"# {title_of(brief, t.lang, t.names)}",
        "",
        t.made(brief.day, {})
        + t.say(
            "group.counts", subscribers=brief.subscribers, technologies=len(brief.technologies)
        ),
        "",
        "| "
        + " | ".join(
            t.say(k) for k in ("th.technology", "th.lacking", "th.controlling", "th.not.held")
        )
        + " |",
        "|---|---|---|---|",
    ]
    for tech in brief.technologies:
        cells = (t.join(c) or "-" for c in (tech.lacking, tech.controlled, tech.not_held))
        lines.append(f"| {t.node(tech.technology, tech.name)} | " + " | ".join(cells) + " |")
    for tech in brief.technologies:
        lines.extend(["", f"## {t.node(tech.technology, tech.name)}", ""])
        for row in tech.rows:
            entries = t.join([e.code for e in row.entries]) or t.say("no.entry")
            editions = t.join([e.name for e in row.editions]) or t.say("no.list")
            status = term(STATUSES, row.status, t.lang)
            name = t.node(_country(row.country), row.name)
            lines.append(f"- **{name}** ({status}): {t.gap_reason(row)}")
            lines.append(f"  - {entries}{semicolon(t.lang)}{editions}")
    return lines


def _caveats(
    t: _Text,
    lines: list[str],
    notes: list[str],
    compared: list[JurisdictionView],
    technologies: Mapping[str, str],
) -> None:
    if not notes:
        return
    lines.extend(["", "## " + t.say("caveats"), ""])
    if t.lang == "en":
        lines.extend(f"- {note}" for note in notes)
        return
    said = notes_in(notes, compared, t.reference, t.lang, t.names, technologies)
    for note, text in zip(notes, said, strict=True):
        lines.append(f"- {text if text is not None else t.say('in.english', text=note)}")


def _regime_markdown(t: _Text, brief: Brief) -> list[str]:
    ref_list, standing = brief.reference_edition, brief.standing
    reference = t.say("made.reference", list=ref_list.name, day=t.day(ref_list.edition_date))
    lines = [
        f"# {title_of(brief, t.lang, t.names)}",
        "",
        t.made(brief.day, brief.filters, reference),
        "",
        "## " + t.say("standing"),
        "",
    ]
    if standing.memberships:
        lines.append(t.say("memberships"))
        for m in standing.memberships:
            since = t.say("since", day=t.day(m.since)) if m.since else ""
            lines.append(f"- {t.node(m.regime, m.name)} ({role(m.role, t.lang)}){since}")
    else:
        lines.append(t.say("memberships.none"))
    lines.extend(["", t.say("lists.held")])
    for held in standing.lists:
        current = "" if held.current else t.say("list.older")
        edition = held.edition
        lines.append(
            "- "
            + t.say(
                "list.held",
                title=edition.title,
                list=edition.name,
                day=t.day(edition.edition_date),
                days=held.age_days,
                current=current,
            )
        )
    index = standing.convergence
    lines.extend(
        [
            "",
            t.say(
                "convergence",
                percent=percent(index.percent, t.lang),
                same=index.same,
                comparable=index.comparable,
                controlled=index.controlled,
                absent=index.absent,
                unknown=index.unknown,
            ),
        ]
    )
    if len(standing.trend) > 1:
        lines.extend(["", t.say("trend")])
        lines.extend(f"- {p.edition}: {percent(p.percent, t.lang)}" for p in standing.trend)
    headers = (t.say(k) for k in ("th.category", "th.controlled", "th.comparable", "th.share"))
    lines.extend(["", "| " + " | ".join(headers) + " |", "|---|---|---|---|"])
    for c in standing.categories:
        share = "-" if c.percent is None else percent(c.percent, t.lang)
        lines.append(f"| {c.category} | {c.controlled} | {c.comparable} | {share} |")
    lines.extend(_part(t, t.say("adopt"), t.say("adopt.why"), brief.to_adopt))
    lines.extend(_codes(t, brief))
    lines.extend(_part(t, t.say("align"), t.say("align.why"), brief.to_align))
    lines.extend(_part(t, t.say("update"), t.say("update.why"), brief.to_update))
    lines.extend(_shared(t, brief))
    lines.extend(_commitments(t, brief))
    return lines


def _since(t: _Text, when: date | None) -> str:
    return t.say("since", day=t.day(when)) if when else ""


def _codes(t: _Text, brief: Brief) -> list[str]:
    """To adopt, second half: the technologies of the codes of conduct it subscribes to."""
    lines = ["", "### " + t.say("adopt.codes"), "", t.say("adopt.codes.why"), ""]
    name = t.name(brief.jurisdiction)
    if not brief.commitments:
        lines.append(t.say("codes.none", j=name))
    for code in brief.commitments:
        since = _since(t, code.since)
        lists = t.join([e.name for e in code.lists]) or t.say("none.held")
        if code.status == "not-held":
            said = t.say(
                "code.not.held", title=code.title, since=since, j=name, n=code.technologies
            )
            lines.append(f"- {said}")
            continue
        if code.status == "outside-filter":
            lines.append("- " + t.say("code.outside", title=code.title, since=since))
            continue
        said = t.say(
            "code.checked",
            title=code.title,
            since=since,
            total=code.total,
            n=code.technologies,
            lists=lists,
        )
        lines.append(f"- {said}")
        for row in code.items:
            regime = "code.regime.has" if row.regime_covers else "code.regime.none"
            gap = t.say(
                "code.gap",
                tech=t.node(row.technology, row.technology_name),
                commitments=t.join([str(n) for n in row.commitments]) or "-",
                lists=t.join([e.name for e in row.editions]),
                regime=t.say(regime),
            )
            lines.append(f"  - {gap}")
        if code.total > len(code.items):
            lines.append("  - " + t.say("first", shown=len(code.items), total=code.total))
    return lines


def _shared(t: _Text, brief: Brief) -> list[str]:
    """Shared beyond the regimes: controls at least two partners hold and it does not."""
    part, name = brief.shared, t.name(brief.jurisdiction)
    counts = part.counts
    lines = [
        "",
        "## " + t.say("part", title=t.say("shared"), total=part.total),
        "",
        t.say("shared.why", partners=t.join([t.j(k) for k in part.partners]) or t.say("none"))
        + (
            t.say("shared.left.out", left=t.join([t.j(k) for k in part.left_out]))
            if part.left_out
            else ""
        ),
        "",
        t.say(
            "shared.counts",
            absent=counts.get("absent", 0),
            not_comparable=counts.get("not-comparable", 0),
            not_held=counts.get("not-held", 0),
        ),
        "",
    ]
    if not part.items:
        lines.append(t.say("nothing"))
    for point in part.items:
        status = t.say(f"shared.{point.status}")
        partners = t.join([t.j(k) for k in point.partners])
        held = t.say("shared.point", partners=partners, j=name, status=status)
        lines.append(f"- **{point.code}**: {held} {t.reason(point.row)}")
        for side in point.row.sides:
            if side.jurisdiction not in point.partners:
                continue
            how = point.matched_by.get(side.jurisdiction)
            lines.append(
                "  - "
                + t.say(
                    "shared.holder",
                    j=t.j(side.jurisdiction),
                    entries=t.join([e.code for e in side.entries]) or t.say("none"),
                    editions=t.join([e.name for e in side.editions]) or t.say("none.held"),
                    how=t.say(f"matched.{how}") if how else "",
                )
            )
        if point.row.technologies:
            techs = [t.node(x, x.removeprefix("tech:")) for x in point.row.technologies]
            lines.append("  - " + t.say("shared.technologies", technologies=t.join(techs)))
    if part.total > len(part.items):
        lines.extend(["", t.say("first", shown=len(part.items), total=part.total)])
    return lines


def _commitments(t: _Text, brief: Brief) -> list[str]:
    """Commitments and parties: the code-of-conduct gaps summed up (the points are under To
    adopt) and the parties its partners list and it does not."""
    name, parties = t.name(brief.jurisdiction), brief.parties
    lines = ["", "## " + t.say("commitments"), ""]
    if brief.commitments:
        codes = [
            t.say("commitments.code", title=c.title, total=c.total)
            if c.status == "checked"
            else t.say("commitments.code.outside", title=c.title)
            if c.status == "outside-filter"
            else t.say("commitments.code.not.held", title=c.title)
            for c in brief.commitments
        ]
        lines.append(t.say("commitments.codes", codes=semicolon(t.lang).join(codes)))
    else:
        lines.append(t.say("codes.none", j=name))
    lines.append("")
    if not parties.held:
        lines.append(t.say("parties.not.held", j=name))
        return lines
    if not parties.partners:
        lines.append(t.say("parties.none"))
    for partner in parties.partners:
        lines.append(
            t.say(
                "parties.partner",
                partner=partner.partner,
                j=name,
                lists=t.join(partner.lists),
                only=partner.only,
                review=partner.review,
                both=partner.both,
            )
        )
        lines.append("")
        for row in partner.items:
            rebuilt = party_reason_in(row, t.lang) if t.lang != "en" else row.reason
            reason = rebuilt if rebuilt is not None else t.say("in.english", text=row.reason)
            said = t.say(
                "party", name=_cell(row.party.name), lists=t.join(row.lists), reason=reason
            )
            lines.append(f"- {said}")
        if partner.only > len(partner.items):
            lines.extend(["", t.say("first", shown=len(partner.items), total=partner.only)])
        lines.append("")
    notes: list[str | None] = (
        party_notes_in(parties.notes, t.lang) if t.lang != "en" else list(parties.notes)
    )
    for note, text in zip(parties.notes, notes, strict=True):
        lines.append(f"- {text if text is not None else t.say('in.english', text=note)}")
    return lines


def to_html(brief: AnyBrief, lang: Language = "en", names: Mapping[str, str] | None = None) -> str:
    """The Markdown brief as a standalone page with a print stylesheet (what the PDF is
    printed from); an Arabic page reads right to left. Raw HTML in list texts is shown as
    text, never rendered."""
    markdown = to_markdown(brief, lang, names)
    body = MarkdownIt("commonmark", {"html": False}).enable("table").render(markdown)
    title = title_of(brief, lang, names)
    direction = ' dir="rtl"' if lang == "ar" else ""
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}"{direction}>\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(title)}</title>\n<style>{PRINT_STYLE}</style>\n</head>\n"
        f"<body>\n{body}</body>\n</html>\n"
    )
