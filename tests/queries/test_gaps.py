"""Gaps on the real graph. Checked in the documents: the ECHRI fact sheet (2023-03-29) names the
subscribers; the US CCL has 3A981 (polygraphs, fingerprint analyzers) and 4A005/4D004/4E001.c;
Norway's Liste II (= EU 2021) has 4A005, 4D004, 4E001, 5A001.j and nothing on fingerprints or
facial recognition; the CSL names NSO Group and Candiru (Entity List, 86 FR 60760) and
Intellexa S.A. / Intellexa Limited (88 FR 46071)."""

from __future__ import annotations

import pytest
from real_graph import shared_analyses

from queries.analyses import Analyses
from queries.catalog import NotFound
from queries.evidence import InvalidQuery
from queries.views import CommitmentGapReport, CommitmentGapRow


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
    assert members["FR"].not_implemented == 0 and members["FR"].not_in_edition_held > 0
    assert members["US"].not_implemented > 0 and members["US"].not_in_edition_held == 0
    assert members["IN"].not_in_edition_held > 0
    eu_ecad = [r for r in report.items if r.jurisdiction == "EU" and r.entry.code == "3.D.6"]
    assert len(eu_ecad) == 1
    assert eu_ecad[0].status == "not-in-edition-held"
    assert "FR" in eu_ecad[0].countries
    assert "possibly not yet implemented" in eu_ecad[0].reason
    us = {r.entry.code for r in report.items if r.jurisdiction == "US"}
    assert "1.C.12" in us
    without_lag = analyses.regime_gaps("wassenaar", include_lag=False, limit=None)
    assert {r.status for r in without_lag.items} == {"not-implemented"}


def test_regime_without_a_list(analyses: Analyses) -> None:
    report = analyses.regime_gaps("mtcr")
    assert report.total == 0
    assert report.reference is None
    assert any("No MTCR list" in n for n in report.notes)
    with pytest.raises(InvalidQuery):
        analyses.regime_gaps("FR")


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
        "ECHRI", technology="logiciels d'intrusion", countries=["NO", "US"], statuses=["controlled"]
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
        analyses.commitment_gaps("echri", technology="uavs")


@pytest.mark.parametrize(
    ("name", "expected", "citation"),
    [
        ("NSO Group", "NSO Group", "86 FR 60760"),
        ("candiru", "Candiru", "86 FR 60760"),
        ("Intellexa", "Intellexa S.A.", "88 FR 46071"),
    ],
)
def test_party_listing_gaps(analyses: Analyses, name: str, expected: str, citation: str) -> None:
    report = analyses.party_gaps(name)
    names = [r.party.name for r in report.items]
    assert expected in names
    row = report.items[names.index(expected)]
    assert row.listed_by == ["US"]
    assert row.party.listings[0].citation == citation
    assert "Entity List" in row.party.listings[0].list_name
    assert "US" not in {p.jurisdiction for p in row.partners}
    assert {p.status for p in row.partners} == {"no-party-list-held"}
    assert {"FR", "GB", "JP"} <= {p.jurisdiction for p in row.partners}
    assert "cannot be checked" in row.reason
    assert report.party_lists_held == ["US"]
    assert "not in the graph" in report.notes[0]
