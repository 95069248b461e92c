"""The rows reader: every record the analyses read, written once over a :class:`GraphSource`.

The analyses (coverage, divergence, gaps, changes, search, profiles) are written over the
:class:`GraphData` protocol. :class:`GraphReader` answers it from any :class:`GraphSource`
(the networkx view or the store protocol), caching each record set per graph version; the Neo4j
implementation in ``queries.reading.neo4j`` answers it with the parameterised Cypher files of
``queries/cypher``. All return the same records, so the analyses give the same answers.
"""

from __future__ import annotations

import threading
from collections import OrderedDict, defaultdict
from collections.abc import Callable
from typing import Any, Protocol, TypeVar

from queries.reading.records import (
    AuthorisationInfo,
    CodeInfo,
    CountryInfo,
    CoverInfo,
    EntryInfo,
    ImplementerInfo,
    ImplInfo,
    ListInfo,
    ListingInfo,
    MemberInfo,
    PartyInfo,
    RegimeInfo,
    SubscriptionInfo,
    TechInfo,
    authorisations_from_edges,
    code_info,
    country_info,
    cover_info,
    entry_info,
    impl_info,
    list_info,
    listing_info,
    member_info,
    next_info,
    origin_info,
    party_info,
    regime_info,
    same_controls,
    subscription_info,
    tech_info,
)
from queries.reading.source import Edge, GraphSource

T = TypeVar("T")


class GraphData(Protocol):
    """Everything the analyses read. Results are stable for one revision."""

    def revision(self) -> int: ...

    def lists(self) -> list[ListInfo]: ...

    def entries(self, list_id: str) -> list[EntryInfo]: ...

    def implementers(self, target_id: str) -> list[ImplementerInfo]:
        """Entries of every list edition (``IMPLEMENTS``) implementing one regime entry,
        ordered by list and entry."""
        ...

    def earlier_editions(self, list_id: str) -> dict[str, list[str]]:
        """For the entries of one list edition that earlier editions held: the ids of those
        editions (``NEXT_EDITION`` followed back, through renumberings)."""
        ...

    def countries(self) -> list[CountryInfo]: ...

    def regimes(self) -> list[RegimeInfo]: ...

    def memberships(self) -> list[MemberInfo]: ...

    def technologies(self) -> list[TechInfo]: ...

    def codes_of_conduct(self) -> list[CodeInfo]: ...

    def subscriptions(self) -> list[SubscriptionInfo]: ...

    def parties(self) -> list[PartyInfo]: ...

    def listings(self, party_ids: list[str]) -> list[ListingInfo]: ...

    def party_issuers(self) -> list[str]: ...

    def authorisations(self) -> list[AuthorisationInfo]: ...


class RevisionCache:
    """Values computed once per graph revision (thread-safe; the API serves from threads).

    With a ``limit``, only that many values are kept, the least recently used dropped first:
    a reader whose graph lives elsewhere (Neo4j) then holds a bounded share of it however many
    editions the graph has.
    """

    def __init__(self, limit: int | None = None) -> None:
        self._lock = threading.RLock()
        self._limit = limit
        self._revision: object = None
        self._values: OrderedDict[str, Any] = OrderedDict()

    def get(self, revision: object, key: str, compute: Callable[[], T]) -> T:
        with self._lock:
            if revision is not self._revision and revision != self._revision:
                self._revision = revision
                self._values = OrderedDict()
            if key in self._values:
                self._values.move_to_end(key)
            else:
                self._values[key] = compute()
                if self._limit is not None and len(self._values) > self._limit:
                    self._values.popitem(last=False)
            value: T = self._values[key]
            return value


def _listings_by_party(edges: list[Edge]) -> dict[str, list[ListingInfo]]:
    out: dict[str, list[ListingInfo]] = defaultdict(list)
    for u, v, d in edges:
        out[v].append(listing_info(u, v, d))
    return {
        k: sorted(ls, key=lambda x: (x.issuer, x.list_name, str(x.date))) for k, ls in out.items()
    }


class GraphReader:
    """:class:`GraphData` over one :class:`GraphSource`, cached per graph version."""

    def __init__(self, source: GraphSource) -> None:
        self.source = source
        self._cache = RevisionCache()

    def revision(self) -> int:
        return self.source.revision()

    def _get(self, key: str, compute: Callable[[], T]) -> T:
        return self._cache.get(self.source.version(), key, compute)

    def _nodes(self, label: str) -> list[tuple[str, dict[str, Any]]]:
        return self._get(f"nodes:{label}", lambda: self.source.nodes(label))

    def _edges(self, edge_type: str) -> list[Edge]:
        return self._get(f"edges:{edge_type}", lambda: self.source.edges(edge_type))

    def lists(self) -> list[ListInfo]:
        def build() -> list[ListInfo]:
            issuer = {v: u for u, v, _ in self._edges("ISSUES")}
            return [list_info(n, d, issuer.get(n)) for n, d in self._nodes("ControlList")]

        return self._get("lists", build)

    def _all_entries(self) -> dict[str, list[EntryInfo]]:
        def build() -> dict[str, list[EntryInfo]]:
            impls: dict[str, list[ImplInfo]] = defaultdict(list)
            for u, v, d in self._edges("IMPLEMENTS"):
                impls[u].append(impl_info(v, d))
            origins = {u: origin_info(v, d) for u, v, d in self._edges("ORIGIN")}
            covers: dict[str, list[CoverInfo]] = defaultdict(list)
            for u, v, d in self._edges("COVERS"):
                covers[u].append(cover_info(v, d))
            following = {u: next_info(v, d) for u, v, d in self._edges("NEXT_EDITION")}
            same = same_controls(self._edges("SAME_CONTROL"))
            like = same_controls(self._edges("SAME_CONTROL"), "other")
            contained = {v: u for u, v, _ in self._edges("CONTAINS")}
            out: dict[str, list[EntryInfo]] = defaultdict(list)
            for n, d in self._nodes("ControlEntry"):
                entry = entry_info(
                    n,
                    d,
                    impls.get(n, []),
                    origins.get(n),
                    covers.get(n, []),
                    following.get(n),
                    same.get(n),
                    like.get(n),
                )
                out[contained.get(n, entry.list_id)].append(entry)
            return {k: sorted(v, key=lambda e: e.canonical) for k, v in out.items()}

        return self._get("entries", build)

    def entries(self, list_id: str) -> list[EntryInfo]:
        return self._all_entries().get(list_id, [])

    def _list_of(self) -> dict[str, str]:
        return self._get(
            "list_of",
            lambda: {e.id: k for k, es in self._all_entries().items() for e in es},
        )

    def implementers(self, target_id: str) -> list[ImplementerInfo]:
        def build() -> dict[str, list[ImplementerInfo]]:
            list_of = self._list_of()
            out: dict[str, list[ImplementerInfo]] = defaultdict(list)
            for u, v, d in self._edges("IMPLEMENTS"):
                if u in list_of:
                    out[v].append(ImplementerInfo(u, list_of[u], impl_info(v, d)))
            return {k: sorted(x, key=lambda i: (i.list_id, i.entry_id)) for k, x in out.items()}

        return self._get("implementers", build).get(target_id, [])

    def earlier_editions(self, list_id: str) -> dict[str, list[str]]:
        def build() -> dict[str, list[str]]:
            before: dict[str, list[str]] = defaultdict(list)
            for u, v, _ in self._edges("NEXT_EDITION"):
                before[v].append(u)
            list_of = self._list_of()
            out: dict[str, list[str]] = {}
            for e in self.entries(list_id):
                seen: set[str] = set()
                todo = list(before.get(e.id, []))
                while todo:
                    older = todo.pop()
                    if older not in seen:
                        seen.add(older)
                        todo.extend(before.get(older, []))
                held = sorted({list_of[o] for o in seen if o in list_of})
                if held:
                    out[e.id] = held
            return out

        return self._get(f"earlier:{list_id}", build)

    def countries(self) -> list[CountryInfo]:
        return self._get(
            "countries", lambda: [country_info(n, d) for n, d in self._nodes("Country")]
        )

    def regimes(self) -> list[RegimeInfo]:
        return self._get("regimes", lambda: [regime_info(n, d) for n, d in self._nodes("Regime")])

    def memberships(self) -> list[MemberInfo]:
        return self._get(
            "memberships",
            lambda: sorted(
                (member_info(u, v, d) for u, v, d in self._edges("MEMBER_OF")),
                key=lambda m: (m.regime, m.country, str(m.since)),
            ),
        )

    def technologies(self) -> list[TechInfo]:
        return self._get(
            "technologies", lambda: [tech_info(n, d) for n, d in self._nodes("Technology")]
        )

    def codes_of_conduct(self) -> list[CodeInfo]:
        def build() -> list[CodeInfo]:
            established: dict[str, list[str]] = defaultdict(list)
            for u, v, _ in self._edges("ESTABLISHES"):
                established[v].append(u)
            commitment_of = {v: u for u, v, _ in self._edges("HAS_COMMITMENT")}
            numbers = {n: int(d.get("number", 0)) for n, d in self._nodes("Commitment")}
            techs: dict[str, dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
            for u, v, _ in self._edges("ADDRESSES"):
                if u in commitment_of:
                    techs[commitment_of[u]][v].add(numbers.get(u, 0))
                else:
                    techs[u].setdefault(v, set())
            return [
                code_info(n, d, established.get(n, []), techs[n])
                for n, d in self._nodes("CodeOfConduct")
            ]

        return self._get("codes", build)

    def subscriptions(self) -> list[SubscriptionInfo]:
        return self._get(
            "subscriptions",
            lambda: sorted(
                (subscription_info(u, v, d) for u, v, d in self._edges("SUBSCRIBES")),
                key=lambda s: (s.code, s.country),
            ),
        )

    def parties(self) -> list[PartyInfo]:
        return self._get("parties", lambda: [party_info(n, d) for n, d in self._nodes("Party")])

    def listings(self, party_ids: list[str]) -> list[ListingInfo]:
        by_party = self._get("listings", lambda: _listings_by_party(self._edges("LISTS")))
        return [x for p in party_ids for x in by_party.get(p, [])]

    def authorisations(self) -> list[AuthorisationInfo]:
        return self._get(
            "authorisations",
            lambda: authorisations_from_edges(self._nodes("GeneralAuthorisation"), self._edges),
        )

    def party_issuers(self) -> list[str]:
        return self._get("party_issuers", lambda: sorted({u for u, _, _ in self._edges("LISTS")}))
