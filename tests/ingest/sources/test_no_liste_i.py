"""Norway's Liste I (2020) = the EU Common Military List of 17 February 2020 (one PDF, 48 pages).

Facts asserted here were read in the document itself, as text lines with the x position of
their first character (pypdfium2): the title page states "Denne liste er i samsvar med EU Common
Common Military List vedtatt 17. februar 2020"; ML1 starts on page 3 and ML22 on page 42; the
definitions follow on page 43. The first-level counts (ML1.a, ML1.b...) were checked against an
independent count of the lettered lines at the entries' indentation, and the set of codes
against the Wassenaar Munitions List of 2025, which differs only where the list changed after
2020 (ML7.d.1-6 left the list; ML10.j and ML13.c.1-3 were added).
"""

from __future__ import annotations

import ctypes
from collections import Counter
from pathlib import Path

import pypdfium2 as pdfium  # type: ignore[import-untyped, unused-ignore]
import pypdfium2.raw as pdfium_c  # type: ignore[import-untyped, unused-ignore]
import pytest
from helpers import need_shared_data

from graph_schema.codes import CodeSystem, parse_code
from graph_schema.model import ControlEntry, ControlList, Issues, ParentOf, Record
from ingest.registry import get_source
from ingest.runner import build_batch, check_expectations, count_records
from ingest.sources.base import ParseError
from ingest.sources.no_liste_i import parser
from ingest.sources.no_liste_i.parser import MilitaryList

NORWAY = "no-liste-i"
EU = "eu-military-2020"

#: Entries (the item and every sub-item) per ML heading, read from pages 3-42.
ENTRIES_PER_ITEM = {
    "ML1": 15,
    "ML2": 12,
    "ML3": 3,
    "ML4": 8,
    "ML5": 8,
    "ML6": 11,
    "ML7": 58,
    "ML8": 237,
    "ML9": 34,
    "ML10": 18,
    "ML11": 4,
    "ML12": 3,
    "ML13": 9,
    "ML14": 1,
    "ML15": 7,
    "ML16": 1,
    "ML17": 22,
    "ML18": 3,
    "ML19": 7,
    "ML20": 3,
    "ML21": 12,
    "ML22": 8,
}
#: First-level sub-items (ML1.a, ML1.b...) per heading; ML14 and ML16 have none.
FIRST_LEVEL_PER_ITEM = {
    "ML1": 4,
    "ML2": 4,
    "ML3": 2,
    "ML4": 3,
    "ML5": 4,
    "ML6": 2,
    "ML7": 9,
    "ML8": 8,
    "ML9": 8,
    "ML10": 9,
    "ML11": 3,
    "ML12": 2,
    "ML13": 4,
    "ML15": 6,
    "ML17": 16,
    "ML18": 2,
    "ML19": 6,
    "ML20": 2,
    "ML21": 3,
    "ML22": 2,
}
NOT_USED = {
    "ML2.d",
    "ML8.a.32.g",
    "ML8.a.34",
    "ML8.b.2",
    "ML8.g.4",
    "ML9.e",
    "ML10.b",
    "ML22.b.3",
    "ML22.b.4",
}


def _path() -> Path:
    return need_shared_data() / get_source(NORWAY).meta.file


def _parse(source: str, path: Path) -> list[Record]:
    definition = get_source(source)
    return list(definition.parse(path, definition.meta))


@pytest.fixture(scope="module")
def military() -> MilitaryList:
    return parser.read(_path())


@pytest.fixture(scope="module")
def records() -> list[Record]:
    return _parse(NORWAY, _path())


@pytest.fixture(scope="module")
def eu_records() -> list[Record]:
    return _parse(EU, _path())


@pytest.fixture(scope="module")
def entries(records: list[Record]) -> dict[str, ControlEntry]:
    return {r.canonical: r for r in records if isinstance(r, ControlEntry)}


# -- the list as a whole ----------------------------------------------------------------------


def test_counts_per_item(entries: dict[str, ControlEntry]) -> None:
    every = Counter(e.canonical.split(".", 1)[0] for e in entries.values())
    first = Counter(e.canonical.split(".", 1)[0] for e in entries.values() if e.level == 1)
    assert [e.canonical for e in entries.values() if e.level == 0] == [
        f"ML{n}" for n in range(1, 23)
    ]
    assert dict(every) == ENTRIES_PER_ITEM
    assert dict(first) == FIRST_LEVEL_PER_ITEM
    assert len(entries) == 484
    assert max(e.level for e in entries.values()) == 4  # ML8.c.5.a.1, ML7.b.2.a.1


def test_counts_meet_the_source_expectations(records: list[Record]) -> None:
    counts = count_records(records)
    check_expectations(get_source(NORWAY).meta, counts)
    check_expectations(get_source(EU).meta, counts)
    assert counts["PARENT_OF"] == 484 - 22


def test_build_batch_on_the_real_file() -> None:
    for source in (NORWAY, EU):
        batch, counts = build_batch(get_source(source), _path())
        assert counts["ControlEntry"] == 484
        assert batch.source_id == source


def test_structure_has_no_anomalies(military: MilitaryList) -> None:
    assert military.anomalies == []
    assert parser.validate(military.entries) == []


def test_validate_reports_gaps_and_depth() -> None:
    codes = ["ML1", "ML1.a", "ML1.c", "ML1.c.2", "ML2", "ML2.1"]
    drafts = {c: parser.Draft(code=parse_code(c, CodeSystem.MUNITIONS), page=1) for c in codes}
    assert parser.validate(drafts) == [
        "items are not ML1 to ML22 in order: ML1, ML2",
        "ML1: c where b was expected",
        "ML1.c: 2 where 1 was expected",
        "ML2.1: a letter is expected at this depth",
    ]


def test_title_page_statement_and_footers(military: MilitaryList) -> None:
    assert military.adopted.isoformat() == "2020-02-17"
    assert military.year == "2020"


def test_norway_list(records: list[Record]) -> None:
    (control_list,) = [r for r in records if isinstance(r, ControlList)]
    assert control_list.id == "list:no-military:2020"
    assert control_list.issuer == "country:NO"
    assert control_list.numbering == "munitions"
    assert control_list.edition == "2020"
    assert control_list.edition_date.isoformat() == "2020-02-17"
    assert "Liste I" in control_list.title
    assert [(r.source, r.target) for r in records if isinstance(r, Issues)] == [
        ("country:NO", "list:no-military:2020")
    ]


def test_eu_list_has_the_same_entries_under_its_own_id(
    records: list[Record], eu_records: list[Record]
) -> None:
    (eu_list,) = [r for r in eu_records if isinstance(r, ControlList)]
    assert eu_list.id == "list:eu-military:2020-02-17"
    assert eu_list.issuer == "regime:eu"
    assert eu_list.title == (
        "Common Military List of the European Union (adopted by the Council on 17 February 2020)"
    )
    assert eu_list.source_url.startswith("https://eur-lex.europa.eu/")
    norway = [r for r in records if isinstance(r, ControlEntry)]
    eu = [r for r in eu_records if isinstance(r, ControlEntry)]
    assert [e.canonical for e in eu] == [e.canonical for e in norway]
    assert [(e.text, e.notes, e.status, e.page) for e in eu] == [
        (e.text, e.notes, e.status, e.page) for e in norway
    ]
    assert {e.list_id for e in eu} == {"list:eu-military:2020-02-17"}
    assert {e.list_id for e in norway} == {"list:no-military:2020"}
    assert eu[0].id == "entry:eu-military:2020-02-17:ML1"
    assert norway[0].id == "entry:no-military:2020:ML1"


def test_list_key_comes_from_the_issuer() -> None:
    assert parser.list_key(get_source(NORWAY).meta) == "no-military"
    assert parser.list_key(get_source(EU).meta) == "eu-military"


def test_hierarchy_edges(records: list[Record], entries: dict[str, ControlEntry]) -> None:
    edges = {(r.source, r.target) for r in records if isinstance(r, ParentOf)}
    assert ("entry:no-military:2020:ML8.c.5", "entry:no-military:2020:ML8.c.5.a") in edges
    assert entries["ML8.c.5.a.1"].parent == "ML8.c.5.a"
    assert entries["ML22.b.3"].parent == "ML22.b"
    assert entries["ML1"].parent is None


def test_statuses(entries: dict[str, ControlEntry]) -> None:
    assert {c for c, e in entries.items() if e.status == "not-used"} == NOT_USED
    assert entries["ML2.d"].text == "Not used since 2019."  # page 5
    assert entries["ML10.b"].text == "Not used since 2011;"  # page 28
    assert {e.status for c, e in entries.items() if c not in NOT_USED} == {"active"}


def test_page_furniture_and_definitions_stay_out(entries: dict[str, ControlEntry]) -> None:
    for entry in entries.values():
        for text in (entry.text, *entry.notes):
            assert "Forsvarsrelaterte varer" not in text  # the footer
            assert "....." not in text  # the table of contents
            assert "DEFINITIONS" not in text
            assert "\ufffe" not in text
    # The definition of "Aircraft" (page 43) is no entry text or note.
    assert not any("swivel wing" in t for e in entries.values() for t in (e.text, *e.notes))


# -- entries read in the document -------------------------------------------------------------


def test_ml1_and_ml1_a(entries: dict[str, ControlEntry]) -> None:
    ml1 = entries["ML1"]
    assert ml1.page == 3
    assert ml1.heading == ml1.text
    assert ml1.text.startswith("Smooth-bore weapons with a calibre of less than 20 mm")
    assert ml1.text.endswith("as follows, and specially designed components therefor:")
    assert ml1.notes[0].startswith("Note ML1. does not apply to: a. Firearms specially designed")
    assert ml1.notes[0].endswith('d. "Deactivated firearms".')
    a = entries["ML1.a"]
    assert (a.code, a.page, a.level, a.parent) == ("ML1.a", 3, 1, "ML1")
    assert a.text == "Rifles and combination guns, handguns, machine, sub-machine and volley guns;"
    (note,) = a.notes
    assert note.startswith("Note ML1.a. does not apply to the following: a. Rifles and")
    assert note.endswith("1. Slaughtering of domestic animals; or 2. Tranquilising of animals.")
    # Note ML1.b.'s own a.-d. list (pages 3-4) does not become entries: ML1.c follows on page 4.
    assert entries["ML1.c"].text == "Weapons using caseless ammunition;"
    assert entries["ML1.c"].page == 4
    assert (
        entries["ML1.b"]
        .notes[0]
        .endswith("N.B. For disruptors, see ML4. and entry 1A006 on the EU Dual-Use List.")
    )


def test_ml10_a_and_its_notes(entries: dict[str, ControlEntry]) -> None:
    a = entries["ML10.a"]
    assert a.page == 28
    assert a.text == (
        'Manned "aircraft" and "lighter-than-air vehicles", and specially designed components '
        "therefor;"
    )
    # Notes 1, 3, 4 and 5 after ML10.i (pages 28-29) name ML10.a; Notes 2 and 6 name ML10.d.
    assert [n.split(" ", 2)[1] for n in a.notes] == ["1", "3", "4", "5"]
    assert [n.split(" ", 2)[1] for n in entries["ML10.d"].notes] == ["2", "6"]
    assert entries["ML10.i"].notes == []
    assert entries["ML10.f"].notes == [
        "Technical Note 'Ground equipment' includes pressure refuelling equipment and equipment "
        "designed to facilitate operations in confined areas."
    ]


def test_ml22(entries: dict[str, ControlEntry]) -> None:
    ml22 = entries["ML22"]
    assert (ml22.page, ml22.text) == (42, '"Technology" as follows:')
    assert [n[:6] for n in ml22.notes] == ["Note 1", "Note 2"]
    assert ml22.notes[1].startswith("Note 2 ML22 does not apply to: a.")
    # ML22.b and ML22.b.3/4 start at the page margin in this file (page 42).
    assert entries["ML22.b"].text == '"Technology" as follows:'
    assert entries["ML22.b.3"].notes == [
        'N.B. See ML22.a. for "technology" previously specified by ML22.b.3.'
    ]
    assert entries["ML22.b.5"].text.startswith('"Technology" "required" exclusively')


def test_deep_entries_and_long_runs(entries: dict[str, ControlEntry]) -> None:
    assert entries["ML8.a.43"].text == (
        "TKX-50 (Dihydroxylammonium 5,5'-bistetrazole-1,1'-diolate);"
    )  # page 18
    assert entries["ML8.a.43"].page == 18
    assert entries["ML7.b.2.a.9"].text == "Bis (2-chloroethylthioethyl) ether (CAS 63918-89-8);"
    assert entries["ML8.c.5.a.1"].text == (
        "Beryllium (CAS 7440-41-7) in particle sizes of less than 60 μm;"
    )
    assert entries["ML8.f.4.o"].page == 22
    assert entries["ML9.a.2.d.4"].text == (
        "A degaussing system designed to reduce the magnetic signature of the whole vessel;"
    )


def test_notes_go_to_the_entry_they_name(entries: dict[str, ControlEntry]) -> None:
    # Page 9: the Note on ML5.c sits left of the entries, then ML5.d follows.
    assert entries["ML5.c"].notes == [
        "Note For the purposes of ML5.c., countermeasure equipment includes detection equipment."
    ]
    assert entries["ML5.d"].notes == []
    # Page 7: a Technical Note headed alone is placed by its first line.
    assert (
        entries["ML4.b.2"]
        .notes[0]
        .startswith("Technical Note: For the purpose of ML4.b.2. 'activities' applies to handling")
    )
    # Page 14: Note 1 after ML7.i.2.c names ML7.b (and ML7.d).
    assert entries["ML7.b"].notes[0].startswith("Note 1 ML7.b. and ML7.d. do not apply")
    assert entries["ML7.i.2.c"].notes == []
    # Page 23: 'Note Item ML.8.f.17.b. includes:'.
    assert entries["ML8.f.17.b"].notes[0].startswith("Note Item ML.8.f.17.b. includes: a.")
    # Page 32: notes naming nothing go where their indentation puts them.
    assert entries["ML13.a"].notes == ["N.B. For body armour plates, see ML13.d.2."]
    assert entries["ML13.c"].notes[0].startswith("N.B. For other military helmet components")


def test_notes_keep_their_own_lists_and_nested_notes(entries: dict[str, ControlEntry]) -> None:
    # Note 1 to ML8 (pages 24-25) runs a. to dd.; its items are no entries.
    note1 = entries["ML8"].notes[3]
    assert note1.startswith("Note 1 ML8 does not apply to the following substances")
    assert "aa. 2-Nitrodiphenylamine (2-NDPA)(CAS 119-75-5);" in note1
    assert note1.endswith(
        "dd. Nitroguanidine (CAS 556-88-7) (see entry 1C011.d. on the EU Dual-Use List)."
    )
    # An N.B. indented inside Note ML15. (page 34) is part of it.
    assert entries["ML15"].notes == [
        'Note ML15. does not apply to "first generation image intensifier tubes" or equipment '
        'specially designed to incorporate "first generation image intensifier tubes". '
        'N.B. For the classification of weapons sights incorporating "first generation image '
        'intensifier tubes" see ML1, ML2. and ML5.a.',
        "N.B. See also entries 6A002.a.2. and 6A002.b. on the EU Dual-Use List.",
    ]
    # Technical Notes numbered at their own indentation (page 26) are no entries either.
    assert entries["ML9.a.2.c"].notes[0].startswith("Technical Notes 1. 'CBRN protection'")
    assert "ML9.a.2.c.3" not in entries
    assert sum(len(e.notes) for e in entries.values()) == 109


def test_text_mends(entries: dict[str, ControlEntry]) -> None:
    # A subscript on a line of its own (page 19) and superscripts (page 41) joined back.
    assert entries["ML8.c.9"].text == (
        "Titanium subhydride (TiHn) of stoichiometry equivalent to n = 0,65-1,68;"
    )
    assert "(C3I) or Command" in entries["ML21.b.4"].text
    assert "(C4I) applications;" in entries["ML21.b.4"].text
    # Spaces the text layer lacks (pages 14 and 41).
    assert entries["ML21.c"].text.startswith('"Software", not specified by ML21.a. or ML21.b.,')
    assert "contaminated with materials specified" in entries["ML7.f.2"].text
    # Words broken at a line end: soft hyphens go, compounds keep theirs.
    assert "equipment simulating the characteristics" in entries["ML4.a"].text  # page 7
    assert "3-Nitratomethyl-3-methyloxetane" in entries["ML8.e.16"].text  # page 21
    assert "fibre-optic connectors" in entries["ML9.f"].notes[0]  # page 27
    assert "limited to non-military defensive" in entries["ML21.b.5"].notes[1]  # page 41
    assert "deton" + "ating" in entries["ML4.b.2"].notes[0]
    # A CAS number broken after its hyphen (page 16).
    assert entries["ML8.a.1"].text.endswith("(CAS 97096-78-1);")


def test_parameters_use_decimal_commas(entries: dict[str, ControlEntry]) -> None:
    # ML1 (page 3): 'calibre of 12,7 mm (calibre 0,50 inches)'; ML9.b.2.a (page 26):
    # 'Power output of more than 0,75 MW (1 000 hp)'.
    assert ("calibre", 12.7, "mm") in [
        (p.quantity, p.value, p.unit) for p in entries["ML1"].parameters
    ]
    assert [(p.comparator, p.value, p.unit) for p in entries["ML9.b.2.a"].parameters] == [
        (">", 0.75, "MW")
    ]


# -- bad input ---------------------------------------------------------------------------------


#: A line of text placed at (x, y) on a page.
_Text = tuple[float, float, str]


def _pdf(path: Path, pages: list[list[_Text]]) -> Path:
    """A small PDF with the given text lines (x, y, text) per page, in Helvetica."""
    pdf = pdfium.PdfDocument.new()
    font = pdfium_c.FPDFText_LoadStandardFont(pdf.raw, b"Helvetica")
    for lines in pages:
        page = pdf.new_page(595, 842)
        for x, y, text in lines:
            obj = pdfium_c.FPDFPageObj_CreateTextObj(pdf.raw, font, 10.0)
            buffer = ctypes.create_string_buffer((text + "\0").encode("utf-16-le"))
            pdfium_c.FPDFText_SetText(obj, ctypes.cast(buffer, ctypes.POINTER(pdfium_c.FPDF_WCHAR)))
            pdfium_c.FPDFPageObj_Transform(obj, 1, 0, 0, 1, x, y)
            pdfium_c.FPDFPage_InsertObject(page.raw, obj)
        pdfium_c.FPDFPage_GenerateContent(page.raw)
    pdf.save(path)
    pdf.close()
    return path


def _title(date: str = "17. februar 2020") -> list[_Text]:
    return [
        (70, 760, "Liste I - forsvarsrelaterte varer (2020)"),
        (70, 740, f"Denne liste er i samsvar med EU Common Military List vedtatt {date}"),
        (230, 22, "Liste I- Forsvarsrelaterte varer 2020 1"),
    ]


def _mini_list() -> list[list[_Text]]:
    """A made-up list in Liste I's layout: ML1 with a note and its own list, then ML2-ML22."""
    first: list[_Text] = [
        (68, 780, "ML1 Weapons, as follows:"),
        (119, 765, "a. Rifles;"),
        (130, 750, "Note ML1.a. does not apply to the following:"),
        (156, 735, "a. Old rifles;"),
        (156, 720, "b. Reproductions;"),
        (119, 705, "b. Smooth-bore weapons as follows:"),
        (131, 690, "1. Military ones;"),
        (131, 675, "2. Others."),
        (119, 660, "Technical Note"),
        (119, 645, "For the purpose of ML1.b.1., 'military' means what it says."),
        (230, 22, "Liste I- Forsvarsrelaterte varer 2020 2"),
    ]
    rest: list[_Text] = [(68, 620 - 25 * n, f"ML{n} Equipment number {n}.") for n in range(2, 23)]
    return [_title(), first + rest]


def test_a_made_up_list_in_the_same_layout(tmp_path: Path) -> None:
    path = _pdf(tmp_path / "mini.pdf", _mini_list())
    records = _parse(NORWAY, path)
    found = {r.canonical: r for r in records if isinstance(r, ControlEntry)}
    assert list(found)[:5] == ["ML1", "ML1.a", "ML1.b", "ML1.b.1", "ML1.b.2"]
    assert len(found) == 5 + 21
    assert found["ML1.a"].notes == [
        "Note ML1.a. does not apply to the following: a. Old rifles; b. Reproductions;"
    ]
    assert found["ML1.b.1"].notes == [
        "Technical Note For the purpose of ML1.b.1., 'military' means what it says."
    ]
    assert found["ML22"].text == "Equipment number 22."
    assert all(e.page == 2 for e in found.values())


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.pdf"
    path.write_bytes(b"")
    with pytest.raises(ParseError, match=r"empty\.pdf is empty"):
        _parse(NORWAY, path)


def test_not_a_pdf(tmp_path: Path) -> None:
    path = tmp_path / "liste-i.pdf"
    path.write_text("ML1 Smooth-bore weapons\n", encoding="utf-8")
    with pytest.raises(ParseError, match=r"is not a PDF \(it starts with b'ML1 Smooth"):
        _parse(NORWAY, path)


def test_truncated_file(tmp_path: Path) -> None:
    whole = _pdf(tmp_path / "whole.pdf", _mini_list()).read_bytes()
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(ParseError, match=r"cut\.pdf is truncated: its last 1 KB has no '%%EOF'"):
        _parse(NORWAY, cut)


def test_damaged_file(tmp_path: Path) -> None:
    path = tmp_path / "damaged.pdf"
    path.write_bytes(b"%PDF-1.7\n" + b"\x00" * 2000 + b"\n%%EOF\n")
    with pytest.raises(ParseError, match=r"damaged\.pdf is not a readable PDF"):
        _parse(NORWAY, path)


def test_list_that_stops_early(tmp_path: Path) -> None:
    pages = _mini_list()
    pages[1] = [line for line in pages[1] if not line[2].startswith(("ML12 ", "ML2 "))]
    path = _pdf(tmp_path / "short.pdf", pages)
    with pytest.raises(ParseError, match=r"short.pdf \(2 pages\) stops before ML2: the file is"):
        _parse(NORWAY, path)


def test_pdf_that_is_not_the_military_list(tmp_path: Path) -> None:
    path = _pdf(tmp_path / "other.pdf", [[(70, 760, "Annual report 2020")]])
    with pytest.raises(ParseError, match="does not say on its first page which EU Common"):
        _parse(NORWAY, path)


def test_norway_liste_ii_is_refused() -> None:
    liste_ii = need_shared_data() / "no" / "liste-ii-dual-use-2021.pdf"
    with pytest.raises(ParseError, match="not Norway's Liste I"):
        _parse(EU, liste_ii)


def test_another_edition_is_refused(tmp_path: Path) -> None:
    pages = _mini_list()
    pages[0] = _title("24. februar 2021")
    path = _pdf(tmp_path / "2021.pdf", pages)
    with pytest.raises(ParseError, match="matches the Common Military List of 2021-02-24, not"):
        _parse(EU, path)
