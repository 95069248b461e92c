"""The EU dual-use list (Annex I to Regulation (EU) 2021/821) and Norway's Liste II, one text.

Expected codes, texts, notes and pages were read in the document itself: the text file
(`no/liste-ii-dual-use-2021.txt`, line numbers given below) and, for pages and the list of item
codes, the pages of the PDF it was extracted from (rendered to text with pypdfium2). The item
counts per category come from the codes that start a line on PDF pages 25-248.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter, defaultdict
from pathlib import Path

import pytest
from helpers import need_shared_data

from graph_schema.model import Contains, ControlEntry, ControlList, Issues, ParentOf, Record
from ingest.registry import SourceDefinition, get_source
from ingest.runner import IngestError, build_batch, check_expectations, count_records
from ingest.sources.base import ParseError
from ingest.sources.eu_dual_use.parser import read_entries

EU = "eu-dual-use"
NO = "no-liste-ii"
FIXTURES = Path(__file__).parent / "fixtures" / "eu_dual_use"

# Item codes per category among the 366 that start a line on the list's PDF pages.
ITEMS_PER_CATEGORY = {
    "0": 15,
    "1": 92,
    "2": 52,
    "3": 39,
    "4": 11,
    "5": 13,
    "6": 36,
    "7": 37,
    "8": 8,
    "9": 63,
}
# All entries (items and sub-items) per category.
ENTRIES_PER_CATEGORY = {
    "0": 163,
    "1": 784,
    "2": 454,
    "3": 458,
    "4": 37,
    "5": 171,
    "6": 678,
    "7": 148,
    "8": 123,
    "9": 281,
}


def _parse(source: str, path: Path | None = None) -> list[Record]:
    definition = get_source(source)
    return list(
        definition.parse(path or need_shared_data() / definition.meta.file, definition.meta)
    )


def _entries(records: list[Record]) -> dict[str, ControlEntry]:
    return {r.canonical: r for r in records if isinstance(r, ControlEntry)}


@pytest.fixture(scope="module")
def records() -> list[Record]:
    return _parse(EU)


@pytest.fixture(scope="module")
def entries(records: list[Record]) -> dict[str, ControlEntry]:
    return _entries(records)


def _children(entries: dict[str, ControlEntry], parent: str) -> list[str]:
    return [code for code, entry in entries.items() if entry.parent == parent]


# ---------------------------------------------------------------------------------------------
# The list and its counts


def test_one_list_each_for_the_eu_and_norway() -> None:
    eu = [r for r in _parse(EU) if isinstance(r, ControlList)]
    no = [r for r in _parse(NO) if isinstance(r, ControlList)]
    assert [(x.id, x.issuer) for x in eu] == [("list:eu:2021", "regime:eu")]
    assert [(x.id, x.issuer) for x in no] == [("list:no:2021", "country:NO")]
    for item in (*eu, *no):
        assert item.edition == "2021"
        assert item.edition_date.isoformat() == "2021-05-20"
        assert item.numbering == "eccn"
    assert eu[0].source_url == "https://eur-lex.europa.eu/eli/reg/2021/821/oj"
    assert no[0].source_url == "https://lovdata.no/dokument/SF/forskrift/2013-06-19-718"
    assert "Regulation (EU) 2021/821" in eu[0].title and "Liste II" in eu[0].title
    assert eu[0].file_sha256 == no[0].file_sha256 == get_source(EU).meta.sha256


def test_counts_per_category(records: list[Record], entries: dict[str, ControlEntry]) -> None:
    items = Counter(e.category for e in entries.values() if e.level == 0)
    assert dict(items) == ITEMS_PER_CATEGORY
    assert dict(Counter(e.category for e in entries.values())) == ENTRIES_PER_CATEGORY
    assert len(entries) == 3297
    assert sum(isinstance(r, Contains) for r in records) == 3297
    assert sum(isinstance(r, ParentOf) for r in records) == 3297 - 366
    assert sum(isinstance(r, Issues) for r in records) == 1
    # Items by the hundreds digit (0xx Wassenaar and the Category 0 NSG trigger list, 1xx MTCR,
    # 2xx NSG, 3xx Australia Group, 4xx CWC): all are entries of the list.
    blocks = Counter(int(c[2]) for c in entries if "." not in c)
    assert blocks == {0: 176, 1: 100, 2: 79, 3: 10, 4: 1}
    assert {"1C350", "1C351", "1C353", "1C354", "2B350", "2B351", "2B352", "2D351"} <= set(entries)
    assert {"2E301", "9A350", "1C450", "0A001", "0E001", "9A101", "3A201"} <= set(entries)


def test_item_codes_match_the_lines_that_start_with_a_code(
    entries: dict[str, ControlEntry],
) -> None:
    text = (need_shared_data() / get_source(EU).meta.file).read_text("utf-8")
    started = {m.group(1) for m in re.finditer(r"(?m)^\f?([0-9][A-E][0-9]{3})\b", text)}
    assert {c for c in entries if "." not in c} == started


def test_every_labelled_line_finds_its_place() -> None:
    # Outside notes, every "a." / "1." line continues a sequence or opens a level.
    _, unplaced = read_entries(need_shared_data() / get_source(EU).meta.file)
    assert unplaced == []


def test_every_sibling_sequence_is_unbroken(entries: dict[str, ControlEntry]) -> None:
    # a, b, c... or 1, 2, 3... with no gap: a label put at the wrong level would break one.
    labels: dict[str, list[str]] = defaultdict(list)
    for code, entry in entries.items():
        if entry.parent is not None:
            labels[entry.parent].append(code.rsplit(".", 1)[1])
    for parent, found in labels.items():
        if found[0].isdigit():
            assert found == [str(n) for n in range(1, len(found) + 1)], parent
        else:
            assert found == [chr(ord("a") + n) for n in range(len(found))], parent
        assert entries[parent].level + 1 == entries[f"{parent}.{found[0]}"].level


@pytest.mark.parametrize("source", [EU, NO])
def test_runner_accepts_the_real_file(source: str) -> None:
    definition = get_source(source)
    batch, counts = build_batch(definition, need_shared_data() / definition.meta.file)
    assert counts == {
        "CONTAINS": 3297,
        "ControlEntry": 3297,
        "ControlList": 1,
        "ISSUES": 1,
        "PARENT_OF": 2931,
    }
    assert batch.issuer == definition.meta.issuer


def test_both_sources_give_the_same_entries_under_their_own_list() -> None:
    eu = _entries(_parse(EU))
    no = _entries(_parse(NO))
    assert eu.keys() == no.keys()
    for code, entry in eu.items():
        other = no[code]
        assert (entry.text, entry.notes, entry.parent, entry.status, entry.page) == (
            other.text,
            other.notes,
            other.parent,
            other.status,
            other.page,
        )
        assert entry.id == f"entry:eu:2021:{code}"
        assert other.id == f"entry:no:2021:{code}"
        assert entry.provenance.source == EU and other.provenance.source == NO


# ---------------------------------------------------------------------------------------------
# Entries, as the text writes them


def test_5a001_j_ip_network_surveillance(entries: dict[str, ControlEntry]) -> None:
    # Lines 5232-5250.
    j = entries["5A001.j"]
    assert (j.parent, j.level, j.code, j.category) == ("5A001", 1, "5A001.j", "5")
    assert j.text == (
        "Internet Protocol (IP) network communications surveillance systems or equipment, and "
        "specially designed components therefor, having all of the following:"
    )
    assert _children(entries, "5A001.j") == ["5A001.j.1", "5A001.j.2"]
    assert entries["5A001.j.1"].text == (
        "Performing all of the following on a carrier class Internet Protocol (IP) network "
        "(e.g., national grade IP backbone):"
    )
    assert _children(entries, "5A001.j.1") == ["5A001.j.1.a", "5A001.j.1.b", "5A001.j.1.c"]
    assert entries["5A001.j.1.c"].text == "Indexing of extracted data; and"
    assert entries["5A001.j.2.a"].text == (
        'Execution of searches on the basis of "hard selectors"; and'
    )
    assert entries["5A001.j.2.b"].text == (
        "Mapping of the relational network of an individual or of a group of people."
    )
    assert entries["5A001.j.2.b"].level == 3
    assert j.notes == [
        "Note: 5A001.j. does not control systems or equipment, specially designed for any of "
        "the following: a. Marketing purpose; b. Network Quality of Service (QoS); or "
        "c. Quality of Experience (QoE)."
    ]
    assert entries["5A001.j.2"].notes == []
    assert entries["5A001.i"].status == "not-used"
    assert entries["5A001.i"].text == "Not used;"
    assert entries["5A001"].heading == (
        "Telecommunications systems, equipment, components and accessories as follows:"
    )


def test_intrusion_software_entries(entries: dict[str, ControlEntry]) -> None:
    # Lines 5015-5016, 5037-5046, 5048-5062.
    a005 = entries["4A005"]
    assert (a005.level, a005.parent) == (0, None)
    assert (
        a005.heading
        == a005.text
        == (
            "Systems, equipment, and components therefor, specially designed or modified for the "
            'generation, command and control, or delivery of "intrusion software".'
        )
    )
    assert _children(entries, "4A005") == []
    d004 = entries["4D004"]
    assert d004.text == (
        '"Software" specially designed or modified for the generation, command and control, or '
        'delivery of "intrusion software".'
    )
    (note,) = d004.notes
    assert note.startswith(
        'Note: 4D004 does not control "software" specially designed and limited to provide '
        '"software" updates or upgrades meeting all the following: a. The update or upgrade '
        "operates only with the authorisation of the owner or administrator"
    )
    assert note.endswith('1. "Software" specified in 4D004; or 2. "Intrusion software".')
    assert entries["4D002"].status == entries["4D003"].status == "not-used"
    # 4E001 has no heading: its line starts with "a.".
    assert entries["4E001"].text == ""
    assert _children(entries, "4E001") == ["4E001.a", "4E001.b", "4E001.c"]
    assert entries["4E001.c"].text == '"Technology" for the "development" of "intrusion software".'
    assert entries["4E001.c"].notes == []
    assert entries["4E001"].notes == [
        'Note 1: 4E001.a. and 4E001.c. do not control "vulnerability disclosure" or "cyber '
        'incident response".',
        "Note 2: Note 1 does not diminish the rights of the competent authority of the EU "
        "Member State in which the exporter is established to ascertain compliance with "
        "4E001.a. and 4E001.c.",
    ]
    assert entries["4E001.b.1"].text == (
        '"Digital computers" having an "Adjusted Peak Performance" ("APP") exceeding 15 '
        "Weighted TeraFLOPS (WT);"
    )


def test_5a002_information_security(entries: dict[str, ControlEntry]) -> None:
    # Lines 5460-5478 and on; Category 5 Part 2 starts again at 5A002 after 5E101.
    item = entries["5A002"]
    assert item.text == '"Information security" systems, equipment and components, as follows:'
    assert item.notes == [
        'N.B. For the control of "satellite navigation system" receiving equipment containing '
        'or employing decryption, see 7A005 and for related decryption "software" and '
        '"technology" see 7D005 and 7E001.'
    ]
    assert _children(entries, "5A002") == [f"5A002.{x}" for x in "abcde"]
    assert _children(entries, "5A002.a") == [f"5A002.a.{n}" for n in range(1, 5)]
    assert entries["5A002.a.1"].text == 'Items having "information security" as a primary function;'
    assert entries["5A002.a.3"].notes == [
        "N.B. For operating systems, see also 5D002.a.1. and 5D002.c.1."
    ]
    notes = entries["5A002.a"].notes
    assert [n.split(":", 1)[0] for n in notes] == ["Technical Notes", "Note 1", "Note 2"]
    assert "'described security algorithm' means any of the following:" in notes[0]
    assert notes[2].startswith(
        "Note 2: 5A002.a. does not control any of the following items, or specially designed "
        '"information security" components therefor: a. Smart cards'
    )
    assert entries["5A002.b"].text == "Being a 'cryptographic activation token';"


def test_1c350_chemical_weapons_precursors(entries: dict[str, ControlEntry]) -> None:
    # Lines 1838-1948 (to Note 4): the Australia Group precursors, numbered directly under the item.
    item = entries["1C350"]
    assert item.text == (
        "Chemicals, which may be used as precursors for toxic chemical agents, as follows, and "
        '"chemical mixtures" containing one or more thereof:'
    )
    assert _children(entries, "1C350") == [f"1C350.{n}" for n in range(1, 90)]
    assert entries["1C350.1"].text == "Thiodiglycol (CAS 111-48-8);"
    assert entries["1C350.1"].level == 1
    assert entries["1C350.24"].text == "Hydrogen fluoride (CAS 7664-39-3);"
    assert entries["1C350.89"].text == "N,N-Dipropylisobutanamidine (CAS 1342700-45-1)."
    assert item.notes[0] == "N.B. SEE ALSO MILITARY GOODS CONTROLS AND 1C450."
    assert [n.split(":", 1)[0] for n in item.notes[1:]] == [f"Note {n}" for n in range(1, 5)]
    assert item.notes[4] == (
        "Note 4: 1C350 does not control products identified as consumer goods packaged for "
        "retail sale for personal use or packaged for individual use."
    )


def test_1c450_cwc_chemicals(entries: dict[str, ControlEntry]) -> None:
    # Lines 2162-2250, across a page break and a "1C450 continued" line.
    assert entries["1C450"].text.startswith("Toxic chemicals and toxic chemical precursors")
    assert _children(entries, "1C450.a") == [f"1C450.a.{n}" for n in range(1, 8)]
    assert entries["1C450.a.1"].text == (
        "Amiton: O,O-Diethyl S-[2-(diethylamino)ethyl] phosphorothiolate (CAS 78-53-5) and "
        "corresponding alkylated or protonated salts;"
    )
    assert entries["1C450.a.4"].text == "Phosgene: Carbonyl dichloride (CAS 75-44-5);"
    assert entries["1C450.b"].text == "Toxic chemical precursors, as follows:"
    assert entries["1C450.b.8"].text == "Methyldiethanolamine (CAS 105-59-9)."
    assert entries["1C450.b.1"].notes == [
        "Note: 1C450.b.1. does not control Fonofos: O-Ethyl S-phenyl "
        "ethylphosphonothiolothionate (CAS 944-22-9);"
    ]
    assert entries["1C450.b.2"].notes == [
        "N.B.: See 1C350.57. for N,N-Dimethylaminophosphoryl dichloride."
    ]


def test_0a001_nuclear_reactors(entries: dict[str, ControlEntry]) -> None:
    # Lines 3-43, page 25.
    item = entries["0A001"]
    assert item.text == (
        '"Nuclear reactors" and specially designed or prepared equipment and components '
        "therefor, as follows:"
    )
    assert _children(entries, "0A001") == [f"0A001.{x}" for x in "abcdefghijk"]
    assert entries["0A001.a"].text == '"Nuclear reactors";'
    assert entries["0A001.f"].notes == [
        "N.B. For zirconium pressure tubes see 0A001.e. and for calandria tubes see 0A001.h."
    ]
    assert (
        entries["0A001.h"]
        .notes[0]
        .startswith(
            "Technical Note: In 0A001.h. 'nuclear reactor internals' means any major structure"
        )
    )
    assert entries["0A001.i"].notes == [
        "Note: 0A001.i. does not control heat exchangers for the supporting systems of the "
        "reactor, e.g., the emergency cooling system or the decay heat cooling system."
    ]
    assert entries["0A001.i.2"].notes == []
    assert entries["0A001.i.1"].text.startswith("Steam generators specially designed")
    assert item.page == entries["0A001.k"].page == 25


def test_9a012_uavs_across_a_page_break(entries: dict[str, ControlEntry]) -> None:
    # Lines 8610-8640: the heading ends page 232, the N.B.s open page 233, and a stray "9A012
    # continued" line falls between 9A012.a.1.a and 9A012.a.1.b (both on page 233 of the PDF).
    item = entries["9A012"]
    assert item.text == (
        '"Unmanned aerial vehicles" ("UAVs"), unmanned "airships", related equipment and '
        "components, as follows:"
    )
    assert item.notes == [
        "N.B. 1 SEE ALSO 9A112.",
        'N.B. 2 For "UAVs" that are "sub-orbital craft", see 9A004.h.',
    ]
    assert _children(entries, "9A012.a.1") == ["9A012.a.1.a", "9A012.a.1.b"]
    assert entries["9A012.a.1.a"].text == (
        "A maximum 'endurance' greater than or equal to 30 minutes but less than 1 hour; and"
    )
    b = entries["9A012.a.1.b"]
    assert b.text == (
        "Designed to take-off and have stable controlled flight in wind gusts equal to or "
        "exceeding 46,3 km/h (25 knots); or"
    )
    assert (item.page, entries["9A012.a.1.a"].page, b.page) == (232, 233, 233)
    assert entries["9A012.a.2"].text == "A maximum 'endurance' of 1 hour or greater;"
    assert (
        entries["9A012.a"]
        .notes[0]
        .startswith("Technical Notes: 1. For the purposes of 9A012.a., 'operator' is a person")
    )
    assert [entries[f"9A012.b.{n}"].status for n in (1, 2)] == ["not-used", "not-used"]


def test_6a003_cameras(entries: dict[str, ControlEntry]) -> None:
    # Lines 6289-6345.
    assert entries["6A003"].text == (
        "Cameras, systems or equipment, and components therefor, as follows:"
    )
    assert entries["6A003"].notes == ["N.B. SEE ALSO 6A203."]
    assert entries["6A003.a.1"].status == "not-used"
    assert entries["6A003.a.4"].text == (
        "Electronic framing cameras having a speed exceeding 1 000 000 frames/s;"
    )
    assert entries["6A003.b"].notes == [
        "Note: 6A003.b. does not control television or video cameras, specially designed for "
        "television broadcasting."
    ]
    # The Technical Notes after the "6A003.b. continued" line are about the video cameras.
    assert (
        entries["6A003.b.1"]
        .notes[0]
        .startswith("Technical Notes: 1. For the purpose of this entry, digital video cameras")
    )
    assert entries["6A003.b.2"].text == (
        "Scanning cameras and scanning camera systems, having all of the following:"
    )
    assert entries["6A003.b.1.a.3"].level == 4


def test_subtree_and_note_across_page_breaks(entries: dict[str, ControlEntry]) -> None:
    # 5A001.b.1-2 are on page 144; after "5A001.b. continued" (line 5104) come b.3-b.6.
    assert _children(entries, "5A001.b") == [f"5A001.b.{n}" for n in range(1, 7)]
    assert entries["5A001.b.2"].page == 144
    assert entries["5A001.b.3"].page == 145
    assert (
        entries["5A001.b.3.b"]
        .notes[0]
        .startswith(
            "Note: 5A001.b.3.b. does not control radio equipment specially designed for use with "
            "any of the following: a. Civil cellular radio-communications systems; or"
        )
    )
    assert entries["5A001.b.3"].notes == [
        "Note: 5A001.b.3 does not control equipment designed to operate at an output power of "
        "1 W or less."
    ]
    # The Technical Note of 2B004 opens on page 79 and its text is on page 80 (lines 2598-2607).
    assert entries["2B004"].notes[1] == (
        "Technical Note: The inside chamber dimension is that of the chamber in which both the "
        "working temperature and the working pressure are achieved and does not include "
        "fixtures. That dimension will be the smaller of either the inside diameter of the "
        "pressure chamber or the inside diameter of the insulated furnace chamber, depending "
        "on which of the two chambers is located inside the other."
    )


def test_notes_go_to_the_entry_they_name(entries: dict[str, ControlEntry]) -> None:
    # Both notes sit under 5A001.a.4 but name 5A001.a.2 to a.4: they qualify 5A001.a.
    assert entries["5A001.a"].notes == [
        "Note 1: 5A001.a.3. and 5A001.a.4. control only electronic equipment.",
        "Note 2: 5A001.a.2., 5A001.a.3. and 5A001.a.4. do not control equipment designed or "
        "modified for use on board satellites.",
    ]
    assert entries["5A001.a.4"].notes == []
    # The source drops a dot ("1C111a.2.a."); the note still lands on 1C111.a.2.
    assert entries["1C111.a.2"].notes[0].startswith("Note: 1C111a.2.a. and 1C111a.2.b. controls")
    # "Note 1: Not used." fills a number and is not kept as a note.
    assert not any(n.endswith("Not used.") for e in entries.values() for n in e.notes)


def test_superscripts_go_back_into_their_line(entries: dict[str, ControlEntry]) -> None:
    # Lines 1121-1122: "3" above "17,5 g/cm ;"; lines 4945-4950: exponents above "5 x 10".
    assert entries["1C004.a"].text == "A density exceeding 17,5 g/cm3 ;"
    assert entries["4A001.a.2.a"].text == "Total Dose 5 x 103 Gy (silicon);"
    assert entries["4A001.a.2.c"].text == "Single Event Upset 1 x 10-8 Error/bit/day;"
    # Where the text file already ran the exponent into the line (line 3573), it stays.
    # Line 927 holds two exponents ("8" and "12") for line 928; lines 7460-7461 hold "-5 -1".
    assert entries["1C001.a"].text == (
        "Materials for absorbing frequencies exceeding 2 x 108 Hz but less than 3 x 1012 Hz;"
    )
    assert entries["6C004.f"].text.startswith(
        "Synthetically produced diamond material with an absorption of less than 10-5 cm-1 for"
    )
    assert entries["1C001"].notes == ["N.B. SEE ALSO 1C101."]
    assert entries["3A001.a.1.a"].text == "A total dose of 5 x 103 Gy (silicon) or higher;"
    assert entries["6A004.a.2"].text.startswith(
        'Lightweight monolithic mirrors having an average "equivalent density" of less than '
        "30 kg/m2 and a total mass"
    )


def test_headings_footers_and_continued_lines_are_not_text(
    entries: dict[str, ControlEntry],
) -> None:
    assert not {"1A", "5A", "5D2", "9E"} & set(entries)  # group headings are not entries
    for entry in entries.values():
        for text in (entry.text, *entry.notes):
            assert "CATEGORY" not in text, entry.canonical
            assert not re.search(r"\bcontinued\b(?! airworthiness)", text), entry.canonical


def test_pages_only_where_the_footers_make_them_certain(
    entries: dict[str, ControlEntry],
) -> None:
    # Pages 146-147 have no footer in the text, so what lies before footer 148 is undated.
    assert entries["5A001.j"].page is None
    assert entries["5A001.c"].page == 145
    assert entries["1C450.a.1"].page == 71
    assert entries["5A001.b.3"].provenance.citation == "page 145"
    assert entries["5A001.j"].provenance.citation == "https://eur-lex.europa.eu/eli/reg/2021/821/oj"
    assert 1500 <= sum(e.page is not None for e in entries.values()) <= 1700


# ---------------------------------------------------------------------------------------------
# A small file in the real layout, written here


def test_fixture_hierarchy_notes_and_pages() -> None:
    entries = _entries(_parse(EU, FIXTURES / "mini.txt"))
    assert list(entries)[:6] == [
        "1A001",
        "1A001.a",
        "1A001.a.1",
        "1A001.a.2",
        "1A001.b",
        "1A001.b.1",
    ]
    assert entries["1A001"].notes == ["N.B. SEE ALSO 1A002."]
    assert entries["1A001.a.2"].notes == ["Note: 1A001.a.2. does not control widgets for kitchens."]
    # "3." one column left of its siblings is still 1A001.b.3, not a new level.
    assert entries["1A001.b.3"].parent == "1A001.b"
    assert entries["1A001.b.2.b"].text == "A density exceeding 17,5 g/cm3 ;"
    assert entries["1A001.b"].notes == [
        "Note: 1A001.b. does not control any of the following: a. Toy gadgets; "
        "b. Gadgets in museums."
    ]
    assert entries["1A001.c"].status == "not-used"
    assert entries["1A001.d"].text == (
        "Sprockets with a wall thickness of less than 5 mm, made from 'special alloys'."
    )
    assert entries["1A001.d"].notes == [
        "Technical Note: In 1A001.d. 'special alloys' means alloys having any of the following: "
        "1. A tensile strength exceeding 1 GPa; or 2. A melting point above 2 000 K."
    ]
    assert entries["1A001.e"].parent == "1A001"
    assert entries["1A002"].status == "not-used"
    # An N.B. that ends with a full stop opens no list: 1.-4. are the item's chemicals, and
    # "3" without its dot continues the numbering.
    assert _children(entries, "1C350") == [f"1C350.{n}" for n in range(1, 5)]
    assert entries["1C350.3"].text == "Gammaine (CAS 3-33-3);"
    assert entries["1C350"].notes[2] == "Note 2: Note 1 applies to exports only."
    assert entries["1E001"].text == ""
    assert _children(entries, "1E001") == ["1E001.a", "1E001.b"]
    assert [n[:7] for n in entries["1E001"].notes] == ["Note 1:", "Note 2:"]
    assert [entries[c].page for c in ("1A001", "1A001.d", "1A001.e", "1E001.b")] == [
        25,
        25,
        26,
        26,
    ]


# ---------------------------------------------------------------------------------------------
# Bad input


def _write(tmp_path: Path, payload: bytes, name: str = "liste-ii.txt") -> Path:
    path = tmp_path / name
    path.write_bytes(payload)
    return path


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        (b"", "is empty"),
        (b"  \n\n\t\n", "is empty"),
        (b"\x00\x01\x02binary\xff\xfe", "is binary"),
        (b"CATEGORY 1\n1A001 \xff\xfe widgets\n", "not UTF-8"),
        (json.dumps({"items": [{"code": "5A001"}]}).encode(), "looks like JSON"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "is a PDF"),
        (
            b"The Export Controls and Human Rights Initiative.\n5A001 is mentioned.\n",
            "not the text",
        ),
        (b"CATEGORY 5 - TELECOMMUNICATIONS\nNo entries here.\n", "not the text"),
    ],
)
def test_bad_files_raise_parse_error(tmp_path: Path, payload: bytes, message: str) -> None:
    with pytest.raises(ParseError, match=message) as info:
        _parse(EU, _write(tmp_path, payload))
    assert "\n" not in str(info.value)


def test_another_document_is_refused() -> None:
    echri = need_shared_data() / "echri"
    statement = sorted(echri.glob("*joint-statement*.md"))[0]
    with pytest.raises(ParseError, match="not the text of the EU dual-use list"):
        _parse(EU, statement)


def test_an_item_twice_is_refused(tmp_path: Path) -> None:
    text = (FIXTURES / "mini.txt").read_text("utf-8") + "1A002   Widgets again.\n"
    with pytest.raises(ParseError, match="1A002 appears twice"):
        _parse(EU, _write(tmp_path, text.encode()))


def _with_checksum(source: str, path: Path) -> SourceDefinition:
    """The source's definition with the checksum of ``path``, to reach the assertions."""
    definition = get_source(source)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    meta = definition.meta.model_copy(update={"sha256": digest})
    return SourceDefinition(meta=meta, parse=definition.parse, folder=definition.folder)


@pytest.mark.parametrize("source", [EU, NO])
@pytest.mark.parametrize("keep", [0.5, 0.97])
def test_truncated_file_fails_the_count_assertions(
    tmp_path: Path, source: str, keep: float
) -> None:
    real = (need_shared_data() / get_source(source).meta.file).read_bytes()
    lines = real.split(b"\n")
    path = _write(tmp_path, b"\n".join(lines[: int(len(lines) * keep)]))
    definition = _with_checksum(source, path)
    counts = count_records(definition.parse(path, definition.meta))
    assert counts["ControlEntry"] < 3250
    with pytest.raises(IngestError, match=r"expected 3250\.\.3350 ControlEntry"):
        check_expectations(definition.meta, counts)
    with pytest.raises(IngestError, match="the file may be truncated"):
        build_batch(definition, path)
