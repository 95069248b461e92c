"""The SCOMET parser on the real PDF (DGFT Appendix 3, updated as on 2024-09-02).

Expected codes, texts and pages were read from the PDF itself (its pypdfium2 text layer dumped
line by line with page numbers, and page renders of pp. 60, 148, 187 and 188), not from the
parser's output. Page numbers are the PDF's page indexes (1-based).
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pypdfium2 as pdfium  # type: ignore[import-untyped, unused-ignore]
import pytest
from helpers import need_shared_data

from graph_schema.codes import CodeError, CodeSystem, parse_code, wassenaar_equivalent
from graph_schema.model import Contains, ControlEntry, ControlList, Issues, ParentOf, Record
from ingest.registry import get_source
from ingest.runner import build_batch
from ingest.sources.base import ParseError

SOURCE = "in-scomet"
LIST_ID = "list:in:2024-09-02"
#: The form ingest/alignment/ reads a stated correspondence in (``origin._STATED``).
STATED = re.compile(r"^Corresponds to:\s*(?P<regime>[a-z-]+)\s+(?P<code>\S+)\s*$")


def _parse(path: Path) -> list[Record]:
    definition = get_source(SOURCE)
    return list(definition.parse(path, definition.meta))


@pytest.fixture(scope="module")
def pdf_path() -> Path:
    return need_shared_data() / get_source(SOURCE).meta.file


@pytest.fixture(scope="module")
def records(pdf_path: Path) -> list[Record]:
    return _parse(pdf_path)


@pytest.fixture(scope="module")
def entries(records: list[Record]) -> dict[str, ControlEntry]:
    return {r.canonical: r for r in records if isinstance(r, ControlEntry)}


def _corresponds(entry: ControlEntry) -> list[str]:
    return [n for n in entry.notes if n.startswith("Corresponds to:")]


# ---------------------------------------------------------------------------------------------
# The list and its counts


def test_one_list_issued_by_india(records: list[Record]) -> None:
    (control_list,) = [r for r in records if isinstance(r, ControlList)]
    assert control_list.id == LIST_ID
    assert control_list.issuer == "country:IN"
    assert control_list.numbering == "scomet"
    assert str(control_list.edition_date) == "2024-09-02"
    assert [(r.source, r.target) for r in records if isinstance(r, Issues)] == [
        ("country:IN", LIST_ID)
    ]


def test_items_per_category(entries: dict[str, ControlEntry]) -> None:
    # Three-digit item codes at line starts of pp. 41-366, counted in the text layer: Category 1
    # holds the 1B/1C/1D/1E tables (41 + 17 + 50 + 2), Category 2 the agents 2A001-2H001.
    items = Counter(e.category for c, e in entries.items() if re.fullmatch(r"\d[A-H]\d{3}", c))
    assert items == {
        "0": 32,
        "1": 110,
        "2": 201,
        "3": 72,
        "4": 45,
        "5": 47,
        "6": 22,
        "8": 172,
    }
    assert "7" not in {e.category for e in entries.values()}  # Category 7 is reserved


def test_entries_per_category_within_ranges(entries: dict[str, ControlEntry]) -> None:
    # Items plus headings plus lettered/numbered paragraphs; ranges allow small changes in how
    # paragraphs are read, but not a lost page.
    per_category = Counter(e.category for e in entries.values())
    expected = {
        "0": (160, 175),
        "1": (145, 145),  # no paragraphs in Category 1: 5 groups, 30 serial rows, 110 items
        "2": (210, 218),
        "3": (335, 360),
        "4": (310, 340),
        "5": (135, 150),
        "6": (470, 510),
        "8": (1960, 2090),
    }
    for category, (low, high) in expected.items():
        assert low <= per_category[category] <= high, (category, per_category[category])
    assert 3750 <= len(entries) <= 3970


def test_headings_are_entries_and_parents(entries: dict[str, ControlEntry]) -> None:
    headings = {c for c in entries if re.fullmatch(r"\d[A-H]\d?", c)}
    # Groups of Categories 0-5 (0A..5E) and the sub-categories 0A1-0A3, 3A1-3A5, 5A1-5A3 and
    # Category 8's 8A1..8E9 (45; 8C9 "AEROSPACE AND PROPULSION (MATERIALS) – (Reserved)", p. 359).
    assert len([h for h in headings if h[0] == "8"]) == 45
    assert entries["8C9"].status == "reserved"
    assert {"0A", "0A1", "0A2", "0A3", "0B", "0C", "2E", "2F", "2G", "2H", "5B", "5E"} <= headings
    assert {"3A1", "3A2", "3A3", "3A4", "3A5", "5A1", "5A2", "5A3"} <= headings
    assert entries["0A1"].parent == "0A"
    assert entries["0A101"].parent == "0A1"
    assert entries["0B001"].parent == "0B"
    assert entries["3A102"].parent == "3A1"
    assert entries["8A101"].parent == "8A1"
    assert entries["8E903"].parent == "8E9"
    # Category 6 has no group heading in the PDF, so its items are roots.
    assert entries["6A001"].parent is None


def test_hierarchy_edges_match_parents(
    records: list[Record], entries: dict[str, ControlEntry]
) -> None:
    edges = {(r.source, r.target) for r in records if isinstance(r, ParentOf)}
    prefix = f"entry:{LIST_ID.removeprefix('list:')}:"
    with_parent = {(prefix + e.parent, e.id) for e in entries.values() if e.parent}
    assert edges == with_parent
    assert all(e.parent in entries for e in entries.values() if e.parent)
    assert sum(isinstance(r, Contains) for r in records) == len(entries)


# ---------------------------------------------------------------------------------------------
# Entries read from the PDF


def test_category_0_natural_uranium(entries: dict[str, ControlEntry]) -> None:
    # p. 41: "0A PRESCRIBED SUBSTANCES", "0A1 Source Material", "0A101 Uranium containing..."
    entry = entries["0A101"]
    assert entry.code == "0A101"
    assert entry.text == "Uranium containing the mixture of isotopes occurring in nature."
    assert entry.page == 41
    assert entries["0A1"].heading == "Source Material"
    assert entries["0A"].heading == "PRESCRIBED SUBSTANCES"


def test_category_0_paragraph_set_at_the_wrong_indentation(
    entries: dict[str, ControlEntry],
) -> None:
    # p. 50: "c. Especially designed or prepared assemblies ... gaseous diffusion enrichment" is
    # indented like 0B005.b.2.a-b but is 0B005's own paragraph c (a-j run down pp. 48-53).
    assert entries["0B005.c"].text.startswith(
        "Especially designed or prepared assemblies and components for use in gaseous"
    )
    assert entries["0B005.c.1"].text.startswith("Gaseous diffusion barriers")
    assert "0B005.b.2.c" not in entries
    assert {f"0B005.{x}" for x in "abcdefghij"} <= set(entries)


def test_category_1_cwc_correspondences(entries: dict[str, ControlEntry]) -> None:
    # p. 55: 1A "(This corresponds to Schedule 1 to the Chemical Weapons Convention (CWC))",
    # rows (1)-(8), (13)-(16) toxic chemicals, p. 57: (9)-(12) "Schedule 1 CWC Precursors".
    assert "corresponds to Schedule 1" in entries["1A"].text
    sarin = entries["1A1"]
    assert sarin.code == "1A (1)"
    assert "Sarin: O-Isopropy1 methylphosphonofluoridate (107-44-8)" in sarin.text
    assert _corresponds(sarin) == ["Corresponds to: cwc 1A01"]
    assert _corresponds(entries["1A9"]) == ["Corresponds to: cwc 1B09"]
    assert entries["1A9"].text.startswith("Alkyl (Me, Et, n-Pr or I-Pr) phosphonyldifluorides")
    # p. 58: 1B "(This corresponds to Schedule 2 ...)", (1) Amiton; the list is printed twice
    # (pp. 58-60) and read once.
    assert _corresponds(entries["1B1"]) == ["Corresponds to: cwc 2A01"]
    assert sorted(c for c in entries if re.fullmatch(r"1B\d{1,2}", c)) == sorted(
        f"1B{n}" for n in range(1, 15)
    )
    # p. 60, table column "Entry into Schedule": 1B001 ... 2B10, 1B010 ... 2A01.
    assert entries["1B001"].text.startswith("2-Chloro N, N -Di-isopropyl ethylamine")
    assert _corresponds(entries["1B001"]) == ["Corresponds to: cwc 2B10"]
    assert entries["1B010"].text.startswith("Phosphorothioic acid, S [2-(diethylamino)")
    assert _corresponds(entries["1B010"]) == ["Corresponds to: cwc 2A01"]
    assert entries["1B025"].status == "reserved"
    # p. 62: "1 1C001 Phosgene : ( Carbonyl dichloride) 3A01"; p. 65: "1E 004 Chloropicrin 3A04".
    assert entries["1C001"].text.startswith("Phosgene : ( Carbonyl dichloride)")
    assert _corresponds(entries["1C001"]) == ["Corresponds to: cwc 3A01"]
    assert _corresponds(entries["1E004"]) == ["Corresponds to: cwc 3A04"]
    assert _corresponds(entries["1E016"]) == ["Corresponds to: cwc 3B16"]
    # p. 63: the 1D table has no CWC column.
    assert entries["1D001"].text == "2-Chloroethanol (107-07-3)"
    assert _corresponds(entries["1D001"]) == []


def test_every_correspondence_is_machine_readable(entries: dict[str, ControlEntry]) -> None:
    stated = [(c, n) for c, e in entries.items() for n in _corresponds(e)]
    # 16 (1A) + 14 (1B serials) + 37 (1B table, less 3 reserved and "Others") + 15 (1C, less 2
    # reserved) + 2 (1E).
    assert len(stated) == 84
    for _, note in stated:
        found = STATED.match(note)
        assert found is not None and found["regime"] == "cwc"
        assert re.fullmatch(r"[123][AB]\d{2}", found["code"])
    assert {c[0] for c, _ in stated} == {"1"}


def test_category_2_groups_beyond_e(entries: dict[str, ControlEntry]) -> None:
    # p. 72: " 2F004 Botulinum neurotoxins" with a Note; p. 74: "2H00111" is 2H001 + footnote 11
    # (p. 75: "11 Para 1(C) of Notification No. 29/2015-20 dated 21.09.2017").
    toxin = entries["2F004"]
    assert toxin.text == "Botulinum neurotoxins"
    assert toxin.notes[0].startswith("Note Excluding botulinum neurotoxins in product form")
    assert toxin.parent == "2F"
    gmo = entries["2H001"]
    assert (
        gmo.text
        == "Any genetically-modified organism which contains, or genetic element that codes for:"
    )
    assert "Footnote 11: Para 1(C) of Notification No. 29/2015-20 dated 21.09.2017" in gmo.notes
    assert entries["2E"].status == "reserved"


def test_category_5_aerospace(entries: dict[str, ControlEntry]) -> None:
    # p. 132: "5A101 Systems for missiles and rockets, including:", Note 2 citing the MTCR.
    rockets = entries["5A101"]
    assert rockets.text == "Systems for missiles and rockets, including:"
    assert rockets.parent == "5A1"
    assert any("presumption of denial" in n and "MTCR" in n for n in rockets.notes)
    assert entries["5A101.a"].text.startswith("complete rocket systems")
    # p. 139: 5B has no numbered items; "a. i. Complete unmanned aerial vehicle systems".
    assert entries["5B.a.i"].text.startswith("Complete unmanned aerial vehicle systems")
    assert entries["5B"].heading.startswith("Unmanned aerial vehicle systems including cruise")


def test_category_6_munitions(entries: dict[str, ControlEntry]) -> None:
    # p. 147: "6A001 a. Rifles and combination guns, handguns, machine, sub-machine and volley
    # guns;" (SCOMET 6A001-6A022 follow ML1-ML22).
    rifles = entries["6A001.a"]
    assert (
        rifles.text
        == "Rifles and combination guns, handguns, machine, sub-machine and volley guns;"
    )
    assert rifles.parent == "6A001"
    assert wassenaar_equivalent(parse_code("6A001.a", CodeSystem.SCOMET)) == "ML1.a"
    # pp. 148-149: the PDF lacks 6A002's heading and paragraph a.; it resumes at "6A002 b.".
    assert entries["6A002"].text == ""
    assert "6A002.a" not in entries
    assert entries["6A002.b"].text.startswith(
        "Projectors, specially designed or modified for military use"
    )
    assert sorted(c for c in entries if re.fullmatch(r"6A\d{3}", c)) == [
        f"6A{n:03d}" for n in range(1, 23)
    ]


def test_category_8_special_materials(entries: dict[str, ControlEntry]) -> None:
    # p. 186: "8A101 Components made from fluorinated compounds, as follows:" "a. Seals, ..."
    item = entries["8A101"]
    assert item.text == "Components made from fluorinated compounds, as follows:"
    assert item.page == 186
    assert entries["8A101.a"].text.startswith(
        "Seals, gaskets, sealants or fuel bladders, specially designed for"
    )
    assert wassenaar_equivalent(parse_code("8A101.a", CodeSystem.SCOMET)) == "1A001.a"
    # p. 209: "f. "Technology" for the repair of "composite" structures, laminates or materials
    # specified by 8A102 or8C107.c ;" and its Note.
    repair = entries["8E102.f"]
    assert repair.text.startswith('"Technology" for the repair of "composite" structures')
    assert repair.parent == "8E102"
    assert repair.notes[0].startswith('Note 8E102.f does not apply to "technology"')
    # p. 211: Annex-A, the explosives list 8A108 refers to, ends with 52. TKX-50 (p. 213).
    annex = entries["8A108"].notes[-1]
    assert annex.startswith('ANNEX-A (Refer 8A108)LIST "EXPLOSIVES"')
    assert "52. TKX-50" in annex
    # p. 227: the deposition table is a note of 8E203.f, not a row of paragraphs.
    assert any(n.startswith("TABLE - DEPOSITION TECHNIQUES") for n in entries["8E203.f"].notes)
    assert not any(c.startswith("8E203.f.") for c in entries)


def test_category_8_part_2_information_security(entries: dict[str, ControlEntry]) -> None:
    # p. 279 "8A5 PART-1 TELECOMMUNICATIONS ..." and p. 287 "8A5 Part 2 - "INFORMATION
    # SECURITY"..." share one heading entry; p. 288 "8A502 "Information security" systems,
    # equipment and components, as follows:", p. 293 "8A502 c. ... "quantum cryptography";".
    heading = entries["8A5"].heading
    assert heading.startswith("PART-1 TELECOMMUNICATIONS")
    assert 'Part 2 - "INFORMATION SECURITY"' in heading
    crypto = entries["8A502"]
    assert crypto.text == '"Information security" systems, equipment and components, as follows:'
    assert crypto.parent == "8A5"
    assert crypto.page == 288
    assert (
        entries["8A502.c"].text == 'Designed or modified to use or perform "quantum cryptography";'
    )
    assert wassenaar_equivalent(parse_code("8A502.c", CodeSystem.SCOMET)) == "5A002.c"


def test_codes_run_together_by_the_text_layer(entries: dict[str, ControlEntry]) -> None:
    # p. 333 "8A602.a.1.b or 8A602.a.1.d8B603. CAMERAS – (Reserved)" and p. 336 "8A602.b, 8A608
    # or 8B608.8D603 Other "software" as follows:" each hold the next item's start.
    assert entries["8B603"].text == "CAMERAS – (Reserved)"
    assert entries["8B603"].status == "reserved"
    assert entries["8D603"].text == 'Other "software" as follows:'
    assert entries["8D602"].text.endswith("8A602.b, 8A608 or 8B608.")


def test_markers_set_without_a_space_open_entries(entries: dict[str, ControlEntry]) -> None:
    # p. 218 "b.Three or more axes ...", p. 288 "b.It is performed by incorporated equipment",
    # p. 199 "a.'Vacuum atomisation';": the PDF sets no space after these markers.
    assert entries["8B201.c.1.a"].text.endswith("along one or more linear axis; and")
    assert entries["8B201.c.1.b"].text.startswith("Three or more axes which can be coordinated")
    assert entries["8A502.a.4.b"].text.startswith("It is performed by incorporated equipment")
    assert entries["8C102.c.2.a"].text == "'Vacuum atomisation';"
    assert entries["8C102.c.2.h"].text.startswith("'Plasma atomisation'")
    assert entries["8A605.d.5.c.1"].text == 'Oxygen Iodine (O2-I) "lasers";'


def test_restated_codes_and_headings_run_into_a_line_are_split_off(
    entries: dict[str, ControlEntry],
) -> None:
    # p. 270 "... on the mask; 8B301f. 4. Equipment designed for device processing using direct
    # writing methods", p. 347 "depths exceeding 1,000 m;8A801 b. Manned, untethered
    # submersible vehicles", p. 359 "items specified by 8A912.8C9 AEROSPACE AND PROPULSION
    # (MATERIALS) – (Reserved)": the text layer runs one line into the next.
    assert entries["8B301.f.3.b.3"].text.endswith("on the mask;")
    assert entries["8B301.f.4"].text.startswith("Equipment designed for device processing")
    assert entries["8B301.f.4.b.2"].text == "An overlay error less than 27 nm (mean + 3 sigma);"
    assert entries["8A801.a"].text.endswith("depths exceeding 1,000 m;")
    assert entries["8A801.b"].text.startswith("Manned, untethered submersible vehicles")
    assert entries["8A801.b.1.b"].text == "15 kN or more;"
    # p. 161: "Detonation pressure exceeding 34 GPa (340 kbar); 33. (Reserved)": a reserved
    # paragraph run into a real one does not make it reserved.
    assert entries["6A008.a.33.2"].status == "active"
    assert entries["6A008.a.33.2"].text == "Detonation pressure exceeding 34 GPa (340 kbar);"
    assert entries["8B910"].status == "active"
    assert entries["8B910"].text.endswith("specified by 8A912.")
    assert entries["8C9"].status == "reserved"


def test_marker_after_a_stray_period_opens_an_entry(entries: dict[str, ControlEntry]) -> None:
    # p. 171: the text layer has ". 2. Electric motors specially designed for submarines" and
    # ". d. Active weapon countermeasure systems" (ML9.b.2 and ML9.a.2.d in the Wassenaar list).
    assert entries["6A009.b.1.b"].text == "Rotary speed of 700 rpm or more;"
    assert entries["6A009.b.2"].text.startswith("Electric motors specially designed for submarines")
    assert entries["6A009.b.2.b"].text == "Quick reversing;"
    assert entries["6A009.b.2.d"].text == "Totally enclosed;"
    assert entries["6A009.a.2.d"].text.startswith("Active weapon countermeasure systems")
    assert "6A009.a.2.c.2.1" not in entries


def test_codes_read_back_with_graph_schema(entries: dict[str, ControlEntry]) -> None:
    unreadable = set()
    for canonical, entry in entries.items():
        try:
            parsed = parse_code(canonical, CodeSystem.SCOMET)
        except CodeError:
            unreadable.add(canonical)
            continue
        assert parsed.canonical == canonical
        assert parsed.level == entry.level
    # Forms graph_schema.codes does not read, kept as written: bare groups ("0A", "5B.a.i"),
    # Category 2's groups F, G, H ("2F004", "2H001.1") and Category 8's sub-category headings
    # ("8A1", which it takes for an item without its two-digit number).
    forms = re.compile(r"\d[A-H](\..+)?|2[FGH]\d{3}(\..+)?|8[A-E][1-9]")
    assert all(forms.fullmatch(c) for c in unreadable), sorted(unreadable)
    assert {"2F004", "2H001", "2H001.1", "5B", "5B.a.i", "0A", "8A1", "8E9"} <= unreadable
    assert "3A1" not in unreadable


# ---------------------------------------------------------------------------------------------
# The runner and bad input


def test_runner_accepts_the_counts(pdf_path: Path) -> None:
    definition = get_source(SOURCE)
    _, counts = build_batch(definition, pdf_path)
    assert counts["ControlList"] == 1
    assert counts["ControlEntry"] == counts["CONTAINS"]


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        (b"", "not a readable PDF"),
        (b'{"scomet": ["0A101"]}', "not a readable PDF"),
        (bytes(range(256)) * 40, "not a readable PDF"),
        (b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n", "not a readable PDF"),
    ],
)
def test_bad_files_raise_parse_error(tmp_path: Path, payload: bytes, message: str) -> None:
    path = tmp_path / "scomet.pdf"
    path.write_bytes(payload)
    with pytest.raises(ParseError, match=message):
        _parse(path)


def test_truncated_bytes_raise_parse_error(tmp_path: Path, pdf_path: Path) -> None:
    data = pdf_path.read_bytes()
    path = tmp_path / "scomet.pdf"
    path.write_bytes(data[: len(data) * 2 // 3])
    with pytest.raises(ParseError, match="not a readable PDF"):
        _parse(path)


@pytest.mark.parametrize(
    ("pages", "message"), [(200, "before sub-category 8E9"), (364, "ANNEXURE")]
)
def test_pdf_missing_its_last_pages_raises_parse_error(
    tmp_path: Path, pdf_path: Path, pages: int, message: str
) -> None:
    # A valid PDF holding only the first pages of the list.
    source = pdfium.PdfDocument(pdf_path)
    short = pdfium.PdfDocument.new()
    short.import_pages(source, list(range(pages)))
    path = tmp_path / "scomet-short.pdf"
    short.save(path)
    short.close()
    source.close()
    with pytest.raises(ParseError, match=message):
        _parse(path)


def test_another_lists_pdf_raises_parse_error() -> None:
    wassenaar = need_shared_data() / "wassenaar" / "wa-list-2025-corr.pdf"
    with pytest.raises(ParseError, match="not the SCOMET list"):
        _parse(wassenaar)


def test_paragraphs_not_used_are_not_controls(entries: dict[str, ControlEntry]) -> None:
    # p. 257 "c.3. Not used since 2023" under 8A301.b.7.c and p. 267 "e.2. Not used since 2023"
    # under 8A302.e: SCOMET follows Wassenaar's deletions and keeps the numbers.
    for code in ("8A301.b.7.c.3", "8A302.e.2"):
        assert entries[code].text == "Not used since 2023"
        assert entries[code].status == "not-used"
    assert entries["8A302.e.1"].status == "active"


def test_a_bare_marker_set_at_the_margin_is_not_a_restated_sibling(
    entries: dict[str, ControlEntry],
) -> None:
    # PDF p. 318: under "8A605 a. 6." the page sets "b. 'Multiple transverse mode' output and
    # any of the following:" at the item's margin, left of a.6.a; its "a. 'Wall-plug
    # efficiency' exceeding 18% ... 1000 W" and "b. Output power exceeding 2 kW" follow, and
    # Note 1 names "8A605.a.6.b.". The item's own b. is restated on p. 319: "8A605 b.
    # Non-"tunable" "pulsed lasers" having any of the following:".
    multiple = entries["8A605.a.6.b"]
    assert multiple.text.startswith("‘Multiple transverse mode’ output")
    assert entries["8A605.a.6.b.b"].text == "Output power exceeding 2 kW;"
    assert entries["8A605.b"].text.startswith('Non-"tunable" "pulsed lasers"')
    assert "8A605.b.a" not in entries
