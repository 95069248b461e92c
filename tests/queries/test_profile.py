"""Country controls: lists held and how they compare with the regimes the country belongs to."""

from __future__ import annotations

import pytest
from real_graph import shared_analyses

from queries.analyses import Analyses
from queries.errors import NotFound


@pytest.fixture(scope="module")
def analyses() -> Analyses:
    return shared_analyses()


def test_india(analyses: Analyses) -> None:
    india = analyses.country_controls("IN")
    assert [x.list_id for x in india.lists] == ["list:in:2024-09-02"]
    # 8A605.a.6.b with its a. and b. (p. 318), no longer read as a second 8A605.b.
    assert india.lists[0].entries == 3911
    regimes = {r.regime: r for r in india.regimes}
    wassenaar = regimes["regime:wassenaar"]
    assert wassenaar.status == "compared"
    assert wassenaar.coverage is not None and wassenaar.coverage.percent is not None
    assert 90 < wassenaar.coverage.percent < 100
    # The MTCR Annex is held and compared by content; no share is claimed from a text search.
    assert regimes["regime:mtcr"].status == "compared"
    mtcr = regimes["regime:mtcr"].coverage
    assert mtcr is not None and mtcr.percent is None
    assert regimes["regime:mtcr"].national_entries > 0
    assert regimes["regime:australia-group"].status == "no-regime-list"
    assert india.unilateral_entries == 0


def test_us_unilateral_entries(analyses: Analyses) -> None:
    us = analyses.country_controls("us")
    codes = {e.code for e in us.unilateral_items}
    assert {"3A090", "4A090", "4D090", "4E091"} <= codes
    assert us.unilateral_entries > len(us.unilateral_items) > 100
    assert {r.regime: r.status for r in us.regimes}["regime:echri"] == "no-regime-list"


def test_eu_member_and_country_without_lists(analyses: Analyses) -> None:
    france = analyses.country_controls("FR")
    assert france.lists == []
    assert [x.list_id for x in france.applies] == [
        "list:eu-military:2020-02-17",
        "list:eu:2025-11-15",
    ]
    assert france.via == "regime:eu"
    statuses = {r.regime: r.status for r in france.regimes}
    assert statuses["regime:eu"] == "applies-directly"
    assert statuses["regime:wassenaar"] == "compared"
    japan = analyses.country_controls("JP")
    assert {r.status for r in japan.regimes} == {"no-list-held"}
    with pytest.raises(NotFound, match="not a country"):
        analyses.country_controls("wassenaar")
