"""Print an HTML page to PDF with Debian's headless Chromium (the browser the tests already
install): its print engine honours the page's print stylesheet, and no PDF library is needed.
Shared by the CLI, the client and the API's dashboard routes."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

#: The names Chromium is looked for by on the PATH.
CANDIDATES = ("chromium", "chromium-browser", "google-chrome")
TIMEOUT = 120


class PdfError(RuntimeError):
    """No Chromium, or Chromium could not print the page; the message says which."""


def chromium(configured: Path | None = None) -> str:
    """The configured Chromium (``HARMONIA_CHROMIUM``), else the first found on the PATH."""
    if configured is not None:
        if not (configured.is_file() and os.access(configured, os.X_OK)):
            raise PdfError(f"HARMONIA_CHROMIUM={configured} is not an executable file")
        return str(configured)
    found = next((path for name in CANDIDATES if (path := shutil.which(name))), None)
    if not found:
        raise PdfError(
            "no Chromium to print the PDF with: install Debian's chromium "
            "(apt-get install chromium) or set HARMONIA_CHROMIUM to a Chromium binary"
        )
    return found


def html_to_pdf(html: str, target: Path, browser: Path | None = None) -> None:
    """Write ``html`` as a PDF at ``target`` with ``browser`` (else Chromium from the PATH):
    printed in a scratch folder, then moved into place, so a failure leaves no partial file."""
    binary = chromium(browser)
    with tempfile.TemporaryDirectory(prefix="harmonia-pdf-") as scratch:
        page, pdf = Path(scratch) / "page.html", Path(scratch) / "page.pdf"
        page.write_text(html, "utf-8")
        command = [
            binary,
            "--headless",
            "--no-sandbox",  # as root in containers; the page is our own, from a local file
            "--disable-gpu",
            "--no-pdf-header-footer",
            f"--user-data-dir={Path(scratch) / 'profile'}",
            f"--print-to-pdf={pdf}",
            page.as_uri(),
        ]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT)
        except subprocess.TimeoutExpired as exc:
            raise PdfError(f"Chromium did not print within {TIMEOUT} s") from exc
        if done.returncode != 0 or not pdf.is_file() or pdf.stat().st_size == 0:
            raise PdfError(f"Chromium could not print the page: {done.stderr.strip()[-500:]}")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(pdf), target)


def pdf_bytes(html: str, browser: Path | None = None) -> bytes:
    """``html`` printed to PDF, as bytes (for an answer rather than a file)."""
    with tempfile.TemporaryDirectory(prefix="harmonia-pdf-") as scratch:
        target = Path(scratch) / "brief.pdf"
        html_to_pdf(html, target, browser)
        return target.read_bytes()
