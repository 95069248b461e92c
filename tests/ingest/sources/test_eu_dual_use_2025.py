"""The EU dual-use list consolidated on 2025-11-15 and the Union General Export Authorisations.

Expected codes, texts and notes were read in the file itself (``eu/annex-i-consolidated-
2025-11-15.json``): the lines of ``entries[].verbatim_text`` quoted below, its ``geas`` texts
(Parts 1 and 2 of each authorisation) and its ``gea_common_list`` (Section I of Annex II). The
codes of the 2021 edition come from the 2021 source (``eu-dual-use``), as the data README
states that all 366 are still present.
"""

from __future__ import annotations

import json
from collections import Counter
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
import yaml
from helpers import need_shared_data

from graph_schema import ids
from graph_schema.model import (
    ControlEntry,
    ControlList,
    CoversEntry,
    Edge,
    Excludes,
    GeneralAuthorisation,
    Issues,
    Record,
    ValidFor,
)
from ingest.registry import get_source
from ingest.runner import build_batch
from ingest.sources.base import ParseError
from ingest.sources.eu_dual_use_2025.authorisations import EU_MEMBER_STATES, gea_id
from ingest.sources.eu_dual_use_2025.parser import read

SOURCE = "eu-dual-use-2025"
LIST = "list:eu:2025-11-15"
NEW_ITEMS = {
    "1C513", "2B510", "2D352", "2E503", "3A501", "3A502", "3A504", "3B501", "3B503",
    "3B504", "3C507", "3C508", "3C509", "3D006", "3D507", "3E505", "4A506", "4A507",
}  # fmt: skip
ITEMS_PER_CATEGORY = {
    "0": 15, "1": 93, "2": 55, "3": 51, "4": 13, "5": 13, "6": 36, "7": 37, "8": 8, "9": 63,
}  # fmt: skip
# Where the EU-only entries keep the numbering of the controls they mirror (read in the file).
DOCUMENT_GAPS = [
    "2E503: sub-items start at g.",
    "3A501.a: sub-items start at 15.",
    "3A501.b: sub-items start at 13.",
    "3A502: sub-items start at i.",
    "3B501: f. follows a.",
    "3B501: k. follows f.",
    "3B501.a: sub-items start at 4.",
]


def _path() -> Path:
    return need_shared_data() / get_source(SOURCE).meta.file


def _parse(path: Path) -> list[Record]:
    definition = get_source(SOURCE)
    return list(definition.parse(path, definition.meta))


@pytest.fixture(scope="module")
def records() -> list[Record]:
    return _parse(_path())


@pytest.fixture(scope="module")
def entries(records: list[Record]) -> dict[str, ControlEntry]:
    return {r.canonical: r for r in records if isinstance(r, ControlEntry)}


@pytest.fixture(scope="module")
def geas(records: list[Record]) -> dict[str, GeneralAuthorisation]:
    return {r.code: r for r in records if isinstance(r, GeneralAuthorisation)}


def _targets(records: list[Record], kind: type[Edge], code: str) -> set[str]:
    source = gea_id(LIST, code)
    return {r.target for r in records if isinstance(r, kind) and r.source == source}


def _codes(targets: set[str]) -> set[str]:
    prefix = ids.entry_id(LIST, "X")[:-1]
    return {t.removeprefix(prefix) for t in targets}


def _countries(records: list[Record], code: str) -> set[str]:
    return {t.removeprefix("country:") for t in _targets(records, ValidFor, code)}


# ---------------------------------------------------------------------------------------------
# The list


def test_the_current_eu_list(records: list[Record]) -> None:
    lists = [r for r in records if isinstance(r, ControlList)]
    assert [(x.id, x.issuer, x.edition, x.numbering) for x in lists] == [
        (LIST, "regime:eu", "2025-11-15", "eccn")
    ]
    assert lists[0].edition_date.isoformat() == "2025-11-15"
    assert lists[0].source_url.endswith("CELEX:02021R0821-20251115")
    issued = {r.target for r in records if isinstance(r, Issues) and r.source == "regime:eu"}
    assert issued == {LIST, *(gea_id(LIST, f"EU00{n}") for n in range(1, 9))}


def test_counts_against_the_file_and_the_2021_edition(entries: dict[str, ControlEntry]) -> None:
    items = {c for c, e in entries.items() if e.level == 0}
    assert len(items) == 384  # the file's entry_count
    assert dict(Counter(entries[c].category for c in items)) == ITEMS_PER_CATEGORY
    old = get_source("eu-dual-use")
    codes_2021 = {
        r.canonical
        for r in old.parse(need_shared_data() / old.meta.file, old.meta)
        if isinstance(r, ControlEntry) and r.level == 0
    }
    assert len(codes_2021) == 366
    assert codes_2021 <= items
    assert items - codes_2021 == NEW_ITEMS
    assert len(entries) == 3430
    assert Counter(e.status for e in entries.values()) == {"active": 3317, "not-used": 113}


def test_runner_accepts_the_real_file() -> None:
    definition = get_source(SOURCE)
    batch, counts = build_batch(definition, _path())
    items = sum(1 for n in batch.nodes if n.label == "ControlEntry" and n.properties["level"] == 0)
    for name, expected in definition.meta.expected.items():
        found = items if name == "items" else counts[name]
        assert expected.min <= found <= expected.max, name
    assert counts["GeneralAuthorisation"] == 8
    assert counts["ControlEntry"] == counts["CONTAINS"] == 3430
    assert counts["PARENT_OF"] == 3430 - 384
    assert batch.edition == "2025-11-15"


def test_structure_departs_only_where_the_regulation_does() -> None:
    _, _, anomalies = read(_path())
    assert anomalies == [
        *(
            f"0B004.b.10.{n}: {n}. under 10. is no code of this numbering; kept in the text "
            "of 0B004.b.10"
            for n in range(1, 5)
        ),
        *DOCUMENT_GAPS,
        "EU006: its words for 1C450.b.5 differ from the entry's",
    ]


# ---------------------------------------------------------------------------------------------
# Entries, texts and notes (the file's lines are quoted)


def test_5a001_j_ip_network_surveillance(entries: dict[str, ControlEntry]) -> None:
    # "5A001.j Internet Protocol (IP) network communications surveillance systems or equipment,
    # and specially designed components therefor, having all of the following:"
    j = entries["5A001.j"]
    assert j.text.startswith("Internet Protocol (IP) network communications surveillance")
    assert j.text.endswith("having all of the following:")
    assert (j.parent, j.level, j.heading, j.status) == ("5A001", 1, "", "active")
    assert [c for c, e in entries.items() if e.parent == "5A001.j"] == ["5A001.j.1", "5A001.j.2"]
    assert [c for c, e in entries.items() if e.parent == "5A001.j.1"] == [
        "5A001.j.1.a",
        "5A001.j.1.b",
        "5A001.j.1.c",
    ]
    assert (
        entries["5A001.j.2.a"].text == 'Execution of searches on the basis of "hard selectors"; and'
    )
    assert j.notes == [
        "Note: 5A001.j. does not control systems or equipment, specially designed for any of the "
        "following: a. Marketing purpose; b. Network Quality of Service (QoS); or c. Quality of "
        "Experience (QoE)."
    ]
    assert entries["5A001.i"].status == "not-used"


def test_4a005_intrusion_software_and_a_heading(entries: dict[str, ControlEntry]) -> None:
    e = entries["4A005"]
    text = (
        "Systems, equipment, and components therefor, specially designed or modified for the "
        'generation, command and control, or delivery of "intrusion software".'
    )
    assert (e.text, e.heading, e.parent, e.level, e.notes) == (text, text, None, 0, [])
    assert not any(c.startswith("4A005.") for c in entries)


def test_3b001_f_1_b_and_a_technical_note_on_two_lines(entries: dict[str, ControlEntry]) -> None:
    e = entries["3B001.f.1.b"]
    assert e.parent == "3B001.f.1"
    assert e.text == (
        "Capable of producing a pattern with a 'Minimum Resolvable Feature size' (MRF) of 45 nm "
        "or less;"
    )
    # "3B001.f.1.b Technical Note: For the purposes of 3B001.f.1.b., ..." then the line
    # "3B001.f.1.b where the K factor = 0,35.", which continues the note.
    assert len(e.notes) == 1
    assert e.notes[0].startswith("Technical Note: For the purposes of 3B001.f.1.b., the")
    assert e.notes[0].endswith("where the K factor = 0,35.")
    assert [(p.quantity, p.comparator, p.value, p.unit) for p in e.parameters] == [
        ("minimum resolvable feature size", "<=", 45.0, "nm")
    ]
    assert entries["3B001.f.1"].notes == ["N.B. SEE ALSO 3B501.f."]


def test_notes_are_not_entries(entries: dict[str, ControlEntry]) -> None:
    # "0A001.f N.B. For zirconium pressure tubes see 0A001.e. and for calandria tubes see
    # 0A001.h."
    assert entries["0A001.f"].notes == [
        "N.B. For zirconium pressure tubes see 0A001.e. and for calandria tubes see 0A001.h."
    ]
    # "9A106.d Note: ... are the following:" is followed by lines coded 9A106.d.a to .c; they
    # are the note's list, not sub-items.
    note = entries["9A106.d"].notes[0]
    assert note.startswith("Note: The only servo valves, pumps and gas turbines specified in")
    assert "a. Servo valves designed for flow rates" in note and "c. Gas turbines" in note
    assert "5A002.b.1" not in entries and "9A106.d.a" not in entries
    assert "1. Converting, by means of" in entries["5A002.b"].notes[0]
    assert not any(c.startswith(("9A106.c.", "9A108.c.", "9A004.f.2.")) for c in entries)
    # "5A004.b.2 Technical Note: ... Note 1: 5A004.b. does not control ... Note 2: 5A004.b.
    # does not include:" and the lines 5A004.b.2.a to .d: three notes, the two Notes on 5A004.b.
    b = entries["5A004.b"].notes
    assert [n.split(":")[0] for n in b] == ["Technical Note", "Note 1", "Note 2"]
    assert b[2].endswith("d. Items specially designed and limited to jail-breaking or rooting.")
    assert "5A004.b.2.a" not in entries and entries["5A004.b.2"].notes == []
    # Two notes on one line are two notes (5A001.g).
    assert [n.split(":")[0] for n in entries["5A001.g"].notes] == ["Technical Note", "Note"]
    # "3A001.b.2 Note 1: Not used." says nothing about 3A001.b.2.
    assert [n.split(":")[0] for n in entries["3A001.b.2"].notes] == [
        'N.B. For "MMIC" amplifiers that have an integrated phase shifter, see 3A001.b.12.',
        "Note 2",
        "Note 3",
    ]
    assert not any(n.startswith("Note 1: Not used") for e in entries.values() for n in e.notes)


def test_provisions_the_file_did_not_code(entries: dict[str, ControlEntry]) -> None:
    # "4A001.a.2 a. Total Dose | 5× 103 Gy (silicon);" and its b. and c. lines.
    assert [c for c, e in entries.items() if e.parent == "4A001.a.2"] == [
        "4A001.a.2.a",
        "4A001.a.2.b",
        "4A001.a.2.c",
    ]
    assert entries["4A001.a.2.a"].text == "Total Dose | 5× 103 Gy (silicon);"
    # "3A201.a.1 a. Voltage rating greater than 1,4 kV; b. ...; and d. Series inductance ...".
    assert entries["3A201.a.1"].text == ""
    assert entries["3A201.a.1.a"].text == "Voltage rating greater than 1,4 kV;"
    assert entries["3A201.a.1.d"].text == "Series inductance less than 50 nH; or"
    assert entries["3A201.c.2.b"].text == "A 'peak power' greater than 50 MW."


def test_conversion_slips_repaired(entries: dict[str, ControlEntry]) -> None:
    # The file writes 1C010.e.1 as "1C010.1" and 1C010.e.2 as "1C010.1.2".
    assert not any(c.startswith("1C010.1") for c in entries)
    assert [c for c, e in entries.items() if e.parent == "1C010.e"] == ["1C010.e.1", "1C010.e.2"]
    assert entries["1C010.e.2.a"].text == "Resin or pitch, specified in 1C008 or 1C009.b.;"
    assert [n.split(":")[0] for n in entries["1C010.e"].notes] == [
        "Note 1",
        "Note 2",
        "Technical Notes",
    ]
    # "0B004.b.10.1 Packed with ...": numbers under a number; they stay in 0B004.b.10's text.
    assert "0B004.b.10.1" not in entries
    assert entries["0B004.b.10"].text.endswith(
        "having all of the following: 1. Packed with random or structured wet-proofed platinised "
        "catalysts; 2. Constructed of carbon steel or stainless steel; 3. Capable of operating "
        "with pressure in the range of 0.1 to 4 MPa; and 4. Capable of operating at temperatures "
        "in the range of 293 K (20 °C) to 473 K (200 °C)."
    )


def test_new_eu_entries(entries: dict[str, ControlEntry]) -> None:
    e = entries["3A501.a.16"]
    assert e.text.startswith("Integrated circuits having one or more digital processing units")
    assert e.notes[0].startswith("N.B. For “digital computers” and “electronic assemblies”")
    assert entries["3B501.k.2.c"].text == (
        "Electrostatic chuck with twenty or more individually controllable variable temperature "
        "elements."
    )
    assert entries["1C350.90"].text == "Dipropylamine (CAS 142-84-7)."
    assert [(p.value, p.unit) for p in entries["5A001.b.2"].parameters] == [
        (1.5, "MHz"),
        (87.5, "MHz"),
    ]  # decimal commas: "1,5 MHz to 87,5 MHz"


# ---------------------------------------------------------------------------------------------
# The general authorisations


def test_eight_authorisations(geas: dict[str, GeneralAuthorisation]) -> None:
    assert sorted(geas) == [f"EU00{n}" for n in range(1, 9)]
    kinds = {code: g.items for code, g in geas.items()}
    assert kinds == {
        "EU001": "all-except",
        "EU002": "listed",
        "EU003": "all-except",
        "EU004": "all-except",
        "EU005": "listed",
        "EU006": "listed",
        "EU007": "all-except",
        "EU008": "listed",
    }
    eu001 = geas["EU001"]
    assert eu001.id == "gea:eu:2025-11-15:EU001" and eu001.list_id == LIST
    assert eu001.issuer == "regime:eu"
    assert eu001.title.startswith("Exports to Australia, Canada, Iceland, Japan")
    assert eu001.items_text.startswith(
        "This authorisation covers all dual-use items specified in any entry in Annex I, except "
        "those listed in Section I of this Annex."
    )
    assert "all items specified in Annex IV" in eu001.items_text
    assert eu001.conditions.startswith("1. This authorisation does not authorise the export")
    assert eu001.provenance.citation == "Regulation (EU) 2021/821, Annex II, Section A (EU001)"


def test_eu001_destinations(records: list[Record]) -> None:
    # "Australia, Canada, Iceland, Japan, New Zealand, Norway, Switzerland, including
    # Liechtenstein, United Kingdom (...), United States."
    assert _countries(records, "EU001") == {
        "AU", "CA", "IS", "JP", "NZ", "NO", "CH", "LI", "GB", "US"
    }  # fmt: skip


def test_eu001_excludes_section_i(records: list[Record]) -> None:
    excluded = _codes(_targets(records, Excludes, "EU001"))
    assert excluded == {
        "0C001", "0C002", "0D001", "0E001", "1A102", "1C351", "1C353", "1C354", "1C450.a.1",
        "1C450.a.2", "7E104", "9A009.a", "9A117",
    }  # fmt: skip
    written = {
        r.target: r.written
        for r in records
        if isinstance(r, Excludes) and r.source == gea_id(LIST, "EU001")
    }
    assert written[ids.entry_id(LIST, "1C354")] == "Section I: 1C354 Plant pathogens"


def test_other_destinations_and_items(records: list[Record]) -> None:
    # EU005 "Telecommunications": items in 5A001.b.2., 5A001.c. and 5A001.d., 5B001 and 5D001,
    # technology 5E001.a.; to Argentina, China (including Hong Kong and Macao), India, South
    # Africa, South Korea, Russia, Turkey, Ukraine.
    assert _codes(_targets(records, CoversEntry, "EU005")) == {
        "5A001.b.2", "5A001.c", "5A001.d", "5B001", "5D001", "5E001.a"
    }  # fmt: skip
    assert _countries(records, "EU005") == {
        "AR",
        "CN",
        "HK",
        "MO",
        "IN",
        "ZA",
        "KR",
        "RU",
        "TR",
        "UA",
    }
    assert len(_targets(records, CoversEntry, "EU002")) == 28
    assert _countries(records, "EU002") == {"AR", "ZA", "KR", "TR"}
    # EU006 lists 1C350's chemicals by number, skipping 4, 23 and 29 (see Military Goods).
    eu006 = _codes(_targets(records, CoversEntry, "EU006"))
    assert len(eu006) == 73
    assert {"1C350.1", "1C350.65", "1C450.a.4", "1C450.b.8"} <= eu006
    assert not {"1C350", "1C350.4", "1C350.23", "1C350.29", "1C450.b.7"} & eu006
    # EU008: the listed codes, not those it names "as above" or "as below".
    assert _codes(_targets(records, CoversEntry, "EU008")) == {
        "5A002.a.2", "5A002.a.3", "5A002.b", "5D002.a.1", "5D002.b", "5D002.c.1", "5E002.b"
    }  # fmt: skip
    eu008 = _countries(records, "EU008")
    assert {"BR", "IN", "ZA", "KR", "TW", "XK"} <= eu008
    assert not {"CN", "HK", "RU", "BY", "IR", "KP", "MM", "JP", "US", "GB", "CH"} & eu008
    # EU003 excludes Sections D and E and its own list; EU007 covers only software and
    # technology and excludes 4D004 and 4E001.c.
    eu003 = _codes(_targets(records, Excludes, "EU003"))
    assert {"5D002", "4E001", "1C351", "9A011", "6A001.a.2.a.1"} <= eu003
    assert "5A002" not in eu003
    eu007 = _codes(_targets(records, Excludes, "EU007"))
    assert {"4D004", "4E001.c", "5A001", "0D001"} <= eu007 and "5D002" not in eu007


def test_member_states_are_no_destination(records: list[Record]) -> None:
    destinations = {r.target.removeprefix("country:") for r in records if isinstance(r, ValidFor)}
    assert not destinations & EU_MEMBER_STATES
    text = resources.files("ingest.reference").joinpath("memberships.yaml").read_text("utf-8")
    eu = next(m for m in yaml.safe_load(text)["memberships"] if m["regime"] == "eu")
    assert {m["country"] for m in eu["members"] if "until" not in m} == EU_MEMBER_STATES


def _under(
    records: list[Record], entries: dict[str, ControlEntry], code: str, iso2: str
) -> set[str]:
    """The authorisations whose edges allow exporting ``code`` to ``iso2`` (the module's rule)."""
    lineage = {code}
    while entries[code].parent is not None:
        code = entries[code].parent or ""
        lineage.add(code)
    reached = {ids.entry_id(LIST, c) for c in lineage}
    found = set()
    for gea in (r for r in records if isinstance(r, GeneralAuthorisation)):
        if f"country:{iso2}" not in _targets(records, ValidFor, gea.code):
            continue
        if gea.items == "all-except":
            if not reached & _targets(records, Excludes, gea.code):
                found.add(gea.code)
        elif reached & _targets(records, CoversEntry, gea.code):
            found.add(gea.code)
    return found


def test_which_authorisation_an_export_may_use(
    records: list[Record], entries: dict[str, ControlEntry]
) -> None:
    assert _under(records, entries, "5A001.j.1", "JP") == {"EU001"}
    assert _under(records, entries, "5A001.j.1", "US") == {"EU001"}
    # To China only after repair (EU003) or for an exhibition (EU004), whose lists of exclusions
    # do not name 5A001; EU005 (telecommunications) does not cover 5A001.j.
    assert _under(records, entries, "5A001.j.1", "CN") == {"EU003", "EU004"}
    assert _under(records, entries, "5D002.a.1", "CN") == set()  # EU003, EU004 exclude 5D
    assert _under(records, entries, "1C351.a.1", "JP") == set()  # Section I
    assert _under(records, entries, "5A001.c", "CN") == {"EU003", "EU004", "EU005"}
    assert _under(records, entries, "5A002.a.2", "BR") == {"EU003", "EU004", "EU008"}


# ---------------------------------------------------------------------------------------------
# Bad input


def _minimal() -> dict[str, Any]:
    return {
        "entry_count": 1,
        "entries": [
            {
                "entry_code": "4A005",
                "category": "4",
                "verbatim_text": "4A005 Systems, equipment, and components therefor.",
            }
        ],
        "geas": [
            {
                "id": "EU001",
                "title": "EU001 — A. EXPORTS TO JAPAN",
                "verbatim_text": "UNION GENERAL EXPORT AUTHORISATION No EU001 (referred to in "
                "point (d) of Article 12(1) of this Regulation) Exports to Japan Issuing "
                "authority: European Union Part 1 – Items This authorisation covers all dual-use "
                "items specified in any entry in Annex I, except those listed in Section I of "
                "this Annex. Part 2 – Destinations This authorisation is valid throughout the "
                "customs territory of the Union for exports to the following destinations: "
                "Japan. Part 3 – Conditions and requirements for use\n1. None.",
            }
        ],
        "gea_common_list": "— all items specified in Annex IV,\n4A005 Systems,",
    }


def _write(tmp_path: Path, payload: bytes | dict[str, Any]) -> Path:
    path = tmp_path / "annex-i.json"
    path.write_bytes(payload if isinstance(payload, bytes) else json.dumps(payload).encode())
    return path


def test_minimal_file(tmp_path: Path) -> None:
    records = _parse(_write(tmp_path, _minimal()))
    assert [r.canonical for r in records if isinstance(r, ControlEntry)] == ["4A005"]
    assert {r.target for r in records if isinstance(r, ValidFor)} == {"country:JP"}
    assert {r.target for r in records if isinstance(r, Excludes)} == {ids.entry_id(LIST, "4A005")}


def _changed(path: str, value: Any) -> dict[str, Any]:
    data = _minimal()
    target: Any = data
    *parents, last = path.split("/")
    for key in parents:
        target = target[int(key)] if isinstance(target, list) else target[key]
    target[last] = value
    return data


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        (b"", "is empty"),
        (b"entries: [] # not JSON", "is not valid JSON"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "is a PDF"),
        (b"[1, 2]", "holds a JSON list"),
        ({"entries": []}, "has no 'entries' list"),
        ({"corpus_version": "02021R0821-20251115"}, "has no 'entries' list"),
        (_changed("entry_count", 384), "states 384 entries but holds 1: the file is truncated"),
        (_changed("entries/0/entry_code", "ML10"), "has code 'ML10', not an item like 0A001"),
        (
            _changed("entries/0/verbatim_text", "4A005 Systems.\nML10.a Vessels."),
            "does not start with a code of 4A005",
        ),
        (_changed("geas", []), "no 'geas' list"),
        (
            _changed("gea_common_list", "— all items specified in Annex IV,\n9A117 Staging,"),
            "names 9A117, which is not an entry of Annex I",
        ),
        (
            _changed(
                "geas/0/verbatim_text",
                _minimal()["geas"][0]["verbatim_text"].replace("Japan.", "Japan, Atlantis."),
            ),
            "destination 'Atlantis' is not a country name",
        ),
        (
            _changed("geas/0/verbatim_text", "UNION GENERAL EXPORT AUTHORISATION No EU001 only"),
            "lacks its Part 1",
        ),
    ],
)
def test_bad_files_raise_parse_error(
    tmp_path: Path, payload: bytes | dict[str, Any], message: str
) -> None:
    with pytest.raises(ParseError, match=message) as info:
        _parse(_write(tmp_path, payload))
    assert "\n" not in str(info.value)
