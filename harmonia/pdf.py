"""The PDF printer, kept under this name for the CLI and the client: it lives in
:mod:`queries.printing` so that the API (which may not import ``harmonia``) prints the same."""

from __future__ import annotations

from queries.printing import CANDIDATES, TIMEOUT, PdfError, chromium, html_to_pdf

__all__ = ["CANDIDATES", "TIMEOUT", "PdfError", "chromium", "html_to_pdf"]
