"""EU dual-use list, Annex I to Regulation (EU) 2021/821, consolidated text of 2022-05-05 (PDF).

Codes, texts, notes and page numbers asserted here were read in the document itself: the
EUR-Lex PDF's pages rendered to text lines with the x position and font of their first
character (pypdfium2). Page numbers are those printed in the page headers
("02021R0821 — EN — 05.05.2022 — 002.001 — 53"), which equal the PDF page numbers; Category 0
starts on page 53 and Category 9 ends on page 348, before the "ANNEX II" heading on page 349.
"""

from __future__ import annotations

import ctypes
import json
import re
from collections import Counter
from pathlib import Path

import pypdfium2 as pdfium  # type: ignore[import-untyped, unused-ignore]
import pypdfium2.raw as pdfium_c  # type: ignore[import-untyped, unused-ignore]
import pytest
from helpers import need_shared_data

from graph_schema.model import ControlEntry, ControlList, Issues, Record
from ingest.registry import get_source
from ingest.runner import build_batch, check_expectations, count_records
from ingest.sources.base import ParseError
from ingest.sources.eu_dual_use_2022.parser import Annex, anomalies, read_annex

SOURCE = "eu-dual-use-2022"
OLD = "eu-dual-use"  # the 2021 edition, read from Norway's Liste II text

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


def _path() -> Path:
    return need_shared_data() / get_source(SOURCE).meta.file


def _parse(path: Path) -> list[Record]:
    definition = get_source(SOURCE)
    return list(definition.parse(path, definition.meta))


def _entries(records: list[Record]) -> dict[str, ControlEntry]:
    return {r.canonical: r for r in records if isinstance(r, ControlEntry)}


@pytest.fixture(scope="module")
def records() -> list[Record]:
    return _parse(_path())


@pytest.fixture(scope="module")
def entries(records: list[Record]) -> dict[str, ControlEntry]:
    return _entries(records)


@pytest.fixture(scope="module")
def annex() -> Annex:
    return read_annex(_path())


@pytest.fixture(scope="module")
def old() -> dict[str, ControlEntry]:
    definition = get_source(OLD)
    path = need_shared_data() / definition.meta.file
    return _entries(list(definition.parse(path, definition.meta)))


def _children(entries: dict[str, ControlEntry], parent: str) -> list[str]:
    return [code for code, entry in entries.items() if entry.parent == parent]


def _texts(entries: dict[str, ControlEntry]) -> list[str]:
    return [t for e in entries.values() for t in (e.text, *e.notes)]


# ---------------------------------------------------------------------------------------------
# The list and its counts


def test_the_list_is_a_middle_edition_of_the_eu_series(records: list[Record]) -> None:
    (control_list,) = [r for r in records if isinstance(r, ControlList)]
    assert control_list.id == "list:eu:2022-05-05"
    assert control_list.issuer == "regime:eu"
    assert control_list.edition == "2022-05-05"
    assert control_list.edition_date.isoformat() == "2022-05-05"
    assert control_list.numbering == "eccn"
    assert control_list.source_url == (
        "https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:02021R0821-20220505"
    )
    assert control_list.file_sha256 == get_source(SOURCE).meta.sha256
    assert [(r.source, r.target) for r in records if isinstance(r, Issues)] == [
        ("regime:eu", "list:eu:2022-05-05")
    ]


def test_counts_per_category(records: list[Record], entries: dict[str, ControlEntry]) -> None:
    items = Counter(e.category for e in entries.values() if e.level == 0)
    assert dict(items) == ITEMS_PER_CATEGORY
    assert sum(items.values()) == 366
    assert dict(Counter(e.category for e in entries.values())) == ENTRIES_PER_CATEGORY
    assert len(entries) == 3297
    counts = count_records(records)
    assert counts == {
        "CONTAINS": 3297,
        "ControlEntry": 3297,
        "ControlList": 1,
        "ISSUES": 1,
        "PARENT_OF": 3297 - 366,
    }
    check_expectations(get_source(SOURCE).meta, counts)
    # Items by the hundreds digit: 0xx Wassenaar and the NSG trigger list, 1xx MTCR, 2xx NSG,
    # 3xx Australia Group, 4xx CWC.
    assert Counter(int(c[2]) for c in entries if "." not in c) == {
        0: 176,
        1: 100,
        2: 79,
        3: 10,
        4: 1,
    }
    deepest = max(entries.values(), key=lambda e: e.level)
    assert (deepest.canonical, deepest.level, deepest.page) == ("6A001.a.1.a.2.b.3.a", 7, 241)
    assert Counter(e.status for e in entries.values()) == {"active": 3191, "not-used": 106}


def test_runner_accepts_the_real_file() -> None:
    definition = get_source(SOURCE)
    batch, counts = build_batch(definition, _path())
    assert counts["ControlEntry"] == 3297
    assert batch.issuer == "regime:eu"


def test_every_entry_has_its_page(entries: dict[str, ControlEntry]) -> None:
    pages = [e.page for e in entries.values() if e.page is not None]
    assert len(pages) == len(entries)
    assert (min(pages), max(pages)) == (53, 348)
    assert entries["0A001"].provenance.citation == "page 53"


def test_structure_has_no_anomalies(annex: Annex) -> None:
    # Sub-items run a, b, c... / 1, 2, 3... without gaps; letters and numbers alternate.
    assert anomalies(annex.nodes) == []
    # Outside notes, every labelled line continues a sequence or opens a level.
    assert annex.unplaced == []


def test_page_top_continued_lines_match_the_open_entries(annex: Annex) -> None:
    """Each page of a continued item opens with "0B001 b. (continued)": an independent check.

    The line names an entry open at that point, except six: four where the consolidated text
    itself names the wrong entry (page 141 prints "2B116" inside 2B201, page 196 "3A002 g."
    in the notes of 3A002.h, page 209 "3B001" inside 3E002, page 315 "8A001 b. 1." inside
    8A001.c.1) and two that name a paragraph of a note's own list (6A008.i's note, page 284;
    7A103.c's technical notes, page 304).
    """
    mismatched = []
    for page, line, open_codes in annex.page_breaks:
        code, *words = line.removesuffix("(continued)").split()
        labels = []
        for word in words:  # "2B350 g. Technical Notes: 1. i." names 2B350.g
            if not re.fullmatch(r"[a-z0-9]{1,2}\.", word):
                break
            labels.append(word[:-1])
        path = ".".join([code, *labels])
        if len(code) == 5 and path not in open_codes:
            mismatched.append((page, path))
    assert len(annex.page_breaks) == 238
    assert mismatched == [
        (141, "2B116"),
        (196, "3A002.g"),
        (209, "3B001"),
        (284, "6A008.i.b"),
        (304, "7A103.c.1"),
        (315, "8A001.b.1"),
    ]


# ---------------------------------------------------------------------------------------------
# Against the 2021 edition


def test_same_codes_as_the_2021_edition_but_9d004(
    entries: dict[str, ControlEntry], old: dict[str, ControlEntry]
) -> None:
    """Delegated Regulation (EU) 2022/1 replaced Annex I (marked M1 on every page) without
    adding or removing a code. The only difference is 9D004.c-g: on page 340 they are
    lettered paragraphs of 9D004 at the left column of its a. and b., whereas the 2021 reader
    misplaces them under 9D004.b.2 (the Norway text indents them deeper)."""
    items = {c for c in entries if "." not in c}
    assert items == {c for c in old if "." not in c}
    moved = {"c", "d", "e", "f", "g", "g.1", "g.2"}
    assert set(entries) - set(old) == {f"9D004.{x}" for x in moved}
    assert set(old) - set(entries) == {f"9D004.b.2.{x}" for x in moved}
    assert _children(entries, "9D004") == [f"9D004.{x}" for x in "abcdefg"]
    assert entries["9D004.c"].text == (
        '"Software" specially designed to control directional solidification or single '
        "crystal material growth in equipment specified in 9B001.a. or 9B001.c.;"
    )
    assert entries["9D004.d"].status == "not-used"
    assert entries["9D004.g"].page == 340


def test_texts_amended_since_the_2021_text(
    entries: dict[str, ControlEntry], old: dict[str, ControlEntry]
) -> None:
    # 2B352.f.2 gained a Note 2 (page 156; the 2021 text has two notes).
    assert [n[:7] for n in entries["2B352.f.2"].notes] == ["Note 1:", "Note 2:", "Note 3:"]
    assert entries["2B352.f.2"].notes[1] == (
        "Note 2: 2B352.f.2. includes any isolator meeting all of the above mentioned "
        "characteristics, regardless of its intended use and its designation."
    )
    assert len(old["2B352.f.2"].notes) == 2
    # The krytron note now names 3A228.a (page 199); in 2021 it named 3A228.
    assert entries["3A228.a"].notes == [
        "Note: 3A228.a. includes gas krytron tubes and vacuum sprytron tubes."
    ]
    assert entries["3A228"].notes == []
    assert old["3A228"].notes[0].startswith("Note: 3A228 includes gas krytron tubes")
    # 1C007's definition of 'precursor materials' is a Technical Note (pages 88-89).
    assert (
        entries["1C007"]
        .notes[1]
        .startswith(
            "Technical Note: For the purposes of 1C007, ‘precursor materials’ are special purpose"
        )
    )
    assert old["1C007"].notes[1].startswith("Note: For the purposes of 1C007")
    # 5A004.b's notes are numbered 1 and 2 (pages 237-238).
    assert [n[:7] for n in entries["5A004.b"].notes] == ["Note 1:", "Note 2:"]
    # 3A001.a.14's N.B.s are numbered (page 175).
    assert [n[:6] for n in entries["3A001.a.14"].notes[:2]] == ["N.B.1.", "N.B.2."]
    # 1C117.c.1.c: "or more" where the 2021 text has "ot more" (page 101).
    assert entries["1C117.c.1.c"].text == (
        "Silver infiltrated tungsten containing 80 % by weight or more of tungsten; and"
    )
    assert "ot more" in old["1C117.c.1.c"].text
    # British spelling: "digitised" (page 195), "digitized" in 2021.
    assert entries["3A002.h.2.a"].text == "Output of digitised data;"
    assert old["3A002.h.2.a"].text == "Output of digitized data;"
    # 2D001.a runs to 2B009 (page 157).
    assert entries["2D001.a"].text.endswith("equipment specified in 2A001 or 2B001 to 2B009")


# ---------------------------------------------------------------------------------------------
# Entries, as the PDF prints them


def test_0a001_nuclear_reactors(entries: dict[str, ControlEntry]) -> None:
    # Pages 53-54.
    item = entries["0A001"]
    assert (
        item.heading
        == item.text
        == (
            '"Nuclear reactors" and specially designed or prepared equipment and components '
            "therefor, as follows:"
        )
    )
    assert _children(entries, "0A001") == [f"0A001.{x}" for x in "abcdefghijk"]
    assert entries["0A001.a"].text == '"Nuclear reactors";'
    assert entries["0A001.a"].heading == ""
    assert entries["0A001.f"].notes == [
        "N.B. For zirconium pressure tubes see 0A001.e. and for calandria tubes see 0A001.h."
    ]
    assert (
        entries["0A001.h"]
        .notes[0]
        .startswith(
            "Technical Note: In 0A001.h. ‘nuclear reactor internals’ means any major structure"
        )
    )
    assert entries["0A001.i"].notes == [
        "Note: 0A001.i. does not control heat exchangers for the supporting systems of the "
        "reactor, e.g., the emergency cooling system or the decay heat cooling system."
    ]
    assert entries["0A001.i.2"].notes == []
    assert (item.page, entries["0A001.h"].page, entries["0A001.i"].page) == (53, 53, 54)


def test_5a001_j_ip_network_surveillance(entries: dict[str, ControlEntry]) -> None:
    # Page 222.
    j = entries["5A001.j"]
    assert (j.parent, j.level, j.code, j.page) == ("5A001", 1, "5A001.j", 222)
    assert j.text == (
        "Internet Protocol (IP) network communications surveillance systems or equipment, and "
        "specially designed components therefor, having all of the following:"
    )
    assert _children(entries, "5A001.j.1") == ["5A001.j.1.a", "5A001.j.1.b", "5A001.j.1.c"]
    assert entries["5A001.j.2.b"].text == (
        "Mapping of the relational network of an individual or of a group of people."
    )
    assert j.notes == [
        "Note: 5A001.j. does not control systems or equipment, specially designed for any of "
        "the following: a. Marketing purpose; b. Network Quality of Service (QoS); or "
        "c. Quality of Experience (QoE)."
    ]
    assert entries["5A001.i"].status == "not-used"


def test_intrusion_software_entries(entries: dict[str, ControlEntry]) -> None:
    # Page 214: 4D004 and its note, 4E001 whose line starts with "a.".
    (note,) = entries["4D004"].notes
    assert note.startswith(
        'Note: 4D004 does not control "software" specially designed and limited to provide '
        '"software" updates or upgrades meeting all the following: a. The update or upgrade '
        "operates only with the authorisation of the owner or administrator of the system"
    )
    assert note.endswith('1. "Software" specified in 4D004; or 2. "Intrusion software".')
    assert entries["4D002"].status == entries["4D003"].status == "not-used"
    assert entries["4D002"].text == "Not used"
    assert entries["4E001"].text == ""
    assert _children(entries, "4E001") == ["4E001.a", "4E001.b", "4E001.c"]
    assert [n[:7] for n in entries["4E001"].notes] == ["Note 1:", "Note 2:"]
    # The technical note on "APP" that follows 4E001 (pages 215-216) belongs to no entry.
    assert not any("TECHNICAL NOTE ON" in t or "vector processor’ is" in t for t in _texts(entries))
    assert entries["4E001.c"].notes == []


def test_entries_set_in_italics_like_a_note(entries: dict[str, ControlEntry]) -> None:
    # Pages 133-134: after the note on 2B006.b, its sub-items 1-4 are set in italics as if
    # they were part of the note; they are entries, and the note stays on 2B006.b.
    assert _children(entries, "2B006.b") == [f"2B006.b.{n}" for n in range(1, 5)]
    assert entries["2B006.b"].notes == [
        'Note: Interferometer and optical-encoder measuring systems containing a "laser" are '
        "only specified in 2B006.b.3 and 2B206.c."
    ]
    assert (
        entries["2B006.b.1"]
        .notes[0]
        .startswith(
            "Technical Notes: For the purposes of 2B006.b.1.: 1. ‘non-contact type measuring "
            "systems’ are designed"
        )
    )
    assert _children(entries, "2B006.b.3") == [f"2B006.b.3.{x}" for x in "abc"]
    assert entries["2B006.b.4"].page == 134


def test_a_note_list_beside_the_entries_sub_items(entries: dict[str, ControlEntry]) -> None:
    # Page 55: the Technical Note of 0B001.b lists 1-3 at the column where 0B001.b.1-14 follow.
    assert _children(entries, "0B001.b") == [f"0B001.b.{n}" for n in range(1, 15)]
    assert entries["0B001.b.1"].text == "Gas centrifuges;"
    assert entries["0B001.b"].notes == [
        "Technical Note: In 0B001.b. ‘high strength-to-density ratio material’ means any of "
        "the following: 1. Maraging steel capable of an ultimate tensile strength of 1,95 GPa "
        "or more; 2. Aluminium alloys capable of an ultimate tensile strength of 0,46 GPa or "
        'more; or 3. "Fibrous or filamentary materials" with a "specific modulus" of more '
        'than 3,18 × 10⁶ m and a "specific tensile strength" greater than 7,62 × 10⁴ m;'
    ]
    # Page 85: the technical notes of 1C002.d run to "10." (printed left of "9.").
    notes = entries["1C002.d"].notes
    assert notes[-1].startswith("Technical Notes: 1. ‘Vacuum atomisation’")
    assert "10. ‘Solidify rapidly’ is a process" in notes[-1]


def test_two_labels_on_one_line(entries: dict[str, ControlEntry]) -> None:
    # Pages 196-197: "1. a. Voltage rating greater than 1,4 kV;".
    assert _children(entries, "3A201.a") == ["3A201.a.1", "3A201.a.2"]
    assert entries["3A201.a.1"].text == ""
    assert _children(entries, "3A201.a.1") == [f"3A201.a.1.{x}" for x in "abcd"]
    assert entries["3A201.a.1.a"].text == "Voltage rating greater than 1,4 kV;"
    assert entries["3A201.a.2.c"].text == "Series inductance less than 10 nH;"
    assert _children(entries, "3A201.c.2") == ["3A201.c.2.a", "3A201.c.2.b"]
    assert (
        entries["3A201.c"]
        .notes[1]
        .startswith(
            "Technical Notes: 1. The ‘figure of merit’ (K) is defined as: K = 1,7 × 10³ V2,65Q"
        )
    )


def test_1c350_chemicals(entries: dict[str, ControlEntry]) -> None:
    # Pages 107-110: the precursors are numbered directly under the item.
    item = entries["1C350"]
    assert _children(entries, "1C350") == [f"1C350.{n}" for n in range(1, 90)]
    assert entries["1C350.1"].text == "Thiodiglycol (CAS 111-48-8);"
    assert entries["1C350.89"].text == "N,N-Dipropylisobutanamidine (CAS 1342700-45-1)."
    assert entries["1C350.89"].page == 110
    assert item.notes[0] == "N.B. SEE ALSO MILITARY GOODS CONTROLS AND 1C450."
    assert [n.split(":", 1)[0] for n in item.notes[1:]] == [f"Note {n}" for n in range(1, 5)]


def test_notes_go_to_the_entry_they_name(entries: dict[str, ControlEntry]) -> None:
    # Page 217: both notes sit under 5A001.a.4 but qualify 5A001.a.
    assert entries["5A001.a"].notes == [
        "Note 1: 5A001.a.3. and 5A001.a.4. control only electronic equipment.",
        "Note 2: 5A001.a.2., 5A001.a.3. and 5A001.a.4. do not control equipment designed or "
        "modified for use on board satellites.",
    ]
    # Page 186: "Technical Notes: 1. For the purpose of 3A001.e.1., ..." under 3A001.e.1.b.
    assert (
        entries["3A001.e.1"]
        .notes[0]
        .startswith("Technical Notes: 1. For the purpose of 3A001.e.1., ‘energy density’")
    )
    assert entries["3A001.e.1.b"].notes == []
    # Page 97: the source drops a dot ("1C111a.2.a."); the note lands on 1C111.a.2.
    assert entries["1C111.a.2"].notes[0].startswith("Note: 1C111a.2.a. and 1C111a.2.b. controls")
    # Page 9A012 (page 328): numbered N.B.s.
    assert entries["9A012"].notes == [
        "N.B.1. SEE ALSO 9A112.",
        'N.B.2. For "UAVs" that are "sub-orbital craft", see 9A004.h.',
    ]
    # "Note 1: Not used." (page 229, Category 5 Part 2) is no entry's note.
    assert not any(n.endswith("Not used.") for e in entries.values() for n in e.notes)


def test_what_is_not_an_entry_stays_out(entries: dict[str, ControlEntry]) -> None:
    texts = _texts(entries)
    for text in texts:
        assert "02021R0821" not in text  # page headers
        assert "(continued)" not in text
        assert "▼" not in text  # the M1 / C1 markers
        assert "CATEGORY" not in text and "Τεχν" not in text
        assert "\ufffe" not in text
    # The notes that open Category 5 Part 2 (page 229) and group 2B (page 125), the
    # deposition-techniques table after 2E301 (pages 161-169), the footnote of page 139.
    assert not any("Cryptography Note" in t and t.startswith("Note 3") for t in texts)
    assert not any("Secondary parallel contouring axes" in t for t in texts)
    assert not any("Deposition techniques" in t or "MCrAlX" in t for t in texts)
    assert entries["2E301"].notes == []
    assert not any("Manufacturers calculating positioning accuracy" in t for t in texts)
    assert (
        entries["2E003.f"].notes[0]
        == "Note: The table and Technical Note appear after entry 2E301."
    )
    assert not {"0A", "5A1", "5D2", "9E"} & set(entries)


def test_superscripts_and_signs(entries: dict[str, ControlEntry]) -> None:
    # Exponents follow their base as printed, the en dash used as a minus sign is "-".
    assert entries["4A001.a.2.c"].text == "Single Event Upset 1 × 10-8 Error/bit/day;"  # p. 211
    assert entries["6C004.f"].text.startswith(
        "Synthetically produced diamond material with an absorption of less than 10-5 cm-1 for"
    )  # page 293
    # A superscript ends pdfium's line; the pieces are joined back (pages 56, 86, 105, 336), and an
    # exponent of ten printed raised on the line is written raised ("25 × 10⁶", page 336).
    assert "suction volume capacity of 1 m3/min or more of UF6" in entries["0B001.c.3"].text
    assert entries["1C004.a"].text == "A density exceeding 17,5 g/cm3;"
    assert entries["1C232"].text.startswith("Helium-3 (3He), mixtures containing helium-3")
    assert entries["9B005.c"].text.endswith("Reynolds number flows exceeding 25 × 10⁶.")
    # A superscript "o" after a number is the degree sign (page 130); "(–120 °C)" (page 57).
    assert entries["2B001.e.2.b"].text == 'A positioning "accuracy" of less (better) than 0,003°;'
    assert entries["0B001.d.7.b"].text == (
        "Cryogenic refrigeration units capable of temperatures of 153 K (-120 °C) or less;"
    )


def test_line_end_hyphens(entries: dict[str, ControlEntry]) -> None:
    # "deter-mining" (page 54) and "tech-nology" lose the hyphen; compounds keep it.
    assert "for determining neutron flux levels" in entries["0A001.j"].text
    assert "‘fixed-point’ refers to a fixed-width real number" in entries["3E002"].notes[0]
    assert "(o-Chlorobenzylidenemalononitrile)" in entries["1A004.a.4.b"].text  # page 68
    assert "(centre-to-centre spacing)" in entries["6A002.a.2.c.1"].text  # page 251
    assert "thermosetting materials" in entries["1C008"].notes[-1]  # page 90


# ---------------------------------------------------------------------------------------------
# Bad input


def _write(tmp_path: Path, payload: bytes, name: str = "reg.pdf") -> Path:
    path = tmp_path / name
    path.write_bytes(payload)
    return path


def _text_pdf(path: Path, pages: list[list[str]]) -> Path:
    """A PDF with one Helvetica line of text per string, written with pypdfium2."""
    pdf = pdfium.PdfDocument.new()
    try:
        for lines in pages:
            page = pdf.new_page(595, 842)
            for row, line in enumerate(lines):
                obj = pdfium_c.FPDFPageObj_NewTextObj(pdf.raw, b"Helvetica", ctypes.c_float(10))
                text = ctypes.create_string_buffer((line + "\x00").encode("utf-16-le"))
                pdfium_c.FPDFText_SetText(
                    obj, ctypes.cast(text, ctypes.POINTER(pdfium_c.FPDF_WCHAR))
                )
                pdfium_c.FPDFPageObj_Transform(obj, 1, 0, 0, 1, 108, 800 - 14 * row)
                pdfium_c.FPDFPage_InsertObject(page.raw, obj)
            pdfium_c.FPDFPage_GenerateContent(page.raw)
            page.close()
        pdf.save(path)
    finally:
        pdf.close()
    return path


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


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        (b"", "is empty"),
        (b"  \n\t\n", "is empty"),
        (json.dumps({"entries": [{"entry_code": "5A001"}]}).encode(), "is not a PDF"),
        (b"CATEGORY 5\n5A001 Telecommunications systems\n", "is not a PDF"),
        (b"\x00\x01\x02 garbage" * 50, "is not a PDF"),
        (b"%PDF-1.7\n%%EOF\n", "not a readable PDF"),
    ],
)
def test_not_a_pdf(tmp_path: Path, payload: bytes, message: str) -> None:
    with pytest.raises(ParseError, match=message) as info:
        _parse(_write(tmp_path, payload))
    assert "\n" not in str(info.value)


def test_truncated_file(tmp_path: Path) -> None:
    data = _path().read_bytes()
    with pytest.raises(ParseError, match="not a readable PDF"):
        _parse(_write(tmp_path, data[: len(data) // 2]))


def test_another_pdf() -> None:
    wassenaar = need_shared_data() / get_source("wassenaar-list").meta.file
    with pytest.raises(
        ParseError, match=r"not the consolidated text of Regulation \(EU\) 2021/821"
    ):
        _parse(wassenaar)


def test_another_regulation(tmp_path: Path) -> None:
    path = _text_pdf(
        tmp_path / "other.pdf",
        [["02019R0125 — EN — 01.01.2020 — 001.001 — 1", "ANNEX I", "1A001 Widgets."]],
    )
    with pytest.raises(ParseError, match="consolidated text of 02019R0125, not of Regulation"):
        _parse(path)


def test_a_tiny_lookalike_without_entries(tmp_path: Path) -> None:
    header = "02021R0821 — EN — 05.05.2022 — 002.001 — {}"
    path = _text_pdf(
        tmp_path / "lookalike.pdf",
        [
            [header.format(1), "ANNEX I", "LIST OF DUAL-USE ITEMS"],
            [header.format(2), "Some text", "ANNEX II"],
        ],
    )
    with pytest.raises(ParseError, match=r"has no items of Category 0, 1, 2, .*9: not the EU"):
        _parse(path)


def test_the_annex_missing(tmp_path: Path) -> None:
    # Pages 1-25: the articles only.
    with pytest.raises(ParseError, match="has no Annex I"):
        _parse(_copy_pages(tmp_path, list(range(25))))


def test_the_annex_cut_short(tmp_path: Path) -> None:
    # Pages 1-200: Annex I stops in Category 3.
    with pytest.raises(ParseError, match=r"does not end with the 'ANNEX II' heading .* page 200"):
        _parse(_copy_pages(tmp_path, list(range(200))))


def test_categories_missing(tmp_path: Path) -> None:
    # Pages 322-348 (Category 9) left out; the rest, up to Annex II, kept.
    pages = [*range(321), *range(348, 360)]
    with pytest.raises(ParseError, match="has no items of Category 9"):
        _parse(_copy_pages(tmp_path, pages))


def test_edition_must_match_the_metadata() -> None:
    definition = get_source(SOURCE)
    meta = definition.meta.model_copy(
        update={"edition_date": definition.meta.edition_date.replace(year=2023)}
    )
    with pytest.raises(
        ParseError, match="is the consolidated text of 2022-05-05, not the edition of 2023-05-05"
    ):
        list(definition.parse(_path(), meta))
