"""Search by code in any numbering, by words (en, fr, ar), and parties by name."""

from __future__ import annotations

import pytest
from real_graph import shared_analyses

from queries.analyses import Analyses
from queries.errors import InvalidQuery
from queries.requests import SearchRequest, build


@pytest.fixture(scope="module")
def analyses() -> Analyses:
    return shared_analyses()


@pytest.mark.parametrize("query", ["5.A.1.j", "5A001.j", "5.A.1.j.", "5.a.1.J", "5A001(j)"])
def test_code_in_any_writing(analyses: Analyses, query: str) -> None:
    report = analyses.search(SearchRequest(q=query))
    ids = [h.entry.id for h in report.items]
    # The newest edition of every list that has the code, then SCOMET's counterpart.
    assert ids[:5] == [
        "entry:au:2024:5A001.j",
        "entry:eu:2025-11-15:5A001.j",
        "entry:no:2021:5A001.j",
        "entry:us:2026-07-23:5A001.j",
        "entry:wassenaar:2025:5A001.j",
    ]
    scomet = next(h for h in report.items if h.entry.id == "entry:in:2024-09-02:8A501.j")
    assert scomet.match == "counterpart"
    assert "re-encodes Wassenaar 5.A.1.j" in scomet.reason


def test_older_editions_when_asked(analyses: Analyses) -> None:
    everything = analyses.search(SearchRequest(q="5A001.j", editions="all"))
    # Every edition held that has the code: the EU's three, both Wassenaar editions.
    assert [h.entry.id for h in everything.items][:8] == [
        "entry:au:2024:5A001.j",
        "entry:eu:2021:5A001.j",
        "entry:eu:2022-05-05:5A001.j",
        "entry:eu:2025-11-15:5A001.j",
        "entry:no:2021:5A001.j",
        "entry:us:2026-07-23:5A001.j",
        "entry:wassenaar:2021:5A001.j",
        "entry:wassenaar:2025:5A001.j",
    ]
    one = analyses.search(SearchRequest(q="5A001.j", list_id="list:wassenaar:2021"))
    assert [h.entry.id for h in one.items] == ["entry:wassenaar:2021:5A001.j"]
    words = analyses.search(SearchRequest(q="intrusion software", editions="all"))
    current = analyses.search(SearchRequest(q="intrusion software"))
    assert {h.entry.list_id for h in words.items} > {h.entry.list_id for h in current.items}


def test_scomet_needs_the_system_hint(analyses: Analyses) -> None:
    report = analyses.search(SearchRequest(q="8A501", system="scomet"))
    assert report.items[0].entry.id == "entry:in:2024-09-02:8A501"
    assert "numbered like Wassenaar 5A001" in report.interpreted_as
    # The same reading in fields, for a page to say in its own language.
    assert report.reading.model_dump() == {
        "kind": "code",
        "system": "scomet",
        "code": "8A501",
        "canonical": "8A501",
        "wassenaar": "5A001",
    }
    words = analyses.search(SearchRequest(q="intrusion software"))
    assert words.reading.kind == "words"
    assert words.reading.code is None
    assert "entry:wassenaar:2025:5A001" in {h.entry.id for h in report.items}
    with pytest.raises(InvalidQuery, match="SCOMET"):
        analyses.search(
            SearchRequest(q="3A1", mode="code")
        )  # SCOMET's short numbering is never guessed


def test_munitions_and_uk_national(analyses: Analyses) -> None:
    ml10 = {h.entry.id for h in analyses.search(SearchRequest(q="ML10")).items}
    assert {
        "entry:wassenaar:2025:ML10",
        "entry:uk-military:2018-03-01:ML10",
        "entry:in:2024-09-02:6A010",
        "entry:us:2026-07-23:9A610",
    } <= ml10
    assert [h.entry.id for h in analyses.search(SearchRequest(q="PL5001")).items] == [
        "entry:uk-national:2018-03-01:PL5001"
    ]


@pytest.mark.parametrize(
    ("query", "tech"),
    [
        ("intrusion software", "tech:intrusion-software"),
        ("logiciels d'intrusion", "tech:intrusion-software"),
        ("برامج التجسس", "tech:spyware"),
        ("IMSI catchers", "tech:mobile-network-interception"),
    ],
)
def test_words_through_technology_labels(analyses: Analyses, query: str, tech: str) -> None:
    report = analyses.search(SearchRequest(q=query))
    assert report.technologies == [tech]
    ids = {h.entry.id for h in report.items}
    if tech == "tech:mobile-network-interception":
        assert "entry:wassenaar:2025:5A001.f" in ids
    else:
        assert {
            "entry:wassenaar:2025:4A005",
            "entry:eu:2025-11-15:4D004",
            "entry:us:2026-07-23:4E001.c",
        } <= ids
        # The MTCR and NSG annexes number other items 4.E.1: no Wassenaar code hint applies.
        assert not any(i.startswith(("entry:mtcr:", "entry:nsg:")) for i in ids)
    # Current editions are reached through the technology's tags; older editions (EU 2021 and
    # 2022, Wassenaar 2021) through their words.
    current = {i.id for i in analyses.index.current_lists}
    assert all(h.match == "technology" for h in report.items if h.entry.list_id in current)


def test_english_text(analyses: Analyses) -> None:
    report = analyses.search(SearchRequest(q="network communications surveillance"))
    top = {h.entry.id for h in report.items if h.score >= 90}
    assert "entry:wassenaar:2025:5A001.j" in top
    assert "entry:in:2024-09-02:8A501.j" in top
    report = analyses.search(SearchRequest(q="nuclear reactors", list_id="list:eu:2021"))
    assert "entry:eu:2021:0A001" in {h.entry.id for h in report.items}
    assert all(h.entry.list_id == "list:eu:2021" for h in report.items)


def test_parties_by_name(analyses: Analyses) -> None:
    hits, total = analyses.parties("NSO Group")
    assert hits[0].party.name == "NSO Group" and hits[0].score == 100.0
    assert hits[0].party.countries == ["IL"]
    assert total >= 1
    hits, _ = analyses.parties("nso grp")
    assert hits[0].party.name == "NSO Group"
    hits, _ = analyses.parties("Grindavik Solutions")  # an alias of Candiru
    assert hits[0].party.name == "Candiru"
    assert hits[0].matched == "Grindavik Solutions Ltd."
    names = {h.party.name for h in analyses.parties("Intellexa")[0]}
    assert {"Intellexa S.A.", "Intellexa Limited"} <= names
    assert all("intellexa" in n.lower() for n in names)
    assert all(not h.counterparts for h in hits)  # no spyware vendor is on METI's list


def test_parties_listed_by_japan(analyses: Analyses) -> None:
    # METI's No. 605 (Pakistan) and the Entity List entry of the same name (81 FR 90712).
    hits, _ = analyses.parties("Air Weapons Complex")
    exact = [h for h in hits if h.matched == "Air Weapons Complex (AWC)"]
    by_issuer = {h.party.listings[0].issuer: h for h in exact}
    assert len(by_issuer) == len(exact) == 2
    japan, us = by_issuer["country:JP"], by_issuer["country:US"]
    assert japan.party.lists == ["METI Foreign End-User List"]
    assert japan.party.listings[0].citation == "No. 605"
    assert japan.party.listings[0].reason == "Weapons of mass destruction concern: missile M"
    assert [(c.compared_with, c.verdict) for c in us.counterparts] == [("JP", "both")]
    assert us.counterparts[0].candidate is not None
    assert us.counterparts[0].candidate.id == japan.party.id
    assert "also listed by JP as 'Air Weapons Complex (AWC)'" in us.reason
    # A Japanese name in brackets does not stop the match: METI's No. 350.
    hits, _ = analyses.parties("Korea Kwangsong Trading")
    kwangsong = next(h for h in hits if h.party.countries == ["KP"] and h.counterparts)
    assert kwangsong.counterparts[0].verdict == "both"


def test_bad_search(analyses: Analyses) -> None:
    with pytest.raises(InvalidQuery):
        analyses.search(SearchRequest(q="   "))
    with pytest.raises(InvalidQuery):
        analyses.search(build(SearchRequest, q="x" * 300))
    with pytest.raises(InvalidQuery, match="system 'klingon'"):
        analyses.search(build(SearchRequest, q="5A001", system="klingon"))
    with pytest.raises(InvalidQuery):
        analyses.search(SearchRequest(q="not a code", mode="code"))
    with pytest.raises(InvalidQuery):
        analyses.parties("")
