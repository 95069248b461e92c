"""Australia's Defence and Strategic Goods List 2024 (F2024L01024, official Word file).

Expected codes, texts and notes were read in the document itself: the text of its body
paragraphs (python-docx and the raw ``word/document.xml``), cited here by body paragraph number
(1-based, as the parser cites them), e.g. 5A001.j in paragraph 4413, 4A005 in 4239, ML10.a in
1101, and the Sensitive and Very Sensitive Lists, which are Word tables after paragraph 6678.
Item counts per category were checked against an independent scan of the paragraphs that start
with a full item code ("5.<tab>A.<tab>001.").
"""

from __future__ import annotations

import zipfile
from collections import Counter
from pathlib import Path

import docx
import pytest
from helpers import need_shared_data

from graph_schema.codes import CodeSystem, parse_code, regime_hint, wassenaar_equivalent
from graph_schema.model import ControlEntry, ControlList, Issues, Record
from ingest.registry import get_source
from ingest.runner import check_expectations, count_records, verify
from ingest.sources.au_dsgl import parser
from ingest.sources.au_dsgl.parser import Draft, Dsgl
from ingest.sources.base import ParseError

SOURCE = "au-dsgl"
MILITARY = "list:au-military:2024"
DUAL_USE = "list:au:2024"

ITEMS_PER_CATEGORY = {
    "0": 13,
    "1": 95,
    "2": 53,
    "3": 47,
    "4": 15,
    "5": 13,
    "6": 37,
    "7": 36,
    "8": 8,
    "9": 63,
}
NATIONAL_DUAL_USE = [
    "3A901",
    "3B901",
    "3B902",
    "3D901",
    "3D902",
    "3E901",
    "4A901",
    "4D901",
    "4E901",
]
# Paragraphs 1325-1341; the document has no ML906 or ML907.
NATIONAL_MUNITIONS = ["ML901", "ML902", "ML903", "ML904", "ML905", "ML908", "ML909", "ML910"]


def _path() -> Path:
    return need_shared_data() / get_source(SOURCE).meta.file


@pytest.fixture(scope="module")
def dsgl() -> Dsgl:
    return parser.read(_path())


@pytest.fixture(scope="module")
def records(dsgl: Dsgl) -> list[Record]:
    return list(parser.records(dsgl, get_source(SOURCE).meta))


@pytest.fixture(scope="module")
def entries(records: list[Record]) -> dict[str, ControlEntry]:
    """Entries by canonical code (the two lists share no code)."""
    return {r.canonical: r for r in records if isinstance(r, ControlEntry)}


# ---------------------------------------------------------------------------------------------
# The real file: lists and counts


def test_two_lists_from_one_instrument(records: list[Record]) -> None:
    lists = {r.id: r for r in records if isinstance(r, ControlList)}
    assert set(lists) == {MILITARY, DUAL_USE}
    assert lists[MILITARY].numbering == "munitions"
    assert lists[DUAL_USE].numbering == "eccn"
    for item in lists.values():
        assert item.issuer == "country:AU"
        assert item.edition == "2024"
        assert str(item.edition_date) == "2024-09-01"
        assert item.source_url == "https://www.legislation.gov.au/F2024L01024/asmade"
    assert "Part 1: Munitions List" in lists[MILITARY].title
    assert "Part 2: Dual-Use List" in lists[DUAL_USE].title
    issues = {(r.source, r.target) for r in records if isinstance(r, Issues)}
    assert issues == {("country:AU", MILITARY), ("country:AU", DUAL_USE)}


def test_counts(records: list[Record], entries: dict[str, ControlEntry]) -> None:
    items = [e for e in entries.values() if e.level == 0]
    dual_items = Counter(e.category for e in items if e.list_id == DUAL_USE)
    assert dual_items == ITEMS_PER_CATEGORY
    assert sum(dual_items.values()) == 380
    assert sorted((e.code for e in items if e.list_id == MILITARY), key=lambda c: int(c[2:])) == [
        *(f"ML{n}" for n in range(1, 23)),
        *NATIONAL_MUNITIONS,
    ]
    by_list = Counter(e.list_id for e in entries.values())
    assert by_list == {MILITARY: 502, DUAL_USE: 3324}
    counts = count_records(records)
    assert counts == {
        "CONTAINS": 3826,
        "ControlEntry": 3826,
        "ControlList": 2,
        "ISSUES": 2,
        "PARENT_OF": 3826 - 30 - 380,
    }
    meta = get_source(SOURCE).meta
    check_expectations(meta, counts)  # the ranges in source.yaml
    assert verify(meta, _path()).sha256 == meta.sha256


def test_national_entries(entries: dict[str, ControlEntry]) -> None:
    national = sorted(
        c for c, e in entries.items() if e.list_id == DUAL_USE and e.level == 0 and c[2] == "9"
    )
    assert national == NATIONAL_DUAL_USE
    # Paragraph 4069: 3B901.a.
    assert entries["3B901.a"].text == (
        "Equipment designed or modified for isotropic dry etching, having a largest ‘silicon "
        "germanium-to-silicon (SiGe:Si) etch selectivity’ of greater than or equal to 100:1; or"
    )
    assert entries["3B901"].notes[0] == (
        "Note 1: 3B901 includes etching by 'radicals', ions, sequential reactions or non "
        "sequential reactions."
    )
    # Paragraph 4245.
    assert entries["4A901.a.1"].text.startswith(
        "Quantum computers supporting 34 or more, but fewer than 100, ‘fully controlled’"
    )
    assert entries["4A901.a.1"].parent == "4A901.a"
    # The numbering says these are Australia's own, not Wassenaar's.
    for written, issuer in (("3B901", "AU"), ("ML901", "AU")):
        code = parse_code(written)
        assert wassenaar_equivalent(code) is None
        hint = regime_hint(code, issuer)
        assert hint.unilateral and hint.regime is None
    assert entries["ML903"].status == "not-used"  # 'ML903. Not used.', paragraph 1329


# ---------------------------------------------------------------------------------------------
# Entries, texts, notes


def test_5a001_j(entries: dict[str, ControlEntry]) -> None:
    j = entries["5A001.j"]  # paragraph 4413, '5.<tab>A.<tab>001.<tab>j.<tab>IP network ...'
    assert j.list_id == DUAL_USE
    assert (j.code, j.parent, j.level, j.category) == ("5A001.j", "5A001", 1, "5")
    assert j.text == (
        "IP network communications surveillance systems or equipment, and specially designed "
        "components therefor, having all of the following:"
    )
    assert j.notes == [
        "Note: 5A001.j. does not apply to systems or equipment, specially designed for any of "
        "the following: a. Marketing purpose; b. Network Quality of Service (QoS); or c. "
        "Quality of Experience (QoE)."
    ]
    assert j.provenance.citation == (
        "F2024L01024, Part 2, Category 5, Part 1—TELECOMMUNICATIONS, body paragraph 4413"
    )
    children = sorted(c for c, e in entries.items() if c.startswith("5A001.j."))
    assert children == [
        "5A001.j.1",
        "5A001.j.1.a",
        "5A001.j.1.b",
        "5A001.j.1.c",
        "5A001.j.2",
        "5A001.j.2.a",
        "5A001.j.2.b",
    ]
    assert entries["5A001.j.2.b"].text == (
        "Mapping of the relational network of an individual or of a group of people."
    )


def test_4a005_and_ml10_a(entries: dict[str, ControlEntry]) -> None:
    item = entries["4A005"]  # paragraph 4239
    assert item.text == (
        "Systems, equipment, and components therefor, specially designed or modified for the "
        "generation, command and control, or delivery of “intrusion software”."
    )
    assert item.heading == item.text
    ml10a = entries["ML10.a"]  # paragraph 1101
    assert ml10a.list_id == MILITARY
    assert (ml10a.parent, ml10a.category) == ("ML10", "ML10")
    assert ml10a.text == (
        "Manned “aircraft” and “lighter-than-air vehicles”, and specially designed components "
        "therefor;"
    )
    assert ml10a.heading == ""
    assert [n[:7] for n in ml10a.notes] == ["Note 1:", "Note 4:", "Note 5:"]
    assert ml10a.notes[0].startswith("Note 1: ML10.a. does not apply to “aircraft”")
    # 'Note 3: For the purposes of ML10.a. and ML10.d., ...' names two sub-items: it goes to ML10.
    assert any(
        n.startswith("Note 3: For the purposes of ML10.a. and ML10.d.")
        for n in entries["ML10"].notes
    )


def test_notes_go_to_the_entry_they_name(entries: dict[str, ControlEntry]) -> None:
    # Paragraph 1377, after 0A001.h.
    assert entries["0A001.h"].notes == [
        "Note: In 0A001.h. ‘nuclear reactor internals’ means any major structure within a "
        "reactor vessel which has one or more functions such as supporting the core, "
        "maintaining fuel alignment, directing primary coolant flow, providing radiation shields "
        "for the reactor vessel, and guiding in-core instrumentation."
    ]
    # Paragraphs 1618-1621: a Technical Notes label alone, then 'For the purposes of 1A004.a.:'.
    assert entries["1A004.a"].notes[1] == (
        "Technical Notes: For the purposes of 1A004.a.: 1. Full face masks are also known as "
        "gas masks. 2. Filter canisters include filter cartridges."
    )
    # Paragraph 1646: 'Note: 1A004 does not apply to: a. ...' with its own lettered list.
    note = entries["1A004"].notes[1]
    assert note.startswith("Note: 1A004 does not apply to: a. Personal radiation monitoring")
    assert "1. mining; 2. quarrying;" in note
    # 1C350 starts with 1. (paragraph 2381), after an upright N.B.
    assert entries["1C350.1"].text == "Thiodiglycol (CAS 111-48-8);"
    assert entries["1C350"].notes[0] == "N.B.: SEE ALSO MUNITIONS LIST AND 1C450."
    # 4E001 Note 1 names 4E001.a. and 4E001.c.: the item holds it.
    assert entries["4E001"].notes[0].startswith("Note 1: 4E001.a. and 4E001.c. do not apply")
    # Paragraph 2677, indented under 1C450.b but about the item: 'For exports to “States Party
    # to the Chemical Weapons Convention”, 1C450 does not apply to ...'.
    assert any(
        n.startswith("Note 2: For exports to “States Party to the Chemical Weapons Convention”")
        for n in entries["1C450"].notes
    )
    assert entries["1C450.b"].notes == []


def test_statuses(entries: dict[str, ControlEntry]) -> None:
    assert entries["ML2.d"].text == "Not used since 2019."  # paragraph 534
    assert entries["ML2.d"].status == "not-used"
    assert entries["1A001.b"].status == "not-used"  # 'b.<tab>Not used;', paragraph 1583
    assert entries["3C002.c"].text == "Not used:"  # paragraph 4103
    assert entries["3C002.c"].status == "not-used"
    assert entries["3A001"].status == "active"
    statuses = Counter(e.status for e in entries.values())
    assert statuses == {"active": 3701, "not-used": 125}


def test_sensitive_and_very_sensitive(entries: dict[str, ControlEntry]) -> None:
    # '1A002.a.1.' is in both tables; its parents are not marked.
    assert entries["1A002.a.1"].sensitive and entries["1A002.a.1"].very_sensitive
    assert not entries["1A002.a"].sensitive and not entries["1A002"].sensitive
    # 'Not used' rows: the entry left the list (1C007.d., 2B001.a. 'Not used since 2002').
    assert not entries["1C007.d"].sensitive
    assert not entries["2B001.a"].sensitive
    # Abbreviated lists and ranges: '6A002.a.1.a., b. and c.', '7D004.a. to d. & g.',
    # '9E003.a.1. to 5. and 9E003.a.8.'.
    for code in ("6A002.a.1.b", "7D004.c", "7D004.g", "9E003.a.4", "9E003.a.8"):
        assert entries[code].sensitive, code
    assert not entries["7D004.e"].sensitive
    assert not entries["9E003.a.6"].sensitive
    # 'All of Category 0 of Dual-Use List is included in the Very Sensitive List'.
    cat0 = [e for e in entries.values() if e.list_id == DUAL_USE and e.category == "0"]
    assert cat0 and all(e.very_sensitive and not e.sensitive for e in cat0)
    assert entries["1C351.d.4"].very_sensitive  # Ricin
    assert not entries["1C351.d.4"].sensitive
    assert not any(
        e.sensitive or e.very_sensitive for e in entries.values() if e.list_id == MILITARY
    )
    assert sum(e.sensitive for e in entries.values()) == 128
    assert sum(e.very_sensitive for e in entries.values()) == 216


def test_sensitive_lists_as_read(dsgl: Dsgl) -> None:
    assert dsgl.unresolved == []
    named = {tuple(n.codes): n.withdrawn for n in dsgl.sensitive}
    assert named[("7D003.d.1", "7D003.d.2", "7D003.d.3", "7D003.d.4", "7D003.d.7")] is True
    assert named[("1C010.c", "1C010.d")] is False
    assert named[("7E001", "7E002")] is False


# ---------------------------------------------------------------------------------------------
# The Word structure: codes split by tabs, automatic numbering, formatting


def test_codes_split_across_runs_and_word_numbering(entries: dict[str, ControlEntry]) -> None:
    # '0.<tab>A.<tab>001.<tab>j.<tab>Neutron detectors ...', paragraph 1382.
    assert entries["0A001.j"].text.startswith("Neutron detectors specially designed")
    # Paragraphs numbered by Word (w:numPr), their letters not in the text.
    assert entries["9E003.a.2.c"].text == "Non-metallic shells; or"  # numId 22, paragraph 6544
    assert entries["5A003.a"].text.startswith("Communications cable systems designed")  # numId 42
    assert entries["5A002.a.4.b"].text.startswith("It is performed by incorporated equipment")
    assert entries["9B009.b"].text == "Designed to operate at 873 K (600°C) or more."
    assert entries["9A115.a"].parent == "9A115"
    # '1.<tab>a.<tab>Voltage rating ...' (paragraph 3894): 3A201.a.1 has no words of its own.
    assert entries["3A201.a.1"].text == ""
    assert entries["3A201.a.1.a"].parent == "3A201.a.1"
    assert entries["3A201.a.1.a"].text == "Voltage rating greater than 1.4 kV;"
    # 'A.<tab>002.<tab>o.<tab>3.' lacks the category digit (paragraph 6128).
    assert entries["8A002.o.3"].text.startswith("Noise reduction systems designed for use on")


def test_text_as_printed(entries: dict[str, ControlEntry]) -> None:
    # A CAS number on its own upright line continues its entry (paragraphs 646-647).
    assert (
        entries["ML7.b.2.a.7"].text == "1,5-bis (2-chloroethylthio) -n-pentane (CAS 142868-94-8);"
    )
    # Symbol-font alpha (paragraph 674) and a superscript exponent (paragraph 1592).
    assert entries["ML7.d.1"].text.startswith("α-Bromobenzeneacetonitrile, (Bromobenzyl cyanide)")
    assert entries["1A002.b.1.a"].text == "A “specific modulus” exceeding 10.15 x 10⁶ m; and"
    # The deposition table (a Word table after 2E301) is kept with 2E003.f.
    notes = entries["2E003.f"].notes
    assert notes[0] == "Note: The table and Technical Note appear after 2E301."
    assert any(n.startswith("TABLE — DEPOSITION TECHNIQUES Column 1") for n in notes)
    assert any("Chemical Vapour Deposition (CVD) | “Superalloys”" in n for n in notes)
    # The Category 4 technical note on "APP" belongs to no entry.
    assert entries["4E001.c"].text == "“Technology” for the “development” of “intrusion software”."
    assert not any("APP" in n for n in entries["4E001.c"].notes)


def test_structure_and_anomalies(dsgl: Dsgl) -> None:
    assert parser.validate(dsgl.munitions) == []
    assert parser.validate(dsgl.dual_use) == []
    assert parser.anomalies(dsgl) == [
        "paragraph 1347: ML910.e typed as a full code inside the note's list; read as the "
        "note's item",
        "paragraph 6128: code typed without its category digit (A. 002. o. 3.), read in "
        "Category 8 as 8A002.o.3",
    ]


def test_validate_reports_gaps_disorder_and_orphans() -> None:
    def drafts(*codes: str) -> dict[str, Draft]:
        return {
            c: Draft(code=parse_code(c, CodeSystem.ECCN), paragraph=1, where="Part 2, Category 1")
            for c in codes
        }

    problems = parser.validate(drafts("1A001", "1A001.a", "1A001.c", "1A002.b.1"))
    assert problems == [
        "1A002.b.1: no entry 1A002.b above it",
        "1A001.c: follows a gap in 1A001",
    ]
    assert parser.validate(drafts("1A001", "1A001.b", "1A001.a")) == [
        "1A001.b: follows a gap in 1A001",
        "1A001.a: repeated or out of order",
    ]
    assert parser.validate(drafts("1A002", "1A001")) == ["1A001 after 1A002"]


# ---------------------------------------------------------------------------------------------
# Bad input


def _parse(path: Path) -> list[Record]:
    definition = get_source(SOURCE)
    return list(definition.parse(path, definition.meta))


def _word(path: Path, *paragraphs: str, heading: str | None = None) -> Path:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if heading is not None:
        document.add_heading(heading)
    document.save(str(path))
    return path


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "dsgl.docx"
    path.write_bytes(b"")
    with pytest.raises(ParseError, match="is empty"):
        _parse(path)


def test_not_a_zip(tmp_path: Path) -> None:
    path = tmp_path / "dsgl.docx"
    path.write_text("Defence and Strategic Goods List 2024\n", encoding="utf-8")
    with pytest.raises(ParseError, match=r"not a Word \.docx file"):
        _parse(path)


def test_truncated_file(tmp_path: Path) -> None:
    whole = _word(tmp_path / "whole.docx", "Defence and Strategic Goods List 2024").read_bytes()
    path = tmp_path / "dsgl.docx"
    path.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(ParseError, match=r"not a Word \.docx file"):
        _parse(path)


def test_a_pdf_instead(tmp_path: Path) -> None:
    path = tmp_path / "dsgl.docx"
    path.write_bytes(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n")
    with pytest.raises(ParseError, match="is a PDF"):
        _parse(path)


def test_a_zip_that_is_not_word(tmp_path: Path) -> None:
    path = tmp_path / "dsgl.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "not a document")
    with pytest.raises(ParseError, match=r"not a Word \.docx document"):
        _parse(path)


def test_a_zip_bomb(tmp_path: Path) -> None:
    path = tmp_path / "dsgl.docx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", " " * (8 * 1024 * 1024))
    with pytest.raises(ParseError, match="refused as a zip bomb"):
        _parse(path)


def test_another_word_document(tmp_path: Path) -> None:
    path = _word(tmp_path / "dsgl.docx", "Minutes of the meeting", "1. Apologies")
    with pytest.raises(ParseError, match="not the Australian Defence and Strategic Goods List"):
        _parse(path)


def test_title_without_the_lists(tmp_path: Path) -> None:
    path = _word(tmp_path / "dsgl.docx", "Defence and Strategic Goods List 2024", "Part 1")
    with pytest.raises(ParseError, match="lacks the part"):
        _parse(path)


def test_other_edition(tmp_path: Path, dsgl: Dsgl) -> None:
    meta = get_source(SOURCE).meta.model_copy(update={"edition": "2021"})
    with pytest.raises(ParseError, match="List 2024, not the 2021 edition"):
        list(parser.records(dsgl, meta))
