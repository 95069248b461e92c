"""What pdfium's text layer loses and the characters' boxes keep.

A PDF sets an exponent as smaller digits raised above the line; the text layer flattens it, so
"equal to or exceeding 10³" reads "exceeding 103" and "5 x 10⁻⁴" reads "5 x 10-4". The box of
each character still shows the rise, so the exponent is rebuilt as Unicode superscripts, which
the threshold reader (:mod:`ingest.sources.helpers.parameters`) reads as powers of ten.
"""

from __future__ import annotations

import re

import pypdfium2 as pdfium  # type: ignore[import-untyped, unused-ignore]

_SUPERSCRIPT = str.maketrans("0123456789-−", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁻")
#: A "10" and the one or two digits (with a sign) that may be its flattened exponent.
_POWER_RE = re.compile(r"(?<![\d.,])10(?P<exp>[-−]?\d{1,2})(?!\d)")
#: Raised: the exponent's foot is this share of the "0"'s height above the "0"'s foot. Digits
#: on the line sit level (rise 0); the list's exponents rise by about 0.6 of a digit.
_RISE = 0.3


def raise_exponents(textpage: pdfium.PdfTextPage, text: str) -> str:
    """``text`` (the page's whole text range, as pdfium gives it) with each raised exponent of
    a power of ten written in superscript characters. One character for one: offsets into the
    text stay offsets on the page."""
    if "10" not in text:
        return text
    out = list(text)
    for match in _POWER_RE.finditer(text):
        zero = match.start("exp") - 1
        _, zero_bottom, _, zero_top = textpage.get_charbox(zero)
        height = zero_top - zero_bottom
        if height <= 0:
            continue
        # The first digit decides (a raised minus is a thin line, its box says little).
        start = match.start("exp")
        digit = start + 1 if text[start] in "-−" else start
        if textpage.get_charbox(digit)[1] - zero_bottom < _RISE * height:
            continue
        for i in range(start, match.end("exp")):
            out[i] = text[i].translate(_SUPERSCRIPT)
    return "".join(out)
