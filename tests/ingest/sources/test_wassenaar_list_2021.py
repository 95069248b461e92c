"""The Wassenaar Arrangement List, WA-LIST (21) 1, from the Secretariat's Word files.

Codes, texts and notes asserted here were read in the files' text as antiword gives it
(``antiword -w 0 -m UTF-8.txt``, tabs shown as <TAB>): e.g. 5.A.1.j and its Note in
07_Cat-5P1.doc, 4.A.5 in 06_Cat-4.doc, 1.D.2 written '<TAB><TAB>2.' under 1.D.1 in
03_Cat-1.doc, ML10.a written 'a.' under ML10 in 15_ML.doc, the Sensitive List rows of
13_SL.doc ('1.D. 2', '7.D.4.a. to d. & g.', '7.D.3.d.1. to 4. & 7.  Not used since 2012') and
the Very Sensitive List rows of 14_VSL.doc. Item counts per category were checked against an
independent scan of the item codes at the start of a line (full codes plus the items numbered
relatively, such as 1.D.2 and 1.D.3). The tests need Debian's antiword, which the Makefile
installs; without it they fail with the parser's one-line error.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from helpers import need_shared_data

from graph_schema.model import ControlEntry, ControlList, Issues, Record
from ingest.registry import get_source
from ingest.runner import build_batch, check_expectations, count_records
from ingest.sources.base import ParseError
from ingest.sources.wassenaar_list_2021 import parser
from ingest.sources.wassenaar_list_2021.parser import WaList2021

SOURCE = "wassenaar-list-2021"

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
# All entries, every level.
ENTRIES_PER_CATEGORY = {
    "1": 275,
    "2": 131,
    "3": 374,
    "4": 36,
    "5": 168,
    "6": 612,
    "7": 105,
    "8": 125,
    "9": 197,
    "ML": 487,
}


def _folder() -> Path:
    return need_shared_data() / get_source(SOURCE).meta.file


@pytest.fixture(scope="module")
def records() -> list[Record]:
    definition = get_source(SOURCE)
    return list(definition.parse(_folder(), definition.meta))


@pytest.fixture(scope="module")
def entries(records: list[Record]) -> dict[str, ControlEntry]:
    return {r.canonical: r for r in records if isinstance(r, ControlEntry)}


@pytest.fixture(scope="module")
def wa() -> WaList2021:
    return parser.read(_folder())


def _category(entry: ControlEntry) -> str:
    return "ML" if entry.canonical.startswith("ML") else entry.canonical[0]


def _children(entries: dict[str, ControlEntry], parent: str) -> list[str]:
    return [code for code, entry in entries.items() if entry.parent == parent]


# -- the list as a whole ----------------------------------------------------------------------


def test_counts_per_category(entries: dict[str, ControlEntry]) -> None:
    items = Counter(_category(e) for e in entries.values() if e.level == 0)
    every = Counter(_category(e) for e in entries.values())
    assert dict(items) == ITEMS_PER_CATEGORY
    assert dict(every) == ENTRIES_PER_CATEGORY
    assert len(entries) == 2510
    assert max(e.level for e in entries.values()) == 7  # 6.A.1.a.1.a.2.b.3.a


def test_counts_meet_the_source_expectations() -> None:
    definition = get_source(SOURCE)
    _, counts = build_batch(definition, _folder())  # checks the folder's checksum too
    check_expectations(definition.meta, counts)
    assert counts["ControlEntry"] == 2510
    assert counts["PARENT_OF"] == 2510 - 195  # every entry but the items has a parent


def test_one_list_in_the_wassenaar_series(records: list[Record]) -> None:
    (control_list,) = [r for r in records if isinstance(r, ControlList)]
    assert control_list.id == "list:wassenaar:2021"  # the 2025 edition is list:wassenaar:2025
    assert control_list.issuer == "regime:wassenaar"
    assert control_list.numbering == "wassenaar"
    assert control_list.edition_date.isoformat() == "2021-12-22"
    assert [(r.source, r.target) for r in records if isinstance(r, Issues)] == [
        ("regime:wassenaar", "list:wassenaar:2021")
    ]
    counts = count_records(records)
    assert counts["ControlList"] == 1


def test_header_and_citation(wa: WaList2021, entries: dict[str, ControlEntry]) -> None:
    assert wa.header == "WA-LIST (21) 1"
    assert entries["5A001.j"].provenance.citation == "WA-LIST (21) 1, 07_Cat-5P1.doc"
    assert entries["5A001.j"].page is None  # antiword's text has no page numbers


def test_structure_validates(wa: WaList2021, entries: dict[str, ControlEntry]) -> None:
    """Sub-paragraphs run a, b, c... / 1, 2, 3... with no gaps; every code a note names exists.

    A sub-entry swallowed by a note, or a note's list read as entries, breaks one or the other.
    """
    assert wa.anomalies == []
    assert parser.structural_anomalies(wa.entries.values()) == []
    children: dict[str, list[str]] = {}
    for code, entry in entries.items():
        if entry.parent is not None:
            children.setdefault(entry.parent, []).append(code.rsplit(".", 1)[1])
    for parent, kids in children.items():
        start = 1 if kids[0].isdigit() else ord("a")
        values = [int(k) if k.isdigit() else ord(k) for k in kids]
        assert values == list(range(start, start + len(kids))), parent
    # Markers whose numbering tabs fit no level ('<TAB>1.<TAB>Detachable cartridge magazines;'
    # under ML1.d, a tab short) are read by their indentation: 71 of them.
    assert len(wa.relevelled) == 71
    assert wa.relevelled[0] == "03_Cat-1.doc:438: a.\tSi-N;"
    assert entries["1C007.c.1.b.1.a"].text == "Si-N;"
    assert entries["ML1.d.1"].text == "Detachable cartridge magazines;"


def test_category_notes_annexes_and_footnotes_stay_out(entries: dict[str, ControlEntry]) -> None:
    texts = [t for e in entries.values() for t in (e.text, *e.notes)]
    assert not any("Russian Federation and Ukraine" in t for t in texts)  # page footnote
    assert not any("WA-LIST" in t for t in texts)
    # The note that opens Category 3 (3.A. Note 1), the Cryptography Note that opens
    # Category 5 - Part 2, the 'APP' technical note closing Category 4.
    assert not any("The status of equipment and components described in 3.A." in t for t in texts)
    assert not any(t.startswith("Note 3 Cryptography Note") for t in texts)
    assert not any("Outline of 'APP' calculation method" in t for t in texts)
    dual_use = [t for c, e in entries.items() if c[0].isdigit() for t in (e.text, *e.notes)]
    assert not any("ADNBF" in t for t in dual_use)  # the Category 1 annex of explosives
    assert entries["ML8.a.1"].text.startswith("ADNBF (aminodinitrobenzofuroxan")


# -- entries read in the files ----------------------------------------------------------------


def test_5A001_j_ip_network_surveillance(entries: dict[str, ControlEntry]) -> None:
    # 07_Cat-5P1.doc: '5.<TAB>A.<TAB>1.<TAB>j. <TAB>IP network communications ...'
    j = entries["5A001.j"]
    assert j.code == "5.A.1.j"
    assert j.parent == "5A001"
    assert j.text == (
        "IP network communications surveillance systems or equipment, and specially designed "
        "components therefor, having all of the following:"
    )
    assert j.notes == [
        "Note 5.A.1.j. does not apply to systems or equipment, specially designed for any of "
        "the following: a. Marketing purpose; b. Network Quality of Service (QoS);or "
        "c. Quality of Experience (QoE)."
    ]
    assert _children(entries, "5A001.j") == ["5A001.j.1", "5A001.j.2"]
    assert (
        entries["5A001.j.2"].text == "Being specially designed to carry out all of the following:"
    )


def test_intrusion_software(entries: dict[str, ControlEntry]) -> None:
    assert entries["4A005"].text == (
        "Systems, equipment, and components therefor, specially designed or modified for the "
        'generation, command and control, or delivery of "intrusion software".'
    )
    assert entries["4A005"].heading == entries["4A005"].text
    assert entries["4D004"].notes[0].startswith('Note 4.D.4 does not apply to "software"')
    assert entries["4E001.c"].text == '"Technology" for the "development" of "intrusion software".'


def test_munitions_list(entries: dict[str, ControlEntry]) -> None:
    # 15_ML.doc: 'ML10.<TAB>"Aircraft", ...', then 'a.<TAB>Manned "aircraft" ...' (no tabs
    # before it) after an N.B. at the same indentation; Notes 1, 4 and 5 name ML10.a.
    a = entries["ML10.a"]
    assert a.code == "ML10.a"
    assert a.parent == "ML10"
    assert a.text == (
        'Manned "aircraft" and "lighter-than-air vehicles", and specially designed components '
        "therefor;"
    )
    assert [n.split(" ML10")[0] for n in a.notes] == [
        "Note 1",
        "Note 4 For the purposes of",
        "Note 5",
    ]
    # 'Note 3 For the purposes of ML10.a. and ML10.d., ...' names two entries: their parent's.
    assert [n[:20] for n in entries["ML10"].notes] == [
        "N.B. For guidance an",
        "Note 3 For the purpo",
    ]
    assert entries["ML10.b"].status == "not-used"
    assert _children(entries, "ML10")[-1] == "ML10.i"  # ML10.j is new in 2025
    assert entries["ML22"].text == '"Technology" as follows:'


def test_carried_hierarchy(entries: dict[str, ControlEntry]) -> None:
    # 03_Cat-1.doc: '1.<TAB>D.<TAB>1.<TAB>"Software" ...', then '<TAB><TAB>2.<TAB>"Software" for
    # the "development" of organic "matrix" ...' and '<TAB><TAB>3.': items 1.D.2 and 1.D.3.
    assert entries["1D002"].code == "1.D.2"
    assert entries["1D002"].parent is None
    assert entries["1D002"].text.startswith('"Software" for the "development" of organic "matrix"')
    assert entries["1D003"].text.startswith('"Software" specially designed or modified to enable')
    # '<TAB><TAB><TAB>a.<TAB>Seals, gaskets ...' under 1.A.1.
    assert entries["1A001.a"].parent == "1A001"
    assert entries["1A001.a"].text.startswith("Seals, gaskets, sealants or fuel bladders")
    # ML8.h: '<TAB>1.<TAB>Powders ...', then 'a.<TAB>Aluminium;' with no tabs, then
    # '<TAB>2.<TAB>Shapes ...'; the Note 1 of ML8 that follows lists 'Ammonium picrate' under
    # three tabs, which is the note's own list, not ML8.h.2.a.
    assert _children(entries, "ML8.h.1")[0] == "ML8.h.1.a"
    assert entries["ML8.h.1.a"].text == "Aluminium;"
    assert entries["ML8.h.1.j"].text == "Hafnium;"
    assert entries["ML8.h.2"].text == (
        "Shapes, not specified by ML3, ML4, ML12 or ML16, fabricated from powders specified by "
        "ML8.h.1."
    )
    assert "ML8.h.2.a" not in entries
    assert any("Ammonium picrate" in n for n in entries["ML8"].notes)
    # ML2.b: '1.<TAB>Smoke canister projectors;' with no tabs is ML2.b.1.
    assert entries["ML2.b.1"].text == "Smoke canister projectors;"
    # A full code written deep in the text: 'ML8.<TAB>a.<TAB>39.' indented.
    assert entries["ML8.a.39"].text.startswith("Energetic ionic materials melting between")


def test_notes(entries: dict[str, ControlEntry]) -> None:
    assert entries["1A004.a"].notes == [
        "Note 1.A.4.a. includes Powered Air Purifying Respirators (PAPR) that are designed or "
        "modified for defence against agents or materials, listed in 1.A.4.a.",
        "Technical Notes For the purposes of 1.A.4.a.: 1. Full face masks are also known as gas "
        "masks. 2. Filter canisters include filter cartridges.",
    ]
    # 10_Cat-7.doc: a Technical Note ending 'include:' keeps its 'a.' and 'b.', which sit at
    # the note's indentation; 7.A.3.a is the full code that follows.
    assert entries["7A003"].notes[-1] == (
        "Technical Note 'Positional aiding references' independently provide position, and "
        'include: a. "Satellite navigation system"; b. "Data-Based Referenced Navigation" '
        '("DBRN").'
    )
    assert entries["7A003.a"].text.startswith('Designed for "aircraft", land vehicles or vessels')
    # 'Note1<TAB>2.D.2. does not apply ...' (no space) is a note, not text.
    assert entries["2D002"].text.endswith('for "contouring control".')
    assert [n[:6] for n in entries["2D002"].notes] == ["Note1 ", "Note 2", "Note 3"]
    # The deposition table of 2.E.3.f: its body is referred to, its notes kept.
    notes = entries["2E003.f"].notes
    assert notes[1] == "TABLE - DEPOSITION TECHNIQUES: see the table after this entry in the list"
    assert notes[2].startswith(
        "TABLE - DEPOSITION TECHNIQUES - NOTES 1. The term 'coating process' includes coating"
    )
    assert notes[3].startswith("TABLE - DEPOSITION TECHNIQUES - TECHNICAL NOTE Processes")
    # A formula in a one-row table of 05_Cat-3.doc reads as text.
    assert (
        "MRF = (an exposure light source wavelength in nm) x (K factor) numerical"
        in (entries["3B001.f.1.b"].notes[0])
    )


def test_status(entries: dict[str, ControlEntry]) -> None:
    statuses = Counter(e.status for e in entries.values())
    assert statuses == {"active": 2385, "not-used": 109, "reserved": 16}
    assert entries["1A001.b"].text == "Not used since 2015"
    assert entries["1A001.b"].status == "not-used"
    assert entries["ML9.e"].text == "Not used since 2003;"
    assert entries["ML9.e"].status == "not-used"
    assert entries["6B001"].text == "ACOUSTICS - None"  # '6.<TAB>B.' ... '<TAB><TAB>1.'
    assert entries["6B001"].status == "reserved"
    assert entries["6E003.a"].text == "ACOUSTICS – None"
    assert entries["6E003.a"].status == "reserved"


def test_sensitive_and_very_sensitive(entries: dict[str, ControlEntry], wa: WaList2021) -> None:
    assert wa.unresolved == []
    assert sum(e.sensitive for e in entries.values()) == 102
    assert sum(e.very_sensitive for e in entries.values()) == 38
    # 13_SL.doc rows: '1.D. 2', '1.C.10.c. & 1.C.10.d.', '7.D.4.a. to d. & g.'
    assert entries["1D002"].sensitive
    assert entries["1C010.c"].sensitive and entries["1C010.d"].sensitive
    assert [c for c in "abcdefg" if entries[f"7D004.{c}"].sensitive] == list("abcdg")
    # '7.D.3.d.1. to 4. & 7. | Not used since 2012' and '2.B.1.a. | Not used since 2002':
    # those entries left the Sensitive List.
    assert not entries["7D003.d"].sensitive
    assert not entries["2B001.a"].sensitive
    named = {c for n in wa.sensitive for c in n.codes}
    assert {"7.D.3.d.1", "7.D.3.d.4", "7.D.3.d.7", "6.A.2.a.1.b"} <= named
    # 14_VSL.doc: '6.A.1.a.1.b.1.' is named (its parent only on the Sensitive List).
    assert entries["6A001.a.1.b.1"].very_sensitive
    assert not entries["6A001.a.1.b.1"].sensitive
    assert entries["6A001.a.1.b"].sensitive and not entries["6A001.a.1.b"].very_sensitive
    assert entries["9E003.a.3.a"].very_sensitive
    assert entries["5A001.h"].sensitive and entries["5A001.h"].very_sensitive
    assert not entries["8A001.d"].very_sensitive  # '8.A.1.d. | Not used since 2018'


# -- reading pieces of text (no files) --------------------------------------------------------


def test_read_chapter_carries_numbering_and_keeps_note_lists() -> None:
    text = "\n".join(
        [
            "1.\tD.\tSOFTWARE",
            '1.\tD.\t1.\t"Software" one.',
            '         \t\t2.\t"Software" two, as follows:',
            "            \t\t\ta.\tFirst;",
            "         Note\t1.D.2. does not apply to any of the following:",
            "               a.\tX;",
            "               b.\tY.",
            "            \t\t\tb.\tNot used since 2015",
            "               \t\t\t\t1.\tDeeper;",
        ]
    )
    entries: dict[str, parser.Entry] = {}
    anomalies, relevelled = parser.read_chapter(text, "x.doc", "1", entries)
    assert anomalies == [] and relevelled == []
    assert list(entries) == ["1D001", "1D002", "1D002.a", "1D002.b", "1D002.b.1"]
    assert entries["1D002"].note_texts() == [
        "Note 1.D.2. does not apply to any of the following: a. X; b. Y."
    ]
    assert entries["1D002.b"].status == "not-used"


def test_structural_anomalies_find_gaps() -> None:
    text = "1.\tA.\t1.\tItems:\n1.\tA.\t1.\ta.\tOne;\n1.\tA.\t1.\tc.\tThree;\n1.\tA.\t3.\tMore."
    entries: dict[str, parser.Entry] = {}
    anomalies, _ = parser.read_chapter(text, "x.doc", "1", entries)
    assert anomalies == ["x.doc:3: c after 1.A.1.a"]
    assert parser.structural_anomalies(entries.values()) == [
        "1.A.1.c: follows a",
        "1.A.3: follows 1",
    ]


@pytest.mark.parametrize(
    ("cell", "codes"),
    [
        ("1.D. 2", ["1.D.2"]),
        ("1.E. 2.e. & 1.E.2.f.", ["1.E.2.e", "1.E.2.f"]),
        ("6.A.2.a.1.a., b. and c.", ["6.A.2.a.1.a", "6.A.2.a.1.b", "6.A.2.a.1.c"]),
        (
            "7.D.3.d.1. to 4. & 7.",
            ["7.D.3.d.1", "7.D.3.d.2", "7.D.3.d.3", "7.D.3.d.4", "7.D.3.d.7"],
        ),
        ("7.D.4.a. to d. & g.", ["7.D.4.a", "7.D.4.b", "7.D.4.c", "7.D.4.d", "7.D.4.g"]),
        ("8.D.2", ["8.D.2"]),
    ],
)
def test_sensitive_list_code_cells(cell: str, codes: list[str]) -> None:
    assert parser._sl_codes(cell, "13_SL.doc:1") == codes


# -- bad input --------------------------------------------------------------------------------


def _copy_of_folder(tmp_path: Path, replace: dict[str, Path | bytes | None]) -> Path:
    """A folder of links to the real chapter files, some replaced (None: left out)."""
    folder = tmp_path / "wa"
    folder.mkdir()
    for name in parser.CHAPTERS:
        if name in replace:
            source = replace[name]
            if isinstance(source, bytes):
                (folder / name).write_bytes(source)
            elif source is not None:
                (folder / name).symlink_to(source)
        else:
            (folder / name).symlink_to(_folder() / name)
    return folder


def test_empty_folder(tmp_path: Path) -> None:
    with pytest.raises(ParseError, match=r"^wa is empty: expected the WA-LIST chapter files$"):
        parser.read(_copy_of_folder(tmp_path, dict.fromkeys(parser.CHAPTERS)))


def test_not_a_folder(tmp_path: Path) -> None:
    path = tmp_path / "list.doc"
    path.write_bytes(b"x")
    with pytest.raises(ParseError, match="is not a folder"):
        parser.read(path)


def test_folder_missing_a_chapter(tmp_path: Path) -> None:
    folder = _copy_of_folder(tmp_path, {"07_Cat-5P1.doc": None})
    with pytest.raises(ParseError, match=r"lacks 07_Cat-5P1\.doc \(1 of the 13 chapter files\)"):
        parser.read(folder)


def test_a_file_antiword_rejects(tmp_path: Path) -> None:
    folder = _copy_of_folder(tmp_path, {"03_Cat-1.doc": b"\x00garbage, not a Word file\n"})
    with pytest.raises(ParseError) as error:
        parser.read(folder)
    message = str(error.value)
    assert message == (
        "antiword cannot read 03_Cat-1.doc (exit 1): 03_Cat-1.doc is not a Word Document."
    )
    assert "\n" not in message


def test_truncated_and_empty_chapter_files(tmp_path: Path) -> None:
    half = (_folder() / "09_Cat-6.doc").read_bytes()[:100_000]
    folder = _copy_of_folder(tmp_path, {"09_Cat-6.doc": half})
    with pytest.raises(ParseError, match=r"^antiword cannot read 09_Cat-6\.doc \(exit 1\)"):
        parser.read(folder)
    (folder / "09_Cat-6.doc").write_bytes(b"")
    with pytest.raises(ParseError, match=r"^09_Cat-6\.doc in wa is empty$"):
        parser.read(folder)


def test_antiword_missing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parser, "ANTIWORD", "antiword-not-installed-here")
    with pytest.raises(ParseError, match=r"^cannot read 03_Cat-1\.doc: antiword is not installed"):
        parser.read(_folder())


def test_chapter_of_another_category(tmp_path: Path) -> None:
    folder = _copy_of_folder(tmp_path, {"03_Cat-1.doc": _folder() / "04_Cat-2.doc"})
    with pytest.raises(
        ParseError, match=r"^03_Cat-1\.doc holds Category 2 entries, not Category 1$"
    ):
        parser.read(folder)


def test_chapter_without_entries(tmp_path: Path) -> None:
    # The general notes are a real WA-LIST (21) 1 Word file, but hold no entries.
    folder = _copy_of_folder(tmp_path, {"15_ML.doc": _folder() / "02_GTN-and-GSN.doc"})
    with pytest.raises(ParseError, match=r"^15_ML\.doc holds no entries"):
        parser.read(folder)


def _patched(name: str, old: bytes, new: bytes) -> bytes:
    raw = (_folder() / name).read_bytes()
    assert old in raw and len(old) == len(new)
    return raw.replace(old, new)


def test_file_of_another_document(tmp_path: Path) -> None:
    doc = _patched("03_Cat-1.doc", b"WA-LIST (21) 1", b"XX-LIST (21) 1")
    folder = _copy_of_folder(tmp_path, {"03_Cat-1.doc": doc})
    with pytest.raises(ParseError, match=r"^03_Cat-1\.doc has no 'WA-LIST \(yy\) n' page header"):
        parser.read(folder)


def test_chapters_of_two_editions(tmp_path: Path) -> None:
    doc = _patched("15_ML.doc", b"WA-LIST (21)", b"WA-LIST (19)")
    folder = _copy_of_folder(tmp_path, {"15_ML.doc": doc})
    with pytest.raises(ParseError, match=r"not of one WA-LIST edition: WA-LIST \(19\) 1, WA-LIST"):
        parser.read(folder)


def test_edition_must_match_the_metadata() -> None:
    meta = get_source(SOURCE).meta.model_copy(update={"edition": "2025"})
    with pytest.raises(ParseError, match=r"is WA-LIST \(21\) 1, not the 2025 edition"):
        list(parser.parse(_folder(), meta))
