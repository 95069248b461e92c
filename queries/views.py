"""Read models the queries return and the API serves (documented field by field)."""

from __future__ import annotations

import datetime as dt
from datetime import date, datetime
from typing import Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field

T = TypeVar("T")


class View(BaseModel):
    model_config = ConfigDict(frozen=True)


class Page(View, Generic[T]):
    """One page of a longer result."""

    items: list[T]
    total: int = Field(description="Number of items over all pages.")
    limit: int = Field(description="Page size asked for.")
    offset: int = Field(description="Index of the first item of this page.")


class ProvenanceView(View):
    source: str = Field(description="Source id the fact comes from.", examples=["reference"])
    edition: str | None = Field(default=None, description="Edition of that source.")
    citation: str | None = Field(default=None, description="URL or section the fact cites.")
    file_sha256: str | None = Field(default=None, description="Checksum of the file read.")


class Membership(View):
    regime: str = Field(description="Regime node id.", examples=["regime:wassenaar"])
    regime_name: str = Field(examples=["Wassenaar Arrangement"])
    role: str = Field(examples=["participating state"])
    since: date | None = Field(default=None, description="Date the membership began.")
    until: date | None = Field(default=None, description="Date it ended; null if current.")
    provenance: ProvenanceView


class Subscription(View):
    code_of_conduct: str = Field(examples=["coc:echri-code-of-conduct"])
    title: str
    date: dt.date | None = Field(default=None, description="Date the country subscribed.")
    role: str
    provenance: ProvenanceView


class GroupMembership(View):
    group: str = Field(description="Country group node id.", examples=["group:us:A:1"])
    issuer: str = Field(description="Node id of the issuer defining the group.")
    code: str = Field(examples=["A:1"])
    name: str
    provenance: ProvenanceView


class CountrySummary(View):
    id: str = Field(examples=["country:FR"])
    iso2: str = Field(examples=["FR"])
    name: str = Field(examples=["France"])
    names: dict[str, str] = Field(description="Name per language (en, fr, ar).")
    regimes: list[str] = Field(description="Ids of regimes it currently belongs to.")


class CountryDetail(CountrySummary):
    memberships: list[Membership] = Field(description="All memberships, past ones included.")
    subscriptions: list[Subscription] = Field(description="Codes of conduct it subscribes to.")
    groups: list[GroupMembership] = Field(description="Country groups other issuers put it in.")
    lists: list[str] = Field(description="Ids of the control-list editions it issues.")


class RegimeSummary(View):
    id: str = Field(examples=["regime:wassenaar"])
    short_name: str = Field(examples=["Wassenaar Arrangement"])
    name: str
    kind: str = Field(description="regime, union, initiative, forum or treaty.")
    established: date | None = None
    url: str | None = None
    member_count: int = Field(description="Current members.")
    names: dict[str, str] = Field(description="Name per language (en, fr, ar).")


class RegimeMember(View):
    country: str = Field(examples=["country:IN"])
    iso2: str
    name: str
    role: str
    since: date | None = None
    until: date | None = None
    provenance: ProvenanceView


class RegimeDetail(RegimeSummary):
    description: str
    members: list[RegimeMember] = Field(description="Members, former ones with 'until' set.")
    codes_of_conduct: list[str] = Field(description="Ids of codes of conduct it established.")


class TechnologyView(View):
    id: str = Field(examples=["tech:intrusion-software"])
    name: str = Field(examples=["Intrusion software"])
    labels: dict[str, str] = Field(description="Label per language (en, fr, ar).")
    synonyms: dict[str, list[str]] = Field(description="Other phrases per language.")
    parent: str | None = Field(default=None, description="Id of the broader technology.")
    description: str
    code_hints: list[str] = Field(description="Control codes known to cover it.")


class SourceView(View):
    key: str = Field(
        description="'<source id>@<edition>'.", examples=["us-country-groups@2026-07-23"]
    )
    source_id: str
    edition: str
    title: str
    issuer: str | None = Field(default=None, description="Node id of the issuer.")
    official_url: str | None = None
    file_sha256: str | None = Field(default=None, description="Checksum of the file ingested.")
    ingested_at: datetime
    node_count: int
    edge_count: int


class Health(View):
    status: str = Field(examples=["ok"])
    backend: str = Field(examples=["embedded"])
    revision: int = Field(description="Store revision; changes with every ingest.")
    counts: dict[str, int] = Field(description="Nodes per label and edges per type.")
