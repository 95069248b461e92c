"""UK control-list content spreadsheet (change note of 2018-03-01, outdated) -> two lists.

The workbook is a content-design working file for a UK export-control checker, not the legal
text: its sheet ``UK Military List`` is a browse tree (one column per level) with, on each row,
the rating (``ML10e1``, ``PL5001a``), a short breadcrumb title, the designers' wording of the
entry, the Order's original wording, and the Order's notes. What this parser relies on:

* The browse-tree wording, the rating and the breadcrumb stay together on every row, and so do
  the note columns (a note saying "ML5c ..." sits on the ML5c row). The column of original
  Order wording does not: in several blocks (ML1, ML2, ML5, ML7, ML8a, ML13d, ML19) it is
  shifted by one to a few rows against the ratings, so it is never used as an entry's text.
* A rating can appear under several topics (ML11, ML16, ML20): the first occurrence gives the
  text, later ones only add notes.
* Four rows under ML9a2d repeat their parent's rating or a sibling's; their real sub-paragraph
  is the leading number of their own Order wording, which is used when that wording matches
  the row. Any other rating that does not sit below its tree parent is a parse error.

The other sheets (the EU dual-use list, covering only parts of Categories 4, 6 and 9, and the
design drafts) are not read.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import ParseError as XMLParseError

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from graph_schema.codes import CodeSystem, ControlCode
from graph_schema.model import Record
from ingest.sources.base import ParseError, SourceMeta
from ingest.sources.helpers.archive import check_zip
from ingest.sources.helpers.listing import ListBuilder

SHEET = "UK Military List"
MILITARY_TITLE = "UK Military List (2018, outdated)"
NATIONAL_TITLE = "UK national ratings of the UK Military List (2018, outdated)"

# Zip-bomb limit (the others are helpers.archive's); the real file declares 15 MB.
_MAX_MEMBERS = 10_000

_HEADER_SCAN_ROWS = 10
# Note groups in the header row: a label followed by 'Page' and 'Orig' (the Order's wording,
# the only note column used; the numbered columns after it are the designers' rewrites).
_NOTE_GROUPS = ("Dec", "NB", "Note", "See also", "TN", "Local")

_RATING_RE = re.compile(r"(ML|PL)(\d+)((?:[a-z]|\d+)*)")
_TAIL_RE = re.compile(r"[a-z]|\d+")
_MARKER_RE = re.compile(r"\s*([a-z]|\d{1,3})\.?\s+(\S.*)", re.DOTALL)
_WORD_RE = re.compile(r"[a-z0-9]+")
_STOPWORDS = frozenset({"a", "an", "and", "or", "the", "of", "for", "to", "in", "as", "any"})
_MIN_AGREEMENT = 0.6


@dataclass(frozen=True)
class _Columns:
    """0-based positions found from the header row, so inserted columns do not break us."""

    header_row: int
    rating: int  # the browse tree is every column before it
    rating_id: int
    order_text: int
    breadcrumb: int
    notes: tuple[int, ...]


@dataclass
class _Entry:
    code: ControlCode
    text: str
    heading: str
    row: int
    notes: list[str] = field(default_factory=list)


# ---------------------------------------------------------------------------------------------
# The file


def _check_archive(path: Path) -> None:
    """Refuse what is not an XLSX zip, and zip bombs, before openpyxl touches the file."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ParseError(f"cannot read {path.name}: {exc.strerror}") from exc
    if size == 0:
        raise ParseError(f"{path.name} is empty: expected an XLSX workbook")
    check_zip(
        path,
        file="an XLSX workbook",
        document="an XLSX workbook",
        required=("xl/workbook.xml", "[Content_Types].xml"),
        max_members=_MAX_MEMBERS,
    )


def _read_rows(path: Path) -> list[tuple[Any, ...]]:
    """All rows of the military-list sheet, as values."""
    _check_archive(path)
    try:
        # A file object skips openpyxl's check of the file name's extension.
        with path.open("rb") as handle:
            workbook = load_workbook(handle, read_only=True, data_only=True, keep_links=False)
            try:
                if SHEET not in workbook.sheetnames:
                    shown = ", ".join(repr(n) for n in workbook.sheetnames[:6])
                    raise ParseError(
                        f"{path.name} has no sheet {SHEET!r} (sheets: {shown}): "
                        "not the UK control-list spreadsheet"
                    )
                return list(workbook[SHEET].iter_rows(values_only=True))
            finally:
                workbook.close()
    except ParseError:
        raise
    except (
        InvalidFileException,
        zipfile.BadZipFile,
        zlib.error,
        XMLParseError,
        EOFError,
        KeyError,
        OSError,
        TypeError,
        ValueError,
    ) as exc:
        raise ParseError(f"{path.name} is not a readable XLSX workbook: {exc}") from exc


# ---------------------------------------------------------------------------------------------
# The sheet


def _cell(row: Sequence[Any], index: int) -> str:
    value = row[index] if index < len(row) else None
    return value.strip() if isinstance(value, str) else ""


def _columns(rows: list[tuple[Any, ...]]) -> _Columns:
    for number, row in enumerate(rows[:_HEADER_SCAN_ROWS]):
        labels = [v.strip() if isinstance(v, str) else "" for v in row]
        if "Rating ID" not in labels:
            continue
        rating_id = labels.index("Rating ID")
        wanted = ("Orig content", "Breadcrumb", *_NOTE_GROUPS)
        missing = [label for label in wanted if label not in labels]
        if rating_id == 0 or labels[rating_id - 1] != "Rating" or missing:
            break
        notes = []
        for group in _NOTE_GROUPS:
            index = labels.index(group)
            if labels[index + 2 : index + 3] != ["Orig"]:
                break
            notes.append(index + 2)
        else:
            return _Columns(
                header_row=number,
                rating=rating_id - 1,
                rating_id=rating_id,
                order_text=labels.index("Orig content"),
                breadcrumb=labels.index("Breadcrumb"),
                notes=tuple(notes),
            )
        break
    raise ParseError(
        f"sheet {SHEET!r} has no header row with 'Rating', 'Rating ID', 'Orig content', "
        "'Breadcrumb' and the note columns: not the expected layout"
    )


def _rating(written: str, row: int, builders: dict[str, ListBuilder]) -> ControlCode:
    """Read a rating as the sheet writes it ('ML10e1'): the numbering wants dots between
    sub-paragraphs, and the entry keeps the sheet's own spelling."""
    match = _RATING_RE.fullmatch(written)
    if match is None:
        raise ParseError(f"row {row}: rating {written!r} is neither an ML nor a PL rating")
    prefix, number, tail = match.groups()
    dotted = ".".join([f"{prefix}{number}", *_TAIL_RE.findall(tail)])
    return replace(builders[prefix].parse(dotted), written=written)


def _words(text: str) -> set[str]:
    return set(_WORD_RE.findall(text.lower())) - _STOPWORDS


def _repair(
    text: str, order_text: str, parent: ControlCode, builder: ListBuilder
) -> ControlCode | None:
    """The sub-paragraph of a row whose rating is wrong, from the leading number or letter
    of its own Order wording; None unless that wording is the row's (most words shared)."""
    match = _MARKER_RE.fullmatch(order_text)
    if match is None:
        return None
    marker, rest = match.groups()
    words = _words(text)
    if not words or len(words & _words(rest)) / len(words) < _MIN_AGREEMENT:
        return None
    # Parsing checks that the marker continues the parent's letter/number alternation.
    code = builder.parse(f"{parent.canonical}.{marker}")
    return replace(code, written=f"{parent.written}{marker}")


def _entries(rows: list[tuple[Any, ...]], builders: dict[str, ListBuilder]) -> list[_Entry]:
    cols = _columns(rows)
    entries: dict[str, _Entry] = {}
    # Open tree rows as (depth, rating or None for a topic heading), shallowest first.
    open_rows: list[tuple[int, ControlCode | None]] = []
    for offset, row in enumerate(rows[cols.header_row + 1 :]):
        number = cols.header_row + 2 + offset  # the sheet's own 1-based row number
        depth = next((i for i in range(cols.rating) if _cell(row, i)), None)
        written = _cell(row, cols.rating) or _cell(row, cols.rating_id)
        if depth is None:
            if written:
                raise ParseError(f"row {number}: rating {written} has no text in the tree")
            continue
        while open_rows and open_rows[-1][0] >= depth:
            open_rows.pop()
        if not written:  # a topic heading ("Weapons - including ...")
            open_rows.append((depth, None))
            continue
        text = _cell(row, depth)
        code = _rating(written, number, builders)
        parent = next((c for _, c in reversed(open_rows) if c is not None), None)
        if parent is not None and parent.canonical not in code.ancestors():
            repaired = _repair(
                text, _cell(row, cols.order_text), parent, builders[parent.canonical[:2]]
            )
            if repaired is None:
                raise ParseError(
                    f"row {number}: rating {written} sits under {parent.written} in the tree "
                    "and its Order wording gives no sub-paragraph"
                )
            code = repaired
        open_rows.append((depth, code))
        notes = [n for n in (_cell(row, i) for i in cols.notes) if n]
        entry = entries.get(code.canonical)
        if entry is None:
            entries[code.canonical] = entry = _Entry(
                code=code, text=text, heading=_cell(row, cols.breadcrumb), row=number
            )
        entry.notes.extend(n for n in notes if n not in entry.notes)
    return sorted(entries.values(), key=lambda e: _order(e.code))


def _order(code: ControlCode) -> tuple[str, int, tuple[tuple[int, int, str], ...]]:
    """Document order: ML2 before ML10, ML8a2 before ML8a10."""
    path = tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in code.path)
    return (code.root[:2], code.number or 0, path)


def parse(path: Path, meta: SourceMeta) -> Iterator[Record]:
    military = ListBuilder(meta, CodeSystem.MUNITIONS, list_key="uk-military", title=MILITARY_TITLE)
    national = ListBuilder(
        meta, CodeSystem.UK_NATIONAL, list_key="uk-national", title=NATIONAL_TITLE
    )
    builders = {"ML": military, "PL": national}
    for entry in _entries(_read_rows(path), builders):
        builders[entry.code.canonical[:2]].add(
            entry.code,
            heading=entry.heading,
            text=entry.text,
            notes=entry.notes,
            citation=f"sheet {SHEET!r}, row {entry.row}",
        )
    if not len(military):
        raise ParseError(f"{path.name}: sheet {SHEET!r} has no ML ratings")
    yield from military.records()
    if len(national):
        yield from national.records()
