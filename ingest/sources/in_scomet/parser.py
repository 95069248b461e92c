"""India's SCOMET list (DGFT, Appendix 3 to Schedule 2 of ITC (HS), PDF) -> one ControlList.

SCOMET numbers its entries in its own way (see ``graph_schema.codes``):

* Categories 0-6 and 8 (Category 7 is reserved and has no entries). Categories 0-6 have
  groups (``0A``, ``2F``, ``5B``), some groups have sub-categories (``0A1``, ``3A3``, ``5A2``),
  and items have three digits (``0A101``, ``2F004``, ``6A008``); Category 8 has sub-categories
  ``8A1``-``8E9`` (group letter + Wassenaar category) and items such as ``8A101``.
* Lettered and numbered paragraphs below an item become entries of their own (``8E102.f``,
  ``8A104.a.1``); the PDF restates the item code in front of many of them (``8A104 a. 1.``).
* Category 1 lists chemicals: groups 1A and 1B by serial number ``(1)``, ``(2)``..., which become
  ``1A (1)`` (canonical ``1A1``); groups 1B-1E also in tables with their own codes (``1B001``).

Group and sub-category headings are entries too and are the parents of their items (an item's
own code says nothing of its heading, so the parent is set here after ``ListBuilder``).

The only regime correspondences the PDF states are Category 1's links to the Chemical Weapons
Convention schedules: the 1A list "corresponds to Schedule 1", the 1B list "to Schedule 2", and
the 1B/1C/1E tables give each chemical's schedule entry (``2B10``, ``3A01``). They go into the
entry's notes as ``Corresponds to: cwc 2B10``. The Category 8 / Wassenaar link is implied by
the numbering only, so it is left to ``graph_schema.codes.wassenaar_equivalent``.

How the PDF is read (pypdfium2 text; per line, only where needed, the x position and italic
flag of a character, and the font size of leading digits):

* The page banner and the amendment footnotes are dropped; a footnote's text becomes a note of
  the entry whose code carries its superscript marker (``2H00111`` is 2H001 + footnote 11).
* A line opens an entry when it starts with a code that continues the list's own sequence, so
  references wrapped to the start of a line ("8A107.b") stay text; where pdfium runs
  two lines together ("...8B608.8D603 Other") the next item's code is split off.
* Relative ``a.`` / ``1.`` / ``(i)`` markers are the next sibling at some open level or the first
  child of the deepest; indentation picks between them, a one-item list is continued, and a
  marker the PDF indents one level too deep (0B005.c set like 0B005.b.2.a) is moved up when
  the next marker shows the level.
* ``Note``, ``Technical Note`` and ``N.B.`` blocks (set in italics) are notes of the entry they
  follow, or of the entry of the same item they name first; the deposition table (8E203.f) and
  Annex-A (the explosives of 8A108) are one note each. Notes at category level are not kept.
"""

from __future__ import annotations

import ctypes
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pypdfium2 as pdfium  # type: ignore[import-untyped, unused-ignore]
import pypdfium2.raw as pdfium_c  # type: ignore[import-untyped, unused-ignore]

from graph_schema import ids
from graph_schema.codes import CodeSystem, ControlCode
from graph_schema.model import ControlEntry, ParentOf, Record
from ingest.sources.base import ParseError, SourceMeta
from ingest.sources.helpers.listing import ListBuilder, Status
from ingest.sources.helpers.pdf import raise_exponents
from ingest.sources.helpers.pdf_lines import open_pdf, text_lines

SYSTEM = CodeSystem.SCOMET
CATEGORIES = ("0", "1", "2", "3", "4", "5", "6", "8")

# ---------------------------------------------------------------------------------------------
# Reading the PDF into lines

_BANNER = "Appendix 3 – SCOMET List"
_FOOTNOTE_TEXT = r"(?:Para\b|Notification\b|Added vide\b|No change\b|https?://)"
_FOOTNOTE_RE = re.compile(rf"^(\d{{1,2}})\s*({_FOOTNOTE_TEXT}.*)$")
_FOOTNOTE_ALONE_RE = re.compile(rf"^{_FOOTNOTE_TEXT}")
#: Lines whose leading digits may carry a footnote marker (``2H00111`` is 2H001 + note 11).
_MARKED_RE = re.compile(r"^(?:[0-8] ?[A-H] ?\d|\( ?[a-z0-9]{1,4} ?\) ?\d|Note ?\d)")
_ITALIC_FLAG = 1 << 6
_RAW_CODE_RE = re.compile(r"^\s*\d\s?[A-H]\s?\d{3}")
# Symbol-font glyphs come out in the private-use area; U+FFFE is a hyphen pdfium joined.
_SYMBOLS = str.maketrans({"\uf0b7": "•", "\uf073": "σ", "\uf02d": "-", "\ufffe": "-"})


class _Line:
    """One text line; its indentation and style are read from the page only when asked for
    (a few thousand of the 13,000 lines need them)."""

    __slots__ = ("_italic", "_x", "first", "marks", "page", "raw", "text", "textpage")

    def __init__(
        self,
        page: int,
        text: str,
        textpage: pdfium.PdfTextPage | None = None,
        first: int = 0,
        raw: str = "",
        marks: tuple[str, ...] = (),
    ) -> None:
        self.page = page
        self.text = text
        self.textpage = textpage
        self.first = first  # index of the line's first character on its page
        self.raw = raw
        self.marks = marks
        self._x: float | None = None
        self._italic: bool | None = None

    def with_text(self, text: str, marks: tuple[str, ...] = ()) -> _Line:
        line = _Line(self.page, text, self.textpage, self.first, self.raw, marks)
        line._x, line._italic = self._x, self._italic
        return line

    @property
    def x(self) -> float:
        """Left edge of the line's first character, in PDF points."""
        if self._x is None:
            self._x = 0.0 if self.textpage is None else self.textpage.get_charbox(self.first)[0]
        return self._x

    def label_xs(self, tokens: list[str], after_code: bool) -> list[float | None]:
        """x positions of the paragraph markers written at the start of the line."""
        xs: list[float | None] = []
        position = 0
        if after_code:
            code = _RAW_CODE_RE.match(self.raw)
            position = code.end() if code else 0
        for token in tokens:
            found = re.compile(rf"(?<![A-Za-z0-9]){re.escape(token)}(?![A-Za-z])").search(
                self.raw, position
            )
            if found is None or self.textpage is None:
                xs.append(None)
                continue
            xs.append(self.textpage.get_charbox(self.first + found.start())[0])
            position = found.end()
        return xs

    @property
    def italic(self) -> bool:
        """Whether the line is set in italics, judged by a character in its middle."""
        if self._italic is None:
            self._italic = False
            if self.textpage is not None and self.raw:
                middle = len(self.raw) // 2
                while middle < len(self.raw) - 1 and self.raw[middle].isspace():
                    middle += 1
                flags = ctypes.c_int(0)
                pdfium_c.FPDFText_GetFontInfo(
                    self.textpage, self.first + middle, None, 0, ctypes.byref(flags)
                )
                self._italic = bool(flags.value & _ITALIC_FLAG)
        return self._italic


def _superscripts(textpage: pdfium.PdfTextPage, start: int, line: str) -> tuple[str, list[str]]:
    """Remove footnote markers (small raised digits) from the start of a line."""
    first_size = pdfium_c.FPDFText_GetFontSize(textpage, start)
    small: set[int] = set()
    for offset, char in enumerate(line[:24]):
        if not char.isdigit() or offset == 0:
            continue
        size = pdfium_c.FPDFText_GetFontSize(textpage, start + offset)
        if size > first_size - 0.5:
            continue
        before = offset - 1
        while before > 0 and (line[before].isspace() or before in small):
            before -= 1
        # A marker is smaller and sits well above the baseline of the character before it.
        if textpage.get_charbox(start + offset)[1] > textpage.get_charbox(start + before)[1] + 2.5:
            small.add(offset)
    if not small:
        return line, []
    marks: list[str] = []
    kept: list[str] = []
    for offset, char in enumerate(line):
        if offset in small:
            if offset - 1 in small:
                marks[-1] += char
            else:
                marks.append(char)
        else:
            kept.append(char)
    return "".join(kept), marks


def _read_page(textpage: pdfium.PdfTextPage, number: int, footnotes: dict[str, str]) -> list[_Line]:
    # Each mapped glyph is one character, so offsets into the text stay offsets on the page.
    text = raise_exponents(textpage, textpage.get_text_range().translate(_SYMBOLS))
    lines: list[_Line] = []
    pieces = text_lines(text)
    for position, piece in enumerate(pieces):
        stripped = piece.text
        if stripped == _BANNER:
            continue
        note = _FOOTNOTE_RE.match(stripped)
        if note:
            footnotes[note.group(1)] = note.group(2).strip()
            continue
        if _FOOTNOTE_ALONE_RE.match(stripped):
            # The marker of this footnote sits alone on the line before it.
            if lines and re.fullmatch(r"\d{1,2}", lines[-1].text):
                footnotes[lines.pop().text] = stripped
            continue
        after = pieces[position + 1] if position + 1 < len(pieces) else None
        # The line right below; a blank one between them is no footnote's text.
        following = after.text if after is not None and after.number == piece.number + 1 else ""
        if re.fullmatch(r"\d{1,2}", stripped) and _FOOTNOTE_ALONE_RE.match(following):
            lines.append(_Line(number, stripped))
            continue
        first = piece.first
        marks: list[str] = []
        if _MARKED_RE.match(stripped):
            stripped, marks = _superscripts(textpage, first, stripped)
        clean = " ".join(stripped.split())
        lines.append(_Line(number, clean, textpage, first, piece.text, tuple(marks)))
    return lines


class _Document:
    """The PDF's lines; pages stay open while the lines are in use (for layout look-ups)."""

    def __init__(self, path: Path) -> None:
        # No sniffing: pdfium's refusal reads "not a readable PDF" for any file that is not one.
        self.pdf = open_pdf(path, sniff=False)
        self.name = path.name
        self.pages: list[tuple[pdfium.PdfPage, pdfium.PdfTextPage]] = []
        self.lines: list[_Line] = []
        self.footnotes: dict[str, str] = {}

    def read(self) -> None:
        for index in range(len(self.pdf)):
            try:
                page = self.pdf[index]
                textpage = page.get_textpage()
            except pdfium.PdfiumError as exc:
                raise ParseError(f"{self.name}: cannot read page {index + 1}: {exc}") from exc
            self.pages.append((page, textpage))
            self.lines.extend(_read_page(textpage, index + 1, self.footnotes))

    def close(self) -> None:
        for page, textpage in self.pages:
            textpage.close()
            page.close()
        self.pdf.close()


# ---------------------------------------------------------------------------------------------
# The list's structure

_CATEGORY_RE = re.compile(r"^(?:Category|CATEGORY) ?([0-8])\b ?:?(.*)$")
#: Category 5's heading in this PDF lacks the word "Category".
_BARE_CATEGORY_RE = re.compile(r"^([0-8]) ([A-Z][a-z]+ [a-z].*)$")
_CODE_RE = re.compile(r"^([0-8])([A-H]) ?(\d{1,3})?(?![0-9])(.*)$")
_TABLE_ROW_RE = re.compile(r"^\d{1,2}\.? (1[B-E]) ?(\d{3})\b ?(.*)$")
_SERIAL_RE = re.compile(r"^\((\d{1,2})\) ?(.*)$")
#: Column headings of the Category 1 tables, however pdfium splits them into lines.
_TABLE_JUNK_RE = re.compile(
    r"^(?:(?:Sl\.?|No\.?|S\.|\.|SCOMET|Entry|into|in|Schedule|[123]|CAS|number|Numbers?|ITC"
    r"|\(HS\)|code|Codes|CWC|Name|of|the|Chemical|Toxic|Chemicals|Precursors|[AB]\.) ?)+$"
)
_SCHEDULE_RE = re.compile(r"([123][AB]\d{2})(?= ?\(| \d)")
#: "Note 1", "Notes to 0B005:", "Note7", "Technical Note", "N.B."; not "Note-3 in 0B005" (text).
_NOTE_RE = re.compile(r"^(?:Notes?(?![-\w])|NOTES?\b|Note\d|Technical [Nn]otes?\b|N\. ?B\.)")
#: The first entry a note names: "Note 1: 5A101 does not control", "Note 8A104.a includes".
_NAMED_RE = re.compile(r"\b([0-8][A-H]\d{3}(?:\.[a-z0-9]{1,4})*)")
_ANNEX_RE = re.compile(r"^ANNEX-A\b")
_TABLE_RE = re.compile(r"^TABLE - ")
_CAPS_RE = re.compile(r"^[A-Z][A-Z ,&/()\"“”–-]{2,60}$")
_END_RE = re.compile(r"^ANNEXURE\s*[–-]\s*1\b")
_PART_RE = re.compile(r"PART[ -]*(1|2|I{1,2})\b", re.IGNORECASE)
_RESERVED_RE = re.compile(r"[\[(]\s*reserved\s*[\])]\W*$|^\W*reserved\W*$", re.IGNORECASE)
#: Text that can open an entry: not a continuation such as ", and", "or", "to", "applies".
#: A restated code in dotted form opens an entry only as "8C101.b Materials", "8A301.a.2 a. Rated".
_DOTTED_OPENS_RE = re.compile(r"^(?:\.[a-z0-9]{1,4})+ (?:[a-z0-9]{1,4}\. )*[A-Z\"“‘'(]")
_OPENS_RE = re.compile(r"^(?:$|[A-Z\"“”'‘’\[(]|\d)")

#: "Not used since 2023" (8A301.b.7.c.3, p. 257): SCOMET follows Wassenaar's deletions.
_NOT_USED_RE = re.compile(r"^\W*not used(?:\s+since\s+\d{4})?\W*$", re.IGNORECASE)
_RUN_ON_RESERVED_RE = re.compile(r";\s*(?:\d{1,2}|[a-z])\.\s*[\[(]\s*reserved\s*[\])]\W*$", re.I)
_STRAY_PERIOD_RE = re.compile(r"^\. (?:[a-z]|\d{1,2})\. ")
_ROMAN = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii")
_LABEL_RE = re.compile(
    r"^(?:\( ?(?P<paren>[a-z]{1,4}|\d{1,2}) ?\)"
    # The PDF often sets no space after a marker ("b.Three or more axes").
    r"|(?P<plain>[a-z]{1,4}) ?(?P<end>[.)])(?= |$|\d|[a-z]{2}|[A-Z\"“‘'])"
    r"|(?P<digits>\d{1,2}) ?(?P<dend>[.)])(?= |$|[A-Z\"“‘'(]))"
)
#: Path after a restated item code: ". a. 2.", " a 3.", ".i", " b. 1. a."
_PATH_TOKEN_RE = re.compile(
    r"^[ .]*(?:\( ?([a-z]{1,4}|\d{1,2}) ?\)|([a-z]{1,4}|\d{1,2})(?=[ .]|$))"
)


@dataclass
class _Node:
    key: str
    written: str
    kind: str  # group, subcategory, item, sub, serial
    category: str
    group: str
    digits: str
    path: tuple[str, ...]
    page: int
    heading: str = ""
    text: list[str] = field(default_factory=list)
    notes: list[list[str]] = field(default_factory=list)
    corresponds: list[str] = field(default_factory=list)
    marks: list[str] = field(default_factory=list)
    parent: str | None = None  # the heading above an item, which its code does not show
    schedule_column: bool = False


@dataclass
class _Frame:
    kind: str  # alpha, num, roman
    style: str  # ".", ")" or "()"
    value: str
    x: float | None
    node: _Node
    #: Opened by a line restating the code ("8A605 a. 6."): the list restates its siblings
    #: the same way, so a bare marker is not one of them.
    restated: bool = False


def _roman_value(token: str) -> int:
    return _ROMAN.index(token) + 1


def _kinds(token: str) -> list[str]:
    if token.isdigit():
        return ["num"]
    kinds = []
    if len(token) == 1:
        kinds.append("alpha")
    if token in _ROMAN:
        kinds.append("roman")
    return kinds


def _successor(kind: str, value: str) -> str:
    if kind == "num":
        return str(int(value) + 1)
    if kind == "roman":
        number = _roman_value(value)
        return _ROMAN[number] if number < len(_ROMAN) else ""
    return chr(ord(value) + 1)


_FIRST = {"alpha": "a", "num": "1", "roman": "i"}


def _item_block(category: str, group: str, number: int) -> tuple[str, str, int]:
    """Items run in blocks: a sub-category (3A1xx, 8A1xx) or a group without one (0B0xx)."""
    return category, group, number // 100


def _sub_key(category: str, group: str, digit: str, part: int) -> tuple[int, int, int]:
    """Order of sub-category headings: 8A1, 8B1 ... 8E1, 8A2 ...; elsewhere within a group."""
    if category == "8":
        return int(digit), part, ord(group)
    return ord(group), int(digit), part


class _Parser:
    """Feeds on lines in reading order and keeps the nodes of the list."""

    def __init__(self) -> None:
        self.nodes: dict[str, _Node] = {}
        self.category: str | None = None
        self.group: str | None = None  # current group letter (Categories 0-6)
        self.sub_key: tuple[int, int, int] | None = None
        self.block: tuple[str, str, int] | None = None  # where the next first item may open
        self.item: _Node | None = None  # last item opened
        self.container: _Node | None = None  # what relative paragraph markers hang under
        self.heading: _Node | None = None  # the group or sub-category items hang under
        self.stack: list[_Frame] = []
        self.target: _Node | None = None  # where text goes
        self.note: list[str] | None = None
        self.note_italic = False
        self.annex: list[str] | None = None
        self.table_group: str | None = None  # Category 1 group whose table rows started
        self.sink = False  # inside a repeated Category 1 row: its lines are dropped

    # -- nodes -------------------------------------------------------------------------------

    def _new(self, node: _Node) -> _Node:
        return self.nodes.setdefault(node.key, node)

    def _sub(self, base: _Node, path: tuple[str, ...], page: int) -> _Node:
        key = ".".join((base.key, *path))
        node = _Node(key, key, "sub", base.category, base.group, base.digits, base.path, page)
        node.path = (*base.path, *path)
        return self._new(node)

    def _open(self, node: _Node, marks: tuple[str, ...] = ()) -> None:
        self.target = node
        self.note = None
        self.sink = False
        node.marks.extend(m for m in marks if m not in node.marks)

    def _reset(self) -> None:
        self.group = None
        self.sub_key = None
        self.block = None
        self.item = None
        self.container = None
        self.heading = None
        self.stack = []
        self.target = None
        self.note = None
        self.annex = None
        self.table_group = None
        self.sink = False

    # -- the line loop -----------------------------------------------------------------------

    def feed(self, line: _Line) -> None:
        # pdfium sometimes runs the next item's code onto a line ("...8B608.8D603 Other").
        mid = _MID_CODE_RE.search(line.text)
        if mid is not None and mid.start() >= 3 and self._is_next_item(mid.group(1)):
            self._feed(line.with_text(line.text[: mid.start()], line.marks))
            self._feed(line.with_text(line.text[mid.start() :]))
            return
        # ... or the current item's code restated with a path ("mask; 8B301f. 4. Equipment",
        # "depths exceeding 1,000 m;8A801 b. Manned"), or the next sub-category's heading
        # ("items specified by 8A912.8C9 AEROSPACE AND PROPULSION").
        restated = _MID_RESTATED_RE.search(line.text)
        if restated is not None and self.item is not None and self.item.key == restated["code"]:
            rest = line.text[restated.end("code") :].strip()
            self._feed(line.with_text(line.text[: restated.start()].rstrip(), line.marks))
            if rest:  # a code alone at the end restates what the next line's marker continues
                self._feed(line.with_text(f"{restated['code']} {rest}"))
            return
        heading = _MID_HEADING_RE.search(line.text)
        if heading is not None and heading.start() >= 3:
            self._feed(line.with_text(line.text[: heading.start()], line.marks))
            self._feed(line.with_text(line.text[heading.start() :]))
            return
        self._feed(line)

    def _feed(self, line: _Line) -> None:
        if self._category(line):
            return
        if self.category is None or self.category == "7":
            return
        text = line.text
        if _CODE_RE.match(text) and self._code_line(line):
            return
        if self.annex is not None:
            self.annex.append(text)
            return
        if _ANNEX_RE.match(text) or _TABLE_RE.match(text):
            self._start_annex(text)
            return
        if self.category == "1" and self._chemical_line(line):
            return
        if (
            self.category == "8"
            and self.item is not None
            and _CAPS_RE.match(text)
            and not _NOTE_RE.match(text)
        ):
            return  # Wassenaar-style section words ("ACOUSTICS", "OPTICAL SENSORS –")
        if self.sink:
            return
        if _NOTE_RE.match(text):
            self._start_note(line)
            return
        if _STRAY_PERIOD_RE.match(text):
            text = text[1:].lstrip()  # ". 2. Electric motors": a period left over from layout
        labels, rest = ([], text) if self.category == "1" else _labels(text)
        if (
            labels
            and self._leaves_note(line, labels)
            and self._relative(line, labels, _label_xs(line, labels))
        ):
            self.note = None
            if rest and self.target is not None:
                self.target.text.append(rest)
            return
        if self.note is not None and self.note_italic and not line.italic and not labels:
            self.note = None  # back to the entry's own text after an italic note
        self._append(text)

    def _append(self, text: str) -> None:
        if self.target is None:
            return
        if self.note is not None:
            self.note.append(text)
        else:
            self.target.text.append(text)

    def _start_note(self, line: _Line) -> None:
        self.note = None
        if self.target is None:
            return
        self.note = [line.text]
        self.note_italic = line.italic
        self.target.notes.append(self.note)

    def _start_annex(self, text: str) -> None:
        """A table or annex runs until the next entry opens; it is one note of its owner.

        Annex-A lists the explosives item 8A108 refers to; the deposition table belongs to
        the entry that introduces it (8E203.f)."""
        self.annex = [text]
        owner = self.nodes.get("8A108") if _ANNEX_RE.match(text) else self.target
        if owner is not None:
            owner.notes.append(self.annex)
        self.target = None
        self.note = None

    def _leaves_note(self, line: _Line, labels: list[tuple[str, str]]) -> bool:
        if self.note is None:
            return True
        if self.note_italic:
            return not line.italic
        # A note in roman type: only a marker that continues the entry's own sequence ends it.
        fit = self._fit(*labels[0], line.x)
        return fit is not None and (fit[0] < len(self.stack) or not self.stack)

    # -- headings ----------------------------------------------------------------------------

    def _category(self, line: _Line) -> bool:
        found = _CATEGORY_RE.match(line.text)
        if found is None:
            found = _BARE_CATEGORY_RE.match(line.text)
            if found is None or line.x > 90 or ";" in line.text:
                return False
        if line.italic:
            return False  # "Category 1 chemical." inside a note
        number = found.group(1)
        if self.category is None:
            expected = "0"
        elif self.category == "6":
            expected = "7"
        else:
            expected = str(int(self.category) + 1)
        if number != expected and not (self.category == "6" and number == "8"):
            return False
        self.category = number
        self._reset()
        return True

    def _code_line(self, line: _Line) -> bool:
        match = _CODE_RE.match(line.text)
        if match is None or self.category is None:
            return False
        category, group, digits, rest = match.groups()
        if category != self.category:
            return False
        if digits is None:
            return self.annex is None and self._group(line, group, rest)
        if len(digits) == 1:
            if not self._subcategory(line, group, digits, rest):
                return False
            self.annex = None
            return True
        if len(digits) == 3 and self.annex is None:
            return self._item(line, group, digits, rest)
        return False

    def _group(self, line: _Line, group: str, rest: str) -> bool:
        assert self.category is not None
        if self.category == "8" or (self.group is not None and group <= self.group):
            return False
        body = rest.strip()
        if body and not _OPENS_RE.match(body):
            return False
        if not body and self.group is not None and ord(group) != ord(self.group) + 1:
            return False  # a bare "4C" is a heading only where the next group is due
        written = f"{self.category}{group}"
        node = self._new(_Node(written, written, "group", self.category, group, "", (), line.page))
        node.heading = body
        self.group = group
        self.sub_key = None
        self.block = (self.category, group, 0)
        self.item = None
        self.heading = node
        self.container = node
        self.stack = []
        self.table_group = None
        self._open(node, line.marks)
        return True

    def _subcategory(self, line: _Line, group: str, digit: str, rest: str) -> bool:
        assert self.category is not None
        body = rest.strip().lstrip(".").strip()
        if digit == "0" or (body and not _OPENS_RE.match(body)) or (not body and rest.strip()):
            return False
        if self.category != "8" and group != self.group:
            return False
        part_match = _PART_RE.search(body)
        part = 0
        if part_match:
            part = 2 if part_match.group(1).upper() in ("2", "II") else 1
        key = _sub_key(self.category, group, digit, part)
        if self.sub_key is not None and key <= self.sub_key:
            return False
        written = f"{self.category}{group}{digit}"
        node = self.nodes.get(written)
        if node is None:
            node = self._new(
                _Node(written, written, "subcategory", self.category, group, digit, (), line.page)
            )
            node.heading = body
            if self.category != "8" and self.heading is not None:
                node.parent = f"{self.category}{group}"
        else:
            # 8A5-8E5 come twice, Part 1 (telecommunications) and Part 2 (information
            # security); one entry holds both headings.
            node.heading = f"{node.heading} / {body}"
        self.sub_key = key
        self.block = (self.category, group, int(digit))
        self.item = None
        self.heading = node
        self.container = node
        self.stack = []
        self._open(node, line.marks)
        return True

    def _is_next_item(self, code: str) -> bool:
        item = self.item
        if item is None or item.kind != "item" or code[0] != item.category:
            return False
        number = int(code[2:])
        same = _item_block(code[0], code[1], number) == _item_block(
            item.category, item.group, int(item.digits)
        )
        return same and number == int(item.digits) + 1

    def _accepts_item(self, group: str, number: int) -> bool:
        assert self.category is not None
        block = _item_block(self.category, group, number)
        item = self.item
        if item is not None and item.kind == "item":
            current = int(item.digits)
            if _item_block(item.category, item.group, current) == block:
                return current < number <= current + 12
        # Otherwise only the first items of the block the last heading opened.
        if number % 100 > 5:
            return False
        return self.block is None or block == self.block

    def _item(self, line: _Line, group: str, digits: str, rest: str) -> bool:
        assert self.category is not None
        written = f"{self.category}{group}{digits}"
        dotted = rest.startswith(".") and not rest.startswith(". ")
        if dotted and not _DOTTED_OPENS_RE.match(rest):
            return False  # "0B005.a. If interconnected": a reference ending a sentence
        path, styles, tail = _read_path(rest)
        body = tail.strip().lstrip(". ")
        if body and not _OPENS_RE.match(body):
            return False  # "6A004 and", "5C017 applies whether": a reference, the line is text
        if self.item is not None and self.item.key == written:
            if not path or (dotted and not body):
                return False  # the code restated as a reference ("specified in\n8A107.b")
            if self.note is not None and self.note_italic and line.italic:
                return False
            self._explicit(line, self.item, path, styles, body)
            return True
        if dotted and path and not body:
            return False
        if not self._accepts_item(group, int(digits)):
            return False
        node = self._new(
            _Node(written, written, "item", self.category, group, digits, (), line.page)
        )
        node.parent = self.heading.key if self.heading is not None else None
        self.item = node
        self.container = node
        self.stack = []
        self.block = _item_block(self.category, group, int(digits))
        if self.category == "8" and path == ("1",):
            path = ()  # "8A201 1. Anti-friction bearings": a stray "1." before the heading
        if path:
            self._explicit(line, node, path, styles, body)
            return True
        self._open(node, line.marks)
        if body:
            node.text.append(body)
        return True

    # -- paragraph markers -------------------------------------------------------------------

    def _explicit(
        self,
        line: _Line,
        base: _Node,
        path: tuple[str, ...],
        styles: tuple[str, ...],
        body: str,
    ) -> None:
        """A restated code with markers, ``8A301 a. 5. b.``: the path from the item, unless its
        first marker cannot be the item's top level (``8A802 3.`` inside 8A802.o)."""
        self.container = base
        top = self.stack[0] if self.stack and self.stack[0].node.path[:-1] == base.path else None
        labels = list(zip(path, styles, strict=True))
        xs = line.label_xs(list(path), after_code=True)
        if top is None or top.kind in _kinds(path[0]) or not self._relative(line, labels, xs):
            self._absolute(line, base, labels, xs, restated=True)
        target = self.stack[-1].node
        if body:
            target.text.append(body)

    def _absolute(
        self,
        line: _Line,
        base: _Node,
        labels: list[tuple[str, str]],
        xs: list[float | None],
        *,
        restated: bool = False,
    ) -> None:
        """Open the paragraph a full path from the item names (``a. 5. b.``)."""
        frames: list[_Frame] = []
        for depth, (token, style) in enumerate(labels):
            kind = _kind_at(token, depth, self.stack, frames)
            node = self._sub(base, tuple(t for t, _ in labels[: depth + 1]), line.page)
            frames.append(_Frame(kind, style, token, xs[depth], node, restated))
        self.stack = frames
        self._open(frames[-1].node, line.marks)

    def _fit(self, token: str, style: str, x: float | None) -> tuple[int, str, bool] | None:
        """Where a relative marker fits: (depth, kind, whether a misplaced marker before it
        must move up to that depth), or None.

        Candidates are the next sibling at any open level and the first child of the deepest;
        the indentation picks between them, and ties go to the deeper level."""
        kinds = _kinds(token)
        found: list[tuple[float, int, str]] = []
        repairs: set[int] = set()
        for depth, frame in enumerate(self.stack):
            if frame.kind in kinds and frame.style == style:
                following = _successor(frame.kind, frame.value)
                if following == token:
                    near = 6.0 if x is None or frame.x is None else abs(x - frame.x)
                    if frame.value == _FIRST[frame.kind]:
                        near = min(near, 10.0)  # a list of one is continued, whatever the indent
                    found.append((near, -depth, frame.kind))
                elif (
                    following
                    and _successor(frame.kind, following) == token
                    and x is not None
                    and frame.x is not None
                    and abs(x - frame.x) < 6.5
                ):
                    # One marker of this level was misplaced deeper by the PDF's indentation
                    # ("c." set at the depth of b.2.a); the next one at the right depth resumes.
                    found.append((8.0 + abs(x - frame.x), -depth, frame.kind))
                    repairs.add(depth)
        depth = len(self.stack)
        top = self.stack[-1] if self.stack else None
        for kind in kinds:
            if _FIRST[kind] != token:
                continue
            if depth == 0 and self.category == "8" and kind != "alpha":
                continue  # Category 8 items open with a., as Wassenaar's do
            if top is None or x is None or top.x is None:
                near = 6.0
            else:
                near = 0.0 if x > top.x + 4.0 else 20.0
            found.append((near, -depth, kind))
        # A next sibling of a paragraph the list opened by restating its code is restated too
        # (p. 319 "8A605 b."): a bare marker that may also sit deeper goes deeper, whatever
        # the indentation (p. 318 sets a.6.b "Multiple transverse mode" at the item's margin).
        deeper = [
            f
            for f in found
            if not self.stack or -f[1] >= len(self.stack) or not self.stack[-f[1]].restated
        ]
        if deeper and len(deeper) < len(found):
            found = deeper
        if not found:
            return None
        near, negative_depth, kind = min(found)
        depth = -negative_depth
        return depth, kind, depth in repairs and near >= 8.0

    def _repair(self, depth: int) -> None:
        """Move the misplaced marker (b.2.c that should be c) and its sub-entries up to the
        level it belongs to, once the next marker shows where that level is."""
        frame = self.stack[depth]
        missing = _successor(frame.kind, frame.value)
        moved = next(
            (f for f in self.stack[depth + 1 :] if f.kind == frame.kind and f.value == missing),
            None,
        )
        if moved is None:
            return
        old = moved.node.key
        new = frame.node.key.rsplit(".", 1)[0] + "." + missing
        if new in self.nodes:
            return
        cut = len(moved.node.path)
        rebuilt: dict[str, _Node] = {}
        for key, node in self.nodes.items():
            if key == old or key.startswith(old + "."):
                node.key = node.written = new + key[len(old) :]
                node.path = (*frame.node.path[:-1], missing, *node.path[cut:])
            rebuilt[node.key] = node
        self.nodes = rebuilt

    def _relative(self, line: _Line, labels: list[tuple[str, str]], xs: list[float | None]) -> bool:
        """Place markers that do not name their item: the first one by sequence and
        indentation, the others (``a. 1.`` on one line) below it."""
        base = self.container
        if base is None:
            return False
        first, style = labels[0]
        top = self.stack[0] if self.stack else None
        if len(labels) > 1 and top is not None and top.value == first and top.style == style:
            # "e. 3. c." or "a.14." restate the path from the item's top level.
            self._absolute(line, base, labels, xs)
            return True
        fit = self._fit(first, style, xs[0])
        if fit is None:
            return False
        depth, kind, repair = fit
        if repair:
            self._repair(depth)
        frames = self.stack[:depth]
        prefix = frames[-1].node.path[len(base.path) :] if frames else ()
        node = self._sub(base, (*prefix, first), line.page)
        frames.append(_Frame(kind, style, first, xs[0], node))
        for (token, token_style), x in zip(labels[1:], xs[1:], strict=True):
            kind = _kind_at(token, len(frames), [], frames)
            node = self._sub(base, (*frames[-1].node.path[len(base.path) :], token), line.page)
            frames.append(_Frame(kind, token_style, token, x, node))
        self.stack = frames
        self._open(frames[-1].node, line.marks)
        return True

    # -- Category 1 --------------------------------------------------------------------------

    def _chemical_line(self, line: _Line) -> bool:
        text = line.text
        if _TABLE_JUNK_RE.match(text):
            return True
        if text.startswith("Export of ") and self.table_group is not None:
            # Policy text after a chemicals table belongs to its group, not to the last row.
            owner = self.nodes.get(f"1{self.table_group}")
            if owner is not None:
                self.table_group = None
                self._open(owner)
                owner.text.append(text)
                return True
        row = _TABLE_ROW_RE.match(text)
        if row:
            code, digits, body = row.groups()
            group = code[1]
            if self.group is None or group < self.group:
                return False
            written = f"1{group}{digits}"
            if written in self.nodes:
                self.sink = True
                return True
            node = self._new(_Node(written, written, "item", "1", group, digits, (), line.page))
            node.parent = f"1{group}" if f"1{group}" in self.nodes else None
            node.schedule_column = group in "BCE"
            node.text.append(body)
            self.group = group
            self.item = node
            self.container = node
            self.table_group = group
            self._open(node, line.marks)
            return True
        serial = _SERIAL_RE.match(text)
        if serial and self.group in ("A", "B") and self.table_group != self.group:
            number = int(serial.group(1))
            key = f"1{self.group}{number}"
            if key in self.nodes:
                self.sink = True  # the PDF prints the Schedule 2 list twice
                return True
            written = f"1{self.group} ({number})"
            node = self._new(_Node(key, written, "serial", "1", self.group, "", (), line.page))
            node.parent = f"1{self.group}"
            node.corresponds.append(_cwc_serial(self.group, number))
            node.text.append(serial.group(2))
            self._open(node, line.marks)
            return True
        return False


def _kind_at(token: str, depth: int, stack: list[_Frame], frames: list[_Frame]) -> str:
    """Kind of a marker in a written path; 'i', 'v', 'x' are letters or roman numerals."""
    kinds = _kinds(token) or ["alpha"]
    if len(kinds) == 1:
        return kinds[0]
    if depth < len(stack) and stack[depth].kind in kinds:
        return stack[depth].kind
    if frames and frames[-1].kind == "alpha":
        return "roman"
    return kinds[0]


def _label_xs(line: _Line, labels: list[tuple[str, str]]) -> list[float | None]:
    """x of each marker at the start of a line: the line's own x for the first."""
    return [line.x, *line.label_xs([token for token, _ in labels[1:]], after_code=False)]


def _labels(text: str) -> tuple[list[tuple[str, str]], str]:
    """Relative markers at the start of a line ("a.", "1.", "(i)", "a. 1.") and the rest."""
    labels: list[tuple[str, str]] = []
    rest = text
    while not rest.startswith(("e.g.", "i.e.")):
        match = _LABEL_RE.match(rest)
        if match is None:
            break
        token = match.group("paren") or match.group("plain") or match.group("digits")
        if not _kinds(token):
            break
        style = "()" if match.group("paren") else match.group("end") or match.group("dend")
        labels.append((token, style))
        rest = rest[match.end() :].lstrip()
    return labels, rest


def _read_path(rest: str) -> tuple[tuple[str, ...], tuple[str, ...], str]:
    """Markers written after a restated code (". a. 2.", " a 3.", ".i", " (1)"), their styles
    and the rest."""
    path: list[str] = []
    styles: list[str] = []
    remaining = rest
    while True:
        match = _PATH_TOKEN_RE.match(remaining)
        if match is None:
            break
        token = match.group(1) or match.group(2)
        if not _kinds(token):
            break
        after = remaining[match.end() :]
        if match.group(2) and not token.isdigit() and after.startswith(" ") and not path:
            # "5C017 applies..." or "8A301 a lower-case word": text, not a marker
            following = after.lstrip()
            if following[:1].islower() and not re.match(r"[a-z]{1,4} ?[.)]", following):
                break
        path.append(token)
        styles.append("()" if match.group(1) else ".")
        remaining = after
    if path:
        remaining = remaining.lstrip(" .")
    return tuple(path), tuple(styles), remaining


def _cwc_serial(group: str, number: int) -> str:
    """The CWC entry of a serial row: 1A is stated to be Schedule 1 and 1B Schedule 2; in the
    Convention, Schedule 1 Part B holds items 9-12 and Schedule 2 Part A items 1-3."""
    if group == "A":
        part = "B" if 9 <= number <= 12 else "A"
        return f"Corresponds to: cwc 1{part}{number:02d}"
    part = "A" if number <= 3 else "B"
    return f"Corresponds to: cwc 2{part}{number:02d}"


_MID_CODE_RE = re.compile(r"(?<=[.;a-z])([0-8][A-H]\d{3})(?=[ .])")
_MID_RESTATED_RE = re.compile(
    r"(?<=[;.])\s*(?P<code>[0-8][A-H]\d{3}) ?(?=[a-z]{1,2}\. ?(?:\d{1,2}\. )?[A-Z]|\s*$)"
)
_MID_HEADING_RE = re.compile(r"(?<=\.)[0-8][A-H]\d (?=[A-Z]{3,}(?: [A-Z&()–-]+)+\b)")


def _start(lines: list[_Line]) -> int:
    """Index of the "Category 0" heading that opens the list (the contents page has one too)."""
    first_item = next((i for i, line in enumerate(lines) if line.text.startswith("0A101 ")), None)
    if first_item is None:
        raise ParseError("no item 0A101 found: not the SCOMET list, or not its text layer")
    for index in range(first_item, -1, -1):
        if re.match(r"^Category ?0\b", lines[index].text):
            return index
    raise ParseError("no 'Category 0' heading before item 0A101: not the SCOMET list layout")


# ---------------------------------------------------------------------------------------------
# Records


def _control_code(node: _Node) -> ControlCode:
    """The node's code, built as ``graph_schema.codes`` would read its canonical form (that
    module does not read bare groups "5B", "5B.a" or Category 2's groups F-H, "2F001")."""
    number = int(node.digits) if node.digits else None
    if node.kind == "serial":
        number = int(node.key[2:])
    return ControlCode(
        system=SYSTEM,
        written=node.written,
        canonical=node.key,
        category=node.category,
        group=node.group,
        number=number,
        path=node.path,
    )


def _heading_and_text(node: _Node) -> tuple[str, str]:
    """Headings of groups and sub-categories run over several lines until a sentence ends;
    what follows them (policy statements, as in 1A-1E) is their text."""
    if node.kind not in ("group", "subcategory"):
        return node.heading, " ".join(node.text).strip()
    parts = [node.heading, *node.text]
    ends = [i for i, part in enumerate(parts) if part.rstrip().endswith((":", ".", ")", "]"))]
    end = ends[0] if ends else 0
    return " ".join(parts[: end + 1]).strip(), " ".join(parts[end + 1 :]).strip()


def _notes(node: _Node, footnotes: dict[str, str]) -> list[str]:
    notes = [" ".join(note) for note in node.notes]
    notes.extend(f"Footnote {m}: {footnotes[m]}" for m in node.marks if m in footnotes)
    corresponds = list(node.corresponds)
    if node.schedule_column:
        found = _SCHEDULE_RE.search(" ".join(node.text))
        if found:
            corresponds.append(f"Corresponds to: cwc {found.group(1)}")
    notes.extend(corresponds)
    return notes


def _move_notes_to_named_entries(nodes: dict[str, _Node]) -> None:
    """A note printed after an item's last paragraph often speaks of another entry of the item
    ("Note 1: 5A101 does not control..." after 5A101.c, "Note 3 8A102.b.1. does not apply..."
    after 8A102.b.2): it goes to the first entry it names when that entry is in the same item."""
    for node in list(nodes.values()):
        kept: list[list[str]] = []
        for note in node.notes:
            named = _NAMED_RE.search(" ".join(note))
            owner = nodes.get(named.group(1)) if named else None
            root = node.key.split(".", 1)[0]
            if (
                owner is not None
                and owner is not node
                and (owner.key == root or owner.key.startswith(root + "."))
            ):
                owner.notes.append(note)
            else:
                kept.append(note)
        node.notes = kept


def _check(parser: _Parser, ended: bool) -> None:
    seen = {node.category for node in parser.nodes.values()}
    last = next(reversed(parser.nodes.values()), None)
    where = f" (last entry read: {last.key}, page {last.page})" if last else ""
    for category in CATEGORIES:
        if category not in seen:
            raise ParseError(
                f"no Category {category} entries: the file is truncated or not the SCOMET list"
                f"{where}"
            )
    if "8E9" not in parser.nodes:
        raise ParseError(f"the list stops before sub-category 8E9: the file is truncated{where}")
    if not ended:
        raise ParseError(
            f"the list does not reach its closing 'ANNEXURE – 1' proforma: the file is "
            f"truncated{where}"
        )


def parse(path: Path, meta: SourceMeta) -> Iterator[Record]:
    document = _Document(path)
    parser = _Parser()
    try:
        document.read()
        lines = document.lines
        ended = False
        for line in lines[_start(lines) :]:
            if _END_RE.match(line.text):
                ended = True
                break
            parser.feed(line)
    finally:
        document.close()
    footnotes = document.footnotes
    _check(parser, ended)
    _move_notes_to_named_entries(parser.nodes)
    builder = ListBuilder(meta, SYSTEM)
    headings: dict[str, str] = {}
    for node in parser.nodes.values():
        code = _control_code(node)
        heading, text = _heading_and_text(node)
        # "Detonation pressure exceeding 34 GPa (340 kbar); 33. (Reserved)" (6A008.a.33.2, p.
        # 161): a reserved paragraph run into the end of a real one is not this entry's status.
        text = _RUN_ON_RESERVED_RE.sub(";", text)
        status: Status = "active"
        if _RESERVED_RE.search(text or heading):
            status = "reserved"
        elif _NOT_USED_RE.match(text or heading):
            status = "not-used"
        builder.add(
            code,
            heading=heading,
            text=text,
            notes=_notes(node, footnotes),
            status=status,
            page=node.page,
        )
        if node.parent is not None and node.parent in parser.nodes:
            headings[code.canonical] = node.parent
    prov = meta.provenance()
    for record in builder.records():
        if isinstance(record, ControlEntry) and record.parent is None:
            above = headings.get(record.canonical)
            if above is not None:
                # The heading an item sits under is not in its code, so ListBuilder cannot
                # see it; it is the item's parent here.
                record = record.model_copy(update={"parent": above})
                yield record
                yield ParentOf(
                    source=ids.entry_id(builder.list_id, above), target=record.id, provenance=prov
                )
                continue
        yield record
