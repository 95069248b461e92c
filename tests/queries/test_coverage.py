"""Coverage of the Wassenaar 2025 list on the real graph (facts checked in the documents:
Wassenaar PDF 5.A.1.j "Internet Protocol (IP) network communications surveillance systems";
US CCL 5A001.j; EU/Norway 5A001.j; SCOMET 8A501.j and 8D306; no 3D006 in the EU 2021 list)."""

from __future__ import annotations

import pytest
from real_graph import shared_analyses

from queries.analyses import Analyses
from queries.errors import InvalidQuery, NotFound
from queries.requests import CoverageRequest, build


@pytest.fixture(scope="module")
def analyses() -> Analyses:
    return shared_analyses()


def test_5A001j_is_implemented_by_the_us_and_the_eu(analyses: Analyses) -> None:
    report = analyses.coverage(CoverageRequest(code_prefix="5.A.1.j"), limit=1)
    row = report.items[0]
    assert row.entry.code == "5.A.1.j"
    assert "network communications surveillance" in row.entry.text
    how = {i.jurisdiction: i for i in row.implementations}
    assert how["US"].status == how["EU"].status == "same"
    assert how["US"].entries[0].code == "5A001.j"
    assert how["EU"].entries[0].code == "5A001.j"
    assert how["IN"].entries[0].code == "8A501.j"
    assert {"FR", "DE", "NL"} <= set(how["EU"].countries)
    assert how["GB"].status == "no-comparable-list"  # only the UK military lists are held
    assert {"US", "EU", "IN", "NO"} <= set(row.implemented_by)
    assert row.not_implemented_by == []
    assert "tech:ip-network-surveillance" in row.technologies
    assert "EU (5A001.j, same scope)" in row.reason
    assert {"JP", "CA"} <= set(report.members_without_list)
    assert how["AU"].entries[0].code == "5A001.j"  # DSGL 2024, Part 2


def test_india_coverage_of_wassenaar(analyses: Analyses) -> None:
    report = analyses.coverage(limit=5)
    india = next(j for j in report.jurisdictions if j.jurisdiction == "IN")
    # SCOMET holds both kinds; only paragraphs the list as read skips are not compared.
    skipped = india.counts.get("not-held-in-copy", 0)
    assert india.comparable == sum(india.counts.values()) - skipped
    assert india.percent is not None and 90.0 < india.percent < 100.0
    # SCOMET (2024-09-02) is newer than Wassenaar 2021, the older edition held: no entry it
    # lacks can be proven to postdate it, so none is edition lag.
    assert india.counts.get("not-in-edition-held", 0) == 0
    assert "list:in:2024-09-02" in india.reason
    eu = next(j for j in report.jurisdictions if j.jurisdiction == "EU")
    assert eu.counts.get("no-comparable-list", 0) == 0  # dual-use 2025 and military 2020
    assert eu.counts["not-in-edition-held"] > 0  # ML entries newer than the 2020 EU list
    ecad = analyses.coverage(
        CoverageRequest(code_prefix="3.D.6", jurisdiction=["IN", "EU"]), limit=1
    ).items[0]
    statuses = {i.jurisdiction: i.status for i in ecad.implementations}
    assert statuses["EU"] == "same"  # 3D006 is one of the 18 items new in the 2025 EU list
    assert statuses["IN"] in {"same", "implemented"}


def test_one_member_state_and_technology_filter(analyses: Analyses) -> None:
    report = analyses.coverage(CoverageRequest(technology="spyware", jurisdiction=["FR"]))
    assert [r.entry.code for r in report.items] == ["4.A.5", "4.D.4", "4.E.1.c"]
    assert [j.jurisdiction for j in report.jurisdictions] == ["EU"]
    assert report.jurisdictions[0].countries == ["FR"]


def test_status_filter(analyses: Analyses) -> None:
    report = analyses.coverage(
        CoverageRequest(status=["not-implemented"], jurisdiction=["US"]), limit=None
    )
    assert report.total == len(report.items) > 0
    assert all(r.implementations[0].status == "not-implemented" for r in report.items)
    assert "4.A.1.a.1" in {r.entry.code for r in report.items}  # "[Reserved]" in the CCL JSON


def test_bad_coverage_requests(analyses: Analyses) -> None:
    with pytest.raises(InvalidQuery, match="not by a regime"):
        analyses.coverage(CoverageRequest(list_id="list:us:2026-07-23"))
    with pytest.raises(NotFound):
        analyses.coverage(CoverageRequest(list_id="list:nowhere:1"))
    with pytest.raises(InvalidQuery, match="not a current member"):
        analyses.coverage(CoverageRequest(jurisdiction=["CN"]))
    with pytest.raises(InvalidQuery, match="status 'maybe'"):
        analyses.coverage(build(CoverageRequest, status=["maybe"]))
