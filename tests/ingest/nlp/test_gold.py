"""The pipeline against hand-made gold annotations, on the held-out part of the corpus.

The gold files (``gold/*.yaml``, conventions in ``gold/README.md``) were annotated by reading
the texts; ``gold/split.yaml`` splits them once into a dev part (the rules were developed on it)
and a held-out part. The floors below apply to the held-out part and are what it measured, less
a small margin, so a change that makes the pipeline worse on unseen text fails here.
"""

from __future__ import annotations

import pytest
from helpers import SHARED

from ingest.nlp.evaluation import (
    GOLD,
    KINDS,
    GoldDoc,
    Report,
    Span,
    Triple,
    document_path,
    evaluate,
    format_reports,
    gold_spans,
    load_gold,
    load_split,
    split_rule,
)
from ingest.nlp.pipeline import Analyzer
from ingest.nlp.reader import read_document

# Held-out floors per language (measured values in the comments, with the command
# `python -m ingest.nlp.evaluation`). Claims on negative documents must stay at 0 everywhere.
FLOORS: dict[str, dict[str, float]] = {
    # measured: mentions P 0.975 R 0.899 (129), claims P 0.500 R 0.312 (16), events 1/3
    # (baseline before the structural rules: claims P 0.750 R 0.375, events 2/3; see README)
    "ar": {"mention_p": 0.95, "mention_r": 0.87, "claim_p": 0.47, "claim_r": 0.28, "events": 0.33},
    # measured: mentions P 0.996 R 0.967 (239), claims P 1.000 R 0.885 (26), events 2/4
    "en": {"mention_p": 0.97, "mention_r": 0.94, "claim_p": 0.97, "claim_r": 0.85, "events": 0.5},
    # measured: mentions P 0.936 R 0.917 (48), claims P 0.846 R 0.786 (14), events 3/3
    "fr": {"mention_p": 0.91, "mention_r": 0.89, "claim_p": 0.82, "claim_r": 0.76, "events": 1.0},
}


def _text(doc: GoldDoc) -> str:
    return read_document(document_path(doc.document, SHARED)).text


@pytest.fixture(scope="module")
def reports(analyzer: Analyzer) -> dict[tuple[str, str], Report]:
    def analyse(doc: GoldDoc) -> tuple[str, list[Span], list[tuple[Triple, str]]]:
        text = _text(doc)
        analysis = analyzer.analyse(text, doc.language, published=doc.published)
        spans = [Span(m.start, m.end, m.node) for m in analysis.mentions]
        return text, spans, [(c.triple, c.date) for c in analysis.claims]

    result = evaluate(analyse, load_gold(GOLD), load_split(GOLD))
    print("\n" + format_reports(result, details=True))
    return result


def test_gold_files_are_consistent() -> None:
    docs = load_gold(GOLD)  # raises on a malformed file
    assert len(docs) == 37  # 7 older documents and the 30 dev passages of shared/corpus/dev
    assert {d.language for d in docs} == {"ar", "en", "fr"}
    assert {d.kind for d in docs} == set(KINDS)
    # Seven passages must yield no claim: four off-topic, three using "export" in another sense.
    assert sum(d.kind == "negative" for d in docs) == 7
    for doc in docs:
        assert gold_spans(_text(doc), doc.mentions)  # raises if a surface is missing


def test_split_is_the_fixed_rule_and_covers_every_document() -> None:
    docs = load_gold(GOLD)
    split = load_split(GOLD)
    assert split == split_rule(docs)
    for lang in ("ar", "en", "fr"):
        for part in ("dev", "heldout"):
            kinds = {d.kind for d in docs if d.language == lang and split[d.name] == part}
            assert "event" in kinds and "negative" in kinds, (lang, part)


@pytest.mark.parametrize("lang", ["ar", "en", "fr"])
def test_held_out_figures_do_not_drop(reports: dict[tuple[str, str], Report], lang: str) -> None:
    floor, held = FLOORS[lang], reports["heldout", lang]
    assert held.mentions.precision >= floor["mention_p"]
    assert held.mentions.recall >= floor["mention_r"]
    assert held.claims.precision >= floor["claim_p"]
    assert held.claims.recall >= floor["claim_r"]
    assert held.event_share >= floor["events"]


def test_no_claim_on_negative_documents(reports: dict[tuple[str, str], Report]) -> None:
    assert all(r.negatives for r in reports.values())
    assert {key: r.negative_claims for key, r in reports.items() if r.negative_claims} == {}
