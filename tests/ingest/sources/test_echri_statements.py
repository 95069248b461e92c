"""ECHRI facts read from the White House statements themselves, with their sentences."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from graph_schema.model import MemberOf, Subscribes
from ingest.registry import get_source
from ingest.sources.base import ParseError


def _records(source_id: str, shared_data: Path) -> list[object]:
    definition = get_source(source_id)
    return list(definition.parse(shared_data / definition.meta.file, definition.meta))


def test_launch_founders_and_supporters(shared_data: Path) -> None:
    records = _records("echri-launch", shared_data)
    roles = {r.source: r.role for r in records if isinstance(r, MemberOf)}
    assert roles == {
        "country:US": "founding partner",
        "country:AU": "founding partner",
        "country:DK": "founding partner",
        "country:NO": "founding partner",
        "country:CA": "supporting state",
        "country:FR": "supporting state",
        "country:NL": "supporting state",
        "country:GB": "supporting state",
    }
    first = next(r for r in records if isinstance(r, MemberOf))
    assert first.since == date(2021, 12, 10)
    assert first.target == "regime:echri"
    assert first.provenance.sentence is not None
    assert "announced the Export Controls and Human Rights Initiative" in first.provenance.sentence
    assert first.provenance.file_sha256 == get_source("echri-launch").meta.sha256


def test_code_endorsers_of_2023_03_29(shared_data: Path) -> None:
    records = [r for r in _records("echri-code", shared_data) if isinstance(r, Subscribes)]
    countries = {r.source.removeprefix("country:") for r in records}
    assert len(records) == 22
    assert countries == {
        "US",
        "AL",
        "AU",
        "BG",
        "CA",
        "HR",
        "CZ",
        "DK",
        "EC",
        "EE",
        "FI",
        "FR",
        "DE",
        "JP",
        "XK",
        "LV",
        "NL",
        "NZ",
        "MK",
        "NO",
        "KR",
        "GB",
    }
    assert {r.date for r in records} == {date(2023, 3, 29)}
    assert all(r.target == "coc:echri-code-of-conduct" for r in records)
    assert "endorsed the voluntary code of conduct" in (records[0].provenance.sentence or "")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "no '---' front matter"),
        (b"\xff\xfe binary", "not UTF-8"),
        (b"---\ntitle: x\n---\nbody", "lacks title, date or source_url"),
        (b"---\ntitle: [unclosed\n---\nbody", "bad front matter"),
        (
            b"---\ntitle: A statement\ndate: '2021-12-10'\nsource_url: https://x.org\n---\n"
            b"Nothing about the Initiative here.",
            "no longer says what this source expects",
        ),
    ],
)
def test_bad_statements(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "statement.md"
    path.write_bytes(content)
    definition = get_source("echri-launch")
    with pytest.raises(ParseError, match=message):
        list(definition.parse(path, definition.meta))
