"""US Commerce Control List, third-party JSON of 15 CFR 774 Supp. No. 1 -> ECCN entries.

The JSON has one object per ECCN: heading, "Reason for Control" line, licence-requirement rows
(control, country chart), licence-exception flags and related controls, and for the categories
in ``deepCategories`` the item paragraphs as a flat ``items`` run. That run has lost the note
markers and some labels ("b.1 Being ..." arrives as plain text), so :class:`ItemTree` rebuilds
the hierarchy from the numbering; ``topLevelParagraphs`` is ignored because lettered paragraphs
inside notes overwrite it.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from graph_schema.codes import CodeError, CodeSystem, parse_code
from graph_schema.model import Record
from ingest.sources.base import ParseError, SourceMeta, load_json_object
from ingest.sources.helpers.listing import ListBuilder
from ingest.sources.helpers.patterns import squash
from ingest.sources.us_ccl.common import (
    ECCN_RE,
    ChartRow,
    ItemTree,
    Paragraph,
    all_reasons,
    entry_notes,
)

_KINDS = frozenset({"item", "text", "note"})


def _load(path: Path) -> dict[str, Any]:
    data = load_json_object(path, "the Commerce Control List JSON")
    if not isinstance(data.get("entries"), list):
        raise ParseError(f"{path.name} has no 'entries' list: not a Commerce Control List file")
    return data


def _text(value: object, where: str) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ParseError(f"{where} is {type(value).__name__}, expected text")
    return squash(value)


def _rows(entry: Mapping[str, Any], eccn: str) -> list[ChartRow]:
    rows = entry.get("countryChart") or []
    if not isinstance(rows, list):
        raise ParseError(f"{eccn}: countryChart is not a list")
    out: list[ChartRow] = []
    for row in rows:
        if not isinstance(row, dict):
            raise ParseError(f"{eccn}: a countryChart row is not an object")
        control = _text(row.get("control"), f"{eccn} countryChart control")
        chart = _text(row.get("countryChart"), f"{eccn} countryChart")
        if control or chart:
            out.append(ChartRow(control=control or chart, chart=chart))
    return out


def _exceptions(entry: Mapping[str, Any], eccn: str) -> list[tuple[str, str]]:
    flags = entry.get("licenceExceptionFlags") or {}
    if not isinstance(flags, dict):
        raise ParseError(f"{eccn}: licenceExceptionFlags is not an object")
    return [(str(k), _text(v, f"{eccn} licence exception {k}")) for k, v in flags.items()]


def _paragraphs(items: object, eccn: str) -> Iterator[Paragraph]:
    if not isinstance(items, list):
        raise ParseError(f"{eccn}: items is not a list")
    for number, item in enumerate(items, 1):
        if not isinstance(item, dict) or item.get("kind") not in _KINDS:
            raise ParseError(f"{eccn}: item {number} is not an item, text or note paragraph")
        text = _text(item.get("text"), f"{eccn} item {number} text")
        label = _text(item.get("paragraph"), f"{eccn} item {number} paragraph")
        if item["kind"] == "item" and label:
            yield Paragraph("item", text, label)
        elif item["kind"] == "note" and label:
            yield Paragraph("numbered", text, label)
        else:
            yield Paragraph("text", text)


def parse(path: Path, meta: SourceMeta) -> Iterator[Record]:
    data = _load(path)
    issued = data.get("ecfrIssueDate")
    if issued is not None and issued != meta.edition:
        raise ParseError(f"{path.name} is the eCFR of {issued}, not the {meta.edition} edition")
    entries: list[Any] = data["entries"]
    declared = data.get("entryCount")
    if isinstance(declared, int) and declared != len(entries):
        raise ParseError(f"{path.name} declares {declared} ECCNs but holds {len(entries)}")
    builder = ListBuilder(meta, CodeSystem.ECCN)
    for number, entry in enumerate(entries, 1):
        if not isinstance(entry, dict) or not isinstance(entry.get("eccn"), str):
            raise ParseError(f"entry {number} has no 'eccn': not a Commerce Control List entry")
        eccn = entry["eccn"].strip()
        if not ECCN_RE.fullmatch(eccn):
            raise ParseError(f"entry {number}: {eccn!r} is not an ECCN such as '5A001'")
        try:
            code = parse_code(eccn, CodeSystem.ECCN)
        except CodeError as exc:
            raise ParseError(f"entry {number}: {exc}") from exc
        heading = _text(entry.get("heading"), f"{eccn} heading")
        if not heading:
            raise ParseError(f"{eccn} has no heading")
        rows = _rows(entry, eccn)
        exceptions = _exceptions(entry, eccn)
        sta = _text(entry.get("staSpecialConditions"), f"{eccn} staSpecialConditions")
        if sta.removeprefix("STA:").strip() == dict(exceptions).get("STA"):
            sta = ""  # usually the STA flag repeated; kept only where it says more (8C609)
        reasons = all_reasons(_text(entry.get("reasonForControl"), f"{eccn} reason"), rows)
        notes = entry_notes(
            rows,
            exceptions,
            sta=sta,
            related=_text(entry.get("relatedControls"), f"{eccn} relatedControls"),
        )
        tree = ItemTree(code).feed(_paragraphs(entry.get("items") or [], eccn))
        tree.add_to(builder, heading=heading, reasons=reasons, notes=notes)
    if not len(builder):
        raise ParseError(f"{path.name} lists no ECCNs")
    yield from builder.records()
