"""Changes between two editions of one list, on a controlled pair of editions: the real 2025
Wassenaar batch and a made-up older edition written beside it (the 2025 batch with ECAD (3.D.6)
taken out, one text edited, one entry added that 2025 no longer has, and 3.A.3 filed under
another code), then the edition concordance derived as at every ingest. The real editions
(Wassenaar 2021 -> 2025, EU 2021 -> 2022 -> 2025) are tested in test_changes_real.py."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from helpers import need_shared_data
from real_graph import shared_analyses

from graph_schema import ids
from graph_schema.model import EdgeRecord, NodeRecord
from ingest.registry import get_source
from ingest.runner import build_batch, ingest_alignment, ingest_reference
from queries.analyses import Analyses
from queries.errors import InvalidQuery, NotFound
from queries.requests import ChangesRequest, build
from store.base import SourceBatch
from store.embedded import EmbeddedStore

NEW, OLD = "list:wassenaar:2025", "list:wassenaar:2024"
#: 3.A.3 (spray cooling) is filed as 3.A.99 in the made-up older edition: a renumbering.
MOVED_FROM, MOVED_TO = "3A099", "3A003"


@pytest.fixture(scope="module")
def analyses() -> Analyses:
    return shared_analyses()


def _rename(value: Any) -> Any:
    if isinstance(value, str):
        return value.replace("list:wassenaar:2025", OLD).replace(
            "entry:wassenaar:2025:", "entry:wassenaar:2024:"
        )
    return value


def older_edition(batch: SourceBatch) -> SourceBatch:
    """The batch as a 2024 edition: new ids, 3D006 removed, 5A001.j edited, 9A999 added."""
    nodes: list[NodeRecord] = []
    for n in batch.nodes:
        props = dict(n.properties)
        if n.label == "ControlEntry":
            if props["canonical"].startswith("3D006"):
                continue
            props["list_id"] = OLD
            if props["canonical"] == "5A001.j":
                props["text"] = props["text"].replace("Internet Protocol (IP) network", "network")
            if props["canonical"] == MOVED_TO:
                props.update(canonical=MOVED_FROM, code="3.A.99")
                nodes.append(
                    NodeRecord(id=ids.entry_id(OLD, MOVED_FROM), label=n.label, properties=props)
                )
                continue
        if n.label == "ControlList":
            props.update(edition="2024", edition_date="2024-12-05")
        nodes.append(NodeRecord(id=_rename(n.id), label=n.label, properties=props))
    extra = ids.entry_id(OLD, "9A999")
    nodes.append(
        NodeRecord(
            id=extra,
            label="ControlEntry",
            properties={
                **next(n for n in batch.nodes if n.id.endswith(":9A012")).properties,
                "list_id": OLD,
                "code": "9.A.999",
                "canonical": "9A999",
                "text": "An entry the 2025 edition dropped.",
            },
        )
    )
    kept = {n.id for n in nodes}
    moved = {ids.entry_id(OLD, MOVED_TO): ids.entry_id(OLD, MOVED_FROM)}
    edges: list[EdgeRecord] = []
    for e in batch.edges:
        source, target = _rename(e.source), _rename(e.target)
        source, target = moved.get(source, source), moved.get(target, target)
        if (source not in kept and source.startswith("entry:")) or target not in kept:
            continue
        edge_id = ids.edge_id(e.type, source, target, str(e.properties.get("key", "")))
        edges.append(
            EdgeRecord(
                id=edge_id, type=e.type, source=source, target=target, properties=e.properties
            )
        )
    edges.append(
        EdgeRecord(
            id=ids.edge_id("CONTAINS", OLD, extra),
            type="CONTAINS",
            source=OLD,
            target=extra,
            properties={"key": ""},
        )
    )
    return SourceBatch(
        source_id=batch.source_id,
        edition="2024",
        title=batch.title,
        issuer=batch.issuer,
        nodes=nodes,
        edges=edges,
    )


@pytest.fixture(scope="module")
def two_editions(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Analyses]:
    path: Path = tmp_path_factory.mktemp("changes") / "graph.sqlite"
    definition = get_source("wassenaar-list")
    batch, _ = build_batch(definition, need_shared_data() / definition.meta.file)
    with EmbeddedStore(path) as store:
        ingest_reference(store)
        store.replace_source(batch)
        assert store.replace_source(older_edition(batch)).status == "written"
        ingest_alignment(store)
    store = EmbeddedStore(path, read_only=True)
    yield Analyses(store)
    store.close()


def test_two_editions_are_held(two_editions: Analyses) -> None:
    editions = {(x.list_id, x.current) for x in two_editions.lists(issuer="wassenaar")}
    assert editions == {(NEW, True), (OLD, False)}
    assert two_editions.list_detail(NEW).other_editions == [OLD]


def test_added_removed_changed(two_editions: Analyses) -> None:
    report = two_editions.changes(ChangesRequest(after=NEW))  # the edition held just before: 2024
    assert report.before.list_id == OLD and report.after.list_id == NEW
    assert report.before.edition_date == date(2024, 12, 5)
    by_code = {r.canonical: r for r in report.items}
    assert {"3D006", "3D006.a", "3D006.b"} <= {c for c, r in by_code.items() if r.change == "added"}
    assert by_code["3D006"].after is not None and "ECAD" in by_code["3D006"].after.text
    assert by_code["9A999"].change == "removed"
    assert by_code["9A999"].before is not None
    changed = by_code["5A001.j"]
    assert changed.change == "changed"
    assert changed.fields == ["text"]
    assert any(line.startswith("+") and "Internet Protocol (IP)" in line for line in changed.diff)
    assert any(
        line.startswith("-") and "Internet Protocol" not in line
        for line in changed.diff
        if not line.startswith("---")
    )
    assert "between the 2024 and 2025 editions" in changed.reason
    moved = by_code[MOVED_TO]
    assert moved.change == "renumbered"
    assert moved.before is not None and moved.before.canonical == MOVED_FROM
    assert moved.after is not None and moved.after.canonical == MOVED_TO
    assert "3.A.99 of the 2024 edition is 3.A.3 in the 2025 edition" in moved.reason
    assert report.counts == {"added": 3, "removed": 1, "renumbered": 1, "changed": 1}
    assert report.total == 6
    # Per category: ECAD and spray cooling are category 3, 5.A.1.j 5, the dropped 9.A.999 9.
    by_category = {"3": {"added": 3, "renumbered": 1}, "5": {"changed": 1}, "9": {"removed": 1}}
    assert report.categories == by_category
    # Over all pages, whatever the page shown.
    assert two_editions.changes(ChangesRequest(after=NEW), limit=1).categories == by_category


def test_timeline_follows_the_renumbering(two_editions: Analyses) -> None:
    timeline = two_editions.timeline(ids.entry_id(NEW, MOVED_TO))
    steps = [
        (s.edition.list_id, s.entry.canonical if s.entry else None, s.change)
        for s in timeline.steps
    ]
    assert steps == [(OLD, MOVED_FROM, "first-held"), (NEW, MOVED_TO, "renumbered")]
    added = two_editions.timeline(ids.entry_id(NEW, "3D006"))
    assert [s.change for s in added.steps] == ["absent", "added"]
    dropped = two_editions.timeline(ids.entry_id(OLD, "9A999"))
    assert [s.change for s in dropped.steps] == ["first-held", "absent"]
    with pytest.raises(NotFound):
        two_editions.timeline("entry:wassenaar:2025:9A998")


def test_filters_and_order(two_editions: Analyses) -> None:
    only = two_editions.changes(
        ChangesRequest(after=NEW, before=OLD, code_prefix="3D006", change=["added"])
    )
    assert [r.canonical for r in only.items] == ["3D006", "3D006.a", "3D006.b"]
    with pytest.raises(InvalidQuery, match="newer than 'after'"):
        two_editions.changes(ChangesRequest(after=OLD, before=NEW))


def test_change_errors(two_editions: Analyses, analyses: Analyses) -> None:
    with pytest.raises(NotFound, match="no earlier edition"):
        two_editions.changes(ChangesRequest(after=OLD))
    with pytest.raises(NotFound, match="no earlier edition of list:eu:2021"):
        analyses.changes(ChangesRequest(after="list:eu:2021"))
    with pytest.raises(InvalidQuery, match="not editions of one list"):
        analyses.changes(ChangesRequest(after="list:eu:2021", before="list:no:2021"))
    with pytest.raises(InvalidQuery):
        two_editions.changes(ChangesRequest(after=NEW, before=NEW))
    with pytest.raises(InvalidQuery, match="change 'moved'"):
        two_editions.changes(build(ChangesRequest, after=NEW, change=["moved"]))
