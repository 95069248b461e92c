"""The catalogue: countries, regimes with their members, technologies, sources.

Reads nodes and their edges with :mod:`queries.reading.neighbours` (the networkx view of a store
that keeps one per revision, or the store protocol on a server) and names with the one resolver.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from queries.errors import NotFound
from queries.reading.backends import graph_data
from queries.reading.names import Names
from queries.reading.neighbours import NodeReader, neighbours_of
from queries.reading.reader import GraphData, RevisionCache
from queries.reading.records import as_date
from queries.views import (
    CountryDetail,
    CountrySummary,
    GroupMembership,
    Membership,
    ProvenanceView,
    RegimeDetail,
    RegimeMember,
    RegimeSummary,
    SourceView,
    Subscription,
    TechnologyView,
)
from store.base import GraphStore


def _prov(attrs: dict[str, Any]) -> ProvenanceView:
    return ProvenanceView(
        source=attrs.get("prov_source", ""),
        edition=attrs.get("prov_edition"),
        citation=attrs.get("prov_citation"),
        file_sha256=attrs.get("prov_file_sha256"),
    )


def _current(attrs: dict[str, Any], today: date | None = None) -> bool:
    until = as_date(attrs.get("until"))
    return until is None or until >= (today or date.today())


class Catalog:
    """Countries, regimes, technologies and sources, as their pages show them."""

    def __init__(self, store: GraphStore, data: GraphData | None = None) -> None:
        """``data``: the records reader to resolve names with (the analyses' own, to share
        its caches); by default the one that fits the store."""
        self.store = store
        self._reader = data if data is not None else graph_data(store, networkx_view=True)
        self._cache = RevisionCache()

    @property
    def graph(self) -> NodeReader:
        return neighbours_of(self.store)

    @property
    def names(self) -> Names:
        """The one name resolver (:mod:`queries.reading.names`), built once per revision."""
        return self._cache.get(self._reader.revision(), "names", lambda: Names(self._reader))

    # --- countries --------------------------------------------------------------------------

    def country_id(self, code: str) -> str:
        """Accepts 'FR', 'fr' or 'country:FR'."""
        return self.names.country_id(code)

    def _summary(self, graph: NodeReader, node: str, attrs: dict[str, Any]) -> CountrySummary:
        regimes = sorted({t for t, d in graph.out(node, "MEMBER_OF") if _current(d)})
        return CountrySummary(
            id=node, iso2=attrs["iso2"], name=attrs["name"], names=attrs["names"], regimes=regimes
        )

    def countries(self, regime: str | None = None) -> list[CountrySummary]:
        graph = self.graph
        graph.preload("MEMBER_OF")
        rows = [self._summary(graph, n, d) for n, d in graph.of_label("Country")]
        if regime is not None:
            rid = self.regime_id(regime)
            rows = [r for r in rows if rid in r.regimes]
        return rows

    def country(self, code: str) -> CountryDetail:
        graph = self.graph
        node = self.country_id(code)
        attrs = graph.node(node)
        memberships = [
            Membership(
                regime=t,
                regime_name=graph.node(t).get("short_name", t),
                role=d.get("role", "member"),
                since=as_date(d.get("since")),
                until=as_date(d.get("until")),
                provenance=_prov(d),
            )
            for t, d in graph.out(node, "MEMBER_OF")
        ]
        subscriptions = [
            Subscription(
                code_of_conduct=t,
                title=graph.node(t).get("short_name", t),
                date=as_date(d.get("date")),
                role=d.get("role", "subscriber"),
                provenance=_prov(d),
            )
            for t, d in graph.out(node, "SUBSCRIBES")
        ]
        groups = [
            GroupMembership(
                group=t,
                issuer=graph.node(t)["issuer"],
                code=graph.node(t)["code"],
                name=graph.node(t)["name"],
                provenance=_prov(d),
            )
            for t, d in graph.out(node, "IN_GROUP")
            if graph.has(t, "CountryGroup")
        ]
        lists = sorted(t for t, _ in graph.out(node, "ISSUES") if graph.has(t, "ControlList"))
        summary = self._summary(graph, node, attrs)
        return CountryDetail(
            **summary.model_dump(),
            memberships=sorted(memberships, key=lambda m: (m.regime, str(m.since))),
            subscriptions=sorted(subscriptions, key=lambda s: s.code_of_conduct),
            groups=sorted(groups, key=lambda g: g.group),
            lists=lists,
        )

    # --- regimes ----------------------------------------------------------------------------

    def regime_id(self, name: str) -> str:
        """Accepts 'wassenaar', 'regime:wassenaar' or a short name ('Wassenaar Arrangement')."""
        return self.names.regime_id(name)

    def _regime_summary(self, graph: NodeReader, node: str, attrs: dict[str, Any]) -> RegimeSummary:
        members = {s for s, d in graph.into(node, "MEMBER_OF") if _current(d)}
        return RegimeSummary(
            id=node,
            short_name=attrs["short_name"],
            name=attrs["name"],
            kind=attrs["kind"],
            established=as_date(attrs.get("established")),
            url=attrs.get("url"),
            member_count=len(members),
            names=attrs.get("names", {}),
        )

    def regimes(self) -> list[RegimeSummary]:
        graph = self.graph
        graph.preload("MEMBER_OF")
        return [self._regime_summary(graph, n, d) for n, d in graph.of_label("Regime")]

    def regime(self, name: str) -> RegimeDetail:
        graph = self.graph
        node = self.regime_id(name)
        attrs = graph.node(node)
        members = []
        for source, d in graph.into(node, "MEMBER_OF"):
            country = graph.node(source)
            members.append(
                RegimeMember(
                    country=source,
                    iso2=country.get("iso2", source.removeprefix("country:")),
                    name=country.get("name", source),
                    role=d.get("role", "member"),
                    since=as_date(d.get("since")),
                    until=as_date(d.get("until")),
                    provenance=_prov(d),
                )
            )
        codes = sorted(t for t, _ in graph.out(node, "ESTABLISHES"))
        return RegimeDetail(
            **self._regime_summary(graph, node, attrs).model_dump(),
            description=attrs.get("description", ""),
            members=sorted(members, key=lambda m: (m.name, str(m.since))),
            codes_of_conduct=codes,
        )

    # --- technologies and sources -------------------------------------------------------------

    def technologies(self) -> list[TechnologyView]:
        return [
            TechnologyView(
                id=n,
                name=d["name"],
                labels=d["labels"],
                synonyms=d.get("synonyms", {}),
                parent=d.get("parent"),
                description=d.get("description", ""),
                code_hints=d.get("code_hints", []),
            )
            for n, d in self.graph.of_label("Technology")
        ]

    def technology(self, ident: str) -> TechnologyView:
        node = ident if ident.startswith("tech:") else f"tech:{ident.strip().lower()}"
        for tech in self.technologies():
            if tech.id == node:
                return tech
        raise NotFound(f"no technology {ident!r}: see /technologies for the taxonomy")

    def sources(self) -> list[SourceView]:
        return [SourceView(**s.model_dump(exclude={"digest"})) for s in self.store.sources()]
