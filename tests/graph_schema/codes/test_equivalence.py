"""Tests for graph_schema.codes.equivalence: Wassenaar-numbered counterparts."""

from __future__ import annotations

import pytest

from graph_schema.codes import CodeSystem, parse_code, wassenaar_equivalent

S = CodeSystem.SCOMET


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
