"""The pipeline against hand-made gold annotations, on the held-out part of the corpus.

The gold files (``gold/*.yaml``, conventions in ``gold/README.md``) were annotated by reading
the texts; ``gold/split.yaml`` splits them once into a dev part (the rules were developed on it)
and a held-out part. (Annotations only so far: the split and its floors come next.)
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
)
from ingest.nlp.pipeline import Analyzer
from ingest.nlp.reader import read_document


def _text(doc: GoldDoc) -> str:
    return read_document(document_path(doc.document, SHARED)).text


@pytest.fixture(scope="module")
def reports(analyzer: Analyzer) -> dict[tuple[str, str], Report]:
    def analyse(doc: GoldDoc) -> tuple[str, list[Span], list[Triple]]:
        text = _text(doc)
        analysis = analyzer.analyse(text, doc.language)
        spans = [Span(m.start, m.end, m.node) for m in analysis.mentions]
        return text, spans, [c.triple for c in analysis.claims]

    docs = load_gold(GOLD)
    result = evaluate(analyse, docs, {d.name: "dev" for d in docs})
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


def test_no_claim_on_negative_documents(reports: dict[tuple[str, str], Report]) -> None:
    assert all(r.negatives for r in reports.values())
    assert {key: r.negative_claims for key, r in reports.items() if r.negative_claims} == {}
