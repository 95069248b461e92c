"""EU dual-use list (Annex I to Regulation (EU) 2021/821), read from Norway's Liste II text.

Norway's Liste II states that it matches Annex I as adopted on 20 May 2021, so one reader
serves both the ``eu-dual-use`` and the ``no-liste-ii`` sources; the issuer in each
``source.yaml`` decides which list the entries belong to.

The input is a plain-text extraction of the PDF with its layout kept:

* an item starts at the left margin with its code (``5A001   Telecommunications ...``);
* sub-items are written relative to their parent (``j.``, then ``1.``, then ``a.``...) and
  indented, although the indentation is not always consistent;
* notes (``Note:``, ``Note 2:``, ``Technical Notes:``, ``N.B.``) follow the entry they qualify
  and often carry their own lettered lists, indented deeper than the note label;
* page breaks leave a page number, a running ``CATEGORY n`` header and sometimes a
  ``5A001.b. continued`` line; superscripts sit alone on the line above their base text.

The hierarchy is rebuilt from the label sequence (letters and numbers alternate by level, and a
label continues the level whose previous label it follows), with indentation only to choose
between levels that a label could continue. A note belongs to the entry its opening words name
(``Note: 5A001.j. does not control ...``), else to the entry it is indented under. That
reading is shared with the 2022 PDF's reader (:mod:`ingest.sources.helpers.eu_annex`); the
text's pages, superscripts and bare labels are read here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from graph_schema.codes import CodeSystem
from graph_schema.model import Record
from ingest.sources.base import ParseError, SourceMeta
from ingest.sources.helpers import eu_annex
from ingest.sources.helpers.listing import ListBuilder

_ITEM_RE = re.compile(r"^ {0,3}(?P<code>[0-9][A-E][0-9]{3})(?=\s|$)\s*(?P<rest>.*)$")
# "12     Clostridium ...": a label whose dot the source lost; trusted only where it continues
# a sequence at the same indentation.
_BARE_LABEL_RE = re.compile(r"^(?P<indent> *)(?P<label>[a-z]|[1-9][0-9]{0,2}) {2,}(?P<rest>\S.*)$")
_HEADER_RE = re.compile(r"^\s*CATEGORY\s+[0-9]\b")
_GROUP_RE = re.compile(
    r"^\s*[0-9][A-E][12]?\s+(?:Systems, Equipment and Components|Test, Inspection and Production "
    r"Equipment|Materials|Software|Technology)\s*$"
)
# "5A001.b.        continued", "8A002.j. 3.    continued", "1C002   continued".
_CONTINUED_RE = re.compile(r"^\s*(?:[0-9][A-E][0-9]{3}[a-z0-9. ]*|Notes?\s*[0-9]*)\s*continued\s*$")
_NUMBER_RE = re.compile(r"^\s*(-?[0-9]{1,3})\s*$")
# A line of exponents only ("8      12" above "2 x 10 Hz but less than 3 x 10 Hz").
_EXPONENTS_RE = re.compile(r"^\s*-?[0-9]{1,3}(?:\s+-?[0-9]{1,3})*\s*$")
_TOKEN_RE = re.compile(r"-?[0-9]{1,3}")
# Bases that take an exponent: a power of ten, or a unit in metres (m, cm, mm, kg/m, g/cm...).
_TEN_RE = re.compile(r"(?<![\w,.])10(?![\w,])")
_METRE_RE = re.compile(r"(?<![A-Za-z])(?:[A-Za-zµ]+/)?[ckmµ]?m(?=[\s;.,)]|$)")
_SUP_REACH = 20

# Symbol-font glyphs that the extraction left in the private use area, and ligatures.
_GLYPHS = {
    "\uf063": "χ",
    "\uf073": "σ",
    "\uf0b0": "°",
    "\uf0b4": "×",
    "\uf0f2": "∫",
    "\ufb01": "fi",
    "\ufb02": "fl",
}

# The list runs from page 25 to page 248 of Liste II; a page number jumps by at most a few
# pages where the extraction merged pages, while superscripts are small numbers out of sequence.
_FIRST_PAGE = 25
_LAST_PAGE = 300
_MAX_PAGE_JUMP = 15


def _with_superscripts(line: str, above: str) -> str | None:
    """Put the exponents found alone on the line above back after their bases, or None.

    The columns of the two lines do not match exactly, so each exponent goes after the nearest
    free power of ten ("5 x 10" -> "5 x 103", as the rest of the text writes it) or else the
    nearest unit in metres ("g/cm" -> "g/cm3"). None when one of them has no base nearby.
    """
    tokens = [(m.start(), m.group()) for m in _TOKEN_RE.finditer(above)]
    bases = [[m.end() for m in pattern.finditer(line)] for pattern in (_TEN_RE, _METRE_RE)]
    used: set[int] = set()
    placed: list[tuple[int, str]] = []
    for column, token in tokens:
        for ends in bases:
            near = [e for e in ends if e not in used and abs(e - column) <= _SUP_REACH]
            if near:
                end = min(near, key=lambda e: abs(e - column))
                used.add(end)
                placed.append((end, token))
                break
        else:
            return None
    # From the right, so that each insertion leaves the positions to its left unchanged.
    for end, token in sorted(placed, reverse=True):
        line = line[:end] + token + line[end:]
    return line


def _read_lines(path: Path) -> list[str]:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ParseError(f"cannot read {path.name}: {exc.strerror}") from exc
    if not raw.strip():
        raise ParseError(f"{path.name} is empty")
    if raw.startswith(b"%PDF"):
        raise ParseError(f"{path.name} is a PDF; this source reads the plain-text extraction")
    if b"\x00" in raw:
        raise ParseError(f"{path.name} is binary, not the plain text of the dual-use list")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ParseError(f"{path.name} is not UTF-8 text: {exc.reason}") from exc
    if text.lstrip()[:1] in ("{", "["):
        raise ParseError(f"{path.name} looks like JSON, not the plain text of the dual-use list")
    for glyph, replacement in _GLYPHS.items():
        if glyph in text:
            text = text.replace(glyph, replacement)
    # split("\n"), not splitlines(): splitlines also breaks at the form feeds that mark pages.
    return text.replace("\t", "    ").replace("\r\n", "\n").split("\n")


class _TextReader(eu_annex.Reader):
    """The Annex I reader over the text's lines, which also tracks its pages."""

    def __init__(self) -> None:
        super().__init__()
        self.headers = 0
        # Pages. The text keeps each page's number at its foot, but where the extraction
        # merged pages their numbers pile up together ("27 28 29 30"); entries between two
        # footers get a page only when exactly one page lies between them.
        self.last_footer: int | None = None
        self.in_footers = False
        self.segment: list[eu_annex.Node] = []
        self.segment_has_text = False
        self.segment_broken = False  # a form feed inside the segment: two pages, one footer
        self.closed: list[eu_annex.Node] = []

    # -- pages ---------------------------------------------------------------------------

    def footer(self, number: int) -> bool:
        """Take a page number at the foot of a page; False when the number is something else."""
        if self.last_footer is None:
            plausible = _FIRST_PAGE <= number <= _LAST_PAGE
        else:
            plausible = self.last_footer < number <= self.last_footer + _MAX_PAGE_JUMP
        if not plausible:
            return False
        if self.in_footers:
            # Several page numbers in a row: the segment just closed spanned those pages.
            for node in self.closed:
                node.page = None
        else:
            expected = _FIRST_PAGE if self.last_footer is None else self.last_footer + 1
            page = number if number == expected and not self.segment_broken else None
            for node in self.segment:
                node.page = page
            self.closed, self.segment = self.segment, []
            self.segment_has_text = self.segment_broken = False
        self.in_footers = True
        self.last_footer = number
        return True

    def content(self, form_feed: bool) -> None:
        """Any line that is not a page number."""
        self.in_footers = False
        if form_feed and self.segment_has_text:
            self.segment_broken = True
        self.segment_has_text = True

    def new_node(self, canonical: str, label: str, indent: int) -> eu_annex.Node:
        node = super().new_node(canonical, label, indent)
        self.segment.append(node)
        return node

    # -- lines ---------------------------------------------------------------------------

    def _bare(self, match: re.Match[str]) -> bool:
        return self.sub_item(match["label"], len(match["indent"]), match["rest"], strict=True)

    def line(self, line: str, first: str) -> None:
        if not self.stack:
            return  # nothing before the first item belongs to an entry
        note = eu_annex.NOTE_RE.match(line) if first in "NT" else None
        if note is not None:
            self.open_note(note["label"], len(note["indent"]), note["rest"])
            return
        labelled = first.isdigit() or first.islower()
        label = eu_annex.LABEL_RE.match(line) if labelled else None
        if label is None:
            bare = _BARE_LABEL_RE.match(line) if labelled else None
            in_list = self.note is not None and self.note.list_indent is not None
            if bare is None or in_list or not self._bare(bare):
                self.text(line)
            return
        indent = len(label["indent"])
        if self.note is not None and self.note.owns(indent):
            self.note.parts.append(line)
            return
        if self.sub_item(label["label"], indent, label["rest"]):
            return
        if self.note is None:
            self.unplaced.append(f"{self.stack[-1].canonical}: {line.strip()[:60]}")
        self.text(line)


def read_entries(path: Path) -> tuple[list[eu_annex.Node], list[str]]:
    """The entries in document order and the labelled lines that fitted nowhere."""
    reader = _TextReader()
    lines = _read_lines(path)
    for index, raw in enumerate(lines):
        reader.line_no = index + 1
        line = raw.replace("\f", "").rstrip()
        first = line.lstrip()[:1]
        if not first:
            continue
        # The first character decides which patterns can apply; this keeps the walk fast.
        digit = first.isdigit()
        number = _NUMBER_RE.match(line) if digit or first == "-" else None
        if number is not None and reader.footer(int(number.group(1))):
            continue
        exponents = number is not None or ((digit or first == "-") and _EXPONENTS_RE.match(line))
        reader.content(form_feed="\f" in raw)
        if first == "C" and _HEADER_RE.match(line):
            reader.headers += 1
            continue
        if exponents:
            # Superscripts: they go into the next line, after their bases.
            following = index + 1
            joined = _with_superscripts(lines[following], line) if following < len(lines) else None
            if joined is not None:
                lines[following] = joined
                continue
            reader.text(line)
            continue
        if first in "0123456789N" and (_GROUP_RE.match(line) or _CONTINUED_RE.match(line)):
            continue
        item = _ITEM_RE.match(line) if digit else None
        if item is not None:
            reader.item(item["code"], item["rest"], item.start("rest"))
            continue
        reader.line(line, first)
    reader.close_note()
    if reader.headers == 0 or not reader.nodes:
        raise ParseError(
            f"{path.name} has no 'CATEGORY n' headings or no entries coded like '0A001': "
            "not the text of the EU dual-use list"
        )
    return reader.nodes, reader.unplaced


def parse(path: Path, meta: SourceMeta) -> Iterator[Record]:
    nodes, _ = read_entries(path)
    builder = ListBuilder(meta, CodeSystem.ECCN, decimal_comma=True)
    for node in nodes:
        text = eu_annex.join(node.lines)
        notes = [eu_annex.join([note.label, *note.parts]) for note in node.notes]
        builder.add(
            node.canonical,
            heading=text if not node.label else "",
            text=text,
            notes=notes,
            status=eu_annex.status(text),
            page=node.page,
        )
    yield from builder.records()
