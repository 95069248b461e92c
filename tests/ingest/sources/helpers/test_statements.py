"""Statements read from their Markdown: front matter, and country lists in their sentences."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.registry import get_source
from ingest.sources.base import ParseError
from ingest.sources.helpers.statements import country_list, read_statement


def test_country_lists() -> None:
    assert country_list("Canada, France, the Netherlands, and the United Kingdom.") == [
        "CA",
        "FR",
        "NL",
        "GB",
    ]
    assert country_list("Republic of Korea and Kosovo") == ["KR", "XK"]
    with pytest.raises(ParseError, match="Atlantis"):
        country_list("France and Atlantis")


def test_read_statement_front_matter(shared_data: Path) -> None:
    meta = get_source("echri-code").meta
    statement = read_statement(shared_data / meta.file)
    assert statement.date == "2023-03-29"
    assert statement.url == meta.official_url
