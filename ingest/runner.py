"""Ingest: locate a source's file, verify it, parse it, check it, write it atomically.

Nothing reaches the store until the whole edition has been parsed and has passed its
assertions; the store then replaces that edition in one transaction. Any failure on the way
leaves the graph as it was.
"""

from __future__ import annotations

import gc
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import ValidationError

from graph_schema.model import ControlEntry, Edge, Node, Record
from ingest.checksum import sha256_path
from ingest.fetch import expected_digest
from ingest.reference.loader import ReferenceDataError, reference_batch
from ingest.registry import SourceDefinition, all_sources, get_source
from ingest.sources.base import ParseError, SourceMeta
from store.base import GraphStore, RevisionMoved, SourceBatch, StoreError

REFERENCE = "reference"
ALIGNMENT = "alignment"


class IngestError(RuntimeError):
    """One source could not be ingested; the message is one line and says why."""


@dataclass(frozen=True)
class Outcome:
    source_id: str
    key: str
    status: Literal["written", "unchanged", "skipped", "failed"]
    message: str = ""
    counts: dict[str, int] | None = None
    seconds: float = 0.0
    #: The counts in the source's own units ("633 ECCNs, 2,578 entries"), when it names them.
    summary: str = ""


def locate(meta: SourceMeta, search: Sequence[Path]) -> Path | None:
    """The source's file in the first directory that has it."""
    for directory in search:
        candidate = directory / meta.file
        if candidate.is_dir() if meta.format == "folder" else candidate.is_file():
            return candidate
    return None


def verify(meta: SourceMeta, path: Path) -> SourceMeta:
    """Check the file's checksum; return the metadata carrying the digest actually read."""
    actual = sha256_path(path)
    expected = expected_digest(meta, path)
    if expected is not None and actual != expected:
        raise IngestError(
            f"{meta.id}: checksum mismatch for {path.name} (expected {expected[:12]}..., "
            f"got {actual[:12]}...): the file is corrupt or not the {meta.edition} edition"
        )
    # A recorded-checksum source read without its fetch record: provenance keeps what was read.
    return meta if meta.sha256 == actual else meta.model_copy(update={"sha256": actual})


def count_records(records: Iterable[Record]) -> dict[str, int]:
    counter: Counter[str] = Counter()
    for record in records:
        counter[record.LABEL if isinstance(record, Node) else record.TYPE] += 1
    return dict(sorted(counter.items()))


def check_expectations(meta: SourceMeta, counts: dict[str, int]) -> None:
    """Every count the metadata expects; 'items' (top-level entries) only where it was counted
    (``build_batch`` counts it; label and edge counts alone cannot tell it)."""
    for name, expected in meta.expected.items():
        if name == "items" and name not in counts:
            continue
        found = counts.get(name, 0)
        if not expected.min <= found <= expected.max:
            raise IngestError(
                f"{meta.id}: expected {expected.min}..{expected.max} {name}, found {found}: "
                "the file may be truncated or a different edition; nothing was written"
            )


def build_batch(definition: SourceDefinition, path: Path) -> tuple[SourceBatch, dict[str, int]]:
    """Parse and check one source file into a batch, without touching any store."""
    meta = verify(definition.meta, path)
    try:
        records = list(definition.parse(path, meta))
    except ParseError as exc:
        raise IngestError(f"{meta.id}: cannot parse {path.name}: {exc}") from exc
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise IngestError(
            f"{meta.id}: invalid record from {path.name}: {where}: {first['msg']}"
        ) from exc
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise IngestError(
            f"{meta.id}: cannot parse {path.name}: {type(exc).__name__}: {exc}"
        ) from exc
    counts = count_records(records)
    # 'items' (a list's top-level entries: ECCNs, ML headings) may be asserted too.
    items = sum(1 for r in records if isinstance(r, ControlEntry) and r.level == 0)
    check_expectations(meta, {**counts, "items": items})
    batch = SourceBatch(
        source_id=meta.id,
        edition=meta.edition,
        title=meta.title,
        issuer=meta.issuer,
        official_url=meta.official_url,
        file_sha256=meta.sha256,
        nodes=[r.to_record() for r in records if isinstance(r, Node)],
        edges=[r.to_record() for r in records if isinstance(r, Edge)],
    )
    return batch, counts


def unit_summary(meta: SourceMeta, batch: SourceBatch, counts: dict[str, int]) -> str:
    """The counts named as ``meta.units`` says ('items' = the list's top-level entries)."""
    if not meta.units:
        return ""
    found = dict(counts)
    found["items"] = sum(
        1 for n in batch.nodes if n.label == "ControlEntry" and n.properties.get("level") == 0
    )
    return ", ".join(
        f"{found.get(key, 0):,} {unit}" for key, unit in meta.units.items() if key in found
    )


def write(
    store: GraphStore,
    source_id: str,
    batch: SourceBatch,
    counts: dict[str, int],
    started: float,
    summary: str = "",
    expect_revision: int | None = None,
) -> Outcome:
    try:
        result = store.replace_source(batch, expect_revision=expect_revision)
    except RevisionMoved:
        raise
    except StoreError as exc:
        raise IngestError(f"{source_id}: {exc}") from exc
    return Outcome(
        source_id=source_id,
        key=batch.key,
        status=result.status,
        counts=counts,
        seconds=time.perf_counter() - started,
        summary=summary,
    )


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a large, acyclic structure is built: one
    source's build and write, the alignment, the server's view of the graph.

    Such builds make hundreds of thousands of objects (records, rows, JSON strings, graph
    attributes); the collector would walk the whole growing heap again and again for nothing
    (measured: a quarter of full-ingest time). Reference counting still frees them.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def ingest_reference(store: GraphStore) -> Outcome:
    started = time.perf_counter()
    try:
        batch = reference_batch()
    except ReferenceDataError as exc:
        raise IngestError(f"{REFERENCE}: {exc}") from exc
    counts = dict(
        sorted(Counter([*(n.label for n in batch.nodes), *(e.type for e in batch.edges)]).items())
    )
    return write(store, REFERENCE, batch, counts, started)


def alignment_stale(store: GraphStore) -> bool:
    """Is the derived alignment missing, or derived from other sources or code than now?"""
    from ingest.alignment import derivation_digest

    held = [s for s in store.sources() if s.source_id == ALIGNMENT]
    return not held or held[0].file_sha256 != derivation_digest(store)


#: How often the alignment is computed again when the graph moved while it was computed.
ALIGNMENT_ATTEMPTS = 3


def ingest_alignment(store: GraphStore) -> Outcome:
    """Rebuild the derived alignment from what the graph now holds.

    Its reads span many queries, so it is written only if the graph is still at the revision
    it started from; a concurrent write makes it start again (the other writer's own rebuild
    may make that unnecessary, which the digest then shows as "unchanged").
    """
    from ingest.alignment import alignment_batch

    started = time.perf_counter()
    for _ in range(ALIGNMENT_ATTEMPTS):
        revision = store.revision()
        with collector_paused():
            batch = alignment_batch(store)
            counts = dict(sorted(Counter(e.type for e in batch.edges).items()))
            try:
                return write(store, ALIGNMENT, batch, counts, started, expect_revision=revision)
            except RevisionMoved:
                continue
    raise IngestError(
        f"{ALIGNMENT}: the graph changed while the alignment was computed, "
        f"{ALIGNMENT_ATTEMPTS} times; run 'harmonia ingest' again when writes settle"
    )


def bring_derived_up_to_date(store: GraphStore) -> Outcome | None:
    """Rebuild derived data whose inputs changed since it was derived (None: it is current).

    Called at ingest, when a store is opened by the client, and by the server before serving:
    a crash between a source's write and its rebuild must not leave the alignment wrong.
    """
    if not alignment_stale(store):
        return None
    return ingest_alignment(store)


def ingest_file(store: GraphStore, source_id: str, path: Path) -> Outcome:
    """Ingest one source from an explicit file."""
    started = time.perf_counter()
    definition = get_source(source_id)
    with collector_paused():
        batch, counts = build_batch(definition, path)
        summary = unit_summary(definition.meta, batch, counts)
        return write(store, source_id, batch, counts, started, summary)


def ingest(
    store: GraphStore,
    search: Sequence[Path],
    only: Sequence[str] | None = None,
    on_outcome: Callable[[Outcome], None] | None = None,
) -> list[Outcome]:
    """Ingest the reference data and every source whose file is found (or just ``only``).

    A source named in ``only`` whose file is missing is a failure; otherwise it is skipped.
    Each source is its own atomic write: one failing does not undo the others. When anything
    changed, or the derived alignment (``alignment@current``) is stale (derived from other
    sources or code than now: an ingest killed before it, a new Harmonia), it is rebuilt last.
    """
    wanted = list(only) if only else [REFERENCE, *all_sources()]
    outcomes: list[Outcome] = []
    for source_id in wanted:
        outcome = _one(store, source_id, search, explicit=bool(only))
        outcomes.append(outcome)
        if on_outcome is not None:
            on_outcome(outcome)
    try:
        rebuilt = bring_derived_up_to_date(store)
    except IngestError as exc:
        rebuilt = Outcome(ALIGNMENT, f"{ALIGNMENT}@current", "failed", str(exc))
    if rebuilt is not None:
        outcomes.append(rebuilt)
        if on_outcome is not None:
            on_outcome(rebuilt)
    return outcomes


def _one(store: GraphStore, source_id: str, search: Sequence[Path], explicit: bool) -> Outcome:
    if source_id == REFERENCE:
        try:
            return ingest_reference(store)
        except IngestError as exc:
            return Outcome(source_id, f"{REFERENCE}@current", "failed", str(exc))
    try:
        definition = get_source(source_id)
    except KeyError as exc:
        return Outcome(source_id, source_id, "failed", str(exc.args[0]))
    meta = definition.meta
    path = locate(meta, search)
    if path is None:
        where = ", ".join(str(d) for d in search) or "no directory given"
        message = f"{meta.file} not found in {where}"
        return Outcome(source_id, meta.key, "failed" if explicit else "skipped", message)
    try:
        return ingest_file(store, source_id, path)
    except IngestError as exc:
        return Outcome(source_id, meta.key, "failed", str(exc))
