"""The EAR Country Groups parser on the real file (15 CFR 740 Supp. 1, 2026-07-23)."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from graph_schema.model import CountryGroup, InGroup, Issues
from ingest.registry import get_source


def _groups(shared_data: Path) -> tuple[dict[str, CountryGroup], dict[str, set[str]]]:
    definition = get_source("us-country-groups")
    records = list(definition.parse(shared_data / definition.meta.file, definition.meta))
    groups = {r.code: r for r in records if isinstance(r, CountryGroup)}
    members: dict[str, set[str]] = defaultdict(set)
    for r in records:
        if isinstance(r, InGroup):
            members[r.target.split(":", 2)[2]].add(r.source.removeprefix("country:"))
    assert {r.target for r in records if isinstance(r, Issues)} == {g.id for g in groups.values()}
    return groups, members


def test_group_labels_and_issuer(shared_data: Path) -> None:
    groups, _ = _groups(shared_data)
    assert sorted(groups) == [
        "A:1",
        "A:2",
        "A:3",
        "A:4",
        "A:5",
        "A:6",
        "B",
        "D:1",
        "D:2",
        "D:3",
        "D:4",
        "D:5",
        "E:1",
        "E:2",
    ]
    assert groups["A:1"].name == "Wassenaar Arrangement participating states"
    assert groups["A:1"].issuer == "country:US"
    assert groups["A:1"].provenance.citation == "15 C.F.R. Part 740, Supplement No. 1"


def test_known_memberships(shared_data: Path) -> None:
    _, members = _groups(shared_data)
    # E:1 (terrorist-supporting countries) lists Iran, North Korea and Syria in this edition.
    assert members["E:1"] == {"IR", "KP", "SY"}
    # A:1 has 40 names: the Wassenaar states less Malta and Russia? No: read from the file.
    assert len(members["A:1"]) == 40
    assert {"IN", "KR", "TR", "GB", "US", "CZ"} <= members["A:1"]
    assert "RU" not in members["A:1"]
    assert {"CN", "RU", "BY", "MM"} <= members["D:5"]
    assert "MO" not in members["D:5"]  # the file's own note: Macau is not in D:5
