"""Wassenaar Arrangement List (WA-LIST PDF) -> one ControlList with its ControlEntry nodes.

The official PDF holds the dual-use list (Categories 1-9, Category 5 in two parts), the
Sensitive and Very Sensitive Lists, the Munitions List (ML1-ML22) and the definitions. Both
lists go into one ``ControlList``: the document is one list, and the alignment takes the
newest ``regime:wassenaar`` list as the reference for dual-use and ML codes alike.

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
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Protocol, TypeVar

import pypdfium2 as pdfium  # type: ignore[import-untyped, unused-ignore]

from graph_schema.codes import CodeError, CodeSystem, ControlCode, parse_code
from graph_schema.model import Record
from ingest.sources.base import ParseError, SourceMeta
from ingest.sources.helpers.listing import ListBuilder, Status
from ingest.sources.helpers.pdf import raise_exponents
from ingest.sources.helpers.pdf_lines import open_pdf, text_lines

# ---------------------------------------------------------------------------------------------
# Page layout

_HEADER_RE = re.compile(r"^WA-LIST \((\d{2})\) (\d+)( Corr\.?)?$")
_PAGE_NO_RE = re.compile(r"^(?:- ?(\d+) ?-\s*\d{2}-\d{2}-\d{4}|\d{2}-\d{2}-\d{4}\s*- ?(\d+) ?-)$")
_RULE_RE = re.compile(r"^_{10,}$")
#: Banners sit above this height (PDF points from the bottom of an A4 page).
_BANNER_Y = 745.0
#: Footnotes start below this height.
_FOOTNOTE_Y = 120.0
#: Lines starting left of this are at the margin (full codes, headings); entries are indented.
_MARGIN_X = 100.0
#: Two x positions closer than this are the same indentation.
_TOL = 3.0
#: A marker this close to where its level is expected sits at that level.
_NEAR = 6.0

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
        if _RULE_RE.match(stripped):
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
_NOTE_RE = re.compile(
    r"^(?P<label>Technical Notes?|Notes?|N\.\s?B\.(?:\s?\d+\.?)?)"
    r"(?P<number>\s+\d+)?(?P<to>\s+to\s+(?:the\s+)?\S+(?:\s+Note)?)?(?P<cont>\s+cont\.)?"
    r"(?=\s|$)"
)
_BLOCK_RE = re.compile(r"^(?:TABLE\s+[-–]\s+.*|ANNEX|TECHNICAL NOTE ON .*)$")
#: Headings of their own line: 'OPTICAL SENSORS', 'CRYPTOGRAPHIC "INFORMATION SECURITY"'.
_HEADING_RE = re.compile(r"^(?:\d\. )?[A-Z][A-Z ,\"'-]{3,}$")
_NOT_USED_RE = re.compile(r"^(?:Not used(?: since \d{4})?|\[?Reserved\]?)[.;]?$", re.IGNORECASE)
_NONE_RE = re.compile(r"^[A-Z][A-Z ,\"'-]+ [-–] None$")
# A group slot under its heading that was emptied: 'MAGNETIC AND ELECTRIC FIELD SENSORS - Not
# used since 2004' (6.E.3.f) is no control.
_HEADED_NOT_USED_RE = re.compile(
    r"^[A-Z][A-Z ,\"'-]+ [-–] (?:Not used(?: since \d{4})?|\[?Reserved\]?)\.?$", re.IGNORECASE
)


def entry_status(text: str) -> Status:
    """What an entry's own text says of it: not used, a reserved slot, or an active control."""
    if _NOT_USED_RE.match(text) or _HEADED_NOT_USED_RE.match(text):
        return "not-used"
    if _NONE_RE.match(text):
        return "reserved"  # 'LASERS - None': a slot kept for a heading with no items
    return "active"


_DU_REF = r"(\d)\.([A-E])\.(\d{1,2})\.?((?:(?:[a-z]|\d{1,2})\.?)*)"
_ML_REF = r"ML(\d{1,2})\.?((?:(?:[a-z]|\d{1,2})\.?)*)"
_CONNECTOR_RE = re.compile(r"\s*(?:,|&|\band\b|\bor\b|\bto\b)\s*")
_PURPOSES_RE = re.compile(r"^For the purposes? of\s+")


def _elements(tail: str) -> tuple[str, ...]:
    return tuple(part for part in re.split(r"[ .]+", tail) if part)


def _is_first(element: str, position: int) -> bool:
    return element == ("a" if position % 2 == 0 else "1")


def _successor(element: str) -> str:
    return str(int(element) + 1) if element.isdigit() else chr(ord(element) + 1)


def _well_formed(path: tuple[str, ...]) -> bool:
    """Letters at the first, third, fifth level; numbers between."""
    letter = True
    for element in path:
        if element.isalpha() != letter:
            return False
        letter = not letter
    return True


def _follows(previous: tuple[str, ...], new: tuple[str, ...]) -> bool:
    """Whether ``new`` can come right after ``previous`` inside one item."""
    if not _well_formed(new):
        return False
    common = 0
    while common < min(len(previous), len(new)) and previous[common] == new[common]:
        common += 1
    if common == len(new):
        return False  # the same entry or one of its ancestors again
    if common == len(previous):
        step_ok = _is_first(new[common], common)
    else:
        step_ok = new[common] == _successor(previous[common])
    return step_ok and all(_is_first(e, common + 1 + i) for i, e in enumerate(new[common + 1 :]))


@lru_cache(maxsize=8192)
def _code(written: str, system: CodeSystem) -> ControlCode:
    # Cached: notes and markers ask for the same few codes many times.
    try:
        return parse_code(written, system)
    except CodeError as exc:
        raise ParseError(f"unreadable code {written!r}: {exc}") from exc


T = TypeVar("T")


class Numbering(Protocol):
    """How a reader writes and reads codes: what :func:`note_subject` needs of it."""

    @property
    def ref_re(self) -> re.Pattern[str]: ...

    def root(self, match: re.Match[str]) -> str: ...

    def code(self, root: str, path: tuple[str, ...]) -> ControlCode: ...


def note_subject(body: str, root: str, numbering: Numbering, entries: Mapping[str, T]) -> T | None:
    """The entry of item ``root`` a note names first ("Note 5.A.1.j. does not..."); a note that
    names several ("5.A.1.b. and c.") goes to their common parent, and one on an entry not
    read yet to the nearest ancestor read."""
    paths: list[tuple[str, ...]] = []
    pos = 0
    while match := numbering.ref_re.match(body, pos):
        if numbering.root(match) != root:
            break
        paths.append(_elements(match.group(match.re.groups)))
        connector = _CONNECTOR_RE.match(body, match.end())
        if not connector:
            break
        pos = connector.end()
    if not paths:
        return None
    common = paths[0]
    for other in paths[1:]:
        n = 0
        while n < min(len(common), len(other)) and common[n] == other[n]:
            n += 1
        common = common[:n]
    while common and numbering.code(root, common).canonical not in entries:
        common = common[:-1]
    return entries.get(numbering.code(root, common).canonical)


@dataclass(frozen=True)
class _System:
    """What differs between the dual-use list and the Munitions List."""

    code_system: CodeSystem
    full_re: re.Pattern[str]
    ref_re: re.Pattern[str]
    #: Typical x of the marker at each level below the item (learned from this edition).
    indents: tuple[float, ...]
    #: x of items numbered relatively ('2.' after 1.D.1); None where items never are.
    item_indent: float | None

    def root(self, match: re.Match[str]) -> str:
        if self.code_system is CodeSystem.MUNITIONS:
            return f"ML{int(match.group(1))}"
        return f"{match.group(1)}.{match.group(2)}.{int(match.group(3))}"

    def tail(self, match: re.Match[str]) -> str:
        return match.group(match.re.groups)

    def code(self, root: str, path: tuple[str, ...]) -> ControlCode:
        return _code(".".join((root, *path)), self.code_system)

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


@dataclass
class Draft:
    """One entry as read, before it becomes a record."""

    code: ControlCode
    page: int
    lines: list[str] = field(default_factory=list)
    notes: list[list[str]] = field(default_factory=list)
    sensitive: bool = False
    very_sensitive: bool = False

    @property
    def text(self) -> str:
        return _join(self.lines)

    @property
    def status(self) -> Status:
        return entry_status(self.text)

    def note_texts(self) -> list[str]:
        return [t for t in (_join(n) for n in self.notes) if t]


def _join(lines: list[str]) -> str:
    out = ""
    for line in lines:
        if not out:
            out = line
        elif out.endswith("-") and not out.endswith(" -"):
            out += line  # a compound word broken at the line end
        else:
            out += " " + line
    return out.strip()


@dataclass
class _Note:
    """A note being read: where it starts, its lines, and what it is attached to."""

    x: float
    lines: list[str]
    plural: bool  # 'Technical Notes' number their paragraphs at their own indentation
    table: str | None = None  # the title of a table or annex block
    inner_x: float | None = None  # where the note's own a./1. list sits, once seen
    fallback: Draft | None = None  # the entry its indentation places it under
    placed: bool = True  # False while a heading alone ('Technical Note') waits for its body


@dataclass
class _Reader:
    """Reads the entries of one list (dual-use or munitions) line by line."""

    system: _System
    entries: dict[str, Draft]
    anomalies: list[str]
    root: str | None = None
    path: tuple[str, ...] = ()
    #: x of the marker that opened each level of ``path``; None where a full code did.
    xs: list[float | None] = field(default_factory=list)
    #: Last marker x seen at each level in the current item.
    level_x: dict[int, float] = field(default_factory=dict)
    current: Draft | None = None
    note: _Note | None = None
    #: The group being read ('1.D') and the number of its last item, for relative items.
    group: str | None = None
    last: int = 0

    # -- entries -------------------------------------------------------------------------------

    def _open(
        self, root: str, path: tuple[str, ...], line: _Line, text: str, at: tuple[int, float] | None
    ) -> None:
        """Make ``root.path`` the current entry; ``at`` is (level, x) of a relative marker."""
        code = self.system.code(root, path)
        draft = self.entries.get(code.canonical)
        if draft is None:
            draft = self.entries[code.canonical] = Draft(code=code, page=line.page)
        else:
            self.anomalies.append(f"p{line.page}: {code.canonical} seen twice: {line.text[:60]}")
        if text:
            draft.lines.append(text)
        if root != self.root:
            self.root, self.path, self.xs, self.level_x = root, (), [], {}
        common = 0
        while common < min(len(path), len(self.path)) and path[common] == self.path[common]:
            common += 1
        xs: list[float | None] = [*self.xs[:common], *([None] * (len(path) - common))]
        if at is not None:
            level, x = at
            xs[level] = x
            self.level_x[level] = x
        self.path, self.xs, self.current = path, xs, draft
        if code.group is not None:
            self.group, self.last = f"{code.category}.{code.group}", code.number or 0

    def _full(self, match: re.Match[str], line: _Line) -> None:
        root = self.system.root(match)
        path = _elements(self.system.tail(match))
        known = self.system.code(root, path).canonical in self.entries
        if root == self.root and path and not known and not _follows(self.path, path):
            shown = ".".join((root, *self.path))
            self.anomalies.append(f"p{line.page}: {'.'.join(path)} after {shown} (full code)")
        self._open(root, path, line, line.text[match.end() :].strip(), None)

    def _expected_x(self, level: int) -> float:
        if level < len(self.xs):
            known = self.xs[level]
            if known is not None:
                return known
        return self.level_x.get(level, self.system.indent(level))

    def _candidates(self, elements: tuple[str, ...]) -> Iterator[tuple[int, tuple[str, ...]]]:
        for level in range(len(self.path) + 1):
            candidate = self.path[:level] + elements
            if _follows(self.path, candidate):
                yield level, candidate

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

    def _subject(self, body: str) -> Draft | None:
        """The entry of the current item a note names first ('Note 5.A.1.j. does not...')."""
        if self.root is None:
            return None
        return note_subject(_PURPOSES_RE.sub("", body), self.root, self.system, self.entries)

    def _by_indent(self, x: float) -> Draft | None:
        """The deepest open entry whose marker sits left of the note."""
        if self.root is None:
            return None
        level = len(self.path)
        while level > 0 and self._expected_x(level - 1) >= x - _NEAR:
            level -= 1
        return self.entries.get(self.system.code(self.root, self.path[:level]).canonical)

    def _place(self, note: _Note, body: str) -> None:
        target = self._subject(body) or note.fallback
        if target is not None:
            target.notes.append(note.lines)
        note.placed = True

    def _start_note(self, match: re.Match[str], line: _Line) -> None:
        if match.group("cont") and self.note is not None:
            return  # 'Note 2 cont.' at a page top: the same note goes on
        label = match.group("label")
        body = line.text[match.end() :].strip()
        note = _Note(x=line.x, lines=[line.text], plural=label.endswith("s"))
        note.fallback = self._by_indent(line.x)
        if body:
            self._place(note, body)
        else:
            note.placed = False  # a heading alone: its first line says what it is about
        self.note = note

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
        if line.x < note.x - _TOL:
            return True
        if marker is None or line.x > note.x + _NEAR:
            return False
        if note.inner_x is not None:
            # The note's own list was indented further, so a marker back at the note's
            # indentation belongs to the entries again.
            return note.inner_x > note.x + _NEAR
        if note.plural or self.root is None:
            return False  # 'Technical Notes' are numbered at their own indentation
        # A marker at the note's own indentation ('N.B.' at 146, 'a.' at 149) that can open
        # the next entry does so: notes indent their own lists further.
        return any(True for _ in self._candidates(marker))

    @staticmethod
    def _nested(line: _Line, note: _Note) -> bool:
        """A note heading inside a note's own list ('Note 2' > 'a.' > 'Technical Note')."""
        if note.table is not None or note.inner_x is None:
            return False
        return line.x > note.x + _TOL and line.x >= note.inner_x - _TOL

    # -- the line loop -------------------------------------------------------------------------

    def reset(self) -> None:
        """A new part of the list (a category, a group): nothing carries over."""
        self.note = None
        self.current = None
        self.root = None
        self.path = ()
        self.xs = []

    def feed(self, line: _Line) -> None:
        text = line.text
        if line.x < _MARGIN_X:
            full = self.system.full_re.match(text)
            if full:
                self.note = None
                self._full(full, line)
                return
            group = _DU_GROUP_RE.match(text)
            if group or _HEADING_RE.match(text) or text.startswith("Part "):
                self.reset()  # '5. A. Part 2. SYSTEMS...', 'CRYPTOGRAPHIC ...', 'Part 1 - ...'
                if group:
                    self.group, self.last = f"{group.group(1)}.{group.group(2)}", 0
                return
        block = _BLOCK_RE.match(text)
        if block:
            self._start_block(block.group(0).replace("–", "-"), line)
            return
        if self.note is not None and self.note.table is not None:
            self.note.lines.append(text)
            return
        if _HEADING_RE.match(text):
            return  # Category 6 sub-headings ('OPTICAL SENSORS') between items
        note_start = _NOTE_RE.match(text)
        if note_start and not re.match(r"\s+[a-z]", text[note_start.end() :]):
            if self.note is not None and self._nested(line, self.note):
                self.note.lines.append(text)  # a note inside a note stays part of it
            else:
                self._start_note(note_start, line)
            return
        marker_match = _MARKER_RE.match(text) if line.x >= _MARGIN_X else None
        marker = _elements(marker_match.group(1)) if marker_match else None
        if self.note is not None:
            if not self._note_ends(line, marker):
                if marker is not None and self.note.inner_x is None:
                    self.note.inner_x = line.x
                elif marker is None:
                    # A technical note's body may start left of its heading.
                    self.note.x = min(self.note.x, line.x)
                self.note.lines.append(text)
                if not self.note.placed:
                    self._place(self.note, text)
                return
            if not self.note.placed:
                self._place(self.note, "")
            self.note = None
        if marker is not None and marker_match is not None:
            if self._marker(marker, line, text[marker_match.end() :].strip()):
                return
            self.anomalies.append(f"p{line.page}: marker fits nowhere: {text[:60]}")
        if self.current is not None:
            self.current.lines.append(text)
        else:
            self.anomalies.append(f"p{line.page}: text outside entries: {text[:60]}")

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
        indent = self.system.item_indent
        if indent is None or self.group is None or not marker[0].isdigit():
            return None
        if not all(_is_first(e, i) for i, e in enumerate(marker[1:])):
            return None
        number = int(marker[0])
        last = int(self.root.rsplit(".", 1)[1]) if self.root is not None else self.last
        if number != last + 1:
            return None
        return abs(line.x - indent), f"{self.group}.{number}"


# ---------------------------------------------------------------------------------------------
# Sensitive and Very Sensitive Lists

_SL_CODE_RE = re.compile(r"(\d)\.([A-E])\.(\d{1,2})\.?((?:(?:[a-z]|\d{1,2})\.)*)")
_SL_LINK_RE = re.compile(r"\s*(,|&|\bto\b)\s*")


@dataclass
class _Named:
    """One entry of the Sensitive or Very Sensitive List: the codes it names and its text."""

    codes: list[str]
    text: list[str] = field(default_factory=list)

    @property
    def withdrawn(self) -> bool:
        # 'Not used since 2002' there means the entry left that list, not the dual-use list.
        return bool(self.text) and self.text[0].startswith("Not used")


def _named(lines: list[_Line]) -> list[_Named]:
    """What the list names at its margin, ranges expanded, with the text that follows.

    A code list may run over several margin lines ('7.D.3.d.1. to' / '7.D.3.d.4. &' /
    '7.D.3.d.7.'); indented lines carry the abbreviated entry text and notes.
    """
    named: list[_Named] = []
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
            written = ".".join((root, *_elements(match.group(4))))
            if link == "to":
                before = codes[-1] if codes else named[-1].codes[-1] if continuing else written
                codes.extend(_expand(before, written)[1:])
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
            named.append(_Named(codes))
        if rest:
            named[-1].text.append(rest)
    return named


def _expand(start: str, end: str) -> list[str]:
    """'7.D.3.d.1' to '7.D.3.d.4' -> the four siblings."""
    head, _, first = start.rpartition(".")
    other_head, _, last = end.rpartition(".")
    if head != other_head or first.isdigit() != last.isdigit():
        raise ParseError(f"cannot read the range {start} to {end} in the Sensitive List")
    if first.isdigit():
        return [f"{head}.{n}" for n in range(int(first), int(last) + 1)]
    return [f"{head}.{chr(c)}" for c in range(ord(first), ord(last) + 1)]


# ---------------------------------------------------------------------------------------------
# The document


@dataclass
class WaList:
    """Everything read from the PDF; ``parse`` turns it into records."""

    header: str  # 'WA-LIST (25) 1 Corr.', printed on every page
    year: str
    entries: dict[str, Draft]
    sensitive: list[_Named]
    very_sensitive: list[_Named]
    #: Codes the two lists name that the dual-use list does not have.
    unresolved: list[str]
    anomalies: list[str]


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
    unresolved: list[str] = []
    for name, attr in (("sensitive", "sensitive"), ("very-sensitive", "very_sensitive")):
        for written in (c for n in lists[name] if not n.withdrawn for c in n.codes):
            draft = entries.get(_code(written, CodeSystem.WASSENAAR).canonical)
            if draft is None:
                unresolved.append(written)
            else:
                setattr(draft, attr, True)
    return WaList(
        header,
        header[len("WA-LIST (") :][:2],
        entries,
        lists["sensitive"],
        lists["very-sensitive"],
        unresolved,
        anomalies,
    )


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
    if not meta.edition.startswith(f"20{wa.year}"):
        raise ParseError(
            f"{path.name} is WA-LIST ({wa.year}), not the {meta.edition} edition the metadata names"
        )
    builder = ListBuilder(meta, CodeSystem.WASSENAAR)
    for draft in wa.entries.values():
        text = draft.text
        builder.add(
            draft.code,
            heading=text if draft.code.level == 0 else "",
            text=text,
            notes=draft.note_texts(),
            status=draft.status,
            sensitive=draft.sensitive,
            very_sensitive=draft.very_sensitive,
            page=draft.page,
            citation=f"{wa.header}, page {draft.page}",
        )
    yield from builder.records()
