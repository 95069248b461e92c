"""Norway's Liste I (2020), which is the EU Common Military List of 17 February 2020.

The PDF (48 pages, made with Word) opens with a Norwegian title page stating that the list
matches the EU Common Military List adopted on 17 February 2020, then a table of contents, the
entries ML1 to ML22 in English (pages 3-42) and the definitions (pages 43-48). Every page has the
footer ``Liste I- Forsvarsrelaterte varer 2020 <page>``. The same file is read as Norway's list
(source ``no-liste-i``) and as the EU list (``eu-military-2020``); the issuer in each source's
metadata gives the list series (``no-military``, ``eu-military``), so both get the same entries.

How the pages are read (pypdfium2 text, plus the position of each line's first character):

* An ``ML<n>`` heading at the left margin opens item n; headings come in order 1 to 22.
* ``a.`` / ``1.`` lines are relative markers. Letters and numbers alternate by level, so a
  marker can only be the next sibling at some open level or the first child of the current
  entry; where several levels fit, the one whose indentation is nearest wins. Indentation is
  otherwise a hint only: a few markers and notes of this file sit at odd positions (ML22.b and
  ML22.b.3 start at the page margin), so the sequence decides when the position is implausible.
* ``Note``, ``Technical Note(s)`` and ``N.B.`` open a note that runs, with its own lettered or
  numbered list, until a marker continues the entries rather than the note's list. An ``N.B.``
  or ``Technical Note`` indented inside a note stays part of it. A note goes to the entry it
  names first ("Note ML1.a. does not apply", "For the purposes of ML5.c.") when that entry has
  been read in the current item, otherwise to the deepest open entry left of the note.
* Text mends: pdfium joins a word broken at a line end and marks the break with U+FFFE; the
  hyphen is kept only for compounds ("non-military", "fibre-optic"), judged from the words the
  list uses elsewhere. Sub- and superscripts that pdfium puts on a line of their own ("TiHn",
  "(C3 I)") are joined back, and the two spaces pdfium misses in long letter runs
  ("materialsspecified") are restored from the characters' positions.
* The title page, the table of contents, the footers and the definitions are not entries.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pypdfium2 as pdfium  # type: ignore[import-untyped, unused-ignore]
import pypdfium2.raw as pdfium_c  # type: ignore[import-untyped, unused-ignore]

from graph_schema.codes import CodeSystem, ControlCode
from graph_schema.model import Record
from ingest.sources.base import ParseError, SourceMeta
from ingest.sources.helpers.entries import ReadEntry, add_entries
from ingest.sources.helpers.listing import ListBuilder, Status
from ingest.sources.helpers.numbering import first, read_code, successor
from ingest.sources.helpers.patterns import NOT_USED_RE
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

_FOOTER_RE = re.compile(r"^Liste I\s*-\s*Forsvarsrelaterte varer (\d{4}) (\d{1,3})$")
_STATEMENT_RE = re.compile(
    r"i samsvar med EU (?:Common )+Military List vedtatt (\d{1,2})\.\s*(\w+)\s+(\d{4})",
    re.IGNORECASE,
)
_MONTHS = {
    "januar": 1,
    "februar": 2,
    "mars": 3,
    "april": 4,
    "mai": 5,
    "juni": 6,
    "juli": 7,
    "august": 8,
    "september": 9,
    "oktober": 10,
    "november": 11,
    "desember": 12,
}
_TOC_RE = re.compile(r"\.{6,}\s*\d+$")
_END_RE = re.compile(r"^DEFINITIONS OF TERMS USED IN THIS LIST")
#: Footers sit below this height (PDF points from the bottom of an A4 page).
_FOOTER_Y = 40.0
#: Headings start left of this; no sub-item or note text does in a normal layout.
_MARGIN_X = 100.0
#: Typical x of the markers at each level below the item (this file's layout).
_INDENTS = (119.4, 131.0, 143.0, 155.0, 167.0, 179.0)
#: One level of indentation.
_STEP = 12.0
#: Letter runs at least this long are checked for a space pdfium did not see.
_LONG_RUN = 10
#: A gap this wide (points) between two letters is a space.
_SPACE_GAP = 1.5


@dataclass(slots=True)
class _Line:
    page: int  # the page number printed in the footer
    x: float  # left edge of the first character
    top: float
    text: str


@dataclass
class _Document:
    pages: int
    #: The EU Common Military List the title page says the list matches (its adoption date).
    adopted: date | None = None
    years: set[str] = field(default_factory=set)  # the years the footers name
    lines: list[_Line] = field(default_factory=list)
    rest: str = ""  # the plain text of the definitions, for the list's vocabulary


def _adopted(statement: str, name: str) -> date:
    match = _STATEMENT_RE.search(statement)
    if match is None:
        raise ParseError(
            f"{name} does not say on its first page which EU Common Military List it matches: "
            "not Norway's Liste I (defence-related goods)"
        )
    day, month, year = match.groups()
    number = _MONTHS.get(month.lower())
    if number is None:
        raise ParseError(f"{name}: unreadable adoption date {' '.join(match.groups())!r}")
    return date(int(year), number, int(day))


def _page_lines(textpage: pdfium.PdfTextPage, index: int) -> tuple[list[_Line], str | None]:
    """The page's text lines with positions, and the footer's year if it has one."""
    text = raise_exponents(textpage, textpage.get_text_range())
    found: list[tuple[float, float, str]] = []
    printed = index + 1
    year: str | None = None
    for line in text_lines(text):
        stripped, first = line.text, line.first
        left, _, _, top = textpage.get_charbox(first)
        footer = _FOOTER_RE.match(stripped)
        if footer and top < _FOOTER_Y:
            year, printed = footer.group(1), int(footer.group(2))
            continue
        stripped = _restore_spaces(textpage, first, stripped)
        if found and abs(top - found[-1][1]) < 2.0 and left > found[-1][0]:
            # A sub- or superscript put on a line of its own: 'TiHn' + ') of ...'.
            x, y, before = found[-1]
            found[-1] = (x, y, before + stripped)
            continue
        found.append((left, top, stripped))
    return [_Line(printed, x, y, t) for x, y, t in found], year


def _restore_spaces(textpage: pdfium.PdfTextPage, first: int, text: str) -> str:
    """Put back spaces pdfium missed between two words ('materialsspecified')."""
    cuts: list[int] = []
    for run in re.finditer(rf"[A-Za-z]{{{_LONG_RUN},}}", text):
        # One rectangle covers a run printed in one piece; only split runs need a closer look.
        if pdfium_c.FPDFText_CountRects(textpage.raw, first + run.start(), len(run.group())) < 2:
            continue
        right = textpage.get_charbox(first + run.start())[2]
        for k in range(run.start() + 1, run.end()):
            left, _, next_right, _ = textpage.get_charbox(first + k)
            if left - right > _SPACE_GAP:
                cuts.append(k)
            right = next_right
    for k in reversed(cuts):
        text = text[:k] + " " + text[k:]
    return text


def _read(path: Path) -> _Document:
    pdf = open_pdf(path, blank_is_empty=True, whole=True)
    document = _Document(len(pdf))
    started = ended = False
    rest: list[str] = []
    try:
        for index in range(document.pages):
            page = pdf[index]
            textpage = page.get_textpage()
            try:
                if ended:
                    # The definitions are no entries; their words help mend broken ones.
                    rest.append(textpage.get_text_range())
                    continue
                found, year = _page_lines(textpage, index)
            finally:
                textpage.close()
                page.close()
            if year:
                document.years.add(year)
            if index == 0:
                # Checked first: another document is refused without reading it all.
                document.adopted = _adopted(" ".join(line.text for line in found), path.name)
                continue
            if any(_TOC_RE.search(line.text) for line in found):
                continue  # the table of contents repeats the ML headings
            for number, line in enumerate(found):
                if _END_RE.match(line.text):
                    ended = True
                    rest.extend(later.text for later in found[number:])
                    break
                if not started:
                    heading = _ML_RE.match(line.text)
                    started = heading is not None and heading.group(1) == "1"
                if started:
                    document.lines.append(line)
    except pdfium.PdfiumError as exc:
        raise ParseError(f"{path.name}: cannot read a page: {exc}") from exc
    finally:
        pdf.close()
    document.rest = "\n".join(rest)
    return document


# ---------------------------------------------------------------------------------------------
# Words broken at line ends

_BREAK_RE = re.compile(r"(?<![A-Za-z])([A-Za-z]*)\ufffe([A-Za-z]*)")


def _mend_breaks(lines: list[_Line], rest: str) -> None:
    """Resolve pdfium's U+FFFE line-break marks: a soft hyphen, or a compound's own hyphen.

    ``rest`` is more text of the document (the definitions) to learn its words from.
    """
    if not any("\ufffe" in line.text for line in lines):
        return
    whole = " ".join([*(line.text for line in lines), rest]).lower()
    # The words of the list, leaving out the broken ones themselves.
    words = set(re.findall(r"[a-z]+", _BREAK_RE.sub(" ", whole)))

    def mend(match: re.Match[str]) -> str:
        left, right = match.group(1), match.group(2)
        joined = left + right
        if joined.lower() in whole:
            return joined  # the list writes the word whole elsewhere ('methyloxetane')
        if left.lower() in words and right.lower() in words:
            return f"{left}-{right}"  # two words of the list: a compound ('non-military')
        return joined  # a word broken by hyphenation ('deton-ating')

    for line in lines:
        if "\ufffe" in line.text:
            line.text = _BREAK_RE.sub(mend, line.text)


# ---------------------------------------------------------------------------------------------
# Entries and notes

_ML_RE = re.compile(r"^ML ?(\d{1,2})\s+(\S.*)$")
_MARKER_RE = re.compile(r"^([a-z]|\d{1,2})\.(?:\s+|$)")
_NOTE_RE = re.compile(r"^(?P<label>Technical Notes?|Notes?|N\.\s?B\.)(?:\s?\d+)?[.:]?(?=\s|$)")
_SUBJECT_RE = re.compile(
    r"^(?:Item\s+)?(?:For the purposes? of\s+)?ML\.?\s?(\d{1,2})"
    r"((?:\.(?:[a-z]|\d{1,2})(?![A-Za-z0-9]))*)"
)


def _code(written: str) -> ControlCode:
    return read_code(written, CodeSystem.MUNITIONS)


@dataclass(kw_only=True)
class Draft(ReadEntry):
    """One entry as read, before it becomes a record."""

    page: int

    def joined(self, lines: list[str]) -> str:
        return join_wrapped(lines)

    @property
    def status(self) -> Status:
        return "not-used" if NOT_USED_RE.match(self.text) else "active"


@dataclass
class _Note:
    """A note being read: where it starts, its lines and its own list."""

    x: float
    lines: list[str]
    fallback: Draft | None  # the entry its indentation places it under
    placed: bool = False  # True once attached to an entry
    #: The note's own list: (x, last marker) per level, outermost first.
    levels: list[tuple[float, str]] = field(default_factory=list)

    def continues(self, element: str, x: float) -> bool:
        """Whether a marker goes on with the note's own list; updates the list if so."""
        for depth in range(len(self.levels) - 1, -1, -1):
            level_x, last = self.levels[depth]
            if abs(x - level_x) <= NEAR_LEVEL and element == successor(last):
                del self.levels[depth:]
                self.levels.append((x, element))
                return True
        if self.levels and x > self.levels[-1][0] + SAME_INDENT and element in ("a", "1"):
            self.levels.append((x, element))
            return True
        return False

    def nests(self, label: str, x: float) -> bool:
        """An N.B. or Technical Note indented inside this note is part of it."""
        if label.startswith("Note"):
            return False  # 'Note 2' after 'Note 1' is a note of its own
        if x <= self.x + NEAR_LEVEL:
            return False
        return not self.levels or x >= self.levels[0][0] - SAME_INDENT


@dataclass
class _Reader:
    """Reads the entries line by line."""

    entries: dict[str, Draft] = field(default_factory=dict)
    anomalies: list[str] = field(default_factory=list)
    number: int = 0  # the ML item being read
    path: tuple[str, ...] = ()
    #: x of the marker that opened each level of ``path``.
    xs: list[float] = field(default_factory=list)
    current: Draft | None = None
    note: _Note | None = None

    @property
    def root(self) -> str:
        return f"ML{self.number}"

    def _open(self, path: tuple[str, ...], x: float | None, line: _Line, text: str) -> None:
        code = _code(".".join((self.root, *path)))
        if code.canonical in self.entries:
            self.anomalies.append(f"p{line.page}: {code.canonical} seen twice: {line.text[:60]}")
            draft = self.entries[code.canonical]
        else:
            draft = self.entries[code.canonical] = Draft(code=code, page=line.page)
        if text:
            draft.lines.append(text)
        level = len(path) - 1
        if level >= 0:
            # A marker at the page margin is misplaced in the layout; keep the usual indent.
            seen = x if x is not None and x >= _MARGIN_X else _INDENTS[min(level, 5)]
            self.xs = [*self.xs[:level], seen]
        else:
            self.xs = []
        self.path, self.current = path, draft

    def _distance(self, level: int, x: float) -> float:
        """How far ``x`` is from where a marker of ``level`` sits: where the open entry of
        that level started, or one indent step right of its parent (markers drift a little)."""
        places = [_INDENTS[0]] if level == 0 else [self.xs[level - 1] + _STEP]
        if level < len(self.xs):
            places.append(self.xs[level])
        return min(abs(x - place) for place in places)

    def _fits(self, element: str, x: float, strict: bool) -> tuple[str, ...] | None:
        """The entry path a marker opens, or None when it continues no open level."""
        best: tuple[float, tuple[str, ...]] | None = None
        for level in range(len(self.path) + 1):
            if level < len(self.path):
                fits = element == successor(self.path[level])
            else:
                fits = element == first(level)
            if not fits or (element.isdigit() != (level % 2 == 1)):
                continue
            distance = self._distance(level, x)
            if best is None or distance < best[0]:
                best = (distance, (*self.path[:level], element))
        if best is None:
            return None
        if strict and x >= _MARGIN_X and best[0] > NEAR_LEVEL:
            return None  # a note's own list, indented deeper than any entry level
        return best[1]

    # -- notes ---------------------------------------------------------------------------------

    def _subject(self, body: str) -> Draft | None:
        """The entry a note names at its start, if read already in this item."""
        match = _SUBJECT_RE.match(body)
        if match is None or int(match.group(1)) != self.number:
            return None
        elements = [e for e in match.group(2).split(".") if e]
        return self.entries.get(_code(".".join((self.root, *elements))).canonical)

    def _by_indent(self, x: float) -> Draft | None:
        """The deepest open entry whose marker sits left of the note."""
        level = len(self.path)
        while level > 0 and self.xs[level - 1] >= x - SAME_INDENT:
            level -= 1
        return self.entries.get(_code(".".join((self.root, *self.path[:level]))).canonical)

    def _place(self, note: _Note, body: str) -> None:
        target = self._subject(body) or note.fallback
        if target is not None:
            target.notes.append(note.lines)
        note.placed = True

    def _start_note(self, match: re.Match[str], line: _Line) -> None:
        body = line.text[match.end() :].strip()
        note = _Note(x=line.x, lines=[line.text], fallback=self._by_indent(line.x))
        if body:
            self._place(note, body)
        self.note = note  # a heading alone ('Technical Note') is placed by its first line

    def _close_note(self) -> None:
        if self.note is not None and not self.note.placed:
            self._place(self.note, "")
        self.note = None

    # -- the line loop -------------------------------------------------------------------------

    def feed(self, line: _Line) -> None:
        text = line.text
        if line.x < _MARGIN_X:
            heading = _ML_RE.match(text)
            if heading and int(heading.group(1)) == self.number + 1:
                self._close_note()
                self.number += 1
                self._open((), None, line, heading.group(2))
                return
        if self.current is None:
            self.anomalies.append(f"p{line.page}: text before ML1: {text[:60]}")
            return
        note_start = _NOTE_RE.match(text)
        if note_start:
            label = note_start.group("label")
            if self.note is not None and self.note.nests(label, line.x):
                self.note.lines.append(text)
            else:
                self._close_note()
                self._start_note(note_start, line)
            return
        marker = _MARKER_RE.match(text)
        element = marker.group(1) if marker else None
        if self.note is not None:
            note = self.note
            if element is not None and note.continues(element, line.x):
                note.lines.append(text)
                return
            path = self._fits(element, line.x, strict=True) if element is not None else None
            if path is None:
                if element is not None and not note.levels and element in ("a", "1"):
                    note.levels.append((line.x, element))  # the note's own list begins
                note.lines.append(text)
                if not note.placed:
                    self._place(note, text)
                return
            self._close_note()
            assert marker is not None
            self._open(path, line.x, line, text[marker.end() :].strip())
            return
        if element is not None and marker is not None:
            path = self._fits(element, line.x, strict=False)
            if path is not None:
                self._open(path, line.x, line, text[marker.end() :].strip())
                return
            self.anomalies.append(f"p{line.page}: marker fits no open level: {text[:60]}")
        self.current.lines.append(text)

    def finish(self) -> None:
        self._close_note()


# ---------------------------------------------------------------------------------------------
# Structure checks


def validate(entries: dict[str, Draft]) -> list[str]:
    """Departures from the list's structure: items ML1-ML22 in order, and within each parent
    sub-items a, b, c... or 1, 2, 3... with no gap or repeat, letters and numbers alternating."""
    problems: list[str] = []
    roots = [d.code.canonical for d in entries.values() if d.code.level == 0]
    if roots != [f"ML{n}" for n in range(1, 23)]:
        problems.append(f"items are not ML1 to ML22 in order: {', '.join(roots)}")
    children: dict[str, list[ControlCode]] = {}
    for draft in entries.values():
        code = draft.code
        if code.parent is not None:
            if code.parent.canonical not in entries:
                problems.append(f"{code.canonical}: parent {code.parent.canonical} missing")
            children.setdefault(code.parent.canonical, []).append(code)
    for parent, codes in children.items():
        level = codes[0].level - 1
        expected = first(level)
        for code in codes:
            element = code.path[-1]
            if element.isdigit() != (level % 2 == 1):
                kind = "number" if level % 2 else "letter"
                problems.append(f"{code.canonical}: a {kind} is expected at this depth")
            elif element != expected:
                problems.append(f"{parent}: {element} where {expected} was expected")
            expected = successor(element)
    return problems


# ---------------------------------------------------------------------------------------------
# The document


@dataclass
class MilitaryList:
    """Everything read from the PDF; ``parse`` turns it into records."""

    adopted: date  # the EU Common Military List the title page says it matches
    year: str  # the edition year the page footers name
    entries: dict[str, Draft]
    anomalies: list[str]  # what the reader could not place, plus ``validate``'s findings


def read(path: Path) -> MilitaryList:
    document = _read(path)
    if document.adopted is None:
        raise ParseError(f"{path.name} has no pages")
    if len(document.years) != 1:
        found = ", ".join(sorted(document.years)) or "none"
        raise ParseError(
            f"{path.name}: page footers 'Liste I- Forsvarsrelaterte varer <year>' name {found}, "
            "not one edition"
        )
    _mend_breaks(document.lines, document.rest)
    reader = _Reader()
    for line in document.lines:
        reader.feed(line)
    reader.finish()
    if reader.number < 22:
        missing = f"ML{reader.number + 1}" if reader.number else "ML1"
        raise ParseError(
            f"{path.name} ({document.pages} pages) stops before {missing}: the file is "
            "truncated or not the complete Common Military List"
        )
    return MilitaryList(
        document.adopted,
        document.years.pop(),
        reader.entries,
        reader.anomalies + validate(reader.entries),
    )


def list_key(meta: SourceMeta) -> str:
    """The list series: the issuer's code plus '-military' ('no-military', 'eu-military')."""
    return f"{meta.issuer.split(':', 1)[1].lower()}-military"


def parse(path: Path, meta: SourceMeta) -> Iterator[Record]:
    military = read(path)
    meta.check_edition_date(path, military.adopted, "matches the Common Military List")
    builder = ListBuilder(meta, CodeSystem.MUNITIONS, list_key=list_key(meta), decimal_comma=True)
    add_entries(
        builder,
        military.entries.values(),
        lambda d: f"Liste I - forsvarsrelaterte varer ({military.year}), page {d.page}",
        lambda d: d.page,
    )
    yield from builder.records()
