"""MTCR Equipment, Software and Technology Annex (Word file) -> one ControlList.

The Annex (MTCR/TEM/2021/Annex, 8 October 2021) has 20 Items, numbered like the Wassenaar
list: ``3.A.1.`` is Item 3, group A (equipment), entry 1; ``19.A.1.`` is Item 19. Items 1 and 2
are Category I, Items 3-20 Category II; Items 5, 7 and 8 are "RESERVED FOR FUTURE USE".

Why the Word file and not the PDF: the PDF is a print of this Word file, and its text loses
what the Word file keeps as structure. In the Word file each paragraph is one sub-item or one
note paragraph, so nothing has to be re-joined across line and page breaks or stripped of page
headers; the exponents are runs marked as superscript ("1.1 x 10⁶ Ns", where the PDF's text
reads "1.1 x 106" and breaks the line after it); and each Item is a Word section whose running
header says "CATEGORY II; ITEM 5", which names the Category and the Item even where the body
has only "RESERVED FOR FUTURE USE". The one thing the Word file hides, the automatic
numbering of many sub-items ("a.", "1."), is rebuilt from its numbering definitions
(``word/numbering.xml``: one counter per list, each level's start value and format); the
rebuilt markers were checked against the printed ones in the PDF.

How it is read:

* Only the sections whose running header names an Item are read; the title page, contents,
  introduction, definitions, units and conversion tables are not entries.
* ``ITEM 3 PROPULSION ...`` names the Item, ``3.A. EQUIPMENT, ...`` opens a group ("None." after
  it: the group is empty), a paragraph starting with an unread full code (``3.A.1.`` and a tab)
  opens an item-level entry. Sub-items and notes are sorted out by
  :mod:`ingest.sources.helpers.regime_annex` from their markers and indentation (marker position
  = left indent + first-line indent, from the paragraph, its list level and its style).
* Entry text is the paragraph text without its marker, whitespace normalised; superscript runs
  become Unicode superscripts, a raised "o" (the Annex's degree sign) becomes "°".
* Every item-level entry gets, as its first note, the Item's running header and heading, e.g.
  "CATEGORY I; ITEM 2 COMPLETE SUBSYSTEMS USABLE FOR COMPLETE DELIVERY SYSTEMS": the Annex's
  own words for its Category (Introduction, (a): "Category I items, all of which are in Annex
  Items 1 and 2, ... Category II items are those items in the Annex not designated Category I").
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import docx
from docx.document import Document
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from graph_schema.codes import CodeSystem
from graph_schema.model import Record
from ingest.sources.base import ParseError, SourceMeta
from ingest.sources.helpers.archive import office_file_start
from ingest.sources.helpers.listing import ListBuilder
from ingest.sources.helpers.patterns import NONE_RE
from ingest.sources.helpers.regime_annex import Draft, Outline, Unit, group_heading_re

ITEMS = 20
#: Introduction, (a): "Category I items, all of which are in Annex Items 1 and 2".
CATEGORY_I = frozenset({1, 2})

_REFERENCE_RE = re.compile(r"^MTCR/TEM/(\d{4})/Annex$")
_DATE_RE = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)\s+([A-Z][a-z]+),?\s+(\d{4})$")
_HEADER_RE = re.compile(r"CATEGORY\s+(I{1,2})\s*;\s*ITEM\s+(\d{1,2})\b")
_CATEGORY_RE = re.compile(r"^CATEGORY\s+(I{1,2})$")
_ITEM_RE = re.compile(r"^ITEM\s+(\d{1,2})\s+(\S.*)$")
_RESERVED_RE = re.compile(r"^\(?RESERVED FOR FUTURE USE\)?\.?$", re.IGNORECASE)
_GROUP_RE = group_heading_re(r"\d{1,2}")
_FULL_RE = re.compile(
    r"^(\d{1,2})\.\s?([A-E])\.?\s?(\d{1,2})\.?((?:\s?(?:[a-z]|\d{1,2})\.)*)(?P<tab>\t)?\s*(.*)$",
    re.DOTALL,
)

_SUPERSCRIPT = str.maketrans("0123456789-–+", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁻⁺")
_SUPERSCRIPT_OK = frozenset("0123456789-–+ \u00a0")


# ---------------------------------------------------------------------------------------------
# The Word file


def _open(path: Path) -> Document:
    start = office_file_start(path, "the Word file (.docx) of the MTCR Annex")
    if not start.startswith(b"PK"):
        raise ParseError(f"{path.name} is not a Word .docx file (it starts with {start!r})")
    try:
        return docx.Document(str(path))
    except (zipfile.BadZipFile, PackageNotFoundError) as exc:
        # python-docx reports a ZIP archive cut short as "package not found".
        raise ParseError(f"{path.name} is not a complete .docx file (truncated?)") from exc
    except (KeyError, ValueError, SyntaxError) as exc:
        # Not a Word document inside (another Office file) or broken XML in it.
        message = " ".join(str(exc).replace(str(path), path.name).split())
        raise ParseError(f"{path.name} is not a readable Word document: {message}") from exc


def _points(value: str | None) -> float | None:
    return int(value) / 20.0 if value is not None else None  # twentieths of a point


@dataclass
class _Indent:
    left: float | None = None
    first: float | None = None  # first-line offset from left: negative when hanging

    def update(self, element: Any) -> None:
        if element is None:
            return
        left = element.get(qn("w:left")) or element.get(qn("w:start"))
        if left is not None:
            self.left = _points(left)
        hanging, first = element.get(qn("w:hanging")), element.get(qn("w:firstLine"))
        if hanging is not None:
            self.first = -(_points(hanging) or 0.0)
        elif first is not None:
            self.first = _points(first)

    @property
    def start(self) -> float:
        return (self.left or 0.0) + (self.first or 0.0)


@dataclass
class _Level:
    start: int
    fmt: str
    text: str
    indent: Any


class _Numbering:
    """Rebuilds Word's automatic list labels: one counter per list and level."""

    def __init__(self, document: Document) -> None:
        self.abstract: dict[str, dict[int, _Level]] = {}
        self.nums: dict[str, str] = {}
        self.counters: dict[str, dict[int, int]] = {}
        try:
            root = document.part.numbering_part.element
        except (NotImplementedError, KeyError):
            return  # a document without lists
        for abstract in root.findall(qn("w:abstractNum")):
            levels: dict[int, _Level] = {}
            for lvl in abstract.findall(qn("w:lvl")):
                ppr = lvl.find(qn("w:pPr"))
                levels[int(lvl.get(qn("w:ilvl")))] = _Level(
                    start=int(_val(lvl, "w:start") or 1),
                    fmt=_val(lvl, "w:numFmt") or "decimal",
                    text=_val(lvl, "w:lvlText") or "",
                    indent=ppr.find(qn("w:ind")) if ppr is not None else None,
                )
            self.abstract[abstract.get(qn("w:abstractNumId"))] = levels
        for num in root.findall(qn("w:num")):
            ref = num.find(qn("w:abstractNumId"))
            if ref is not None:
                self.nums[num.get(qn("w:numId"))] = ref.get(qn("w:val"))

    def label(self, paragraph: Paragraph) -> tuple[str, Any] | None:
        """The paragraph's list label ('a.', '1.', '-') and its level's indentation."""
        ppr = paragraph._p.pPr
        numpr = ppr.find(qn("w:numPr")) if ppr is not None else None
        if numpr is None:
            return None
        num_id = _val(numpr, "w:numId")
        if num_id is None or num_id == "0" or num_id not in self.nums:
            return None
        levels = self.abstract.get(self.nums[num_id], {})
        ilvl = int(_val(numpr, "w:ilvl") or 0)
        if ilvl not in levels:
            return None
        counts = self.counters.setdefault(num_id, {})
        counts[ilvl] = counts.get(ilvl, levels[ilvl].start - 1) + 1
        for deeper in [k for k in counts if k > ilvl]:
            del counts[deeper]  # a new item restarts the levels below it
        level = levels[ilvl]
        if level.fmt == "bullet":
            return "-", level.indent

        def render(match: re.Match[str]) -> str:
            index = int(match.group(1)) - 1
            lvl = levels.get(index)
            value = counts.get(index, lvl.start if lvl else 1)
            return _format(lvl.fmt if lvl else "decimal", value)

        return re.sub(r"%(\d)", render, level.text), level.indent


def _val(element: Any, tag: str) -> str | None:
    child = element.find(qn(tag))
    return child.get(qn("w:val")) if child is not None else None


def _format(fmt: str, value: int) -> str:
    if fmt == "lowerLetter":
        return chr(ord("a") + value - 1)
    if fmt == "upperLetter":
        return chr(ord("A") + value - 1)
    if fmt == "lowerRoman":
        return _roman(value)
    return str(value)


def _roman(value: int) -> str:
    out = ""
    for number, letters in ((10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while value >= number:
            out += letters
            value -= number
    return out


def _text(paragraph: Any) -> str:
    """The paragraph's text with tabs kept, breaks as spaces and exponents as superscripts."""
    out: list[str] = []
    for run in paragraph.iter(qn("w:r")):
        rpr = run.find(qn("w:rPr"))
        align = _val(rpr, "w:vertAlign") if rpr is not None else None
        parts: list[str] = []
        for child in run:
            if child.tag == qn("w:t"):
                parts.append(child.text or "")
            elif child.tag == qn("w:tab"):
                parts.append("\t")
            elif child.tag in (qn("w:br"), qn("w:cr")):
                parts.append(" ")
            elif child.tag == qn("w:noBreakHyphen"):
                parts.append("-")
        text = "".join(parts)
        if align == "superscript":
            if text.strip() == "o":
                text = text.replace("o", "°")  # the Annex writes degrees as a raised 'o'
            elif text and set(text) <= _SUPERSCRIPT_OK:
                text = text.translate(_SUPERSCRIPT)
        out.append(text)
    return "".join(out).replace("\u00a0", " ")


def _header_text(section: Any) -> str:
    texts = []
    if section.different_first_page_header_footer:
        texts += [p.text for p in section.first_page_header.paragraphs]
    texts += [p.text for p in section.header.paragraphs]
    return " ".join(texts).replace("\u00a0", " ")


# ---------------------------------------------------------------------------------------------
# Reading the Annex


@dataclass
class Item:
    """One of the Annex's 20 Items."""

    number: int
    category: str  # 'I' or 'II', from the Item's running header
    title: str = ""
    reserved: bool = False
    heading: str = ""  # the running header, 'CATEGORY II; ITEM 3'

    @property
    def label(self) -> str:
        """The note that marks an item-level entry with its Category and Item."""
        return f"{self.heading} {self.title}".strip()


@dataclass
class MtcrAnnex:
    reference: str  # 'MTCR/TEM/2021/Annex'
    date: date
    items: dict[int, Item]
    entries: dict[str, Draft]
    empty_groups: list[str]
    anomalies: list[str] = field(default_factory=list)
    #: Markers of notes' own lists that were in sequence for an entry (kept in the note).
    note_markers_in_sequence: list[str] = field(default_factory=list)


@dataclass
class _Para:
    section: int
    element: Any  # the w:p element
    paragraph: Paragraph


def _paragraphs(document: Document) -> Iterator[_Para]:
    """Body paragraphs in order, with table cells read row by row; each with its section."""
    section = 0
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:p"):
            yield _Para(section, child, Paragraph(child, document))
            ppr = child.find(qn("w:pPr"))
            if ppr is not None and ppr.find(qn("w:sectPr")) is not None:
                section += 1
        elif child.tag == qn("w:tbl"):
            for p in child.iter(qn("w:p")):
                yield _Para(section, p, Paragraph(p, document))


def _style_indent(paragraph: Paragraph, indent: _Indent) -> None:
    chain = []
    style = paragraph.style
    while style is not None:
        chain.append(style)
        style = style.base_style
    for style in reversed(chain):
        ppr = style.element.pPr
        indent.update(ppr.find(qn("w:ind")) if ppr is not None else None)


def _identify(document: Document, path: Path) -> tuple[str, date]:
    reference, when = None, None
    for paragraph in document.paragraphs[:40]:
        text = " ".join(paragraph.text.replace("\u00a0", " ").split())
        if reference is None and _REFERENCE_RE.match(text):
            reference = text
        found = _DATE_RE.match(text)
        if when is None and found:
            day, month, year = found.groups()
            try:
                when = datetime.strptime(f"{day} {month} {year}", "%d %B %Y").date()
            except ValueError:
                continue
    if reference is None or when is None:
        raise ParseError(
            f"{path.name} has no 'MTCR/TEM/yyyy/Annex' reference and date on its title page: "
            "not the MTCR Equipment, Software and Technology Annex"
        )
    return reference, when


def _items(document: Document, path: Path) -> tuple[dict[int, Item], dict[int, Item]]:
    """The Items by number, and by the index of the Word section that holds each."""
    items: dict[int, Item] = {}
    by_section: dict[int, Item] = {}
    for index, section in enumerate(document.sections):
        found = _HEADER_RE.search(_header_text(section))
        if found is None:
            continue
        number = int(found.group(2))
        if number in items:
            continue  # the addendum's section repeats the last Item's header
        item = Item(number, found.group(1), heading=" ".join(found.group(0).split()))
        items[number] = item
        by_section[index] = item
    missing = [n for n in range(1, ITEMS + 1) if n not in items]
    if missing:
        shown = ", ".join(str(n) for n in missing[:5]) + (" ..." if len(missing) > 5 else "")
        raise ParseError(
            f"{path.name} lacks Items {shown} of the MTCR Annex: the file is truncated or not "
            "the complete Annex"
        )
    return items, by_section


class _Reader:
    """Feeds the paragraphs of the Items' sections to the outline."""

    def __init__(self) -> None:
        self.outline = Outline(CodeSystem.MTCR, tolerance=3.0, step=14.2, nested_notes=False)
        self.empty_groups: list[str] = []
        self.group: str | None = None  # the group heading just read

    def feed(self, item: Item, raw: str, unit: Unit, label: str | None) -> None:
        outline, text, where = self.outline, unit.text, unit.where
        if self._heading(item, text, where):
            return
        if self.group is not None and NONE_RE.match(text):
            self.empty_groups.append(self.group)  # '1.C. MATERIALS' then 'None.'
            self.group = None
            return
        self.group = None
        if _entry(outline, raw, unit, item):
            return
        if outline.start_note(unit):
            return
        if label is not None:
            # Word's own numbering: 'a.' and '1.' may open entries; bullets never do.
            relative = re.fullmatch(r"(?:[a-z]{1,4}|\d{1,2})\.", label) is not None
            if relative and outline.marker((label.rstrip("."),), unit):
                return
            outline.text(Unit(unit.x, f"{label} {text}", where), marked=True)
            return
        outline.sub_item_or_text(unit)

    def _heading(self, item: Item, text: str, where: str) -> bool:
        """Category, Item and group headings; True if ``text`` was one."""
        category = _CATEGORY_RE.match(text)
        if category:
            if category.group(1) != item.category:
                self.outline.anomalies.append(
                    f"{where}: CATEGORY {category.group(1)} under the header {item.heading}"
                )
            return True
        heading = _ITEM_RE.match(text)
        if heading and int(heading.group(1)) == item.number:
            item.title = heading.group(2)
            self.outline.reset()
            return True
        if _RESERVED_RE.match(text):
            item.reserved = True
            return True
        grouped = _GROUP_RE.match(text)
        if grouped and int(grouped.group(1)) == item.number:
            self.outline.reset()
            self.group = f"{grouped.group(1)}.{grouped.group(2)}"
            return True
        return False


def _unit(para: _Para, text: str, where: str, level_indent: Any) -> Unit:
    """The paragraph as a unit at its marker's position: style, then list level, then own."""
    indent = _Indent()
    _style_indent(para.paragraph, indent)
    indent.update(level_indent)
    ppr = para.element.find(qn("w:pPr"))
    indent.update(ppr.find(qn("w:ind")) if ppr is not None else None)
    return Unit(x=indent.start, text=text, where=where)


def read(path: Path) -> MtcrAnnex:
    document = _open(path)
    reference, when = _identify(document, path)
    items, by_section = _items(document, path)
    reader = _Reader()
    numbering = _Numbering(document)
    for index, para in enumerate(_paragraphs(document)):
        labelled = numbering.label(para.paragraph)  # counted even outside the Items
        item = by_section.get(para.section)
        raw = _text(para.element)
        text = " ".join(raw.split())
        if item is None or not text:
            continue
        unit = _unit(para, text, f"Item {item.number}, paragraph {index}", labelled and labelled[1])
        reader.feed(item, raw, unit, labelled[0] if labelled else None)
    outline = reader.outline
    outline.end_note()
    anomalies = outline.validate()
    for number, item in items.items():
        count = sum(d.code.category == str(number) for d in outline.entries.values())
        if item.reserved == (count > 0):
            state = "reserved" if item.reserved else "not reserved"
            anomalies.append(f"Item {number} is {state} and has {count} entries")
        if not item.reserved and not item.title:
            anomalies.append(f"Item {number} has no 'ITEM {number} ...' heading")
        if (item.category == "I") != (number in CATEGORY_I):
            anomalies.append(f"Item {number} is Category {item.category} (Introduction, (a))")
    return MtcrAnnex(
        reference,
        when,
        items,
        outline.entries,
        reader.empty_groups,
        anomalies,
        outline.note_markers_in_sequence,
    )


def _entry(outline: Outline, raw: str, unit: Unit, item: Item) -> bool:
    """Open an item-level entry if the paragraph starts with a full code not read yet."""
    found = _FULL_RE.match(raw.strip())
    if found is None or int(found.group(1)) != item.number:
        return False
    tail = [e for e in re.split(r"[\s.]+", found.group(4)) if e]
    written = ".".join((found.group(1), found.group(2), found.group(3), *tail))
    if outline.known(written):
        return False  # '2.A.1.e. includes the following...': a note naming an entry
    rest = " ".join(found.group(6).split())
    if found.group("tab") is None and rest[:1].islower():
        return False
    return outline.item(written, Unit(unit.x, rest, unit.where)) is not None


def parse(path: Path, meta: SourceMeta) -> Iterator[Record]:
    annex = read(path)
    meta.check_edition_date(path, annex.date, f"is {annex.reference}")
    builder = ListBuilder(meta, CodeSystem.MTCR)
    for draft in annex.entries.values():
        code = draft.code
        item = annex.items[int(code.category)]
        notes = draft.note_texts()
        if code.level == 0:
            notes.insert(0, item.label)
        builder.add(
            code,
            heading=draft.text if code.level == 0 else "",
            text=draft.text,
            notes=notes,
            citation=f"{annex.reference}, Item {item.number}",
        )
    yield from builder.records()
