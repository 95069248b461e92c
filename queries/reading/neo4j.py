"""The rows reader's records read from Neo4j: :class:`Neo4jData` answers
:class:`queries.reading.reader.GraphData` with the parameterised statements of
``queries/cypher/analysis_*.cypher`` (never a value formatted into Cypher), so the analyses run
unchanged on it (``queries.neo4j_analyses.Neo4jAnalyses``) and both backends return the same
view models.

Neo4j holds maps and lists of maps as JSON text (see ``store.neo4j_backend``); the rows are
decoded with the store's own :func:`decode_properties`.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Callable
from functools import cache
from importlib import resources
from typing import Any, TypeVar

from neo4j import Driver, ManagedTransaction

from queries.reading.reader import RevisionCache
from queries.reading.records import (
    AuthorisationInfo,
    CodeInfo,
    CountryInfo,
    EntryInfo,
    ImplementerInfo,
    ListInfo,
    ListingInfo,
    MemberInfo,
    PartyInfo,
    RegimeInfo,
    SubscriptionInfo,
    TechInfo,
    authorisation_info,
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
    subscription_info,
    tech_info,
)
from store.neo4j_backend import decode_properties

T = TypeVar("T")


@cache
def statement(name: str) -> str:
    """The statement in ``queries/cypher/<name>.cypher``, without its final semicolon."""
    text = resources.files("queries").joinpath("cypher", f"{name}.cypher").read_text("utf-8")
    return text.strip().removesuffix(";")


def _edges(rows: list[dict[str, Any]]) -> list[tuple[str, dict[str, Any]]]:
    return [(str(r["target"]), decode_properties(r["props"])) for r in rows or []]


#: Record sets (one list edition's entries, the countries, ...) a :class:`Neo4jData` keeps.
CACHED_RECORD_SETS = 64


class Neo4jData:
    """:class:`queries.reading.reader.GraphData` read from Neo4j, cached per graph revision."""

    def __init__(self, driver: Driver, database: str | None = None) -> None:
        self.driver = driver
        self.database = database
        # Bounded: the graph lives on the server, and this process keeps only the records
        # of the editions recently asked about (the index above it keeps its own share).
        self._cache = RevisionCache(limit=CACHED_RECORD_SETS)
        self._lock = threading.Lock()

    def _read(self, name: str, **params: Any) -> list[dict[str, Any]]:
        def work(tx: ManagedTransaction) -> list[dict[str, Any]]:
            return [record.data() for record in tx.run(statement(name), **params)]

        with self.driver.session(database=self.database) as session:
            rows: list[dict[str, Any]] = session.execute_read(work)
            return rows

    def revision(self) -> int:
        return int(self._read("analysis_revision")[0]["revision"])

    def _get(self, key: str, compute: Callable[[], T]) -> T:
        return self._cache.get(self.revision(), key, compute)

    def lists(self) -> list[ListInfo]:
        return self._get(
            "lists",
            lambda: [
                list_info(r["id"], decode_properties(r["props"]), r.get("issuer"))
                for r in self._read("analysis_lists")
            ],
        )

    def entries(self, list_id: str) -> list[EntryInfo]:
        def load() -> list[EntryInfo]:
            out = []
            for r in self._read("analysis_entries", list_id=list_id):
                origins = _edges(r["origins"])
                following = _edges(r.get("next") or [])
                out.append(
                    entry_info(
                        r["id"],
                        decode_properties(r["props"]),
                        [impl_info(t, p) for t, p in _edges(r["implements"])],
                        origin_info(*origins[0]) if origins else None,
                        [cover_info(t, p) for t, p in _edges(r["covers"])],
                        next_info(*following[0]) if following else None,
                        list(r.get("same") or []),
                        list(r.get("like") or []),
                    )
                )
            return sorted(out, key=lambda e: e.canonical)

        return self._get(f"entries:{list_id}", load)

    def implementers(self, target_id: str) -> list[ImplementerInfo]:
        # Not cached here: the index keeps them, and one record set per regime entry would
        # crowd the editions' entries out of this cache.
        return [
            ImplementerInfo(
                r["id"], r["list_id"], impl_info(target_id, decode_properties(r["props"]))
            )
            for r in self._read("analysis_implementers", target_id=target_id)
        ]

    def earlier_editions(self, list_id: str) -> dict[str, list[str]]:
        return self._get(
            f"earlier:{list_id}",
            lambda: {
                r["id"]: sorted(r["editions"])
                for r in self._read("analysis_earlier_editions", list_id=list_id)
            },
        )

    def countries(self) -> list[CountryInfo]:
        def load() -> list[CountryInfo]:
            out = []
            for r in self._read("analysis_countries"):
                out.append(country_info(r["id"], decode_properties(r["props"])))
            return out

        return self._get("countries", load)

    def regimes(self) -> list[RegimeInfo]:
        return self._get(
            "regimes",
            lambda: [
                regime_info(r["id"], decode_properties(r["props"]))
                for r in self._read("analysis_regimes")
            ],
        )

    def memberships(self) -> list[MemberInfo]:
        def load() -> list[MemberInfo]:
            out = []
            for r in self._read("analysis_memberships"):
                props = decode_properties(r["props"])
                out.append(member_info(r["country"], r["regime"], props))
            return sorted(out, key=lambda m: (m.regime, m.country, str(m.since)))

        return self._get("memberships", load)

    def technologies(self) -> list[TechInfo]:
        return self._get(
            "technologies",
            lambda: [
                tech_info(r["id"], decode_properties(r["props"]))
                for r in self._read("analysis_technologies")
            ],
        )

    def codes_of_conduct(self) -> list[CodeInfo]:
        def load() -> list[CodeInfo]:
            out = []
            for r in self._read("analysis_codes_of_conduct"):
                props = decode_properties(r["props"])
                techs: dict[str, set[int]] = {t: set() for t in r["technologies"] or []}
                for c in r["commitments"] or []:
                    techs.setdefault(str(c["technology"]), set()).add(int(c["number"]))
                out.append(code_info(r["id"], props, r["established_by"] or [], techs))
            return out

        return self._get("codes", load)

    def subscriptions(self) -> list[SubscriptionInfo]:
        def load() -> list[SubscriptionInfo]:
            out = []
            for r in self._read("analysis_subscriptions"):
                props = decode_properties(r["props"])
                out.append(subscription_info(r["country"], r["code"], props))
            return sorted(out, key=lambda s: (s.code, s.country))

        return self._get("subscriptions", load)

    def authorisations(self) -> list[AuthorisationInfo]:
        def load() -> list[AuthorisationInfo]:
            return sorted(
                (
                    authorisation_info(
                        r["id"],
                        decode_properties(r["props"]),
                        r["destinations"],
                        r["excluded"],
                        r["covered"],
                    )
                    for r in self._read("analysis_authorisations")
                ),
                key=lambda a: (a.issuer, a.code),
            )

        return self._get("authorisations", load)

    def parties(self) -> list[PartyInfo]:
        return self._get(
            "parties",
            lambda: [
                party_info(r["id"], decode_properties(r["props"]))
                for r in self._read("analysis_parties")
            ],
        )

    def listings(self, party_ids: list[str]) -> list[ListingInfo]:
        if not party_ids:
            return []
        rows = self._read("analysis_listings", ids=list(party_ids))
        by_party: dict[str, list[ListingInfo]] = defaultdict(list)
        for r in rows:
            info = listing_info(r["issuer"], r["party"], decode_properties(r["props"]))
            by_party[info.party].append(info)
        return [
            x
            for p in party_ids
            for x in sorted(by_party.get(p, []), key=lambda x: (x.issuer, x.list_name, str(x.date)))
        ]

    def party_issuers(self) -> list[str]:
        return self._get(
            "party_issuers",
            lambda: [str(r["issuer"]) for r in self._read("analysis_party_issuers")],
        )
