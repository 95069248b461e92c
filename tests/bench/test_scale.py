"""The scale benchmark's synthetic editions: copies of a real list under new ids and older dates,
which leave the real edition the current one and the store's ownership rules satisfied."""

from __future__ import annotations

from pathlib import Path

from helpers import country_batch, sample_batch

from bench.scale import synthetic_edition
from queries.reading.names import Names
from queries.reading.reader import GraphReader
from queries.reading.source import StoreSource
from store.embedded import EmbeddedStore


def test_a_synthetic_edition_is_an_older_copy_under_its_own_ids() -> None:
    real = sample_batch()
    copy = synthetic_edition(real, 2)
    assert copy is not None
    assert copy.key == "sample-list@2025-synthetic-2"
    lists = [n for n in copy.nodes if n.label == "ControlList"]
    assert [n.id for n in lists] == ["list:sample:2025-synthetic-2"]
    assert lists[0].properties["edition"] == "2025-synthetic-2"
    # Two years of 365 days before the real edition's 2025-12-04.
    assert lists[0].properties["edition_date"] == "2023-12-05"
    entries = sorted(n.id for n in copy.nodes if n.label == "ControlEntry")
    assert entries == [
        "entry:sample:2025-synthetic-2:5A001",
        "entry:sample:2025-synthetic-2:5A001.j",
    ]
    assert not {n.id for n in copy.nodes} & {n.id for n in real.nodes}
    assert not {e.id for e in copy.edges} & {e.id for e in real.edges}
    assert sorted(e.type for e in copy.edges) == ["CONTAINS", "CONTAINS", "ISSUES", "PARENT_OF"]
    issues = next(e for e in copy.edges if e.type == "ISSUES")
    assert (issues.source, issues.target) == ("regime:wassenaar", "list:sample:2025-synthetic-2")


def test_a_batch_without_a_list_has_no_synthetic_edition() -> None:
    assert synthetic_edition(country_batch(), 1) is None


def test_the_real_edition_stays_current(tmp_path: Path) -> None:
    real = sample_batch()
    with EmbeddedStore(tmp_path / "g.sqlite") as store:
        store.replace_source(real)
        for n in (1, 2):
            copy = synthetic_edition(real, n)
            assert copy is not None
            assert store.replace_source(copy).status == "written"
        names = Names(GraphReader(StoreSource(store)))
        assert len(names.all_lists) == 3
        assert [info.id for info in names.current_lists] == ["list:sample:2025"]
