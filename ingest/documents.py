"""Documents into the graph: each file becomes one source edition, written atomically.

A document's source key is ``documents@<first 16 hex digits of its SHA-256>``: the Document
node, its MENTIONS edges, its Claim nodes and their ASSERTS/ABOUT edges belong to that key
alone. Re-ingesting the same file changes nothing; a file that cannot be read, or is in an
unsupported language, leaves the graph as it was.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import networkx as nx

from graph_schema import ids
from graph_schema.model import About, Asserts, Claim, Document, Edge, Mentions, Node
from graph_schema.provenance import Provenance
from ingest.nlp.language import UnsupportedLanguage, identify
from ingest.nlp.pipeline import Analysis, Analyzer
from ingest.nlp.reader import DEFAULT_MAX_BYTES, SUFFIXES, DocumentError, RawDocument, read_document
from store.base import GraphStore, SourceBatch, StoreError

SOURCE_ID = "documents"


@dataclass(frozen=True)
class DocumentOutcome:
    path: Path
    status: Literal["written", "unchanged", "unsupported", "failed"]
    key: str = ""
    document: str = ""
    language: str = ""
    message: str = ""
    counts: dict[str, int] | None = None
    seconds: float = 0.0


def collect(paths: Iterable[Path]) -> list[Path]:
    """Files to ingest: the files given, and the documents (txt, md, html) under directories."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(
                sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
            )
        else:
            found.append(path)
    return list(dict.fromkeys(found))


def edition(sha256: str) -> str:
    return sha256[:16]


def build_records(raw: RawDocument, analysis: Analysis) -> Iterator[Node | Edge]:
    """The Document node, its mentions and its claims, with provenance."""
    doc_id = ids.document_id(raw.sha256)
    prov = Provenance(
        source=SOURCE_ID, edition=edition(raw.sha256), file_sha256=raw.sha256, citation=raw.source
    )
    yield Document(
        id=doc_id,
        title=raw.title,
        language=analysis.language,
        published=raw.published,
        source=raw.source,
        file_sha256=raw.sha256,
        length=len(raw.text),
        text=raw.text,
        format=raw.format,
        provenance=prov,
    )
    for m in analysis.mentions:
        yield Mentions(
            source=doc_id,
            target=m.node,
            key=f"{m.start}",
            text=m.text,
            start=m.start,
            end=m.end,
            provenance=prov,
        )
    for c in analysis.claims:
        claim_id = f"claim:{edition(raw.sha256)}:" + ids.short_hash(
            c.subject, c.predicate, c.object, str(c.start)
        )
        claim_prov = prov.model_copy(update={"sentence": c.sentence})
        yield Claim(
            id=claim_id,
            subject=c.subject,
            predicate=c.predicate,
            object=c.object,
            subject_text=c.subject_text,
            object_text=c.object_text,
            qualifier=c.qualifier,
            sentence=c.sentence,
            start=c.start,
            end=c.end,
            document=doc_id,
            confidence=c.confidence,
            language=analysis.language,
            agreement=c.agreement,
            agreement_reason=c.agreement_reason,
            provenance=claim_prov,
        )
        yield Asserts(source=doc_id, target=claim_id, provenance=claim_prov)
        yield About(
            source=claim_id, target=c.subject, key="subject", role="subject", provenance=claim_prov
        )
        yield About(
            source=claim_id, target=c.object, key="object", role="object", provenance=claim_prov
        )


def document_batch(
    path: Path, analyzer: Analyzer, max_bytes: int = DEFAULT_MAX_BYTES
) -> tuple[SourceBatch, RawDocument, Analysis]:
    """Read, identify, analyse one file. Raises DocumentError or UnsupportedLanguage."""
    raw = read_document(path, max_bytes)
    guess = identify(raw.text)
    analysis = analyzer.analyse(raw.text, guess.language)
    records = list(build_records(raw, analysis))
    batch = SourceBatch(
        source_id=SOURCE_ID,
        edition=edition(raw.sha256),
        title=raw.title,
        issuer=None,
        official_url=raw.source if raw.source.startswith("http") else None,
        file_sha256=raw.sha256,
        nodes=[r.to_record() for r in records if isinstance(r, Node)],
        edges=[r.to_record() for r in records if isinstance(r, Edge)],
    )
    return batch, raw, analysis


def ingest_documents(
    store: GraphStore,
    paths: Sequence[Path],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    graph: nx.MultiDiGraph | None = None,
    analyzer: Analyzer | None = None,
    on_outcome: Callable[[DocumentOutcome], None] | None = None,
) -> list[DocumentOutcome]:
    """Ingest each document as its own atomic write; one failing does not stop the others."""
    files = collect(paths)
    if analyzer is None:
        analyzer = Analyzer(graph if graph is not None else store.to_networkx())
    outcomes: list[DocumentOutcome] = []
    for path in files:
        started = time.perf_counter()
        try:
            batch, raw, analysis = document_batch(path, analyzer, max_bytes)
            result = store.replace_source(batch)
        except UnsupportedLanguage as exc:
            outcome = DocumentOutcome(path, "unsupported", message=f"{path.name}: {exc}")
        except (DocumentError, StoreError) as exc:
            outcome = DocumentOutcome(path, "failed", message=str(exc))
        except OSError as exc:
            outcome = DocumentOutcome(path, "failed", message=f"{path.name}: {exc.strerror or exc}")
        else:
            counts = Counter([*(n.label for n in batch.nodes), *(e.type for e in batch.edges)])
            outcome = DocumentOutcome(
                path,
                result.status,
                key=batch.key,
                document=ids.document_id(raw.sha256),
                language=analysis.language,
                counts=dict(sorted(counts.items())),
                seconds=time.perf_counter() - started,
            )
        outcomes.append(outcome)
        if on_outcome is not None:
            on_outcome(outcome)
    return outcomes
