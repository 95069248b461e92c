"""Japan's METI Foreign End-User List parser: the real 2025-09-29 file and bad files.

Expected values were read in the raw JSON (entries "jp-eul-N", N being METI's number), not from
the parser's output.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from helpers import need_shared_data

from graph_schema import ids
from graph_schema.model import Lists, Party
from ingest.registry import get_source
from ingest.runner import build_batch
from ingest.sources.base import ParseError
from ingest.sources.jp_end_user_list.parser import (
    LIST_NAME,
    anomalies,
    read_concerns,
    read_entries,
)

SOURCE = "jp-end-user-list"


@dataclass(frozen=True)
class Parsed:
    parties: list[Party]
    edges: dict[str, Lists]  # by citation "No. N"

    def number(self, n: int) -> tuple[Party, Lists]:
        edge = self.edges[f"No. {n}"]
        party = next(p for p in self.parties if p.id == edge.target)
        return party, edge


def _real_path() -> Path:
    return need_shared_data() / get_source(SOURCE).meta.file


def _parse(path: Path) -> list[Any]:
    definition = get_source(SOURCE)
    return list(definition.parse(path, definition.meta))


@pytest.fixture(scope="module")
def real() -> Parsed:
    records = _parse(_real_path())
    parties = [r for r in records if isinstance(r, Party)]
    edges = {r.citation: r for r in records if isinstance(r, Lists)}
    assert len(parties) + len(edges) == len(records)
    return Parsed(parties, edges)


# --- the real file ---------------------------------------------------------------------------


def test_counts_and_structure(real: Parsed) -> None:
    # 835 objects "jp-eul-1" ... "jp-eul-835", no number twice, no name twice.
    assert len(real.parties) == 835
    assert len({p.id for p in real.parties}) == 835
    assert sorted(real.edges) == sorted(f"No. {n}" for n in range(1, 836))
    assert all(e.source == "country:JP" and e.list_name == LIST_NAME for e in real.edges.values())
    assert all(e.date is None for e in real.edges.values())  # date_added is null throughout
    assert all(p.lists == [LIST_NAME] and p.kind == "entity" for p in real.parties)
    # The country column: 257 Iran, 154 North Korea, 103 Pakistan, 100 Russia, 90 "People's
    # Republic of China" plus 37 with a name glued after it, 29 UAE, 22 Hong Kong ...
    per_country = Counter(c for p in real.parties for c in p.countries)
    assert per_country == {
        "IR": 257,
        "KP": 154,
        "CN": 127,
        "PK": 103,
        "RU": 100,
        "AE": 29,
        "HK": 22,
        "SY": 19,
        "LB": 9,
        "TW": 5,
        "EG": 3,
        "AF": 2,
        "YE": 2,
        "IN": 2,
        "IL": 1,
    }
    assert anomalies(read_entries(_real_path())) == []


def test_build_batch_meets_the_source_expectations() -> None:
    definition = get_source(SOURCE)
    _, counts = build_batch(definition, _real_path())
    assert counts == {"Party": 835, "LISTS": 835}


def test_al_qaida_no_1(real: Parsed) -> None:
    party, edge = real.number(1)
    assert party.name == "Al Qa'ida/Islamic Army"
    assert party.countries == ["AF"]  # "Islamic Republic of Afghanistan"
    assert party.aliases[:2] == ["Al Qaeda", "Islamic Salvation Foundation"]
    assert len(party.aliases) == 8
    # "大量破壊兵器等の懸念: 生物、化学、ミサイル、核 B,C,M,N; 通常兵器の懸念: CW"
    assert edge.reason == (
        "Weapons of mass destruction concern: biological B, chemical C, missile M, nuclear N; "
        "Conventional weapons concern: CW"
    )
    assert edge.provenance.sentence == (
        "大量破壊兵器等の懸念: 生物、化学、ミサイル、核 B,C,M,N; 通常兵器の懸念: CW"
    )
    assert edge.provenance.edition == "2025-09-29"
    assert party.id == ids.party_id(SOURCE, "AF|Al Qa'ida/Islamic Army")


def test_iranian_entries(real: Parsed) -> None:
    tir, edge = real.number(35)
    assert (tir.name, tir.countries) == ("7th of Tir", ["IR"])
    assert "Seventh of Tir" in tir.aliases
    assert edge.reason == "Weapons of mass destruction concern: nuclear N"
    abu, edge = real.number(36)
    assert (abu.name, abu.aliases) == ("ABU REIHAN GROUP", [])
    assert edge.reason == "Weapons of mass destruction concern: missile M"
    # "ミサイルM" written without a space, and a conventional-weapons concern after it.
    _, teyf = real.number(276)
    assert teyf.reason == (
        "Weapons of mass destruction concern: missile M; Conventional weapons concern: CW"
    )


def test_full_width_letters_and_commas(real: Parsed) -> None:
    # No. 658 NA Enterprises (Pakistan): "核 Ｎ" with a full-width N.
    na, edge = real.number(658)
    assert (na.name, na.countries) == ("NA Enterprises", ["PK"])
    assert edge.reason == "Weapons of mass destruction concern: nuclear N"
    # No. 563 (China): "ミサイル、核 M、N" with an ideographic comma.
    _, edge = real.number(563)
    assert edge.reason == "Weapons of mass destruction concern: missile M, nuclear N"


def test_name_glued_to_the_country_is_recovered(real: Parsed) -> None:
    # No. 479: entity_name "", addresses ["People's Republic of China Abascience Tech Co. Ltd"].
    party, _ = real.number(479)
    assert (party.name, party.countries) == ("Abascience Tech Co. Ltd", ["CN"])
    # No. 486: likewise, with four aliases.
    baotou, edge = real.number(486)
    assert baotou.name == "Baotou Guanghua Chemical Industrial Corporation"
    assert "Baotou Nuclear Fuel Element Plant" in baotou.aliases
    assert edge.reason == "Weapons of mass destruction concern: nuclear N"


def test_other_countries_and_the_last_entry(real: Parsed) -> None:
    lebanon, _ = real.number(727)  # "Republic of Lebanon"
    assert (lebanon.name, lebanon.countries) == ("Best Electronics S.A.L", ["LB"])
    korea, _ = real.number(297)  # "North Korea"; the Japanese name in brackets is kept
    assert korea.name == "4.27 Co. Pyongyang Branch (4.27貿易会社平壌支社)"
    assert korea.countries == ["KP"] and korea.aliases == ["4.27 Corporation"]
    miass, edge = real.number(835)
    assert (miass.name, miass.countries) == ('Zavod "Miass"', ["RU"])
    assert miass.aliases == [
        "AO Miasskiy mashinostroitelnyy zavod",
        "JSC MMZ",
        "Miass Machine-Building Factory",
    ]
    assert edge.citation == "No. 835"


def test_concern_reading() -> None:
    assert read_concerns("大量破壊兵器等の懸念: 化学、核 C,N") == (("C", "N"), [])
    letters, problems = read_concerns("大量破壊兵器等の懸念: 化学 N")
    assert letters == ("N",) and "do not match" in problems[0]
    assert read_concerns("something else")[1] == ["concern 'something else' not understood"]


# --- bad files -------------------------------------------------------------------------------


def _entry(n: int, name: str = "Example Trading Co.", country: str = "India") -> dict[str, Any]:
    return {
        "addresses": [country],
        "aliases": [],
        "country": "jp",
        "date_added": None,
        "entity_name": name,
        "entity_type": "organization",
        "id": f"jp-eul-{n}",
        "last_verified": "2026-07-20",
        "list_id": "jp-end-user-list",
        "reason": "大量破壊兵器等の懸念: 核 N",
        "source_list_name": "外国ユーザーリスト (Foreign End-User List)",
        "source_url": "https://www.meti.go.jp/",
    }


def _write(tmp_path: Path, content: str | bytes) -> Path:
    path = tmp_path / "meti.json"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def test_a_tiny_valid_file(tmp_path: Path) -> None:
    glued = _entry(2, name="", country="People's Republic of China Example Tech Co., Ltd.")
    path = _write(tmp_path, json.dumps([_entry(1), glued]))
    records = _parse(path)
    names = [(r.name, r.countries) for r in records if isinstance(r, Party)]
    assert names == [("Example Trading Co.", ["IN"]), ("Example Tech Co., Ltd.", ["CN"])]
    skipped = [_entry(1), _entry(3, "Other"), _entry(4, "Third", "Hong Kong"), _entry(5, "X")]
    found = anomalies(read_entries(_write(tmp_path, json.dumps(skipped))))
    assert found == ["No. 3 follows No. 1", "No. 5: India again after another country"]


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        ("", "is empty"),
        (b"%PDF-1.7\n", "is a PDF"),
        ("[{", "not valid JSON"),
        ('{"entries": []}', "holds a JSON dict"),
        ("[]", "holds no entries"),
        ('["Example"]', "is a str, not an object"),
        (json.dumps([{**_entry(1), "list_id": "us-csl"}]), "not the METI Foreign End-User List"),
        (json.dumps([{**_entry(1), "id": "1"}]), "not 'jp-eul-<number>'"),
        (json.dumps([_entry(1, name="")]), "No. 1 has no name"),
        (json.dumps([{**_entry(1), "aliases": "x"}]), "'aliases' is not a list of strings"),
        (json.dumps([{**_entry(1), "addresses": []}]), "gives 0 countries"),
        (json.dumps([_entry(1), _entry(1, "Other")]), "occur more than once"),
    ],
)
def test_bad_input(tmp_path: Path, content: str | bytes, fragment: str) -> None:
    with pytest.raises(ParseError, match=fragment) as info:
        _parse(_write(tmp_path, content))
    assert "\n" not in str(info.value)
