"""The rules of relative paragraph markers, on made-up paths."""

from __future__ import annotations

import re

import pytest

from graph_schema.codes import CodeSystem, ControlCode
from ingest.sources.base import ParseError
from ingest.sources.helpers.numbering import (
    common_length,
    elements,
    follows,
    is_first,
    is_next,
    note_subject,
    opens,
    predecessor,
    read_code,
    successor,
    well_formed,
    within,
)


def test_elements_of_markers_and_tails() -> None:
    assert elements("a. 3.") == ("a", "3")
    assert elements("b.\t2.\tc.") == ("b", "2", "c")
    assert elements(".a.12") == ("a", "12")
    assert elements("") == ()


def test_levels_alternate_letters_and_numbers() -> None:
    assert is_first("a", 0) and is_first("1", 1) and is_first("a", 2)
    assert not is_first("1", 0) and not is_first("b", 0)
    assert successor("a") == "b" and successor("9") == "10"
    assert predecessor("b") == "a" and predecessor("10") == "9"
    assert well_formed(("a", "1", "b")) and well_formed(())
    assert not well_formed(("1",)) and not well_formed(("a", "b"))
    assert common_length(("a", "1", "b"), ("a", "1", "c")) == 2
    assert common_length((), ("a",)) == 0


@pytest.mark.parametrize(
    ("previous", "new", "fits"),
    [
        ((), ("a",), True),  # the first child of the item
        (("a",), ("b",), True),  # the next sibling
        (("a", "3"), ("a", "4"), True),
        (("a", "3"), ("b",), True),  # back up a level
        (("a", "3"), ("a", "3", "a"), True),  # a first child
        (("a",), ("c",), False),  # a gap
        (("a",), ("a",), False),  # the same entry again
        (("a", "3"), ("a",), False),  # an ancestor again
        (("a",), ("a", "2"), False),  # a child that does not start at 1
        (("a",), ("b", "1"), True),  # a sibling with its first child
        (("a",), ("b", "2"), False),
        ((), ("1",), False),  # numbers are not at the first level
    ],
)
def test_follows(previous: tuple[str, ...], new: tuple[str, ...], fits: bool) -> None:
    assert follows(previous, new) is fits


@pytest.mark.parametrize(
    ("previous", "new", "fits"),
    [
        ((), ("1",), True),  # an item numbered from 1. (the DSGL's 1C350)
        ((), ("a",), True),
        (("1",), ("2",), True),
        (("1",), ("1", "a"), True),  # letters below numbers
        (("1",), ("1", "1"), False),
        (("a",), ("a", "1"), True),
        ((), ("2",), False),
    ],
)
def test_follows_where_items_may_be_numbered(
    previous: tuple[str, ...], new: tuple[str, ...], fits: bool
) -> None:
    assert follows(previous, new, numbered_items=True) is fits


def test_opens() -> None:
    assert opens("a", None) and not opens("1", None)
    assert opens("1", None, numbered_items=True) and not opens("b", None, numbered_items=True)
    assert opens("1", "c") and opens("a", "2") and not opens("a", "c")


def test_read_code_names_an_unreadable_code() -> None:
    assert read_code("5.A.1.b", CodeSystem.WASSENAAR).canonical == "5A001.b"
    with pytest.raises(ParseError, match=r"unreadable code 'X\.1'"):
        read_code("X.1", CodeSystem.WASSENAAR)


class _Numbering:
    ref_re = re.compile(r"(\d)\.([A-E])\.(\d{1,2})\.?((?:(?:[a-z]|\d{1,2})\.?)*)")

    def root(self, match: re.Match[str]) -> str:
        return f"{match.group(1)}.{match.group(2)}.{int(match.group(3))}"

    def code(self, root: str, path: tuple[str, ...]) -> ControlCode:
        return read_code(".".join((root, *path)), CodeSystem.WASSENAAR)


def test_note_subject() -> None:
    entries = {c: c for c in ("5A001", "5A001.b", "5A001.b.5", "5A001.c", "5A002")}
    numbering = _Numbering()
    assert note_subject("5.A.1.b.5. does not", "5.A.1", numbering, entries) == "5A001.b.5"
    # Several: their common parent; one not read yet: its nearest ancestor read.
    assert note_subject("5.A.1.b. and 5.A.1.c. do", "5.A.1", numbering, entries) == "5A001"
    assert note_subject("5.A.1.b.7.a. includes", "5.A.1", numbering, entries) == "5A001.b"
    assert note_subject("5.A.2. does not", "5.A.1", numbering, entries) is None  # other item
    assert note_subject("This note", "5.A.1", numbering, entries) is None


def test_labels_and_codes_of_one_level() -> None:
    assert is_next("a", "b") and is_next("9", "10")
    assert not is_next("a", "c") and not is_next("1", "b") and not is_next("b", "a")
    assert within("5A001.b.1", "5A001.b") and within("5A001", "5A001")
    assert not within("5A0011", "5A001") and not within("5A001", "5A001.b")
