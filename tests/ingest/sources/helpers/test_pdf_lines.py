"""Opening a PDF and cutting a page's text into lines, on made-up files and the real list."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import need_shared_data

from ingest.sources.base import ParseError
from ingest.sources.helpers.pdf_lines import open_pdf, text_lines


def test_lines_keep_their_offsets_on_the_page() -> None:
    text = "  5. A. 1. Systems\r\n\r\n   \r\nNote  \r\nlast"
    lines = text_lines(text)
    assert [line.text for line in lines] == ["5. A. 1. Systems", "Note", "last"]
    assert [line.number for line in lines] == [0, 3, 4]  # blank lines are counted
    first, note, last = lines
    assert text[first.first] == "5" and first.first == 2
    assert text[note.first : note.last + 1] == "Note"
    assert text[last.start :] == "last"


def test_no_lines_in_a_blank_page() -> None:
    assert text_lines("") == []
    assert text_lines("\r\n  \r\n") == []


@pytest.mark.parametrize(
    ("content", "options", "message"),
    [
        (b"", {}, "is empty"),
        (b"  \n", {}, "is not a PDF"),
        (b"  \n", {"blank_is_empty": True}, "is empty"),
        (b"ML1 Smooth-bore weapons", {}, r"is not a PDF \(it starts with b'ML1 Smooth"),
        (b"%PDF-1.7\n%%EOF\n", {}, "x.pdf is not a readable PDF: "),
        (b"%PDF-1.7\n1 0 obj\n", {"whole": True}, "is truncated: its last 1 KB has no '%%EOF'"),
        (b"%PDF-1.7\n%%EOF\n", {"whole": True}, r"not a readable PDF \(truncated or damaged\)"),
        (b"", {"sniff": False}, "x.pdf is not a readable PDF: "),
    ],
)
def test_what_is_not_a_readable_pdf_is_refused(
    tmp_path: Path, content: bytes, options: dict[str, bool], message: str
) -> None:
    path = tmp_path / "x.pdf"
    path.write_bytes(content)
    with pytest.raises(ParseError, match=message):
        open_pdf(path, **options)


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(ParseError, match=r"cannot read gone\.pdf"):
        open_pdf(tmp_path / "gone.pdf")


def test_lines_of_a_real_page_start_where_pdfium_sets_them() -> None:
    pdf = open_pdf(need_shared_data() / "wassenaar" / "wa-list-2025-corr.pdf", whole=True)
    try:
        textpage = pdf[13].get_textpage()  # PDF p. 14: Category 1 items
        text = textpage.get_text_range()
        lines = text_lines(text)
        assert lines and all(line.text == text[line.first : line.last + 1] for line in lines)
        # A line's first character is left of its last one, both on the page.
        for line in lines[:20]:
            assert textpage.get_charbox(line.first)[0] <= textpage.get_charbox(line.last)[2]
        textpage.close()
    finally:
        pdf.close()
