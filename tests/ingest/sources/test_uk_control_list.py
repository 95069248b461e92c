"""The UK control-list spreadsheet parser (change note of 2018-03-01, outdated).

Expected texts were read from the cells of the real workbook (sheet 'UK Military List', raw
sheet XML and shared strings), not from the parser's output.
"""

from __future__ import annotations

import zipfile
from collections import Counter
from pathlib import Path

import pytest
from helpers import need_shared_data
from openpyxl import Workbook

from graph_schema.model import Contains, ControlEntry, ControlList, Issues, ParentOf, Record
from ingest.registry import get_source
from ingest.runner import build_batch, ingest_file
from ingest.sources.base import ParseError
from store.embedded import EmbeddedStore

SOURCE = "uk-control-list"
MILITARY = "list:uk-military:2018-03-01"
NATIONAL = "list:uk-national:2018-03-01"


def _parse(path: Path) -> list[Record]:
    definition = get_source(SOURCE)
    return list(definition.parse(path, definition.meta))


@pytest.fixture(scope="module")
def records() -> list[Record]:
    return _parse(need_shared_data() / get_source(SOURCE).meta.file)


@pytest.fixture(scope="module")
def entries(records: list[Record]) -> dict[str, ControlEntry]:
    return {r.id.split(":", 3)[3]: r for r in records if isinstance(r, ControlEntry)}


# ---------------------------------------------------------------------------------------------
# The real file


def test_two_lists_labelled_with_their_date(records: list[Record]) -> None:
    lists = {r.id: r for r in records if isinstance(r, ControlList)}
    assert set(lists) == {MILITARY, NATIONAL}
    assert lists[MILITARY].numbering == "munitions"
    assert lists[NATIONAL].numbering == "uk-national"
    for item in lists.values():
        assert item.issuer == "country:GB"
        assert item.edition == "2018-03-01"
        assert "2018, outdated" in item.title
    issues = {(r.source, r.target) for r in records if isinstance(r, Issues)}
    assert issues == {("country:GB", MILITARY), ("country:GB", NATIONAL)}


def test_counts(records: list[Record], entries: dict[str, ControlEntry]) -> None:
    by_list = Counter(e.list_id for e in entries.values())
    # 442 distinct ratings in the sheet's rating columns, 7 of them PL5001; the 4 rows under
    # ML9a2d that repeat other ratings become ML9a2d1-4.
    assert by_list == {MILITARY: 439, NATIONAL: 7}
    assert sum(isinstance(r, Contains) for r in records) == 446
    assert sum(isinstance(r, ParentOf) for r in records) == 446 - 23  # all but 22 ML + PL5001
    roots = {e.canonical for e in entries.values() if e.level == 0}
    assert roots == {f"ML{n}" for n in range(1, 23)} | {"PL5001"}
    assert sorted(c for c in entries if c.startswith("PL")) == [
        "PL5001",
        *(f"PL5001.{x}" for x in "abcdef"),
    ]
    # Entries the Order marks 'not used' are not rows of the sheet.
    assert not {"ML10.b", "ML8.a.34", "ML8.b.2", "ML8.g.4"} & set(entries)


def test_runner_accepts_the_counts_and_is_idempotent(tmp_path: Path) -> None:
    definition = get_source(SOURCE)
    path = need_shared_data() / definition.meta.file
    _, counts = build_batch(definition, path)
    assert counts == {
        "CONTAINS": 446,
        "ControlEntry": 446,
        "ControlList": 2,
        "ISSUES": 2,
        "PARENT_OF": 423,
    }
    store = EmbeddedStore(tmp_path / "graph.sqlite")
    try:
        assert ingest_file(store, SOURCE, path).status == "written"
        assert ingest_file(store, SOURCE, path).status == "unchanged"
    finally:
        store.close()


def test_ml10_and_its_sub_items(entries: dict[str, ControlEntry]) -> None:
    ml10 = entries["ML10"]
    assert ml10.text.startswith(
        '"Aircraft", "lighter-than-air vehicles", "Unmanned Aerial Vehicles" ("UAVs"), '
        "aero-engines and"
    )
    assert "NB: Electronic guidance and navigation equipment is controlled in ML11a" in ml10.notes
    ml10a = entries["ML10.a"]  # row 12
    assert ml10a.code == "ML10a"
    assert ml10a.parent == "ML10"
    assert ml10a.text == (
        'Manned "aircraft" and "lighter-than-air vehicles" and specially designed components'
    )
    assert ml10a.heading == 'Manned "aircraft" and "lighter-than-air vehicles"'
    assert ml10a.notes[0].startswith(
        "ML10a does not control aircraft meeting all of the following descriptions:"
    )
    assert ml10a.provenance.citation == "sheet 'UK Military List', row 12"
    e1 = entries["ML10.e.1"]  # row 7
    assert (e1.code, e1.parent, e1.level) == ("ML10e1", "ML10.e", 2)
    assert e1.text == '"Aircraft" specified by ML10a'
    assert e1.heading == '"Aircraft" (ML10a)'


def test_ml22_technology(entries: dict[str, ControlEntry]) -> None:
    ml22 = entries["ML22"]  # row 401
    assert ml22.text == '"Technology"'
    assert ml22.notes[0].startswith("NB: See article 18 and article 26 of this Order")
    assert entries["ML22.b.4"].text.startswith(
        '"Technology" "required" exclusively for the incorporation of "biocatalysts" specified '
        "in ML7i1"
    )


def test_pl5001_national_ratings(entries: dict[str, ControlEntry]) -> None:
    pl = entries["PL5001"]  # row 377
    assert pl.list_id == NATIONAL
    assert pl.text == "Other security and para-military police goods"
    assert pl.notes == ["NB: See also article 9 of this Order"]
    shackles = entries["PL5001.c"]  # row 382
    assert shackles.parent == "PL5001"
    assert shackles.heading == "Shackles"
    assert shackles.text.startswith("Shackles designed for restraining human beings")
    assert shackles.notes == ['NB: See also 11 of Annex III to "the torture Regulation"']


def test_chemicals_keep_the_sheet_numbering(entries: dict[str, ControlEntry]) -> None:
    # Row 74: the sheet numbers Tris- as b.2, as the Wassenaar list does.
    assert entries["ML7.b.2.b.2"].text == "Tris (2-chlorovinyl) arsine (CAS 40334-70-1)"
    assert entries["ML7.b.2.b.2"].heading == "CAS 40334-70-1"
    hmx = entries["ML8.a.13.a"]  # row 207
    assert hmx.text.startswith("HMX (Cyclotetramethylenetetranitramine, octahydro-1,3,5,7-")
    assert hmx.heading == "CAS 2691-41-0"
    assert entries["ML8.c.12.a.1"].text == "Aluminium"
    assert entries["ML8.f.4.j"].text == "Dicyclohexyl ferrocene"


def test_texts_come_from_the_tree_not_the_shifted_order_column(
    entries: dict[str, ControlEntry],
) -> None:
    # Rows where the 'Orig content' column holds a neighbour's wording.
    assert entries["ML1.d"].text.startswith("Sound suppressors or moderators")
    assert entries["ML1.d"].notes[0].startswith("Note: ML1d does not control:")
    assert entries["ML19.a"].text == (
        '"Laser" systems specially designed for destruction or effecting mission-abort of a target'
    )
    ml5c = entries["ML5.c"]  # row 363
    assert ml5c.text == "Countermeasure equipment for goods specified in control entries above"
    assert ml5c.notes == [
        "For the purposes of ML5c, countermeasure equipment includes detection equipment"
    ]


def test_rating_id_column_and_repaired_ratings(entries: dict[str, ControlEntry]) -> None:
    # Row 376 has ML14 only in the 'Rating ID' column.
    assert entries["ML14"].text.startswith("Specialised equipment for military training")
    # Row 40 repeats its parent's rating ML9a2d; its Order wording starts with '4'.
    degauss = entries["ML9.a.2.d.4"]
    assert degauss.code == "ML9a2d4"
    assert degauss.parent == "ML9.a.2.d"
    assert degauss.text == (
        "A degaussing system designed to reduce the magnetic signature of the whole vessel"
    )
    assert {f"ML9.a.2.d.{n}" for n in range(1, 5)} <= set(entries)
    # Row 44 is the real ML9a2a, which row 41 also claimed.
    assert entries["ML9.a.2.a"].text.startswith("Automatic weapons having a calibre of 127mm")


def test_ratings_listed_under_several_topics_appear_once(
    entries: dict[str, ControlEntry],
) -> None:
    ml16 = entries["ML16"]  # rows 22, 342, 365 and 423; the first gives the text
    assert ml16.text.startswith(
        'Forgings, castings and other unfinished "goods" specially designed for any "goods" '
        "specified in ML1, ML2, ML3, ML4, ML6, ML9, ML10, ML12 or ML19"
    )
    assert ml16.provenance.citation == "sheet 'UK Military List', row 22"
    for entry in entries.values():
        assert len(entry.notes) == len(set(entry.notes)), entry.canonical


# ---------------------------------------------------------------------------------------------
# Small workbooks in the real layout, written here

_GROUPS = ("Dec", "NB", "Note", "See also", "TN", "Local")


def _header() -> list[str | None]:
    cells: list[str | None] = ["Browse tree", None, None, "Rating", "Rating ID"]
    cells += ["Orig content", "Breadcrumb"]
    for group in _GROUPS:
        cells += [group, "Page", "Orig"]
    return cells


def _row(
    depth: int, text: str, rating: str = "", order: str = "", note: str = ""
) -> list[str | None]:
    cells: list[str | None] = [None, None, None]
    cells[depth] = text
    cells += [rating or None, rating or None, order or None, text[:20]]
    cells += [None, None, None, None, None, note or None]  # note in the 'NB' Orig column
    return cells


def _workbook(path: Path, rows: list[list[str | None]], sheet: str = "UK Military List") -> Path:
    book = Workbook()
    active = book.active
    assert active is not None
    book.remove(active)
    book.create_sheet("Technology")
    ws = book.create_sheet(sheet)
    ws.append(["Navigation"])
    ws.append([])
    ws.append(_header())
    for row in rows:
        ws.append(row)
    book.save(path)
    return path


def test_small_workbook_tree(tmp_path: Path) -> None:
    path = _workbook(
        tmp_path / "small.xlsx",
        [
            _row(0, "Weapons - including ammunition"),
            _row(1, "Ammunition", "ML3", note="NB: See also PL9010"),
            _row(2, "Fuze setting devices", "ML3b"),
            _row(2, "Ammunition for weapons", "ML3a"),
            _row(0, "Other goods"),
            _row(1, "Ammunition (again)", "ML3", note="NB: See also PL9010"),
            _row(1, "Police goods", "PL5001"),
            _row(2, "Water cannon", "PL5001d"),
            _row(2, "Wrongly rated", "PL5001", order="a Wrongly rated goods"),
        ],
    )
    entries = {r.canonical: r for r in _parse(path) if isinstance(r, ControlEntry)}
    assert list(entries) == ["ML3", "ML3.a", "ML3.b", "PL5001", "PL5001.a", "PL5001.d"]
    assert entries["ML3"].text == "Ammunition"
    assert entries["ML3"].notes == ["NB: See also PL9010"]
    assert entries["PL5001.a"].text == "Wrongly rated"
    assert entries["PL5001.a"].code == "PL5001a"


def test_rating_not_below_its_parent_without_order_marker(tmp_path: Path) -> None:
    path = _workbook(
        tmp_path / "bad-tree.xlsx",
        [_row(1, "Ammunition", "ML3"), _row(2, "Something else", "ML4a", order="Unrelated")],
    )
    with pytest.raises(ParseError, match=r"row 5: rating ML4a sits under ML3"):
        _parse(path)


def test_unknown_rating(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "dual-use.xlsx", [_row(1, "Computers", "4A001")])
    with pytest.raises(ParseError, match=r"row 4: rating '4A001' is neither an ML nor a PL"):
        _parse(path)


# ---------------------------------------------------------------------------------------------
# Bad input


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def test_truncated_file(tmp_path: Path) -> None:
    data = (need_shared_data() / get_source(SOURCE).meta.file).read_bytes()
    path = tmp_path / "cut.xlsx"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(ParseError, match="not an XLSX workbook"):
        _parse(path)


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.xlsx"
    path.write_bytes(b"")
    with pytest.raises(ParseError, match="is empty"):
        _parse(path)


def test_csv_renamed_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "list.xlsx"
    path.write_text("Rating,Text\nML1,Smooth-bore weapons\n", encoding="utf-8")
    with pytest.raises(ParseError, match="not a zip archive"):
        _parse(path)


def test_zip_that_is_not_a_workbook(tmp_path: Path) -> None:
    path = _zip(tmp_path / "other.xlsx", {"word/document.xml": b"<w:document/>"})
    with pytest.raises(ParseError, match="zip archive but not an XLSX workbook"):
        _parse(path)


def test_workbook_without_the_sheet(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "other-sheets.xlsx", [], sheet="Definitions")
    with pytest.raises(ParseError, match=r"no sheet 'UK Military List'.*'Technology'"):
        _parse(path)


def test_sheet_with_another_layout(tmp_path: Path) -> None:
    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.title = "UK Military List"
    ws.append(["Rating", "Text"])
    ws.append(["ML1", "Smooth-bore weapons"])
    path = tmp_path / "flat.xlsx"
    book.save(path)
    with pytest.raises(ParseError, match="no header row"):
        _parse(path)


def test_zip_bomb_is_refused_before_inflating(tmp_path: Path) -> None:
    path = _zip(
        tmp_path / "bomb.xlsx",
        {
            "[Content_Types].xml": b"<Types/>",
            "xl/workbook.xml": b"<workbook/>",
            "xl/worksheets/sheet1.xml": b"\0" * (8 * 1024 * 1024),
        },
    )
    assert path.stat().st_size < 100_000
    with pytest.raises(ParseError, match="refused as a zip bomb"):
        _parse(path)
