"""The index reads the list editions a question needs, and keeps a bounded number of them.

On Neo4j the graph stays on the server and the index asks for one list edition's entries at a
time; so that the API's memory does not grow with the number of editions held, a divergence must
not read the editions it does not compare, and the tables kept are bounded (dropping one must not
change an answer).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from real_graph import real_graph_path

import queries.index
from queries.analyses import Analyses
from queries.reading.reader import GraphData, GraphReader
from queries.reading.records import EntryInfo
from queries.reading.source import StoreSource
from queries.requests import CoverageRequest, DivergenceRequest
from store.embedded import EmbeddedStore


class Counting:
    """The real graph's records, noting which list editions' entries were asked for."""

    def __init__(self, data: GraphData) -> None:
        self.data = data
        self.read: set[str] = set()

    def __getattr__(self, name: str) -> object:
        return getattr(self.data, name)

    def entries(self, list_id: str) -> list[EntryInfo]:
        self.read.add(list_id)
        return self.data.entries(list_id)


@pytest.fixture(scope="module")
def store() -> EmbeddedStore:
    return EmbeddedStore(Path(real_graph_path()), read_only=True)


def _analyses(store: EmbeddedStore) -> tuple[Analyses, Counting]:
    counting = Counting(GraphReader(StoreSource(store)))
    return Analyses(counting), counting  # type: ignore[arg-type]


def test_a_divergence_reads_only_the_editions_it_compares(store: EmbeddedStore) -> None:
    analyses, counting = _analyses(store)
    index = analyses.index
    older = {i.id for i in index.all_lists.values()} - {i.id for i in index.current_lists}
    # The real data holds older editions (Wassenaar and EU lists of earlier years), so the
    # check below can fail.
    assert older
    report = analyses.divergences(DivergenceRequest(jurisdiction=["US", "EU"]))
    assert report.items
    assert not counting.read & older, sorted(counting.read & older)


def test_when_an_entry_was_added_is_read_without_the_older_entries(
    store: EmbeddedStore,
) -> None:
    analyses, counting = _analyses(store)
    index = analyses.index
    ref = index.reference
    assert ref is not None
    editions = index.editions_of(ref)
    assert len(editions) > 1
    added = [
        e
        for e in index.entries(ref.id).values()
        if index.introduction(e)[0].id == ref.id and index.introduction(e)[1] is not None
    ]
    # Entries new in the newest Wassenaar edition held exist, and saying so did not need the
    # older edition's entries.
    assert added
    assert counting.read == {ref.id}
    # The walk back edition by edition (the entry timeline's) agrees.
    for e in added[:20]:
        assert index.previous(e) is None


@pytest.mark.parametrize(
    "ask",
    [
        lambda a: a.divergences(DivergenceRequest(jurisdiction=["US", "EU", "IN"])),
        lambda a: a.coverage(CoverageRequest()),
    ],
    ids=["divergences", "coverage"],
)
def test_answers_do_not_depend_on_how_many_editions_are_kept(
    store: EmbeddedStore, monkeypatch: pytest.MonkeyPatch, ask: object
) -> None:
    whole, _ = _analyses(store)
    expected = ask(whole)  # type: ignore[operator]
    monkeypatch.setattr(queries.index, "LIST_TABLES", 2)
    bounded, _ = _analyses(store)
    assert ask(bounded) == expected  # type: ignore[operator]
    assert len(bounded.index._tables) <= 2
