"""Zip archives refused before a library inflates them, on made-up archives."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from ingest.sources.base import ParseError
from ingest.sources.helpers.archive import check_zip, file_start, office_file_start

_XLSX = ("xl/workbook.xml", "[Content_Types].xml")


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def _check(path: Path, max_members: int = 10) -> None:
    check_zip(
        path,
        file="an XLSX workbook",
        document="an XLSX workbook",
        required=_XLSX,
        max_members=max_members,
    )


def test_a_small_archive_with_its_members_passes(tmp_path: Path) -> None:
    _check(_zip(tmp_path / "ok.xlsx", dict.fromkeys(_XLSX, b"<x/>")))


def test_what_is_not_the_archive_expected_is_refused(tmp_path: Path) -> None:
    text = tmp_path / "t.xlsx"
    text.write_bytes(b"not a zip")
    with pytest.raises(ParseError, match=r"t\.xlsx is not an XLSX workbook \(not a zip archive"):
        _check(text)
    with pytest.raises(ParseError, match=r"o\.xlsx is a zip archive but not an XLSX workbook"):
        _check(_zip(tmp_path / "o.xlsx", {"[Content_Types].xml": b"<x/>"}))


def test_zip_bombs_are_refused(tmp_path: Path) -> None:
    many = {f"m{n}": b"" for n in range(12)} | dict.fromkeys(_XLSX, b"<x/>")
    with pytest.raises(ParseError, match="has 14 zip members: refused as a zip bomb"):
        _check(_zip(tmp_path / "many.xlsx", many))
    bomb = dict.fromkeys(_XLSX, b"<x/>") | {"xl/big.xml": b"\0" * (3 * 1024 * 1024)}
    with pytest.raises(ParseError, match=r"member xl/big\.xml inflates to 3145728 bytes"):
        _check(_zip(tmp_path / "bomb.xlsx", bomb))


def test_file_start(tmp_path: Path) -> None:
    path = tmp_path / "f.docx"
    path.write_bytes(b"PK\x03\x04 and more")
    assert file_start(path) == b"PK\x03\x04 and"
    with pytest.raises(ParseError, match=r"cannot read gone\.docx"):
        file_start(tmp_path / "gone.docx")


def test_office_file_start_refuses_empty_files_and_pdfs(tmp_path: Path) -> None:
    path = tmp_path / "list.docx"
    path.write_bytes(b"PK\x03\x04 and more")
    assert office_file_start(path, "the Word file") == b"PK\x03\x04 and"
    path.write_bytes(b"")
    with pytest.raises(ParseError, match=r"list\.docx is empty: expected the Word file"):
        office_file_start(path, "the Word file")
    path.write_bytes(b"%PDF-1.7\n")
    with pytest.raises(ParseError, match=r"list\.docx is a PDF, not the Word file"):
        office_file_start(path, "the Word file")
