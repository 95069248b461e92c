"""The brief's parts beyond the Wassenaar agenda, checked against the analyses they are built
from on the real graph: the codes of conduct a state subscribes to (commitment gaps), the
controls partners share outside the regimes (divergence rows between it and every partner),
and the parties partners list and it does not (party list gaps)."""

from __future__ import annotations

import pytest
from real_graph import shared_analyses

from queries import brief as brief_module
from queries.brief import brief
from queries.brief_i18n import comma, say, written
from queries.brief_text import names_of, to_markdown
from queries.requests import (
    BriefRequest,
    CommitmentGapsRequest,
    DivergenceRequest,
    Language,
    PartyListGapsRequest,
    build,
)
from queries.views import Brief


def _brief(key: str, items: int = 500) -> Brief:
    return brief(shared_analyses(), key, build(BriefRequest, items=items))


@pytest.fixture(scope="module")
def india() -> Brief:
    return _brief("IN")


@pytest.fixture(scope="module")
def united_states() -> Brief:
    return _brief("US")


# --- To adopt, second half: the codes of conduct it subscribes to ------------------------------


def test_the_codes_of_conduct_are_the_commitment_gaps_of_the_subscriber(
    united_states: Brief,
) -> None:
    # "In addition to the United States, the following governments that have endorsed the
    # voluntary code of conduct are: Albania, Australia, ..." (../shared/data/echri/
    # 2023-03-29-fact-sheet-advancing-technology-for-democracy-at-home-and-abroad.md).
    [code] = united_states.commitments
    assert code.code_of_conduct.startswith("coc:echri")
    report = shared_analyses().commitment_gaps("echri", CommitmentGapsRequest(country=["US"]))
    gaps = [r for r in report.items if r.status == "gap"]
    assert code.status == "checked" and code.total == len(gaps) > 0
    assert code.items == gaps
    assert code.technologies == len(report.technologies)
    assert code.controlled == sum(r.status == "controlled" for r in report.items)
    assert [e.list_id for e in code.lists] == ["list:us:2026-07-23"]
    for row in code.items:  # each point names the technology, the lists searched, the evidence
        assert row.country == "US" and row.technology_name and row.editions
        assert row.technology_name in row.reason


def test_a_subscriber_whose_lists_are_not_held_is_never_a_gap() -> None:
    # Japan is an endorser (same fact sheet) and no control list of Japan is held.
    japan = _brief("JP")
    [code] = japan.commitments
    assert code.status == "not-held" and code.total == 0 and code.controlled == 0
    assert [r.status for r in code.items] == ["no-list-held"]
    assert "not a gap" in code.items[0].reason


def test_india_subscribes_to_no_code_held(india: Brief) -> None:
    # India is not among the endorsers the fact sheet names.
    assert india.commitments == []
    assert "India subscribes to no code of conduct held in the graph." in to_markdown(india)


# --- Shared beyond the regimes ---------------------------------------------------------------


def test_shared_controls_are_the_divergences_two_partners_hold_and_it_lacks(
    india: Brief,
) -> None:
    part = india.shared
    assert set(part.partners) == {"AU", "EU", "GB", "NO", "US"}
    report = shared_analyses().divergences(
        DivergenceRequest(
            jurisdiction=["IN", *part.partners], kind=["unilateral", "not-in-regime-list"]
        )
    )
    wanted = [
        r
        for r in report.items
        if "IN" not in r.controlled_by and len([k for k in r.controlled_by if k != "IN"]) >= 2
    ]
    assert part.total == len(part.items) > 0
    covered: set[str] = set()
    for point in part.items:
        row = point.row
        assert row in wanted
        assert len(point.partners) >= 2 and "IN" not in point.partners
        assert point.status == ("absent" if "IN" in row.not_controlled_by else "not-comparable")
        entries = {e.id for s in row.sides if s.jurisdiction in point.partners for e in s.entries}
        assert not entries & covered, "one point per control"
        covered |= entries
        assert set(point.matched_by) == set(point.partners) - {
            next(s.jurisdiction for s in row.sides if s.status == "controls")
        }
    # Every row left out is the same control as a point's, under another holder's code.
    for row in wanted:
        held = {e.id for s in row.sides if s.jurisdiction in row.controlled_by for e in s.entries}
        assert held & covered
    assert sum(part.counts.values()) == part.total
    # Absent first.
    statuses = [p.status for p in part.items]
    assert statuses == sorted(statuses, key=lambda s: s != "absent")


def test_every_partner_is_compared_or_said_to_be_left_out(
    india: Brief, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Today one comparison takes India and all five partners, none left out; were there more
    partners than one comparison takes, the rest are named in the part and in its text."""
    index = shared_analyses().index
    expected = {
        index.jurisdiction(issuer).key
        for issuer in index.lists_of_issuer
        if index.jurisdiction(issuer).kind in ("country", "union") and issuer != "country:IN"
    }
    assert set(india.shared.partners) == expected and india.shared.left_out == []
    monkeypatch.setattr(brief_module, "MAX_JURISDICTIONS", 4)
    narrow = brief(shared_analyses(), "IN", build(BriefRequest, items=40))
    part = narrow.shared
    assert len(part.partners) == 3 and len(part.left_out) == len(expected) - 3
    assert set(part.partners) | set(part.left_out) == expected
    assert all(set(p.partners) <= set(part.partners) for p in part.items)
    for lang in ("en", "fr"):
        text = to_markdown(narrow, lang, names_of(index, narrow, lang))
        left = comma(lang).join(written(k, lang) for k in part.left_out)
        said = say(lang, "shared.left.out", left=left)
        assert said in text


def test_dry_etching_equipment_is_shared_by_the_us_and_the_eu(india: Brief) -> None:
    # US CCL 3B001 (../shared/data/us/ccl-2026-07-23.json), paragraph c.1: "Equipment designed
    # for dry etching as follows:", c.1.a "Equipment designed or modified for isotropic dry
    # etching, having a largest 'silicon germanium-to-silicon (SiGe:Si) etch selectivity' of
    # greater than or equal to 100:1". EU Annex I 2025 (../shared/data/eu/
    # annex-i-consolidated-2025-11-15.json): "3B501.k Equipment designed for dry etching having
    # any of the following: 3B501.k.1 Equipment designed or modified for isotropic dry
    # etching, having a largest 'silicon germanium-to-silicon (SiGe:Si) etch selectivity' of
    # greater than or equal to 100:1". Neither is in the Wassenaar list; India's SCOMET has
    # neither.
    [point] = [p for p in india.shared.items if p.code == "3B001.c.1"]
    assert point.status == "absent" and set(point.partners) == {"US", "EU"}
    assert point.matched_by == {"EU": "alignment"}
    eu = next(s for s in point.row.sides if s.jurisdiction == "EU")
    assert [e.code for e in eu.entries] == ["3B501.k"]
    assert [e.list_id for e in eu.editions] == ["list:eu:2025-11-15"]
    assert "tech:semiconductor-manufacturing-equipment" in point.row.technologies


def test_quantum_computers_are_one_point_held_by_three_partners(india: Brief) -> None:
    # EU Annex I 2025: "4A506 Quantum computers and related "electronic assemblies" and
    # components therefor, as follows:"; US CCL 2026 (../shared/data/us/ccl-2026-07-23.json):
    # 4A906 "Quantum computers and related "electronic assemblies," and "components" therefor,
    # as follows". Australia's DSGL 2024 holds the same as 4A901. One control, one point, the
    # three entries matched by alignment edges; SCOMET numbers such items otherwise and has no
    # regime counterpart to read them by: not comparable, not a gap.
    [point] = [p for p in india.shared.items if "tech:quantum-computing" in p.row.technologies]
    assert set(point.partners) == {"EU", "AU", "US"}
    entries = {s.jurisdiction: [e.code for e in s.entries] for s in point.row.sides}
    assert entries["EU"] == ["4A506"] and entries["US"] == ["4A906"] and entries["AU"] == ["4A901"]
    assert set(point.matched_by.values()) == {"alignment"}
    assert point.status == "not-comparable"


def test_the_partner_with_most_national_controls_shares_none_it_lacks(
    united_states: Brief,
) -> None:
    # The US holds every control outside the regimes two partners share (its lists are the
    # origin of most): nothing to adopt there, said so.
    assert united_states.shared.total == 0
    assert "## Shared beyond the regimes (0)" in to_markdown(united_states)


def test_a_state_without_lists_gets_not_held() -> None:
    japan = _brief("JP", items=3)
    assert japan.shared.total > 0
    assert set(japan.shared.counts) == {"not-held"}


# --- Commitments and parties -----------------------------------------------------------------


def test_parties_partners_list_and_it_does_not(united_states: Brief) -> None:
    # Japan's METI Foreign End-User List (../shared/data/jp/meti-end-user-list-2025-09-29.json)
    # is the only other party list held: 835 entries.
    [japan] = united_states.parties.partners
    assert united_states.parties.held and japan.partner == "JP"
    assert japan.lists == ["METI Foreign End-User List"]
    report = shared_analyses().party_list_gaps(
        PartyListGapsRequest(issuer=["US", "JP"], listed_by="JP", verdict=["only"])
    )
    assert japan.only == report.total == report.counts["JP"]["only"] > 0
    assert japan.only + japan.review + japan.both == 835
    assert [r.party.id for r in japan.items] == [r.party.id for r in report.items][:500]
    assert all(r.verdict == "only" and r.listed_by == "JP" for r in japan.items)


def test_a_state_with_no_party_list_is_not_held_once(india: Brief) -> None:
    assert not india.parties.held and india.parties.partners == []
    text = to_markdown(india)
    assert text.count("no party list of India is held") == 1


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_the_new_parts_in_french_and_arabic(united_states: Brief, lang: Language) -> None:
    analyses = shared_analyses()
    text = to_markdown(united_states, lang, names_of(analyses.index, united_states, lang))
    headings = {
        "fr": ["## Partagé au-delà des régimes (0)", "## Engagements et parties"],
        "ar": ["## ما يتجاوز الأنظمة ويتشاركه الشركاء (0)", "## الالتزامات والأطراف"],
    }[lang]
    for heading in headings:
        assert heading in text
    assert "No entry of" not in text  # the code-of-conduct gaps are rebuilt, not quoted


def test_a_technology_the_code_does_not_address_is_said_so() -> None:
    # The ECHRI Code addresses surveillance technologies, not semiconductors: asked for those,
    # the brief says the code addresses none of them, and does not pretend Australia subscribes to
    # no code; the shared controls are those tagged for semiconductors.
    report = brief(shared_analyses(), "AU", build(BriefRequest, technology="semiconductors"))
    [code] = report.commitments
    assert code.status == "outside-filter" and code.total == 0 and code.items == []
    text = to_markdown(report)
    assert "it addresses none of the technologies asked for" in text
    assert "subscribes to no code of conduct" not in text
    index = shared_analyses().index
    wanted = index.tech_closure(index.resolve_technology("semiconductors").id)
    assert report.shared.total > 0
    assert all(set(p.row.technologies) & wanted for p in report.shared.items)
