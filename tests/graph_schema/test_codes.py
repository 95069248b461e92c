"""Tests for graph_schema.codes: reading, canonicalising and interpreting control codes."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given
from hypothesis import strategies as st

from graph_schema.codes import (
    CodeError,
    CodeSystem,
    ControlCode,
    RegimeHint,
    normalise,
    parse_code,
    regime_hint,
    wassenaar_equivalent,
)

W = CodeSystem.WASSENAAR
ML = CodeSystem.MUNITIONS
E = CodeSystem.ECCN
UK = CodeSystem.UK_NATIONAL
S = CodeSystem.SCOMET

# ---------------------------------------------------------------------------------------------
# Canonical forms


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("5.A.1.j", "5A001.j"),
        ("5.A.1.j.1", "5A001.j.1"),
        ("5.A.2.a", "5A002.a"),
        ("1.C.12.a", "1C012.a"),
        ("3.B.1.a.4.c", "3B001.a.4.c"),
        ("4.A.5", "4A005"),
        ("4.D.4", "4D004"),
        ("6.A.3.b.4.b", "6A003.b.4.b"),
        ("9.A.12", "9A012"),
        ("2.B.1.a", "2B001.a"),
        ("8.A.2.o.3", "8A002.o.3"),
        ("5.a.1.J", "5A001.j"),
        ("5. A. 1. j", "5A001.j"),
        ("5 . A . 1 . j . 1", "5A001.j.1"),
        ("5.A.001.j", "5A001.j"),
        ("5.A.1.j.", "5A001.j"),
        ("5.A.1(j)(1)", "5A001.j.1"),
    ],
)
def test_wassenaar_dotted(written: str, canonical: str) -> None:
    code = parse_code(written)
    assert code.system is W
    assert code.canonical == canonical
    assert normalise(written) == canonical
    assert normalise(written, W) == canonical


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("5A001.j", "5A001.j"),
        ("5a001.J", "5A001.j"),
        ("5A001.j.1", "5A001.j.1"),
        ("5A002.a.1", "5A002.a.1"),
        ("3A090.a", "3A090.a"),
        ("4E091", "4E091"),
        ("1C350", "1C350"),
        ("1C350.1", "1C350.1"),
        ("1C350.01", "1C350.1"),
        ("2B350", "2B350"),
        ("2B350.g.3", "2B350.g.3"),
        ("1C450", "1C450"),
        ("1C450.a.1", "1C450.a.1"),
        ("9A610.x", "9A610.x"),
        ("0A919", "0A919"),
        ("0A919.a.1", "0A919.a.1"),
        ("5A992.c", "5A992.c"),
        ("9A515", "9A515"),
        ("0A521", "0A521"),
        ("0A981", "0A981"),
        ("3A981", "3A981"),
        ("0A606", "0A606"),
        ("3A001.z", "3A001.z"),
        ("0A001", "0A001"),
        ("1C101", "1C101"),
        ("1A102", "1A102"),
        ("2B201", "2B201"),
        ("9A004.x", "9A004.x"),
        # Spacing, trailing dots, parentheses and case variants.
        ("5A001 j", "5A001.j"),
        ("5A001.j 1", "5A001.j.1"),
        ("5A001 j 1", "5A001.j.1"),
        ("5A001. j", "5A001.j"),
        ("5A001.j.", "5A001.j"),
        ("5A001.j.1.", "5A001.j.1"),
        ("5A001(j)", "5A001.j"),
        ("5A001 (j)", "5A001.j"),
        ("5A001.j(1)", "5A001.j.1"),
        ("5A001(j)(1)", "5A001.j.1"),
        ("5A001( j )", "5A001.j"),
        ("  5A001.J  ", "5A001.j"),
        ("5a001", "5A001"),
        ("5A001.", "5A001"),
    ],
)
def test_eccn(written: str, canonical: str) -> None:
    code = parse_code(written)
    assert code.system is E
    assert code.canonical == canonical
    assert normalise(written, E) == canonical


@pytest.mark.parametrize(
    ("written", "canonical", "number"),
    [
        ("ML10.a", "ML10.a", 10),
        ("ML10.a.1", "ML10.a.1", 10),
        ("ML8.c.4", "ML8.c.4", 8),
        ("ml8.C.4", "ML8.c.4", 8),
        ("ML 10.a", "ML10.a", 10),
        ("ML1", "ML1", 1),
        ("ML22", "ML22", 22),
        ("ML08", "ML8", 8),
        ("ML10(a)", "ML10.a", 10),
        ("ML10.a.", "ML10.a", 10),
    ],
)
def test_munitions(written: str, canonical: str, number: int) -> None:
    code = parse_code(written)
    assert code.system is ML
    assert code.canonical == canonical
    assert code.category == f"ML{number}"
    assert code.number == number
    assert code.group is None
    assert normalise(written, ML) == canonical


@pytest.mark.parametrize(
    ("written", "canonical", "number"),
    [
        ("PL5001", "PL5001", 5001),
        ("PL9002", "PL9002", 9002),
        ("PL8001", "PL8001", 8001),
        ("PL5017", "PL5017", 5017),
        ("pl5001", "PL5001", 5001),
        ("PL 5001", "PL5001", 5001),
        ("PL5001.a", "PL5001.a", 5001),
    ],
)
def test_uk_national(written: str, canonical: str, number: int) -> None:
    code = parse_code(written)
    assert code.system is UK
    assert code.canonical == canonical
    assert code.category == "PL"
    assert code.group is None
    assert code.number == number
    assert normalise(written, UK) == canonical


@pytest.mark.parametrize(
    ("written", "canonical", "category", "group", "number"),
    [
        ("8A101", "8A101", "8", "A", 101),
        ("8A101.a", "8A101.a", "8", "A", 101),
        ("8E102.f", "8E102.f", "8", "E", 102),
        ("8E802.a", "8E802.a", "8", "E", 802),
        ("8A502.a", "8A502.a", "8", "A", 502),
        ("8a101.A", "8A101.a", "8", "A", 101),
        ("0A101", "0A101", "0", "A", 101),
        ("3A1", "3A1", "3", "A", 1),
        ("5A3", "5A3", "5", "A", 3),
        ("6A001", "6A001", "6", "A", 1),
        ("6A010.a", "6A010.a", "6", "A", 10),
        ("1A1", "1A1", "1", "A", 1),
        ("2B1.a", "2B1.a", "2", "B", 1),
        ("4A3", "4A3", "4", "A", 3),
        ("3A1.a.ii", "3A1.a.ii", "3", "A", 1),
        ("3A1(a)(ii)", "3A1.a.ii", "3", "A", 1),
    ],
)
def test_scomet(written: str, canonical: str, category: str, group: str, number: int) -> None:
    code = parse_code(written, S)
    assert code.system is S
    assert code.canonical == canonical
    assert (code.category, code.group, code.number) == (category, group, number)


def test_string_system_is_accepted() -> None:
    assert normalise("8A101", CodeSystem("scomet")) == "8A101"


# ---------------------------------------------------------------------------------------------
# Fields and equality across systems


def test_fields_of_wassenaar_code() -> None:
    code = parse_code(" 5.A.1.j.1 ")
    assert code == ControlCode(
        system=W,
        written="5.A.1.j.1",
        canonical="5A001.j.1",
        category="5",
        group="A",
        number=1,
        path=("j", "1"),
    )


def test_fields_of_eccn_code() -> None:
    code = parse_code("5a001.J.1")
    assert code.written == "5a001.J.1"
    assert (code.category, code.group, code.number, code.path) == ("5", "A", 1, ("j", "1"))


def test_control_code_is_frozen_and_hashable() -> None:
    code = parse_code("5A001.j")
    with pytest.raises(dataclasses.FrozenInstanceError):
        code.canonical = "x"  # type: ignore[misc]
    assert code in {code}


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("5.A.1.j", "5A001.j"),
        ("5.A.1.j.1", "5a001.j.1"),
        ("5.A.2.a", "5A002.a"),
        ("1.C.12.a", "1C012.a"),
        ("3.B.1.a.4.c", "3B001.a.4.c"),
        ("9.A.12", "9A012"),
        ("5.A.1.j", "5A001 (j)"),
        ("ML10.a", "ml 10 a"),
        ("PL5001", "pl 5001"),
    ],
)
def test_equal_across_systems(left: str, right: str) -> None:
    assert normalise(left) == normalise(right)


def test_wassenaar_and_eccn_parse_as_different_systems_but_same_canonical() -> None:
    wassenaar = parse_code("5.A.1.j")
    eccn = parse_code("5A001.j")
    assert wassenaar.system is W
    assert eccn.system is E
    assert wassenaar != eccn
    assert wassenaar.canonical == eccn.canonical


@pytest.mark.parametrize(
    ("written", "system", "canonical"),
    [
        ("5A001.j", W, "5A001.j"),
        ("5A1.j", W, "5A001.j"),
        ("9a12", W, "9A012"),
    ],
)
def test_wassenaar_accepts_compact_forms_when_named(
    written: str, system: CodeSystem, canonical: str
) -> None:
    code = parse_code(written, system)
    assert code.system is W
    assert code.canonical == canonical


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
# Wassenaar equivalents


@pytest.mark.parametrize(
    ("written", "system", "expected"),
    [
        # Wassenaar and ML codes are their own counterpart.
        ("5.A.1.j", None, "5A001.j"),
        ("9.A.12", None, "9A012"),
        ("ML10.a", None, "ML10.a"),
        # ECCNs in the Wassenaar block keep their number.
        ("5A001.j", None, "5A001.j"),
        ("5A002.a.1", None, "5A002.a.1"),
        ("1C012.a", None, "1C012.a"),
        ("9A012", None, "9A012"),
        # Other regimes' blocks and US series have no Wassenaar dual-use counterpart.
        ("1C101", None, None),
        ("2B201", None, None),
        ("1C350", None, None),
        ("1C450", None, None),
        ("9A515", None, None),
        ("5A992.c", None, None),
        # US 600-series items correspond to the Munitions List category of their last digits
        # (item level only: their paragraph letters follow the USML, not the ML).
        ("9A610.x", None, "ML10"),
        ("0A606.a", None, "ML6"),
        ("9A610.y.1", None, None),
        ("0A919", None, None),
        ("3A090.a", None, None),
        ("4E091", None, None),
        ("3A001.z", None, None),
        # Category 0 is nuclear (NSG), not Wassenaar, even with a 0xx number.
        ("0A001", None, None),
        # ... but its 0x5zz firearms came from the USML and are Munitions List items: firearms,
        # shotguns, sights and semi-automatic rifles and pistols ML1, ammunition ML3, their
        # production equipment ML18, software ML21, technology ML22; semi-automatic shotguns
        # (0A508) are Wassenaar 2025 ML1.b.2.b "Semi-automatic or pump-action type weapons"
        # (p.182), their parts and accessories (0A509) ML1. Discharge-type arms (0A503) stay
        # US-only.
        ("0A501", None, "ML1"),
        ("0A501.a", None, "ML1"),
        ("0A504", None, "ML1"),
        ("0A505", None, "ML3"),
        ("0B505", None, "ML18"),
        ("0D501", None, "ML21"),
        ("0E504", None, "ML22"),
        ("0A503", None, None),
        ("0A508", None, "ML1"),
        ("0A509", None, "ML1"),
        ("0A501.y.1", None, None),
        # UK national ratings are national.
        ("PL5001", None, None),
        # SCOMET Category 8 re-encodes the Wassenaar number.
        ("8A101", S, "1A001"),
        ("8A101.a", S, "1A001.a"),
        ("8E102.f", S, "1E002.f"),
        ("8E802.a", S, "8E002.a"),
        ("8A502.a", S, "5A002.a"),
        ("8D412", S, "4D012"),
        ("8a101.A.1", S, "1A001.a.1"),
        # SCOMET Category 6 items 6A001-6A022 follow ML1-ML22.
        ("6A010.a", S, "ML10.a"),
        ("6A001", S, "ML1"),
        ("6A022", S, "ML22"),
        ("6A023", S, None),
        ("6B001", S, None),
        # Other SCOMET categories come from other regimes.
        ("0A101", S, None),
        ("3A1", S, None),
        ("5A3", S, None),
    ],
)
def test_wassenaar_equivalent(
    written: str, system: CodeSystem | None, expected: str | None
) -> None:
    assert wassenaar_equivalent(parse_code(written, system)) == expected


def test_wassenaar_equivalent_links_scomet_and_eccn() -> None:
    scomet = wassenaar_equivalent(parse_code("8A502.a", S))
    assert scomet == wassenaar_equivalent(parse_code("5.A.2.a"))
    assert scomet == wassenaar_equivalent(parse_code("5A002.a"))


# ---------------------------------------------------------------------------------------------
# Regime hints

_WASSENAAR = ("wassenaar", False, "wassenaar")
_MTCR = ("mtcr", False, "mtcr")
_NSG = ("nsg", False, "nsg")
_AG = ("australia-group", False, "australia-group")
_CWC = ("cwc", False, "cwc")
_US500 = (None, True, "us-500-series")
_US600 = ("wassenaar", False, "us-600-series")
_US900 = (None, True, "us-900-series")
_USAC = (None, True, "us-advanced-computing")
_NATIONAL = (None, True, "national")

_ISSUERS = [None, "US", "EU", "NO", "GB", "IN"]


@pytest.mark.parametrize("issuer", _ISSUERS)
@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("5A001.j", _WASSENAAR),
        ("5A002.a", _WASSENAAR),
        ("3A001.b", _WASSENAAR),
        ("9A012", _WASSENAAR),
        ("1C101", _MTCR),
        ("9A120", _MTCR),
        ("2B201", _NSG),
        ("1C240", _NSG),
        ("0A001", _NSG),
        ("0C002", _NSG),
        ("1C350", _AG),
        ("2B350.g.3", _AG),
        ("1C351", _AG),
        ("1C450", _CWC),
        ("1C450.a.1", _CWC),
    ],
)
def test_regime_blocks_for_every_issuer(
    written: str, expected: tuple[str | None, bool, str], issuer: str | None
) -> None:
    hint = regime_hint(parse_code(written), issuer)
    assert (hint.regime, hint.unilateral, hint.series) == expected
    assert hint.reason
    if written == "0A503":
        # Its own reason: stun guns and less-lethal grenades are not spacecraft.
        assert "discharge-type arms" in hint.reason and "spacecraft" not in hint.reason


@pytest.mark.parametrize("issuer", [None, "US", "us", " Us "])
@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("9A515", _US500),
        ("9A515.a", _US500),
        ("0A521", _US500),
        ("5A504", _US500),
        ("9A610", _US600),
        ("9A610.x", _US600),
        ("0A606", _US600),
        ("5A992.c", _US900),
        ("0A981", _US900),
        ("3A981", _US900),
        ("3A090", _USAC),
        ("3A090.a", _USAC),
        ("4A090", _USAC),
        ("4D090", _USAC),
        ("4E091", _USAC),
        ("3B090", _USAC),
        ("3D093", _USAC),
        # US 5D002.z.1 (15 CFR 774 Supp. 1): "Software that is described in 5D002.a.1 and that
        # also meet or exceed the performance parameters in 3D001 for 3A090 or 4D001 for
        # 4A090": Wassenaar 5.D.2.a.1 items under a second US licence requirement.
        ("3A001.z", ("wassenaar", False, "us-restated")),
        ("4A003.z", ("wassenaar", False, "us-restated")),
        ("5D002.z.1", ("wassenaar", False, "us-restated")),
        # CCL 0A919 '"Military commodities" located and produced outside the United States'.
        ("0A919", ("wassenaar", False, "us-restated")),
        ("0A998", (None, True, "us-900-series")),
        ("9A610.y.1", (None, True, "us-600-series")),
        ("0A501", ("wassenaar", False, "us-500-series")),
        ("0A505.a", ("wassenaar", False, "us-500-series")),
        ("0A501.y", (None, True, "us-500-series")),
        ("0A503", _US500),
        ("0A508", ("wassenaar", False, "us-500-series")),
        ("0A509.a", ("wassenaar", False, "us-500-series")),
        ("9A515", _US500),
        ("0A521", _US500),
        ("1A701", _NATIONAL),
        ("1A801", _NATIONAL),
    ],
)
def test_us_series(
    written: str, expected: tuple[str | None, bool, str], issuer: str | None
) -> None:
    hint = regime_hint(parse_code(written), issuer)
    assert (hint.regime, hint.unilateral, hint.series) == expected
    assert hint.reason


@pytest.mark.parametrize("issuer", ["EU", "NO", "GB", "UK", "IN", "JP", "eu"])
@pytest.mark.parametrize(
    ("written", "expected"),
    [
        # For non-US lists the hundreds digit is read as in the EU list.
        ("3A090.a", _WASSENAAR),
        ("4E091", _WASSENAAR),
        ("3A001.z", _WASSENAAR),
        ("9A515", _NATIONAL),
        ("9A610.x", _NATIONAL),
        ("5A992.c", _NATIONAL),
        ("0A501", _NATIONAL),
    ],
)
def test_us_series_do_not_apply_to_other_issuers(
    written: str, expected: tuple[str | None, bool, str], issuer: str
) -> None:
    hint = regime_hint(parse_code(written), issuer)
    assert (hint.regime, hint.unilateral, hint.series) == expected


@pytest.mark.parametrize(
    ("written", "fragment"),
    [
        ("5A992", "anti-terrorism"),
        ("9A610", "Munitions List"),
        ("9A515", "spacecraft"),
        ("3A090", "advanced-computing"),
        ("1C350", "Australia Group"),
        ("1C101", "Missile Technology"),
        ("0A001", "Nuclear Suppliers"),
        ("1C450", "Chemical Weapons"),
        ("5A001", "Wassenaar"),
    ],
)
def test_reasons_explain(written: str, fragment: str) -> None:
    assert fragment in regime_hint(parse_code(written), "US").reason


def test_six_hundred_series_is_munitions_not_unilateral() -> None:
    hint = regime_hint(parse_code("9A610.x"), "US")
    assert hint == RegimeHint(
        regime="wassenaar", unilateral=False, series="us-600-series", reason=hint.reason
    )
    assert "Munitions List" in hint.reason


@pytest.mark.parametrize("issuer", _ISSUERS)
@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("5.A.1.j", _WASSENAAR),
        ("9.A.12", _WASSENAAR),
        ("ML10.a", ("wassenaar", False, "munitions")),
        ("ML22", ("wassenaar", False, "munitions")),
        ("PL5001", (None, True, "uk-national")),
        ("PL9002", (None, True, "uk-national")),
        ("PL8001", (None, True, "uk-national")),
    ],
)
def test_regime_of_non_eccn_systems_ignores_issuer(
    written: str, expected: tuple[str | None, bool, str], issuer: str | None
) -> None:
    hint = regime_hint(parse_code(written), issuer)
    assert (hint.regime, hint.unilateral, hint.series) == expected
    assert hint.reason


@pytest.mark.parametrize(
    ("written", "fragment"),
    [("PL5001", "military"), ("PL9002", "dual-use"), ("PL8001", "UK national")],
)
def test_uk_national_reason(written: str, fragment: str) -> None:
    assert fragment in regime_hint(parse_code(written), "GB").reason


@pytest.mark.parametrize("issuer", [None, "IN"])
@pytest.mark.parametrize(
    ("written", "regime", "series"),
    [
        ("0A101", "nsg", "scomet-nuclear"),
        ("1A1", "cwc", "scomet-chemicals"),
        ("2B1", "australia-group", "scomet-biological"),
        ("3A1", None, "scomet-materials"),
        ("4A3", "nsg", "scomet-nuclear-related"),
        ("5A3", "mtcr", "scomet-aerospace"),
        ("6A010", "wassenaar", "scomet-munitions"),
        ("8A101", "wassenaar", "scomet-dual-use"),
        ("8E102.f", "wassenaar", "scomet-dual-use"),
    ],
)
def test_scomet_regimes(written: str, regime: str | None, series: str, issuer: str | None) -> None:
    hint = regime_hint(parse_code(written, S), issuer)
    assert hint.regime == regime
    assert hint.series == series
    assert hint.unilateral is False
    assert f"Category {written[0]}" in hint.reason


@pytest.mark.parametrize("issuer", ["", "USA", "U", "1A", "E U"])
def test_bad_issuer(issuer: str) -> None:
    with pytest.raises(ValueError, match="issuer"):
        regime_hint(parse_code("5A001"), issuer)


# ---------------------------------------------------------------------------------------------
# Invalid input


@pytest.mark.parametrize(
    ("text", "system", "fragment"),
    [
        ("", None, "empty"),
        ("   ", None, "empty"),
        ("\n\t ", None, "empty"),
        ("\u00a0", None, "empty"),
        ("hello", None, "no known numbering"),
        ("None", None, "no known numbering"),
        ("5.Z.1", None, "group letter 'Z'"),
        ("5.A", None, "category.group.item"),
        ("0.A.1", None, "category '0'"),
        ("10.A.1", None, "category '10'"),
        ("5.A.0", None, "not 1-99"),
        ("5.A.101", None, "not 1-99"),
        ("ML23", None, "ML1 to ML22"),
        ("ML0", None, "ML1 to ML22"),
        ("ML100.a", None, "ML1 to ML22"),
        ("ML", None, "'ML' followed by"),
        ("ML10a", None, "must follow a dot"),
        ("PL500", None, "four digits"),
        ("PL50011", None, "four digits"),
        ("PL0001", None, "four digits"),
        ("PLX", None, "'PL' followed by"),
        ("5A1", None, "SCOMET"),
        ("5A01.j", None, "SCOMET"),
        ("5A1", E, "three digits"),
        ("5A0001", None, "not 001-999"),
        ("5A000", None, "not 001-999"),
        ("5Z001", None, "group letter 'Z'"),
        ("5A001..j", None, "two dots"),
        ("5A001.j..1", None, "two dots"),
        ("5A001.j..", None, "two dots"),
        ("5A001j", None, "must follow a dot"),
        ("5A001.j1", None, "must follow a dot"),
        ("5A001.jj", None, "not a single letter"),
        ("5A001.j.k", None, "alternate"),
        ("5A001.1.2", None, "alternate"),
        ("5A001.j.0", None, "out of range"),
        ("5A001.j.1000", None, "out of range"),
        ("5A001(j", None, "'('"),
        ("5A001.j)", None, "')'"),
        ("5A001.j-1", None, "'-'"),
        ("5A001/j", None, "'/'"),
        ("EAR99", None, "EAR99"),
        ("5.A.1.j", E, "Wassenaar"),
        ("ML10", E, "not ECCNs"),
        ("ML10.a", W, "category.group.item"),
        ("5A001", ML, "'ML' followed by"),
        ("5A001", UK, "'PL' followed by"),
        ("5.A.1", S, "category digit"),
        ("7A001", S, "7 is reserved"),
        ("9A001", S, "SCOMET categories"),
        ("3A1000", S, "not 1-999"),
        ("8A1", S, "Category 8"),
        ("8A001", S, "Category 8"),
        ("8A100", S, "Category 8"),
        ("8A1011", S, "not 1-999"),
        ("3A1.abcde", S, "not a single letter"),
        ("x" * 65, None, "longer than 64"),
        ("5A001." + "a.1." * 40, None, "longer than 64"),
        ("5" * 10_000, None, "longer than 64"),
        ("5A001\x00", None, "control or format character U+0000"),
        ("5A001\x07.j", None, "U+0007"),
        ("5A001\tj", None, "U+0009"),
        ("5A001\nj", None, "U+000A"),
        ("5A001\u202e.j", None, "U+202E RIGHT-TO-LEFT OVERRIDE"),
        ("\u202e5A001.j", None, "U+202E"),
        ("5A001\u200f.j", None, "U+200F RIGHT-TO-LEFT MARK"),
        ("5A001\u200b.j", None, "U+200B ZERO WIDTH SPACE"),
        ("5A001\ufeff", None, "U+FEFF"),
        ("5A001.\u0458", None, "CYRILLIC"),
        ("5\u0410001.j", None, "CYRILLIC CAPITAL LETTER A"),
        ("\u0665A001", None, "ARABIC-INDIC DIGIT FIVE"),
    ],
)
def test_invalid(text: str, system: CodeSystem | None, fragment: str) -> None:
    with pytest.raises(CodeError) as caught:
        parse_code(text, system)
    message = str(caught.value)
    assert fragment in message
    assert "cannot read" in message
    assert "Accepted:" in message
    with pytest.raises(CodeError):
        normalise(text, system)


def test_code_error_is_value_error() -> None:
    with pytest.raises(ValueError):
        parse_code("hello")


def test_error_message_names_accepted_forms() -> None:
    with pytest.raises(CodeError) as caught:
        parse_code("hello")
    message = str(caught.value)
    for form in ("5.A.1.j", "ML10.a", "5A001.j", "PL5001", "SCOMET"):
        assert form in message


def test_error_message_for_named_system_names_that_system() -> None:
    with pytest.raises(CodeError) as caught:
        parse_code("5Q1", S)
    assert "SCOMET" in str(caught.value)
    assert "PL5001" not in str(caught.value)


def test_error_message_truncates_long_input() -> None:
    with pytest.raises(CodeError) as caught:
        parse_code("y" * 500)
    assert len(str(caught.value)) < 500


def test_error_message_escapes_invisible_characters() -> None:
    with pytest.raises(CodeError) as caught:
        parse_code("5A001\u202e.j")
    assert "\u202e" not in str(caught.value)
    assert "\\u202e" in str(caught.value)


@pytest.mark.parametrize("value", [None, 5, b"5A001", ["5A001"]])
def test_non_string_input(value: object) -> None:
    with pytest.raises(CodeError, match="string"):
        parse_code(value)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("\uff15\uff21\uff10\uff10\uff11.j", "5A001.j"),  # full-width digits and letters
        ("5A001\u00a0j", "5A001.j"),  # no-break space
        ("ML\u00a010.a", "ML10.a"),
        ("\u20035A001.j\u2003", "5A001.j"),  # em spaces at the ends
    ],
)
def test_unicode_lookalikes_fold_to_ascii(text: str, canonical: str) -> None:
    assert normalise(text) == canonical


# ---------------------------------------------------------------------------------------------
# Properties

_letters = st.sampled_from("abcdefghijklmnopqrstuvwxyz")
_numbers = st.integers(min_value=1, max_value=999).map(str)


@st.composite
def _paths(draw: st.DrawFn) -> tuple[str, ...]:
    """Alternating letter/number sub-paragraphs, starting with either kind."""
    depth = draw(st.integers(min_value=0, max_value=5))
    letter_first = draw(st.booleans())
    path: list[str] = []
    for index in range(depth):
        use_letter = (index % 2 == 0) == letter_first
        path.append(draw(_letters if use_letter else _numbers))
    return tuple(path)


def _with_path(root: str, path: tuple[str, ...]) -> str:
    return ".".join((root, *path))


@st.composite
def _eccns(draw: st.DrawFn) -> str:
    category = draw(st.integers(min_value=0, max_value=9))
    group = draw(st.sampled_from("ABCDE"))
    number = draw(st.integers(min_value=1, max_value=999))
    return _with_path(f"{category}{group}{number:03d}", draw(_paths()))


@st.composite
def _wassenaar(draw: st.DrawFn) -> tuple[str, str]:
    """(dotted written form, canonical form)."""
    category = draw(st.integers(min_value=1, max_value=9))
    group = draw(st.sampled_from("ABCDE"))
    number = draw(st.integers(min_value=1, max_value=99))
    path = draw(_paths())
    dotted = _with_path(f"{category}.{group}.{number}", path)
    return dotted, _with_path(f"{category}{group}{number:03d}", path)


@st.composite
def _munitions(draw: st.DrawFn) -> str:
    return _with_path(f"ML{draw(st.integers(min_value=1, max_value=22))}", draw(_paths()))


@st.composite
def _uk_national(draw: st.DrawFn) -> str:
    return _with_path(f"PL{draw(st.integers(min_value=1000, max_value=9999))}", draw(_paths()))


@st.composite
def _scomet(draw: st.DrawFn) -> str:
    category = draw(st.sampled_from("01234568"))
    group = draw(st.sampled_from("ABCDE"))
    if category == "8":
        digits = f"{draw(st.integers(1, 9))}{draw(st.integers(1, 99)):02d}"
    else:
        digits = str(draw(st.integers(min_value=1, max_value=999)))
    return _with_path(f"{category}{group}{digits}", draw(_paths()))


@given(_eccns())
def test_eccn_canonical_round_trips(canonical: str) -> None:
    code = parse_code(canonical)
    assert code.system is E
    assert code.canonical == canonical
    assert normalise(canonical, E) == canonical
    assert normalise(canonical.lower()) == canonical
    assert normalise(canonical.replace(".", " ") + ".") == canonical


@given(_wassenaar())
def test_wassenaar_round_trips(forms: tuple[str, str]) -> None:
    dotted, canonical = forms
    assert normalise(dotted) == canonical
    assert normalise(canonical, W) == canonical
    assert normalise(canonical) == canonical
    assert wassenaar_equivalent(parse_code(dotted)) == canonical


@given(_munitions())
def test_munitions_round_trips(canonical: str) -> None:
    assert normalise(canonical) == canonical
    assert normalise(canonical, ML) == canonical
    assert normalise(canonical.lower()) == canonical


@given(_uk_national())
def test_uk_national_round_trips(canonical: str) -> None:
    assert normalise(canonical) == canonical
    assert normalise(canonical, UK) == canonical


@given(_scomet())
def test_scomet_round_trips(canonical: str) -> None:
    assert normalise(canonical, S) == canonical
    assert normalise(canonical.lower(), S) == canonical


@given(_eccns())
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


@given(st.text(max_size=80))
def test_any_text_parses_or_raises_code_error(text: str) -> None:
    for system in (None, *CodeSystem):
        try:
            code = parse_code(text, system)
        except CodeError:
            continue
        # Anything accepted is canonical-stable.
        assert normalise(code.canonical, code.system) == code.canonical


@given(_eccns(), st.sampled_from([None, "US", "EU", "NO", "GB", "IN"]))
def test_regime_hint_is_total_for_eccns(canonical: str, issuer: str | None) -> None:
    hint = regime_hint(parse_code(canonical), issuer)
    assert hint.unilateral == (hint.regime is None)
    assert hint.reason
