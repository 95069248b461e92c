"""The Wassenaar Arrangement List, WA-LIST (25) 1 Corr. (official PDF, 243 pages).

Codes, texts, notes and page numbers asserted here were read in the document itself: its
pages rendered to images and to text lines with their x position (pypdfium2), e.g. 5.A.1.j and
its Note on page 88, 4.A.5 on page 80, ML22 on page 214 (PDF page 215), the Sensitive List on
pages 170-177 and the Very Sensitive List on pages 178-180. Item counts per category were
checked against an independent scan of the item codes that start a line at the left margin
(plus the few items the list numbers relatively, such as 1.D.2 and 1.D.3 on page 21).
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pypdfium2 as pdfium  # type: ignore[import-untyped, unused-ignore]
import pytest
from helpers import need_shared_data

from graph_schema.codes import CodeSystem, parse_code
from graph_schema.model import ControlEntry, ControlList, Issues, ParentOf, Record
from ingest.registry import get_source
from ingest.runner import check_expectations, count_records
from ingest.sources.base import ParseError
from ingest.sources.wassenaar_list import parser
from ingest.sources.wassenaar_list.parser import WaList

SOURCE = "wassenaar-list"

ITEMS_PER_CATEGORY = {
    "1": 28,
    "2": 16,
    "3": 21,
    "4": 10,
    "5": 10,
    "6": 30,
    "7": 20,
    "8": 8,
    "9": 30,
    "ML": 22,
}
# First sub-level (5.A.1.a, ML10.a) per category.
FIRST_LEVEL_PER_CATEGORY = {
    "1": 88,
    "2": 47,
    "3": 58,
    "4": 17,
    "5": 39,
    "6": 72,
    "7": 31,
    "8": 32,
    "9": 67,
    "ML": 100,
}
# All entries, every level.
ENTRIES_PER_CATEGORY = {
    "1": 275,
    "2": 131,
    "3": 380,
    "4": 36,
    "5": 170,
    "6": 617,
    "7": 105,
    "8": 120,
    "9": 204,
    "ML": 485,
}


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
def wa() -> WaList:
    return parser.read(_path())


def _category(entry: ControlEntry) -> str:
    return "ML" if entry.canonical.startswith("ML") else entry.canonical[0]


def _children(entries: dict[str, ControlEntry], parent: str) -> list[str]:
    return [code for code, entry in entries.items() if entry.parent == parent]


# -- the list as a whole ----------------------------------------------------------------------


def test_counts_per_category(entries: dict[str, ControlEntry]) -> None:
    items = Counter(_category(e) for e in entries.values() if e.level == 0)
    first = Counter(_category(e) for e in entries.values() if e.level == 1)
    every = Counter(_category(e) for e in entries.values())
    assert dict(items) == ITEMS_PER_CATEGORY
    assert dict(first) == FIRST_LEVEL_PER_CATEGORY
    assert dict(every) == ENTRIES_PER_CATEGORY
    assert len(entries) == 2523
    assert max(e.level for e in entries.values()) == 7  # 6.A.1.a.1.a.2.b.3.a


def test_counts_meet_the_source_expectations(records: list[Record]) -> None:
    counts = count_records(records)
    check_expectations(get_source(SOURCE).meta, counts)
    assert counts["ControlList"] == 1
    assert counts["PARENT_OF"] == 2523 - 195  # every entry but the items has a parent


def test_one_list_for_dual_use_and_munitions(records: list[Record]) -> None:
    (control_list,) = [r for r in records if isinstance(r, ControlList)]
    assert control_list.id == "list:wassenaar:2025"
    assert control_list.issuer == "regime:wassenaar"
    assert control_list.numbering == "wassenaar"
    assert control_list.edition_date.isoformat() == "2026-01-15"
    assert "2025 Corr." in control_list.title
    assert [(r.source, r.target) for r in records if isinstance(r, Issues)] == [
        ("regime:wassenaar", "list:wassenaar:2025")
    ]


def test_numbering_is_contiguous_and_references_resolve(entries: dict[str, ControlEntry]) -> None:
    """Sub-paragraphs run a, b, c... / 1, 2, 3... without gaps, and 'specified in' codes exist.

    A sub-entry swallowed by a note, or a note's list read as entries, breaks one or the other.
    """
    for parent in [c for c, e in entries.items()]:
        kids = [entries[c].canonical.rsplit(".", 1)[1] for c in _children(entries, parent)]
        if not kids:
            continue
        start = 1 if kids[0].isdigit() else ord("a")
        values = [int(k) if k.isdigit() else ord(k) for k in kids]
        assert values == list(range(start, start + len(kids))), parent
    missing = set()
    for entry in entries.values():
        for text in (entry.text, *entry.notes):
            for word in text.replace(",", " ").replace(";", " ").split():
                if word[:1].isdigit() and word.count(".") >= 3 and word[2:3].isupper():
                    try:
                        code = parse_code(word.rstrip("."), CodeSystem.WASSENAAR)
                    except ValueError:
                        continue
                    if code.canonical not in entries:
                        missing.add(code.canonical)
    assert missing == set()


def test_no_structural_anomalies(wa: WaList) -> None:
    # Only informational remarks (note lists that look like entries, unusual indentation).
    serious = [a for a in wa.anomalies if "kept in note" not in a and "from its level" not in a]
    assert serious == []


def test_page_furniture_stays_out(entries: dict[str, ControlEntry]) -> None:
    for entry in entries.values():
        for text in (entry.text, *entry.notes):
            assert "WA-LIST" not in text
            assert "15-01-2026" not in text
            assert "DUAL-USE LIST" not in text
            assert "Russian Federation and Ukraine" not in text  # the page footnote


def test_definitions_and_category_annexes_are_not_entries(entries: dict[str, ControlEntry]) -> None:
    texts = [t for e in entries.values() for t in (e.text, *e.notes)]
    # Definitions (page 215 on), the Category 1 list of explosives (pages 23-24), the
    # Cryptography Note that opens Category 5 - Part 2 (page 93).
    assert not any('Asymmetric algorithm" A cryptographic algorithm' in t for t in texts)
    dual_use = [t for c, e in entries.items() if c[0].isdigit() for t in (e.text, *e.notes)]
    assert not any("ADNBF" in t for t in dual_use)  # ML8.a.1 names it too, as an entry
    assert entries["ML8.a.1"].text.startswith("ADNBF (aminodinitrobenzofuroxan")
    assert not any(t.startswith("Note 3 Cryptography Note") for t in texts)


# -- entries read in the document -------------------------------------------------------------


def test_5A001_j_ip_network_surveillance(entries: dict[str, ControlEntry]) -> None:
    j = entries["5A001.j"]
    assert j.code == "5.A.1.j"
    assert j.parent == "5A001"
    assert j.level == 1
    assert j.page == 88
    assert j.text == (
        "Internet Protocol (IP) network communications surveillance systems or equipment, and "
        "specially designed components therefor, having all of the following:"
    )
    assert j.notes == [
        "Note 5.A.1.j. does not apply to systems or equipment, specially designed for any of "
        "the following: a. Marketing purpose; b. Network Quality of Service (QoS); or "
        "c. Quality of Experience (QoE)."
    ]
    assert _children(entries, "5A001.j") == ["5A001.j.1", "5A001.j.2"]
    assert _children(entries, "5A001.j.1") == ["5A001.j.1.a", "5A001.j.1.b", "5A001.j.1.c"]
    assert (
        entries["5A001.j.2.a"].text == 'Execution of searches on the basis of "hard selectors"; and'
    )
    assert entries["5A001.j.1.c"].notes == []  # the Note is j's, not its last sub-entry's
    assert entries["5A001.j"].provenance.citation == "WA-LIST (25) 1 Corr., page 88"


def test_5A001_items_and_first_level(entries: dict[str, ControlEntry]) -> None:
    five_a1 = entries["5A001"]
    assert five_a1.heading == five_a1.text
    assert five_a1.text == (
        "Telecommunications systems, equipment, components and accessories, as follows:"
    )
    assert [c.rsplit(".", 1)[1] for c in _children(entries, "5A001")] == list("abcdefghij")
    assert entries["5A001.i"].status == "not-used"
    assert entries["5A001.i"].text == "Not used since 2012"
    assert entries["5A001.i"].notes == [
        "N.B. For items previously specified in 5.A.1.i., see 5.A.1.f."
    ]


def test_intrusion_software(entries: dict[str, ControlEntry]) -> None:
    assert entries["4A005"].page == 80
    assert entries["4A005"].text == (
        "Systems, equipment, and components therefor, specially designed or modified for the "
        'generation, command and control, or delivery of "intrusion software".'
    )
    assert entries["4D004"].page == 81
    assert entries["4D004"].text == (
        '"Software" specially designed or modified for the generation, command and control, or '
        'delivery of "intrusion software".'
    )
    (note,) = entries["4D004"].notes
    assert note.startswith(
        'Note 4.D.4 does not apply to "software" specially designed and limited to provide '
        '"software" updates or upgrades meeting all the following:'
    )
    assert note.endswith('1. "Software" specified in 4.D.4.; or 2. "Intrusion software".')


def test_category_5_part_2(entries: dict[str, ControlEntry]) -> None:
    five_a2 = entries["5A002"]
    assert five_a2.page == 94
    assert five_a2.text == ('"Information security" systems, equipment and components, as follows:')
    assert five_a2.notes == [
        'N.B. For "satellite navigation system" receiving equipment containing or employing '
        "decryption, see 7.A.5."
    ]
    assert _children(entries, "5A002") == [f"5A002.{x}" for x in "abcde"]
    assert entries["5A002.b"].text == "Being a 'cryptographic activation token';"
    assert entries["5A002.c"].text == (
        'Designed or modified to use or perform "quantum cryptography";'
    )
    assert entries["5A002.a.1"].text == 'Items having "information security" as a primary function;'
    part2 = {c for c, e in entries.items() if e.level == 0 and c.startswith("5")}
    assert part2 == {
        "5A001", "5B001", "5D001", "5E001", "5A002", "5A003", "5A004", "5B002", "5D002", "5E002"
    }  # fmt: skip


def test_munitions_list(entries: dict[str, ControlEntry]) -> None:
    ml = [c for c, e in entries.items() if e.level == 0 and c.startswith("ML")]
    assert ml == [f"ML{n}" for n in range(1, 23)]
    ml10 = entries["ML10"]
    assert ml10.code == "ML10"
    assert ml10.page == 202
    assert ml10.text.startswith(
        '"Aircraft", "lighter-than-air vehicles", "Unmanned Aerial Vehicles" ("UAVs"), '
        'aero-engines, "sub-orbital craft"'
    )
    # Page 202 and, after ML10.j on page 203, two Notes about ML10.a, .d and .j.
    assert [n[:42] for n in ml10.notes] == [
        "N.B. For guidance and navigation equipment",
        "Note 1 For the purposes of ML10.a., ML10.d",
        "Note 2 For the purposes of ML10.a. and ML1",
    ]
    assert [c.rsplit(".", 1)[1] for c in _children(entries, "ML10")] == list("abcdefghij")
    assert entries["ML10.a"].code == "ML10.a"
    assert entries["ML10.a"].parent == "ML10"
    assert entries["ML10.b"].status == "not-used"
    assert entries["ML10.c.1"].text.startswith('"UAVs", Remotely Piloted Air Vehicles (RPVs)')

    ml22 = entries["ML22"]
    assert ml22.page == 214
    assert ml22.text == '"Technology" as follows:'
    assert [n[:26] for n in ml22.notes] == [
        'Note 1 "Technology" "requi',
        "Note 2 ML22. does not appl",
    ]
    assert _children(entries, "ML22.b") == [f"ML22.b.{n}" for n in range(1, 6)]
    assert entries["ML22.b.3"].status == "not-used"
    assert entries["ML22.b.3"].notes == [
        'N.B. For "technology" previously specified in ML22.b.3., see ML22.a.'
    ]
    assert entries["ML22.b"].notes == []


def test_notes_go_to_the_entry_they_belong_to(entries: dict[str, ControlEntry]) -> None:
    # Page 5: an item's Note and N.B.
    assert entries["1A003"].notes == [
        "Note 1.A.3. does not apply to manufactures when coated or laminated with copper and "
        'designed for the "production" of electronic printed circuit boards.',
        'N.B. For "fusible" aromatic polyimides in any form, see 1.C.8.a.3.',
    ]
    # Page 85: two notes in a row, one for 5.A.1.b.3.b and one for 5.A.1.b.3.
    assert (
        entries["5A001.b.3.b"]
        .notes[0]
        .startswith("Note 5.A.1.b.3.b. does not apply to radio equipment specially designed")
    )
    assert entries["5A001.b.3"].notes == [
        "Note 5.A.1.b.3. does not apply to equipment designed to operate at an output power "
        "of 1 W or less."
    ]
    # Page 88: a sub-entry's note, then the next sub-entry.
    assert entries["5B001.a"].notes == [
        "Note 5.B.1.a. does not apply to optical fibre characterization equipment."
    ]
    assert entries["5B001.b"].notes == []
    # Page 181: the item's note has its own a.-d. list, then the item's real a. follows.
    assert entries["ML1"].notes[0].startswith("Note ML1. does not apply to: a. Firearms")
    assert "Technical Note For the purposes of ML1. Note d." in entries["ML1"].notes[0]
    assert entries["ML1.a"].text == (
        "Rifles and combination guns, handguns, machine, sub-machine and volley guns;"
    )
    assert entries["ML1.a"].notes[0].startswith("Note ML1.a. does not apply to the following:")
    # Page 5: Technical Notes numbered like sub-entries stay notes.
    assert (
        entries["1A004.a"]
        .notes[1]
        .startswith(
            "Technical Notes For the purposes of 1.A.4.a.: 1. Full face masks are also known as "
            "gas masks."
        )
    )
    assert entries["1A004.a.1"].text == '"Biological agents";'
    assert _children(entries, "1A004.a") == [f"1A004.a.{n}" for n in range(1, 5)]


def test_relative_numbering(entries: dict[str, ControlEntry]) -> None:
    # Page 101: ' 1. Active ...' under '6. A. 1. a.' is 6.A.1.a.1.
    assert entries["6A001.a.1"].parent == "6A001.a"
    assert entries["6A001.a.1"].text == (
        "Active (transmitting or transmitting-and-receiving) systems, equipment and specially "
        "designed components therefor, as follows:"
    )
    # Page 21: items numbered '2.' and '3.' after '1. D. 1.'.
    assert entries["1D002"].text == (
        '"Software" for the "development" of organic "matrix", metal "matrix" or carbon '
        '"matrix" laminates or "composites".'
    )
    assert entries["1D003"].level == 0
    # Page 16: 'c. 2.' restates c. and opens its second sub-entry.
    assert entries["1C007.c.2"].text.startswith('Ceramic-"matrix" "composite" materials with a')
    # Page 102: seven levels below the item.
    assert entries["6A001.a.1.a.2.b.3.a"].text == "Operating frequency below 350 kHz; or"


def test_status(entries: dict[str, ControlEntry]) -> None:
    assert entries["1A001.b"].status == "not-used"
    assert entries["1A001.b"].text == "Not used since 2015"
    assert entries["4A002"].status == "not-used"  # a whole item
    assert entries["6B005"].status == "reserved"
    assert entries["6B005"].text == "LASERS - None"
    # An emptied slot under its group heading is no control either.
    assert entries["6E003.f"].text == "MAGNETIC AND ELECTRIC FIELD SENSORS - Not used since 2004"
    assert entries["6E003.f"].status == "not-used"
    counts = Counter(e.status for e in entries.values())
    assert counts == {"active": 2387, "not-used": 120, "reserved": 16}


def test_entries_and_notes_across_page_breaks(entries: dict[str, ControlEntry]) -> None:
    # 3.A.1.b.2 starts on page 56; its sub-entries go on over page 57.
    assert entries["3A001.b.2"].page == 56
    assert entries["3A001.b.2.c"].page == 57
    assert _children(entries, "3A001.b.2") == [f"3A001.b.2.{x}" for x in "abcdefgh"]
    # Note 2 to 5.A.2.a runs from page 95 to page 97 ('Note 2 cont.' at the page tops).
    note2 = next(n for n in entries["5A002.a"].notes if n.startswith("Note 2"))
    assert "a. Smart cards and smart card 'readers/writers' as follows:" in note2
    assert "h. Routers, switches, gateways or relays" in note2
    assert "'connected civil industry application'" in note2
    assert "cont." not in note2
    # Note 1 to 1.C.1.a goes on over page 11.
    note1 = entries["1C001.a"].notes[0]
    assert note1.startswith("Note 1 1.C.1.a. does not apply to:")
    assert "d. Planar absorbers made of sintered ferrite" in note1
    assert entries["1C001.b"].page == 11


def test_sensitive_and_very_sensitive(entries: dict[str, ControlEntry], wa: WaList) -> None:
    both = entries["5A001.b.5"]
    assert both.sensitive and both.very_sensitive
    assert entries["5A001.h"].sensitive and entries["5A001.h"].very_sensitive
    assert entries["5A001.b.3"].sensitive and not entries["5A001.b.3"].very_sensitive
    assert entries["1C001"].sensitive and entries["1C001"].very_sensitive
    # Named entries only: 6.A.1.a.1.b is on the SL, its sub-entry b.1 on the VSL.
    assert entries["6A001.a.1.b"].sensitive and not entries["6A001.a.1.b"].very_sensitive
    assert entries["6A001.a.1.b.1"].very_sensitive and not entries["6A001.a.1.b.1"].sensitive
    assert not entries["5A001"].sensitive
    # Code lists and ranges over several lines (pages 173 and 176-177).
    assert all(entries[f"6A002.a.1.{x}"].sensitive for x in "abc")
    assert all(entries[f"7D004.{x}"].sensitive for x in "abcdg")
    assert not entries["7D004.e"].sensitive and not entries["7D004.f"].sensitive
    assert all(entries[f"9E003.a.{n}"].sensitive for n in (1, 2, 3, 4, 5, 8))
    assert not entries["9E003.a.6"].sensitive
    # 'Not used since 2002' on the SL: 2.B.1.a left the SL, it did not leave the list.
    assert entries["2B001.a"].status == "active" and not entries["2B001.a"].sensitive
    assert not entries["6A006.a"].sensitive and entries["6A006.a.1"].sensitive
    assert not entries["4D001"].sensitive
    assert sum(e.sensitive for e in entries.values()) == 100
    assert sum(e.very_sensitive for e in entries.values()) == 38
    assert not any(e.sensitive or e.very_sensitive for c, e in entries.items() if "ML" in c)
    assert (len(wa.sensitive), sum(n.withdrawn for n in wa.sensitive)) == (106, 20)
    assert (len(wa.very_sensitive), sum(n.withdrawn for n in wa.very_sensitive)) == (40, 2)
    assert wa.unresolved == []


def test_parent_edges_follow_the_codes(records: list[Record]) -> None:
    by_id = {r.id: r for r in records if isinstance(r, ControlEntry)}
    for edge in (r for r in records if isinstance(r, ParentOf)):
        assert by_id[edge.target].parent == by_id[edge.source].canonical


# -- the same reading on lines written by hand --------------------------------------------------


def _lines(*rows: tuple[float, str]) -> list[parser._Line]:
    return [parser._Line(1, x, text) for x, text in rows]


def test_reader_on_hand_written_layout() -> None:
    entries: dict[str, parser.Draft] = {}
    reader = parser._Reader(parser._DUAL_USE, entries, [])
    for line in _lines(
        (91.0, "1. A. 4. Protective equipment, as follows:"),
        (145.7, "N.B. For military items, see ML7."),
        (149.0, "a. Full face masks, as follows:"),
        (168.7, "Note 1.A.4.a. includes respirators."),
        (169.7, "Technical Notes"),
        (168.7, "For the purposes of 1.A.4.a.:"),
        (169.6, "1. Full face masks are also known as gas masks."),
        (169.1, "2. Filter canisters include filter cartridges."),
        (92.0, '1. A. 4. a. 1. "Biological agents";'),
        (169.2, "2. Chemical Warfare (CW) agents;"),
        (148.8, "b. Not used since 2015"),
        (145.7, "Note 1.A.4. does not apply to:"),
        (186.0, "a. Personal dosimeters;"),
        (91.0, "1. B. TEST, INSPECTION AND PRODUCTION EQUIPMENT"),
        (126.0, "1. Equipment as follows:"),
    ):
        reader.feed(line)
    assert list(entries) == [
        "1A004", "1A004.a", "1A004.a.1", "1A004.a.2", "1A004.b", "1B001"
    ]  # fmt: skip
    assert entries["1A004"].note_texts() == [
        "N.B. For military items, see ML7.",
        "Note 1.A.4. does not apply to: a. Personal dosimeters;",
    ]
    assert (
        entries["1A004.a"].note_texts()[1].endswith("Filter canisters include filter cartridges.")
    )
    assert entries["1A004.b"].status == "not-used"


def test_sensitive_list_code_lists() -> None:
    named = parser._named(
        _lines(
            (90.4, "6.A.2.a.1.a.,"),
            (90.4, "6.A.2.a.1.b. &"),
            (90.4, "6.A.2.a.1.c."),
            (193.0, '"Space-qualified" solid-state detectors...'),
            (90.3, "7.D.4.a. to 7.D.4.d."),
            (90.3, "& 7.D.4.g."),
            (193.0, '"Source code" incorporating...'),
            (90.1, "2.B.1.a. Not used since 2002"),
            (90.5, '8.D.2 Specific "software"…'),
        )
    )
    assert [(n.codes, n.withdrawn) for n in named] == [
        (["6.A.2.a.1.a", "6.A.2.a.1.b", "6.A.2.a.1.c"], False),
        (["7.D.4.a", "7.D.4.b", "7.D.4.c", "7.D.4.d", "7.D.4.g"], False),
        (["2.B.1.a"], True),
        (["8.D.2"], False),
    ]


# -- bad input ----------------------------------------------------------------------------------


def _copy_pages(tmp_path: Path, pages: list[int]) -> Path:
    source = pdfium.PdfDocument(_path())
    copy = pdfium.PdfDocument.new()
    try:
        copy.import_pages(source, pages)
        target = tmp_path / "copy.pdf"
        copy.save(target)
    finally:
        copy.close()
        source.close()
    return target


def test_truncated_file(tmp_path: Path) -> None:
    data = _path().read_bytes()
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(data[: len(data) // 2])
    with pytest.raises(ParseError, match="not a readable PDF"):
        _parse(cut)


def test_copy_that_stops_early(tmp_path: Path) -> None:
    with pytest.raises(ParseError, match=r"lacks 6, 7, 8, 9, ML1 \.\.\.: the file is truncated"):
        _parse(_copy_pages(tmp_path, list(range(100))))


def test_copy_without_the_sensitive_lists(tmp_path: Path) -> None:
    pages = [*range(169), *range(180, 243)]
    with pytest.raises(ParseError, match="has no sensitive list section"):
        _parse(_copy_pages(tmp_path, pages))


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        (b"", "is empty"),
        (json.dumps({"entries": []}).encode(), "is not a PDF"),
        (b"\x00\x01\x02 garbage" * 50, "is not a PDF"),
        (b"%PDF-1.7\n%%EOF\n", "not a readable PDF"),
    ],
)
def test_not_a_pdf(tmp_path: Path, payload: bytes, message: str) -> None:
    path = tmp_path / "list.pdf"
    path.write_bytes(payload)
    with pytest.raises(ParseError, match=message):
        _parse(path)


def test_another_pdf(shared_data: Path) -> None:
    with pytest.raises(ParseError, match=r"no 'WA-LIST \(yy\) \.\.\.' page header"):
        _parse(shared_data / "no" / "liste-i-military-2020.pdf")


def test_edition_must_match_the_metadata() -> None:
    definition = get_source(SOURCE)
    meta = definition.meta.model_copy(update={"edition": "2024"})
    with pytest.raises(ParseError, match=r"is WA-LIST \(25\), not the 2024 edition"):
        list(definition.parse(_path(), meta))
