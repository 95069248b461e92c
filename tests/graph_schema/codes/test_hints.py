"""Tests for graph_schema.codes.hints: the regime a code's numbering points to."""

from __future__ import annotations

import pytest
from code_strategies import eccns
from hypothesis import given
from hypothesis import strategies as st

from graph_schema.codes import CodeSystem, RegimeHint, parse_code, regime_hint

S = CodeSystem.SCOMET


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
# Properties


@given(eccns(), st.sampled_from([None, "US", "EU", "NO", "GB", "IN"]))
def test_regime_hint_is_total_for_eccns(canonical: str, issuer: str | None) -> None:
    hint = regime_hint(parse_code(canonical), issuer)
    assert hint.unilateral == (hint.regime is None)
    assert hint.reason
