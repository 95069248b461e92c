"""The harmonisation brief on the real graph: its standing states the reference data's facts and
its agenda is exactly what the divergence analysis says, ranked."""

from __future__ import annotations

from datetime import date

import pytest
from real_graph import shared_analyses

from queries.analyses import Analyses
from queries.brief import brief
from queries.errors import InvalidQuery, NotFound
from queries.requests import BriefRequest, DivergenceRequest
from queries.views import Brief

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
