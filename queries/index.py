"""Per-revision indexes the analyses share: lists, entries, jurisdictions, coverage maps.

Everything here is derived from :class:`queries.data.GraphData` and built once per graph
revision (lazily, piece by piece), so an analysis is a few dictionary look-ups and a merge.

Vocabulary used throughout the analyses:

* a **jurisdiction** is a country, the EU, or a regime; its **lists** are the newest edition of
  every control list it issues, and for an EU member state the EU list (the EU dual-use list
  applies directly in every member state);
* the **reference list** is the newest edition of the Wassenaar list, the one the alignment's
  ``IMPLEMENTS`` edges point to;
* a regime entry's **status** for a jurisdiction says whether and how the jurisdiction's lists
  control it (see :data:`CONTROLLED`, :data:`ABSENT`, :data:`NOT_HELD`).
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from graph_schema.codes import (
    US_RESTATED,
    CodeError,
    CodeSystem,
    parse_code,
    wassenaar_equivalent,
)
from graph_schema.wording import CAS, EXCLUDES, ITEMS_POINTER
from queries.data import (
    CountryInfo,
    EntryInfo,
    GraphData,
    ImplInfo,
    ListInfo,
    MemberInfo,
    OriginInfo,
    RegimeInfo,
    TechInfo,
)
from queries.errors import NotFound

WASSENAAR = "regime:wassenaar"
EU = "regime:eu"
DUAL_USE = "dual-use"
MUNITIONS = "munitions"
#: Which kinds of regime entries a list of a given numbering can hold.
DOMAINS: dict[str, frozenset[str]] = {
    "wassenaar": frozenset({DUAL_USE, MUNITIONS}),
    "eccn": frozenset({DUAL_USE}),
    "scomet": frozenset({DUAL_USE, MUNITIONS}),
    "munitions": frozenset({MUNITIONS}),
    "uk-national": frozenset(),
    # The MTCR and NSG annexes are references of their own, not of the Wassenaar domains.
    "mtcr": frozenset(),
    "nsg": frozenset(),
}
SCOPES = ("same", "broader", "narrower", "different-parameters")
#: Statuses of a regime entry in a jurisdiction's lists.
DIRECT = frozenset({*SCOPES, "implemented"})
CONTROLLED = frozenset({*DIRECT, "via-parent", "partial"})
ABSENT = frozenset({"not-implemented", "not-in-edition-held"})
#: no-match-found: an entry of a regime annex (MTCR, NSG) whose content no national entry was
#: found to share; those annexes' numbers say nothing of national codes, so absence is not
#: claimed from a text search.
NOT_HELD = frozenset({"no-comparable-list", "no-list-held", "no-match-found", "not-held-in-copy"})


#: A national control of its own "carries the words" of a regime entry when it has this share
#: of the entry's words and of its headings' (the subject: "electronic computers"), and the
#: entry says enough to tell (a two-word leaf such as "Ultrasonic atomisation" does not).
ALIKE_OWN = 0.8
ALIKE_SUBJECT = 0.5
ALIKE_MIN_WORDS = 3

_ECCN_CITED = re.compile(r"\b([0-9][A-E][0-9]{3})\b")
#: An entry's item code, its group (``8D``) and number (``001``).
_ITEM_NUMBER = re.compile(r"^(?P<item>(?P<group>[0-9][A-E])(?P<number>[0-9]{3}))(?:\.|$)")
#: Item numbers from here up are national ones (x1xx MTCR, x2xx NSG, x9xx unilateral...), not
#: a continuation of the regime's numbering.
NATIONAL_NUMBERS = 100


def _comes_after(label: str, wanted: str) -> bool:
    """Does sub-paragraph ``label`` come after ``wanted`` in the same kind of numbering?"""
    if label.isdigit() and wanted.isdigit():
        return int(label) > int(wanted)
    if label.isalpha() and wanted.isalpha() and len(label) == len(wanted) == 1:
        return label > wanted
    return False


EXCERPT = 280


def excerpt(text: str, limit: int = EXCERPT) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def fold(text: str) -> str:
    """Case-, accent- and spacing-insensitive form for matching names and labels.

    Arabic: diacritics and tatweel dropped, alef forms, taa marbuta and alef maqsura unified.
    """
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    kept = "".join(ch for ch in decomposed if not unicodedata.combining(ch) and ch != "\u0640")
    for variants, plain in (("أإآٱ", "ا"), ("ة", "ه"), ("ى", "ي")):
        for ch in variants:
            kept = kept.replace(ch, plain)
    return " ".join(kept.replace("-", " ").replace("'", " ").split())


_WORD = re.compile(r"\w+", re.UNICODE)
_STOP_WORDS = (
    "a an and any are as at be by for from in into is it of on or than that the their these "
    "this to with which not"
)
_STOP = frozenset(_STOP_WORDS.split())


def tokens(text: str) -> list[str]:
    """The words of a text for matching: folded, stop words dropped, lightly stemmed."""
    out = []
    for word in _WORD.findall(fold(text)):
        if word in _STOP or len(word) < 2:
            continue
        # A light stem so that "systems" finds "system" and "equipments" "equipment".
        out.append(word[:-1] if len(word) > 4 and word.endswith("s") else word)
    return out


def _content_words(text: str) -> set[str]:
    """Words that say what an entry controls (numbers and units aside)."""
    return {w for w in tokens(text) if w.isalpha() and len(w) > 2}


def domain_of(entry: EntryInfo) -> str:
    return MUNITIONS if (entry.category or "").startswith("ML") else DUAL_USE


def parent_code(canonical: str) -> str | None:
    return canonical.rsplit(".", 1)[0] if "." in canonical else None


@dataclass(frozen=True, slots=True)
class Jurisdiction:
    key: str
    node: str
    name: str
    kind: str
    lists: tuple[ListInfo, ...]
    via: str | None = None

    @property
    def domains(self) -> frozenset[str]:
        out: set[str] = set()
        for info in self.lists:
            out |= DOMAINS.get(info.numbering, frozenset())
        return frozenset(out)

    def lists_for(self, domain: str) -> tuple[ListInfo, ...]:
        return tuple(i for i in self.lists if domain in DOMAINS.get(i.numbering, frozenset()))


@dataclass(frozen=True, slots=True)
class Status:
    """How one jurisdiction's lists control one regime entry."""

    status: str
    entries: tuple[EntryInfo, ...] = ()
    impls: tuple[ImplInfo, ...] = ()
    lists: tuple[ListInfo, ...] = ()
    #: For an absent regime entry: the first regime edition held that has it, and the edition
    #: held before that one (which lacks it), when one is held.
    introduced: ListInfo | None = None
    lacked_by: ListInfo | None = None
    #: For an absent regime entry: the jurisdiction's own controls (outside the regimes) that
    #: carry its words, under their own reasons for control and bounds.
    alike: tuple[EntryInfo, ...] = ()
    #: For a regime entry whose substance another regime entry held until a Note took it
    #: out, and whose controls of that other entry are not comparable: that other entry.
    moved_from: EntryInfo | None = None

    @property
    def controlled(self) -> bool:
        return self.status in CONTROLLED


@dataclass(frozen=True, slots=True)
class NationalGroup:
    """A national entry with no regime counterpart in the reference list, and its sub-entries."""

    kind: str  # unilateral | other-regime | not-in-regime-list | restated
    entry: EntryInfo
    origin: OriginInfo
    list: ListInfo
    sub_entries: int


class Index:
    """Derived look-ups for one revision of the graph."""

    def __init__(self, data: GraphData) -> None:
        self.data = data
        self._lock = threading.RLock()
        self.all_lists = {info.id: info for info in data.lists()}
        newest: dict[tuple[str, str], ListInfo] = {}
        for info in self.all_lists.values():
            key = (info.issuer, info.series)
            if key not in newest or info.edition_date > newest[key].edition_date:
                newest[key] = info
        self.current_lists = sorted(newest.values(), key=lambda i: i.id)
        self.lists_of_issuer: dict[str, list[ListInfo]] = defaultdict(list)
        for info in self.current_lists:
            self.lists_of_issuer[info.issuer].append(info)
        regime_lists = self.lists_of_issuer.get(WASSENAAR, [])
        self.reference: ListInfo | None = max(
            regime_lists, key=lambda i: i.edition_date, default=None
        )
        self.countries: dict[str, CountryInfo] = {c.id: c for c in data.countries()}
        self.regimes: dict[str, RegimeInfo] = {r.id: r for r in data.regimes()}
        self.memberships: list[MemberInfo] = data.memberships()
        self.members: dict[str, set[str]] = defaultdict(set)
        self.member_of: dict[str, set[str]] = defaultdict(set)
        for m in self.memberships:
            if m.current():
                self.members[m.regime].add(m.country)
                self.member_of[m.country].add(m.regime)
        self.techs: dict[str, TechInfo] = {t.id: t for t in data.technologies()}
        children: dict[str, list[str]] = defaultdict(list)
        for tech in self.techs.values():
            if tech.parent:
                children[tech.parent].append(tech.id)
        self.tech_children = children
        self._entries: dict[str, dict[str, EntryInfo]] = {}
        self._by_id: dict[str, EntryInfo] = {}
        self._parents: dict[str, set[str]] = {}
        self._twins_in: dict[str, frozenset[str]] = {}
        self._techs_of: dict[str, dict[str, frozenset[str]]] = {}
        self._techs_below: dict[str, dict[str, set[str]]] = {}
        self._status: dict[tuple[str, str], dict[str, Status]] = {}
        self._national: dict[str, list[NationalGroup]] = {}
        self._counterparts: dict[str, dict[str, list[EntryInfo]]] = {}
        self._counterpart: dict[str, str | None] = {}
        self._by_code: dict[str, dict[str, list[EntryInfo]]] = {}
        self._implementers: dict[str, list[tuple[EntryInfo, ImplInfo]]] | None = None
        self._previous: dict[str, EntryInfo] | None = None
        self._cited: dict[str, dict[str, EntryInfo]] = {}
        self._item_groups: dict[str, dict[str, list[tuple[int, EntryInfo]]]] = {}
        self._own: dict[str, list[tuple[EntryInfo, frozenset[str]]]] = {}
        self._moves: dict[str, dict[str, tuple[EntryInfo, ...]]] = {}

    # --- entries ------------------------------------------------------------------------------

    def entries(self, list_id: str) -> dict[str, EntryInfo]:
        """Entries of one list edition by canonical code, in code order (parents first)."""
        with self._lock:
            found = self._entries.get(list_id)
            if found is None:
                found = {e.canonical: e for e in self.data.entries(list_id)}
                self._entries[list_id] = found
                for e in found.values():
                    self._by_id[e.id] = e
                # Reserved sub-entries do not count: a list that itemises only a reserved
                # paragraph still does not itemise the others.
                self._parents[list_id] = {
                    e.parent for e in found.values() if e.parent and e.status == "active"
                }
            return found

    def entry(self, entry_id: str) -> EntryInfo | None:
        found = self._by_id.get(entry_id)
        if found is not None:
            return found
        for info in self.all_lists.values():
            if entry_id.startswith("entry:" + info.id.removeprefix("list:") + ":"):
                return self.entries(info.id).get(entry_id.split(":", 3)[3])
        return None

    def implementers(self, regime_entry_id: str) -> list[tuple[EntryInfo, ImplInfo]]:
        """Entries of every list held (all editions) that implement a regime entry."""
        with self._lock:
            if self._implementers is None:
                table: dict[str, list[tuple[EntryInfo, ImplInfo]]] = defaultdict(list)
                for info in sorted(self.all_lists.values(), key=lambda i: i.id):
                    for e in self.entries(info.id).values():
                        for impl in e.implements:
                            table[impl.target].append((e, impl))
                self._implementers = dict(table)
            return self._implementers.get(regime_entry_id, [])

    def editions_of(self, info: ListInfo) -> list[ListInfo]:
        """Every edition held of ``info``'s list (same issuer and series), oldest first."""
        return sorted(
            (
                i
                for i in self.all_lists.values()
                if (i.issuer, i.series) == (info.issuer, info.series)
            ),
            key=lambda i: (i.edition_date, i.edition),
        )

    def following(self, entry: EntryInfo) -> EntryInfo | None:
        """The same entry in the next edition held of its list (``NEXT_EDITION``)."""
        return None if entry.next is None else self.entry(entry.next.target)

    def previous(self, entry: EntryInfo) -> EntryInfo | None:
        """The same entry in the edition held before, if that edition has it."""
        with self._lock:
            if self._previous is None:
                table: dict[str, EntryInfo] = {}
                for info in self.all_lists.values():
                    for e in self.entries(info.id).values():
                        if e.next is not None:
                            table[e.next.target] = e
                self._previous = table
            return self._previous.get(entry.id)

    def _skipped_in_copy(self, e: EntryInfo, above: Status | None) -> EntryInfo | None:
        """A later sibling the national copy holds under the parent it matched, when the copy
        has no paragraph with ``e``'s label there (a gap in the copy), else None."""
        if above is None or not above.entries or above.status not in DIRECT:
            return None
        label = e.canonical.rsplit(".", 1)[-1]
        if not label or "." not in e.canonical:
            return None
        for parent in above.entries:
            siblings = [
                c for c in self.entries(parent.list_id).values() if c.parent == parent.canonical
            ]
            labels = {c.canonical.rsplit(".", 1)[-1] for c in siblings}
            if label in labels:
                return None
            later = [c for c in siblings if _comes_after(c.canonical.rsplit(".", 1)[-1], label)]
            if later:
                return min(later, key=lambda c: c.canonical)
        return None

    def _cited_not_held(self, e: EntryInfo, held: tuple[ListInfo, ...]) -> EntryInfo | None:
        """An entry of a held ECCN-numbered copy that cites the item ``e`` belongs to (by its
        ECCN) although the copy holds no such item: the copy lost it (the US CCL JSON merged
        3D006 into 3D005, whose notes still say "For the purposes of 3D006")."""
        item = e.canonical.split(".", 1)[0]
        for info in held:
            if info.numbering != "eccn" or item in self.entries(info.id):
                continue
            citing = self._citations(info.id).get(item)
            if citing is not None:
                return citing
        return None

    def _items_not_held(self, n: EntryInfo) -> bool:
        """Is ``n`` a heading whose items its copy does not hold? It points to its "List of
        Items Controlled", has no paragraph below it, and its copy is known to lose paragraphs
        (the CCL JSON holds item text for Categories 1, 3, 4 and 5 only: 9A610 "Military
        aircraft and related commodities" is a heading there)."""
        info = self.all_lists.get(n.list_id)
        return (
            info is not None
            and "paragraphs" in info.copy_may_lack
            and not self.has_children(n)
            and ITEMS_POINTER.search(f"{n.heading} {n.text}") is not None
        )

    def _item_gap(self, e: EntryInfo, held: tuple[ListInfo, ...]) -> EntryInfo | None:
        """A later item of the same group in a held ECCN-numbered copy known to lose whole
        items, when the copy lacks ``e``'s item: a gap in the numbering of such a copy is not
        evidence of absence (the US CCL JSON goes from 8C609 to 8D002, without 8D001)."""
        found = _ITEM_NUMBER.match(e.canonical)
        if found is None:
            return None
        group, number = found["group"], int(found["number"])
        for info in held:
            if "items" not in info.copy_may_lack or info.numbering != "eccn":
                continue
            if found["item"] in self.entries(info.id):
                continue
            later = [
                x
                for n, x in self._items_by_group(info.id).get(group, [])
                if number < n < NATIONAL_NUMBERS
            ]
            if later:
                return min(later, key=lambda x: x.canonical)
        return None

    def _items_by_group(self, list_id: str) -> dict[str, list[tuple[int, EntryInfo]]]:
        """A list's items (top-level entries) by group (``8D``), with their numbers."""
        with self._lock:
            found = self._item_groups.get(list_id)
            if found is None:
                found = defaultdict(list)
                for code, x in self.entries(list_id).items():
                    m = _ITEM_NUMBER.match(code)
                    if x.level == 0 and m is not None:
                        found[m["group"]].append((int(m["number"]), x))
                self._item_groups[list_id] = found
            return found

    def _citations(self, list_id: str) -> dict[str, EntryInfo]:
        """Item codes (ECCN form) a list's texts and notes cite -> the first entry citing it."""
        with self._lock:
            found = self._cited.get(list_id)
            if found is None:
                found = {}
                for entry in self.entries(list_id).values():
                    for text in (entry.text, *entry.notes):
                        for code in _ECCN_CITED.findall(text):
                            found.setdefault(code, entry)
                self._cited[list_id] = found
            return found

    def is_reference(self, entry_id: str) -> bool:
        """Is ``entry_id`` an entry of a Wassenaar list (not of another regime's annex)?"""
        found = self.entry(entry_id)
        return found is not None and self.all_lists[found.list_id].issuer == WASSENAAR

    def introduction(self, entry: EntryInfo) -> tuple[ListInfo, ListInfo | None]:
        """The first edition held of ``entry``'s list that has it (followed back through
        renumberings), and the edition held just before that one, which lacks it (None when
        the entry is in the oldest edition held: when it was added is then unknown)."""
        first = entry
        while (earlier := self.previous(first)) is not None:
            first = earlier
        info = self.all_lists[first.list_id]
        editions = self.editions_of(info)
        position = editions.index(info)
        return info, editions[position - 1] if position > 0 else None

    def has_children(self, entry: EntryInfo) -> bool:
        self.entries(entry.list_id)
        return entry.canonical in self._parents.get(entry.list_id, set())

    def ancestors(self, entry: EntryInfo) -> list[EntryInfo]:
        """Nearest first."""
        found = []
        table = self.entries(entry.list_id)
        parent = entry.parent
        while parent:
            node = table.get(parent)
            if node is None:
                break
            found.append(node)
            parent = node.parent
        return found

    def descendants_count(self, entry: EntryInfo) -> int:
        prefix = entry.canonical + "."
        return sum(1 for c in self.entries(entry.list_id) if c.startswith(prefix))

    def bounds_text(self, entry: EntryInfo) -> str:
        """The bounds an entry and its paragraphs state, in the list's words."""
        prefix = entry.canonical + "."
        table = self.entries(entry.list_id)
        below = [e for c, e in table.items() if c == entry.canonical or c.startswith(prefix)]
        said = unique(
            f"{p.get('quantity', '')} {p['text']}".strip()
            for e in below
            for p in e.parameters
            if p.get("text")
        )
        return "; ".join(said) if said else excerpt(entry.text).rstrip(".;:")

    def technologies_of(self, entry: EntryInfo) -> frozenset[str]:
        """Technologies the entry covers, itself or through an enclosing entry."""
        with self._lock:
            table = self._techs_of.get(entry.list_id)
            if table is None:
                table = {}
                for e in self.entries(entry.list_id).values():
                    own = {c.technology for c in e.covers}
                    inherited = table.get(f"{e.list_id}|{e.parent}", frozenset())
                    table[f"{e.list_id}|{e.canonical}"] = frozenset(own) | inherited
                self._techs_of[entry.list_id] = table
            return table.get(f"{entry.list_id}|{entry.canonical}", frozenset())

    def technologies_below(self, entry: EntryInfo) -> frozenset[str]:
        """Technologies the entry or any of its sub-entries covers (inherited ones included)."""
        with self._lock:
            table = self._techs_below.get(entry.list_id)
            if table is None:
                table = defaultdict(set)
                entries = self.entries(entry.list_id)
                for e in entries.values():
                    own = {c.technology for c in e.covers}
                    if not own:
                        continue
                    table[e.canonical] |= own
                    for above in self.ancestors(e):
                        table[above.canonical] |= own
                self._techs_below[entry.list_id] = table
        return frozenset(table.get(entry.canonical, ())) | self.technologies_of(entry)

    # --- technologies -------------------------------------------------------------------------

    def tech_closure(self, tech_id: str) -> frozenset[str]:
        """The technology and every narrower one (spyware is a kind of intrusion software)."""
        out = {tech_id}
        todo = [tech_id]
        while todo:
            for child in self.tech_children.get(todo.pop(), []):
                if child not in out:
                    out.add(child)
                    todo.append(child)
        return frozenset(out)

    def resolve_technology(self, text: str) -> TechInfo:
        """A technology by id, slug, or label/synonym in any language."""
        raw = text.strip()
        for candidate in (raw, f"tech:{raw.lower()}", f"tech:{fold(raw).replace(' ', '-')}"):
            if candidate in self.techs:
                return self.techs[candidate]
        wanted = fold(raw)
        for tech in self.techs.values():
            names = [tech.name, *tech.labels.values()]
            for phrases in tech.synonyms.values():
                names.extend(phrases)
            if any(fold(n) == wanted for n in names):
                return tech
        known = ", ".join(t.removeprefix("tech:") for t in sorted(self.techs))
        raise NotFound(f"no technology {text!r} (known: {known})")

    # --- jurisdictions ------------------------------------------------------------------------

    def lists_of_country(self, node: str) -> tuple[tuple[ListInfo, ...], str | None]:
        own = tuple(self.lists_of_issuer.get(node, []))
        if own:
            return own, None
        if EU in self.member_of.get(node, set()):
            return tuple(self.lists_of_issuer.get(EU, [])), EU
        return (), None

    def jurisdiction(self, text: str) -> Jurisdiction:
        """A country ('US', 'country:US', 'India'), the EU, or a regime ('wassenaar'), with its
        current lists; ``EU@2021`` (an edition label, date or list id after ``@``) uses that
        edition of its list instead of the current one."""
        raw, at, wanted = text.strip().partition("@")
        juris = self._jurisdiction(raw.strip(), text)
        if not at:
            return juris
        return self._at_edition(juris, wanted.strip())

    def _at_edition(self, juris: Jurisdiction, wanted: str) -> Jurisdiction:
        issuers = {info.issuer for info in juris.lists}
        held = sorted(
            (i for i in self.all_lists.values() if i.issuer in issuers),
            key=lambda i: (i.series, i.edition_date),
        )
        chosen = [
            i for i in held if wanted and wanted in (i.id, i.edition, i.edition_date.isoformat())
        ]
        if len(chosen) != 1:
            shown = ", ".join(f"{i.id} ({i.edition})" for i in held) or "none"
            problem = "matches several" if chosen else "matches no edition held"
            raise NotFound(
                f"{juris.key}@{wanted}: {problem}; editions of {juris.name}'s lists held: {shown}"
            )
        pick = chosen[0]
        lists = tuple(
            pick if (i.issuer, i.series) == (pick.issuer, pick.series) else i for i in juris.lists
        )
        return Jurisdiction(
            f"{juris.key}@{pick.edition}", juris.node, juris.name, juris.kind, lists, juris.via
        )

    def _jurisdiction(self, raw: str, text: str) -> Jurisdiction:
        if not raw or len(raw) > 100:
            raise NotFound(f"no jurisdiction {text!r}: {self._jurisdiction_hint()}")
        node: str | None = None
        if raw.startswith(("country:", "regime:")):
            node = raw if (raw in self.countries or raw in self.regimes) else None
        elif len(raw) == 2 and f"country:{raw.upper()}" in self.countries:
            node = f"country:{raw.upper()}"
        if node is None:
            node = self._regime_node(raw) or self._country_by_name(raw)
        if node is None:
            raise NotFound(f"no jurisdiction {text!r}: {self._jurisdiction_hint()}")
        if node in self.countries:
            country = self.countries[node]
            lists, via = self.lists_of_country(node)
            return Jurisdiction(country.iso2, node, country.name, "country", lists, via)
        regime = self.regimes[node]
        key = "EU" if node == EU else node.removeprefix("regime:")
        lists = tuple(self.lists_of_issuer.get(node, []))
        return Jurisdiction(key, node, regime.short_name, regime.kind, lists)

    def _regime_node(self, raw: str) -> str | None:
        wanted = fold(raw)
        for node, regime in self.regimes.items():
            names = [node.removeprefix("regime:"), regime.short_name, regime.name, *regime.aliases]
            if any(fold(n) == wanted for n in names):
                return node
        return None

    def _country_by_name(self, raw: str) -> str | None:
        wanted = fold(raw)
        for node, country in self.countries.items():
            if wanted in {fold(country.name), *(fold(n) for n in country.names.values())}:
                return node
        return None

    def _jurisdiction_hint(self) -> str:
        regimes = ", ".join(sorted(n.removeprefix("regime:") for n in self.regimes))
        return f"use an ISO country code such as US or FR, EU, or a regime ({regimes})"

    def country_name(self, node: str) -> str:
        country = self.countries.get(node)
        if country is not None:
            return country.name
        regime = self.regimes.get(node)
        return regime.short_name if regime is not None else node

    def iso2(self, node: str) -> str:
        country = self.countries.get(node)
        return country.iso2 if country is not None else node.split(":", 1)[-1]

    # --- codes --------------------------------------------------------------------------------

    def counterpart_code(self, entry: EntryInfo) -> str | None:
        """The Wassenaar-numbered code the entry's numbering implies (None when it has none)."""
        if entry.id in self._counterpart:
            return self._counterpart[entry.id]
        info = self.all_lists.get(entry.list_id)
        found = None
        if info is not None:
            try:
                found = wassenaar_equivalent(
                    parse_code(entry.canonical, CodeSystem(info.numbering))
                )
            except (CodeError, ValueError):
                found = None
        self._counterpart[entry.id] = found
        return found

    def by_code(self, list_id: str) -> dict[str, list[EntryInfo]]:
        """Entries of a list by canonical code, shaped like :meth:`by_counterpart`."""
        with self._lock:
            found = self._by_code.get(list_id)
            if found is None:
                found = {c: [e] for c, e in self.entries(list_id).items()}
                self._by_code[list_id] = found
            return found

    def by_counterpart(self, list_id: str) -> dict[str, list[EntryInfo]]:
        """Entries of a list by the Wassenaar-numbered code their numbering implies."""
        with self._lock:
            found = self._counterparts.get(list_id)
            if found is None:
                found = defaultdict(list)
                for e in self.entries(list_id).values():
                    code = self.counterpart_code(e)
                    if code is not None:
                        found[code].append(e)
                self._counterparts[list_id] = found
            return found

    # --- coverage of a regime list by one jurisdiction ----------------------------------------

    def status_map(self, juris: Jurisdiction, target: ListInfo) -> dict[str, Status]:
        """For every active entry of ``target``: how ``juris`` controls it."""
        key = ("|".join(i.id for i in juris.lists) or juris.node, target.id)
        with self._lock:
            cached = self._status.get(key)
            if cached is None:
                cached = self._compute_status(juris, target)
                self._status[key] = cached
            return cached

    def _direct(
        self, juris: Jurisdiction, target: ListInfo
    ) -> dict[str, list[tuple[EntryInfo, ImplInfo]]]:
        """Regime entry id -> national entries matching it (reserved ones included)."""
        direct: dict[str, list[tuple[EntryInfo, ImplInfo]]] = defaultdict(list)
        targets = self.entries(target.id)
        annex = target.issuer != WASSENAAR
        if annex or (self.reference is not None and target.id == self.reference.id):
            # The alignment's edges: by number and text for the newest Wassenaar list, by
            # content for the regime annexes (whose numbers national codes do not encode).
            for info in juris.lists:
                for e in self.entries(info.id).values():
                    for impl in e.implements:
                        direct[impl.target].append((e, impl))
            return direct
        # Another regime list than the one the alignment points to: match by numbering.
        for info in juris.lists:
            for code, found in self.by_counterpart(info.id).items():
                regime_entry = targets.get(code)
                if regime_entry is None:
                    continue
                for e in found:
                    impl = ImplInfo(
                        target=regime_entry.id,
                        method="code",
                        score=0.7,
                        scope="unknown",
                        similarity=None,
                        text_differs=False,
                        evidence=f"{e.canonical} has the number of {regime_entry.code}",
                    )
                    direct[regime_entry.id].append((e, impl))
        return direct

    def _compute_status(self, juris: Jurisdiction, target: ListInfo) -> dict[str, Status]:
        regime_entries = [e for e in self.entries(target.id).values() if e.status == "active"]
        out: dict[str, Status] = {}
        if any(info.id == target.id for info in juris.lists):
            for e in regime_entries:
                out[e.id] = Status("same", (e,), (), (target,))
            return out
        if not juris.lists:
            return {e.id: Status("no-list-held") for e in regime_entries}
        direct = self._direct(juris, target)
        table = self.entries(target.id)
        with_direct_descendant: set[str] = set()
        for regime_id, pairs in direct.items():
            if all(n.status != "active" for n, _ in pairs):
                continue
            regime_entry = self._by_id.get(regime_id)
            if regime_entry is not None:
                for ancestor in self.ancestors(regime_entry):
                    with_direct_descendant.add(ancestor.id)
        for e in regime_entries:
            matches = direct.get(e.id, [])
            found = [pair for pair in matches if pair[0].status == "active"]
            reserved = tuple(n for n, _ in matches if n.status != "active")
            domain = domain_of(e)
            if found:
                found.sort(key=lambda pair: (-pair[1].score, pair[0].id))
                scopes = {impl.scope for _, impl in found}
                best = found[0][1].scope
                if len(scopes) > 1 and scopes - {"unknown", "same"}:
                    best = next(s for s in SCOPES[1:] if s in scopes)
                status = best if best in SCOPES else "implemented"
                lists = tuple(unique(self.all_lists[n.list_id] for n, _ in found))
                out[e.id] = Status(
                    status, tuple(n for n, _ in found), tuple(i for _, i in found), lists
                )
                continue
            parent = table.get(e.parent) if e.parent else None
            above = out.get(parent.id) if parent is not None else None
            if (
                not reserved
                and above is not None
                and above.status in DIRECT | {"via-parent"}
                and above.entries
                and not any(self.has_children(n) for n in above.entries)
            ):
                if any(self._items_not_held(n) for n in above.entries):
                    # "Covered by a heading it does not itemise" would read the copy's loss as
                    # the list's choice: what the items say is not known.
                    out[e.id] = Status("not-held-in-copy", above.entries, (), above.lists)
                else:
                    out[e.id] = Status("via-parent", above.entries, (), above.lists)
                continue
            held = juris.lists_for(domain)
            if above is not None and above.status == "not-held-in-copy":
                # Below a paragraph the copy lost: lost with it.
                out[e.id] = Status("not-held-in-copy", above.entries, (), above.lists)
                continue
            if target.issuer != WASSENAAR:
                out[e.id] = Status("no-match-found", reserved, (), juris.lists)
                continue
            if not held:
                out[e.id] = Status("no-comparable-list")
                continue
            if e.id in with_direct_descendant:
                parts = [
                    n
                    for code, s in direct.items()
                    if (d := self._by_id.get(code)) is not None
                    and d.canonical.startswith(e.canonical + ".")
                    for n, _ in s
                ]
                out[e.id] = Status("partial", tuple(parts[:5]), (), held)
                continue
            # A copy that skips this paragraph while holding later siblings under the same
            # parent is incomplete there (lists keep "Reserved" / "Not used" placeholders, and
            # the US CCL JSON is known to drop paragraphs): not held, not absent.
            skipped = (
                self._skipped_in_copy(e, above)
                or self._cited_not_held(e, held)
                or self._item_gap(e, held)
            )
            if skipped is not None:
                out[e.id] = Status("not-held-in-copy", (skipped,), (), held)
                continue
            # Lag is proven only when every national edition held predates a regime edition
            # that did not have the entry yet; otherwise the entry is simply not implemented
            # (its reason says when the regime added it, if that is known).
            introduced, lacked_by = self.introduction(e)
            lag = lacked_by is not None and all(
                info.edition_date < lacked_by.edition_date for info in held
            )
            status = "not-in-edition-held" if lag else "not-implemented"
            # A reserved national paragraph with the regime's number is evidence of absence.
            alike = self._alike(e, held)
            out[e.id] = Status(status, reserved, (), held, introduced, lacked_by, alike)
        for e in regime_entries:
            here = out[e.id]
            for other in self._moved_by_a_note(target.id).get(e.id, ()):
                there = out.get(other.id)
                if here.status in ABSENT and there is not None and there.status in NOT_HELD:
                    # Wassenaar 2025 lists iodine pentafluoride as 1.C.11.e and takes it out of
                    # ML8.d.3 by a Note; the US controls ML8 items in its 600 series, not
                    # comparable paragraph by paragraph (CCL 1C608.m: fluorine compounds
                    # "with other halogens"). Lacking 1C011.e is then no proof of absence.
                    out[e.id] = Status("no-comparable-list", (), (), here.lists, moved_from=other)
        return out

    def _moved_by_a_note(self, list_id: str) -> dict[str, tuple[EntryInfo, ...]]:
        """Regime entries that name a substance (by CAS number) another entry of the list takes
        out by a Note ("does not apply to"): entry id -> those other entries."""
        with self._lock:
            found = self._moves.get(list_id)
            if found is None:
                excluded: dict[str, list[EntryInfo]] = defaultdict(list)
                table = self.entries(list_id)
                for e in table.values():
                    for note in e.notes:
                        for m in EXCLUDES.finditer(note):
                            for number in CAS.findall(m.group("what")):
                                excluded[number].append(e)
                moves: dict[str, list[EntryInfo]] = defaultdict(list)
                for e in table.values():
                    for number in CAS.findall(e.text):
                        moves[e.id].extend(o for o in excluded.get(number, []) if o.id != e.id)
                found = {k: tuple(unique(v)) for k, v in moves.items() if v}
                self._moves[list_id] = found
            return found

    def _alike(self, e: EntryInfo, held: tuple[ListInfo, ...]) -> tuple[EntryInfo, ...]:
        """A control of the jurisdiction's own that carries the words of a regime entry it
        does not implement: CCL 4A001.a.1 is reserved, and 4A994.a (anti-terrorism only)
        takes computers "rated for operation at an ambient temperature above 343 K", where
        Wassenaar 4.A.1.a.1 says below 228 K or above 358 K. "No counterpart" would be false;
        "not implemented as the regime's control" is what is true."""
        own = _content_words(e.text)
        subject = {w for a in self.ancestors(e) for w in _content_words(a.text)}
        if len(own) < ALIKE_MIN_WORDS:
            return ()
        best: tuple[float, EntryInfo] | None = None
        for info in held:
            for national, words in self._own_controls(info.id):
                mine = len(own & words) / len(own)
                theirs = len(subject & words) / len(subject) if subject else 1.0
                if (
                    mine >= ALIKE_OWN
                    and theirs >= ALIKE_SUBJECT
                    and (best is None or mine + theirs > best[0])
                ):
                    best = (mine + theirs, national)
        return () if best is None else (best[1],)

    def _own_controls(self, list_id: str) -> list[tuple[EntryInfo, frozenset[str]]]:
        """Active entries of a list under a unilateral origin, with the words of their path."""
        with self._lock:
            found = self._own.get(list_id)
            if found is None:
                found = []
                for n in self.entries(list_id).values():
                    path = [n, *self.ancestors(n)]
                    if n.status == "active" and any(
                        a.origin is not None and a.origin.unilateral for a in path
                    ):
                        words = frozenset(w for a in path for w in _content_words(a.text))
                        found.append((n, words))
                self._own[list_id] = found
            return found

    # --- national entries without a counterpart in the reference list -------------------------

    def national_groups(
        self, juris: Jurisdiction, compared_with: frozenset[str] = frozenset()
    ) -> list[NationalGroup]:
        """Unilateral entries, entries of other regimes' lists, and Wassenaar-numbered entries
        absent from the reference list, each with the number of its sub-entries.

        ``compared_with``: the lists of the jurisdictions compared with. An entry without a
        twin there, some paragraphs below which have one, is split: its paragraphs make their
        own groups (US 3B001.c.1's are AU 3B901's under a heading worded otherwise, and a
        group for 3B001.c.1 would say AU lacks them)."""
        with self._lock:
            key = "|".join(i.id for i in juris.lists) or juris.node
            # Only lists holding twins of its entries change the groups: the cache stays as
            # small as the lists held, whatever combinations requests ask for.
            relevant = compared_with & self._twin_lists(key, juris)
            key += "|with:" + ",".join(sorted(relevant))
            cached = self._national.get(key)
            if cached is not None:
                return cached
            groups: list[NationalGroup] = []
            for info in juris.lists:
                if info.issuer != WASSENAAR:
                    groups.extend(self._groups_of_list(info, relevant))
            self._national[key] = groups
            return groups

    def _groups_of_list(self, info: ListInfo, compared_with: frozenset[str]) -> list[NationalGroup]:
        found: list[tuple[str, EntryInfo, OriginInfo]] = []
        counts: list[int] = []
        owner: dict[str, int] = {}
        split = self._split_by_twins(info, compared_with)
        #: Origins of split entries, for their paragraphs that state none of their own.
        inherited: dict[str, OriginInfo] = {}
        for e in self.entries(info.id).values():
            if e.status != "active" or any(self.is_reference(i.target) for i in e.implements):
                continue
            above = owner.get(e.parent) if e.parent else None
            origin = e.origin or (inherited.get(e.parent) if e.parent else None)
            if e.canonical in split:
                if origin is not None:
                    inherited[e.canonical] = origin
                continue
            if above is not None and (
                origin is None
                or (
                    self._kind(origin) == found[above][0]
                    and origin.target == found[above][2].target
                )
            ):
                # A sub-entry saying nothing new belongs to the group of its parent.
                owner[e.canonical] = above
                counts[above] += 1
                continue
            if origin is None:
                continue
            owner[e.canonical] = len(found)
            found.append((self._kind(origin), e, origin))
            counts.append(0)
        return [
            NationalGroup(kind, e, origin, info, n)
            for (kind, e, origin), n in zip(found, counts, strict=True)
        ]

    def _twin_lists(self, key: str, juris: Jurisdiction) -> frozenset[str]:
        """The lists holding a twin (the same control) of some entry of ``juris``'s lists."""
        found = self._twins_in.get(key)
        if found is None:
            found = frozenset(
                twin.list_id
                for info in juris.lists
                for e in self.entries(info.id).values()
                for other in (*e.same, *e.like)
                if (twin := self.entry(other)) is not None
            )
            self._twins_in[key] = found
        return found

    def _split_by_twins(self, info: ListInfo, compared_with: frozenset[str]) -> set[str]:
        """Entries of the list without a twin in ``compared_with`` (the same control in a list
        compared with) some paragraph below which has one."""
        if not compared_with:
            return set()
        table = self.entries(info.id)

        def twinned(e: EntryInfo) -> bool:
            return any(
                (t := self.entry(other)) is not None and t.list_id in compared_with
                for other in (*e.same, *e.like)
            )

        below: set[str] = set()
        for e in table.values():
            if e.status != "active" or not twinned(e):
                continue
            parent = e.parent
            while parent and parent in table and parent not in below:
                below.add(parent)
                parent = table[parent].parent
        return {code for code in below if not twinned(table[code])}

    def _kind(self, origin: OriginInfo) -> str:
        if origin.series == US_RESTATED:
            return "restated"
        if origin.unilateral:
            return "unilateral"
        if origin.target == WASSENAAR and origin.series in ("wassenaar",):
            return "not-in-regime-list"
        return "other-regime"

    def holds_code(self, juris: Jurisdiction, entry: EntryInfo) -> tuple[str, list[EntryInfo]]:
        """Does ``juris`` list the code of a national ``entry``?

        Lists with the same numbering are read by canonical code; lists with another numbering
        (SCOMET) through the Wassenaar-numbered code both numberings imply. Returns a status
        (``same``, ``other-bounds``, ``via-parent``, ``not-implemented`` or
        ``no-comparable-list``) and the entries found.
        """
        source = self.all_lists[entry.list_id]
        held = {info.id for info in juris.lists}
        # The same control under another code, outside the regimes (US 4A906 = AU 4A901), or
        # the same words with other bounds (US 3A090.a at a TPP of 4800, EU 3A501.a.16 at 6000).
        for status, twins in (("same", entry.same), ("other-bounds", entry.like)):
            found = [t for other in twins if (t := self.entry(other)) and t.list_id in held]
            if found:
                return status, found
        # Matched by content to another regime's annex entry (MTCR, NSG): whoever implements
        # that annex entry controls the same item, whatever their numbering.
        annex = [i.target for i in entry.implements if not self.is_reference(i.target)]
        if annex:
            found = [
                n
                for target in annex
                for n, _ in self.implementers(target)
                if n.list_id in held and n.status == "active"
            ]
            if found:
                return "same", found
        wanted = self.counterpart_code(entry)
        # A military list cannot tell whether a dual-use item is controlled, nor the reverse.
        domain = MUNITIONS if (wanted or "").startswith("ML") else DUAL_USE
        lookups: list[tuple[dict[str, list[EntryInfo]], str]] = []
        for info in juris.lists:
            if info.numbering == source.numbering:
                lookups.append((self.by_code(info.id), entry.canonical))
            elif wanted is not None and domain in DOMAINS.get(info.numbering, frozenset()):
                lookups.append((self.by_counterpart(info.id), wanted))
        if not lookups:
            return "no-comparable-list", []
        for table, key in lookups:
            found = [e for e in table.get(key, []) if e.status == "active"]
            if found:
                return "same", found
            above_code = parent_code(key)
            while above_code is not None:
                above = [e for e in table.get(above_code, []) if e.status == "active"]
                if above:
                    if not any(self.has_children(a) for a in above):
                        return "via-parent", above
                    break
                above_code = parent_code(above_code)
        return "not-implemented", []


class IndexCache:
    """One :class:`Index` per revision of the data."""

    def __init__(self, data: GraphData) -> None:
        self.data = data
        self._lock = threading.Lock()
        self._current: tuple[int, Index] | None = None

    def get(self) -> Index:
        revision = self.data.revision()
        with self._lock:
            if self._current is None or self._current[0] != revision:
                self._current = (revision, Index(self.data))
            return self._current[1]


def unique(items: Iterable[Any]) -> list[Any]:
    seen: set[Any] = set()
    out = []
    for item in items:
        if item not in seen:
            seen.add(item)
            out.append(item)
    return out
