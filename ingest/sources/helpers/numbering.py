"""Relative paragraph markers of Wassenaar-style numbering, and the codes they make.

Below an item (``5.A.1.``, ``ML8.``) the lists letter and number their sub-paragraphs by level,
letters and numbers alternating (``a.``, ``1.``, ``a.`` ...), and mostly write only a marker's
last part: ``b.`` after ``5.A.1.a.3.`` is 5.A.1.b. These are the rules a reader of such a list
needs to tell which entry a marker opens, shared by the parsers of the Wassenaar List (both
editions), Norway's Liste I and the Australian DSGL.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from itertools import pairwise
from typing import Protocol, TypeVar

from graph_schema.codes import CodeError, CodeSystem, ControlCode, parse_code
from ingest.sources.base import ParseError
from ingest.sources.helpers.patterns import CODE_LINK_RE


def elements(tail: str) -> tuple[str, ...]:
    """The parts of a marker or of a code's tail: ``'a. 3.'`` -> ``('a', '3')``."""
    return tuple(part for part in re.split(r"[\s.]+", tail) if part)


def common_length(path: tuple[str, ...], other: tuple[str, ...]) -> int:
    """How many leading parts two paths share."""
    common = 0
    while common < min(len(path), len(other)) and path[common] == other[common]:
        common += 1
    return common


def first(level: int) -> str:
    """The first marker of a level: 'a' below the item, '1' below that, alternating."""
    return "a" if level % 2 == 0 else "1"


def is_first(element: str, position: int) -> bool:
    return element == first(position)


def successor(element: str) -> str:
    return str(int(element) + 1) if element.isdigit() else chr(ord(element) + 1)


def predecessor(element: str) -> str:
    return str(int(element) - 1) if element.isdigit() else chr(ord(element) - 1)


def is_next(previous: str, label: str) -> bool:
    """Whether ``label`` is the sibling right after ``previous`` ('b' after 'a', '3' after '2')."""
    if previous.isdigit() and label.isdigit():
        return int(label) == int(previous) + 1
    if previous.isalpha() and label.isalpha():
        return ord(label) == ord(previous) + 1
    return False


def within(code: str, ancestor: str) -> bool:
    """Whether canonical ``code`` is ``ancestor`` or one of its sub-paragraphs."""
    return code == ancestor or code.startswith(ancestor + ".")


def well_formed(path: tuple[str, ...], *, numbered_items: bool = False) -> bool:
    """Letters and numbers alternate by level, letters first (or either, ``numbered_items``)."""
    if path and not path[0].isalpha() and not numbered_items:
        return False
    return all(a.isalpha() != b.isalpha() for a, b in pairwise(path))


def opens(element: str, above: str | None, *, numbered_items: bool = False) -> bool:
    """Whether ``element`` is the first marker below ``above`` (None: right below the item):
    ``1`` below a letter, ``a`` below a number and below the item. ``numbered_items``: an item
    may also start its list with ``1`` (the DSGL's 1C350)."""
    if above is None:
        return element == "a" or (numbered_items and element == "1")
    return element == ("1" if above.isalpha() else "a")


def follows(
    previous: tuple[str, ...], new: tuple[str, ...], *, numbered_items: bool = False
) -> bool:
    """Whether ``new`` can come right after ``previous`` inside one item (``numbered_items``:
    see :func:`opens`)."""
    if not well_formed(new, numbered_items=numbered_items):
        return False

    def opens_at(level: int) -> bool:
        above = new[level - 1] if level else None
        return opens(new[level], above, numbered_items=numbered_items)

    common = common_length(previous, new)
    if common == len(new):
        return False  # the same entry or one of its ancestors again
    if common == len(previous):
        step_ok = opens_at(common)
    else:
        step_ok = new[common] == successor(previous[common])
    return step_ok and all(opens_at(level) for level in range(common + 1, len(new)))


@lru_cache(maxsize=16384)
def read_code(written: str, system: CodeSystem) -> ControlCode:
    """The parsed code, or a ParseError naming it."""
    # Cached: notes and markers ask for the same few codes many times.
    try:
        return parse_code(written, system)
    except CodeError as exc:
        raise ParseError(f"unreadable code {written!r}: {exc}") from exc


T = TypeVar("T")


class Numbering(Protocol):
    """How a reader writes and reads codes: what :func:`note_subject` needs of it."""

    @property
    def ref_re(self) -> re.Pattern[str]: ...

    def root(self, match: re.Match[str]) -> str: ...

    def code(self, root: str, path: tuple[str, ...]) -> ControlCode: ...


def note_subject(body: str, root: str, numbering: Numbering, entries: Mapping[str, T]) -> T | None:
    """The entry of item ``root`` a note names first ("Note 5.A.1.j. does not..."); a note that
    names several ("5.A.1.b. and c.") goes to their common parent, and one on an entry not
    read yet to the nearest ancestor read."""
    paths: list[tuple[str, ...]] = []
    pos = 0
    while match := numbering.ref_re.match(body, pos):
        if numbering.root(match) != root:
            break
        paths.append(elements(match.group(match.re.groups)))
        connector = CODE_LINK_RE.match(body, match.end())
        if not connector:
            break
        pos = connector.end()
    if not paths:
        return None
    common = paths[0]
    for other in paths[1:]:
        common = common[: common_length(common, other)]
    while common and numbering.code(root, common).canonical not in entries:
        common = common[:-1]
    return entries.get(numbering.code(root, common).canonical)
