"""Entries as read become a list's entries: items are headings too."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from graph_schema.codes import CodeSystem, parse_code
from graph_schema.model import ControlEntry
from ingest.sources.base import SourceMeta
from ingest.sources.helpers.entries import ReadEntry, add_entries
from ingest.sources.helpers.listing import ListBuilder, Status
from ingest.sources.helpers.pdf_lines import join_wrapped


@dataclass(kw_only=True)
class _Entry(ReadEntry):
    page: int

    def joined(self, lines: list[str]) -> str:
        return join_wrapped(lines)

    @property
    def status(self) -> Status:
        return "not-used" if self.text.startswith("Not used") else "active"


def _meta() -> SourceMeta:
    return SourceMeta.model_validate(
        {
            "id": "no-liste-i",
            "title": "Liste I",
            "issuer": "country:NO",
            "edition": "2020",
            "edition_date": date(2020, 2, 17),
            "file": "liste.pdf",
            "format": "pdf",
            "official_url": "https://example.org/",
            "sha256": "0" * 64,
        }
    )


def test_joined_lines_and_notes() -> None:
    entry = _Entry(code=parse_code("ML1", CodeSystem.MUNITIONS), page=3)
    entry.lines = ["Smooth-bore weapons with a calibre of less than 20 mm, non-", "military"]
    entry.notes = [["Note ML1 does not apply to:", "a. Firearms"], []]
    assert entry.text == "Smooth-bore weapons with a calibre of less than 20 mm, non-military"
    assert entry.note_texts() == ["Note ML1 does not apply to: a. Firearms"]
    assert join_wrapped(["range -", "20 mm"]) == "range - 20 mm"  # a dash, not a broken word


def test_add_entries() -> None:
    item = _Entry(code=parse_code("ML1", CodeSystem.MUNITIONS), page=3, lines=["Weapons"])
    sub = _Entry(code=parse_code("ML1.a", CodeSystem.MUNITIONS), page=4, lines=["Not used"])
    builder = ListBuilder(_meta(), CodeSystem.MUNITIONS)
    add_entries(builder, [item, sub], lambda e: f"page {e.page} of the list", lambda e: e.page)
    rows = {r.canonical: r for r in builder.records() if isinstance(r, ControlEntry)}
    assert (rows["ML1"].heading, rows["ML1.a"].heading) == ("Weapons", "")
    assert (rows["ML1"].status, rows["ML1.a"].status) == ("active", "not-used")
    assert rows["ML1.a"].page == 4
    assert rows["ML1.a"].provenance.citation == "page 4 of the list"
