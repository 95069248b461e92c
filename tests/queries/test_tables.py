"""The flat records of the analyses (CSV, the client's DataFrames) on the real graph: each carries
exactly the columns its table documents, in that order (a frame keeps only the documented
columns, so a key written in one place only would be lost without a word). The Wassenaar
Munitions List 2025 adds ML10.j, which the 2021 list did not have."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import pytest
from real_graph import shared_analyses

from queries.analyses import Analyses
from queries.requests import (
    ChangesRequest,
    CommitmentGapsRequest,
    CoverageRequest,
    DivergenceRequest,
    RegimeGapsRequest,
    SearchRequest,
    build,
)
from queries.tables import (
    CHANGE_COLUMNS,
    COMMITMENT_GAP_COLUMNS,
    COVERAGE_COLUMNS,
    REGIME_GAP_COLUMNS,
    SEARCH_COLUMNS,
    change_records,
    commitment_gap_records,
    coverage_records,
    divergence_columns,
    divergence_records,
    regime_gap_records,
    search_records,
)

Records = tuple[list[dict[str, Any]], Sequence[str]]


def _divergences(a: Analyses) -> Records:
    report = a.divergences(build(DivergenceRequest, jurisdiction=["US", "EU"], category="5"))
    return divergence_records(report), divergence_columns(report)


def _divergences_in_french(a: Analyses) -> Records:
    asked = build(DivergenceRequest, jurisdiction=["US", "EU"], category="5", lang="fr")
    report = a.divergences(asked)
    return divergence_records(report, "fr"), divergence_columns(report, "fr")


def _coverage(a: Analyses) -> Records:
    report = a.coverage(build(CoverageRequest, category="5"))
    return coverage_records(report), list(COVERAGE_COLUMNS)


def _regime_gaps(a: Analyses) -> Records:
    report = a.regime_gaps("wassenaar", build(RegimeGapsRequest))
    return regime_gap_records(report), list(REGIME_GAP_COLUMNS)


def _commitment_gaps(a: Analyses) -> Records:
    report = a.commitment_gaps("echri", build(CommitmentGapsRequest))
    return commitment_gap_records(report), list(COMMITMENT_GAP_COLUMNS)


def _changes(a: Analyses) -> Records:
    report = a.changes(build(ChangesRequest, after="list:wassenaar:2025"))
    return change_records(report), list(CHANGE_COLUMNS)


def _search(a: Analyses) -> Records:
    report = a.search(build(SearchRequest, q="5A001.j"))
    return search_records(report), list(SEARCH_COLUMNS)


CASES: dict[str, Callable[[Analyses], Records]] = {
    "divergences": _divergences,
    "divergences in French": _divergences_in_french,
    "coverage": _coverage,
    "regime gaps": _regime_gaps,
    "commitment gaps": _commitment_gaps,
    "changes": _changes,
    "search": _search,
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_every_record_has_the_documented_columns_in_order(name: str) -> None:
    records, columns = CASES[name](shared_analyses())
    assert records, name
    for record in records:
        assert list(record) == list(columns), f"{name}: {record}"


def test_an_added_entry_has_no_side_before() -> None:
    records, _ = _changes(shared_analyses())
    (ml10j,) = [r for r in records if r["canonical"] == "ML10.j"]
    assert ml10j["change"] == "added"
    assert ml10j["code_before"] == "" and ml10j["text_before"] == ""
    assert ml10j["code_after"] and ml10j["text_after"]
