"""Precision and recall of mentions and claims per language, against hand-made gold files.

The gold files (``gold/*.yaml``, conventions in ``gold/README.md``) were annotated by reading
the texts. The floors below are the measured values less a small margin, so a change that
makes the pipeline worse fails here instead of passing silently.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from helpers import SHARED

from ingest.nlp.evaluation import Score, Span, gold_spans, score_claims, score_mentions
from ingest.nlp.pipeline import Analyzer
from ingest.nlp.reader import read_document

GOLD = Path(__file__).parent / "gold"
FIXTURES = Path(__file__).parent / "fixtures"

# Measured (lenient mentions: same node, overlapping span) minus a margin of about 0.03.
FLOORS: dict[str, dict[str, float]] = {
    # measured: mentions P 1.000 R 0.973 (111 gold), claims P 1.000 R 1.000 (17 claims)
    "ar": {"mention_p": 0.97, "mention_r": 0.94, "claim_p": 0.95, "claim_r": 0.95},
    # measured: mentions P 0.973 R 0.991 (221 gold), claims P 1.000 R 1.000 (35 claims)
    "en": {"mention_p": 0.94, "mention_r": 0.96, "claim_p": 0.95, "claim_r": 0.95},
    # measured: mentions P 0.962 R 1.000, claims P 0.900 R 0.818 (11 claims, written fixture)
    "fr": {"mention_p": 0.93, "mention_r": 0.96, "claim_p": 0.87, "claim_r": 0.78},
}


def _path(ref: str) -> Path:
    if ref.startswith("fixture:"):
        return FIXTURES / ref.removeprefix("fixture:")
    path: Path = SHARED / ref
    return path


def gold_files() -> list[Path]:
    return sorted(GOLD.glob("*.yaml"))


@cache
def _load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data


def evaluate(analyzer: Analyzer) -> dict[str, dict[str, Score]]:
    scores: dict[str, dict[str, Score]] = {}
    for path in gold_files():
        gold = _load(path)
        raw = read_document(_path(gold["document"]))
        lang = gold["language"]
        analysis = analyzer.analyse(raw.text, lang)
        predicted = [Span(m.start, m.end, m.node) for m in analysis.mentions]
        expected = gold_spans(raw.text, gold["mentions"])
        per = scores.setdefault(
            lang, {"mentions": Score(), "mentions_strict": Score(), "claims": Score()}
        )
        per["mentions"].add(score_mentions(predicted, expected))
        per["mentions_strict"].add(score_mentions(predicted, expected, strict=True))
        per["claims"].add(
            score_claims([c.triple for c in analysis.claims], [tuple(c) for c in gold["claims"]])
        )
    return scores


@pytest.fixture(scope="module")
def scores(analyzer: Analyzer) -> dict[str, dict[str, Score]]:
    result = evaluate(analyzer)
    print("\nlanguage  what             P      R      F1   (tp/pred/gold)")
    for lang, per in sorted(result.items()):
        for what, s in per.items():
            print(
                f"{lang:<9} {what:<15} {s.precision:.3f}  {s.recall:.3f}  {s.f1:.3f}  "
                f"({s.true_positives}/{s.predicted}/{s.gold})"
            )
    return result


def test_gold_files_are_consistent() -> None:
    files = gold_files()
    assert len(files) == 7
    for path in files:
        gold = _load(path)
        assert gold["language"] in ("ar", "en", "fr")
        raw = read_document(_path(gold["document"]))
        spans = gold_spans(raw.text, gold["mentions"])  # raises if a surface is missing
        assert spans
        for claim in gold["claims"]:
            assert len(claim) == 3


@pytest.mark.parametrize("lang", ["ar", "en", "fr"])
def test_precision_and_recall_do_not_drop(scores: dict[str, dict[str, Score]], lang: str) -> None:
    floor = FLOORS[lang]
    per = scores[lang]
    assert per["mentions"].precision >= floor["mention_p"]
    assert per["mentions"].recall >= floor["mention_r"]
    assert per["claims"].precision >= floor["claim_p"]
    assert per["claims"].recall >= floor["claim_r"]
