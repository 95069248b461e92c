"""What the two Wassenaar List readers share, on made-up entries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from graph_schema.codes import CodeSystem, parse_code
from graph_schema.model import ControlEntry
from ingest.sources.base import ParseError, SourceMeta
from ingest.sources.helpers.wassenaar import (
    Edition,
    ListEntry,
    Named,
    entry_status,
    expand,
    mark_listed,
    note_start,
)


@dataclass(kw_only=True)
class _Entry(ListEntry):
    def joined(self, lines: list[str]) -> str:
        return " ".join(lines)


def _entry(code: str, *lines: str) -> _Entry:
    return _Entry(code=parse_code(code, CodeSystem.WASSENAAR), lines=list(lines))


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Not used since 2004", "not-used"),
        ("[Reserved]", "not-used"),
        ("MAGNETIC AND ELECTRIC FIELD SENSORS - Not used since 2004", "not-used"),
        ("LASERS - None", "reserved"),
        ("Systems, as follows:", "active"),
    ],
)
def test_entry_status(text: str, status: str) -> None:
    assert entry_status(text) == status


@pytest.mark.parametrize(
    ("text", "label", "cont"),
    [
        ("Note 2 cont.", "Note", True),
        ("Technical Notes", "Technical Notes", False),
        ("N.B.1 See also 5.A.2.", "N.B.1", False),
        ("N.B See also 5.A.2.", "N.B", False),  # no stop after the B: the 2021 reader allowed it
        ("Note to the Technical Note: ...", "Note", False),
    ],
)
def test_note_start(text: str, label: str, cont: bool) -> None:
    found = note_start(text)
    assert found is not None
    assert found.group("label") == label
    assert bool(found.group("cont")) is cont


@pytest.mark.parametrize("text", ["Notes made under 1.A.1. apply", "Noted above", "NOTE"])
def test_no_note_start(text: str) -> None:
    """A label followed by lower-case words is running text; a word merely starting like one
    is no label."""
    assert note_start(text) is None


def test_ranges_of_the_sensitive_list() -> None:
    assert expand("7.D.3.d.1", "7.D.3.d.4") == [f"7.D.3.d.{n}" for n in range(1, 5)]
    assert expand("6.A.2.a", "6.A.2.c") == ["6.A.2.a", "6.A.2.b", "6.A.2.c"]
    with pytest.raises(ParseError, match=r"cannot read the range 7\.D\.3\.d\.1 to 7\.D\.4\.a"):
        expand("7.D.3.d.1", "7.D.4.a")


def test_listed_entries_are_marked_but_for_those_that_left_the_list() -> None:
    entries = {e.code.canonical: e for e in (_entry("1.A.1.a"), _entry("2.B.1.a"))}
    named = [Named(["1.A.1.a", "9.A.9"]), Named(["2.B.1.a"], ["Not used since 2002"])]
    assert mark_listed(entries, named, "very_sensitive") == ["9.A.9"]
    assert entries["1A001.a"].very_sensitive and not entries["1A001.a"].sensitive
    assert not entries["2B001.a"].very_sensitive


def _meta(edition: str) -> SourceMeta:
    return SourceMeta.model_validate(
        {
            "id": "wassenaar-list",
            "title": "Wassenaar Arrangement List",
            "issuer": "regime:wassenaar",
            "edition": edition,
            "edition_date": date(2025, 12, 1),
            "file": "wa.pdf",
            "format": "pdf",
            "official_url": "https://www.wassenaar.org/",
            "sha256": "0" * 64,
        }
    )


def test_an_edition_makes_one_list_of_its_entries() -> None:
    entries = {e.code.canonical: e for e in (_entry("1.A.1", "Item"), _entry("1.A.1.a", "Sub"))}
    lists = {"sensitive": [Named(["1.A.1.a"])], "very-sensitive": []}
    wa = Edition.of("WA-LIST (25) 1 Corr.", entries, lists, [], [])
    assert (wa.year, wa.sensitive, wa.very_sensitive) == ("25", lists["sensitive"], [])
    records = list(wa.records(Path("wa.pdf"), _meta("2025"), "WA-LIST (25)", lambda e: "cited"))
    rows = {r.canonical: r for r in records if isinstance(r, ControlEntry)}
    assert rows["1A001"].heading == "Item" and rows["1A001.a"].heading == ""
    assert rows["1A001.a"].provenance.citation == "cited"
    with pytest.raises(ParseError, match=r"wa\.pdf is WA-LIST \(25\), not the 2024 edition"):
        list(wa.records(Path("wa.pdf"), _meta("2024"), "WA-LIST (25)", lambda e: "cited"))
