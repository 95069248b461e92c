"""Opening a PDF and cutting its pages' text into lines (pypdfium2), for the PDF parsers.

pdfium gives a page's text as one string, its lines separated by CR LF, and tells where a
character is set by the character's offset in that string. :func:`open_pdf` refuses what is not
a readable PDF with a one-line ParseError naming the file; :func:`text_lines` cuts a page's text
into its lines, each with the offset of its first character, so that a parser can ask pdfium
where a line starts (its indentation) and how it is set (italic, font size);
:func:`join_wrapped` makes the lines a paragraph was wrapped into one text again.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium  # type: ignore[import-untyped, unused-ignore]

from ingest.sources.base import ParseError

#: Two x positions of lines closer than this (PDF points) are the same indentation.
SAME_INDENT = 3.0
#: A marker this close to where its level is expected sits at that level.
NEAR_LEVEL = 6.0

#: How much of the file's start (and, for a whole file, its end) is looked at before pdfium.
_SNIFF = 1024


def open_pdf(
    path: Path, *, sniff: bool = True, blank_is_empty: bool = False, whole: bool = False
) -> pdfium.PdfDocument:
    """``path`` opened by pdfium, or a one-line ParseError naming the file.

    ``sniff``: first refuse an empty file and one that does not start like a PDF (pdfium's own
    message says less). ``blank_is_empty``: a start of white space only counts as empty.
    ``whole``: refuse a file whose last 1 KB has no ``%%EOF`` marker, for a parser that must
    read the whole document: pdfium recovers what it can from a cut file.
    """
    if sniff:
        _sniff(path, blank_is_empty=blank_is_empty, whole=whole)
    try:
        return pdfium.PdfDocument(path)
    except (pdfium.PdfiumError, OSError, ValueError) as exc:
        damaged = " (truncated or damaged)" if whole else ""
        raise ParseError(f"{path.name} is not a readable PDF{damaged}: {exc}") from exc


def _sniff(path: Path, *, blank_is_empty: bool, whole: bool) -> None:
    end = b""
    try:
        with path.open("rb") as handle:
            start = handle.read(_SNIFF)
            if whole:
                handle.seek(max(0, path.stat().st_size - _SNIFF))
                end = handle.read()
    except OSError as exc:
        raise ParseError(f"cannot read {path.name}: {exc.strerror}") from exc
    if not (start.strip() if blank_is_empty else start):
        raise ParseError(f"{path.name} is empty")
    if b"%PDF-" not in start:
        raise ParseError(f"{path.name} is not a PDF (it starts with {start[:12]!r})")
    if whole and b"%%EOF" not in end:
        # pdfium recovers what it can from a cut file; refuse it rather than read less.
        raise ParseError(f"{path.name} is truncated: its last 1 KB has no '%%EOF' marker")


@dataclass(frozen=True, slots=True)
class TextLine:
    """One line of a page's text as pdfium wrote it (without its CR LF)."""

    number: int  # the line's position on the page, blank lines counted
    start: int  # offset of the line's first character in the page's text
    raw: str

    @property
    def text(self) -> str:
        """The line without the white space around it."""
        return self.raw.strip()

    @property
    def first(self) -> int:
        """Offset of the line's first character that is not white space."""
        return self.start + len(self.raw) - len(self.raw.lstrip())

    @property
    def last(self) -> int:
        """Offset of the line's last character that is not white space."""
        return self.start + len(self.raw.rstrip()) - 1


def text_lines(text: str) -> list[TextLine]:
    """The lines of a page's text (``get_text_range``) that are not blank, in order.

    ``text`` may have been mended one character for one (symbols mapped, exponents raised): the
    offsets stay offsets on the page.
    """
    lines: list[TextLine] = []
    offset = 0
    for number, raw in enumerate(text.split("\r\n")):
        if raw.strip():
            lines.append(TextLine(number, offset, raw))
        offset += len(raw) + 2
    return lines


def join_wrapped(lines: list[str]) -> str:
    """The lines of a paragraph the page wrapped, as one text."""
    out = ""
    for line in lines:
        if not out:
            out = line
        elif out.endswith("-") and not out.endswith(" -"):
            out += line  # a compound word or CAS number broken after its hyphen
        else:
            out += " " + line
    return out.strip()
