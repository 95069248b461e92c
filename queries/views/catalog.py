"""Read models of the catalogue: countries, regimes, memberships, technologies, sources, health."""

from __future__ import annotations

import datetime as dt
from datetime import date, datetime
from typing import Literal

from pydantic import Field

from queries.views.base import ProvenanceView, View


class Membership(View):
    regime: str = Field(description="Regime node id.", examples=["regime:wassenaar"])
    regime_name: str = Field(
        description="Short name of the regime.", examples=["Wassenaar Arrangement"]
    )
    role: str = Field(description="Role the country holds in it.", examples=["participating state"])
    since: date | None = Field(default=None, description="Date the membership began.")
    until: date | None = Field(default=None, description="Date it ended; null if current.")
    provenance: ProvenanceView = Field(description="Where the membership fact comes from.")


class Subscription(View):
    code_of_conduct: str = Field(
        description="Code of conduct node id.", examples=["coc:echri-code-of-conduct"]
    )
    title: str = Field(description="Title of the code of conduct.")
    date: dt.date | None = Field(default=None, description="Date the country subscribed.")
    role: str = Field(description="Role the country holds under it.")
    provenance: ProvenanceView = Field(description="Where the subscription fact comes from.")


class GroupMembership(View):
    group: str = Field(description="Country group node id.", examples=["group:us:A:1"])
    issuer: str = Field(description="Node id of the issuer defining the group.")
    code: str = Field(description="Group code in the issuer's scheme.", examples=["A:1"])
    name: str = Field(description="Name of the group.")
    provenance: ProvenanceView = Field(description="Where the grouping fact comes from.")


class CountrySummary(View):
    id: str = Field(description="Country node id.", examples=["country:FR"])
    iso2: str = Field(description="ISO 3166-1 alpha-2 code.", examples=["FR"])
    name: str = Field(description="English name.", examples=["France"])
    names: dict[str, str] = Field(description="Name per language (en, fr, ar).")
    regimes: list[str] = Field(description="Ids of regimes it currently belongs to.")


class CountryDetail(CountrySummary):
    memberships: list[Membership] = Field(description="All memberships, past ones included.")
    subscriptions: list[Subscription] = Field(description="Codes of conduct it subscribes to.")
    groups: list[GroupMembership] = Field(description="Country groups other issuers put it in.")
    lists: list[str] = Field(description="Ids of the control-list editions it issues.")


class RegimeSummary(View):
    id: str = Field(description="Regime node id.", examples=["regime:wassenaar"])
    short_name: str = Field(description="Short name.", examples=["Wassenaar Arrangement"])
    name: str = Field(description="Full name.")
    kind: str = Field(description="regime, union, initiative, forum or treaty.")
    established: date | None = Field(default=None, description="Date it was established.")
    url: str | None = Field(default=None, description="Official website.")
    member_count: int = Field(description="Current members.")
    names: dict[str, str] = Field(description="Name per language (en, fr, ar).")


class RegimeMember(View):
    country: str = Field(description="Country node id.", examples=["country:IN"])
    iso2: str = Field(description="ISO 3166-1 alpha-2 code.")
    name: str = Field(description="Country name.")
    role: str = Field(description="Role in the regime.")
    since: date | None = Field(default=None, description="Date the membership began.")
    until: date | None = Field(default=None, description="Date it ended; null if current.")
    provenance: ProvenanceView = Field(description="Where the membership fact comes from.")


class RegimeDetail(RegimeSummary):
    description: str = Field(description="Short description of the regime.")
    members: list[RegimeMember] = Field(description="Members, former ones with 'until' set.")
    codes_of_conduct: list[str] = Field(description="Ids of codes of conduct it established.")


class TechnologyView(View):
    id: str = Field(description="Technology node id.", examples=["tech:intrusion-software"])
    name: str = Field(description="English label.", examples=["Intrusion software"])
    labels: dict[str, str] = Field(description="Label per language (en, fr, ar).")
    synonyms: dict[str, list[str]] = Field(description="Other phrases per language.")
    parent: str | None = Field(default=None, description="Id of the broader technology.")
    description: str = Field(description="What the technology is.")
    code_hints: list[str] = Field(description="Control codes known to cover it.")


class SourceView(View):
    key: str = Field(
        description="'<source id>@<edition>'.", examples=["us-country-groups@2026-07-23"]
    )
    source_id: str = Field(description="Id of the source.")
    edition: str = Field(description="Edition of the source ingested.")
    title: str = Field(description="Title of the source.")
    issuer: str | None = Field(default=None, description="Node id of the issuer.")
    official_url: str | None = Field(default=None, description="Where the source is published.")
    file_sha256: str | None = Field(default=None, description="Checksum of the file ingested.")
    ingested_at: datetime = Field(description="When this edition was ingested.")
    node_count: int = Field(description="Nodes this source edition put in the graph.")
    edge_count: int = Field(description="Edges this source edition put in the graph.")


class Health(View):
    status: Literal["ok", "starting", "stale"] = Field(
        description="'ok' when answers come from the latest graph read; 'starting' while the "
        "first read is built; 'stale' when reading a newer revision failed (see error).",
        examples=["ok"],
    )
    backend: str = Field(description="Store backend: embedded or neo4j.", examples=["embedded"])
    revision: int | None = Field(
        description="Revision of the graph answers come from; changes with every ingest "
        "(null while starting)."
    )
    counts: dict[str, int] = Field(description="Nodes per label and edges per type.")
    error: str | None = Field(
        default=None, description="Why the graph served is stale, when it is."
    )
    derived: Literal["current", "stale", "rebuilding", "unknown"] = Field(
        default="unknown",
        description="The derived alignment of the graph served: 'current' when it was derived "
        "from the sources and the code the graph now holds; 'stale' when not (an ingest was "
        "stopped before it, or Harmonia changed) and it could not be rebuilt (see error); "
        "'rebuilding' while the server rebuilds it (answers come from the stale graph until "
        "then); 'unknown' while starting.",
        examples=["current"],
    )
