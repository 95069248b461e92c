"""Both backends (and both ways of reading the embedded store) give the same analyses.

The analyses run over ``queries.reading.reader.GraphData``; on Neo4j it is answered by the Cypher
files of ``queries/cypher`` (``Neo4jAnalyses``). On the real Neo4j server (``make test`` starts
one) the real graph is ingested there and every analysis is compared with the embedded store's.
Without a server, a stand-in driver answers each Cypher file from the embedded graph in the
shape Neo4j returns (properties JSON-encoded as the Neo4j store writes them), which checks the
decoding and the assembly; the Cypher text itself is checked by ``tools/lint_cypher.py``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from real_graph import real_graph_path, real_neo4j, shared_analyses

from queries.analyses import Analyses
from queries.neo4j_analyses import Neo4jAnalyses
from queries.reading.neo4j import statement
from queries.reading.reader import GraphReader
from queries.reading.source import NetworkxSource
from queries.requests import (
    CoverageRequest,
    DivergenceRequest,
    PartyGapsRequest,
    PartyListGapsRequest,
    SearchRequest,
)
from store.embedded import EmbeddedStore
from store.neo4j_backend import encode_properties

Handler = Callable[..., list[dict[str, Any]]]


@pytest.fixture(scope="module")
def analyses() -> Analyses:
    return shared_analyses()


@pytest.fixture(scope="module")
def real_path() -> Path:
    return real_graph_path()


def _stored(node_id: str, attrs: dict[str, Any], drop: str) -> dict[str, Any]:
    props = {k: v for k, v in attrs.items() if k != drop}
    native, encoded = encode_properties(props)
    return {**native, "id": node_id, "source_key": "test", "_json": encoded}


class _Graph:
    """Answers every analysis statement from a networkx graph, as Neo4j would."""

    def __init__(self, store: EmbeddedStore) -> None:
        self.store = store
        self.g: nx.MultiDiGraph = store.to_networkx()

    def _label(self, label: str) -> list[tuple[str, dict[str, Any]]]:
        return sorted((n, d) for n, d in self.g.nodes(data=True) if d.get("label") == label)

    def _out(self, node: str, edge_type: str) -> list[dict[str, Any]]:
        return [
            {"target": v, "props": _stored(d.get("id", ""), d, "type")}
            for _, v, d in self.g.out_edges(node, data=True)
            if d["type"] == edge_type
        ]

    def _same_control(self, node: str, bounds: str) -> list[str]:
        """SAME_CONTROL neighbours either way with these bounds, as the Cypher reads them."""
        return [
            *(
                v
                for _, v, d in self.g.out_edges(node, data=True)
                if d["type"] == "SAME_CONTROL" and d.get("bounds", "same") == bounds
            ),
            *(
                u
                for u, _, d in self.g.in_edges(node, data=True)
                if d["type"] == "SAME_CONTROL" and d.get("bounds", "same") == bounds
            ),
        ]

    def _out_ids(self, node: str, edge_type: str) -> list[str]:
        return [v for _, v, d in self.g.out_edges(node, data=True) if d["type"] == edge_type]

    def _edges(self, edge_type: str) -> list[tuple[str, str, dict[str, Any]]]:
        return [(u, v, d) for u, v, d in self.g.edges(data=True) if d["type"] == edge_type]

    def handlers(self) -> dict[str, Handler]:
        def nodes(label: str) -> Handler:
            return lambda: [
                {"id": n, "props": _stored(n, d, "label")} for n, d in self._label(label)
            ]

        def lists() -> list[dict[str, Any]]:
            issuer = {v: u for u, v, _ in self._edges("ISSUES")}
            return [
                {"id": n, "props": _stored(n, d, "label"), "issuer": issuer.get(n)}
                for n, d in self._label("ControlList")
            ]

        def entries(list_id: str) -> list[dict[str, Any]]:
            rows = []
            for _, e, d in self.g.out_edges(list_id, data=True):
                if d["type"] != "CONTAINS":
                    continue
                rows.append(
                    {
                        "id": e,
                        "props": _stored(e, self.g.nodes[e], "label"),
                        "implements": self._out(e, "IMPLEMENTS"),
                        "origins": self._out(e, "ORIGIN"),
                        "covers": self._out(e, "COVERS"),
                        "next": self._out(e, "NEXT_EDITION"),
                        "same": self._same_control(e, "same"),
                        "like": self._same_control(e, "other"),
                    }
                )
            return rows

        def container(entry: str) -> str | None:
            return next(
                (u for u, _, d in self.g.in_edges(entry, data=True) if d["type"] == "CONTAINS"),
                None,
            )

        def implementers(target_id: str) -> list[dict[str, Any]]:
            rows = [
                {"id": u, "list_id": container(u), "props": _stored("", d, "type")}
                for u, _, d in self.g.in_edges(target_id, data=True)
                if d["type"] == "IMPLEMENTS"
            ]
            return sorted(rows, key=lambda r: (r["list_id"], r["id"]))

        def earlier_editions(list_id: str) -> list[dict[str, Any]]:
            rows = []
            for _, e, d in self.g.out_edges(list_id, data=True):
                if d["type"] != "CONTAINS":
                    continue
                seen: set[str] = set()
                todo = [e]
                while todo:
                    for u, _, n in self.g.in_edges(todo.pop(), data=True):
                        if n["type"] == "NEXT_EDITION" and u not in seen:
                            seen.add(u)
                            todo.append(u)
                editions = {container(u) for u in seen} - {None}
                if editions:
                    rows.append({"id": e, "editions": list(editions)})
            return rows

        def memberships() -> list[dict[str, Any]]:
            return [
                {"country": u, "regime": v, "props": _stored("", d, "type")}
                for u, v, d in self._edges("MEMBER_OF")
            ]

        def codes() -> list[dict[str, Any]]:
            rows = []
            for n, d in self._label("CodeOfConduct"):
                commitments = [
                    v for _, v, e in self.g.out_edges(n, data=True) if e["type"] == "HAS_COMMITMENT"
                ]
                rows.append(
                    {
                        "id": n,
                        "props": _stored(n, d, "label"),
                        "established_by": [
                            u
                            for u, _, e in self.g.in_edges(n, data=True)
                            if e["type"] == "ESTABLISHES"
                        ],
                        "technologies": [t["target"] for t in self._out(n, "ADDRESSES")],
                        "commitments": [
                            {"technology": t["target"], "number": self.g.nodes[c]["number"]}
                            for c in commitments
                            for t in self._out(c, "ADDRESSES")
                        ],
                    }
                )
            return rows

        def subscriptions() -> list[dict[str, Any]]:
            return [
                {"country": u, "code": v, "props": _stored("", d, "type")}
                for u, v, d in self._edges("SUBSCRIBES")
            ]

        def listings(ids: list[str]) -> list[dict[str, Any]]:
            wanted = set(ids)
            return [
                {"issuer": u, "party": v, "props": _stored("", d, "type")}
                for u, v, d in self._edges("LISTS")
                if v in wanted
            ]

        return {
            "analysis_revision": lambda: [{"revision": self.store.revision()}],
            "analysis_lists": lists,
            "analysis_entries": entries,
            "analysis_implementers": implementers,
            "analysis_earlier_editions": earlier_editions,
            "analysis_countries": nodes("Country"),
            "analysis_regimes": nodes("Regime"),
            "analysis_memberships": memberships,
            "analysis_technologies": nodes("Technology"),
            "analysis_codes_of_conduct": codes,
            "analysis_subscriptions": subscriptions,
            "analysis_authorisations": lambda: [
                {
                    "id": n,
                    "props": _stored(n, d, "label"),
                    "destinations": self._out_ids(n, "VALID_FOR"),
                    "excluded": self._out_ids(n, "EXCLUDES"),
                    "covered": self._out_ids(n, "COVERS_ENTRY"),
                }
                for n, d in self._label("GeneralAuthorisation")
            ],
            "analysis_parties": nodes("Party"),
            "analysis_listings": listings,
            "analysis_party_issuers": lambda: [
                {"issuer": i} for i in sorted({u for u, _, _ in self._edges("LISTS")})
            ],
        }


class _Record:
    def __init__(self, row: dict[str, Any]) -> None:
        self.row = row

    def data(self) -> dict[str, Any]:
        return self.row


class _Tx:
    def __init__(self, handlers: dict[str, Handler]) -> None:
        self.by_text = {statement(name): fn for name, fn in handlers.items()}

    def run(self, text: str, **params: Any) -> list[_Record]:
        return [_Record(row) for row in self.by_text[text](**params)]


class _Session:
    def __init__(self, tx: _Tx) -> None:
        self.tx = tx

    def __enter__(self) -> _Session:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def execute_read(self, work: Callable[[_Tx], Any]) -> Any:
        return work(self.tx)


class StandInDriver:
    def __init__(self, store: EmbeddedStore) -> None:
        self.tx = _Tx(_Graph(store).handlers())

    def session(self, database: str | None = None) -> _Session:
        return _Session(self.tx)


def _real_neo4j() -> Iterator[Analyses]:
    from neo4j import GraphDatabase

    server = real_neo4j()
    with GraphDatabase.driver(server.uri, auth=(server.user, server.password)) as driver:
        yield Neo4jAnalyses(driver)


@pytest.fixture(scope="module", params=["networkx", "stand-in-driver", "neo4j"])
def other(request: pytest.FixtureRequest, real_path: Path) -> Iterator[Analyses]:
    """The analyses read another way than the reference ``analyses`` (store protocol reads)."""
    if request.param == "neo4j":
        yield from _real_neo4j()
        return
    store = EmbeddedStore(real_path, read_only=True)
    if request.param == "networkx":
        yield Analyses(GraphReader(NetworkxSource(store)))
    else:
        yield Neo4jAnalyses(StandInDriver(store))  # type: ignore[arg-type]
    store.close()


CASES: list[tuple[str, Callable[[Analyses], Any]]] = [
    ("divergences US EU", lambda a: a.divergences(DivergenceRequest(jurisdiction=["US", "EU"]))),
    (
        "divergences 4",
        lambda a: a.divergences(
            DivergenceRequest(
                jurisdiction=["US", "EU", "IN", "wassenaar"], category="5", include_agreements=True
            )
        ),
    ),
    (
        "divergences tech",
        lambda a: a.divergences(DivergenceRequest(jurisdiction=["GB", "NO"], technology="uavs")),
    ),
    ("coverage", lambda a: a.coverage(limit=200, offset=100)),
    ("coverage tech", lambda a: a.coverage(CoverageRequest(technology="spyware"))),
    ("regime gaps", lambda a: a.regime_gaps("wassenaar", limit=300)),
    ("commitment gaps", lambda a: a.commitment_gaps("echri")),
    ("party gaps", lambda a: a.party_gaps(PartyGapsRequest(name="NSO Group"))),
    (
        "party list gaps",
        lambda a: a.party_list_gaps(
            PartyListGapsRequest(issuer=["US", "JP"], list_name=["Entity List"], country="PK")
        ),
    ),
    ("search code", lambda a: a.search(SearchRequest(q="5.A.1.j"))),
    ("search words", lambda a: a.search(SearchRequest(q="logiciels d'intrusion"))),
    ("search text", lambda a: a.search(SearchRequest(q="nuclear reactors"))),
    ("parties", lambda a: a.parties("Intellexa")),
    ("profile", lambda a: a.country_controls("IN")),
    ("lists", lambda a: a.lists()),
    ("entry", lambda a: a.entry("entry:wassenaar:2025:5A001.j")),
]


@pytest.mark.parametrize(("name", "call"), CASES, ids=[c[0] for c in CASES])
def test_same_answers(
    analyses: Analyses, other: Analyses, name: str, call: Callable[[Analyses], Any]
) -> None:
    def dump(value: Any) -> Any:
        if isinstance(value, tuple):
            return [dump(v) for v in value]
        if isinstance(value, list):
            return [dump(v) for v in value]
        if isinstance(value, int):
            return value
        return value.model_dump(mode="json")

    assert dump(call(other)) == dump(call(analyses)), name
