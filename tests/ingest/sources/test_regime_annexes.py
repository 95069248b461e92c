"""The regime annexes: the MTCR Annex (Word file) and the NSG Part 2 Annex (PDF).

Facts asserted here were read in the documents themselves. MTCR: the PDF print of the Annex
(MTCR/TEM/2021/Annex, 81 pages; the Word file is what the parser reads), e.g. 1.A.1 on page
16, 2.A.1 on pages 18-19, 3.A.1 on pages 22-23, 6.C.7 on pages 42-43, the Introduction's (a)
on Category I and II on page 5, the running headers "CATEGORY I; ITEM 1" and "CATEGORY II; ITEM
5" (Item 5 is a page reading "RESERVED FOR FUTURE USE", page 37). NSG: INFCIRC/254/Rev.12/Part 2,
e.g. 1.A.1 and 1.A.3 on page 1-1, 1.A.4 on page 1-3, 1.B.2 on pages 1-4 to 1-6, 2.C.12 on page
2-5, 4.B.1 on page 4-1. Item counts per MTCR Item and NSG category were checked against an
independent scan of the PDFs' text for lines starting with a full code.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date
from pathlib import Path

import docx
import pypdfium2 as pdfium  # type: ignore[import-untyped, unused-ignore]
import pytest
import yaml
from helpers import need_shared_data

from graph_schema.codes import CodeError, CodeSystem, parse_code
from graph_schema.model import ControlEntry, ControlList, Record
from ingest.registry import get_source
from ingest.runner import check_expectations, count_records
from ingest.sources.base import ParseError, SourceMeta
from ingest.sources.mtcr_annex import parser as mtcr_parser
from ingest.sources.mtcr_annex.parser import MtcrAnnex
from ingest.sources.nsg_part_2 import parser as nsg_parser
from ingest.sources.nsg_part_2.parser import NsgAnnex

MTCR = "mtcr-annex"
NSG = "nsg-part-2"
CONCORDANCE = Path(__file__).resolve().parents[1] / "concordance_regime_annexes.yaml"

# Item-level entries (3.A.1) per MTCR Item; Items 5, 7 and 8 are reserved and have none.
MTCR_ITEMS = {
    "1": 6,
    "2": 10,
    "3": 19,
    "4": 12,
    "6": 21,
    "9": 15,
    "10": 8,
    "11": 9,
    "12": 10,
    "13": 2,
    "14": 2,
    "15": 8,
    "16": 3,
    "17": 5,
    "18": 4,
    "19": 6,
    "20": 6,
}
# Every entry, sub-items included, per MTCR Item.
MTCR_ENTRIES = {
    "1": 6,
    "2": 21,
    "3": 30,
    "4": 120,
    "6": 67,
    "9": 39,
    "10": 8,
    "11": 17,
    "12": 19,
    "13": 4,
    "14": 10,
    "15": 24,
    "16": 3,
    "17": 5,
    "18": 4,
    "19": 12,
    "20": 10,
}
NSG_ITEMS = {"1": 15, "2": 27, "3": 19, "4": 7, "5": 11, "6": 8}
NSG_ENTRIES = {"1": 84, "2": 91, "3": 116, "4": 22, "5": 43, "6": 68}


def _path(source: str) -> Path:
    return need_shared_data() / get_source(source).meta.file


def _parse(source: str, path: Path, meta: SourceMeta | None = None) -> list[Record]:
    definition = get_source(source)
    return list(definition.parse(path, meta or definition.meta))


def _entries(records: list[Record]) -> dict[str, ControlEntry]:
    return {r.canonical: r for r in records if isinstance(r, ControlEntry)}


def _children(entries: dict[str, ControlEntry], parent: str) -> list[str]:
    return [code for code, entry in entries.items() if entry.parent == parent]


@pytest.fixture(scope="module")
def mtcr_records() -> list[Record]:
    return _parse(MTCR, _path(MTCR))


@pytest.fixture(scope="module")
def mtcr(mtcr_records: list[Record]) -> dict[str, ControlEntry]:
    return _entries(mtcr_records)


@pytest.fixture(scope="module")
def mtcr_annex() -> MtcrAnnex:
    return mtcr_parser.read(_path(MTCR))


@pytest.fixture(scope="module")
def nsg_records() -> list[Record]:
    return _parse(NSG, _path(NSG))


@pytest.fixture(scope="module")
def nsg(nsg_records: list[Record]) -> dict[str, ControlEntry]:
    return _entries(nsg_records)


@pytest.fixture(scope="module")
def nsg_annex() -> NsgAnnex:
    return nsg_parser.read(_path(NSG))


# -- MTCR Annex -------------------------------------------------------------------------------


def test_mtcr_twenty_items_and_their_categories(mtcr_annex: MtcrAnnex) -> None:
    assert mtcr_annex.reference == "MTCR/TEM/2021/Annex"
    assert mtcr_annex.date == date(2021, 10, 8)
    assert sorted(mtcr_annex.items) == list(range(1, 21))
    # Introduction (a): "Category I items, all of which are in Annex Items 1 and 2".
    assert {n for n, i in mtcr_annex.items.items() if i.category == "I"} == {1, 2}
    assert {n for n, i in mtcr_annex.items.items() if i.reserved} == {5, 7, 8}
    assert mtcr_annex.items[3].title == "PROPULSION COMPONENTS AND EQUIPMENT"
    assert mtcr_annex.items[5].heading == "CATEGORY II; ITEM 5"


def test_mtcr_counts_per_item(mtcr: dict[str, ControlEntry]) -> None:
    items = Counter(e.category for e in mtcr.values() if e.level == 0)
    every = Counter(e.category for e in mtcr.values())
    assert dict(items) == MTCR_ITEMS
    assert dict(every) == MTCR_ENTRIES
    assert len(mtcr) == 399
    assert max(e.level for e in mtcr.values()) == 4  # 4.B.3.b.3.b.1
    assert {e.status for e in mtcr.values()} == {"active"}


def test_mtcr_counts_meet_the_source_expectations(mtcr_records: list[Record]) -> None:
    counts = count_records(mtcr_records)
    check_expectations(get_source(MTCR).meta, counts)
    assert counts["PARENT_OF"] == 399 - 146
    (control_list,) = [r for r in mtcr_records if isinstance(r, ControlList)]
    assert control_list.id == "list:mtcr:2021"
    assert control_list.issuer == "regime:mtcr"
    assert control_list.numbering == "mtcr"
    assert control_list.edition_date == date(2021, 10, 8)


def test_mtcr_category_marking(mtcr: dict[str, ControlEntry]) -> None:
    for entry in mtcr.values():
        if entry.level > 0:
            assert not entry.notes or not entry.notes[0].startswith("CATEGORY")
            continue
        category = "I" if entry.category in ("1", "2") else "II"
        assert entry.notes[0].startswith(f"CATEGORY {category}; ITEM {entry.category} ")
    assert mtcr["1A001"].notes[0] == "CATEGORY I; ITEM 1 COMPLETE DELIVERY SYSTEMS"
    assert mtcr["19A001"].notes[0] == "CATEGORY II; ITEM 19 OTHER COMPLETE DELIVERY SYSTEMS"
    # The Note under 2.A.1.f (page 19) says which exceptions may be treated as Category II.
    assert any(n.startswith("Note: The exceptions in 2.A.1.b.") for n in mtcr["2A001"].notes)


def test_mtcr_complete_rocket_systems(mtcr: dict[str, ControlEntry]) -> None:
    entry = mtcr["1A001"]
    assert entry.code == "1.A.1"
    assert entry.text == (
        "Complete rocket systems (including ballistic missiles, space launch vehicles, and "
        'sounding rockets) capable of delivering at least a 500 kg "payload" to a "range" of '
        "at least 300 km."
    )
    assert entry.heading == entry.text
    assert entry.parent is None
    assert mtcr["19A001"].text.startswith("Complete rocket systems (including ballistic")
    assert 'not specified in 1.A.1., capable of a "range" equal to or greater' in (
        mtcr["19A001"].text
    )


def test_mtcr_turbojet_and_turbofan_engines(mtcr: dict[str, ControlEntry]) -> None:
    engines = mtcr["3A001"]
    assert engines.text == "Turbojet and turbofan engines, as follows:"
    assert _children(mtcr, "3A001") == ["3A001.a", "3A001.b"]
    assert _children(mtcr, "3A001.a") == [f"3A001.a.{n}" for n in range(1, 5)]
    assert mtcr["3A001.a.2"].text == "Specific fuel consumption of 0.15 kg N⁻¹ h⁻¹ or less;"
    assert mtcr["3A001.a.3"].text == "'Dry weight' less than 750 kg; and"
    assert mtcr["3A001.b"].text.startswith("Engines designed or modified for systems specified")
    # The Note printed under 3.A.1.b names 3.A.1; the Technical Notes define a.1-a.4.
    assert engines.notes[1] == (
        "Note: Engines specified in 3.A.1. may be exported as part of a manned aircraft or in "
        "quantities appropriate for replacement parts for a manned aircraft."
    )
    (technical,) = mtcr["3A001.a"].notes
    assert technical.startswith("Technical Notes: 1. 'Maximum thrust value' is the manufacturer")
    assert "4. 'First-stage rotor diameter' is the diameter" in technical


def test_mtcr_notes_with_lists_stay_notes(mtcr: dict[str, ControlEntry]) -> None:
    # 1.D.2's Note lists a. and b. "Software" (page 16-17): not sub-items of 1.D.2.
    assert _children(mtcr, "1D002") == []
    category, note = mtcr["1D002"].notes
    assert category.startswith("CATEGORY I; ITEM 1")
    assert note.startswith("Note: For a manned aircraft converted to operate as an unmanned")
    assert 'b. "Software" specially designed or modified to operate the aircraft' in note
    # 2.A.1.e's Technical Note lists a.-e.; 2.A.1.f follows it (page 19).
    assert "a. Flexible nozzle; b. Fluid or secondary gas injection;" in (mtcr["2A001.e"].notes[0])
    assert mtcr["2A001.f"].text.startswith("Weapon or warhead safing, arming, fuzing")


def test_mtcr_roman_numbered_sub_items(mtcr: dict[str, ControlEntry]) -> None:
    assert _children(mtcr, "6C007.c.1") == ["6C007.c.1.i", "6C007.c.1.ii", "6C007.c.1.iii"]
    assert mtcr["6C007.c.1.ii"].code == "6.C.7.c.1.ii"
    assert mtcr["6C007.c.1.ii"].text == (
        "Copper infiltrated tungsten containing 80% by weight or more of tungsten; or"
    )
    assert mtcr["6C007.c.2.iii"].text.startswith("Blocks having a size of 120 mm x 120 mm")


def test_roman_sub_items_are_codes_of_the_regime_annexes() -> None:
    assert parse_code("6.C.7.c.1.iii", CodeSystem.MTCR).canonical == "6C007.c.1.iii"
    assert parse_code("6.C.7.c.1.i", CodeSystem.MTCR).level == 3
    with pytest.raises(CodeError, match="'ab' is not a letter or roman numeral"):
        parse_code("3.A.1.ab", CodeSystem.MTCR)
    with pytest.raises(CodeError, match="not a single letter"):
        parse_code("5.A.1.ii", CodeSystem.WASSENAAR)  # only the regime annexes use them


def test_mtcr_superscripts_and_degrees(mtcr: dict[str, ControlEntry]) -> None:
    assert "total impulse capacity equal to or greater than 1.1 x 10⁶ Ns;" in (
        mtcr["2A001.c.1"].text
    )
    assert "8.41 x 10⁵ Ns, but less than 1.1 x 10⁶ Ns;" in mtcr["20A001.b.1"].text
    assert "600°C or greater" in mtcr["6B003.b"].text


def test_mtcr_empty_groups_are_not_entries(mtcr_annex: MtcrAnnex) -> None:
    assert "1.C" in mtcr_annex.empty_groups  # '1.C. MATERIALS' / 'None.' (page 16)
    assert "15.A" in mtcr_annex.empty_groups
    assert len(mtcr_annex.empty_groups) == 24


def test_mtcr_structure_has_no_anomalies(mtcr_annex: MtcrAnnex) -> None:
    assert mtcr_annex.anomalies == []
    assert mtcr_annex.note_markers_in_sequence == []


def test_mtcr_markers_match_the_printed_annex(mtcr: dict[str, ControlEntry]) -> None:
    """The numbering rebuilt from the Word file is the one the PDF print shows."""
    pdf = pdfium.PdfDocument(_path(MTCR).with_suffix(".pdf"))
    try:
        text = " ".join(pdf[i].get_textpage().get_text_range() for i in range(15, 77))
    finally:
        pdf.close()
    flat = _letters(text)
    for entry in mtcr.values():
        marker = entry.code if entry.level == 0 else entry.code.rsplit(".", 1)[1]
        assert _letters(f"{marker} {entry.text[:40]}") in flat, entry.code


def _letters(text: str) -> str:
    plain = text.translate(str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻°", "0123456789-o"))
    return re.sub(r"[^a-z0-9]", "", plain.lower())


# -- NSG Part 2 Annex -------------------------------------------------------------------------


def test_nsg_document_and_categories(nsg_annex: NsgAnnex) -> None:
    assert nsg_annex.reference == "INFCIRC/254/Rev.12/Part 2"
    assert nsg_annex.categories == {
        1: "INDUSTRIAL EQUIPMENT",
        2: "MATERIALS",
        3: "URANIUM ISOTOPE SEPARATION EQUIPMENT AND COMPONENTS (Other than Trigger List items)",
        4: "HEAVY WATER PRODUCTION PLANT RELATED EQUIPMENT (Other than Trigger List items)",
        5: "TEST AND MEASUREMENT EQUIPMENT FOR THE DEVELOPMENT OF NUCLEAR EXPLOSIVE DEVICES",
        6: "COMPONENTS FOR NUCLEAR EXPLOSIVE DEVICES",
    }


def test_nsg_counts_per_category(nsg: dict[str, ControlEntry]) -> None:
    items = Counter(e.category for e in nsg.values() if e.level == 0)
    every = Counter(e.category for e in nsg.values())
    assert dict(items) == NSG_ITEMS
    assert dict(every) == NSG_ENTRIES
    assert len(nsg) == 424
    assert max(e.level for e in nsg.values()) == 4  # 1.B.3.b.2.a.1


def test_nsg_counts_meet_the_source_expectations(nsg_records: list[Record]) -> None:
    counts = count_records(nsg_records)
    check_expectations(get_source(NSG).meta, counts)
    assert counts["PARENT_OF"] == 424 - 87
    (control_list,) = [r for r in nsg_records if isinstance(r, ControlList)]
    assert control_list.id == "list:nsg:2022"
    assert control_list.issuer == "regime:nsg"
    assert control_list.numbering == "nsg"
    assert control_list.edition_date == date(2022, 7, 14)


def test_nsg_remote_manipulators_and_shielding_windows(nsg: dict[str, ControlEntry]) -> None:
    manipulators = nsg["1A004"]
    assert manipulators.code == "1.A.4"
    assert manipulators.text == (
        "Remote manipulators that can be used to provide remote actions in radiochemical "
        "separation operations or hot cells, having either of the following characteristics:"
    )
    assert _children(nsg, "1A004") == ["1A004.a", "1A004.b"]
    assert nsg["1A004.a"].text == (
        "A capability of penetrating 0.6 m or more of hot cell wall (through-the-wall "
        "operation); or"
    )
    assert manipulators.notes == [
        "Technical Note: Remote manipulators provide translation of human operator actions to "
        "a remote operating arm and terminal fixture. They may be of a master/slave type or "
        "operated by joystick or keypad."
    ]
    assert nsg["1A001"].text.startswith("High-density (lead glass or other) radiation shielding")
    assert nsg["1A001.a"].text == "A ‘cold area’ greater than 0.09 m²;"
    assert nsg["1A001.a"].notes[0].startswith("Technical Note: In Item 1.A.1.a. the term")


def test_nsg_notes_above_and_inside_the_sub_items(nsg: dict[str, ControlEntry]) -> None:
    # 1.B.2 (page 1-4): an N.B. above a., Notes 1-2 and Technical Notes 1-6 after d.
    assert _children(nsg, "1B002") == ["1B002.a", "1B002.b", "1B002.c", "1B002.d"]
    notes = nsg["1B002"].notes
    assert notes[0] == (
        "N.B.: For “numerical control” units controlled by their associated “software”, see "
        "Item 1.D.3."
    )
    assert notes[1].startswith("Notes: 1. Stated “positioning accuracy” levels")
    assert "e. Since Item 1.B.2. refers to each linear axis" in notes[1]
    assert notes[2].startswith("Technical Notes: 1. Axis nomenclature")
    assert nsg["1B002.b"].notes[0].startswith("Note: Item 1.B.2.b. does not control milling")
    assert _children(nsg, "1B002.b") == ["1B002.b.1", "1B002.b.2", "1B002.b.3"]
    # Printed "3 Five or more axes" without its dot.
    assert nsg["1B002.c.3"].text.startswith("Five or more axes which can be coordinated")
    # 'N.B.1:' to 'N.B.3:' belong to the Technical Notes on 'robots' of 1.A.3 (page 1-2).
    (robots,) = [n for n in nsg["1A003"].notes if n.startswith("Technical Notes: 1. ‘Robots’")]
    assert "N.B.1: In the above definition ‘sensors’ means" in robots
    assert "N.B.3: The above definition does not include" in robots


def test_nsg_status_and_superscripts(nsg: dict[str, ControlEntry]) -> None:
    not_used = {code: e.text for code, e in nsg.items() if e.status == "not-used"}
    assert not_used == {
        "4B001": "[No longer used – since 23 June 2017]",
        "4B003": "[No longer used – since 14 June 2013]",
        "5B004": "[No longer used – since 14 June 2013]",
    }
    assert nsg["2C012"].text.startswith("Radium-226 (²²⁶Ra), radium-226 alloys")
    assert "greater than 5 x 10⁴ Gy (silicon)" in nsg["1A002"].text
    assert nsg["5A001.a"].text == "Photocathode area of greater than 20 cm²; and"


def test_nsg_structure(nsg_annex: NsgAnnex) -> None:
    assert nsg_annex.anomalies == []
    assert nsg_annex.undotted == ["1.B.2.c.3"]
    assert nsg_annex.empty_groups == ["1.C", "2.D", "3.C", "4.C", "4.D", "5.C", "6.B", "6.D"]
    # Read on pages 1-5, 3-5 and 5-1: each is a note's own list, not the next entry.
    assert [m.split(":")[0] for m in nsg_annex.note_markers_in_sequence] == [
        "p. 1-5",
        "p. 3-5",
        "p. 5-1",
    ]


# -- concordance test data --------------------------------------------------------------------


def test_concordance_names_entries_that_exist(
    mtcr: dict[str, ControlEntry], nsg: dict[str, ControlEntry]
) -> None:
    rows = yaml.safe_load(CONCORDANCE.read_text("utf-8"))
    assert len(rows) == 10
    eu_text = (need_shared_data() / "no/liste-ii-dual-use-2021.txt").read_text("utf-8")
    for row in rows:
        assert set(row) == {"national_list", "national_code", "regime", "regime_code", "why"}
        assert row["national_list"] == "eu" and row["why"].strip()
        assert re.search(rf"^{row['national_code']}\s", eu_text, re.MULTILINE), row
        entries = mtcr if row["regime"] == "mtcr" else nsg
        assert any(e.code == row["regime_code"] for e in entries.values()), row
        hundreds = int(row["national_code"][2])
        assert hundreds == (1 if row["regime"] == "mtcr" else 2), row


# -- bad input ----------------------------------------------------------------------------------


def _docx(tmp_path: Path, *paragraphs: str) -> Path:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    path = tmp_path / "annex.docx"
    document.save(str(path))
    return path


def test_mtcr_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "annex.docx"
    path.write_bytes(b"")
    with pytest.raises(ParseError, match=r"annex\.docx is empty"):
        _parse(MTCR, path)


def test_mtcr_pdf_instead_of_docx() -> None:
    with pytest.raises(ParseError, match="is a PDF, not the Word file"):
        _parse(MTCR, _path(MTCR).with_suffix(".pdf"))


def test_mtcr_not_a_word_file(tmp_path: Path) -> None:
    path = tmp_path / "annex.docx"
    path.write_text("1.A.1. Complete rocket systems\n", "utf-8")
    with pytest.raises(ParseError, match=r"is not a Word \.docx file"):
        _parse(MTCR, path)


def test_mtcr_truncated_file(tmp_path: Path) -> None:
    path = tmp_path / "annex.docx"
    path.write_bytes(_path(MTCR).read_bytes()[:60_000])
    with pytest.raises(ParseError, match=r"is not a complete \.docx file \(truncated\?\)"):
        _parse(MTCR, path)


def test_mtcr_another_document(tmp_path: Path) -> None:
    path = _docx(tmp_path, "Minutes of the plenary", "8th October 2021")
    with pytest.raises(ParseError, match="not the MTCR Equipment, Software and Technology Annex"):
        _parse(MTCR, path)


def test_mtcr_annex_without_its_items(tmp_path: Path) -> None:
    path = _docx(tmp_path, "MTCR/TEM/2021/Annex", "8th October 2021", "1.A.1.\tRockets")
    with pytest.raises(ParseError, match=r"lacks Items 1, 2, 3, 4, 5 \.\.\. of the MTCR Annex"):
        _parse(MTCR, path)


def test_mtcr_edition_must_match_the_metadata() -> None:
    meta = get_source(MTCR).meta.model_copy(update={"edition_date": date(2023, 6, 1)})
    with pytest.raises(ParseError, match="of 2021-10-08, not the edition of 2023-06-01"):
        _parse(MTCR, _path(MTCR), meta)


def test_nsg_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "annex.pdf"
    path.write_bytes(b"")
    with pytest.raises(ParseError, match=r"annex\.pdf is empty"):
        _parse(NSG, path)


def test_nsg_word_file_instead_of_pdf() -> None:
    with pytest.raises(ParseError, match=r"is not a PDF \(it starts with b'PK"):
        _parse(NSG, _path(MTCR))


def test_nsg_truncated_file(tmp_path: Path) -> None:
    path = tmp_path / "annex.pdf"
    path.write_bytes(_path(NSG).read_bytes()[:200_000])
    with pytest.raises(ParseError, match="is not a readable PDF"):
        _parse(NSG, path)


def test_nsg_another_pdf() -> None:
    with pytest.raises(ParseError, match=r"not the NSG Guidelines Part 2"):
        _parse(NSG, _path(MTCR).with_suffix(".pdf"))


def test_nsg_copy_that_stops_early(tmp_path: Path) -> None:
    source = pdfium.PdfDocument(_path(NSG))
    copy = pdfium.PdfDocument.new()
    try:
        copy.import_pages(source, list(range(35)))  # up to page 2-7
        path = tmp_path / "annex.pdf"
        copy.save(path)
    finally:
        copy.close()
        source.close()
    with pytest.raises(ParseError, match="lacks categories 3, 4, 5, 6 of the NSG Part 2 Annex"):
        _parse(NSG, path)


def test_nsg_revision_must_match_the_metadata() -> None:
    meta = get_source(NSG).meta.model_copy(
        update={"title": "NSG Part 2 (INFCIRC/254/Rev.13/Part 2)"}
    )
    with pytest.raises(ParseError, match=r"is INFCIRC/254/Rev\.12/Part 2, not the revision"):
        _parse(NSG, _path(NSG), meta)
