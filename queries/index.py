"""Per-revision indexes the analyses share: lists, entries, jurisdictions, coverage maps.

Everything here is derived from :class:`queries.reading.reader.GraphData` and built once per graph
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

import threading
from collections import defaultdict
from collections.abc import Iterable
from typing import Literal

from graph_schema.codes import CodeError, CodeSystem, parse_code, wassenaar_equivalent
from queries.national import NationalGroup, NationalGroups
from queries.reading.names import WASSENAAR, Jurisdiction, Names
from queries.reading.reader import GraphData
from queries.reading.records import EntryInfo, ImplInfo, ListInfo, TechInfo
from queries.status import Status, Statuses
from queries.text import excerpt, unique


class Index:
    """Derived look-ups for one revision of the graph."""

    def __init__(self, data: GraphData) -> None:
        self.data = data
        self._lock = threading.RLock()
        self.names = Names(data)
        # The names' tables, under the names the analyses read them by.
        self.all_lists = self.names.all_lists
        self.current_lists = self.names.current_lists
        self.lists_of_issuer = self.names.lists_of_issuer
        self.countries = self.names.countries
        self.regimes = self.names.regimes
        self.memberships = self.names.memberships
        self.members = self.names.members
        self.member_of = self.names.member_of
        self.techs = self.names.techs
        regime_lists = self.lists_of_issuer.get(WASSENAAR, [])
        self.reference: ListInfo | None = max(
            regime_lists, key=lambda i: i.edition_date, default=None
        )
        children: dict[str, list[str]] = defaultdict(list)
        for tech in self.techs.values():
            if tech.parent:
                children[tech.parent].append(tech.id)
        self.tech_children = children
        self._entries: dict[str, dict[str, EntryInfo]] = {}
        self._by_id: dict[str, EntryInfo] = {}
        self._parents: dict[str, set[str]] = {}
        self._techs_of: dict[str, dict[str, frozenset[str]]] = {}
        self._techs_below: dict[str, dict[str, set[str]]] = {}
        self._counterparts: dict[str, dict[str, list[EntryInfo]]] = {}
        self._counterpart: dict[str, str | None] = {}
        self._by_code: dict[str, dict[str, list[EntryInfo]]] = {}
        self._implementers: dict[str, list[tuple[EntryInfo, ImplInfo]]] | None = None
        self._previous: dict[str, EntryInfo] | None = None
        self._statuses = Statuses(self)
        self._national = NationalGroups(self)

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

    # --- names (see queries.reading.names) ---------------------------------------------------

    def jurisdiction(self, text: str) -> Jurisdiction:
        return self.names.jurisdiction(text)

    def distinct_jurisdictions(
        self, texts: Iterable[str], by: Literal["key", "node"]
    ) -> list[Jurisdiction]:
        """The jurisdictions named, in order, each once: told apart by ``key`` to keep two
        editions of one (EU@2021 beside EU), by ``node`` to keep one of them."""
        out: list[Jurisdiction] = []
        for text in texts:
            juris = self.jurisdiction(text)
            if all(getattr(j, by) != getattr(juris, by) for j in out):
                out.append(juris)
        return out

    def resolve_technology(self, text: str) -> TechInfo:
        return self.names.resolve_technology(text)

    def country_name(self, node: str) -> str:
        return self.names.country_name(node)

    def iso2(self, node: str) -> str:
        return self.names.iso2(node)

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

    # --- coverage of a regime list by one jurisdiction (see queries.status) --------------------

    def status_map(self, juris: Jurisdiction, target: ListInfo) -> dict[str, Status]:
        """For every active entry of ``target``: how ``juris`` controls it."""
        return self._statuses.status_map(juris, target)

    # --- national entries without a counterpart (see queries.national) -----------------------

    def national_groups(
        self, juris: Jurisdiction, compared_with: frozenset[str] = frozenset()
    ) -> list[NationalGroup]:
        return self._national.groups(juris, compared_with)

    def holds_code(self, juris: Jurisdiction, entry: EntryInfo) -> tuple[str, list[EntryInfo]]:
        return self._national.holds_code(juris, entry)


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
