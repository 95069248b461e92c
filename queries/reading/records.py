"""The records the analyses read (lists, entries with their alignment edges, countries, regimes,
memberships, technologies, codes of conduct, parties, authorisations), and the builders that
make them from a node's or an edge's properties, whichever backend holds them."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any


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
class ImplementerInfo:
    """An ``IMPLEMENTS`` edge seen from its regime entry: the implementing entry and its list."""

    entry_id: str
    list_id: str
    impl: ImplInfo


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
    #: Its name per language (en, fr, ar), as the reference data gives it.
    names: dict[str, str] = field(default_factory=dict)


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


# --- builders from node and edge properties -------------------------------------------------


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
        names=dict(props.get("names") or {}),
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


def country_info(node_id: str, props: dict[str, Any]) -> CountryInfo:
    return CountryInfo(
        id=node_id,
        iso2=str(props.get("iso2", node_id.removeprefix("country:"))),
        name=str(props.get("name", node_id)),
        names=dict(props.get("names") or {}),
    )


def member_info(country: str, regime: str, props: dict[str, Any]) -> MemberInfo:
    return MemberInfo(
        country=country,
        regime=regime,
        since=as_date(props.get("since")),
        until=as_date(props.get("until")),
        role=str(props.get("role", "member")),
    )


def subscription_info(country: str, code: str, props: dict[str, Any]) -> SubscriptionInfo:
    return SubscriptionInfo(
        country=country,
        code=code,
        date=as_date(props.get("date")),
        role=str(props.get("role", "subscriber")),
    )


def code_info(
    node_id: str,
    props: dict[str, Any],
    established_by: Iterable[str],
    technologies: dict[str, set[int]],
) -> CodeInfo:
    return CodeInfo(
        id=node_id,
        short_name=str(props.get("short_name", node_id)),
        title=str(props.get("title", "")),
        established_by=tuple(sorted(established_by)),
        technologies={t: tuple(sorted(n)) for t, n in sorted(technologies.items())},
    )
