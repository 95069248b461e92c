"""Scoring the pipeline against hand-made gold annotations (see tests/ingest/nlp/gold).

Mentions are compared as (span, node): a predicted mention is right when it names the same
node as a gold mention whose span it overlaps (each gold mention matched at most once); the
strict score also asks for the same span. Claims are compared as sets of
(subject, predicate, object) per document.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any


class GoldError(ValueError):
    pass


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    node: str


@dataclass
class Score:
    true_positives: int = 0
    predicted: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Score) -> None:
        self.true_positives += other.true_positives
        self.predicted += other.predicted
        self.gold += other.gold


def _occurrences(text: str, surface: str) -> list[int]:
    """Starts of ``surface`` in ``text`` standing as whole words."""
    pattern = re.compile(r"(?<![\w])" + re.escape(surface) + r"(?![\w])")
    return [m.start() for m in pattern.finditer(text)]


def gold_spans(text: str, entries: Iterable[dict[str, Any]]) -> list[Span]:
    """Gold mention spans from surface entries (longest first; overlaps go to the longer)."""
    taken: list[Span] = []
    for entry in sorted(entries, key=lambda e: -len(e["text"])):
        surface, node = entry["text"], entry["node"]
        starts = _occurrences(text, surface)
        if not starts:
            raise GoldError(f"gold mention {surface!r} does not occur in the text")
        skip = set(entry.get("skip", []))
        for number, start in enumerate(starts, 1):
            span = Span(start, start + len(surface), node)
            if number in skip or any(s.start < span.end and span.start < s.end for s in taken):
                continue
            taken.append(span)
    return sorted(taken, key=lambda s: s.start)


def score_mentions(predicted: Iterable[Span], gold: Iterable[Span], strict: bool = False) -> Score:
    preds = sorted(predicted, key=lambda s: s.start)
    golds = sorted(gold, key=lambda s: s.start)
    used: set[int] = set()
    hits = 0
    for p in preds:
        for i, g in enumerate(golds):
            if i in used or g.node != p.node:
                continue
            same = (g.start, g.end) == (p.start, p.end)
            if same or (not strict and g.start < p.end and p.start < g.end):
                used.add(i)
                hits += 1
                break
    return Score(hits, len(preds), len(golds))


def score_claims(
    predicted: Iterable[tuple[str, str, str]], gold: Iterable[tuple[str, str, str]]
) -> Score:
    p, g = set(predicted), set(gold)
    return Score(len(p & g), len(p), len(g))
