"""The Union General Export Authorisations (Annex II, EU001-EU008) of the consolidated JSON.

Each of the file's ``geas`` is one authorisation's verbatim text in three parts: "Part 1 -
Items", "Part 2 - Destinations", "Part 3 - Conditions and requirements for use". The file's
``gea_common_list`` is Section I of Annex II, the items several authorisations exclude.

Items. An authorisation either covers every entry of Annex I except some ("covers all dual-use
items specified in any entry in Annex I, except ...": EU001, EU003, EU004, EU007) or only the
entries it lists (EU002, EU005, EU006, EU008). The exclusions are read as entries:

* "Section I of this Annex": the codes of Section I; its first line, "all items specified in
  Annex IV", names no code and Annex IV is not in the file, so it stays in the text only;
* "all items listed in Section(s) D (and E) of each Category": every item of those groups;
* EU007 covers only technology and software: every item of groups A, B and C is excluded too,
  and "technology and software related to items under 4A005, ..., 5A001.j" excludes the codes
  it names (4D004 and 4E001.c are themselves software and technology; the software and
  technology related to 4A005, 5A001.f and 5A001.j that sit inside wider entries such as
  5D001 cannot be told apart by code, so that part stays in the text only);
* listed codes ("1A002.a., 1C010, ...").

Listed items are the codes of the items part, except codes that only qualify another ("an item
specified in 5A002.a. as above"); a code followed by a colon and a numbered list (EU006:
"1C350: 1. Thiodiglycol ...; 2. ...") covers the numbered sub-items, whose names are checked
against the entries' texts.

Destinations are country names resolved to ISO codes; "China (including Hong Kong and Macao)"
and "Switzerland, including Liechtenstein" give every place named. EU008 is valid for "all
destinations, excluding" EU001's destinations and a list of countries; every country that is
neither excluded nor part of the Union is a destination.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

from graph_schema import countries, ids
from graph_schema.model import (
    CoversEntry,
    Excludes,
    GeneralAuthorisation,
    Issues,
    Record,
    ValidFor,
)
from ingest.sources.base import ParseError, SourceMeta
from ingest.sources.eu_dual_use_2025.annex import CODE_RE
from ingest.sources.helpers.patterns import squash

# The Member States on the edition date (the Union's own territory: not export destinations),
# as in ingest/reference/memberships.yaml; a test checks the two agree.
EU_MEMBER_STATES = frozenset(
    {
        "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE",
        "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE",
    }
)  # fmt: skip
# Parts of Member States that ISO 3166 codes separately and that are inside the Union (its
# outermost regions, and Aland): not destinations of an export either.
EU_TERRITORIES = frozenset({"GF", "GP", "MQ", "RE", "YT", "MF", "AX"})
# Destinations the texts name that are no single country; they stay in the text only.
UNRESOLVED_DESTINATIONS = {
    # EU003, EU004: the text does not say which territories it means.
    "french overseas territories",
}

_PART_RE = re.compile(
    r"Part\s+(?P<n>[123])\s*[-–—]\s*(?:Items|Destinations|Conditions and requirements for use)"
)
_TITLE_RE = re.compile(r"Article 12\(1\) of this Regulation\)\s*(?P<title>.+?)\s*Issuing authority")
_ALL_EXCEPT_RE = re.compile(r"covers all (?:dual-use items|technology and software)[^.]*?except")
_SECTIONS_RE = re.compile(
    r"all items listed in Sections? (?P<groups>[A-E](?:\s+and\s+[A-E])?) of each [Cc]ategory"
)
_RELATED_RE = re.compile(r"technology and software related to items under (?P<codes>.+?)\.?$")
_QUALIFIER_RE = re.compile(r"^\.?\s*as (?:above|below)")
_HEADER_RE = re.compile(rf"(?P<code>{CODE_RE.pattern})\.?:")
# "1. Thiodiglycol (CAS 111-48-8); 2. ..." (a number opening the list or following "; ").
_NUMBERED_RE = re.compile(r"(?:^\s*|(?<=[;.])\s+)(?P<n>[0-9]{1,2})\.\s+")
_EXCLUDING_RE = re.compile(r"all destinations, excluding:")
_LIST_POINT_RE = re.compile(r"\([a-z]\)\s*(?P<text>.*?)(?=;\s*\([a-z]\)|\.?$)", re.S)
_GEA_REF_RE = re.compile(r"No (EU00[0-9])")
_CITATION = "Regulation (EU) 2021/821, Annex II"


@dataclass
class Authorisation:
    code: str
    section: str  # "A".."H"
    title: str
    items_text: str
    destinations_text: str
    conditions: str
    items: Literal["all-except", "listed"]
    excluded: dict[str, str] = field(default_factory=dict)  # canonical -> as written
    covered: dict[str, str] = field(default_factory=dict)
    destinations: set[str] = field(default_factory=set)


def _parts(code: str, text: str) -> tuple[str, str, str, str]:
    """Head (with the title), items, destinations, conditions."""
    found: dict[str, re.Match[str]] = {}
    for match in _PART_RE.finditer(text):
        found.setdefault(match["n"], match)
    if set(found) != {"1", "2", "3"}:
        raise ParseError(f"{code}: the text lacks its Part 1 (Items), 2 or 3 headings")
    one, two, three = found["1"], found["2"], found["3"]
    if not one.start() < two.start() < three.start():
        raise ParseError(f"{code}: its Parts 1-3 are out of order")
    return (
        text[: one.start()],
        text[one.end() : two.start()].strip(),
        text[two.end() : three.start()].strip(),
        text[three.end() :].strip(),
    )


def _without_parentheses(text: str) -> str:
    out: list[str] = []
    depth = 0
    for char in text:
        if char == "(":
            depth += 1
        elif char == ")":
            depth = max(depth - 1, 0)
        elif depth == 0:
            out.append(char)
    return "".join(out)


def _places(text: str, code: str) -> set[str]:
    """ISO codes of a list of destination names ("Australia, Canada, ..., United States.")."""
    names: list[str] = []
    # "China (including Hong Kong and Macao)": the places the parenthesis includes count too.
    for inner in re.findall(r"\(including ([^()]+)\)", text):
        names.extend(re.split(r",\s*|\s+and\s+", inner))
    for name in _without_parentheses(text).split(","):
        names.append(re.sub(r"^\s*including\s+", "", name))
    found: set[str] = set()
    for raw in names:
        name = squash(raw).rstrip(".;:").strip()
        if not name or name.lower() in UNRESOLVED_DESTINATIONS:
            continue
        resolved: str | None = None
        for alternative in name.split("/"):  # "Myanmar/Burma"
            try:
                resolved = countries.resolve(alternative.strip())
                break
            except countries.UnknownCountry:
                continue
        if resolved is None:
            raise ParseError(f"{code}: destination {name!r} is not a country name")
        found.add(resolved)
    return found


def _destinations(code: str, text: str, earlier: dict[str, Authorisation]) -> set[str]:
    excluding = _EXCLUDING_RE.search(text)
    if excluding is None:
        following = re.search(r"to the following destinations:\s*(?P<list>.+)$", text, re.S)
        if following is None:
            raise ParseError(f"{code}: Part 2 names no destinations")
        return _places(following["list"], code)
    # EU008: "all destinations, excluding: (a) destinations eligible for export under Union
    # general export authorisation No EU001; (b) Afghanistan, ...; (c) any destination ...".
    excluded: set[str] = set()
    after = text[excluding.end() :]
    for point in _LIST_POINT_RE.finditer(after):
        body = squash(point["text"])
        if body.startswith("destinations eligible"):
            for ref in _GEA_REF_RE.findall(body):
                if ref not in earlier:
                    raise ParseError(f"{code}: excludes the destinations of {ref}, not read yet")
                excluded |= earlier[ref].destinations
        elif body.startswith("any destination"):
            continue  # arms embargoes and restrictive measures: not named, text only
        else:
            excluded |= _places(body, code)
    every = set(countries.all_codes())
    return every - excluded - EU_MEMBER_STATES - EU_TERRITORIES


def _section_i(common: str) -> dict[str, str]:
    """The codes of Section I of Annex II, each with its line as written."""
    out: dict[str, str] = {}
    for line in common.split("\n"):
        line = squash(line.lstrip("—–- "))
        match = CODE_RE.match(line)
        if match is not None:
            out[match.group()] = line.rstrip(",")
    return out


def _written_codes(text: str) -> list[str]:
    """Codes in a text except those that only qualify another ("5A002.a. as above")."""
    return [
        match.group()
        for match in CODE_RE.finditer(text)
        if _QUALIFIER_RE.match(text[match.end() :]) is None
    ]


def _numbered(code: str, items: str) -> list[tuple[str, str, str]] | None:
    """EU006's "1C350: 1. Thiodiglycol (...); 2. ..." -> (code, sub-code, name) or None."""
    headers = list(_HEADER_RE.finditer(items))
    if not headers:
        return None
    out: list[tuple[str, str, str]] = []
    for header, following in zip(headers, [*headers[1:], None], strict=True):
        end = following.start() if following is not None else len(items)
        body = items[header.end() : end]
        numbers = list(_NUMBERED_RE.finditer(body))
        if not numbers:
            raise ParseError(f"{code}: {header['code']}: is followed by no numbered list")
        ends = [m.start() for m in numbers[1:]] + [len(body)]
        for number, stop in zip(numbers, ends, strict=True):
            name = squash(body[number.end() : stop]).rstrip(";. ")
            out.append((header["code"], f"{header['code']}.{number['n']}", name))
    return out


class Reader:
    """Reads the authorisations against the entries of this list edition."""

    def __init__(self, entries: dict[str, str], data: dict[str, Any], name: str) -> None:
        self.entries = entries  # canonical -> text
        self.name = name
        common = data.get("gea_common_list")
        if not isinstance(common, str) or not common.strip():
            raise ParseError(f"{name}: no gea_common_list (Section I of Annex II)")
        self.section_i = _section_i(common)
        self.common = squash(common)
        self.anomalies: list[str] = []

    def _entry(self, code: str, gea: str) -> str:
        canonical = code.rstrip(".")
        if canonical not in self.entries:
            raise ParseError(f"{gea}: names {canonical}, which is not an entry of Annex I")
        return canonical

    def _groups(self, letters: str) -> list[str]:
        return [c for c in self.entries if "." not in c and c[1] in letters]

    def read(self, raw: Any, earlier: dict[str, Authorisation]) -> Authorisation:
        if not isinstance(raw, dict) or not isinstance(raw.get("verbatim_text"), str):
            raise ParseError(f"{self.name}: a GEA without verbatim_text")
        code = str(raw.get("id", "")).strip()
        if re.fullmatch(r"EU00[1-9]", code) is None:
            raise ParseError(f"{self.name}: GEA id {code!r} is not like EU001")
        text = raw["verbatim_text"]
        if f"AUTHORISATION No {code}" not in text:
            raise ParseError(f"{code}: the text is not that of Union general authorisation {code}")
        head, items, destinations, conditions = _parts(code, text)
        title = _TITLE_RE.search(squash(head))
        section = re.search(r"—\s*([A-H])\.", str(raw.get("title", "")))
        gea = Authorisation(
            code=code,
            section=section.group(1) if section else "",
            title=squash(title["title"]) if title else squash(str(raw.get("title", code))),
            items_text=squash(items),
            destinations_text=squash(destinations),
            conditions="\n".join(squash(p) for p in conditions.split("\n") if p.strip()),
            items="all-except" if _ALL_EXCEPT_RE.search(squash(items)) else "listed",
        )
        gea.destinations = _destinations(code, squash(destinations), earlier)
        if gea.items == "all-except":
            self._exclusions(gea)
        else:
            self._covered(gea)
        return gea

    def _exclude(self, gea: Authorisation, canonical: str, written: str) -> None:
        before = gea.excluded.get(canonical)
        gea.excluded[canonical] = written if before is None else f"{before}; {written}"

    def _exclusions(self, gea: Authorisation) -> None:
        items = gea.items_text
        if "Section I of this Annex" in items:
            gea.items_text = f"{items} [Section I of Annex II: {self.common}]"
            for code, line in self.section_i.items():
                self._exclude(gea, self._entry(code, gea.code), f"Section I: {line}")
        for sections in _SECTIONS_RE.finditer(items):
            letters = "".join(re.findall(r"[A-E]", sections["groups"]))
            for top in self._groups(letters):
                self._exclude(gea, top, sections.group())
        if "covers all technology and software" in items:
            for top in self._groups("ABC"):
                self._exclude(gea, top, "covers only technology and software")
        related = _RELATED_RE.search(items)
        if related is not None:
            for written in _written_codes(related["codes"]):
                self._exclude(gea, self._entry(written, gea.code), related.group().rstrip("."))
        _, marker, listed = items.partition("the following items specified in Annex I:")
        for written in _written_codes(listed if marker else ""):
            self._exclude(gea, self._entry(written, gea.code), written)
        if not gea.excluded:
            raise ParseError(f"{gea.code}: covers all items except some, but names none")

    def _covered(self, gea: Authorisation) -> None:
        numbered = _numbered(gea.code, gea.items_text)
        if numbered is not None:
            for _, sub, name in numbered:
                canonical = self._entry(sub, gea.code)
                if not _same_item(name, self.entries[canonical]):
                    self.anomalies.append(
                        f"{gea.code}: its words for {sub} differ from the entry's"
                    )
                gea.covered[canonical] = f"{sub} {name}"
        else:
            for written in _written_codes(gea.items_text):
                gea.covered[self._entry(written, gea.code)] = written
        if not gea.covered:
            raise ParseError(f"{gea.code}: lists no entries of Annex I")


def _same_item(name: str, entry_text: str) -> bool:
    """Whether an authorisation's name of a sub-item is the entry's (ignoring punctuation)."""

    def key(text: str) -> str:
        return re.sub(r"[^a-z0-9]+", "", text.lower())

    a, b = key(name), key(entry_text)
    return bool(a) and (a in b or b in a)


def records(
    authorisations: list[Authorisation], list_id: str, meta: SourceMeta
) -> Iterator[Record]:
    for gea in authorisations:
        node_id = gea_id(list_id, gea.code)
        section = f", Section {gea.section}" if gea.section else ""
        where = f"{_CITATION}{section} ({gea.code})"
        prov = meta.provenance(citation=where)
        yield GeneralAuthorisation(
            id=node_id,
            issuer=meta.issuer,
            code=gea.code,
            title=gea.title,
            list_id=list_id,
            items=gea.items,
            items_text=gea.items_text,
            destinations_text=gea.destinations_text,
            conditions=gea.conditions,
            provenance=prov,
        )
        yield Issues(source=meta.issuer, target=node_id, provenance=prov)
        for iso2 in sorted(gea.destinations):
            yield ValidFor(source=node_id, target=ids.country_id(iso2), provenance=prov)
        named: tuple[tuple[type[Excludes | CoversEntry], dict[str, str]], ...] = (
            (Excludes, gea.excluded),
            (CoversEntry, gea.covered),
        )
        for edge, entries in named:
            for canonical, written in entries.items():
                yield edge(
                    source=node_id,
                    target=ids.entry_id(list_id, canonical),
                    written=written,
                    provenance=prov,
                )


def gea_id(list_id: str, code: str) -> str:
    """One authorisation as one list edition states it: ``gea:eu:2025-11-15:EU001``."""
    return f"gea:{list_id.removeprefix('list:')}:{code}"


def read_all(
    entries: dict[str, str], data: dict[str, Any], name: str
) -> tuple[list[Authorisation], list[str]]:
    raw = data.get("geas")
    if not isinstance(raw, list) or not raw:
        raise ParseError(f"{name}: no 'geas' list (the Union general export authorisations)")
    reader = Reader(entries, data, name)
    done: dict[str, Authorisation] = {}
    for item in raw:
        gea = reader.read(item, done)
        if gea.code in done:
            raise ParseError(f"{name}: {gea.code} appears twice")
        done[gea.code] = gea
    return list(done.values()), reader.anomalies
