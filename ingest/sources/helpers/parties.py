"""A party a screening list names, as the party lists (US CSL, Japan's End User List) give it:
the Party node and one LISTS edge from the list's issuer for each list naming it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date

from graph_schema import ids
from graph_schema.model import Lists, Party, Record
from graph_schema.provenance import Provenance
from ingest.sources.base import SourceMeta


@dataclass(frozen=True)
class Listing:
    """One list naming a party: which list, since when, why, where it says so."""

    list_name: str
    date: date | None
    reason: str
    citation: str
    provenance: Provenance


def listed_party(
    meta: SourceMeta,
    key: str,
    *,
    name: str,
    kind: str,
    aliases: list[str],
    countries: list[str],
    listings: Sequence[Listing],
) -> Iterator[Record]:
    """The party ``key`` stands for in the source (its id), then its listings in their order."""
    party_id = ids.party_id(meta.id, key)
    yield Party(
        id=party_id,
        name=name,
        kind=kind,
        aliases=aliases,
        countries=countries,
        lists=[listing.list_name for listing in listings],
        provenance=meta.provenance(),
    )
    for listing in listings:
        yield Lists(
            source=meta.issuer,
            target=party_id,
            key=listing.list_name,
            list_name=listing.list_name,
            date=listing.date,
            reason=listing.reason,
            citation=listing.citation,
            provenance=listing.provenance,
        )
