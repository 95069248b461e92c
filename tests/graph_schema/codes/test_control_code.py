"""Tests for graph_schema.codes.control_code: a parsed code's fields and hierarchy."""

from __future__ import annotations

import dataclasses

import pytest
from code_strategies import eccns
from hypothesis import given

from graph_schema.codes import CodeSystem, ControlCode, normalise, parse_code

W = CodeSystem.WASSENAAR
S = CodeSystem.SCOMET


# ---------------------------------------------------------------------------------------------
# Fields


def test_control_code_is_frozen_and_hashable() -> None:
    code = parse_code("5A001.j")
    with pytest.raises(dataclasses.FrozenInstanceError):
        code.canonical = "x"  # type: ignore[misc]
    assert code in {code}


# ---------------------------------------------------------------------------------------------
# Hierarchy


@pytest.mark.parametrize(
    ("written", "system", "level", "root", "ancestors", "parent"),
    [
        ("5A001", None, 0, "5A001", [], None),
        ("5A001.j", None, 1, "5A001", ["5A001"], "5A001"),
        ("5A001.j.1", None, 2, "5A001", ["5A001", "5A001.j"], "5A001.j"),
        ("3.B.1.a.4.c", None, 3, "3B001", ["3B001", "3B001.a", "3B001.a.4"], "3B001.a.4"),
        ("ML8.c.4", None, 2, "ML8", ["ML8", "ML8.c"], "ML8.c"),
        ("ML10", None, 0, "ML10", [], None),
        ("PL5001", None, 0, "PL5001", [], None),
        ("PL5001.a", None, 1, "PL5001", ["PL5001"], "PL5001"),
        ("8E102.f", S, 1, "8E102", ["8E102"], "8E102"),
        ("3A1.a.ii", S, 2, "3A1", ["3A1", "3A1.a"], "3A1.a"),
    ],
)
def test_hierarchy(
    written: str,
    system: CodeSystem | None,
    level: int,
    root: str,
    ancestors: list[str],
    parent: str | None,
) -> None:
    code = parse_code(written, system)
    assert code.level == level
    assert code.root == root
    assert code.ancestors() == ancestors
    if parent is None:
        assert code.parent is None
    else:
        assert code.parent is not None
        assert code.parent.canonical == parent


def test_parent_keeps_system_and_item_fields() -> None:
    code = parse_code("5.A.1.j.1")
    parent = code.parent
    assert parent is not None
    assert parent == ControlCode(
        system=W,
        written="5A001.j",
        canonical="5A001.j",
        category="5",
        group="A",
        number=1,
        path=("j",),
    )
    grandparent = parent.parent
    assert grandparent is not None
    assert grandparent.canonical == "5A001"
    assert grandparent.level == 0
    assert grandparent.parent is None


def test_parent_of_parsed_parent_matches_parsing_the_parent() -> None:
    code = parse_code("6A003.b.4.b")
    parent = code.parent
    assert parent is not None
    assert parent.canonical == normalise("6.A.3.b.4")
    assert parse_code(parent.canonical).path == parent.path


# ---------------------------------------------------------------------------------------------
# Properties


@given(eccns())
def test_hierarchy_is_consistent(canonical: str) -> None:
    code = parse_code(canonical)
    ancestors = code.ancestors()
    assert len(ancestors) == code.level
    assert all(canonical.startswith(ancestor) for ancestor in ancestors)
    if code.parent is None:
        assert code.level == 0
        assert code.canonical == code.root
    else:
        assert code.parent.canonical == ancestors[-1]
        assert code.parent.ancestors() == ancestors[:-1]
        assert normalise(code.parent.canonical) == code.parent.canonical
