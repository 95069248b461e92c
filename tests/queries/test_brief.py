"""The harmonisation brief on the real graph: its standing states the reference data's facts and
its agenda is exactly what the divergence analysis says, ranked."""

from __future__ import annotations

from datetime import date

import pytest
from real_graph import shared_analyses

from queries.analyses import Analyses
from queries.brief import any_brief, brief, group_brief, pair_brief
from queries.errors import InvalidQuery, NotFound
from queries.requests import (
    BriefPartsRequest,
    BriefRequest,
    CommitmentGapsRequest,
    DivergenceRequest,
)
from queries.views import Brief, GroupBrief, PairBrief

DAY = date(2026, 12, 4)


@pytest.fixture(scope="module")
def analyses() -> Analyses:
    return shared_analyses()


@pytest.fixture(scope="module")
def india(analyses: Analyses) -> Brief:
    return brief(analyses, "IN", BriefRequest(), today=DAY)


def test_standing_states_memberships_and_lists(india: Brief) -> None:
    # India became the Wassenaar Arrangement's 42nd participating state on 8 December 2017,
    # a partner of the MTCR on 27 June 2016 and a participant of the Australia Group on
    # 19 January 2018 (the regimes' own statements, in the reference data).
    since = {m.regime: m.since for m in india.standing.memberships}
    assert since["regime:wassenaar"] == date(2017, 12, 8)
    assert since["regime:mtcr"] == date(2016, 6, 27)
    assert since["regime:australia-group"] == date(2018, 1, 19)
    # The SCOMET list held is the edition of 2 September 2024: 823 days before the brief.
    [held] = india.standing.lists
    assert (held.edition.list_id, held.age_days, held.current) == ("list:in:2024-09-02", 823, True)
    assert india.reference_edition.list_id == "list:wassenaar:2025"


def test_the_convergence_index_counts_what_can_be_told(india: Brief) -> None:
    index = india.standing.convergence
    assert index.comparable == index.controlled + index.absent
    assert 0 < index.same <= index.controlled
    assert index.percent == round(100.0 * index.same / index.comparable, 1)
    # One list, one edition held: the trend is the index itself.
    assert india.standing.trend == [index]
    assert {c.category for c in india.standing.categories} >= {"1", "5", "ML1"}


def test_the_agenda_is_the_divergences_ranked(analyses: Analyses, india: Brief) -> None:
    rows = analyses.divergences(
        DivergenceRequest(jurisdiction=["IN", "wassenaar"]), limit=None
    ).items
    lacking = {r.code for r in rows if r.kind == "not-implemented" and "IN" in r.not_controlled_by}
    assert {r.code for r in india.to_adopt.items} == lacking
    assert india.to_adopt.total == len(lacking)
    assert {r.code for r in india.to_align.items} == {
        r.code for r in rows if r.kind == "scope-differs"
    }
    # Wassenaar 2025 3.A.1.e.1.b: batteries with an energy density "exceeding 500 Wh/kg";
    # SCOMET 3A001.e.1.b says "exceeding 350Wh/kg": India catches more.
    batteries = next(r for r in india.to_align.items if r.code == "3.A.1.e.1.b")
    [difference] = batteries.parameter_differences
    assert difference.stricter == "IN"
    assert difference.values["wassenaar"] == "exceeding 500 Wh/kg"


def test_very_sensitive_entries_come_first(analyses: Analyses) -> None:
    united_states = brief(analyses, "US", BriefRequest(items=500), today=DAY)
    ranks = []
    for row in united_states.to_adopt.items:
        assert row.reference is not None
        entry = analyses.index.entry(row.reference.id)
        assert entry is not None
        ranks.append(0 if entry.very_sensitive else 1 if entry.sensitive else 2)
    assert ranks == sorted(ranks)


def test_a_list_with_several_editions_has_a_trend(analyses: Analyses) -> None:
    eu = brief(analyses, "EU", BriefRequest(), today=DAY)
    dual_use = [p for p in eu.standing.trend if "list:eu:" in p.edition]
    assert [p.edition.split("list:eu:")[1] for p in dual_use] == [
        "2021",
        "2022-05-05",
        "2025-11-15",
    ]
    # The newest edition is the current index; an older one cannot be closer to Wassenaar 2025.
    assert dual_use[-1] == eu.standing.convergence
    assert all(p.percent is not None for p in dual_use)
    assert dual_use[0].same <= dual_use[-1].same


def test_filters_narrow_the_whole_brief(analyses: Analyses) -> None:
    five = brief(analyses, "IN", BriefRequest(category="5"), today=DAY)
    assert [c.category for c in five.standing.categories] == ["5"]
    assert all(r.category == "5" for r in five.to_align.items + five.to_adopt.items)
    assert five.filters == {"category": "5"}


def test_bad_briefs_say_why(analyses: Analyses) -> None:
    with pytest.raises(InvalidQuery, match="against=wassenaar"):
        brief(analyses, "IN", BriefRequest(against="US"))
    with pytest.raises(InvalidQuery, match="reference itself"):
        brief(analyses, "wassenaar", BriefRequest())
    with pytest.raises(NotFound, match="no jurisdiction 'Atlantis'"):
        brief(analyses, "Atlantis", BriefRequest())


def test_a_brief_of_an_older_edition(analyses: Analyses) -> None:
    """EU@2021: the brief compares the 2021 dual-use list; the trend still covers every
    edition held, and 'current' marks the newest edition held, not the one compared."""
    eu2021 = brief(analyses, "EU@2021", BriefRequest(), today=DAY)
    assert "list:eu:2021" in eu2021.standing.convergence.edition
    assert len([p for p in eu2021.standing.trend if "list:eu:" in p.edition]) == 3
    current = {h.edition.list_id for h in eu2021.standing.lists if h.current}
    assert "list:eu:2025-11-15" in current and "list:eu:2021" not in current


# --- the pair brief and the group brief ---------------------------------------------------------


@pytest.fixture(scope="module")
def us_eu(analyses: Analyses) -> PairBrief:
    return pair_brief(
        analyses, "US", "EU", BriefPartsRequest(technology="surveillance", items=500), today=DAY
    )


def test_pair_brief_parts_are_the_divergences_between_the_two(
    analyses: Analyses, us_eu: PairBrief
) -> None:
    rows = analyses.divergences(
        DivergenceRequest(jurisdiction=["US", "EU"], technology="surveillance")
    ).items
    alone = {
        key: sorted(
            r.code
            for r in rows
            if r.kind not in ("agreement", "scope-differs") and r.controlled_by == [key]
        )
        for key in ("US", "EU")
    }
    assert sorted(r.code for r in us_eu.first.only.items) == alone["US"]
    assert sorted(r.code for r in us_eu.second.only.items) == alone["EU"]
    assert us_eu.first.only.total == len(alone["US"]) > 0
    for side in (us_eu.first, us_eu.second):
        for row in side.stricter.items:
            assert {d.stricter for d in row.parameter_differences} == {side.jurisdiction.key}
    scoped = [r for r in rows if r.kind == "scope-differs"]
    placed = us_eu.first.stricter.total + us_eu.second.stricter.total + us_eu.undecided.total
    assert placed == len(scoped)
    # 15 CFR 774 Supp. 1: 3A981 (polygraphs, fingerprint analyzers ...) is a US crime-control
    # ECCN with no Wassenaar origin; the EU's Annex I has no 9xx entries.
    assert "3A981" in alone["US"]


def test_pair_brief_refuses_one_jurisdiction_twice(analyses: Analyses) -> None:
    with pytest.raises(InvalidQuery, match="twice"):
        pair_brief(analyses, "US", "united states", BriefPartsRequest())


def test_group_brief_is_the_commitment_gaps_by_technology(analyses: Analyses) -> None:
    group = group_brief(analyses, "echri", BriefPartsRequest(technology="surveillance"), DAY)
    gaps = analyses.commitment_gaps("echri", CommitmentGapsRequest(technology="surveillance"))
    # The 2023-03-29 fact sheet names the US and 21 governments as endorsers; Slovakia, Spain
    # and Costa Rica subscribed by the first plenary (the reference data): 25.
    assert group.subscribers == gaps.subscribers == 25
    assert group.counts == gaps.counts
    for tech in group.technologies:
        mine = [r for r in gaps.items if r.technology == tech.technology]
        assert tech.lacking == [r.country for r in mine if r.status == "gap"]
        assert tech.controlled == [r.country for r in mine if r.status == "controlled"]
        assert len(tech.lacking) + len(tech.controlled) + len(tech.not_held) == 25
    intrusion = next(t for t in group.technologies if t.technology == "tech:intrusion-software")
    # Albania endorsed the Code (fact sheet of 2023-03-29) and no list of it is held: unknown.
    assert "AL" in intrusion.not_held and "AL" not in intrusion.lacking


def test_any_brief_picks_the_brief(analyses: Analyses) -> None:
    assert isinstance(any_brief(analyses, "IN", BriefRequest()), Brief)
    assert isinstance(any_brief(analyses, "US", BriefRequest(against="EU")), PairBrief)
    assert isinstance(any_brief(analyses, "echri", BriefRequest()), GroupBrief)
