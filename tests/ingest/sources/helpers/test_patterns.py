"""What several lists write alike, on made-up lines."""

from __future__ import annotations

import re

import pytest

from ingest.sources.helpers.patterns import (
    ANNEX_NOT_USED_RE,
    CODE_LINK_RE,
    NONE_RE,
    NOT_USED_RE,
    NOTE_LEAD,
    NOTE_LEAD_RE,
    squash,
)


def test_squash_makes_runs_of_white_space_one_space() -> None:
    assert (
        squash("  5A001\t Telecommunications\n systems \u00a0")
        == "5A001 Telecommunications systems"
    )
    assert squash(" \n ") == ""


@pytest.mark.parametrize(
    ("text", "wassenaar", "annex"),
    [
        ("Not used", True, True),
        ("not used;", True, True),
        ("(not used)", False, True),
        ("Not used since 2004.", True, False),
        ("[Reserved]", True, False),
        ("Not used for weapons", False, False),
    ],
)
def test_not_used_as_each_list_writes_it(text: str, wassenaar: bool, annex: bool) -> None:
    assert bool(NOT_USED_RE.match(text)) is wassenaar
    assert bool(ANNEX_NOT_USED_RE.match(text)) is annex


def test_none_is_a_whole_text() -> None:
    assert NONE_RE.match("None.") and NONE_RE.match("None")
    assert not NONE_RE.match("None of the following")


def test_note_lead_in_any_case_or_as_written() -> None:
    assert NOTE_LEAD_RE.sub("", "For the purposes of 5A002.a., ...") == "5A002.a., ..."
    assert NOTE_LEAD_RE.sub("", "in 1C010.e.") == "1C010.e."
    assert re.compile(NOTE_LEAD).sub("", "in 1C010.e.") == "in 1C010.e."


@pytest.mark.parametrize("link", [", ", " & ", " and ", " or ", " to "])
def test_links_between_codes(link: str) -> None:
    found = CODE_LINK_RE.match(f"5A001.b.{link}c.", len("5A001.b."))
    assert found is not None and found.end() == len(f"5A001.b.{link}")
    assert CODE_LINK_RE.match("5A001.b. today", len("5A001.b.")) is None
