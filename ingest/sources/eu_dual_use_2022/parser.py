"""EU dual-use list, Annex I to Regulation (EU) 2021/821, from the consolidated text of 2022-05-05.

The file is EUR-Lex's consolidated PDF of the regulation (CELEX 02021R0821, version of
2022-05-05). Its Annex I is the text of Delegated Regulation (EU) 2022/1 (marked ``▼M1``), with
3B001.f-3B002 as corrected by the corrigendum ``▼C1``; Delegated Regulation (EU) 2022/699
(``▼M2``) changed Annex II only. Annex I is read from its ``CATEGORY 0`` heading to the
``ANNEX II`` heading; the articles, the general notes and definitions that open the annex, and
the other annexes are skipped.

How the pages are read (pypdfium2: each text line with the x position of its first character
and whether that character is italic or bold):

* every page opens with the header ``02021R0821 — EN — 05.05.2022 — 002.001 — 55`` (which
  identifies the document and gives the consolidation's date and the page number, equal to the
  PDF page number), often with a ``0B001 b. (continued)`` line, and carries a ``▼M1`` marker;
  these, and the one page footnote (page 139), are dropped;
* headings (``CATEGORY 0 - ...``, ``0A Systems, Equipment and Components``, ``Part 2 -
  "INFORMATION SECURITY"``) are bold: a heading closes the entry before it, and what follows it
  up to the next item (the notes that open a category, part or group) belongs to no entry; so
  do the table of deposition techniques after 2E301 and the technical note on "APP" after
  4E001, which start with an italic ``Table`` / ``TECHNICAL NOTE ON ...`` line;
* an item starts at the left margin with its code (``0A001 "Nuclear reactors" ...``); its
  sub-items are labelled relatively (``a.``, ``1.``, ``a.``...) and indented by level, one
  line sometimes holding two labels (``1. a. Voltage rating ...``);
* notes (``Note``, ``Technical Note(s)``, ``N.B.``) are set in italics. A note takes the italic
  lines after it, and the roman ones that are no entry (formulas, dash lists), until a roman
  labelled line; an italic labelled line is the note's only if the note has opened a list
  ("... the following:") and the line is not left of that list. So the lists inside notes never
  become entries, even where a note's list sits at the column of the entry's own sub-items
  (0B001.b, page 55), and entries printed in italics after a note stay entries (2B006.b.1-4);
* a superscript ends pdfium's line ("3,18 × 106" / "m"), so the pieces of a printed line are
  joined back; exponents stay written after their base ("106", "10-4"), as in the 2021 text.

The hierarchy and the notes are then rebuilt by the reader of the 2021 text (source
``eu-dual-use``), so both editions get entries of the same shape: a label continues the level
whose previous label it follows, indentation only decides between levels; a note belongs to the
entry its opening words name ("Note: 5A001.j. does not control ...", also after a "1." as in
"Technical Notes: 1. For the purpose of 3A001.e.1., ..."), else to the deepest entry whose
label is left of it.

The text is kept as printed, with whitespace normalised and three typesetting artefacts undone:
a hyphen that pdfium marks as a line-end hyphenation is dropped or kept by the words of the
annex itself ("deter-mining" -> "determining", "fixed-width" stays); the en dash used as a minus
sign becomes "-" ("10–4" -> "10-4", "(–55 °C)" -> "(-55 °C)"); a superscript "o" after a number
is the degree sign ("360o" -> "360°").
"""

from __future__ import annotations

import ctypes
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pypdfium2 as pdfium  # type: ignore[import-untyped, unused-ignore]
import pypdfium2.raw as pdfium_c  # type: ignore[import-untyped, unused-ignore]

from graph_schema.codes import CodeSystem
from graph_schema.model import Record
from ingest.sources.base import ParseError, SourceMeta
from ingest.sources.helpers import eu_annex
from ingest.sources.helpers.listing import ListBuilder
from ingest.sources.helpers.numbering import within
from ingest.sources.helpers.pdf import raise_exponents
from ingest.sources.helpers.pdf_lines import open_pdf, text_lines

CELEX = "02021R0821"

_HEADER_RE = re.compile(
    r"^(?P<celex>0[0-9]{4}[A-Z][0-9]{4}) — EN — (?P<d>[0-9]{2})\.(?P<m>[0-9]{2})\.(?P<y>[0-9]{4})"
    r" — [0-9.]+ — (?P<page>[0-9]+)$"
)
_ANNEX_RE = re.compile(r"^ANNEX (?P<number>[IVX]+)$")
_ITEM_RE = re.compile(r"^(?P<code>[0-9][A-E][0-9]{3})(?=\s|$)\s*(?P<rest>.*)$")
_CATEGORY_RE = re.compile(r"^CATEGORY (?P<number>[0-9])\b")
# "0B001 b. (continued)", "2B 5. (continued)", "1C008 Τεχνικές σημειώσεις: (continued)".
_CONTINUED_RE = re.compile(r"^[0-9][A-E]\S*(?:\s.*)?\(continued\)$")
_PART_RE = re.compile(r"^PART [IVXL]+$")
# Blocks that follow an item but are not part of it: the table of deposition techniques
# (after 2E301) and the technical note on "APP" (after 4E001).
_BLOCK_RE = re.compile(r"^(?:Table|TABLE\b.*|TECHNICAL NOTE ON\b.*)$")
_FOOTNOTE_RE = re.compile(r"^\([0-9]+\)\s")
# Where a new piece of a printed line begins with one of these, no space goes before it
# ("m3" + "/min", "cm2" + ";", "M2" + "-factor").
_NO_SPACE_RE = re.compile(r"^[;:,.)\]/-]")
# Nor after the mass number written before an element ("(3" + "He)").
_ISOTOPE_RE = re.compile(r"\([0-9]{1,3}$")
_SOFT_HYPHEN = "\ufffe"
_WORD = r"[^\W_]+(?:-[^\W_]+)*"
_SPLIT_RE = re.compile(f"({_WORD})?{_SOFT_HYPHEN}({_WORD})?")
_VOCABULARY_RE = re.compile(f"[^\\W_]+(?:[-{_SOFT_HYPHEN}][^\\W_]+)*")
# Words that join two others in a hyphenated compound ("centre-to-centre", "fly-by-wire").
_LINKS = frozenset({"to", "by", "on", "and", "in", "of", "off"})
_NUMBERED_RE = re.compile(r"^1\.\s+(?=In\b|For\b)")
_MINUS_RE = re.compile(r"–\s?(?=[0-9])")
_DEGREE_RE = re.compile(r"(?<=[0-9])o(?![\w])")

#: Lines starting left of this are at the margin (item codes, headings, page furniture).
_MARGIN_X = 130.0
#: An item's text (and a first label on the item's line, "4E001 a.") starts this far right
#: of its code.
_ITEM_TEXT_DX = 51.0
#: Footnotes sit below this height (points from the bottom of the page).
_FOOTNOTE_Y = 100.0
#: The middle of a piece that continues a printed line lies this far from the foot of the
#: line's last character (which may be a superscript).
_BELOW, _ABOVE = -5.5, 5.0
#: One level of sub-items further right.
_LEVEL_DX = 10.5
#: A note inside another note's list sits this much further right than the note.
_NESTED_DX = 4.0
#: A line of a note's list may start this much left of the list's first label ("10." under
#: "9.").
_LIST_DX = 6.0
#: A note belongs to an entry whose label is at least this much left of the note.
_UNDER_DX = 4.0
_FONT_ITALIC = 64  # PDF font descriptor flag
_FONT_NAME_SIZE = 64


@dataclass(slots=True)
class _Line:
    page: int  # the page number printed in the header (the same as the PDF page number)
    x: float
    top: float
    italic: bool
    bold: bool
    text: str


@dataclass
class Annex:
    """Annex I as read: entries in document order, and what did not fit."""

    nodes: list[eu_annex.Node]
    #: Labelled lines that continue no sequence (they stay in the text before them).
    unplaced: list[str]
    #: The date of the consolidation, from the page headers.
    consolidation: date
    #: Each "0B001 b. (continued)" line at the top of a page, with the entries open there:
    #: (page, the line, the codes from the item down to the deepest open entry).
    page_breaks: list[tuple[int, str, tuple[str, ...]]]


# ---------------------------------------------------------------------------------------------
# Pages


class _Chars:
    """Position and font of single characters of a text page (pdfium's C calls, no wrappers)."""

    def __init__(self, textpage: pdfium.PdfTextPage) -> None:
        self.handle = textpage.raw
        self.box = [ctypes.c_double() for _ in range(4)]
        self.refs = [ctypes.byref(value) for value in self.box]
        self.flags = ctypes.c_int()
        self.font = ctypes.create_string_buffer(_FONT_NAME_SIZE)

    def box_of(self, index: int) -> tuple[float, float, float, float]:
        """Left, right, bottom and top of the character."""
        pdfium_c.FPDFText_GetCharBox(self.handle, index, *self.refs)
        left, right, bottom, top = self.box
        return left.value, right.value, bottom.value, top.value

    def style(self, index: int) -> tuple[bool, bool]:
        """Whether the character is italic, and whether it is bold."""
        pdfium_c.FPDFText_GetFontInfo(
            self.handle, index, self.font, _FONT_NAME_SIZE, ctypes.byref(self.flags)
        )
        return bool(self.flags.value & _FONT_ITALIC), b"Bold" in self.font.value


def _page_lines(textpage: pdfium.PdfTextPage, number: int) -> list[_Line]:
    """The page's text lines with their position and type, pieces of one line joined."""
    text = raise_exponents(textpage, textpage.get_text_range())
    chars = _Chars(textpage)
    lines: list[_Line] = []
    last = -1  # the index of the previous line's last character
    for line in text_lines(text):
        stripped, first = line.text, line.first
        left, _, bottom, top = chars.box_of(first)
        # The dash that opens a list item inside a note is set in roman: look past it.
        italic, bold = chars.style(first + 2 if stripped.startswith("— ") else first)
        if lines and lines[-1].text[0] != "▼" and _continues(chars.box_of(last), left, bottom, top):
            # A superscript ended pdfium's line: the rest of the printed line follows.
            previous = lines[-1]
            if _NO_SPACE_RE.match(stripped) or _ISOTOPE_RE.search(previous.text):
                previous.text += stripped
            else:
                previous.text = f"{previous.text} {stripped}"
        else:
            lines.append(_Line(number, left, top, italic, bold, stripped))
        last = line.last
    return lines


def _continues(
    last: tuple[float, float, float, float], left: float, bottom: float, top: float
) -> bool:
    """Whether a piece starting at ``left`` goes on the printed line that ``last`` ends.

    It does when it starts right of that character and its middle is level with it: at most
    a superscript's rise below its foot ("m2" + ";"), where the next printed line is a whole
    line lower.
    """
    _, right, last_bottom, _ = last
    rise = (bottom + top) / 2 - last_bottom
    return left > right - 2 and _BELOW < rise < _ABOVE


def _read_annex(path: Path) -> tuple[list[_Line], date]:
    """The lines of Annex I, from its heading to that of Annex II, and the consolidation date."""
    pdf = open_pdf(path, blank_is_empty=True)
    found: list[_Line] = []
    consolidation: date | None = None
    in_annex = ended = False
    try:
        for index in range(len(pdf)):
            page = pdf[index]
            textpage = page.get_textpage()
            try:
                if not in_annex:
                    # Before the annex only the header and the "ANNEX I" heading matter.
                    text = textpage.get_text_range()
                    lines = text.split("\r\n")
                    if consolidation is None:
                        # The header opens every page but the first, where it closes it.
                        consolidation = _consolidation(path, [*lines[:2], *lines[-2:]])
                    if not any(line.strip() == "ANNEX I" for line in lines):
                        continue
                    in_annex = True
                for line in _numbered(_page_lines(textpage, index + 1)):
                    heading = _ANNEX_RE.match(line.text)
                    if heading is not None and heading["number"] != "I":
                        ended = True
                        break
                    found.append(line)
            finally:
                textpage.close()
                page.close()
            if ended:
                break
    except pdfium.PdfiumError as exc:
        raise ParseError(f"{path.name}: cannot read page {index + 1}: {exc}") from exc
    finally:
        pdf.close()
    if consolidation is None:
        raise ParseError(
            f"{path.name} has no '{CELEX} — EN — dd.mm.yyyy' page header: not the consolidated "
            "text of Regulation (EU) 2021/821"
        )
    if not in_annex:
        raise ParseError(f"{path.name} has no Annex I (no 'ANNEX I' heading)")
    if not ended:
        raise ParseError(
            f"{path.name}: Annex I does not end with the 'ANNEX II' heading (it stops at page "
            f"{found[-1].page if found else '?'}): the file is incomplete"
        )
    return found, consolidation


def _numbered(lines: list[_Line]) -> list[_Line]:
    """The lines with the page number that their page's header prints (if it has one)."""
    header = _HEADER_RE.match(lines[0].text) if lines else None
    if header is not None and int(header["page"]) != lines[0].page:
        for line in lines:
            line.page = int(header["page"])
    return lines


def _consolidation(path: Path, lines: list[str]) -> date | None:
    for line in lines:
        header = _HEADER_RE.match(line.strip())
        if header is None:
            continue
        if header["celex"] != CELEX:
            raise ParseError(
                f"{path.name} is the consolidated text of {header['celex']}, not of "
                f"Regulation (EU) 2021/821 ({CELEX})"
            )
        return date(int(header["y"]), int(header["m"]), int(header["d"]))
    return None


# ---------------------------------------------------------------------------------------------
# Text


def _vocabulary(lines: list[_Line]) -> Counter[str]:
    """Words of the annex (hyphenated ones whole), leaving out the halves of split words."""
    words = Counter(_VOCABULARY_RE.findall("\n".join(line.text for line in lines).lower()))
    for word in [w for w in words if _SOFT_HYPHEN in w]:
        del words[word]
    return words


def _unsplit(before: str, after: str, words: Counter[str]) -> str:
    """A word split at the end of a line, with or without its hyphen.

    pdfium marks the hyphen at the end of a line alike whether it only breaks a word
    ("tech-nology") or belongs to it ("fixed-width"). The annex's own words decide; failing
    that, a hyphen before a capital, after a single letter or a linking word ("centre-to-
    centre"), or between two words the annex uses on their own, is kept.
    """
    joined = words[(before + after).lower()]
    hyphenated = words[f"{before}-{after}".lower()]
    if joined or hyphenated:
        return before + after if joined >= hyphenated else f"{before}-{after}"
    last = before.rsplit("-", 1)[-1]
    first = after.split("-", 1)[0]
    keep = (
        (after[:1].isupper() and not last[-1:].isupper())
        or len(last) == 1
        or last.lower() in _LINKS
        or (len(last) >= 3 and words[last.lower()] > 0 and words[first.lower()] > 0)
    )
    return f"{before}-{after}" if keep else before + after


def _clean(text: str, words: Counter[str]) -> str:
    if _SOFT_HYPHEN in text:
        text = _SPLIT_RE.sub(lambda m: _unsplit(m[1] or "", m[2] or "", words), text)
    if "–" in text:
        text = _MINUS_RE.sub("-", text)
    if "o" in text:
        text = _DEGREE_RE.sub("°", text)
    return text


# ---------------------------------------------------------------------------------------------
# Entries


class _PdfReader(eu_annex.Reader):
    """The Annex I reader the 2021 text's reader uses too, fed with lines whose type (italic,
    bold) and x position are known.

    Indentations are x positions in points (rounded); a note's indentation is set a little
    left of where it is printed, so that the entry it sits under is the one whose label is
    clearly left of it.
    """

    def __init__(self) -> None:
        super().__init__()
        self.page = 0
        self.note_x = 0.0
        self.note_list_x: float | None = None  # where the open note's own list is

    def new_node(self, canonical: str, label: str, indent: int) -> eu_annex.Node:
        node = super().new_node(canonical, label, indent)
        node.page = self.page
        return node

    def open_note(self, label: str, indent: int, rest: str) -> None:
        if (
            self.note is not None
            and self.note_list_x is not None
            and indent > self.note_x + _NESTED_DX
        ):
            # A note inside another note's list (N.B. under a lettered paragraph).
            self.note.parts.append(f"{label} {rest}")
            return
        self.close_note()
        self.note = eu_annex.Note(
            label=" ".join(label.split()),
            indent=round(indent - _UNDER_DX),
            parts=[rest],
            path=tuple(self.stack),
        )
        self.note_x = indent
        self.note_list_x = None

    def owns(self, x: float) -> bool:
        """Whether a labelled line at ``x`` is in the open note's own list."""
        assert self.note is not None
        if self.note_list_x is not None:
            return x >= self.note_list_x - _LIST_DX
        # A list opens only where the note has just introduced one ("... the following:").
        last = next((p for p in reversed(self.note.parts) if p.strip()), self.note.label)
        if last.rstrip().endswith(":"):
            self.note_list_x = x
            return True
        return False

    def close_note(self) -> None:
        note = self.note
        if note is not None and note.path:
            # "Technical Notes: 1. For the purpose of 3A001.e.1., ..." names its entry after the
            # number: the note goes no deeper than that entry (the 2021 reader reads the names
            # only at the start of the note).
            body = eu_annex.join(note.parts)
            numbered = _NUMBERED_RE.match(body)
            named = eu_annex.named(body[numbered.end() :]) if numbered is not None else []
            path = note.path
            for depth in range(len(path) - 1, -1, -1):
                if named and all(within(code, path[depth].canonical) for code in named):
                    note.path = path[: depth + 1]
                    break
        super().close_note()

    def end(self) -> None:
        """A heading or a block that is not an entry: nothing after it belongs to the last one."""
        self.close_note()
        self.stack = []

    def take(self, line: _Line, text: str) -> None:
        if not self.stack:
            return  # notes that open a category, the APP technical note, the deposition table
        x = round(line.x)
        label = eu_annex.LABEL_RE.match(text)
        if line.italic:
            note = eu_annex.NOTE_RE.match(text)
            if note is not None:
                self.open_note(note["label"], x, note["rest"])
                return
            if label is None or (self.note is not None and self.owns(x)):
                self.text(text)
                return
            # An entry set in italics as if it were part of the note before it (2B006.b.1-4
            # after the note on 2B006.b): it is not in the note's own list.
        if label is None:
            # Roman text inside a note is a formula or a dash list ("a = 0,5 m = ..."): it
            # stays in the note; otherwise it continues the entry.
            self.text(text)
            return
        rest = label["rest"]
        inner = eu_annex.LABEL_RE.match(rest)
        if inner is not None and _opens(label["label"], inner["label"]):
            # "1. a. Voltage rating ...": an entry with no text of its own and its first child.
            if self.sub_item(label["label"], x, ""):
                self.sub_item(inner["label"], round(x + _LEVEL_DX), inner["rest"])
                return
        elif self.sub_item(label["label"], x, rest):
            return
        if rest:
            # A bare "106." is an exponent that wrapped onto a line of its own, not a label.
            self.unplaced.append(f"{self.stack[-1].canonical}: {text[:60]} (page {line.page})")
        self.text(text)


def _opens(outer: str, inner: str) -> bool:
    """Whether ``inner`` can be the first child of ``outer`` (letters and numbers alternate)."""
    return inner in ("a", "1") and inner.isdigit() != outer.isdigit()


def read_annex(path: Path) -> Annex:
    """Annex I's entries in document order, with what the reader noticed on the way."""
    lines, consolidation = _read_annex(path)
    words = _vocabulary(lines)
    reader = _PdfReader()
    page_breaks: list[tuple[int, str, tuple[str, ...]]] = []
    started = False
    footnote_page = 0
    for number, line in enumerate(lines, 1):
        reader.line_no = number
        reader.page = line.page
        raw = line.text
        if line.page == footnote_page or raw.startswith("▼") or _HEADER_RE.match(raw):
            continue
        if line.bold or _PART_RE.match(raw):
            started = started or _CATEGORY_RE.match(raw) is not None
            reader.end()
            continue
        if not started:
            continue  # the general notes, acronyms and definitions before Category 0
        if line.x < _MARGIN_X and not line.italic:
            if _CONTINUED_RE.match(raw):
                page_breaks.append((line.page, raw, tuple(n.canonical for n in reader.stack)))
                continue
            if line.top < _FOOTNOTE_Y and _FOOTNOTE_RE.match(raw):
                footnote_page = line.page  # the page's footnote runs to its foot
                continue
            item = _ITEM_RE.match(raw)
            if item is not None:
                rest = _clean(item["rest"], words)
                reader.item(item["code"], rest, round(line.x + _ITEM_TEXT_DX))
                continue
        if line.italic and _BLOCK_RE.match(raw):
            reader.end()
            continue
        reader.take(line, _clean(raw, words))
    reader.close_note()
    found = {node.canonical[0] for node in reader.nodes}
    missing = [category for category in "0123456789" if category not in found]
    if missing:
        raise ParseError(
            f"{path.name}: Annex I has no items of Category {', '.join(missing)}: not the EU "
            "dual-use list"
        )
    return Annex(reader.nodes, reader.unplaced, consolidation, page_breaks)


def anomalies(nodes: list[eu_annex.Node]) -> list[str]:
    """Departures from the list's structure, one line each.

    Within each parent the sub-items run a, b, c... or 1, 2, 3... with no gap or repeat, and
    a sub-item's label is a letter under a number and a number under a letter (an item may
    number its sub-items directly, as 1C350 does).
    """
    found: list[str] = []
    children: dict[str, list[str]] = {}
    for node in nodes:
        if node.label:
            parent = node.canonical.rsplit(".", 1)[0]
            children.setdefault(parent, []).append(node.label)
    for parent, labels in children.items():
        if labels[0].isdigit():
            expected = [str(n) for n in range(1, len(labels) + 1)]
        else:
            expected = [chr(ord("a") + n) for n in range(len(labels))]
        if labels != expected:
            found.append(f"{parent}: sub-items {', '.join(labels)}")
        own = parent.rsplit(".", 1)[1] if "." in parent else ""
        if own and own.isdigit() == labels[0].isdigit():
            found.append(f"{parent}: '{labels[0]}.' under '{own}.'")
    return found


def parse(path: Path, meta: SourceMeta) -> Iterator[Record]:
    annex = read_annex(path)
    meta.check_edition_date(path, annex.consolidation, "is the consolidated text")
    builder = ListBuilder(meta, CodeSystem.ECCN, decimal_comma=True)
    for node in annex.nodes:
        text = eu_annex.join(node.lines)
        builder.add(
            node.canonical,
            heading=text if not node.label else "",
            text=text,
            notes=[eu_annex.join([note.label, *note.parts]) for note in node.notes],
            status=eu_annex.status(text),
            page=node.page,
        )
    yield from builder.records()
