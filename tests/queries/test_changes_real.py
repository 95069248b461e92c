"""Changes between the real editions held: Wassenaar 2021 -> 2025, EU 2021 -> 2022 -> 2025.

The facts were read in the documents: the Wassenaar 2021 Word files (antiword text of
wa-list-2021-12-22/*.doc) beside the 2025 PDF; the EU 2022 EUR-Lex PDF; the EU 2025 JSON, whose
README names the 18 items new since 2021.
"""

from __future__ import annotations

import pytest
from real_graph import shared_analyses

from queries.analyses import Analyses
from queries.requests import ChangesRequest, DivergenceRequest

WA21, WA25 = "list:wassenaar:2021", "list:wassenaar:2025"
EU21, EU22, EU25 = "list:eu:2021", "list:eu:2022-05-05", "list:eu:2025-11-15"


@pytest.fixture(scope="module")
def analyses() -> Analyses:
    return shared_analyses()


def test_wassenaar_2021_to_2025_added_and_removed(analyses: Analyses) -> None:
    report = analyses.changes(
        ChangesRequest(after=WA25, before=WA21, change=["added", "removed"]), limit=500
    )
    assert report.before.edition_date.isoformat() == "2021-12-22"
    assert report.after.edition_date.isoformat() == "2026-01-15"
    by_change: dict[str, set[str]] = {"added": set(), "removed": set()}
    for row in report.items:
        by_change[row.change].add(row.canonical)
    # New in 2025: ML10.j (with j.1-j.3), 9.E.3.k (k.1-k.6), 3.C.3.a.1/a.2/b.1/b.2, 1.C.11.e.
    assert {"ML10.j", "ML10.j.3", "9E003.k", "9E003.k.6", "3C003.a.1", "1C011.e"} <= (
        by_change["added"]
    )
    # Gone by 2025: the riot-control agents listed under 1.A.4.a.4 and ML7.d in 2021.
    assert {"1A004.a.4.a", "1A004.a.4.f", "ML7.d.1", "ML7.d.6"} <= by_change["removed"]
    assert report.counts == {"added": 31, "removed": 18}


def test_wassenaar_changed_entry_has_both_texts(analyses: Analyses) -> None:
    report = analyses.changes(
        ChangesRequest(after=WA25, before=WA21, code_prefix="9.A.6.b", change=["changed"])
    )
    [row] = [r for r in report.items if r.canonical == "9A006.b"]
    assert row.before is not None and row.after is not None
    # 2021: "capable of providing temperatures of 100 K (-173°C) or less for "aircraft"...";
    # 2025: "designed to maintain or produce temperatures less than or equal to 100 K".
    assert "capable of providing temperatures of 100 K" in row.before.text
    assert "designed to maintain or produce temperatures" in row.after.text
    assert row.fields[0] == "text"


def test_eu_three_editions(analyses: Analyses) -> None:
    assert [e.id for e in analyses.index.editions_of(analyses.index.all_lists[EU25])] == [
        EU21,
        EU22,
        EU25,
    ]
    newer = analyses.changes(ChangesRequest(after=EU25))  # the edition held just before: 2022-05-05
    assert newer.before.list_id == EU22
    items = {r.canonical for r in newer.items if r.change == "added" and "." not in r.canonical}
    assert items == {
        "1C513", "2B510", "2D352", "2E503", "3A501", "3A502", "3A504", "3B501", "3B503",
        "3B504", "3C507", "3C508", "3C509", "3D006", "3D507", "3E505", "4A506", "4A507",
    }  # fmt: skip
    older = analyses.changes(ChangesRequest(after=EU22, before=EU21, code_prefix="2B352"))
    # 2022 (p. 156): 2B352.f.2 gained a second note.
    assert any(r.canonical == "2B352.f.2" and "notes" in r.fields for r in older.items)


def test_timeline_of_a_changed_entry(analyses: Analyses) -> None:
    timeline = analyses.timeline("entry:wassenaar:2025:9A006.b")
    assert [(s.edition.list_id, s.change) for s in timeline.steps] == [
        (WA21, "first-held"),
        (WA25, "changed"),
    ]
    eu = analyses.timeline("entry:eu:2025-11-15:3A501")
    assert [s.change for s in eu.steps] == ["absent", "absent", "added"]


def test_a_jurisdiction_at_an_earlier_edition(analyses: Analyses) -> None:
    report = analyses.divergences(
        DivergenceRequest(jurisdiction=["EU@2021", "EU"], code_prefix="3A501"), limit=50
    )
    editions = {j.key: [e.list_id for e in j.lists] for j in report.jurisdictions}
    assert EU21 in editions["EU@2021"] and EU25 in editions["EU"]
    row = next(r for r in report.items if r.code == "3A501")
    assert "EU@2021" in row.reason
    from queries.errors import NotFound

    with pytest.raises(NotFound, match="editions of European Union's lists held"):
        analyses.divergences(DivergenceRequest(jurisdiction=["EU@1999", "US"]))
