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
from collections import OrderedDict, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal, TypeVar

from graph_schema.codes import CodeError, CodeSystem, parse_code, wassenaar_equivalent
from queries.national import NationalGroup, NationalGroups
from queries.reading.names import WASSENAAR, Jurisdiction, Names
from queries.reading.reader import GraphData
from queries.reading.records import EntryInfo, ImplementerInfo, ImplInfo, ListInfo, TechInfo
from queries.status import Status, Statuses
from queries.text import excerpt, unique

T = TypeVar("T")

#: Regime entries whose implementers (ids and edges, every edition) an :class:`Index` keeps:
#: more than the regime lists' entries, so only a graph with many more is read again.
IMPLEMENTED_ENTRIES = 8192

#: List editions whose tables an :class:`Index` keeps (more than the lists current at once, so
#: the common requests never re-read one; the oldest unused is dropped beyond that).
LIST_TABLES = 48


def _edition_order(info: ListInfo) -> tuple[object, str]:
    return (info.edition_date, info.edition)


@lru_cache(maxsize=65536)
def _counterpart(canonical: str, numbering: str) -> str | None:
    try:
        return wassenaar_equivalent(parse_code(canonical, CodeSystem(numbering)))
    except (CodeError, ValueError):
        return None


@dataclass
class _ListTables:
    """What the index derives from one list edition, kept and dropped together.

    Only ``entries`` is read up front; the rest is built on first use.
    """

    entries: dict[str, EntryInfo]
    by_id: dict[str, EntryInfo] = field(init=False)
    # Reserved sub-entries do not count: a list that itemises only a reserved paragraph still
    # does not itemise the others.
    parents: set[str] = field(init=False)
    techs_of: dict[str, frozenset[str]] | None = None
    techs_below: dict[str, set[str]] | None = None
    by_code: dict[str, list[EntryInfo]] | None = None
    by_counterpart: dict[str, list[EntryInfo]] | None = None
    earlier: dict[str, list[str]] | None = None
    # Tables other modules derive from this edition (search's word postings), by name.
    derived: dict[str, object] = field(default_factory=dict)
    _previous_of: dict[str, EntryInfo] | None = None

    def __post_init__(self) -> None:
        self.by_id = {e.id: e for e in self.entries.values()}
        self.parents = {
            e.parent for e in self.entries.values() if e.parent and e.status == "active"
        }

    def previous_of(self) -> dict[str, EntryInfo]:
        """The next edition's entries (by id) to the entry of this edition they follow."""
        if self._previous_of is None:
            self._previous_of = {
                e.next.target: e for e in self.entries.values() if e.next is not None
            }
        return self._previous_of


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
        self._tables: OrderedDict[str, _ListTables] = OrderedDict()
        self._implementers: OrderedDict[str, list[ImplementerInfo]] = OrderedDict()
        self._statuses = Statuses(self)
        self._national = NationalGroups(self)

    # --- entries ------------------------------------------------------------------------------

    def _list(self, list_id: str) -> _ListTables:
        """The tables of one list edition, read on first use; only the
        :data:`LIST_TABLES` most recently used are kept (see :class:`_ListTables`)."""
        with self._lock:
            found = self._tables.get(list_id)
            if found is None:
                found = _ListTables({e.canonical: e for e in self.data.entries(list_id)})
                self._tables[list_id] = found
                if len(self._tables) > LIST_TABLES:
                    self._tables.popitem(last=False)
            else:
                self._tables.move_to_end(list_id)
            return found

    def entries(self, list_id: str) -> dict[str, EntryInfo]:
        """Entries of one list edition by canonical code, in code order (parents first)."""
        return self._list(list_id).entries

    def derived(self, list_id: str, name: str, build: Callable[[dict[str, EntryInfo]], T]) -> T:
        """A table derived from one edition's entries, built once and kept (and dropped) with
        that edition's other tables."""
        tables = self._list(list_id)
        with self._lock:
            if name not in tables.derived:
                tables.derived[name] = build(tables.entries)
            found: T = tables.derived[name]  # type: ignore[assignment]
            return found

    def _list_of_entry(self, entry_id: str) -> str | None:
        # Entry ids read entry:<list id without "list:">:<canonical code>, and codes hold no
        # colon; the scan is for an id made otherwise.
        guess = "list:" + entry_id.removeprefix("entry:").rpartition(":")[0]
        if guess in self.all_lists:
            return guess
        for info in self.all_lists.values():
            if entry_id.startswith("entry:" + info.id.removeprefix("list:") + ":"):
                return info.id
        return None

    def entry(self, entry_id: str) -> EntryInfo | None:
        list_id = self._list_of_entry(entry_id)
        return None if list_id is None else self._list(list_id).by_id.get(entry_id)

    def implementers(
        self, regime_entry_id: str, within: frozenset[str] | None = None
    ) -> list[tuple[EntryInfo, ImplInfo]]:
        """Entries that implement a regime entry: of every list edition held, or of the lists
        ``within`` (only those are read)."""
        with self._lock:
            known = self._implementers.get(regime_entry_id)
            if known is None:
                known = self.data.implementers(regime_entry_id)
                self._implementers[regime_entry_id] = known
                if len(self._implementers) > IMPLEMENTED_ENTRIES:
                    self._implementers.popitem(last=False)
            else:
                self._implementers.move_to_end(regime_entry_id)
        out = []
        for found in known:
            if found.list_id not in self.all_lists or (
                within is not None and found.list_id not in within
            ):
                continue
            e = self._list(found.list_id).by_id.get(found.entry_id)
            if e is not None:
                out.append((e, found.impl))
        return out

    def editions_of(self, info: ListInfo) -> list[ListInfo]:
        """Every edition held of ``info``'s list (same issuer and series), oldest first."""
        return sorted(
            (
                i
                for i in self.all_lists.values()
                if (i.issuer, i.series) == (info.issuer, info.series)
            ),
            key=_edition_order,
        )

    def following(self, entry: EntryInfo) -> EntryInfo | None:
        """The same entry in the next edition held of its list (``NEXT_EDITION``)."""
        return None if entry.next is None else self.entry(entry.next.target)

    def previous(self, entry: EntryInfo) -> EntryInfo | None:
        """The same entry in the edition held before, if that edition has it (editions are
        paired consecutively, so only that edition is read)."""
        editions = self.editions_of(self.all_lists[entry.list_id])
        position = [i.id for i in editions].index(entry.list_id)
        if position == 0:
            return None
        return self._list(editions[position - 1].id).previous_of().get(entry.id)

    def is_reference(self, entry_id: str) -> bool:
        """Is ``entry_id`` an entry of a Wassenaar list (not of another regime's annex)?"""
        found = self.entry(entry_id)
        return found is not None and self.all_lists[found.list_id].issuer == WASSENAAR

    def introduction(self, entry: EntryInfo) -> tuple[ListInfo, ListInfo | None]:
        """The first edition held of ``entry``'s list that has it (followed back through
        renumberings), and the edition held just before that one, which lacks it (None when
        the entry is in the oldest edition held: when it was added is then unknown)."""
        tables = self._list(entry.list_id)
        with self._lock:
            if tables.earlier is None:
                tables.earlier = self.data.earlier_editions(entry.list_id)
            earlier = tables.earlier.get(entry.id, [])
        held = [self.all_lists[i] for i in [entry.list_id, *earlier] if i in self.all_lists]
        info = min(held, key=_edition_order)
        editions = self.editions_of(info)
        position = editions.index(info)
        return info, editions[position - 1] if position > 0 else None

    def has_children(self, entry: EntryInfo) -> bool:
        return entry.canonical in self._list(entry.list_id).parents

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
        tables = self._list(entry.list_id)
        with self._lock:
            table = tables.techs_of
            if table is None:
                table = {}
                for e in tables.entries.values():
                    own = {c.technology for c in e.covers}
                    inherited = table.get(e.parent or "", frozenset())
                    table[e.canonical] = frozenset(own) | inherited
                tables.techs_of = table
            return table.get(entry.canonical, frozenset())

    def technologies_below(self, entry: EntryInfo) -> frozenset[str]:
        """Technologies the entry or any of its sub-entries covers (inherited ones included)."""
        tables = self._list(entry.list_id)
        with self._lock:
            table = tables.techs_below
            if table is None:
                table = defaultdict(set)
                for e in tables.entries.values():
                    own = {c.technology for c in e.covers}
                    if not own:
                        continue
                    table[e.canonical] |= own
                    for above in self.ancestors(e):
                        table[above.canonical] |= own
                tables.techs_below = table
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
        info = self.all_lists.get(entry.list_id)
        return None if info is None else _counterpart(entry.canonical, info.numbering)

    def by_code(self, list_id: str) -> dict[str, list[EntryInfo]]:
        """Entries of a list by canonical code, shaped like :meth:`by_counterpart`."""
        tables = self._list(list_id)
        with self._lock:
            if tables.by_code is None:
                tables.by_code = {c: [e] for c, e in tables.entries.items()}
            return tables.by_code

    def by_counterpart(self, list_id: str) -> dict[str, list[EntryInfo]]:
        """Entries of a list by the Wassenaar-numbered code their numbering implies."""
        tables = self._list(list_id)
        with self._lock:
            if tables.by_counterpart is None:
                found: dict[str, list[EntryInfo]] = defaultdict(list)
                for e in tables.entries.values():
                    code = self.counterpart_code(e)
                    if code is not None:
                        found[code].append(e)
                tables.by_counterpart = found
            return tables.by_counterpart

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
