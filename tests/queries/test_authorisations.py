"""General export authorisations on the real graph (EU Annex I and Annex II, 2025-11-15).

Read in the consolidated text (the `geas` of eu/annex-i-consolidated-2025-11-15.json): EU001
covers all Annex I items except those in Section I of Annex II(g), for Australia, Canada,
Iceland, Japan, New Zealand, Norway, Switzerland and Liechtenstein, the United Kingdom and the
United States; Section I names 1C351 (human pathogens, among others); EU005 (telecommunications)
lists 5A001.b.2, .c and .d among its items.
"""

from __future__ import annotations

import pytest
from real_graph import shared_analyses

from queries.analyses import Analyses
from queries.errors import InvalidQuery, NotFound
from queries.requests import AuthorisationsRequest


@pytest.fixture(scope="module")
def analyses() -> Analyses:
    return shared_analyses()


def _applies(analyses: Analyses, code: str, destination: str) -> list[str]:
    report = analyses.authorisations(AuthorisationsRequest(code=code, destination=destination))
    return [v.code for v in report.authorisations if v.applies]


def test_surveillance_item_to_japan_is_under_eu001(analyses: Analyses) -> None:
    report = analyses.authorisations(AuthorisationsRequest(code="5.A.1.j.1", destination="Japan"))
    assert report.entry.id == "entry:eu:2025-11-15:5A001.j.1"
    assert report.destination == "country:JP"
    first = report.authorisations[0]
    assert (first.code, first.applies) == ("EU001", True)
    assert "valid for Japan" in first.reason
    assert [v.code for v in report.authorisations if v.applies] == ["EU001"]
    assert len(report.authorisations) == 8


def test_excluded_entries_and_destinations(analyses: Analyses) -> None:
    assert _applies(analyses, "1C351.a.1", "JP") == []  # Section I excludes 1C351
    excluded = analyses.authorisations(
        AuthorisationsRequest(code="1C351.a.1", destination="JP")
    ).authorisations
    eu001 = next(v for v in excluded if v.code == "EU001")
    assert "excludes" in eu001.reason and eu001.by
    # China is no EU001 destination; EU005 lists 5A001.c for it.
    china = _applies(analyses, "5A001.c", "CN")
    assert "EU001" not in china and "EU005" in china


def test_bad_requests(analyses: Analyses) -> None:
    with pytest.raises(NotFound):
        analyses.authorisations(AuthorisationsRequest(code="5A999", destination="JP"))
    with pytest.raises(InvalidQuery):
        analyses.authorisations(AuthorisationsRequest(code="5A001", destination="wassenaar"))
    with pytest.raises(NotFound):
        analyses.authorisations(AuthorisationsRequest(code="5A001", destination="Atlantis"))
    with pytest.raises(NotFound, match="no general authorisation"):
        analyses.authorisations(AuthorisationsRequest(code="5A001", destination="JP", issuer="US"))
