"""US Commerce Control List from the official eCFR XML (versioner API, title 15, part 774).

The list is the ``DIV9`` appendix "Supplement No. 1 to Part 774". Inside it the markup is flat,
in document order: category and group headings (``HD1``), then per ECCN a bold heading
(``<FP-2><B>5A001 Telecommunications ...</B></FP-2>``, sometimes ``FP-1``/``P``), section labels
("License Requirements", "List Based License Exceptions ...", "List of Items Controlled") in
``FP-1``/``HD1``, the "Reason for Control:" line, a ``TABLE`` of controls and country-chart
columns, "LVS: ..."-style exception lines, "Related Controls:", "Items:", and the paragraphs
"a.", "a.1." ... as ``P`` with ``NOTE`` elements (``HED`` label, ``P`` body) between them.
Only the parse of the markup lives here; the item tree is shared with the JSON source.

The file is read with the standard library's ElementTree after refusing any DOCTYPE or ENTITY
declaration, so entity-expansion bombs and external entities never reach the parser.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from graph_schema.codes import CodeError, CodeSystem, ControlCode, parse_code
from graph_schema.model import Record
from ingest.sources.base import ParseError, SourceMeta
from ingest.sources.helpers.listing import ListBuilder
from ingest.sources.helpers.patterns import squash
from ingest.sources.us_ccl.common import (
    ChartRow,
    ItemTree,
    Paragraph,
    all_reasons,
    entry_notes,
)

LIST_KEY = "us-ecfr"

_DECLARATION_RE = re.compile(r"<!\s*(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_SUPPLEMENT_RE = re.compile(r"supplement\s+no\.?\s*1\s+to\s+part\s+774", re.IGNORECASE)
_PARAGRAPH_TAGS = frozenset({"P", "FP", "FP-1", "FP-2", "FP1-2", "FP-DASH", "PSPACE"})
_HEADING_TAGS = frozenset({"HD", "HD1", "HD2", "HD3", "HED"})
_BLOCK_TAGS = _PARAGRAPH_TAGS | _HEADING_TAGS | {"NOTE", "TABLE", "GPOTABLE"}
# Elements that only wrap blocks (table wrappers, extracts): their children are read in turn.
_WRAPPERS = frozenset({"DIV", "EXTRACT", "EXAMPLE", "APPENDIX"})

_ECCN_HEADING_RE = re.compile(r"(\d[A-E]\d{3})(?![.\w])[\s.:]*(.*)", re.DOTALL)
# Category, product-group and part headings end the ECCN before them.
_LIST_HEADING_RE = re.compile(r"(?:Category\s+\d|Part\s+(?:[IVX]+|\d+)\b|[A-E]\.\s)", re.IGNORECASE)
# Section labels, matched against a whole paragraph or heading.
_SECTIONS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"License\s+Requirements?", re.I), "license"),
    (re.compile(r"(?:List\s+Based\s+)?License\s+Exceptions?(?:\s*\(.*\))?", re.I), "exceptions"),
    (re.compile(r"Special\s+Conditions\s+for\s+STA", re.I), "sta"),
    (re.compile(r"List\s+of\s+Items\s+Controlled", re.I), "items"),
)
_FIELD_RE = re.compile(
    r"(Reasons?\s+for\s+Control|Related\s+Controls?|Related\s+Definitions?|Unit"
    r"|Control\(s\)|Controls?)\s*:\s*(.*)",
    re.IGNORECASE | re.DOTALL,
)
# "Items:" opens the paragraphs; the first one may follow on the same line ("Items: a. ...").
_ITEMS_RE = re.compile(r"Items(?:\s*:\s*|\s+(?=[a-z]\.\s|The\s+list\b)|\s*$)(.*)", re.DOTALL)
_EXCEPTION_RE = re.compile(r"([A-Z]{2,4})\s*:\s*(.*)", re.DOTALL)
_APPLIES_RE = re.compile(r"[A-Z]{2}(?:\s+and\s+[A-Z]{2})?\s+appl(?:y|ies)\b")
_NOTE_START_RE = re.compile(
    r"(?:(?:Technical\s+)?Notes?\b[^:]{0,80}:|N\.\s?B\.?\s*:|Nota\s+bene\s*:)", re.IGNORECASE
)
_ITEM_RE = re.compile(r"([a-z]{1,2}(?:\.[a-z0-9]{1,3})*)\.{1,2}(?=[\s\-])\s*(.*)", re.DOTALL)
# Another labelled line ("Special Reporting: ...") in the exceptions section.
_LABELLED_RE = re.compile(r"[A-Z][A-Za-z ]{2,40}:")
_NUMBERED_RE = re.compile(r"(\d{1,2}(?:\.[a-z0-9]{1,2})*)\.\s+(.*)", re.DOTALL)


def _load(path: Path) -> ET.Element:
    raw = path.read_bytes()
    if not raw.strip():
        raise ParseError(f"{path.name} is empty")
    if raw.startswith(b"%PDF"):
        raise ParseError(f"{path.name} is a PDF, not the eCFR XML of 15 CFR part 774")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ParseError(f"{path.name} is not UTF-8 text: {exc.reason}") from exc
    start = text.lstrip("\ufeff \t\r\n")
    if not start.startswith("<"):
        raise ParseError(f"{path.name} is not XML (it starts with {start[:20]!r})")
    if _DECLARATION_RE.search(text):
        # The eCFR XML has no DTD; a declaration can only be an entity bomb or an
        # external-entity lookup, so it is refused before any parsing.
        raise ParseError(f"{path.name} declares a DOCTYPE or ENTITY, which is refused")
    try:
        return ET.fromstring(raw)
    except ET.ParseError as exc:
        raise ParseError(f"{path.name} is not well-formed XML: {exc}") from exc


def _supplement(root: ET.Element, name: str) -> ET.Element:
    for div in root.iter("DIV9"):
        head = div.find("HEAD")
        label = " ".join([div.get("N", ""), _text(head) if head is not None else ""])
        if _SUPPLEMENT_RE.search(label):
            return div
    raise ParseError(
        f"{name} has no DIV9 'Supplement No. 1 to Part 774': not the eCFR XML of part 774"
    )


def _text(element: ET.Element) -> str:
    """The element's text, single-spaced. Superscripts in the list are exponents
    ("10<SU>26</SU>", "m<SU>2</SU>") and read "10^26", "m^2"; other inline tags join
    without a space, since headings split a word across tags."""
    if next(element.iter("SU"), None) is None:
        return squash("".join(element.itertext()))
    parts: list[str] = []

    def walk(node: ET.Element) -> None:
        if node.tag == "SU":
            parts.append("^")
        if node.text:
            parts.append(node.text)
        for child in node:
            walk(child)
            if child.tail:
                parts.append(child.tail)

    try:
        walk(element)
    except RecursionError as exc:
        # Real eCFR superscripts are one level deep; thousands of levels is a hostile file.
        raise ParseError("superscripts are nested too deeply for an eCFR file") from exc
    return squash("".join(parts))


def _starts_bold(element: ET.Element) -> bool:
    return not (element.text or "").strip() and len(element) > 0 and element[0].tag == "B"


def _blocks(element: ET.Element) -> Iterator[ET.Element]:
    """Paragraphs, headings, notes and tables of the supplement, in document order."""
    for child in element:
        if child.tag in _WRAPPERS:
            yield from _blocks(child)
        elif child.tag in _BLOCK_TAGS:
            yield child
        # Anything else (CITA amendment history, page markers) is not list content.


def _rows(table: ET.Element) -> list[list[str]]:
    rows: list[list[str]] = []
    for row in table.iter("TR"):
        cells = [_text(cell) for cell in row if cell.tag == "TD"]
        if any(cells):
            rows.append(cells)
    return rows


@dataclass
class _Eccn:
    """One ECCN while its blocks are read."""

    code: ControlCode
    heading: str
    section: str = "head"
    reason: str = ""
    rows: list[ChartRow] = field(default_factory=list)
    exceptions: list[tuple[str, str]] = field(default_factory=list)
    sta: list[str] = field(default_factory=list)
    related: str = ""
    definitions: str = ""
    extra: list[str] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)

    def table(self, table: ET.Element) -> None:
        rows = _rows(table)
        if self.section in ("head", "license"):
            for cells in rows:
                cells = [c for c in cells if c] or [""]
                # Two cells: what the control covers, then the chart column; one merged cell
                # ("CB applies to entire entry CB Column 2.") carries both.
                self.rows.append(ChartRow(cells[0], cells[1] if len(cells) > 1 else ""))
        elif rows:
            lines = "; ".join(" | ".join(c for c in cells if c) for cells in rows)
            self.paragraphs.append(Paragraph("note", f"Table: {lines}"))

    def note(self, note: ET.Element) -> None:
        label = " ".join(_text(h) for h in note.findall("HED"))
        body = [_text(p) for p in note if p.tag not in _HEADING_TAGS]
        body = [b for b in body if b]
        if not body and not label:
            return
        first = f"{label} {body[0]}".strip() if body else label
        if self.section != "items":
            self.extra.append(" ".join([first, *body[1:]]))
            return
        self.paragraphs.append(Paragraph("note", first))
        self.paragraphs.extend(Paragraph("note+", b) for b in body[1:])

    def paragraph(self, text: str) -> None:
        if not text:
            return
        items = _ITEMS_RE.fullmatch(text)
        if items is not None:
            self.section = "items"
            if items.group(1):
                self._item(items.group(1))
            return
        if text.lower() == "control(s)":
            return  # the heading of the controls table
        labelled = _FIELD_RE.fullmatch(text)
        if labelled is not None:
            self._field(labelled.group(1).lower(), squash(labelled.group(2)), text)
            return
        if self.section == "license":
            if _APPLIES_RE.match(text) or "license is required" in text.lower():
                self.rows.append(ChartRow(text))
            else:
                self.extra.append(text)
        elif self.section == "exceptions":
            flag = _EXCEPTION_RE.fullmatch(text)
            if flag is not None:
                self.exceptions.append((flag.group(1), squash(flag.group(2))))
            elif self.exceptions and not _LABELLED_RE.match(text):
                # A value running over several lines ("Yes for:" then "$1500: 3A001.c.").
                key, value = self.exceptions[-1]
                self.exceptions[-1] = (key, f"{value} {text}".strip())
            else:
                self.extra.append(text)
        elif self.section == "sta":
            self.sta.append(text)
        elif self.section == "items":
            self._item(text)
        else:
            self.extra.append(text)

    def _field(self, name: str, value: str, text: str) -> None:
        if name.startswith("reason"):
            self.reason = value
        elif name.startswith("related control"):
            self.related = value
        elif name.startswith("related definition"):
            self.definitions = value
        elif name.startswith("control"):
            # "Control(s)" heads the controls; a paragraph after it may carry one.
            if value:
                self.rows.append(ChartRow(value))
        elif name != "unit":  # the unit of the LVS value is not a fact about the item
            self.extra.append(text)

    def _item(self, text: str) -> None:
        if _NOTE_START_RE.match(text):
            self.paragraphs.append(Paragraph("note", text))
            return
        item = _ITEM_RE.fullmatch(text)
        if item is not None:
            # A range ("b.-d. [Reserved]") keeps its whole wording as the text.
            body = text if item.group(2).startswith("-") else item.group(2)
            self.paragraphs.append(Paragraph("item", body, item.group(1)))
            return
        numbered = _NUMBERED_RE.fullmatch(text)
        if numbered is not None:
            self.paragraphs.append(Paragraph("numbered", numbered.group(2), numbered.group(1)))
            return
        self.paragraphs.append(Paragraph("text", text))

    def add_to(self, builder: ListBuilder) -> None:
        reasons = all_reasons(self.reason, self.rows)
        notes = entry_notes(
            self.rows,
            self.exceptions,
            " ".join(self.sta) or None,
            self.related or None,
            self.definitions or None,
        )
        tree = ItemTree(self.code).feed(self.paragraphs)
        tree.add_to(builder, heading=self.heading, reasons=reasons, notes=[*notes, *self.extra])


def _heading(block: ET.Element, text: str) -> tuple[str, str] | None:
    """(ECCN, heading) when the block opens an ECCN: bold text, or an FP-2/heading element,
    that starts with the ECCN itself (not "5A001.a ..." or a cross-reference)."""
    if not (_starts_bold(block) or block.tag == "FP-2" or block.tag in _HEADING_TAGS):
        return None
    match = _ECCN_HEADING_RE.match(text)
    if match is None:
        return None
    return match.group(1), match.group(2).strip()


def _eccns(supplement: ET.Element) -> Iterator[_Eccn]:
    current: _Eccn | None = None
    for block in _blocks(supplement):
        if block.tag == "NOTE":
            if current is not None:
                current.note(block)
            continue
        if block.tag in ("TABLE", "GPOTABLE"):
            if current is not None:
                current.table(block)
            continue
        text = _text(block)
        opened = _heading(block, text)
        if opened is not None:
            if current is not None:
                yield current
            eccn, heading = opened
            try:
                code = parse_code(eccn, CodeSystem.ECCN)
            except CodeError as exc:
                raise ParseError(str(exc)) from exc
            if not heading:
                raise ParseError(f"ECCN {eccn} has no heading")
            current = _Eccn(code, heading)
            continue
        if current is None:
            continue  # the supplement's own heading and general notes before the first ECCN
        label = text.rstrip(":").strip()
        section = None
        if label[:1] in ("L", "S") and len(label) < 120:
            section = next((name for pattern, name in _SECTIONS if pattern.fullmatch(label)), None)
        if section is not None:
            current.section = section
        elif block.tag in _HEADING_TAGS and _LIST_HEADING_RE.match(text):
            yield current
            current = None
        elif block.tag in _HEADING_TAGS and current.section == "items":
            continue  # sub-headings inside a list of items ("Acoustics")
        else:
            current.paragraph(text)
    if current is not None:
        yield current


def parse(path: Path, meta: SourceMeta) -> Iterator[Record]:
    supplement = _supplement(_load(path), path.name)
    builder = ListBuilder(meta, CodeSystem.ECCN, list_key=LIST_KEY)
    for eccn in _eccns(supplement):
        eccn.add_to(builder)
    if not len(builder):
        raise ParseError(f"{path.name} has no ECCN headings in Supplement No. 1 to Part 774")
    yield from builder.records()
