"""Reference data files -> one source batch (``reference@current``).

The YAML files beside this module are the project's own curated facts, each with a citation.
They are validated here so a typo fails loudly instead of quietly dropping a member.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from datetime import date
from functools import cache
from importlib import resources
from typing import Any, Literal, TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from graph_schema import countries, ids
from graph_schema.model import (
    Addresses,
    CodeOfConduct,
    Commitment,
    Country,
    Edge,
    Establishes,
    HasCommitment,
    MemberOf,
    Node,
    Regime,
    RegimeDescription,
    Subscribes,
    Technology,
)
from graph_schema.provenance import Provenance
from store.base import SourceBatch

FILES = ("regimes.yaml", "memberships.yaml", "codes_of_conduct.yaml", "technologies.yaml")
SOURCE_ID = "reference"
EDITION = "current"


class ReferenceDataError(RuntimeError):
    pass


class _Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class RegimeFact(RegimeDescription, _Strict):
    id: str
    citation: str
    note: str = ""
    precision: Literal["day", "month", "year"] = "day"


class MemberFact(_Strict):
    country: str = Field(pattern=r"^[A-Z]{2}$")
    since: date | None = None
    until: date | None = None
    role: str | None = None
    precision: Literal["day", "month", "year"] = "day"
    note: str = ""
    citation: str | None = None


class MembershipFact(_Strict):
    regime: str
    role: str
    citation: str
    note: str = ""
    #: Data-quality assertion: members without an end date.
    expected_current: int | None = None
    members: list[MemberFact]


class CommitmentFact(_Strict):
    number: int
    text: str
    technologies: list[str] = Field(default_factory=list)


class SubscriberFact(_Strict):
    country: str = Field(pattern=r"^[A-Z]{2}$")
    date: dt.date | None = None
    role: str = "subscriber"
    precision: Literal["day", "month", "year"] = "day"
    citation: str
    note: str = ""


class CodeFact(_Strict):
    id: str
    short_name: str
    title: str
    established_by: str
    adopted: date | None = None
    url: str | None = None
    description: str = ""
    note: str = ""
    technologies: list[str] = Field(default_factory=list)
    commitments: list[CommitmentFact] = Field(default_factory=list)
    subscribers: list[SubscriberFact] = Field(default_factory=list)


class TechnologyFact(_Strict):
    id: str
    name: str
    parent: str | None = None
    labels: dict[str, str]
    synonyms: dict[str, list[str]] = Field(default_factory=dict)
    description: str = ""
    code_hints: list[str] = Field(default_factory=list)
    code_hint_notes: str = ""


class ReferenceData(_Strict):
    regimes: list[RegimeFact]
    memberships: list[MembershipFact]
    codes_of_conduct: list[CodeFact]
    technologies: list[TechnologyFact]
    digest: str


def _read(name: str) -> tuple[dict[str, Any], bytes]:
    raw = resources.files("ingest.reference").joinpath(name).read_bytes()
    try:
        data = yaml.safe_load(raw)
    except yaml.YAMLError as exc:
        raise ReferenceDataError(f"ingest/reference/{name}: {exc}") from exc
    if not isinstance(data, dict):
        raise ReferenceDataError(f"ingest/reference/{name}: not a mapping")
    return data, raw


@cache
def load_reference() -> ReferenceData:
    merged: dict[str, Any] = {}
    h = hashlib.sha256()
    for name in FILES:
        data, raw = _read(name)
        h.update(raw)
        for key in ("regimes", "memberships", "codes_of_conduct", "technologies"):
            if key in data:
                merged[key] = data[key]
    try:
        ref = ReferenceData.model_validate({**merged, "digest": h.hexdigest()})
    except ValidationError as exc:
        raise ReferenceDataError(f"reference data is invalid: {exc}") from exc
    _check_links(ref)
    return ref


def _check_links(ref: ReferenceData) -> None:
    regimes = {r.id for r in ref.regimes}
    techs = {t.id for t in ref.technologies}
    known = set(countries.all_codes())
    for m in ref.memberships:
        if m.regime not in regimes:
            raise ReferenceDataError(f"membership of unknown regime {m.regime!r}")
        for member in m.members:
            if member.country not in known:
                raise ReferenceDataError(f"{m.regime}: unknown country code {member.country!r}")
        current = sum(1 for member in m.members if member.until is None)
        if m.expected_current is not None and current != m.expected_current:
            raise ReferenceDataError(
                f"{m.regime}: {current} current members, expected {m.expected_current}"
            )
    for t in ref.technologies:
        if t.parent is not None and t.parent not in techs:
            raise ReferenceDataError(f"technology {t.id}: unknown parent {t.parent!r}")
    for c in ref.codes_of_conduct:
        if c.established_by not in regimes:
            raise ReferenceDataError(f"{c.id}: unknown regime {c.established_by!r}")
        named = set(c.technologies) | {t for cm in c.commitments for t in cm.technologies}
        for tech in sorted(named - techs):
            raise ReferenceDataError(f"{c.id}: unknown technology {tech!r}")
        for s in c.subscribers:
            if s.country not in known:
                raise ReferenceDataError(f"{c.id}: unknown country code {s.country!r}")


N = TypeVar("N", bound=Node)


def _node(node_type: type[N], fact: BaseModel, **given: Any) -> N:
    """The node a fact describes: the fields ``given`` (its id, provenance, and any the fact
    writes otherwise), the others copied from the fact's fields of the same name (the facts
    are written in the nodes' terms)."""
    copied = {
        name: getattr(fact, name)
        for name in node_type.model_fields
        if name not in given and name in type(fact).model_fields
    }
    return node_type(**copied, **given)


def reference_batch() -> SourceBatch:
    """All reference facts plus every country (ISO 3166 names in en/fr/ar) as one batch."""
    ref = load_reference()

    def prov(citation: str | None) -> Provenance:
        return Provenance(source=SOURCE_ID, edition=EDITION, citation=citation)

    nodes: list[Node] = []
    edges: list[Edge] = []
    for iso2 in countries.all_codes():
        nodes.append(
            Country(
                id=ids.country_id(iso2),
                iso2=iso2,
                iso3=countries.iso3(iso2),
                name=countries.display_name(iso2),
                names=countries.names(iso2),
                provenance=prov("ISO 3166-1 (pycountry)"),
            )
        )
    for r in ref.regimes:
        nodes.append(_node(Regime, r, id=ids.regime_id(r.id), provenance=prov(r.citation)))
    for m in ref.memberships:
        for member in m.members:
            edges.append(
                MemberOf(
                    source=ids.country_id(member.country),
                    target=ids.regime_id(m.regime),
                    key=str(member.since or ""),
                    since=member.since,
                    until=member.until,
                    role=member.role or m.role,
                    provenance=prov(member.citation or m.citation),
                )
            )
    for t in ref.technologies:
        parent = ids.technology_id(t.parent) if t.parent else None
        nodes.append(
            _node(Technology, t, id=ids.technology_id(t.id), parent=parent, provenance=prov(None))
        )
    for c in ref.codes_of_conduct:
        coc = ids.code_of_conduct_id(c.id)
        nodes.append(_node(CodeOfConduct, c, id=coc, provenance=prov(c.url)))
        edges.append(
            Establishes(source=ids.regime_id(c.established_by), target=coc, provenance=prov(c.url))
        )
        for tech in c.technologies:
            edges.append(
                Addresses(source=coc, target=ids.technology_id(tech), provenance=prov(c.url))
            )
        for cm in c.commitments:
            cid = ids.commitment_id(coc, cm.number)
            nodes.append(
                Commitment(
                    id=cid,
                    code_of_conduct=coc,
                    number=cm.number,
                    text=cm.text,
                    provenance=prov(c.url),
                )
            )
            edges.append(HasCommitment(source=coc, target=cid, provenance=prov(c.url)))
            for tech in cm.technologies:
                edges.append(
                    Addresses(source=cid, target=ids.technology_id(tech), provenance=prov(c.url))
                )
        for s in c.subscribers:
            edges.append(
                Subscribes(
                    source=ids.country_id(s.country),
                    target=coc,
                    date=s.date,
                    role=s.role,
                    provenance=prov(s.citation),
                )
            )
    return SourceBatch(
        source_id=SOURCE_ID,
        edition=EDITION,
        title="Harmonia reference data (regimes, memberships, codes of conduct, technologies)",
        file_sha256=ref.digest,
        nodes=[n.to_record() for n in nodes],
        edges=[e.to_record() for e in edges],
    )
