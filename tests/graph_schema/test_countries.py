"""Country names as sources write them, resolved to ISO codes."""

from __future__ import annotations

import pytest

from graph_schema import countries


@pytest.mark.parametrize(
    ("name", "iso2"),
    [
        ("France", "FR"),
        ("Korea, South", "KR"),
        ("Republic of Korea", "KR"),
        ("Burma", "MM"),
        ("Türkiye", "TR"),
        ("Turkey", "TR"),
        ("China (PRC)", "CN"),
        ("Czech Republic", "CZ"),
        ("Czechia", "CZ"),
        ("Kosovo", "XK"),
        ("Bosnia & Herzegovina", "BA"),
        ("u.s.", "US"),
        ("Cote d'lvoire", "CI"),
        ("United Kingdom", "GB"),
        ("GB", "GB"),
        ("DEU", "DE"),
    ],
)
def test_resolve(name: str, iso2: str) -> None:
    assert countries.resolve(name) == iso2


def test_unknown() -> None:
    with pytest.raises(countries.UnknownCountry, match="Atlantis"):
        countries.resolve("Atlantis")


def test_names_in_three_languages() -> None:
    assert countries.names("DE") == {"en": "Germany", "fr": "Allemagne", "ar": "ألمانيا"}
    assert countries.names("XK")["ar"] == "كوسوفو"
    assert countries.display_name("KR") == "South Korea"
    with pytest.raises(countries.UnknownCountry):
        countries.names("QQ")
