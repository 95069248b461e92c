"""List editions and entries with their alignment and technology tags."""

from __future__ import annotations

from datetime import date

import pytest
from real_graph import shared_analyses

from queries.analyses import Analyses
from queries.errors import NotFound
from queries.requests import EntriesRequest


@pytest.fixture(scope="module")
def analyses() -> Analyses:
    return shared_analyses()


def test_lists(analyses: Analyses) -> None:
    lists = {x.list_id: x for x in analyses.lists()}
    assert set(lists) == {
        "list:au-military:2024",
        "list:au:2024",
        "list:eu-military:2020-02-17",
        "list:eu:2021",
        "list:eu:2022-05-05",
        "list:eu:2025-11-15",
        "list:in:2024-09-02",
        "list:mtcr:2021",
        "list:no-military:2020",
        "list:no:2021",
        "list:nsg:2022",
        "list:uk-military:2018-03-01",
        "list:uk-national:2018-03-01",
        "list:us:2026-07-23",
        "list:wassenaar:2021",
        "list:wassenaar:2025",
    }
    assert lists["list:wassenaar:2025"].entries == 2523
    assert lists["list:wassenaar:2021"].entries == 2510
    # Every edition of the EU's lists; the newest of each series is current.
    eu = {x.list_id: x.current for x in analyses.lists(issuer="EU")}
    assert eu == {
        "list:eu-military:2020-02-17": True,
        "list:eu:2021": False,
        "list:eu:2022-05-05": False,
        "list:eu:2025-11-15": True,
    }
    recent = {x.list_id for x in analyses.lists(changed_since=date(2024, 1, 1))}
    assert recent == {
        "list:au-military:2024",
        "list:au:2024",
        "list:eu:2025-11-15",
        "list:in:2024-09-02",
        "list:us:2026-07-23",
        "list:wassenaar:2025",
    }
    detail = analyses.list_detail("list:us:2026-07-23")
    assert detail.origins["us-advanced-computing"] > 0
    assert detail.implements > 0


def test_list_entries_filtered(analyses: Analyses) -> None:
    page = analyses.list_entries("list:eu:2021", EntriesRequest(code_prefix="5A001.j"), limit=3)
    assert page.items[0].code == "5A001.j" and page.total > 3
    spyware = analyses.list_entries("list:us:2026-07-23", EntriesRequest(technology="spyware"))
    assert {e.code for e in spyware.items} >= {"4A005", "4D004", "4E001.c"}


def test_entry_detail(analyses: Analyses) -> None:
    regime = analyses.entry("entry:wassenaar:2025:5A001.j")
    assert regime.page == 88
    assert {a.entry.list_id for a in regime.implemented_by} >= {
        "list:us:2026-07-23",
        "list:eu:2021",
        "list:in:2024-09-02",
    }
    assert {t.technology for t in regime.technologies} >= {"tech:ip-network-surveillance"}
    us = analyses.entry("entry:us:2026-07-23:3A090")
    assert us.origin is not None and us.origin.unilateral
    assert us.implements == []
    child = analyses.entry("entry:us:2026-07-23:3A090.a")
    assert child.origin is not None and child.origin.inherited_from == "3A090"
    with pytest.raises(NotFound, match="entry:<list>"):
        analyses.entry("entry:nowhere:1:2")
