"""The audited accuracy of the divergences, kept by CI.

The verdicts were read in the official documents (``tests/audit``); these tests recompute
today's divergences on the full real graph and hold the figures the README states: the known
divergences are found and the known agreements kept (no kind made right by dropping rows), and
every kind and every pair of the audited rows together stays at 95% or more.
"""

from __future__ import annotations

import pytest
import yaml
from real_graph import shared_analyses

from bench.accuracy import AUDITED, RECALL, Score, audited, recall, score
from queries.analyses import Analyses
from queries.requests import DivergenceRequest

FLOOR = 0.95


@pytest.fixture(scope="module")
def analyses() -> Analyses:
    return shared_analyses()


def test_every_audited_sample_has_verdicts() -> None:
    for path in AUDITED:
        rows = yaml.safe_load(path.read_text("utf-8"))
        judged = (path.parent / "judged").glob("*.yaml")
        assert rows, path
        assert any(judged), f"no verdicts for {path}"


def test_known_divergences_are_found_and_agreements_kept(analyses: Analyses) -> None:
    tally, misses = recall(analyses, yaml.safe_load(RECALL.read_text("utf-8")))
    assert tally["divergences"] >= 40
    assert tally["divergences found"] >= FLOOR * tally["divergences"], misses
    assert tally["agreements kept"] == tally["agreements"], misses


@pytest.fixture(scope="module")
def scored(analyses: Analyses) -> tuple[dict[str, Score], dict[str, Score], list[str]]:
    by_kind, by_pair, disagree, _ = score(analyses, audited())
    return by_kind, by_pair, disagree


def _below(scores: dict[str, Score]) -> dict[str, str]:
    return {
        key: f"{s.right}/{s.right + s.wrong}"
        for key, s in scores.items()
        if (s.precision or 0.0) < FLOOR
    }


def test_every_kind_stays_at_the_floor(
    scored: tuple[dict[str, Score], dict[str, Score], list[str]],
) -> None:
    by_kind, _, disagree = scored
    assert set(by_kind) >= {"scope-differs", "unilateral", "not-implemented", "edition-lag"}
    assert not _below(by_kind), (_below(by_kind), disagree)


def test_every_pair_stays_at_the_floor(
    scored: tuple[dict[str, Score], dict[str, Score], list[str]],
) -> None:
    _, by_pair, disagree = scored
    assert len(by_pair) >= 5
    assert not _below(by_pair), (_below(by_pair), disagree)


def test_no_featured_row_judged_wrong_is_shown_again(analyses: Analyses) -> None:
    # The rows the notebooks and the dashboard's first page show were judged from the
    # documents (tests/audit/featured); those found wrong were fixed and must stay so.
    featured = RECALL.parent / "featured"
    wrong = [
        row
        for path in sorted(featured.glob("*.yaml"))
        for row in yaml.safe_load(path.read_text("utf-8"))
        if row["verdict"] == "wrong"
    ]
    assert wrong
    for row in wrong:
        keys = row["pair"].split("-")
        report = analyses.divergences(
            DivergenceRequest(jurisdiction=list(keys), code_prefix=row["code"]), limit=None
        )
        said = {(r.kind, r.code): r.reason for r in report.items}
        assert said.get((row["kind"], row["code"])) != row["claim"], row["code"]
        if row["code"] in ("0A508", "0A509"):
            assert (row["kind"], row["code"]) not in said
