"""Australia's Defence and Strategic Goods List 2024 (F2024L01024), official Word file.

One instrument, two lists: Part 1, the Munitions List (``ML1``-``ML22`` and Australia's national
``ML901``-``ML910``), and Part 2, the Dual-Use List (Categories 0-9 numbered like the EU list,
``5A001.j``, with national ``9xx`` items such as ``3B901``). The Sensitive and Very Sensitive
Lists at the end name dual-use entries; those entries get ``sensitive`` / ``very_sensitive``.

How the Word file is read: python-docx's package reader finds the main document, styles and
numbering parts; their XML is then walked directly (plain lxml), paragraphs and tables in order.

* Each paragraph gives its text (runs, tabs, breaks, non-breaking hyphens, Symbol-font
  characters), its style, its left indentation (paragraph, numbering or style) and whether most
  of its characters are italic: the list sets every Note, Technical Note and N.B. in italics,
  entries upright. Word's automatic numbering (``w:numPr``) is rebuilt from ``numbering.xml``
  for the few paragraphs that use it, so their ``a.`` / ``1.`` is not lost.
* Codes are typed as text split by tabs: a paragraph starting with a full code (``5.<tab>A.
  <tab>001.<tab>j.<tab>``, ``ML8.<tab>a.<tab>``) opens that entry. The style names are not
  reliable (``Cat0 new style 2`` holds item and sub-item codes alike), so they are not used.
* A relative marker (``a.``, ``1.``) continues the numbering: letters and numbers alternate by
  level, so it must be the next sibling at some level or the first child of the current entry;
  when several levels fit, the one whose indentation (1,134 twips for items, 567 more per level;
  851 in Part 1) is nearest wins.
* ``Note``, ``Technical Note(s)``, ``N.B.`` open a note; the note's italic lines, its own
  lettered lists and notes nested in those lists follow it, until an upright line that continues
  the entries. A note goes to the entry its first words name ("Note: 0A001.i. does not apply",
  "For the purposes of 1A004.a."), else to the entry its indentation places it under (notes sit
  851 twips right of their entry). Notes that open a Part, a category or a group belong to no
  entry and are not kept.
* The deposition-techniques table of Category 2 (a Word table, with its notes and technical
  note) is kept as notes of the entry that refers to "the following table" (2E003.f).
* The Sensitive and Very Sensitive Lists are Word tables: the first cell names the codes
  (``1C010.c. & 1C010.d.``, ``7D003.d.1. to 4. & 7.``), the second the abbreviated text; a
  second cell saying "Not used" means the entry left that list. The Very Sensitive List takes
  in "All of Category 0".

``validate`` checks the numbering read (no missing parent, no gap, repeat or disorder among
sub-items, items ascending); ``anomalies`` adds what the reading itself found irregular.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise
from pathlib import Path
from typing import Any

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import PackageNotFoundError
from docx.opc.pkgreader import PackageReader
from docx.oxml.ns import qn
from lxml import etree  # type: ignore[import-untyped, unused-ignore]

from graph_schema.codes import CodeError, CodeSystem, ControlCode, parse_code
from graph_schema.model import Record
from ingest.sources.base import ParseError, SourceMeta
from ingest.sources.helpers.archive import check_zip, office_file_start
from ingest.sources.helpers.entries import ReadEntry, add_entries
from ingest.sources.helpers.listing import ListBuilder, Status
from ingest.sources.helpers.numbering import common_length, elements, follows, opens, successor
from ingest.sources.helpers.patterns import CODE_LINK_RE, NONE_RE, NOTE_LEAD, squash

INSTRUMENT = "F2024L01024"
MILITARY_TITLE = "Defence and Strategic Goods List 2024, Part 1: Munitions List"
DUAL_USE_TITLE = "Defence and Strategic Goods List 2024, Part 2: Dual-Use List"

# Zip-bomb limit (the others are helpers.archive's); the real file declares about 6 MB.
_MAX_MEMBERS = 2_000

# Word XML names, resolved once.
_BODY, _P, _TBL, _TR, _TC = qn("w:body"), qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc")
_R = qn("w:r")
_SDT, _SDT_CONTENT = qn("w:sdt"), qn("w:sdtContent")
_PPR, _RPR, _PSTYLE, _RSTYLE = qn("w:pPr"), qn("w:rPr"), qn("w:pStyle"), qn("w:rStyle")
_NUMPR, _NUMID, _ILVL, _IND = qn("w:numPr"), qn("w:numId"), qn("w:ilvl"), qn("w:ind")
_I, _VAL, _LEFT, _START = qn("w:i"), qn("w:val"), qn("w:left"), qn("w:start")
_T, _TAB, _BR, _CR = qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr")
_NBH, _SYM, _FONT, _CHAR = qn("w:noBreakHyphen"), qn("w:sym"), qn("w:font"), qn("w:char")
#: Pictures in a run: the list draws its formulas as images.
_PICTURES = frozenset({qn("w:drawing"), qn("w:object"), qn("w:pict")})
_VERT_ALIGN = qn("w:vertAlign")
_SUPERSCRIPTS = str.maketrans("0123456789+-−=()n", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁻⁼⁽⁾ⁿ")
_SUPERSCRIPT_RE = re.compile(r"[0-9+\-−=()n ]+")
IMAGE = "[image]"
_STYLE, _STYLE_ID, _NAME, _BASED = qn("w:style"), qn("w:styleId"), qn("w:name"), qn("w:basedOn")
_ABSTRACT, _ABSTRACT_ID, _LVL = qn("w:abstractNum"), qn("w:abstractNumId"), qn("w:lvl")
_NUM, _NUM_ID_ATTR, _OVERRIDE = qn("w:num"), qn("w:numId"), qn("w:lvlOverride")
_START_OVERRIDE, _NUM_FMT, _LVL_TEXT = qn("w:startOverride"), qn("w:numFmt"), qn("w:lvlText")
_TYPE, _DEFAULT = qn("w:type"), qn("w:default")
_FALSE = frozenset({"0", "false", "off"})

# The Symbol font puts Greek and a few signs at ASCII positions (written U+F0xx in the file).
_SYMBOL_GREEK = dict(
    zip(
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
        "αβχδεφγηιϕκλμνοπθρστυϖωξψζΑΒΧΔΕΦΓΗΙϑΚΛΜΝΟΠΘΡΣΤΥςΩΞΨΖ",
        strict=True,
    )
)
_SYMBOL_SIGNS = {
    0x2D: "−",
    0xA2: "′",
    0xA3: "≤",
    0xB0: "°",
    0xB1: "±",
    0xB3: "≥",
    0xB4: "×",
    0xB7: "•",
    0xB9: "≠",
    0xBB: "≈",
    0xD7: "⋅",
    0xF2: "∫",
}

#: Indentation (twips) of items and the step per level; notes sit _NOTE_SHIFT further right.
_DU_BASE, _ML_BASE, _STEP, _NOTE_SHIFT = 1134, 851, 567, 851

_PUA_RE = re.compile("[\uf000-\uf0ff]")
_TOKEN = r"(?:[a-z]|\d{1,2})"
_DU_FULL_RE = re.compile(
    rf"^\s*(\d)\s*[.\t]\s*([A-E])\s*[.\t]\s*(\d{{3}})(?!\d)\s*\.?((?:\s*{_TOKEN}\s*\.(?=\s))*)\s*"
)
# 'A.<tab>002.<tab>o.<tab>3.': a code typed without its category digit (8A002.o.3).
_DU_PARTIAL_RE = re.compile(
    rf"^\s*([A-E])\s*\.\s*(\d{{3}})(?!\d)\s*\.?((?:\s*{_TOKEN}\s*\.(?=\s))*)\s*"
)
_ML_FULL_RE = re.compile(rf"^\s*ML\s?(\d{{1,3}})(?!\d)\s*\.?((?:\s*{_TOKEN}\s*\.(?=\s))*)\s*")
_GROUP_RE = re.compile(r"^\s*\d\s*\.\s*[A-E](?:\.|\t)")
_PART_HEADING_RE = re.compile(r"^Part\s*\d\s*[—–-]")
# 'RADAR', 'NON-CRYPTOGRAPHIC “INFORMATION SECURITY”'; not '(CAS 7040-57-5);', which ends an entry.
_CAPS_HEADING_RE = re.compile(r"^[A-Z“\"][^a-z]*$")
_TABLE_RE = re.compile(r"^TABLE\s*[—–-]")
#: A category's own technical note ('TECHNICAL NOTE ON “ADJUSTED PEAK PERFORMANCE”'): no entry's.
_CATEGORY_NOTE_RE = re.compile(r"^TECHNICAL NOTE ON\b")
_MARKER_RE = re.compile(rf"^({_TOKEN}\s*\.(?=\s)(?:\s*{_TOKEN}\s*\.(?=\s))*)\s*")
_NOTE_RE = re.compile(
    r"^(?:Technical\s+Notes?|Notes?(?:\s+\d+)?|Note\s+to\s+[^:]{1,60}|N\.\s?B\.?(?:\s?\d+)?\.?)"
    r"\s*(?::|(?=\t|\n|$))"
)
_NOTE_LEAD_RE = re.compile(NOTE_LEAD)  # as written: the DSGL capitalises it
_DU_REF_RE = re.compile(rf"(\d[A-E]\d{{3}})((?:\.{_TOKEN}(?![a-z\d]))*)\.?")
_ML_REF_RE = re.compile(rf"ML\s?(\d{{1,3}})((?:\.{_TOKEN}(?![a-z\d]))*)\.?")
_SUBJECT_VERB_RE = re.compile(
    rf"(?:\d[A-E]\d{{3}}|ML\s?\d{{1,3}})(?:\.{_TOKEN}(?![a-z\d]))*\.?\s+"
    r"(?:does not|do not|applies|apply|includes?)\b"
)
_NOT_USED_RE = re.compile(r"^Not used(?:\s+since\s+\d{4})?\s*[.;:]?$", re.IGNORECASE)
_RESERVED_RE = re.compile(r"^\[?Reserved\]?\s*[.;]?$", re.IGNORECASE)
_TABLE_REF_RE = re.compile(r"\btable\b", re.IGNORECASE)
_CATEGORY_RE = re.compile(r"^Category\s*(\d)\s*[—–-]")
_TITLE_RE = re.compile(r"Defence and Strategic Goods List\s*(\d{4})")


# ---------------------------------------------------------------------------------------------
# The file


def _check_archive(path: Path) -> None:
    """Refuse what is not a DOCX zip, and zip bombs, before python-docx reads the file."""
    office_file_start(path, "the DSGL Word file (.docx)")
    check_zip(
        path,
        file="a Word .docx file",
        document="a Word .docx document",
        required=("[Content_Types].xml",),
        max_members=_MAX_MEMBERS,
    )


@dataclass(frozen=True)
class _Package:
    """The XML of the parts this parser reads: the main document, its styles and numbering."""

    document: Any
    styles: Any
    numbering: Any


def _open(path: Path) -> _Package:
    """Find the parts through python-docx's package reader (content types and relationships),
    then parse their XML with plain lxml: python-docx's own element classes make walking
    thousands of paragraphs several times slower, and the elements are only read here."""
    _check_archive(path)
    try:
        reader = PackageReader.from_file(str(path))  # type: ignore[no-untyped-call]
        parts: dict[str, tuple[str, bytes]] = {}
        for _partname, content_type, reltype, blob in reader.iter_sparts():
            parts.setdefault(reltype, (content_type, blob))
        main = parts.get(RT.OFFICE_DOCUMENT)
        if main is None or "wordprocessingml" not in main[0]:
            shown = main[0] if main else "none"
            raise ParseError(f"{path.name} is not a Word document (main part: {shown})")
        parser = etree.XMLParser(resolve_entities=False, no_network=True)
        xml = {
            reltype: etree.fromstring(parts[reltype][1], parser) if reltype in parts else None
            for reltype in (RT.OFFICE_DOCUMENT, RT.STYLES, RT.NUMBERING)
        }
    except ParseError:
        raise
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        # lxml's XMLSyntaxError is a ValueError: a damaged part lands here too.
        raise ParseError(f"{path.name} is not a readable Word document: {exc}") from exc
    return _Package(xml[RT.OFFICE_DOCUMENT], xml[RT.STYLES], xml[RT.NUMBERING])


# ---------------------------------------------------------------------------------------------
# Paragraphs


@dataclass(slots=True)
class _Para:
    number: int  # 1-based position among the body's paragraphs
    style: str  # the style's name ('DL0Aa1', 'ActHead 3')
    text: str  # tabs kept: they separate the parts of a code
    italic: bool  # most characters italic: notes are set in italics
    indent: int | None  # left indentation in twips, when the paragraph or its style sets one


@dataclass(slots=True)
class _Table:
    #: Rows of cells, each cell the texts of its paragraphs.
    rows: list[list[list[str]]]


@dataclass(frozen=True, slots=True)
class _Style:
    name: str
    based_on: str | None
    italic: bool | None
    indent: int | None


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def _italic_of(rpr: Any) -> bool | None:
    if rpr is None:
        return None
    flag = rpr.find(_I)
    if flag is None:
        return None
    return flag.get(_VAL) not in _FALSE


def _indent_of(ppr: Any) -> int | None:
    if ppr is None:
        return None
    ind = ppr.find(_IND)
    if ind is None:
        return None
    return _int(ind.get(_LEFT) or ind.get(_START))


class _Styles:
    """Style names, italics and indentation, resolved through ``basedOn`` once per style."""

    def __init__(self, element: Any) -> None:
        self._styles: dict[str, _Style] = {}
        #: The paragraph style of paragraphs that name none.
        self.default: str | None = None
        for style in element.iter(_STYLE) if element is not None else ():
            sid = style.get(_STYLE_ID)
            if sid is None:
                continue
            if style.get(_TYPE) == "paragraph" and style.get(_DEFAULT) in ("1", "true", "on"):
                self.default = sid
            name = style.find(_NAME)
            based = style.find(_BASED)
            self._styles[sid] = _Style(
                name=name.get(_VAL) if name is not None else sid,
                based_on=based.get(_VAL) if based is not None else None,
                italic=_italic_of(style.find(_RPR)),
                indent=_indent_of(style.find(_PPR)),
            )
        self._italic: dict[str, bool] = {}
        self._indent: dict[str, int | None] = {}

    def name(self, sid: str) -> str:
        style = self._styles.get(sid)
        return style.name if style is not None else sid

    def _chain(self, sid: str | None) -> Iterator[_Style]:
        seen: set[str] = set()
        while sid is not None and sid not in seen and sid in self._styles:
            seen.add(sid)
            style = self._styles[sid]
            yield style
            sid = style.based_on

    def italic(self, sid: str | None) -> bool:
        key = sid or ""
        if key not in self._italic:
            found = next((s.italic for s in self._chain(sid) if s.italic is not None), False)
            self._italic[key] = found
        return self._italic[key]

    def indent(self, sid: str | None) -> int | None:
        key = sid or ""
        if key not in self._indent:
            self._indent[key] = next(
                (s.indent for s in self._chain(sid) if s.indent is not None), None
            )
        return self._indent[key]


def _roman(number: int) -> str:
    out = ""
    for value, letters in (
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ):
        count, number = divmod(number, value)
        out += letters * count
    return out


def _format_number(value: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        # Word repeats the letter past z: aa, bb...
        letter = chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1)
        return letter if fmt == "lowerLetter" else letter.upper()
    if fmt in ("lowerRoman", "upperRoman"):
        roman = _roman(value)
        return roman if fmt == "lowerRoman" else roman.upper()
    return str(value)


@dataclass(frozen=True, slots=True)
class _Level:
    start: int
    fmt: str
    text: str
    indent: int | None


class _Numbering:
    """Word's automatic numbering: the marker a numbered paragraph shows ('a.', '2.')."""

    def __init__(self, element: Any) -> None:
        abstract: dict[str, dict[int, _Level]] = {}
        for node in element.iter(_ABSTRACT) if element is not None else ():
            levels: dict[int, _Level] = {}
            for lvl in node.iter(_LVL):
                start, fmt, text = lvl.find(_START), lvl.find(_NUM_FMT), lvl.find(_LVL_TEXT)
                levels[_int(lvl.get(_ILVL)) or 0] = _Level(
                    start=_int(start.get(_VAL) if start is not None else None) or 1,
                    fmt=fmt.get(_VAL) if fmt is not None else "decimal",
                    text=text.get(_VAL) if text is not None else "",
                    indent=_indent_of(lvl.find(_PPR)),
                )
            abstract[node.get(_ABSTRACT_ID) or ""] = levels
        self._levels: dict[str, dict[int, _Level]] = {}
        for num in element.iter(_NUM) if element is not None else ():
            ref = num.find(_ABSTRACT_ID)
            levels = dict(abstract.get(ref.get(_VAL) if ref is not None else "", {}))
            for override in num.iter(_OVERRIDE):
                restart = override.find(_START_OVERRIDE)
                level = _int(override.get(_ILVL)) or 0
                if restart is not None and level in levels:
                    start = _int(restart.get(_VAL)) or 1
                    old = levels[level]
                    levels[level] = _Level(start, old.fmt, old.text, old.indent)
            self._levels[num.get(_NUM_ID_ATTR) or ""] = levels
        # One counter set per list instance (numId): no two lists here share one.
        self._counters: dict[str, dict[int, int]] = {}

    def level(self, num_id: str, ilvl: int) -> _Level | None:
        return self._levels.get(num_id, {}).get(ilvl)

    def marker(self, num_id: str, ilvl: int) -> str | None:
        """Advance the list and return the marker shown; None for bullets and unknown lists."""
        levels = self._levels.get(num_id)
        if not levels or ilvl not in levels:
            return None
        counters = self._counters.setdefault(num_id, {})
        level = levels[ilvl]
        counters[ilvl] = counters.get(ilvl, level.start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        if level.fmt in ("bullet", "none"):
            return None

        def show(match: re.Match[str]) -> str:
            index = int(match.group(1)) - 1
            shown = levels.get(index)
            if shown is None:
                return ""
            return _format_number(counters.get(index, shown.start), shown.fmt)

        return re.sub(r"%(\d)", show, level.text) or None


def _symbol(font: str | None, code: int) -> str:
    if font is not None and font.lower() != "symbol":
        return chr(code) if code < 0xE000 else ""
    low = code & 0xFF
    if 0x20 < low < 0x7F and chr(low) in _SYMBOL_GREEK:
        return _SYMBOL_GREEK[chr(low)]
    return _SYMBOL_SIGNS.get(low, chr(low) if 0x20 < low < 0x7F else "")


def _run_text(run: Any) -> str:
    return _run(run)[0]


def _superscript(text: str) -> str:
    """Exponents as superscript characters ('10⁶', 'm²'), so that '3.18 x 10⁶ m' does not read
    as 106 m; a superscript that is not all digits and signs ('th') stays as it is."""
    return text.translate(_SUPERSCRIPTS) if _SUPERSCRIPT_RE.fullmatch(text) else text


def _run(run: Any) -> tuple[str, Any]:
    """A run's text and its properties (``w:rPr``), in one pass over its children."""
    parts: list[str] = []
    rpr = None
    for node in run:
        tag = node.tag
        if tag == _RPR:
            rpr = node
        elif tag == _T:
            text = node.text or ""
            if _PUA_RE.search(text):
                # Symbol-font characters typed as text land in the private use area.
                text = _PUA_RE.sub(lambda m: _symbol(None, ord(m.group())), text)
            parts.append(text)
        elif tag == _TAB:
            parts.append("\t")
        elif tag in (_BR, _CR):
            parts.append("\n")
        elif tag == _NBH:
            parts.append("-")
        elif tag == _SYM:
            code = _int_hex(node.get(_CHAR))
            if code is not None:
                parts.append(_symbol(node.get(_FONT), code))
        elif tag in _PICTURES:
            parts.append(f" {IMAGE} ")  # a formula drawn as a picture: say one is there
    text = "".join(parts)
    if rpr is not None and text:
        align = rpr.find(_VERT_ALIGN)
        if align is not None and align.get(_VAL) == "superscript":
            text = _superscript(text)
    return text, rpr


def _int_hex(value: str | None) -> int | None:
    try:
        return int(value, 16) if value is not None else None
    except ValueError:
        return None


class _BodyReader:
    """Turns the body XML into paragraphs and tables, in order."""

    def __init__(self, package: _Package) -> None:
        self.styles = _Styles(package.styles)
        self.numbering = _Numbering(package.numbering)
        self.count = 0

    def blocks(self, body: Any) -> Iterator[_Para | _Table]:
        for child in body.iterchildren():
            tag = child.tag
            if tag == _P:
                self.count += 1
                yield self.paragraph(child)
            elif tag == _TBL:
                yield self.table(child)
            elif tag == _SDT:
                content = child.find(_SDT_CONTENT)
                if content is not None:
                    yield from self.blocks(content)

    def paragraph(self, p: Any) -> _Para:
        ppr = p.find(_PPR)
        sid: str | None = None
        indent: int | None = None
        marker: str | None = None
        if ppr is not None:
            pstyle = ppr.find(_PSTYLE)
            sid = pstyle.get(_VAL) if pstyle is not None else None
            indent = _indent_of(ppr)
            numpr = ppr.find(_NUMPR)
            if numpr is not None:
                num, lvl = numpr.find(_NUMID), numpr.find(_ILVL)
                num_id = num.get(_VAL) if num is not None else None
                ilvl = (_int(lvl.get(_VAL)) if lvl is not None else 0) or 0
                if num_id is not None and num_id != "0":
                    marker = self.numbering.marker(num_id, ilvl)
                    level = self.numbering.level(num_id, ilvl)
                    if indent is None and level is not None:
                        indent = level.indent
        sid = sid or self.styles.default
        if indent is None:
            indent = self.styles.indent(sid)
        base_italic = self.styles.italic(sid)
        pieces: list[str] = []
        italic_chars = visible = 0
        for run in p.iter(_R):
            text, rpr = _run(run)
            if not text:
                continue
            pieces.append(text)
            if text.isspace():
                continue
            shown = len(text)  # spaces inside a run count too: close enough for a majority
            visible += shown
            italic = base_italic
            if rpr is not None:
                flag = rpr.find(_I)
                if flag is not None:
                    italic = flag.get(_VAL) not in _FALSE
                else:
                    rstyle = rpr.find(_RSTYLE)
                    if rstyle is not None and self.styles.italic(rstyle.get(_VAL)):
                        italic = True
            if italic:
                italic_chars += shown
        text = "".join(pieces)
        if marker:
            text = f"{marker}\t{text}"
        return _Para(
            number=self.count,
            style=self.styles.name(sid) if sid else "",
            text=text,
            italic=visible > 0 and italic_chars * 2 > visible,
            indent=indent,
        )

    def table(self, tbl: Any) -> _Table:
        rows: list[list[list[str]]] = []
        for tr in tbl.iter(_TR):
            cells: list[list[str]] = []
            for tc in tr.iter(_TC):
                cells.append(["".join(_run_text(r) for r in p.iter(_R)) for p in tc.iter(_P)])
            rows.append(cells)
        return _Table(rows)


def _letters(text: str) -> int:
    return sum(ch.isalpha() for ch in text)


# ---------------------------------------------------------------------------------------------
# Numbering of entries


# ---------------------------------------------------------------------------------------------
# Reading entries


@lru_cache(maxsize=16384)
def _parse_code(written: str, system: CodeSystem) -> ControlCode:
    # Cached: opening an entry also opens (or looks up) each of its ancestors.
    return parse_code(written, system)


def _status(text: str) -> Status:
    if _NOT_USED_RE.match(text):
        return "not-used"
    if _RESERVED_RE.match(text):
        return "reserved"
    return "active"


@dataclass(kw_only=True)
class Draft(ReadEntry):
    """One entry as read, before it becomes a record."""

    paragraph: int
    where: str  # 'Part 1' or 'Part 2, Category 3'

    def joined(self, lines: list[str]) -> str:
        return " ".join(t for t in (squash(line) for line in lines) if t)

    @property
    def status(self) -> Status:
        return _status(self.text)


@dataclass
class _Note:
    lines: list[str]
    indent: int | None
    placed: bool = False
    listed: bool = False  # the note has started its own a./1. list
    block: bool = False  # a table block: only a new entry or heading ends it


@dataclass
class _Reader:
    """Reads the entries of one part (munitions or dual-use) paragraph by paragraph."""

    system: CodeSystem
    full_re: re.Pattern[str]
    ref_re: re.Pattern[str]
    base: int
    entries: dict[str, Draft]
    anomalies: list[str]
    where: str = ""
    heading: str = ""  # the 'Part n, Category n' the category heading opened
    category: str | None = None  # the dual-use category being read
    root: str | None = None
    path: tuple[str, ...] = ()
    current: Draft | None = None
    note: _Note | None = None
    #: Entries of the current category, in order (for the table block's owner).
    recent: list[Draft] = field(default_factory=list)

    def _root(self, match: re.Match[str]) -> str:
        if self.system is CodeSystem.MUNITIONS:
            return f"ML{int(match.group(1))}"
        return f"{match.group(1)}{match.group(2)}{match.group(3)}"

    def _code(self, root: str, path: tuple[str, ...], para: _Para) -> ControlCode:
        written = ".".join((root, *path))
        try:
            return _parse_code(written, self.system)
        except CodeError as exc:
            raise ParseError(
                f"paragraph {para.number}: unreadable code {written!r}: {exc}"
            ) from exc

    def reset(self, where: str | None = None, category: str | None = None) -> None:
        """A new category or group: nothing carries over."""
        if where is not None:
            self.where = self.heading = where
            self.category = category
            self.recent = []
        self.note = None
        self.current = None
        self.root = None
        self.path = ()

    # -- entries -------------------------------------------------------------------------------

    def _open(self, root: str, path: tuple[str, ...], para: _Para, text: str) -> None:
        # Levels the paragraph's own code shows without text of their own ('1.<tab>a.' in
        # 3A201.a, '9.E.101.a.') are entries too: open them first, empty.
        common = common_length(path, self.path) if root == self.root else 0
        for depth in range(common, len(path)):
            shown = self._code(root, path[:depth], para)
            if shown.canonical not in self.entries:
                self._new(shown, para)
        code = self._code(root, path, para)
        draft = self.entries.get(code.canonical)
        if draft is None:
            draft = self._new(code, para)
        else:
            self.anomalies.append(f"paragraph {para.number}: {code.canonical} seen twice")
        if text:
            draft.lines.append(text)
        self.root, self.path, self.current, self.note = root, path, draft, None

    def _full(self, match: re.Match[str], para: _Para, root: str | None = None) -> None:
        root = root or self._root(match)
        path = elements(match.group(match.re.groups))
        rest = para.text[match.end() :]
        if root == self.root and path and not follows(self.path, path, numbered_items=True):
            if self.note is not None and len(path) == 1:
                # 'ML910. e. tranquilliser guns' amid the lettered list of the note after
                # ML910: the note's item e, typed with the item's code in front.
                self.note.lines.append(para.text[match.end(1) :].lstrip(". \t"))
                self.anomalies.append(
                    f"paragraph {para.number}: {root}.{path[0]} typed as a full code inside "
                    "the note's list; read as the note's item"
                )
                return
            shown = ".".join((root, *self.path))
            self.anomalies.append(
                f"paragraph {para.number}: {'.'.join((root, *path))} after {shown} (full code)"
            )
        self._open(root, path, para, rest)

    def _new(self, code: ControlCode, para: _Para) -> Draft:
        draft = Draft(code=code, paragraph=para.number, where=self.where)
        self.entries[code.canonical] = draft
        self.recent.append(draft)
        return draft

    def _expected(self, level: int) -> int:
        return self.base + _STEP * (level + 1)

    def _candidates(self, elements: tuple[str, ...]) -> list[tuple[int, tuple[str, ...]]]:
        """The (level, path) a relative marker can stand for in the current item."""
        if self.root is None:
            return []
        path = self.path
        found = []
        if len(elements) == 1:
            # The usual single 'b.' or '2.': the next sibling at some level, or a first child.
            (element,) = elements
            for level, current in enumerate(path):
                if element == successor(current):
                    found.append((level, (*path[:level], element)))
            if opens(element, path[-1] if path else None, numbered_items=True):
                found.append((len(path), (*path, element)))
            return found
        for level in range(len(path) + 1):
            candidate = path[:level] + elements
            if follows(path, candidate, numbered_items=True):
                found.append((level, candidate))
        return found

    def _marker(
        self, candidates: list[tuple[int, tuple[str, ...]]], para: _Para, rest: str
    ) -> None:
        """Open the entry a relative marker stands for, the level nearest its indentation."""
        assert self.root is not None and candidates
        best: tuple[int, tuple[str, ...]] | None = None
        for level, candidate in candidates:
            # Without an indentation the deepest level wins (lists nest more than they end).
            distance = abs(para.indent - self._expected(level)) if para.indent is not None else 0
            if best is None or distance <= best[0]:
                best = (distance, candidate)
        assert best is not None
        self._open(self.root, best[1], para, rest)

    # -- notes ---------------------------------------------------------------------------------

    def _subject(self, body: str) -> Draft | None:
        """The entry a note names in its first words ('0A001.i. does not apply'); for several
        ('4E001.a. and 4E001.c. do not apply'), the entry they share."""
        body = body.strip()
        marker = _MARKER_RE.match(body)  # '1. For the purposes of 5A002.a., ...'
        body = _NOTE_LEAD_RE.sub("", body[marker.end() :] if marker else body)
        named: list[tuple[str, tuple[str, ...]]] = []
        pos = 0
        while match := self.ref_re.match(body, pos):
            named.append((self._root_of_ref(match), elements(match.group(2))))
            link = CODE_LINK_RE.match(body, match.end())
            if link is None:
                break
            pos = link.end()
        if not named:
            # 'For exports to ..., 1C450 does not apply to ...': the entry the verb is about.
            verb = _SUBJECT_VERB_RE.search(body)
            match = self.ref_re.match(body, verb.start()) if verb else None
            if match is None:
                return None
            named.append((self._root_of_ref(match), elements(match.group(2))))
        root, path = named[0]
        for other_root, other_path in named[1:]:
            if other_root != root:
                break  # 'ML901 to ML910': the first named item
            path = path[: common_length(path, other_path)]
        while True:
            found = self.entries.get(".".join((root, *path)))
            if found is not None or not path:
                return found
            path = path[:-1]  # a note on an entry not read yet goes to its parent

    def _root_of_ref(self, match: re.Match[str]) -> str:
        if self.system is CodeSystem.MUNITIONS:
            return f"ML{int(match.group(1))}"
        return match.group(1)

    def _by_indent(self, indent: int | None) -> Draft | None:
        """The open entry the note's indentation places it under (notes sit right of it)."""
        if self.root is None:
            return None
        level = len(self.path)
        if indent is not None:
            level = round((indent - self.base - _NOTE_SHIFT) / _STEP)
            level = max(0, min(level, len(self.path)))
        for depth in range(level, -1, -1):
            found = self.entries.get(".".join((self.root, *self.path[:depth])))
            if found is not None:
                return found
        return None

    def _place(self, note: _Note, body: str) -> None:
        target = self._subject(body) or self._by_indent(note.indent)
        if target is not None:
            target.notes.append(note.lines)
        note.placed = True

    def _start_note(self, para: _Para, label_end: int) -> None:
        text = para.text.strip()
        note = _Note(lines=[text], indent=para.indent)
        body = text[label_end:]
        if body.strip():
            self._place(note, body)
        self.note = note

    def _note_line(self, para: _Para, marker: bool) -> None:
        note = self.note
        assert note is not None
        note.lines.append(para.text.strip())
        note.listed = note.listed or marker
        if not note.placed:
            self._place(note, para.text)

    def _nested(self, para: _Para) -> bool:
        """A note label inside the open note's own list ('Note 2' > 'a.' > 'Technical Note')."""
        note = self.note
        if note is None or note.block or not note.listed:
            return False
        if note.indent is None or para.indent is None:
            return False
        return para.indent > note.indent + _STEP // 4

    def _close_note(self) -> None:
        if self.note is not None and not self.note.placed:
            self._place(self.note, "")
        self.note = None

    def _start_block(self, para: _Para, owned: bool) -> None:
        """A block only a new entry ends: the deposition table of Category 2 with its notes
        (the entry naming the table owns it), or a category's technical note (no entry)."""
        self._close_note()
        note = _Note(lines=[para.text.strip()], indent=para.indent, placed=True, block=True)
        if owned:
            owner = next((d for d in reversed(self.recent) if _TABLE_REF_RE.search(d.text)), None)
            owner = owner or self.current
            if owner is None:
                self.anomalies.append(f"paragraph {para.number}: a table block outside entries")
            else:
                owner.notes.append(note.lines)
        else:
            self.current = None
        self.note = note

    def table(self, table: _Table) -> None:
        if self.note is None or not self.note.block:
            self.anomalies.append("a table outside a table block")
            return
        for row in table.rows:
            cells = [" / ".join(t for t in (squash(p) for p in cell) if t) for cell in row]
            if any(cells):
                self.note.lines.append(" | ".join(cells))

    # -- the paragraph loop --------------------------------------------------------------------

    def feed(self, para: _Para) -> None:
        text = para.text
        stripped = text.strip()
        if not stripped:
            return
        full = self.full_re.match(text) if not para.italic else None
        if full is not None:
            self._full(full, para)
            return
        partial = _DU_PARTIAL_RE.match(text) if self.category and not para.italic else None
        if partial is not None:
            root = f"{self.category}{partial.group(1)}{partial.group(2)}"
            self.anomalies.append(
                f"paragraph {para.number}: code typed without its category digit "
                f"({squash(partial.group(0))}), read in Category {self.category} as "
                f"{'.'.join((root, *elements(partial.group(3))))}"
            )
            self._full(partial, para, root)
            return
        if self.system is CodeSystem.ECCN and _GROUP_RE.match(text):
            self._close_note()
            self.reset()  # '1.<tab>A.<tab>Systems, Equipment and Components'
            return
        if _TABLE_RE.match(stripped) or _CATEGORY_NOTE_RE.match(stripped):
            self._start_block(para, owned=_TABLE_RE.match(stripped) is not None)
            return
        if self.note is not None and self.note.block:
            self.note.lines.append(stripped)
            return
        if _PART_HEADING_RE.match(stripped):
            self._close_note()
            self.reset()  # 'Part 2—INFORMATION SECURITY' in Category 5
            self.where = f"{self.heading}, {squash(stripped)}"
            return
        label = _NOTE_RE.match(stripped)
        if label is not None:
            if self._nested(para):
                self._note_line(para, marker=False)
            else:
                self._close_note()
                self._start_note(para, label.end())
            return
        if _CAPS_HEADING_RE.match(stripped) and not para.italic and _letters(stripped) >= 5:
            self._close_note()  # 'NON-CRYPTOGRAPHIC “INFORMATION SECURITY”' between items
            self.current = None
            return
        marker = _MARKER_RE.match(stripped)
        if marker is not None:
            candidates = self._candidates(elements(marker.group(1)))
            upright_entry = not para.italic and bool(candidates)
            if self.note is not None and not upright_entry:
                self._note_line(para, marker=True)
                return
            if self.note is None and para.italic and not upright_entry:
                self.anomalies.append(
                    f"paragraph {para.number}: italic list line with no note label: "
                    f"{stripped[:50]!r}"
                )
                self._start_note(para, 0)
                return
            self._close_note()
            if candidates:
                self._marker(candidates, para, stripped[marker.end() :])
                return
            self.anomalies.append(
                f"paragraph {para.number}: marker fits nowhere after "
                f"{'.'.join((self.root or '-', *self.path))}: {stripped[:50]!r}"
            )
        if self.note is not None:
            self._note_line(para, marker=False)
        elif self.current is None and NONE_RE.match(stripped):
            return  # 'None.' under a group heading: the group has no items
        elif para.italic and self.current is not None:
            self._start_note(para, 0)  # an unlabelled note, e.g. a formula's explanation
        elif self.current is not None:
            self.current.lines.append(stripped)
        else:
            self.anomalies.append(
                f"paragraph {para.number}: text outside entries: {stripped[:50]!r}"
            )

    def finish(self) -> None:
        self._close_note()


# ---------------------------------------------------------------------------------------------
# Sensitive and Very Sensitive Lists

_SL_SHORT_RE = re.compile(rf"({_TOKEN})\.?(?![\w])")
_SL_LINK_RE = re.compile(r"&|,|\band\b|\bto\b")
_ALL_OF_RE = re.compile(r"All of Category (\d) of Dual.?Use List is included", re.IGNORECASE)


def _named_codes(text: str) -> list[tuple[str, tuple[str, ...]]]:
    """'7D003.d.1. to 4. & 7.' -> 7D003.d.1 ... 7D003.d.4, 7D003.d.7 as (root, path)."""
    codes: list[tuple[str, tuple[str, ...]]] = []
    pos, to = 0, False
    text = text.replace("\xa0", " ")
    while pos < len(text):
        if text[pos].isspace():
            pos += 1
            continue
        full = _DU_REF_RE.match(text, pos)
        short = None if full else _SL_SHORT_RE.match(text, pos)
        link = None if full or short else _SL_LINK_RE.match(text, pos)
        if full:
            code = (full.group(1), elements(full.group(2)))
            pos = full.end()
        elif short and codes and codes[-1][1]:
            root, path = codes[-1]
            element = short.group(1)
            if element.isdigit() != path[-1].isdigit():
                break
            code = (root, (*path[:-1], element))
            pos = short.end()
        elif link:
            to = to or link.group(0) == "to"
            pos = link.end()
            continue
        else:
            break  # the rest is text
        if to and codes:
            start_root, start_path = codes[-1]
            if start_root == code[0] and start_path[:-1] == code[1][:-1] and start_path:
                first, last = start_path[-1], code[1][-1]
                if first.isdigit():
                    steps = [str(n) for n in range(int(first) + 1, int(last))]
                else:
                    steps = [chr(c) for c in range(ord(first) + 1, ord(last))]
                codes.extend((code[0], (*code[1][:-1], s)) for s in steps)
        codes.append(code)
        to = False
    return codes


@dataclass
class _Named:
    """What one row of the Sensitive or Very Sensitive List names."""

    codes: list[str]
    withdrawn: bool


def _sensitive_rows(table: _Table) -> tuple[list[_Named], set[str]]:
    """The codes a list's table names, and the categories it takes in whole."""
    named: list[_Named] = []
    whole: set[str] = set()
    for row in table.rows:
        if not row:
            continue
        code_cell = row[0]
        text_cell = row[1] if len(row) > 1 else []
        for cell in row:
            for paragraph in cell:
                found = _ALL_OF_RE.search(paragraph)
                if found:
                    whole.add(found.group(1))
        texts = [squash(t) for t in text_cell]
        first_text = next((t for t in texts if t), "")
        for index, paragraph in enumerate(code_cell):
            codes = _named_codes(paragraph)
            if not codes:
                continue
            own = texts[index] if index < len(texts) and texts[index] else first_text
            named.append(
                _Named(
                    codes=[".".join((root, *path)) for root, path in codes],
                    withdrawn=own.lower().startswith("not used"),
                )
            )
    return named, whole


# ---------------------------------------------------------------------------------------------
# The document


@dataclass
class Dsgl:
    """Everything read from the Word file; ``records`` turns it into graph records."""

    year: str
    munitions: dict[str, Draft]
    dual_use: dict[str, Draft]
    sensitive: list[_Named]
    very_sensitive: list[_Named]
    #: Codes the two lists name that the dual-use list does not have.
    unresolved: list[str]
    anomalies: list[str]


def _section(text: str) -> tuple[str, str | None]:
    """What an ``ActHead`` heading opens: ('munitions'|'dual-use'|'category'|..., category)."""
    flat = squash(text.replace("\xa0", " "))
    lower = flat.lower()
    category = _CATEGORY_RE.match(flat)
    if category:
        return "category", category.group(1)
    if lower.startswith("part 1") and "munitions list" in lower:
        return "munitions", None
    if lower.startswith("part 2") and "dual-use list" in lower:
        return "dual-use", None
    if lower.startswith("very sensitive list"):
        return "very-sensitive", None
    if lower.startswith("sensitive list"):
        return "sensitive", None
    if lower.startswith("schedule"):
        return "end", None
    return "other", None


def read(path: Path) -> Dsgl:
    """Read both Parts and the Sensitive and Very Sensitive Lists; ParseError if the file is
    not the complete Defence and Strategic Goods List."""
    package = _open(path)
    body = package.document.find(_BODY)
    if body is None:
        raise ParseError(f"{path.name} has no document body: not a Word document")
    body_reader = _BodyReader(package)
    anomalies: list[str] = []
    munitions: dict[str, Draft] = {}
    dual_use: dict[str, Draft] = {}
    readers = {
        "munitions": _Reader(
            CodeSystem.MUNITIONS, _ML_FULL_RE, _ML_REF_RE, _ML_BASE, munitions, anomalies
        ),
        "dual-use": _Reader(
            CodeSystem.ECCN, _DU_FULL_RE, _DU_REF_RE, _DU_BASE, dual_use, anomalies
        ),
    }
    readers["munitions"].reset("Part 1")
    tables: dict[str, list[_Table]] = {"sensitive": [], "very-sensitive": []}
    year: str | None = None
    section = "front"
    reader: _Reader | None = None
    seen: set[str] = set()
    for block in body_reader.blocks(body):
        if isinstance(block, _Table):
            if reader is not None:
                reader.table(block)
            elif section in tables:
                tables[section].append(block)
            continue
        if year is None and body_reader.count <= 40:
            title = _TITLE_RE.search(block.text)
            if title:
                year = title.group(1)
        if not block.style.startswith("ActHead"):
            if reader is not None:
                reader.feed(block)
            continue
        kind, category = _section(block.text)
        if kind == "other" and section == "front":
            continue
        if reader is not None:
            reader.finish()
        seen.add(kind if category is None else f"category {category}")
        if kind == "category" and section in ("dual-use", "category"):
            reader = readers["dual-use"]
            reader.reset(f"Part 2, Category {category}", category)
            section = "category"
        elif kind == "munitions":
            reader, section = readers["munitions"], kind
        elif kind == "end":
            break
        else:
            reader, section = None, kind
    if reader is not None:
        reader.finish()
    if year is None:
        raise ParseError(
            f"{path.name} has no title 'Defence and Strategic Goods List <year>': not the "
            "Australian Defence and Strategic Goods List"
        )
    wanted = ["munitions", "dual-use", *(f"category {c}" for c in "0123456789")]
    wanted += ["sensitive", "very-sensitive"]
    missing = [w for w in wanted if w not in seen]
    if missing:
        raise ParseError(
            f"{path.name} lacks the part(s) {', '.join(missing)}: truncated, or not the "
            "complete Defence and Strategic Goods List"
        )
    _check_complete(path, munitions, dual_use)
    named: dict[str, list[_Named]] = {}
    unresolved: list[str] = []
    for name, attr in (("sensitive", "sensitive"), ("very-sensitive", "very_sensitive")):
        named[name] = []
        for table in tables[name]:
            rows, whole = _sensitive_rows(table)
            named[name].extend(rows)
            for draft in dual_use.values():
                if draft.code.category in whole:
                    setattr(draft, attr, True)
        for written in (c for n in named[name] if not n.withdrawn for c in n.codes):
            found = dual_use.get(written)
            if found is None:
                unresolved.append(f"{name}: {written}")
            else:
                setattr(found, attr, True)
    return Dsgl(
        year,
        munitions,
        dual_use,
        named["sensitive"],
        named["very-sensitive"],
        unresolved,
        anomalies,
    )


def _check_complete(path: Path, munitions: dict[str, Draft], dual_use: dict[str, Draft]) -> None:
    """A damaged file loses whole categories or ML entries; say which part is missing."""
    categories = {d.code.category for d in dual_use.values()}
    missing = [f"Category {c}" for c in "0123456789" if c not in categories]
    missing += [f"ML{n}" for n in range(1, 23) if f"ML{n}" not in munitions]
    if missing:
        raise ParseError(
            f"{path.name} lacks {', '.join(missing[:5])}{' ...' if len(missing) > 5 else ''}: "
            "the file is truncated or not the complete Defence and Strategic Goods List"
        )


# ---------------------------------------------------------------------------------------------
# Structural validation


def _ordinal(element: str) -> int:
    """1 for 'a' and '1', 2 for 'b' and '2'..."""
    return int(element) if element.isdigit() else ord(element) - ord("a") + 1


def validate(entries: dict[str, Draft]) -> list[str]:
    """Departures from the numbering: missing parents, gaps, repeats and disorder.

    Sub-items of one parent must run a, b, c... or 1, 2, 3... from the first, with no gap
    and no repeat; items must ascend within their group (Category 5 numbers each Part afresh);
    the Munitions List must hold ML1 to ML22 in order, national ML9xx entries after them.
    """
    problems: list[str] = []
    siblings: dict[str, list[ControlCode]] = {}
    for draft in entries.values():
        code = draft.code
        parent = code.parent
        if parent is None:
            group = f"{draft.where}, {code.root[:2]}" if code.system is CodeSystem.ECCN else "ML"
            siblings.setdefault(f"items of {group}", []).append(code)
        else:
            if parent.canonical not in entries:
                problems.append(f"{code.canonical}: no entry {parent.canonical} above it")
            siblings.setdefault(parent.canonical, []).append(code)
    for parent_key, codes in siblings.items():
        if parent_key.startswith("items of "):
            for before, after in pairwise(codes):
                if (after.number or 0) <= (before.number or 0):
                    problems.append(f"{after.canonical} after {before.canonical}")
            numbers = [c.number or 0 for c in codes]
            if parent_key == "items of ML" and [n for n in numbers if n <= 22] != list(
                range(1, 23)
            ):
                problems.append("ML1 to ML22 are not all there, in order")
            continue
        elements = [c.path[-1] for c in codes]
        if len({e.isdigit() for e in elements}) > 1:
            problems.append(f"{parent_key}: letters and numbers mixed among its sub-items")
            continue
        expected = 1
        for element, code in zip(elements, codes, strict=True):
            found = _ordinal(element)
            if found < expected:
                problems.append(f"{code.canonical}: repeated or out of order")
                continue
            if found > expected:
                problems.append(f"{code.canonical}: follows a gap in {parent_key}")
            expected = found + 1
    return problems


def anomalies(dsgl: Dsgl) -> list[str]:
    """Everything the reading and the validation found irregular, one line each."""
    return [
        *dsgl.anomalies,
        *(f"Part 1: {p}" for p in validate(dsgl.munitions)),
        *(f"Part 2: {p}" for p in validate(dsgl.dual_use)),
        *(f"not in the Dual-Use List: {c}" for c in dsgl.unresolved),
    ]


# ---------------------------------------------------------------------------------------------
# Records


def _citation(draft: Draft) -> str:
    return f"{INSTRUMENT}, {draft.where}, body paragraph {draft.paragraph}"


def records(dsgl: Dsgl, meta: SourceMeta) -> Iterator[Record]:
    """The two lists' records from what ``read`` found."""
    if dsgl.year != meta.edition:
        raise ParseError(
            f"the file is the Defence and Strategic Goods List {dsgl.year}, not the "
            f"{meta.edition} edition the metadata names"
        )
    military = ListBuilder(meta, CodeSystem.MUNITIONS, list_key="au-military", title=MILITARY_TITLE)
    dual_use = ListBuilder(meta, CodeSystem.ECCN, list_key="au", title=DUAL_USE_TITLE)
    add_entries(military, dsgl.munitions.values(), _citation)
    add_entries(dual_use, dsgl.dual_use.values(), _citation)
    yield from military.records()
    yield from dual_use.records()


def parse(path: Path, meta: SourceMeta) -> Iterator[Record]:
    yield from records(read(path), meta)
