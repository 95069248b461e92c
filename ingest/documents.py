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
from dataclasses import asdict, dataclass, replace
from datetime import date
from pathlib import Path
from typing import Literal

import networkx as nx

from graph_schema import ids
from graph_schema.model import About, Asserts, Claim, Document, Edge, Mentions, Node
from graph_schema.provenance import Provenance
from ingest.nlp.language import UnsupportedLanguage, identify
from ingest.nlp.pipeline import Analyzer
from ingest.nlp.reader import DEFAULT_MAX_BYTES, SUFFIXES, DocumentError, RawDocument, read_document
from ingest.nlp.types import Analysis
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
        # The draft holds the claim's own fields; the node adds where it was read.
        yield Claim(
            **asdict(c),
            id=claim_id,
            document=doc_id,
            language=analysis.language,
            provenance=claim_prov,
        )
        yield Asserts(source=doc_id, target=claim_id, provenance=claim_prov)
        yield About(
            source=claim_id, target=c.subject, key="subject", role="subject", provenance=claim_prov
        )
        yield About(
            source=claim_id, target=c.object, key="object", role="object", provenance=claim_prov
        )


def document_key(raw: RawDocument) -> str:
    """The source key of a document: its bytes, whatever the file is called."""
    return f"{SOURCE_ID}@{edition(raw.sha256)}"


def document_batch(
    path: Path, analyzer: Analyzer, max_bytes: int = DEFAULT_MAX_BYTES
) -> tuple[SourceBatch, RawDocument, Analysis]:
    """Read, identify, analyse one file. Raises DocumentError or UnsupportedLanguage."""
    return analysed_batch(read_document(path, max_bytes), analyzer)


def analysed_batch(
    raw: RawDocument, analyzer: Analyzer
) -> tuple[SourceBatch, RawDocument, Analysis]:
    """Identify and analyse a document read. Raises UnsupportedLanguage."""
    guess = identify(raw.text)
    analysis = analyzer.analyse(raw.text, guess.language, published=raw.published)
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
    # A document is its bytes: a copy under another name (whose name would otherwise be its
    # source citation) is the document already held.
    held = {s.key for s in store.sources() if s.source_id == SOURCE_ID}
    for path in files:
        outcome = _ingest_one(store, path, analyzer, max_bytes, held)
        if outcome.status == "written":
            held.add(outcome.key)
        outcomes.append(outcome)
        if on_outcome is not None:
            on_outcome(outcome)
    return outcomes


def _ingest_one(
    store: GraphStore, path: Path, analyzer: Analyzer, max_bytes: int, held: set[str]
) -> DocumentOutcome:
    started = time.perf_counter()
    try:
        raw = read_document(path, max_bytes)
        if document_key(raw) in held:
            # Read again with the citation and date it is held with (both can come from the
            # file's name), so that only a change in what the analysis finds makes a write.
            doc = store.get_node(ids.document_id(raw.sha256))
            if doc is not None:
                held_on = doc.properties.get("published")
                raw = replace(
                    raw,
                    source=str(doc.properties.get("source") or raw.source),
                    published=date.fromisoformat(held_on) if held_on else None,
                )
        batch, raw, analysis = analysed_batch(raw, analyzer)
        result = store.replace_source(batch)
    except UnsupportedLanguage as exc:
        return DocumentOutcome(path, "unsupported", message=f"{path.name}: {exc}")
    except (DocumentError, StoreError) as exc:
        return DocumentOutcome(path, "failed", message=str(exc))
    except OSError as exc:
        return DocumentOutcome(path, "failed", message=f"{path.name}: {exc.strerror or exc}")
    counts = Counter([*(n.label for n in batch.nodes), *(e.type for e in batch.edges)])
    return DocumentOutcome(
        path,
        result.status,
        key=batch.key,
        document=ids.document_id(raw.sha256),
        language=analysis.language,
        counts=dict(sorted(counts.items())),
        seconds=time.perf_counter() - started,
    )
