"""Gaps on the real graph. Checked in the documents: the ECHRI fact sheet (2023-03-29) names the
subscribers; the US CCL has 3A981 (polygraphs, fingerprint analyzers) and 4A005/4D004/4E001.c;
Norway's Liste II (= EU 2021) has 4A005, 4D004, 4E001, 5A001.j and nothing on fingerprints or
facial recognition; the CSL names NSO Group and Candiru (Entity List, 86 FR 60760) and
Intellexa S.A. / Intellexa Limited (88 FR 46071).

Party lists of two issuers, read in both files: METI's Foreign End-User List (2025-09-29) No. 605
"Air Weapons Complex (AWC)" (Pakistan) and No. 147 "Kalaye Electric Company" (Iran) are on the
Entity List too (81 FR 90712; 72 FR 38008); No. 294 "Abu Zaabal Company for Speciality Chemicals
（AZC）" (Egypt) and No. 345 "Korea Kangsong Trading Corp." are on no US list (the SDN list has
"KOREA KWANGSONG TRADING CORPORATION", METI's No. 350); the Entity List's "Akhtar and Sons
Private Limited" (Pakistan, 88 FR 38741) is not on METI's list (its Pakistani "Akhtar" is No.
606 "Akhtar & Munir")."""

from __future__ import annotations

import pytest
from real_graph import shared_analyses

from queries.analyses import Analyses
from queries.errors import InvalidQuery, NotFound
from queries.requests import (
    CommitmentGapsRequest,
    CoverageRequest,
    PartyGapsRequest,
    PartyListGapsRequest,
    RegimeGapsRequest,
    build,
)
from queries.views import (
    CommitmentGapReport,
    CommitmentGapRow,
    PartyListGapReport,
    PartyListGapRow,
)


@pytest.fixture(scope="module")
def analyses() -> Analyses:
    return shared_analyses()


def _row(report: CommitmentGapReport, country: str, tech: str) -> CommitmentGapRow:
    return next(r for r in report.items if r.country == country and r.technology == tech)


def test_wassenaar_members_gaps(analyses: Analyses) -> None:
    report = analyses.regime_gaps("wassenaar", limit=None)
    members = {m.country: m for m in report.members}
    assert len(members) == 42
    assert members["JP"].status == "no-list-held"
    assert "not a gap" in members["JP"].reason
    assert members["FR"].jurisdiction == "EU"
    assert members["FR"].status == "gaps"
    # The EU dual-use list of 2025-11-15 has no 6.A.5.a.6.a.3 (its 6A005.a.6.a runs a.1-a.2 in
    # the JSON), which Wassenaar 2025 added (p. 121: over 1.5 kW, bandwidth 40-100 GHz); but its
    # a.6.a.1 "Output power exceeding 1000 W" has no bandwidth condition and controls them all.
    # It lacks nothing else of the dual-use list.
    eu = {r.entry.code: r for r in report.items if r.jurisdiction == "EU"}
    assert {c for c, r in eu.items() if r.status == "not-implemented"} == set()
    # Its Common Military List of 2020-02-17 predates Wassenaar 2021, which lacked ML10.j
    # (j.1, sub-orbital craft, it holds as dual-use 9A004.h).
    assert eu["ML10.j.2"].status == "not-in-edition-held" and "FR" in eu["ML10.j.2"].countries
    assert "ML10.j.1" not in eu
    assert members["US"].not_implemented > 0 and members["US"].not_in_edition_held == 0
    # SCOMET 2024-09-02 is newer than Wassenaar 2021: nothing it lacks is provable lag.
    assert members["IN"].not_in_edition_held == 0
    us = {r.entry.code for r in report.items if r.jurisdiction == "US"}
    assert "4.A.1.a.1" in us  # "[Reserved]" in the CCL JSON
    without_lag = analyses.regime_gaps(
        "wassenaar", RegimeGapsRequest(include_lag=False), limit=None
    )
    assert {r.status for r in without_lag.items} == {"not-implemented"}


def test_regime_without_a_list(analyses: Analyses) -> None:
    report = analyses.regime_gaps("australia-group")
    assert report.total == 0
    assert report.reference is None
    assert any("No Australia Group list" in n for n in report.notes)
    with pytest.raises(InvalidQuery):
        analyses.regime_gaps("FR")


def test_annex_matched_by_content_claims_no_absence(analyses: Analyses) -> None:
    # The MTCR Annex is held, but national x1xx codes do not encode its items: entries with no
    # national text match are "no-match-found", never gaps.
    report = analyses.regime_gaps("mtcr", limit=None)
    assert report.reference is not None and report.reference.list_id == "list:mtcr:2021"
    assert report.total == 0
    coverage = analyses.coverage(
        CoverageRequest(list_id="list:mtcr:2021", code_prefix="3A001"), limit=1
    )
    eu = next(i for i in coverage.items[0].implementations if i.jurisdiction == "EU")
    assert [e.code for e in eu.entries] == ["9A101"]  # turbojet and turbofan engines
    summary = next(j for j in coverage.jurisdictions if j.jurisdiction == "EU")
    assert summary.percent is None and "not proof" in summary.reason


def test_echri_commitment_gaps(analyses: Analyses) -> None:
    report = analyses.commitment_gaps("echri")
    assert report.code_of_conduct == "coc:echri-code-of-conduct"
    assert report.subscribers == 25
    assert "tech:intrusion-software" in report.technologies
    assert report.total == 25 * len(report.technologies)
    fr = _row(report, "FR", "tech:intrusion-software")
    assert fr.status == "controlled"
    assert [e.code for e in fr.entries] == ["4A005", "4D004", "4E001.c"]
    assert "EU member state" in fr.reason
    assert _row(report, "FR", "tech:ip-network-surveillance").entries[0].code == "5A001.j"
    # Real missing coverage: the EU list has nothing on biometric identification, the US list
    # does (3A981 fingerprint analyzers); no list, not even Wassenaar's, covers facial
    # recognition, so that gap is shared.
    assert _row(report, "FR", "tech:biometrics").status == "gap"
    assert _row(report, "FR", "tech:biometrics").regime_covers is False
    us_bio = _row(report, "US", "tech:biometrics")
    assert us_bio.status == "controlled"
    assert "3A981" in [e.code for e in us_bio.entries]
    face = _row(report, "FR", "tech:facial-recognition")
    assert face.status == "gap" and not face.regime_covers
    assert "common to the regime's lists" in face.reason
    assert _row(report, "JP", "tech:spyware").status == "no-list-held"
    assert "not a gap" in _row(report, "JP", "tech:spyware").reason
    assert _row(report, "GB", "tech:spyware").status == "no-dual-use-list-held"
    assert report.counts["gap"] > 0 and report.counts["controlled"] > 0


def test_echri_filters(analyses: Analyses) -> None:
    report = analyses.commitment_gaps(
        "ECHRI",
        CommitmentGapsRequest(
            technology="logiciels d'intrusion", country=["NO", "US"], status=["controlled"]
        ),
    )
    assert {(r.country, r.technology) for r in report.items} == {
        ("NO", "tech:intrusion-software"),
        ("NO", "tech:spyware"),
        ("US", "tech:intrusion-software"),
        ("US", "tech:spyware"),
    }
    with pytest.raises(NotFound):
        analyses.commitment_gaps("atlantis")
    with pytest.raises(InvalidQuery):
        analyses.commitment_gaps("echri", CommitmentGapsRequest(technology="uavs"))


@pytest.mark.parametrize(
    ("name", "expected", "citation"),
    [
        ("NSO Group", "NSO Group", "86 FR 60760"),
        ("candiru", "Candiru", "86 FR 60760"),
        ("Intellexa", "Intellexa S.A.", "88 FR 46071"),
    ],
)
def test_party_listing_gaps(analyses: Analyses, name: str, expected: str, citation: str) -> None:
    report = analyses.party_gaps(PartyGapsRequest(name=name))
    names = [r.party.name for r in report.items]
    assert expected in names
    row = report.items[names.index(expected)]
    assert row.listed_by == ["US"]
    assert row.party.listings[0].citation == citation
    assert "Entity List" in row.party.listings[0].list_name
    assert "US" not in {p.jurisdiction for p in row.partners}
    # Japan's party list (METI's End-User List) is held now, and does not name these spyware
    # vendors: JP is "not-listed"; the other partners still hold no party list in the graph.
    statuses = {p.jurisdiction: p.status for p in row.partners}
    assert statuses.pop("JP") == "not-listed"
    assert set(statuses.values()) == {"no-party-list-held"}
    assert {"FR", "GB"} <= set(statuses)
    assert "JP holds a party list that does not name it" in row.reason
    assert "cannot be checked" in row.reason
    assert report.party_lists_held == ["JP", "US"]
    assert "not in the graph" in report.notes[0]


def test_party_listing_gaps_see_japan_by_name(analyses: Analyses) -> None:
    # The Entity List's Air Weapons Complex is METI's No. 605, another node matched by name.
    report = analyses.party_gaps(PartyGapsRequest(name="Air Weapons Complex", partner=["JP", "FR"]))
    row = next(r for r in report.items if r.party.listings[0].issuer == "country:US")
    assert row.listed_by == ["US", "JP"]
    japan = next(p for p in row.partners if p.jurisdiction == "JP")
    assert japan.status == "listed" and japan.match is not None
    assert japan.match.candidate is not None
    assert japan.match.candidate.listings[0].citation == "No. 605"
    assert "and by JP as 'Air Weapons Complex (AWC)'" in row.reason


def _party_row(report: PartyListGapReport, listed_by: str, name: str) -> PartyListGapRow:
    return next(r for r in report.items if r.listed_by == listed_by and r.party.name == name)


@pytest.fixture(scope="module")
def us_jp(analyses: Analyses) -> PartyListGapReport:
    return analyses.party_list_gaps(PartyListGapsRequest(issuer=["US", "Japan"]), limit=None)


def test_party_lists_both_ways(us_jp: PartyListGapReport) -> None:
    assert us_jp.issuers == ["US", "JP"]
    assert us_jp.lists["JP"] == ["METI Foreign End-User List"]
    assert "Entity List (EL) - Bureau of Industry and Security" in us_jp.lists["US"]
    # Every party of each list is a row: 835 of METI's, 25,825 of the CSL's.
    assert sum(us_jp.counts["JP"].values()) == 835
    assert sum(us_jp.counts["US"].values()) == 25825
    assert us_jp.total == 835 + 25825
    # Most of METI's parties are on a US list too; the rest are not, or need a look.
    assert us_jp.counts["JP"]["both"] > 600
    assert 100 < us_jp.counts["JP"]["only"] < 235
    assert any("individual" in n and "by construction" in n for n in us_jp.notes)


def test_party_on_both_lists(us_jp: PartyListGapReport) -> None:
    awc = _party_row(us_jp, "JP", "Air Weapons Complex (AWC)")
    assert awc.verdict == "both" and awc.score == 100.0
    assert awc.party.listings[0].citation == "No. 605"
    assert awc.candidate is not None and awc.candidate.name == "Air Weapons Complex (AWC)"
    assert awc.candidate.listings[0].citation == "81 FR 90712"
    assert awc.countries_agree is True
    assert awc.reason.startswith("Listed by both JP and US")
    back = _party_row(us_jp, "US", "Air Weapons Complex (AWC)")
    assert back.verdict == "both" and back.candidate is not None
    assert back.candidate.listings[0].citation == "No. 605"
    # Kalaye Electric is on the Entity List and the SDN list (two US parties) and is METI's 147.
    kalaye = [
        r for r in us_jp.items if r.listed_by == "US" and "kalaye electric" in r.party.name.lower()
    ]
    assert len(kalaye) == 2 and {r.verdict for r in kalaye} == {"both"}
    assert {r.candidate.listings[0].citation for r in kalaye if r.candidate} == {"No. 147"}


def test_party_only_on_japans_list(us_jp: PartyListGapReport) -> None:
    azc = _party_row(us_jp, "JP", "Abu Zaabal Company for Speciality Chemicals （AZC）")
    assert azc.verdict == "only" and azc.score < 85
    assert azc.reason.startswith("Only JP lists Abu Zaabal Company")
    # A near name is no match: Kangsong is not Kwangsong (which METI lists as well, No. 350).
    kangsong = _party_row(us_jp, "JP", "Korea Kangsong Trading Corp. (朝鮮強盛貿易会社)")
    assert kangsong.verdict == "review"
    assert kangsong.candidate_name == "KOREA KWANGSONG TRADING CORPORATION"
    assert 85 <= kangsong.score < 95
    kwangsong = _party_row(us_jp, "JP", "Korea Kwangsong Trading Corporation (朝鮮光星貿易会社)")
    assert kwangsong.verdict == "both"


def test_party_only_on_the_us_list(analyses: Analyses) -> None:
    report = analyses.party_list_gaps(
        PartyListGapsRequest(
            issuer=["US", "JP"],
            list_name=["Entity List"],
            listed_by="US",
            verdict=["only"],
            country="PK",
        ),
        limit=None,
    )
    assert report.lists["US"] == ["Entity List (EL) - Bureau of Industry and Security"]
    assert report.filters == {
        "list": "Entity List",
        "listed_by": "US",
        "country": "PK",
        "verdict": "only",
    }
    akhtar = _party_row(report, "US", "Akhtar and Sons Private Limited")
    assert akhtar.lists == ["Entity List (EL) - Bureau of Industry and Security"]
    assert akhtar.party.listings[0].citation == "88 FR 38741"
    assert akhtar.candidate_name != "Akhtar and Sons Private Limited"
    assert {r.verdict for r in report.items} == {"only"}
    assert all("PK" in r.party.countries for r in report.items)
    assert report.total == report.counts["US"]["only"]


def test_party_lists_bad_queries(analyses: Analyses) -> None:
    with pytest.raises(InvalidQuery, match="no party list here"):
        analyses.party_list_gaps(PartyListGapsRequest(issuer=["US", "FR"]))
    with pytest.raises(InvalidQuery, match="two different"):
        analyses.party_list_gaps(PartyListGapsRequest(issuer=["US", "United States"]))
    with pytest.raises(InvalidQuery, match="no party list named"):
        analyses.party_list_gaps(
            PartyListGapsRequest(issuer=["US", "JP"], list_name=["Sanctions of Atlantis"])
        )
    with pytest.raises(InvalidQuery, match="verdict 'maybe'"):
        analyses.party_list_gaps(
            build(PartyListGapsRequest, issuer=["US", "JP"], verdict=["maybe"])
        )
    with pytest.raises(NotFound):
        analyses.party_list_gaps(PartyListGapsRequest(issuer=["US", "Atlantis"]))
