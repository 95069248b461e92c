"""Ingest end to end on a real source: counts, idempotence, and bad files that change nothing."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from ingest import alignment as alignment_module
from ingest.registry import SourceDefinition, all_sources, get_source
from ingest.runner import (
    ALIGNMENT_ATTEMPTS,
    IngestError,
    alignment_stale,
    build_batch,
    ingest,
    ingest_alignment,
    ingest_file,
    locate,
)
from ingest.sources.base import CountRange
from store.base import GraphStore, SourceBatch
from store.embedded import EmbeddedStore

SOURCE = "us-country-groups"


def _state(store: EmbeddedStore) -> tuple[object, ...]:
    return list(store.nodes()), list(store.edges()), store.sources(), store.revision()


def _fake_source(tmp_path: Path, payload: bytes) -> Path:
    path = tmp_path / "country-groups.json"
    path.write_bytes(payload)
    return path


def test_every_source_folder_is_valid() -> None:
    sources = all_sources()
    assert SOURCE in sources
    for definition in sources.values():
        assert definition.meta.expected, f"{definition.meta.id} declares no count assertions"


def test_real_file_ingests_with_asserted_counts(embedded: EmbeddedStore, shared_data: Path) -> None:
    outcomes = ingest(embedded, [shared_data], only=[SOURCE])
    assert [(o.source_id, o.status) for o in outcomes] == [
        (SOURCE, "written"),
        ("alignment", "written"),
    ]
    assert outcomes[0].counts == {"CountryGroup": 14, "IN_GROUP": 497, "ISSUES": 14}
    record = next(s for s in embedded.sources() if s.source_id == SOURCE)
    assert record.key == "us-country-groups@2026-07-23"
    assert record.file_sha256 == get_source(SOURCE).meta.sha256


def test_reingesting_the_same_file_changes_nothing(
    embedded: EmbeddedStore, shared_data: Path
) -> None:
    ingest(embedded, [shared_data], only=[SOURCE])
    before = _state(embedded)
    outcomes = ingest(embedded, [shared_data], only=[SOURCE])
    assert [o.status for o in outcomes] == ["unchanged"]  # nothing changed: no re-alignment
    assert _state(embedded) == before


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        (b"", "checksum mismatch"),
        (b'{"groups": {"A:1": ["France"', "checksum mismatch"),
        (b"%PDF-1.7 not json", "checksum mismatch"),
    ],
)
def test_wrong_checksum_is_refused_before_parsing(
    embedded: EmbeddedStore, shared_data: Path, tmp_path: Path, payload: bytes, message: str
) -> None:
    ingest(embedded, [shared_data], only=[SOURCE])
    before = _state(embedded)
    with pytest.raises(IngestError, match=message):
        ingest_file(embedded, SOURCE, _fake_source(tmp_path, payload))
    assert _state(embedded) == before


def _with_checksum(tmp_path: Path, payload: bytes, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A file whose checksum the metadata accepts, to reach the parser and the assertions."""
    import hashlib

    path = _fake_source(tmp_path, payload)
    definition = get_source(SOURCE)
    meta = definition.meta.model_copy(update={"sha256": hashlib.sha256(payload).hexdigest()})
    monkeypatch.setitem(
        all_sources(), SOURCE, type(definition)(meta=meta, parse=definition.parse, folder="x")
    )
    return path


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        (b"", "is empty"),
        (b'{"groups": {"A:1": ["France"', "not valid JSON"),
        (b"\xff\xfe\x00garbage", "not UTF-8"),
        (b"[1, 2, 3]", "holds a JSON list"),
        (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
        (b'{"groups": {"A:1": "France"}}', "not a list of country names"),
        (b'{"groups": {"A:1": ["Atlantis"]}}', "unknown country name 'Atlantis'"),
        (b'{"groups": {"A:1": ["France"]}}', "expected 14..14 CountryGroup, found 1"),
    ],
)
def test_bad_content_gives_one_clear_line_and_no_change(
    embedded: EmbeddedStore,
    shared_data: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    payload: bytes,
    message: str,
) -> None:
    ingest(embedded, [shared_data], only=[SOURCE])
    before = _state(embedded)
    path = _with_checksum(tmp_path, payload, monkeypatch)
    with pytest.raises(IngestError, match=message) as info:
        ingest_file(embedded, SOURCE, path)
    assert "\n" not in str(info.value)
    assert _state(embedded) == before


def test_missing_file_is_skipped_unless_asked_for(embedded: EmbeddedStore, tmp_path: Path) -> None:
    outcomes = ingest(embedded, [tmp_path])
    by_id = {o.source_id: o for o in outcomes}
    assert by_id[SOURCE].status == "skipped"
    assert "not found" in by_id[SOURCE].message
    explicit = ingest(embedded, [tmp_path], only=[SOURCE])[0]
    assert explicit.status == "failed"


def test_unknown_source_id(embedded: EmbeddedStore, tmp_path: Path) -> None:
    outcome = ingest(embedded, [tmp_path], only=["no-such-source"])[0]
    assert outcome.status == "failed"
    assert "unknown source 'no-such-source'" in outcome.message


def test_locate_searches_directories_in_order(tmp_path: Path, shared_data: Path) -> None:
    meta = get_source(SOURCE).meta
    first = tmp_path / "a"
    (first / "us").mkdir(parents=True)
    shutil.copy(shared_data / meta.file, first / meta.file)
    assert locate(meta, [first, shared_data]) == first / meta.file
    assert locate(meta, [tmp_path / "none"]) is None


def test_build_batch_is_deterministic(shared_data: Path) -> None:
    definition = get_source(SOURCE)
    path = shared_data / definition.meta.file
    one, _ = build_batch(definition, path)
    two, _ = build_batch(definition, path)
    assert one.digest() == two.digest()
    assert json.dumps([n.id for n in one.nodes]) == json.dumps([n.id for n in two.nodes])


def test_counts_in_the_sources_own_units() -> None:
    """The CCL JSON holds 633 ECCNs (its README and its own count), 2,578 entries in all."""
    from helpers import need_shared_data

    from ingest.runner import unit_summary

    definition = get_source("us-ccl")
    batch, counts = build_batch(definition, need_shared_data() / definition.meta.file)
    assert unit_summary(definition.meta, batch, counts) == "633 ECCNs, 2,578 entries"
    # 'items' is asserted like any count: a copy missing ECCNs is refused.
    strict = definition.meta.model_copy(
        update={"expected": {**definition.meta.expected, "items": CountRange(min=640, max=700)}}
    )
    with pytest.raises(IngestError, match=r"expected 640\.\.700 items, found 633"):
        build_batch(
            SourceDefinition(strict, definition.parse, definition.folder),
            need_shared_data() / definition.meta.file,
        )


def test_a_source_written_without_its_alignment_gets_it_at_the_next_ingest(
    embedded: EmbeddedStore, shared_data: Path
) -> None:
    # The window a killed ingest leaves: a source is written, the alignment is not rebuilt.
    ingest(embedded, [shared_data], only=[SOURCE])
    other = "us-ccl"
    found = locate(get_source(other).meta, [shared_data])
    assert found is not None
    assert ingest_file(embedded, other, found).status == "written"
    assert alignment_stale(embedded)
    # Nothing to write, yet the alignment is rebuilt from what the graph now holds ...
    outcomes = ingest(embedded, [shared_data], only=[SOURCE])
    assert [(o.source_id, o.status) for o in outcomes] == [
        (SOURCE, "unchanged"),
        ("alignment", "written"),
    ]
    assert not alignment_stale(embedded)
    assert any(e.type == "ORIGIN" and e.source.startswith("entry:us:") for e in embedded.edges())
    # ... once.
    outcomes = ingest(embedded, [shared_data], only=[SOURCE])
    assert [o.status for o in outcomes] == ["unchanged"]


def test_an_alignment_computed_while_the_graph_moved_is_computed_again(
    embedded: EmbeddedStore, shared_data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The alignment reads the graph over many queries. Here another writer lands a list
    # between its reads and its write: what it computed describes a graph that no longer is.
    ingest(embedded, [shared_data], only=[SOURCE])
    found = locate(get_source("us-ccl").meta, [shared_data])
    assert found is not None
    real = alignment_module.alignment_batch
    calls: list[int] = []

    def interleaved(store: GraphStore) -> SourceBatch:
        batch = real(store)
        calls.append(store.revision())
        if len(calls) == 1:
            assert ingest_file(store, "us-ccl", found).status == "written"
        return batch

    monkeypatch.setattr(alignment_module, "alignment_batch", interleaved)
    assert ingest_alignment(embedded).status == "written"
    assert len(calls) == 2 and calls[1] > calls[0]
    # What was written is derived from the graph as it now is, US list included.
    assert not alignment_stale(embedded)
    assert any(e.type == "ORIGIN" and e.source.startswith("entry:us:") for e in embedded.edges())


def test_an_alignment_that_never_sees_a_still_graph_is_not_written(
    embedded: EmbeddedStore, shared_data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ingest(embedded, [shared_data], only=[SOURCE])
    before = _state(embedded)
    real = alignment_module.alignment_batch
    moves = iter(range(ALIGNMENT_ATTEMPTS))

    def always_moving(store: GraphStore) -> SourceBatch:
        batch = real(store)
        embedded._conn.execute(  # a writer that bumps the revision each time
            "UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key='revision'"
        )
        embedded._conn.commit()
        next(moves)
        return batch

    monkeypatch.setattr(alignment_module, "alignment_batch", always_moving)
    with pytest.raises(IngestError, match="graph changed while the alignment was computed"):
        ingest_alignment(embedded)
    nodes, edges, sources, _ = _state(embedded)
    assert (nodes, edges, sources) == before[:3]
