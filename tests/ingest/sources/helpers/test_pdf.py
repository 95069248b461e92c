"""Exponents rebuilt from the characters' boxes, on the real Wassenaar PDF."""

from __future__ import annotations

import pypdfium2 as pdfium  # type: ignore[import-untyped, unused-ignore]
from helpers import need_shared_data

from ingest.sources.helpers.pdf import raise_exponents


def _page_text(number: int) -> tuple[str, str]:
    pdf = pdfium.PdfDocument(need_shared_data() / "wassenaar" / "wa-list-2025-corr.pdf")
    try:
        textpage = pdf[number - 1].get_textpage()
        text = textpage.get_text_range()
        return text, raise_exponents(textpage, text)
    finally:
        pdf.close()


def test_a_raised_exponent_becomes_a_superscript() -> None:
    # PDF p. 130, 6.A.5.g.5: "Optical Signal to Noise ratio equal to or exceeding 10" with a
    # raised "3"; the text layer reads "103".
    flat, raised = _page_text(130)
    assert "exceeding 103" in flat
    assert "exceeding 10³" in raised
    assert len(raised) == len(flat)  # offsets stay offsets on the page


def test_negative_exponents_and_numbers_on_the_line_stay_apart() -> None:
    # PDF p. 14, 1.C.3.b.1: "A saturation magnetostriction of more than 5 x 10" raised "-4";
    # and "exceeding 100 m" elsewhere on that page is a number on the line.
    flat, raised = _page_text(14)
    assert "more than 5 x 10⁻⁴" in raised
    assert "exceeding 100 m" in raised and "exceeding 100 m" in flat
