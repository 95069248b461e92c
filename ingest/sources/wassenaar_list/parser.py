"""Wassenaar Arrangement List (WA-LIST PDF) -> one ControlList with its ControlEntry nodes.

The official PDF holds the dual-use list (Categories 1-9, Category 5 in two parts), the
Sensitive and Very Sensitive Lists, the Munitions List (ML1-ML22) and the definitions. Both
lists go into one ``ControlList``: the document is one list, and the alignment takes the
newest ``regime:wassenaar`` list as the reference for dual-use and ML codes alike. What this
reader shares with the 2021 edition's (numbering, notes, the two lists, the records) is in
``ingest.sources.helpers.wassenaar``; this module keeps what the PDF's layout decides.

How the layout is read (pypdfium2 text plus the x position of each line's first character):

* A line at the left margin that starts with a full code (``5. A. 1. b. 3.`` or ``ML8. a.``)
  opens that entry; the list restates full codes wherever relative numbering would be
  ambiguous (after notes, at page tops).
* Indented ``a.`` / ``1.`` lines are relative: letters and numbers alternate by level, so the
  marker must be the next sibling at some level or the first child of the current entry; when
  several levels fit, the one whose indentation is nearest wins.
* ``Note``, ``Technical Note(s)``, ``N.B.`` and the deposition table open a note block that
  runs until a line returns to the entries' indentation; its own lettered lists, and notes
  inside those lists, stay in it. A note goes to the entry it names ("Note 5.A.1.j. does not
  apply...", "For the purposes of 5.A.1.b.5.b.") when that entry is in the current item,
  otherwise to the entry its indentation places it under.
* Page banners, the ``WA-LIST`` header, the dated page number and page footnotes are dropped;
  reading stops at the definitions that follow the Munitions List.
* The Sensitive and Very Sensitive Lists name codes at their margin (single codes, lists and
  ranges over several lines); the entries they name get ``sensitive`` / ``very_sensitive``,
  except where those lists say "Not used since ...", which means the entry left that list.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium  # type: ignore[import-untyped, unused-ignore]

from graph_schema.codes import CodeSystem, ControlCode
from graph_schema.model import Record
from ingest.sources.base import ParseError, SourceMeta
from ingest.sources.helpers import wassenaar
from ingest.sources.helpers.numbering import elements
from ingest.sources.helpers.pdf import raise_exponents
from ingest.sources.helpers.pdf_lines import (
    NEAR_LEVEL,
    SAME_INDENT,
    join_wrapped,
    open_pdf,
    text_lines,
)

# ---------------------------------------------------------------------------------------------
# Page layout

_HEADER_RE = re.compile(r"^WA-LIST \((\d{2})\) (\d+)( Corr\.?)?$")
_PAGE_NO_RE = re.compile(r"^(?:- ?(\d+) ?-\s*\d{2}-\d{2}-\d{4}|\d{2}-\d{2}-\d{4}\s*- ?(\d+) ?-)$")
#: Banners sit above this height (PDF points from the bottom of an A4 page).
_BANNER_Y = 745.0
#: Footnotes start below this height.
_FOOTNOTE_Y = 120.0
#: Lines starting left of this are at the margin (full codes, headings); entries are indented.
_MARGIN_X = 100.0

# Symbol-font glyphs come out in the private-use area; map the ones this list uses.
_SYMBOLS = {
    "\uf02a": "*",
    "\uf02d": "−",
    "\uf02f": "/",
    "\uf041": "Α",
    "\uf063": "χ",
    "\uf06c": "λ",
    "\uf06d": "μ",
    "\uf077": "ω",
    "\uf0a2": "′",
    "\uf0b0": "°",
    "\uf0b4": "×",
    "\uf0b7": "•",
    "\ufffe": "-",  # a hyphen pdfium joined across a line break
}
_SYMBOL_RE = re.compile(f"[{''.join(_SYMBOLS)}]")


@dataclass(slots=True)
class _Line:
    page: int  # the page number printed on the page
    x: float
    text: str


@dataclass
class _Page:
    printed: int
    banner: str
    section: str
    lines: list[_Line]


def _section(banner: str) -> str:
    upper = banner.upper()
    if upper.startswith("DUAL-USE LIST - CATEGORY"):
        return "dual-use"
    if upper.startswith("VERY SENSITIVE LIST"):
        return "very-sensitive"
    if upper.startswith("SENSITIVE LIST"):
        return "sensitive"
    if upper.startswith("MUNITIONS LIST"):
        return "munitions"
    return "other"  # front matter, general notes, definitions, acronyms, statements


def _read_pages(path: Path) -> tuple[list[_Page], set[str]]:
    """Text lines with their x position, page by page; also the WA-LIST headers seen."""
    pdf = open_pdf(path)
    pages: list[_Page] = []
    headers: set[str] = set()
    munitions = False
    try:
        for index in range(len(pdf)):
            page = pdf[index]
            textpage = page.get_textpage()
            try:
                pages.append(_read_page(textpage, index + 1, headers))
            finally:
                textpage.close()
                page.close()
            section = pages[-1].section
            if munitions and section == "other":
                break  # the definitions follow the Munitions List: nothing more to read
            munitions = munitions or section == "munitions"
    except pdfium.PdfiumError as exc:
        raise ParseError(f"{path.name}: cannot read page {len(pages) + 1}: {exc}") from exc
    finally:
        pdf.close()
    return pages, headers


def _read_page(textpage: pdfium.PdfTextPage, number: int, headers: set[str]) -> _Page:
    text = raise_exponents(textpage, textpage.get_text_range())
    if _SYMBOL_RE.search(text):
        # One character for one: the offsets of the characters stay valid.
        text = _SYMBOL_RE.sub(lambda m: _SYMBOLS[m.group()], text)
    banner = ""
    printed = number
    found: list[tuple[float, str]] = []
    for line in text_lines(text):
        stripped = line.text
        header = _HEADER_RE.match(stripped)
        if header:
            year, issue, corrigendum = header.groups()
            headers.add(f"WA-LIST ({year}) {issue}{' Corr.' if corrigendum else ''}")
            continue
        page_no = _PAGE_NO_RE.match(stripped)
        if page_no:
            printed = int(page_no.group(1) or page_no.group(2))
            continue
        left, _, _, top = textpage.get_charbox(line.first)
        if wassenaar.RULE_RE.match(stripped):
            continue
        if top > _BANNER_Y:
            banner = banner or stripped
            continue
        if stripped.startswith("* ") and left < _MARGIN_X and top < _FOOTNOTE_Y:
            break  # the page's footnote ('* The Russian Federation and Ukraine view...')
        found.append((left, stripped))
    lines = [_Line(printed, x, t) for x, t in found]
    return _Page(printed, banner, _section(banner), lines)


# ---------------------------------------------------------------------------------------------
# Codes and markers

_DU_FULL_RE = re.compile(r"^(\d)\. ?([A-E])\. ?(\d{1,2})\.((?: ?(?:[a-z]|\d{1,2})\.)*)(?:\s+|$)")
_ML_FULL_RE = re.compile(r"^ML ?(\d{1,2})\.((?: ?(?:[a-z]|\d{1,2})\.)*)(?:\s+|$)")
_DU_GROUP_RE = re.compile(r"^(\d)\. ?([A-E])\.\s+(?:Part \d\.\s+)?[A-Z\"]")
_MARKER_RE = re.compile(r"^((?:[a-z]|\d{1,2})\.(?: (?:[a-z]|\d{1,2})\.)*)(?:\s+|$)")
_DU_REF = r"(\d)\.([A-E])\.(\d{1,2})\.?((?:(?:[a-z]|\d{1,2})\.?)*)"
_ML_REF = r"ML(\d{1,2})\.?((?:(?:[a-z]|\d{1,2})\.?)*)"


@dataclass(frozen=True)
class _System(wassenaar.ListCodes):
    """What differs between the dual-use list and the Munitions List."""

    #: Typical x of the marker at each level below the item (learned from this edition).
    indents: tuple[float, ...]
    #: x of items numbered relatively ('2.' after 1.D.1); None where items never are.
    item_indent: float | None

    def tail(self, match: re.Match[str]) -> str:
        return match.group(match.re.groups)

    def rest(self, match: re.Match[str]) -> str:
        return match.string[match.end() :].strip()

    def indent(self, level: int) -> float:
        return self.indents[min(level, len(self.indents) - 1)]


_DUAL_USE = _System(
    CodeSystem.WASSENAAR,
    _DU_FULL_RE,
    re.compile(_DU_REF),
    (149.0, 169.0, 193.0, 217.0, 236.0, 257.0, 277.0),
    125.0,
)
_MUNITIONS = _System(
    CodeSystem.MUNITIONS,
    _ML_FULL_RE,
    re.compile(_ML_REF),
    (122.0, 142.0, 165.0, 188.0, 210.0, 230.0, 250.0),
    None,
)


# ---------------------------------------------------------------------------------------------
# Reading entries


@dataclass(kw_only=True)
class Draft(wassenaar.ListEntry):
    """One entry as read, before it becomes a record."""

    page: int

    def joined(self, lines: list[str]) -> str:
        return join_wrapped(lines)


@dataclass(kw_only=True)
class _Note(wassenaar.Note[Draft]):
    """A note being read: where it starts, its lines, and what it is attached to."""

    x: float
    inner_x: float | None = None  # where the note's own a./1. list sits, once seen


@dataclass
class _Reader(wassenaar.Reader[_Line, Draft, _Note, float]):
    """Reads the entries of one list (dual-use or munitions) line by line.

    A marker's place is its x; ``level_at`` holds the last marker x seen at each level in the
    current item.
    """

    numbering: _System
    entries: dict[str, Draft]
    anomalies: list[str]

    def _where(self, line: _Line) -> str:
        return f"p{line.page}"

    def _twice(self, code: ControlCode, line: _Line) -> str:
        return f"p{line.page}: {code.canonical} seen twice: {line.text[:60]}"

    def _out_of_order(self, path: tuple[str, ...], shown: str, line: _Line) -> str:
        return f"p{line.page}: {'.'.join(path)} after {shown} (full code)"

    # -- entries -------------------------------------------------------------------------------

    def _new_entry(self, code: ControlCode, line: _Line) -> Draft:
        return Draft(code=code, page=line.page)

    def _enter(self, root: str) -> None:
        super()._enter(root)
        self.level_at = {}

    def _expected_x(self, level: int) -> float:
        if level < len(self.opened):
            known = self.opened[level]
            if known is not None:
                return known
        return self.level_at.get(level, self.numbering.indent(level))

    def _relative(self, elements: tuple[str, ...], line: _Line) -> tuple[int, tuple[str, ...]]:
        """The level and full path a relative marker stands for, or (-1, ()) if none fits."""
        best: tuple[float, int, tuple[str, ...]] | None = None
        for level, candidate in self._candidates(elements):
            distance = abs(line.x - self._expected_x(level))
            if best is None or distance < best[0]:
                best = (distance, level, candidate)
        if best is None:
            return -1, ()
        if best[0] > 12:
            self.anomalies.append(
                f"p{line.page}: {'.'.join(best[2])} at x={line.x:.0f}, "
                f"{best[0]:.0f} from its level: {line.text[:50]}"
            )
        return best[1], best[2]

    # -- notes ---------------------------------------------------------------------------------

    def _by_indent(self, x: float) -> Draft | None:
        """The deepest open entry whose marker sits left of the note."""
        if self.root is None:
            return None
        level = len(self.path)
        while level > 0 and self._expected_x(level - 1) >= x - NEAR_LEVEL:
            level -= 1
        return self.entries.get(self.numbering.code(self.root, self.path[:level]).canonical)

    def _new_note(self, line: _Line, plural: bool) -> _Note:
        note = _Note(x=line.x, lines=[line.text], plural=plural)
        note.fallback = self._by_indent(line.x)
        return note

    def _start_block(self, title: str, line: _Line) -> None:
        """Tables and annexes: long blocks that only a new entry or heading ends."""
        if self.note is not None and self.note.table == title:
            return  # the same block continued on the next page
        self.note = _Note(x=_MARGIN_X, lines=[line.text], plural=True, table=title)
        if not title.startswith("TABLE") or self.current is None:
            # The explosives annex of Category 1 and the Category 4 note on 'APP' belong to
            # the category, not to the entry before them.
            self.current = None
            self.root = None
        elif title == "TABLE - DEPOSITION TECHNIQUES":
            # The table body is in columns that text extraction interleaves; point to it
            # instead of storing scrambled rows.
            self.current.notes.append([f"{title}: see page {line.page} of the list"])
        else:
            self.current.notes.append(self.note.lines)

    def _note_ends(self, line: _Line, marker: tuple[str, ...] | None) -> bool:
        note = self.note
        assert note is not None
        if note.table is not None or not note.placed:
            return False  # a heading alone ('Technical Note') always has a body
        if line.x < note.x - SAME_INDENT:
            return True
        if marker is None or line.x > note.x + NEAR_LEVEL:
            return False
        if note.inner_x is not None:
            # The note's own list was indented further, so a marker back at the note's
            # indentation belongs to the entries again.
            return note.inner_x > note.x + NEAR_LEVEL
        if note.plural or self.root is None:
            return False  # 'Technical Notes' are numbered at their own indentation
        # A marker at the note's own indentation ('N.B.' at 146, 'a.' at 149) that can open
        # the next entry does so: notes indent their own lists further.
        return bool(self._candidates(marker))

    def _note_list(self, line: _Line, marker: tuple[str, ...] | None) -> None:
        note = self.note
        assert note is not None
        if marker is not None and note.inner_x is None:
            note.inner_x = line.x
        elif marker is None:
            # A technical note's body may start left of its heading.
            note.x = min(note.x, line.x)

    @staticmethod
    def _nested(line: _Line, note: _Note) -> bool:
        """A note heading inside a note's own list ('Note 2' > 'a.' > 'Technical Note')."""
        if note.table is not None or note.inner_x is None:
            return False
        return line.x > note.x + SAME_INDENT and line.x >= note.inner_x - SAME_INDENT

    # -- the line loop -------------------------------------------------------------------------

    def feed(self, line: _Line) -> None:
        text = line.text
        if line.x < _MARGIN_X:
            full = self.numbering.full_re.match(text)
            if full:
                self.note = None
                self._full(full, line)
                return
            group = _DU_GROUP_RE.match(text)
            if group or wassenaar.HEADING_RE.match(text) or text.startswith("Part "):
                self.reset()  # '5. A. Part 2. SYSTEMS...', 'CRYPTOGRAPHIC ...', 'Part 1 - ...'
                if group:
                    self.group, self.last = f"{group.group(1)}.{group.group(2)}", 0
                return
        block = wassenaar.TABLE_RE.match(text) or wassenaar.AFTER_ENTRIES_RE.match(text)
        if block:
            self._start_block(block.group(0).replace("–", "-"), line)
            return
        if self.note is not None and self.note.table is not None:
            self.note.lines.append(text)
            return
        if wassenaar.HEADING_RE.match(text):
            return  # Category 6 sub-headings ('OPTICAL SENSORS') between items
        note_start = wassenaar.note_start(text)
        if note_start:
            if self.note is not None and self._nested(line, self.note):
                self.note.lines.append(text)  # a note inside a note stays part of it
            elif not note_start.group("cont") or self.note is None:
                self._start_note(note_start, line)
            # else 'Note 2 cont.' at a page top: the same note goes on
            return
        self._text(line, _MARKER_RE.match(text) if line.x >= _MARGIN_X else None)

    def _marker(self, marker: tuple[str, ...], line: _Line, rest: str) -> bool:
        """Open the entry a relative marker stands for; False if it fits nowhere."""
        item = self._next_item(marker, line)
        if self.root is not None:
            level, path = self._relative(marker, line)
            if path and (item is None or abs(line.x - self._expected_x(level)) < item[0]):
                self._open(self.root, path, line, rest, (level, line.x))
                return True
        if item is not None:
            self._open(item[1], marker[1:], line, rest, None)
            return True
        return False

    def _next_item(self, marker: tuple[str, ...], line: _Line) -> tuple[float, str] | None:
        """'2.' at the item indentation after 1.D.1 (or '1.' after a group heading) is 1.D.2."""
        indent = self.numbering.item_indent
        item = self._item_after(marker) if indent is not None else None
        return None if item is None or indent is None else (abs(line.x - indent), item)


# ---------------------------------------------------------------------------------------------
# Sensitive and Very Sensitive Lists

_SL_CODE_RE = re.compile(r"(\d)\.([A-E])\.(\d{1,2})\.?((?:(?:[a-z]|\d{1,2})\.)*)")
_SL_LINK_RE = re.compile(r"\s*(,|&|\bto\b)\s*")


def _named(lines: list[_Line]) -> list[wassenaar.Named]:
    """What the list names at its margin, ranges expanded, with the text that follows.

    A code list may run over several margin lines ('7.D.3.d.1. to' / '7.D.3.d.4. &' /
    '7.D.3.d.7.'); indented lines carry the abbreviated entry text and notes.
    """
    named: list[wassenaar.Named] = []
    carry: str | None = None  # the connector the previous margin line ended with
    for line in lines:
        text = line.text
        if line.x >= _MARGIN_X:
            if named:
                named[-1].text.append(text)
            continue
        link, pos = carry, 0
        lead = _SL_LINK_RE.match(text)
        if lead and lead.group(1) == "&":
            link, pos = "&", lead.end()
        continuing = link is not None and bool(named)
        carry = None
        codes: list[str] = []
        while match := _SL_CODE_RE.match(text, pos):
            root = f"{match.group(1)}.{match.group(2)}.{int(match.group(3))}"
            written = ".".join((root, *elements(match.group(4))))
            if link == "to":
                before = codes[-1] if codes else named[-1].codes[-1] if continuing else written
                codes.extend(wassenaar.expand(before, written)[1:])
            else:
                codes.append(written)
            link, pos = None, match.end()
            following = _SL_LINK_RE.match(text, pos)
            if not following:
                break
            link, pos = following.group(1), following.end()
        if not codes:
            continue  # 'Category 6 cont.', 'Category 5 - Part 2 None'
        rest = text[pos:].strip()
        if link is not None and not rest:
            carry = link  # the list goes on on the next line
        if continuing:
            named[-1].codes.extend(codes)
        else:
            named.append(wassenaar.Named(codes))
        if rest:
            named[-1].text.append(rest)
    return named


# ---------------------------------------------------------------------------------------------
# The document


@dataclass
class WaList(wassenaar.Edition[Draft]):
    """Everything read from the PDF; ``parse`` turns it into records.

    Its ``header`` ('WA-LIST (25) 1 Corr.') is printed on every page.
    """


def read(path: Path) -> WaList:
    pages, headers = _read_pages(path)
    if not headers:
        raise ParseError(
            f"{path.name} has no 'WA-LIST (yy) ...' page header: not the Wassenaar Arrangement "
            "List of Dual-Use Goods and Technologies and Munitions List"
        )
    if len(headers) > 1:
        raise ParseError(f"{path.name} mixes WA-LIST documents: {', '.join(sorted(headers))}")
    header = headers.pop()
    entries: dict[str, Draft] = {}
    anomalies: list[str] = []
    readers = {
        "dual-use": _Reader(_DUAL_USE, entries, anomalies),
        "munitions": _Reader(_MUNITIONS, entries, anomalies),
    }
    listed: dict[str, list[_Line]] = {"sensitive": [], "very-sensitive": []}
    banner = ""
    for page in pages:
        reader = readers.get(page.section)
        if reader is not None and page.banner != banner:
            reader.reset()  # a new category: its opening notes belong to no entry
        banner = page.banner
        for line in page.lines:
            if reader is not None:
                reader.feed(line)
            elif page.section in listed:
                listed[page.section].append(line)
    _check_complete(path, entries, listed)
    lists = {name: _named(lines) for name, lines in listed.items()}
    unresolved = [
        *wassenaar.mark_listed(entries, lists["sensitive"], "sensitive"),
        *wassenaar.mark_listed(entries, lists["very-sensitive"], "very_sensitive"),
    ]
    return WaList.of(header, entries, lists, unresolved, anomalies)


def _check_complete(path: Path, entries: dict[str, Draft], listed: dict[str, list[_Line]]) -> None:
    """A truncated file loses whole categories or the ML; say which part is missing."""
    items = {d.code.root for d in entries.values() if d.code.level == 0}
    categories = {d.code.category for d in entries.values()}
    missing = [c for c in "123456789" if c not in categories]
    missing += [f"ML{n}" for n in range(1, 23) if f"ML{n}" not in items]
    if missing:
        raise ParseError(
            f"{path.name} lacks {', '.join(missing[:5])}{' ...' if len(missing) > 5 else ''}: "
            "the file is truncated or not the complete WA-LIST"
        )
    for section, lines in listed.items():
        if not lines:
            raise ParseError(f"{path.name} has no {section.replace('-', ' ')} list section")


def parse(path: Path, meta: SourceMeta) -> Iterator[Record]:
    wa = read(path)
    yield from wa.records(
        path,
        meta,
        f"WA-LIST ({wa.year})",
        lambda d: f"{wa.header}, page {d.page}",
        lambda d: d.page,
    )
