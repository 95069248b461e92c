"""One resolver of names for every page: facts from the reference data (memberships and lists
held) on the full real graph."""

from __future__ import annotations

import pytest
from real_graph import shared_analyses

from queries.errors import NotFound
from queries.reading.names import EU, Names


@pytest.fixture(scope="module")
def names() -> Names:
    return shared_analyses().index.names


def test_a_country_by_code_or_name(names: Names) -> None:
    assert names.country_id("fr") == "country:FR"
    assert names.country_id("country:IN") == "country:IN"
    india = names.jurisdiction("India")
    assert (india.key, india.node, india.kind) == ("IN", "country:IN", "country")
    # India's list is SCOMET; the 2024 edition is the one held.
    assert [info.id for info in india.lists] == ["list:in:2024-09-02"]


def test_an_eu_member_reads_the_eu_list(names: Names) -> None:
    germany = names.jurisdiction("DE")
    assert germany.via == EU
    assert all(info.issuer == EU for info in germany.lists)


def test_a_regime_by_slug_or_name(names: Names) -> None:
    assert names.regime_id("Wassenaar Arrangement") == "regime:wassenaar"
    assert names.regime_id("regime:wassenaar") == "regime:wassenaar"
    assert names.jurisdiction("wassenaar").node == "regime:wassenaar"


def test_an_edition_after_at(names: Names) -> None:
    eu2021 = names.jurisdiction("EU@2021")
    assert eu2021.key.startswith("EU@")
    assert any(info.edition_date.year == 2021 for info in eu2021.lists)
    with pytest.raises(NotFound, match="editions of"):
        names.jurisdiction("EU@1999")


@pytest.mark.parametrize("text", ["", "Atlantis", "x" * 101])
def test_unknown_names_say_what_is_known(names: Names, text: str) -> None:
    with pytest.raises(NotFound, match="ISO country code"):
        names.jurisdiction(text)
    with pytest.raises(NotFound):
        names.country_id(text or "??")
    with pytest.raises(NotFound, match=r"known: .*wassenaar"):
        names.regime_id(text or "??")
