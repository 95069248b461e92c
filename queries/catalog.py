"""The catalogue: countries, regimes with their members, technologies, sources.

Works on the networkx view of any store (the embedded one caches it per revision).
"""

from __future__ import annotations

from datetime import date
from typing import Any

import networkx as nx

from queries.errors import NotFound
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
from store.base import GraphStore, nodes_of_label


def _prov(attrs: dict[str, Any]) -> ProvenanceView:
    return ProvenanceView(
        source=attrs.get("prov_source", ""),
        edition=attrs.get("prov_edition"),
        citation=attrs.get("prov_citation"),
        file_sha256=attrs.get("prov_file_sha256"),
    )


def _date(value: Any) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) and value else None


def _current(attrs: dict[str, Any], today: date | None = None) -> bool:
    until = _date(attrs.get("until"))
    return until is None or until >= (today or date.today())


def _out(graph: nx.MultiDiGraph, node: str, edge_type: str) -> list[tuple[str, dict[str, Any]]]:
    if node not in graph:
        return []
    return [(v, d) for _, v, d in graph.out_edges(node, data=True) if d["type"] == edge_type]


def _in(graph: nx.MultiDiGraph, node: str, edge_type: str) -> list[tuple[str, dict[str, Any]]]:
    if node not in graph:
        return []
    return [(u, d) for u, _, d in graph.in_edges(node, data=True) if d["type"] == edge_type]


class Catalog:
    def __init__(self, store: GraphStore) -> None:
        self.store = store

    @property
    def graph(self) -> nx.MultiDiGraph:
        return self.store.to_networkx()

    # --- countries --------------------------------------------------------------------------

    def country_id(self, code: str) -> str:
        """Accepts 'FR', 'fr' or 'country:FR'."""
        raw = code.strip()
        node = raw if raw.startswith("country:") else f"country:{raw.upper()}"
        attrs = self.graph.nodes.get(node)
        if attrs is None or attrs.get("label") != "Country":
            raise NotFound(f"no country {code!r}: use an ISO 3166-1 alpha-2 code such as FR")
        return node

    def _summary(self, graph: nx.MultiDiGraph, node: str, attrs: dict[str, Any]) -> CountrySummary:
        regimes = sorted({t for t, d in _out(graph, node, "MEMBER_OF") if _current(d)})
        return CountrySummary(
            id=node, iso2=attrs["iso2"], name=attrs["name"], names=attrs["names"], regimes=regimes
        )

    def countries(self, regime: str | None = None) -> list[CountrySummary]:
        graph = self.graph
        rows = [self._summary(graph, n, d) for n, d in nodes_of_label(graph, "Country")]
        if regime is not None:
            rid = self.regime_id(regime)
            rows = [r for r in rows if rid in r.regimes]
        return rows

    def country(self, code: str) -> CountryDetail:
        graph = self.graph
        node = self.country_id(code)
        attrs = graph.nodes[node]
        memberships = [
            Membership(
                regime=t,
                regime_name=graph.nodes[t].get("short_name", t) if t in graph else t,
                role=d.get("role", "member"),
                since=_date(d.get("since")),
                until=_date(d.get("until")),
                provenance=_prov(d),
            )
            for t, d in _out(graph, node, "MEMBER_OF")
        ]
        subscriptions = [
            Subscription(
                code_of_conduct=t,
                title=graph.nodes[t].get("short_name", t) if t in graph else t,
                date=_date(d.get("date")),
                role=d.get("role", "subscriber"),
                provenance=_prov(d),
            )
            for t, d in _out(graph, node, "SUBSCRIBES")
        ]
        groups = [
            GroupMembership(
                group=t,
                issuer=graph.nodes[t]["issuer"],
                code=graph.nodes[t]["code"],
                name=graph.nodes[t]["name"],
                provenance=_prov(d),
            )
            for t, d in _out(graph, node, "IN_GROUP")
            if t in graph and graph.nodes[t].get("label") == "CountryGroup"
        ]
        lists = sorted(
            t
            for t, _ in _out(graph, node, "ISSUES")
            if graph.nodes[t].get("label") == "ControlList"
        )
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
        graph = self.graph
        raw = name.strip()
        candidates = [raw, f"regime:{raw.lower()}"]
        for node in candidates:
            if graph.nodes.get(node, {}).get("label") == "Regime":
                return node
        for node, attrs in nodes_of_label(graph, "Regime"):
            if raw.lower() in (attrs["short_name"].lower(), attrs["name"].lower()):
                return node
        known = ", ".join(n.removeprefix("regime:") for n, _ in nodes_of_label(graph, "Regime"))
        raise NotFound(f"no regime {name!r} (known: {known})")

    def _regime_summary(
        self, graph: nx.MultiDiGraph, node: str, attrs: dict[str, Any]
    ) -> RegimeSummary:
        members = {s for s, d in _in(graph, node, "MEMBER_OF") if _current(d)}
        return RegimeSummary(
            id=node,
            short_name=attrs["short_name"],
            name=attrs["name"],
            kind=attrs["kind"],
            established=_date(attrs.get("established")),
            url=attrs.get("url"),
            member_count=len(members),
            names=attrs.get("names", {}),
        )

    def regimes(self) -> list[RegimeSummary]:
        graph = self.graph
        return [self._regime_summary(graph, n, d) for n, d in nodes_of_label(graph, "Regime")]

    def regime(self, name: str) -> RegimeDetail:
        graph = self.graph
        node = self.regime_id(name)
        attrs = graph.nodes[node]
        members = []
        for source, d in _in(graph, node, "MEMBER_OF"):
            country = graph.nodes.get(source, {})
            members.append(
                RegimeMember(
                    country=source,
                    iso2=country.get("iso2", source.removeprefix("country:")),
                    name=country.get("name", source),
                    role=d.get("role", "member"),
                    since=_date(d.get("since")),
                    until=_date(d.get("until")),
                    provenance=_prov(d),
                )
            )
        codes = sorted(t for t, _ in _out(graph, node, "ESTABLISHES"))
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
            for n, d in nodes_of_label(self.graph, "Technology")
        ]

    def technology(self, ident: str) -> TechnologyView:
        node = ident if ident.startswith("tech:") else f"tech:{ident.strip().lower()}"
        for tech in self.technologies():
            if tech.id == node:
                return tech
        raise NotFound(f"no technology {ident!r}: see /technologies for the taxonomy")

    def sources(self) -> list[SourceView]:
        return [SourceView(**s.model_dump(exclude={"digest"})) for s in self.store.sources()]
