"""Japan's METI Foreign End-User List (JSON) -> Party nodes and LISTS edges from ``country:JP``.

METI publishes the list as a PDF table: number, country or region, name, other names, and the
type of concern (WMD: biological B, chemical C, missile M, nuclear N; conventional weapons CW).
The file read here is a third party's conversion of that table into a JSON array, one object per
entry: ``id`` ("jp-eul-N", N the list's own number), ``entity_name``, ``aliases``,
``addresses`` (one element: the country or region column), ``entity_type`` and ``reason`` (the
concern column in Japanese, e.g. "大量破壊兵器等の懸念: ミサイル、核 M,N; 通常兵器の懸念: CW").
The array is in the order of the ids as strings, so entries are sorted by N here.

Quirks of the conversion and how they are read:

- 36 Chinese entries have an empty ``entity_name`` and the name glued after the country in
  ``addresses`` ("People's Republic of China Abascience Tech Co. Ltd"): the longest leading run
  of words naming a country is the country, the rest the name. An entry with no name either way
  is refused.
- The concern letters are written with half- or full-width commas and letters ("M、N", "Ｎ") and
  sometimes without a space ("ミサイルM"); they are read after NFKC normalisation and checked
  against the Japanese words before them.
- The file gives no date of listing (``date_added`` is always null), so LISTS edges carry no
  date; the edition (the revision of 2025-09-29) is on every record's provenance.

Names and aliases are kept as written (whitespace normalised only); matching them against other
issuers' lists happens at query time, not here. A party's id is built from its country and name,
which (unlike the number, reassigned at every revision) stay the same from one revision to the
next.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graph_schema import countries
from graph_schema.model import Record
from ingest.sources.base import ParseError, SourceMeta, load_json
from ingest.sources.helpers.parties import Listing, listed_party
from ingest.sources.helpers.patterns import squash

LIST_NAME = "METI Foreign End-User List"
LIST_ID = "jp-end-user-list"
_ID = re.compile(r"jp-eul-(\d+)")
#: Japanese words of the WMD concern column and the letter METI gives each.
WMD_WORDS = {"生物": "B", "化学": "C", "ミサイル": "M", "核": "N"}
CONCERN_NAMES = {
    "B": "biological",
    "C": "chemical",
    "M": "missile",
    "N": "nuclear",
    "CW": "conventional weapons",
}
_WMD = re.compile(r"大量破壊兵器等の懸念\s*:\s*(?P<words>[^A-Z]*?)\s*(?P<letters>[A-Z][A-Z,、\s]*)")
_CONVENTIONAL = re.compile(r"通常兵器の懸念\s*:\s*CW")
#: Official long names the country index does not know, once this prefix is dropped.
_LONG_FORM = re.compile(r"^(?:Republic|State|Kingdom) of\s+")
#: Entity types as the US parties spell them, so both lists read alike.
_KINDS = {"organization": "entity", "organisation": "entity", "person": "individual"}


@dataclass(frozen=True)
class Entry:
    """One numbered entry of the list, as read (before any node is built)."""

    number: int
    name: str
    aliases: tuple[str, ...]
    country_text: str
    country: str | None
    kind: str
    concerns: tuple[str, ...]
    concern_text: str
    #: True when the name was recovered from the country column.
    name_recovered: bool = False


def _resolve(text: str) -> str | None:
    """ISO alpha-2 for a country or region as METI writes it, or None."""
    for candidate in (text, _LONG_FORM.sub("", text)):
        try:
            return countries.resolve(candidate)
        except countries.UnknownCountry:
            continue
    return None


def _split_country(text: str) -> tuple[str, str | None, str]:
    """(country text, ISO2, rest) for a country column that may have the name glued after it."""
    iso2 = _resolve(text)
    if iso2 is not None:
        return text, iso2, ""
    words = text.split()
    # Longest leading run first: "People's Republic of China" before any shorter reading.
    for end in range(len(words) - 1, 0, -1):
        head = " ".join(words[:end])
        iso2 = _resolve(head)
        if iso2 is not None and len(head) > 3:  # never a bare code such as "AO"
            return head, iso2, " ".join(words[end:])
    return text, None, ""


def read_concerns(text: str) -> tuple[tuple[str, ...], list[str]]:
    """Concern letters (B, C, M, N, CW) of the concern column, and any problems found."""
    normal = unicodedata.normalize("NFKC", text)
    letters: list[str] = []
    problems: list[str] = []
    for part in (p.strip() for p in normal.split(";")):
        if not part:
            continue
        wmd = _WMD.fullmatch(part)
        if wmd:
            words = [w for w in re.split(r"[、,\s]+", wmd["words"]) if w]
            written = [c for c in re.split(r"[、,\s]+", wmd["letters"]) if c]
            expected = [WMD_WORDS.get(w, "?") for w in words]
            if expected != written or any(c not in WMD_WORDS.values() for c in written):
                problems.append(f"words {words} do not match letters {written}")
            letters.extend(c for c in written if c not in letters)
        elif _CONVENTIONAL.fullmatch(part):
            letters.append("CW")
        else:
            problems.append(f"concern {part!r} not understood")
    if not letters and not problems:
        problems.append("no type of concern")
    return tuple(letters), problems


def concern_reason(letters: tuple[str, ...], fallback: str) -> str:
    """The concern in English: "WMD (missile M, nuclear N); conventional weapons (CW)"."""
    wmd = [f"{CONCERN_NAMES[c]} {c}" for c in letters if c in WMD_WORDS.values()]
    parts = []
    if wmd:
        parts.append(f"Weapons of mass destruction concern: {', '.join(wmd)}")
    if "CW" in letters:
        parts.append("Conventional weapons concern: CW")
    return "; ".join(parts) or squash(fallback)


def _load(path: Path) -> list[Any]:
    try:
        data = load_json(path, "the JSON conversion of the METI list")
    except ParseError:
        raise
    except (RecursionError, ValueError) as exc:
        raise ParseError(f"{path.name} is not the METI list JSON: {exc}") from exc
    if not isinstance(data, list):
        raise ParseError(
            f"{path.name} holds a JSON {type(data).__name__}, not the array of METI list entries"
        )
    if not data:
        raise ParseError(f"{path.name} holds no entries")
    return data


def _text(entry: dict[str, Any], key: str, where: str) -> str:
    value = entry.get(key)
    if not isinstance(value, str):
        raise ParseError(f"{where}: {key!r} is {type(value).__name__}, not text")
    return squash(value)


def _texts(entry: dict[str, Any], key: str, where: str) -> list[str]:
    value = entry.get(key)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ParseError(f"{where}: {key!r} is not a list of strings")
    return [c for c in (squash(v) for v in value) if c]


def _entry(raw: Any, at: int) -> Entry:
    if not isinstance(raw, dict):
        raise ParseError(f"entry {at} is a {type(raw).__name__}, not an object")
    if raw.get("list_id") != LIST_ID:
        raise ParseError(
            f"entry {at} has list_id {raw.get('list_id')!r}, not {LIST_ID!r}: "
            "not the METI Foreign End-User List"
        )
    key = raw.get("id")
    number_match = _ID.fullmatch(key) if isinstance(key, str) else None
    if number_match is None:
        raise ParseError(f"entry {at} has id {key!r}, not 'jp-eul-<number>'")
    number = int(number_match[1])
    where = f"entry No. {number}"
    name = _text(raw, "entity_name", where)
    places = _texts(raw, "addresses", where)
    if len(places) != 1:
        raise ParseError(f"{where} gives {len(places)} countries, expected one")
    country_text, iso2, rest = _split_country(places[0])
    recovered = False
    if not name and rest:
        name, recovered = rest, True
    elif rest:  # a name both in its column and after the country: keep the country whole
        country_text, iso2 = places[0], None
    if not name:
        raise ParseError(f"{where} has no name")
    aliases: list[str] = []
    seen = {name.casefold()}
    for alias in _texts(raw, "aliases", where):
        if alias.casefold() not in seen:
            seen.add(alias.casefold())
            aliases.append(alias)
    kind = _text(raw, "entity_type", where).lower()
    concern_text = _text(raw, "reason", where)
    letters, _ = read_concerns(concern_text)
    return Entry(
        number=number,
        name=name,
        aliases=tuple(aliases),
        country_text=country_text,
        country=iso2,
        kind=_KINDS.get(kind, kind or "unknown"),
        concerns=letters,
        concern_text=concern_text,
        name_recovered=recovered,
    )


def read_entries(path: Path) -> list[Entry]:
    """Every entry of the file, in the list's own order (by number)."""
    entries = [_entry(raw, at) for at, raw in enumerate(_load(path))]
    entries.sort(key=lambda e: e.number)
    return entries


def anomalies(entries: list[Entry]) -> list[str]:
    """Departures from the list's structure: numbers 1..N each once, each country one run of
    consecutive numbers, every country known, the concern letters matching their words."""
    found: list[str] = []
    expected = 1
    for e in entries:
        if e.number != expected:
            what = "repeated" if e.number < expected else f"follows No. {expected - 1}"
            found.append(f"No. {e.number} {what}")
        expected = e.number + 1
    closed: set[str] = set()
    previous: str | None = None
    for e in entries:
        if e.country_text != previous:
            if e.country_text in closed:
                found.append(f"No. {e.number}: {e.country_text} again after another country")
            if previous is not None:
                closed.add(previous)
            previous = e.country_text
        if e.country is None:
            found.append(f"No. {e.number}: country {e.country_text!r} not known")
        found.extend(f"No. {e.number}: {p}" for p in read_concerns(e.concern_text)[1])
    return found


def parse(path: Path, meta: SourceMeta) -> Iterator[Record]:
    entries = read_entries(path)
    numbers = [e.number for e in entries]
    if len(set(numbers)) != len(numbers):
        twice = sorted({n for n in numbers if numbers.count(n) > 1})
        raise ParseError(f"{path.name}: numbers {twice[:5]} occur more than once")
    used: set[str] = set()
    for e in entries:
        key = f"{e.country or e.country_text}|{e.name}"
        if key in used:  # the same name twice in one country: the number tells them apart
            key += f"|No. {e.number}"
        used.add(key)
        # The concern column as METI writes it, the evidence the English reason renders.
        evidence = meta.provenance(sentence=e.concern_text)
        reason = concern_reason(e.concerns, e.concern_text)
        yield from listed_party(
            meta,
            key,
            name=e.name,
            kind=e.kind,
            aliases=list(e.aliases),
            countries=[e.country] if e.country else [],
            listings=[Listing(LIST_NAME, None, reason, f"No. {e.number}", evidence)],
        )
