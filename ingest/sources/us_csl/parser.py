"""US Consolidated Screening List (compact JSON) -> Party nodes and LISTS edges.

The file is a third party's compaction of the trade.gov bulk JSON: one object per entry with
short keys (explained in its ``fieldKey``) and repeated long strings moved into ``tables``.
One entry is one party on one list. Treasury (OFAC) entries carry OFAC's entity number, and an
entity number found on two lists (SDN and SSI, say) is one party: it becomes one Party with a
LISTS edge per list. Entries of the other lists have no identifier in this file, so their key
is built from the list, the name, the countries and the Federal Register citation.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from graph_schema import countries, ids
from graph_schema.model import Record
from graph_schema.provenance import Provenance
from ingest.sources.base import ParseError, SourceMeta, load_json_object
from ingest.sources.helpers.parties import Listing, listed_party
from ingest.sources.helpers.patterns import squash

#: The compact keys this parser reads and the start of the meaning ``fieldKey`` must give each:
#: if the compaction scheme changes, the file is refused instead of being misread.
FIELDS = {
    "n": "name",
    "a": "alt_names",
    "s": "source",
    "t": "type",
    "c": "address countries",
    "e": "entity_number",
    "lr": "license_requirement",
    "lp": "license_policy",
    "pg": "programs",
    "fr": "federal_register_notice",
    "u": "source_list_url",
}
#: Compact key -> the ``tables`` list its integer indexes into.
TABLES = {
    "s": "sources",
    "lr": "licenceRequirements",
    "lp": "licencePolicies",
    "pg": "programmes",
    "u": "urls",
}
#: Dates written into Federal Register citations: "6/19/86", "(9/22/2008)", "04/27/2024".
_DATE_RE = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})(?![\d/])")
_TWO_LETTERS = re.compile(r"[A-Z]{2}")


Edge = tuple[str, date | None, str, str, str | None]


class _Party:
    """One party as its entries are read; OFAC entries of one entity number merge here."""

    __slots__ = ("aliases", "countries", "edges", "key", "kind", "lists", "name", "seen")

    def __init__(self, key: str, name: str, kind: str) -> None:
        self.key = key
        self.name = name
        self.kind = kind
        self.aliases: list[str] = []
        self.countries: list[str] = []
        self.lists: list[str] = []
        self.edges: list[Edge] = []
        self.seen = {name.casefold()}

    def add_alias(self, alias: str) -> None:
        # Case-insensitive: merged OFAC entries repeat names in upper and mixed case.
        folded = alias.casefold()
        if alias and folded not in self.seen:
            self.seen.add(folded)
            self.aliases.append(alias)


@cache
def _country(value: str) -> str | None:
    """ISO alpha-2 for a country the file gives, or None for regions and unknown codes."""
    text = squash(value)
    if text.upper().startswith("REGION:"):
        text = text[len("REGION:") :].strip()
    candidates = [text]
    if text.count(",") == 1:  # "MAN, ISLE OF" -> "ISLE OF MAN"
        head, tail = text.split(",")
        candidates.append(f"{tail.strip()} {head.strip()}")
    for candidate in candidates:
        try:
            return countries.resolve(candidate)
        except countries.UnknownCountry:
            pass
    if _TWO_LETTERS.fullmatch(text):
        try:  # codes the name index lacks but the project knows (e.g. XK, Kosovo)
            countries.names(text, ("en",))
        except countries.UnknownCountry:
            return None
        return text
    return None


def _first_date(citation: str, latest: date) -> date | None:
    """Earliest valid date written in a citation; typos such as "8//28/2025" give none."""
    found: list[date] = []
    for month, day, year in _DATE_RE.findall(citation):
        full = int(year)
        if len(year) == 2:
            full += 2000 if full <= latest.year % 100 else 1900
        try:
            value = date(full, int(month), int(day))
        except ValueError:
            continue
        if value <= latest:
            found.append(value)
    return min(found) if found else None


def _load(path: Path) -> dict[str, Any]:
    return load_json_object(path, "the screening-list object")


def _check_layout(data: dict[str, Any], name: str) -> tuple[list[Any], dict[str, list[str]]]:
    key = data.get("fieldKey")
    if not isinstance(key, dict):
        raise ParseError(f"{name} has no 'fieldKey' object: not a compact screening-list file")
    for short, meaning in FIELDS.items():
        found = key.get(short)
        if not isinstance(found, str) or not found.startswith(meaning):
            raise ParseError(
                f"{name}: fieldKey gives {short!r} as {found!r}, expected {meaning!r}; "
                "the compaction scheme changed"
            )
    tables = data.get("tables")
    if not isinstance(tables, dict):
        raise ParseError(f"{name} has no 'tables' object")
    checked: dict[str, list[str]] = {}
    for short, table in TABLES.items():
        values = tables.get(table)
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            raise ParseError(f"{name}: tables.{table} is not a list of strings")
        checked[short] = values
    entries = data.get("entries")
    if not isinstance(entries, list):
        raise ParseError(f"{name} has no 'entries' list")
    declared = data.get("entryCount")
    if declared != len(entries):
        raise ParseError(
            f"{name} declares {declared!r} entries but holds {len(entries)}: truncated or edited"
        )
    return entries, checked


def _index(entry: dict[str, Any], short: str, tables: dict[str, list[str]], at: int) -> str:
    index = entry[short]
    values = tables[short]
    if type(index) is not int or not 0 <= index < len(values):
        raise ParseError(f"entry {at}: {short!r} = {index!r} is not an index into tables")
    return values[index]


def _strings(value: Any, short: str, at: int) -> list[str]:
    if value is None:
        return []
    if type(value) is not list or not set(map(type, value)) <= {str}:
        raise ParseError(f"entry {at}: {short!r} is not a list of strings")
    return value


def _reason(entry: dict[str, Any], tables: dict[str, list[str]], at: int) -> str:
    """Programmes (OFAC, State) or licence requirement and policy (BIS), labelled."""
    parts = []
    if entry.get("pg") is not None:
        parts.append("Programs: " + _index(entry, "pg", tables, at))
    if entry.get("lr") is not None:
        parts.append("License requirement: " + squash(_index(entry, "lr", tables, at)))
    if entry.get("lp") is not None:
        parts.append("License policy: " + squash(_index(entry, "lp", tables, at)))
    return " | ".join(parts)


def _shared_numbers(entries: list[Any]) -> dict[str, int]:
    """OFAC entity numbers carried by more than one entry, with how many carry each."""
    counts: dict[str, int] = {}
    for entry in entries:
        number = entry.get("e") if type(entry) is dict else None
        if type(number) is str:
            counts[number] = counts.get(number, 0) + 1
    return {number: n for number, n in counts.items() if n > 1}


def _parties(entries: list[Any], tables: dict[str, list[str]], latest: date) -> Iterator[_Party]:
    """Each party once all its entries are read; single entries (nearly all) at once."""
    remaining = _shared_numbers(entries)
    merging: dict[str, _Party] = {}
    keys: dict[str, dict[str, Any]] = {}
    dates: dict[str, date | None] = {}
    reasons: dict[tuple[Any, Any, Any], str] = {}
    sources = tables["s"]
    for at, entry in enumerate(entries):
        if type(entry) is not dict:
            raise ParseError(f"entry {at} is a {type(entry).__name__}, not an object")
        name = entry.get("n")
        if type(name) is not str or not (name := " ".join(name.split())):
            raise ParseError(f"entry {at} has no name ('n')")
        index = entry.get("s")
        if type(index) is not int or not 0 <= index < len(sources):
            raise ParseError(f"entry {at} ({name}): list 's' = {index!r} is not in tables.sources")
        list_name = sources[index]
        codes = _strings(entry.get("c"), "c", at)
        citation = entry.get("fr")
        citation = " ".join(citation.split()) if type(citation) is str else ""
        number = entry.get("e")
        if number is None:
            key = "|".join((list_name, name, ",".join(codes), citation))
            if key in keys:  # another entry with the same list, name, countries and notice
                if keys[key] == entry:
                    continue  # the very same entry twice adds nothing
                key += "|" + ids.short_hash(json.dumps(entry, sort_keys=True, ensure_ascii=False))
                if key in keys:
                    continue
            keys[key] = entry
        elif type(number) is not str or not number.strip():
            raise ParseError(f"entry {at} ({name}): entity number {number!r} is not text")
        else:
            key = number
        shared = key in remaining
        kind = entry.get("t")
        kind = " ".join(kind.split()).lower() if type(kind) is str else ""
        party = merging.get(key) if shared else None
        if party is None:
            party = _Party(key, name, kind or "unknown")
            if shared:
                merging[key] = party
        elif list_name in party.lists:
            party = None  # one OFAC entity twice on one list adds nothing
        else:  # the entity on another list: that list's spelling of the name is an alias
            party.add_alias(name)
            if party.kind == "unknown" and kind:
                party.kind = kind
        if party is not None:
            for alias in _strings(entry.get("a"), "a", at):
                party.add_alias(" ".join(alias.split()))
            for code in codes:
                iso2 = _country(code)
                if iso2 is not None and iso2 not in party.countries:
                    party.countries.append(iso2)
            if citation not in dates:
                dates[citation] = _first_date(citation, latest)
            programs = (entry.get("pg"), entry.get("lr"), entry.get("lp"))
            try:
                reason = reasons[programs]
            except (KeyError, TypeError):  # first time, or not indexes at all
                reason = reasons[programs] = _reason(entry, tables, at)
            url = _index(entry, "u", tables, at) if entry.get("u") is not None else None
            party.lists.append(list_name)
            party.edges.append((list_name, dates[citation], reason, citation, url))
        if shared:
            remaining[key] -= 1
            if remaining[key]:
                continue
            party = merging.pop(key)
        if party is not None:
            yield party


def parse(path: Path, meta: SourceMeta) -> Iterator[Record]:
    data = _load(path)
    entries, tables = _check_layout(data, path.name)
    edge_prov: dict[str | None, Provenance] = {}
    for party in _parties(entries, tables, meta.edition_date):
        listings = []
        for list_name, listed, reason, citation, url in party.edges:
            prov = edge_prov.get(url)
            if prov is None:  # the official page of that list, where one is given
                prov = edge_prov[url] = meta.provenance(citation=url)
            listings.append(Listing(list_name, listed, reason, citation, prov))
        yield from listed_party(
            meta,
            party.key,
            name=party.name,
            kind=party.kind,
            aliases=party.aliases,
            countries=party.countries,
            listings=listings,
        )
