"""NSG Guidelines Part 2 with its Annex (PDF) -> one ControlList of the dual-use Annex.

INFCIRC/254/Rev.12/Part 2 holds the Guidelines for transfers of nuclear-related dual-use
equipment, materials, software and related technology (pages i-xviii: guidelines, units,
general notes, definitions, contents) and their Annex, the list itself, in six categories
(pages 1-1 to 6-4): 1 industrial equipment, 2 materials, 3 uranium isotope separation
equipment, 4 heavy water production plant equipment, 5 test and measurement equipment for
nuclear explosive devices, 6 components for nuclear explosive devices. Codes are written like
the Wassenaar list's: ``1.A.1.`` is category 1, group A (equipment), item 1.

How it is read (pypdfium2 text, with each character's box):

* Only the Annex pages are read, found by their printed page numbers ("1-1" to "6-4"); the
  running header "INFCIRC/254/Rev.12/Part 2" and the page numbers are dropped. The header
  identifies the document and its revision.
* pdfium breaks a line after a raised character; pieces on the same baseline are joined again,
  and raised digits (exponents, mass numbers) become Unicode superscripts ("5 x 10⁴ Gy",
  "²²⁶Ra"), where the plain text would read "5 x 104".
* A category title ("1. INDUSTRIAL EQUIPMENT", centred on the category's first page) and a
  group heading ("1.B. TEST AND PRODUCTION EQUIPMENT") close what is open; "None" after a
  group heading means no entries.
  A line at the margin starting with a full code opens an item-level entry.
* Sub-items and notes are sorted out by :mod:`ingest.sources.helpers.regime_annex` from their
  markers and x positions. The Annex writes notes inline ("Note: Item 1.A.3. does not control
  ..."), often above the first sub-item ("N.B.: ... see Item 1.D.3." above 1.B.2.a), with
  their own lists indented further; "N.B.1:" inside a Technical Note belongs to it.
* "[No longer used - since 23 June 2017]" entries are kept with status "not-used".
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pypdfium2 as pdfium  # type: ignore[import-untyped, unused-ignore]

from graph_schema.codes import CodeSystem
from graph_schema.model import Record
from ingest.sources.base import ParseError, SourceMeta
from ingest.sources.helpers.listing import ListBuilder, Status
from ingest.sources.helpers.patterns import NONE_RE
from ingest.sources.helpers.pdf_lines import open_pdf, text_lines
from ingest.sources.helpers.regime_annex import Draft, Outline, Unit, group_heading_re

CATEGORIES = 6

_HEADER_RE = re.compile(r"^INFCIRC/254/Rev\.(\d+)/Part 2$")
_TITLE_RE = re.compile(r"NUCLEAR-RELATED\s+DUAL-USE", re.IGNORECASE)
_ANNEX_PAGE_RE = re.compile(r"^([1-9])\s?-\s?(\d{1,2})$")
_FRONT_PAGE_RE = re.compile(r"^[ivx]+$")
_CATEGORY_RE = re.compile(r"^([1-9])\.\s+([A-Z][A-Z ,-]+)$")
_GROUP_RE = group_heading_re(r"[1-9]")
_FULL_RE = re.compile(r"^([1-9])\.\s?([A-E])\.\s?(\d{1,2})\.?(?:\s+|$)(.*)$")
#: A sub-item's number whose dot the PDF lost ('3 Five or more axes', 1.B.2.c.3).
_NO_DOT_RE = re.compile(r"^(\d{1,2})\s+(?=[A-Z“‘\"'])")
_NOT_USED_RE = re.compile(r"^\[?No longer used\b.*\]?$", re.IGNORECASE)

#: The running header sits above this height, the page number below the other (PDF points).
_HEADER_Y = 780.0
_FOOTER_Y = 60.0
#: Lines starting left of this are at the margin (full codes, group headings).
_MARGIN_X = 80.0

_SUPERSCRIPT = str.maketrans("0123456789-+", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺")
_RAISABLE = frozenset("0123456789-+")
#: pdfium marks a hyphen it joined across a line break with U+FFFE.
_SYMBOLS = {"\ufffe": "-", "\u00a0": " "}


@dataclass
class _Line:
    page: str  # the printed page number, '1-4'
    x: float
    text: str


# ---------------------------------------------------------------------------------------------
# The PDF


def _page_lines(textpage: pdfium.PdfTextPage) -> list[tuple[float, float, str]]:
    """(x, baseline, text) per visual line, raised digits as superscripts."""
    text = textpage.get_text_range()
    boxes = [textpage.get_charbox(i) for i in range(len(text))]
    # Raised digits are small: compare with the page's usual digit height.
    heights = [b[3] - b[1] for ch, b in zip(text, boxes, strict=True) if ch.isdigit()]
    digit_height = statistics.median(heights) if heights else 0.0
    pieces: list[tuple[float, float, float, str]] = []  # x, baseline, right edge, text
    for line in text_lines(text):
        start, segment = line.start, line.raw
        seg_boxes = boxes[start : start + len(segment)]
        solid = [b for ch, b in zip(segment, seg_boxes, strict=True) if ch.isalnum()]
        if not solid:
            solid = [b for ch, b in zip(segment, seg_boxes, strict=True) if not ch.isspace()]
        baseline = statistics.median(b[1] for b in solid)
        raised = [
            ch in _RAISABLE and bottom - baseline > 2.0 and top - bottom < 0.8 * digit_height
            for ch, (_, bottom, _, top) in zip(segment, seg_boxes, strict=True)
        ]
        out = []
        for i, ch in enumerate(segment):
            # A hyphen sits high anyway: it is a raised minus only before a raised digit.
            after = segment[i + 1] if i + 1 < len(segment) else ""
            digit = ch.isdigit() or (after.isdigit() and raised[i + 1])
            out.append(ch.translate(_SUPERSCRIPT) if raised[i] and digit else _SYMBOLS.get(ch, ch))
        lead = len(segment) - len(segment.lstrip())
        x = seg_boxes[lead][0]
        right = max(b[2] for b in seg_boxes)
        piece = "".join(out)
        if pieces and abs(pieces[-1][1] - baseline) < 2.0 and x >= pieces[-1][2] - 1.0:
            # The rest of a line pdfium broke after a raised character.
            px, pbase, _, ptext = pieces[-1]
            pieces[-1] = (px, pbase, right, ptext + piece)
        else:
            pieces.append((x, baseline, right, piece))
    return [(x, y, " ".join(t.split())) for x, y, _, t in pieces]


def _read_lines(path: Path) -> tuple[list[_Line], str | None, bool]:
    """The Annex pages' lines; also the revision in the running header and whether the
    Guidelines' title was seen."""
    pdf = open_pdf(path)
    lines: list[_Line] = []
    revision: str | None = None
    titled = False
    try:
        for index in range(len(pdf)):
            page = pdf[index]
            textpage = page.get_textpage()
            try:
                found = _page_lines(textpage)
            finally:
                textpage.close()
                page.close()
            label = None
            body: list[tuple[float, float, str]] = []
            for x, y, text in found:
                header = _HEADER_RE.match(text)
                if header and y > _HEADER_Y:
                    revision = revision or header.group(1)
                    continue
                if y < _FOOTER_Y and (_ANNEX_PAGE_RE.match(text) or _FRONT_PAGE_RE.match(text)):
                    label = text.replace(" ", "")
                    continue
                titled = titled or bool(_TITLE_RE.search(text))
                body.append((x, y, text))
            if label is not None and _ANNEX_PAGE_RE.match(label):
                lines.extend(_Line(label, x, text) for x, _, text in body)
    except pdfium.PdfiumError as exc:
        raise ParseError(f"{path.name}: cannot read a page: {exc}") from exc
    finally:
        pdf.close()
    return lines, revision, titled


# ---------------------------------------------------------------------------------------------
# The Annex


@dataclass
class NsgAnnex:
    reference: str  # 'INFCIRC/254/Rev.12/Part 2'
    revision: int
    categories: dict[int, str]  # number -> title
    entries: dict[str, Draft]
    empty_groups: list[str]
    #: Sub-items whose marker the document prints without its dot ('3 Five or more axes').
    undotted: list[str] = field(default_factory=list)
    anomalies: list[str] = field(default_factory=list)
    #: Markers of notes' own lists that were in sequence for an entry (kept in the note).
    note_markers_in_sequence: list[str] = field(default_factory=list)


def read(path: Path) -> NsgAnnex:
    lines, revision, titled = _read_lines(path)
    if revision is None or not titled:
        raise ParseError(
            f"{path.name} has no 'INFCIRC/254/Rev.n/Part 2' page header and Guidelines title: "
            "not the NSG Guidelines Part 2 (nuclear-related dual-use transfers)"
        )
    outline = Outline(
        CodeSystem.NSG, tolerance=4.0, step=18.0, nested_notes=True, undotted_re=_NO_DOT_RE
    )
    categories: dict[int, str] = {}
    empty_groups: list[str] = []
    group: str | None = None
    category: int | None = None
    titling = False
    for line in lines:
        text = line.text
        where = f"p. {line.page}"
        unit = Unit(x=line.x, text=text, where=where)
        heading = _CATEGORY_RE.match(text)
        if heading and line.page.startswith(f"{heading.group(1)}-"):
            category = int(heading.group(1))
            categories[category] = heading.group(2).strip()
            outline.reset()
            titling = True
            continue
        if titling and line.x > _MARGIN_X and (text.isupper() or text.startswith("(")):
            assert category is not None
            categories[category] += " " + text  # the title's second line, '(Other than ...)'
            continue
        titling = False
        grouped = _GROUP_RE.match(text)
        if grouped and line.x < _MARGIN_X:
            outline.reset()
            group = f"{grouped.group(1)}.{grouped.group(2)}"
            continue
        if group is not None and NONE_RE.match(text):
            empty_groups.append(group)
            group = None
            continue
        group = None
        full = _FULL_RE.match(text) if line.x < _MARGIN_X else None
        if full:
            written = ".".join(full.group(1, 2, 3))
            if outline.item(written, Unit(line.x, full.group(4), where)) is not None:
                continue
        if not outline.start_note(unit):
            outline.sub_item_or_text(unit)
    outline.end_note()
    anomalies = outline.validate()
    missing = [n for n in range(1, CATEGORIES + 1) if n not in categories]
    if missing:
        raise ParseError(
            f"{path.name} lacks categories {', '.join(map(str, missing))} of the NSG Part 2 Annex: "
            "the file is truncated or not the complete Annex"
        )
    return NsgAnnex(
        f"INFCIRC/254/Rev.{revision}/Part 2",
        int(revision),
        categories,
        outline.entries,
        empty_groups,
        outline.undotted,
        anomalies,
        outline.note_markers_in_sequence,
    )


def _status(draft: Draft) -> Status:
    return "not-used" if _NOT_USED_RE.match(draft.text) else "active"


def parse(path: Path, meta: SourceMeta) -> Iterator[Record]:
    annex = read(path)
    if f"Rev.{annex.revision}/" not in meta.title:
        raise ParseError(
            f"{path.name} is {annex.reference}, not the revision the metadata names ({meta.title})"
        )
    builder = ListBuilder(meta, CodeSystem.NSG)
    for draft in annex.entries.values():
        code = draft.code
        text = draft.text
        builder.add(
            code,
            heading=text if code.level == 0 else "",
            text=text,
            notes=draft.note_texts(),
            status=_status(draft),
            citation=f"{annex.reference}, Annex, page {draft.where.removeprefix('p. ')}",
        )
    yield from builder.records()
