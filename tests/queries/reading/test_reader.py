"""The one rows reader gives the same records whichever adapter it reads (the networkx view the
API serves from, or the store protocol a one-off command reads), on the full real graph."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from real_graph import real_graph_path

from queries.reading.reader import GraphReader
from queries.reading.source import NetworkxSource, StoreSource
from store.embedded import EmbeddedStore


@pytest.fixture(scope="module")
def readers() -> Iterator[tuple[GraphReader, GraphReader]]:
    with EmbeddedStore(real_graph_path(), read_only=True) as store:
        yield GraphReader(NetworkxSource(store)), GraphReader(StoreSource(store))


def test_both_adapters_give_the_same_records(readers: tuple[GraphReader, GraphReader]) -> None:
    from_view, from_store = readers
    assert from_view.revision() == from_store.revision()
    lists = from_view.lists()
    assert lists == from_store.lists()
    assert {info.id for info in lists} >= {"list:wassenaar:2025", "list:in:2024-09-02"}
    for info in lists:
        mine, theirs = from_view.entries(info.id), from_store.entries(info.id)
        # Entries compare by identity (memoised per revision): compare what they hold.
        assert [repr(e) for e in mine] == [repr(e) for e in theirs], info.id
    for method in (
        "countries",
        "regimes",
        "memberships",
        "technologies",
        "codes_of_conduct",
        "subscriptions",
        "parties",
        "party_issuers",
        "authorisations",
    ):
        assert getattr(from_view, method)() == getattr(from_store, method)(), method
    parties = [p.id for p in from_view.parties()[:50]]
    assert from_view.listings(parties) == from_store.listings(parties)


def test_records_are_read_once_per_revision(readers: tuple[GraphReader, GraphReader]) -> None:
    from_view, _ = readers
    assert from_view.entries("list:wassenaar:2025") is from_view.entries("list:wassenaar:2025")
    # The Wassenaar 2025 list holds 5.A.2.a (cryptographic information security), with its
    # parent 5.A.2 and a regime entry's status "active".
    codes = {e.canonical: e for e in from_view.entries("list:wassenaar:2025")}
    assert codes["5A002.a"].parent == "5A002"
    assert codes["5A002.a"].status == "active"
