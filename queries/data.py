"""What the analyses read, as plain typed records, from either backend.

The analyses (coverage, divergence, gaps, changes, search, profiles) are written once, over the
:class:`GraphData` protocol. :class:`NetworkxData` answers it from the networkx view of any
store (the embedded store caches that view per revision, and so does this class); the Neo4j
implementation in ``queries.neo4j_analyses`` answers it with the parameterised Cypher files of
``queries/cypher``. Both return the same records, so the analyses give the same answers.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Protocol, TypeVar

import networkx as nx

from store.base import GraphStore, nodes_of_label

T = TypeVar("T")


def as_date(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    if isinstance(value, str) and value:
        return date.fromisoformat(value[:10])
    return None


@dataclass(frozen=True, slots=True)
class ListInfo:
    """One edition of one issuer's control list."""

    id: str
    issuer: str
    title: str
    edition: str
    edition_date: date
    numbering: str
    source_url: str = ""
    file_sha256: str = ""
    #: What the copy read is known to lose ('items', 'paragraphs'): its gaps are unknowns.
    copy_may_lack: tuple[str, ...] = ()

    @property
    def series(self) -> str:
        """The list independent of its edition: ``list:eu:2021`` -> ``eu``."""
        parts = self.id.split(":")
        return parts[1] if len(parts) > 2 else self.id


@dataclass(frozen=True, slots=True)
class ImplInfo:
    """An ``IMPLEMENTS`` edge seen from its national entry."""

    target: str
    method: str
    score: float
    scope: str
    similarity: float | None
    text_differs: bool
    evidence: str


@dataclass(frozen=True, slots=True)
class NextInfo:
    """A ``NEXT_EDITION`` edge seen from the older entry: the same entry in the next edition."""

    target: str
    method: str
    similarity: float
    change: str
    fields: tuple[str, ...]
    thresholds: str | None
    threshold_notes: tuple[str, ...]
    evidence: str


@dataclass(frozen=True, slots=True)
class OriginInfo:
    target: str
    series: str
    unilateral: bool
    reason: str


@dataclass(frozen=True, slots=True)
class CoverInfo:
    technology: str
    method: str
    matched: str
    score: float


@dataclass(frozen=True, slots=True, eq=False)
class EntryInfo:
    """One code in one list edition, with its alignment edges.

    Compared and hashed by identity: one object per entry and revision, cheap to memoise on.
    """

    id: str
    list_id: str
    code: str
    canonical: str
    parent: str | None
    level: int
    category: str | None
    heading: str
    text: str
    notes: tuple[str, ...]
    reasons: tuple[str, ...]
    parameters: tuple[dict[str, Any], ...]
    status: str
    sensitive: bool = False
    very_sensitive: bool = False
    page: int | None = None
    implements: tuple[ImplInfo, ...] = ()
    origin: OriginInfo | None = None
    covers: tuple[CoverInfo, ...] = ()
    next: NextInfo | None = None
    #: Entries of other issuers with the same text and no regime counterpart (SAME_CONTROL).
    same: tuple[str, ...] = ()
    #: Entries of other issuers with the same words and other bounds, no regime counterpart
    #: (SAME_CONTROL with bounds "other": US 3A090.a and EU 3A501.a.16).
    like: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class AuthorisationInfo:
    """A general export authorisation with the destinations and entries its edges name."""

    id: str
    issuer: str
    code: str
    title: str
    list_id: str
    items: str  # all-except | listed
    items_text: str
    destinations_text: str
    destinations: frozenset[str]
    excluded: frozenset[str]
    covered: frozenset[str]


@dataclass(frozen=True, slots=True)
class CountryInfo:
    id: str
    iso2: str
    name: str
    names: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class RegimeInfo:
    id: str
    short_name: str
    name: str
    kind: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class MemberInfo:
    country: str
    regime: str
    since: date | None
    until: date | None
    role: str

    def current(self, today: date | None = None) -> bool:
        return self.until is None or self.until >= (today or date.today())


@dataclass(frozen=True, slots=True)
class TechInfo:
    id: str
    name: str
    labels: dict[str, str]
    synonyms: dict[str, list[str]]
    parent: str | None
    code_hints: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class CodeInfo:
    """A code of conduct and what it addresses."""

    id: str
    short_name: str
    title: str
    established_by: tuple[str, ...]
    #: technology id -> commitment numbers that address it (empty: the code as a whole).
    technologies: dict[str, tuple[int, ...]]


@dataclass(frozen=True, slots=True)
class SubscriptionInfo:
    country: str
    code: str
    date: date | None
    role: str


@dataclass(frozen=True, slots=True)
class PartyInfo:
    id: str
    name: str
    kind: str
    aliases: tuple[str, ...]
    countries: tuple[str, ...]
    lists: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ListingInfo:
    issuer: str
    party: str
    list_name: str
    date: date | None
    reason: str
    citation: str
    source: str
    edition: str | None


class GraphData(Protocol):
    """Everything the analyses read. Results are stable for one revision."""

    def revision(self) -> int: ...

    def lists(self) -> list[ListInfo]: ...

    def entries(self, list_id: str) -> list[EntryInfo]: ...

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


# --- record builders shared by both backends ------------------------------------------------


def list_info(node_id: str, props: dict[str, Any], issuer: str | None = None) -> ListInfo:
    edition_date = as_date(props.get("edition_date")) or date.min
    return ListInfo(
        id=node_id,
        issuer=issuer or str(props.get("issuer", "")),
        title=str(props.get("title", "")),
        edition=str(props.get("edition", "")),
        edition_date=edition_date,
        numbering=str(props.get("numbering", "")),
        source_url=str(props.get("source_url", "")),
        file_sha256=str(props.get("file_sha256", "")),
        copy_may_lack=tuple(str(v) for v in props.get("copy_may_lack") or ()),
    )


def impl_info(target: str, props: dict[str, Any]) -> ImplInfo:
    similarity = props.get("similarity")
    return ImplInfo(
        target=target,
        method=str(props.get("method", "")),
        score=float(props.get("score", 0.0)),
        scope=str(props.get("scope") or "unknown"),
        similarity=None if similarity is None else float(similarity),
        text_differs=bool(props.get("text_differs", False)),
        evidence=str(props.get("evidence", "")),
    )


def origin_info(target: str, props: dict[str, Any]) -> OriginInfo:
    return OriginInfo(
        target=target,
        series=str(props.get("series", "")),
        unilateral=bool(props.get("unilateral", False)),
        reason=str(props.get("reason", "")),
    )


def next_info(target: str, props: dict[str, Any]) -> NextInfo:
    thresholds = props.get("thresholds")
    return NextInfo(
        target=target,
        method=str(props.get("method", "")),
        similarity=float(props.get("similarity", 0.0)),
        change=str(props.get("change", "")),
        fields=tuple(props.get("fields") or ()),
        thresholds=None if thresholds is None else str(thresholds),
        threshold_notes=tuple(props.get("threshold_notes") or ()),
        evidence=str(props.get("evidence", "")),
    )


def same_controls(
    edges: Iterable[tuple[str, str, dict[str, Any]]], bounds: str = "same"
) -> dict[str, list[str]]:
    """SAME_CONTROL edges with these ``bounds``, read both ways: entry id -> the entries it
    shares a control with."""
    out: dict[str, list[str]] = defaultdict(list)
    for u, v, d in edges:
        if d.get("bounds", "same") == bounds:
            out[u].append(v)
            out[v].append(u)
    return out


def cover_info(target: str, props: dict[str, Any]) -> CoverInfo:
    return CoverInfo(
        technology=target,
        method=str(props.get("method", "")),
        matched=str(props.get("matched", "")),
        score=float(props.get("score", 1.0)),
    )


def entry_info(
    node_id: str,
    props: dict[str, Any],
    implements: list[ImplInfo],
    origin: OriginInfo | None,
    covers: list[CoverInfo],
    following: NextInfo | None = None,
    same: list[str] | None = None,
    like: list[str] | None = None,
) -> EntryInfo:
    page = props.get("page")
    return EntryInfo(
        id=node_id,
        list_id=str(props.get("list_id", "")),
        code=str(props.get("code", "")),
        canonical=str(props.get("canonical", "")),
        parent=props.get("parent") or None,
        level=int(props.get("level", 0)),
        category=props.get("category") or None,
        heading=str(props.get("heading", "")),
        text=str(props.get("text", "")),
        notes=tuple(props.get("notes") or ()),
        reasons=tuple(props.get("reasons") or ()),
        parameters=tuple(props.get("parameters") or ()),
        status=str(props.get("status", "active")),
        sensitive=bool(props.get("sensitive", False)),
        very_sensitive=bool(props.get("very_sensitive", False)),
        page=None if page is None else int(page),
        implements=tuple(sorted(implements, key=lambda i: (-i.score, i.target))),
        origin=origin,
        covers=tuple(sorted(covers, key=lambda c: c.technology)),
        next=following,
        same=tuple(sorted(same or ())),
        like=tuple(sorted(like or ())),
    )


def authorisation_info(
    node_id: str,
    props: dict[str, Any],
    destinations: Iterable[str],
    excluded: Iterable[str],
    covered: Iterable[str],
) -> AuthorisationInfo:
    return AuthorisationInfo(
        id=node_id,
        issuer=str(props.get("issuer", "")),
        code=str(props.get("code", "")),
        title=str(props.get("title", "")),
        list_id=str(props.get("list_id", "")),
        items=str(props.get("items", "")),
        items_text=str(props.get("items_text", "")),
        destinations_text=str(props.get("destinations_text", "")),
        destinations=frozenset(destinations),
        excluded=frozenset(excluded),
        covered=frozenset(covered),
    )


def authorisations_from_edges(
    nodes: Iterable[tuple[str, dict[str, Any]]],
    edges: Callable[[str], Iterable[tuple[str, str, dict[str, Any]]]],
) -> list[AuthorisationInfo]:
    """Authorisation records from their nodes and VALID_FOR / EXCLUDES / COVERS_ENTRY edges."""
    linked: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for edge_type in ("VALID_FOR", "EXCLUDES", "COVERS_ENTRY"):
        for u, v, _ in edges(edge_type):
            linked[u][edge_type].append(v)
    return sorted(
        (
            authorisation_info(
                n,
                d,
                linked[n]["VALID_FOR"],
                linked[n]["EXCLUDES"],
                linked[n]["COVERS_ENTRY"],
            )
            for n, d in nodes
        ),
        key=lambda a: (a.issuer, a.code),
    )


def tech_info(node_id: str, props: dict[str, Any]) -> TechInfo:
    return TechInfo(
        id=node_id,
        name=str(props.get("name", node_id)),
        labels=dict(props.get("labels") or {}),
        synonyms={k: list(v) for k, v in (props.get("synonyms") or {}).items()},
        parent=props.get("parent") or None,
        code_hints=tuple(props.get("code_hints") or ()),
    )


def regime_info(node_id: str, props: dict[str, Any]) -> RegimeInfo:
    aliases: list[str] = []
    for names in (props.get("aliases") or {}).values():
        aliases.extend(names)
    aliases.extend((props.get("names") or {}).values())
    return RegimeInfo(
        id=node_id,
        short_name=str(props.get("short_name", node_id)),
        name=str(props.get("name", node_id)),
        kind=str(props.get("kind", "regime")),
        aliases=tuple(aliases),
    )


def party_info(node_id: str, props: dict[str, Any]) -> PartyInfo:
    return PartyInfo(
        id=node_id,
        name=str(props.get("name", "")),
        kind=str(props.get("kind", "entity")),
        aliases=tuple(props.get("aliases") or ()),
        countries=tuple(props.get("countries") or ()),
        lists=tuple(props.get("lists") or ()),
    )


def listing_info(issuer: str, party: str, props: dict[str, Any]) -> ListingInfo:
    return ListingInfo(
        issuer=issuer,
        party=party,
        list_name=str(props.get("list_name", "")),
        date=as_date(props.get("date")),
        reason=str(props.get("reason", "")),
        citation=str(props.get("citation", "")),
        source=str(props.get("prov_source", "")),
        edition=props.get("prov_edition"),
    )


class RevisionCache:
    """Values computed once per graph revision (thread-safe; the API serves from threads)."""

    def __init__(self) -> None:
        self._lock = threading.RLock()
        self._revision: object = None
        self._values: dict[str, Any] = {}

    def get(self, revision: object, key: str, compute: Callable[[], T]) -> T:
        with self._lock:
            if revision is not self._revision and revision != self._revision:
                self._revision = revision
                self._values = {}
            if key not in self._values:
                self._values[key] = compute()
            value: T = self._values[key]
            return value


# --- the networkx implementation ------------------------------------------------------------


class NetworkxData:
    """:class:`GraphData` over ``store.to_networkx()`` (any backend), cached per revision."""

    def __init__(self, store: GraphStore) -> None:
        self.store = store
        self._cache = RevisionCache()

    def _graph(self) -> nx.MultiDiGraph:
        return self.store.to_networkx()

    def revision(self) -> int:
        return self.store.revision()

    def _get(self, key: str, compute: Callable[[nx.MultiDiGraph], T]) -> T:
        graph = self._graph()
        # The frozen graph object is the revision: the embedded store rebuilds it on change.
        return self._cache.get(graph, key, lambda: compute(graph))

    def _edges(self) -> dict[str, list[tuple[str, str, dict[str, Any]]]]:
        def build(graph: nx.MultiDiGraph) -> dict[str, list[tuple[str, str, dict[str, Any]]]]:
            by_type: dict[str, list[tuple[str, str, dict[str, Any]]]] = defaultdict(list)
            for u, v, d in graph.edges(data=True):
                by_type[d["type"]].append((u, v, d))
            return dict(by_type)

        return self._get("edges", build)

    def _of_label(self, label: str) -> list[tuple[str, dict[str, Any]]]:
        return nodes_of_label(self._graph(), label)

    def lists(self) -> list[ListInfo]:
        def build(graph: nx.MultiDiGraph) -> list[ListInfo]:
            issuer = {
                v: u
                for u, v, _ in self._edges().get("ISSUES", [])
                if graph.nodes[v].get("label") == "ControlList"
            }
            return [list_info(n, d, issuer.get(n)) for n, d in self._of_label("ControlList")]

        return self._get("lists", build)

    def _all_entries(self) -> dict[str, list[EntryInfo]]:
        def build(graph: nx.MultiDiGraph) -> dict[str, list[EntryInfo]]:
            edges = self._edges()
            impls: dict[str, list[ImplInfo]] = defaultdict(list)
            for u, v, d in edges.get("IMPLEMENTS", []):
                impls[u].append(impl_info(v, d))
            origins: dict[str, OriginInfo] = {}
            for u, v, d in edges.get("ORIGIN", []):
                origins[u] = origin_info(v, d)
            covers: dict[str, list[CoverInfo]] = defaultdict(list)
            for u, v, d in edges.get("COVERS", []):
                covers[u].append(cover_info(v, d))
            following = {u: next_info(v, d) for u, v, d in edges.get("NEXT_EDITION", [])}
            same = same_controls(edges.get("SAME_CONTROL", []))
            like = same_controls(edges.get("SAME_CONTROL", []), "other")
            contained = {v: u for u, v, _ in edges.get("CONTAINS", [])}
            out: dict[str, list[EntryInfo]] = defaultdict(list)
            for n, d in self._of_label("ControlEntry"):
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

    def countries(self) -> list[CountryInfo]:
        return self._get(
            "countries",
            lambda _: [
                CountryInfo(
                    id=n,
                    iso2=str(d.get("iso2", n.removeprefix("country:"))),
                    name=str(d.get("name", n)),
                    names=dict(d.get("names") or {}),
                )
                for n, d in self._of_label("Country")
            ],
        )

    def regimes(self) -> list[RegimeInfo]:
        return self._get(
            "regimes", lambda _: [regime_info(n, d) for n, d in self._of_label("Regime")]
        )

    def memberships(self) -> list[MemberInfo]:
        return self._get(
            "memberships",
            lambda _: sorted(
                (
                    MemberInfo(
                        country=u,
                        regime=v,
                        since=as_date(d.get("since")),
                        until=as_date(d.get("until")),
                        role=str(d.get("role", "member")),
                    )
                    for u, v, d in self._edges().get("MEMBER_OF", [])
                ),
                key=lambda m: (m.regime, m.country, str(m.since)),
            ),
        )

    def technologies(self) -> list[TechInfo]:
        return self._get(
            "technologies", lambda _: [tech_info(n, d) for n, d in self._of_label("Technology")]
        )

    def codes_of_conduct(self) -> list[CodeInfo]:
        def build(graph: nx.MultiDiGraph) -> list[CodeInfo]:
            edges = self._edges()
            established: dict[str, list[str]] = defaultdict(list)
            for u, v, _ in edges.get("ESTABLISHES", []):
                established[v].append(u)
            commitment_of = {v: u for u, v, _ in edges.get("HAS_COMMITMENT", [])}
            techs: dict[str, dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
            for u, v, _ in edges.get("ADDRESSES", []):
                if u in commitment_of:
                    number = int(graph.nodes[u].get("number", 0))
                    techs[commitment_of[u]][v].add(number)
                else:
                    techs[u].setdefault(v, set())
            return [
                CodeInfo(
                    id=n,
                    short_name=str(d.get("short_name", n)),
                    title=str(d.get("title", "")),
                    established_by=tuple(sorted(established.get(n, []))),
                    technologies={t: tuple(sorted(c)) for t, c in sorted(techs[n].items())},
                )
                for n, d in self._of_label("CodeOfConduct")
            ]

        return self._get("codes", build)

    def subscriptions(self) -> list[SubscriptionInfo]:
        return self._get(
            "subscriptions",
            lambda _: sorted(
                (
                    SubscriptionInfo(
                        country=u,
                        code=v,
                        date=as_date(d.get("date")),
                        role=str(d.get("role", "subscriber")),
                    )
                    for u, v, d in self._edges().get("SUBSCRIBES", [])
                ),
                key=lambda s: (s.code, s.country),
            ),
        )

    def parties(self) -> list[PartyInfo]:
        return self._get(
            "parties", lambda _: [party_info(n, d) for n, d in self._of_label("Party")]
        )

    def _listings(self) -> dict[str, list[ListingInfo]]:
        def build(_: nx.MultiDiGraph) -> dict[str, list[ListingInfo]]:
            out: dict[str, list[ListingInfo]] = defaultdict(list)
            for u, v, d in self._edges().get("LISTS", []):
                out[v].append(listing_info(u, v, d))
            return {
                k: sorted(ls, key=lambda x: (x.issuer, x.list_name, str(x.date)))
                for k, ls in out.items()
            }

        return self._get("listings", build)

    def listings(self, party_ids: list[str]) -> list[ListingInfo]:
        by_party = self._listings()
        return [x for p in party_ids for x in by_party.get(p, [])]

    def authorisations(self) -> list[AuthorisationInfo]:
        return self._get(
            "authorisations",
            lambda _: authorisations_from_edges(
                self._of_label("GeneralAuthorisation"), lambda t: self._edges().get(t, [])
            ),
        )

    def party_issuers(self) -> list[str]:
        return self._get(
            "party_issuers", lambda _: sorted({u for u, _, _ in self._edges().get("LISTS", [])})
        )


# --- the store-protocol implementation ------------------------------------------------------


class StoreData:
    """:class:`GraphData` read through the :class:`GraphStore` protocol (``nodes(label)``,
    ``edges(type)``), cached per revision.

    It loads only the labels and edge types an analysis asks for, so a one-off command does not
    pay for building the whole networkx graph (parties and their listings are read only when a
    party is searched).
    """

    def __init__(self, store: GraphStore) -> None:
        self.store = store
        self._cache = RevisionCache()

    def revision(self) -> int:
        return self.store.revision()

    def _get(self, key: str, compute: Callable[[], T]) -> T:
        return self._cache.get(self.revision(), key, compute)

    def _nodes(self, label: str) -> list[tuple[str, dict[str, Any]]]:
        return self._get(
            f"nodes:{label}", lambda: [(n.id, n.properties) for n in self.store.nodes(label)]
        )

    def _edges(self, edge_type: str) -> list[tuple[str, str, dict[str, Any]]]:
        return self._get(
            f"edges:{edge_type}",
            lambda: [(e.source, e.target, e.properties) for e in self.store.edges(edge_type)],
        )

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

    def countries(self) -> list[CountryInfo]:
        return self._get(
            "countries",
            lambda: [
                CountryInfo(
                    id=n,
                    iso2=str(d.get("iso2", n.removeprefix("country:"))),
                    name=str(d.get("name", n)),
                    names=dict(d.get("names") or {}),
                )
                for n, d in self._nodes("Country")
            ],
        )

    def regimes(self) -> list[RegimeInfo]:
        return self._get("regimes", lambda: [regime_info(n, d) for n, d in self._nodes("Regime")])

    def memberships(self) -> list[MemberInfo]:
        return self._get(
            "memberships",
            lambda: sorted(
                (
                    MemberInfo(
                        country=u,
                        regime=v,
                        since=as_date(d.get("since")),
                        until=as_date(d.get("until")),
                        role=str(d.get("role", "member")),
                    )
                    for u, v, d in self._edges("MEMBER_OF")
                ),
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
                CodeInfo(
                    id=n,
                    short_name=str(d.get("short_name", n)),
                    title=str(d.get("title", "")),
                    established_by=tuple(sorted(established.get(n, []))),
                    technologies={t: tuple(sorted(c)) for t, c in sorted(techs[n].items())},
                )
                for n, d in self._nodes("CodeOfConduct")
            ]

        return self._get("codes", build)

    def subscriptions(self) -> list[SubscriptionInfo]:
        return self._get(
            "subscriptions",
            lambda: sorted(
                (
                    SubscriptionInfo(
                        country=u,
                        code=v,
                        date=as_date(d.get("date")),
                        role=str(d.get("role", "subscriber")),
                    )
                    for u, v, d in self._edges("SUBSCRIBES")
                ),
                key=lambda s: (s.code, s.country),
            ),
        )

    def parties(self) -> list[PartyInfo]:
        return self._get("parties", lambda: [party_info(n, d) for n, d in self._nodes("Party")])

    def listings(self, party_ids: list[str]) -> list[ListingInfo]:
        def build() -> dict[str, list[ListingInfo]]:
            out: dict[str, list[ListingInfo]] = defaultdict(list)
            for u, v, d in self._edges("LISTS"):
                out[v].append(listing_info(u, v, d))
            return {
                k: sorted(ls, key=lambda x: (x.issuer, x.list_name, str(x.date)))
                for k, ls in out.items()
            }

        by_party = self._get("listings", build)
        return [x for p in party_ids for x in by_party.get(p, [])]

    def authorisations(self) -> list[AuthorisationInfo]:
        return self._get(
            "authorisations",
            lambda: authorisations_from_edges(self._nodes("GeneralAuthorisation"), self._edges),
        )

    def party_issuers(self) -> list[str]:
        return self._get("party_issuers", lambda: sorted({u for u, _, _ in self._edges("LISTS")}))
