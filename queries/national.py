"""National entries without a counterpart in the reference list, and whether another
jurisdiction holds a national entry's code.

:meth:`NationalGroups.groups` gathers a jurisdiction's unilateral entries, entries of other
regimes' lists and Wassenaar-numbered entries absent from the reference list, each with its
sub-entries; :meth:`NationalGroups.holds_code` says how another jurisdiction lists one of them.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING

from graph_schema.codes import US_RESTATED
from queries.reading.names import DOMAINS, DUAL_USE, MUNITIONS, WASSENAAR, Jurisdiction
from queries.reading.records import EntryInfo, ListInfo, OriginInfo

if TYPE_CHECKING:
    from queries.index import Index


def parent_code(canonical: str) -> str | None:
    return canonical.rsplit(".", 1)[0] if "." in canonical else None


@dataclass(frozen=True, slots=True)
class NationalGroup:
    """A national entry with no regime counterpart in the reference list, and its sub-entries."""

    kind: str  # unilateral | other-regime | not-in-regime-list | restated
    entry: EntryInfo
    origin: OriginInfo
    list: ListInfo
    sub_entries: int


class NationalGroups:
    """National groups of one revision, cached per jurisdiction and lists compared with."""

    def __init__(self, index: Index) -> None:
        self.index = index
        self._lock = threading.RLock()
        self._national: dict[str, list[NationalGroup]] = {}
        self._twins_in: dict[str, frozenset[str]] = {}

    def groups(
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
        for e in self.index.entries(info.id).values():
            if e.status != "active" or any(self.index.is_reference(i.target) for i in e.implements):
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
                for e in self.index.entries(info.id).values()
                for other in (*e.same, *e.like)
                if (twin := self.index.entry(other)) is not None
            )
            self._twins_in[key] = found
        return found

    def _split_by_twins(self, info: ListInfo, compared_with: frozenset[str]) -> set[str]:
        """Entries of the list without a twin in ``compared_with`` (the same control in a list
        compared with) some paragraph below which has one."""
        if not compared_with:
            return set()
        table = self.index.entries(info.id)

        def twinned(e: EntryInfo) -> bool:
            return any(
                (t := self.index.entry(other)) is not None and t.list_id in compared_with
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
        source = self.index.all_lists[entry.list_id]
        held = {info.id for info in juris.lists}
        # The same control under another code, outside the regimes (US 4A906 = AU 4A901), or
        # the same words with other bounds (US 3A090.a at a TPP of 4800, EU 3A501.a.16 at 6000).
        for status, twins in (("same", entry.same), ("other-bounds", entry.like)):
            found = [t for other in twins if (t := self.index.entry(other)) and t.list_id in held]
            if found:
                return status, found
        # Matched by content to another regime's annex entry (MTCR, NSG): whoever implements
        # that annex entry controls the same item, whatever their numbering.
        annex = [i.target for i in entry.implements if not self.index.is_reference(i.target)]
        if annex:
            found = [
                n
                for target in annex
                for n, _ in self.index.implementers(target, within=frozenset(held))
                if n.status == "active"
            ]
            if found:
                return "same", found
        wanted = self.index.counterpart_code(entry)
        # A military list cannot tell whether a dual-use item is controlled, nor the reverse.
        domain = MUNITIONS if (wanted or "").startswith("ML") else DUAL_USE
        lookups: list[tuple[dict[str, list[EntryInfo]], str]] = []
        for info in juris.lists:
            if info.numbering == source.numbering:
                lookups.append((self.index.by_code(info.id), entry.canonical))
            elif wanted is not None and domain in DOMAINS.get(info.numbering, frozenset()):
                lookups.append((self.index.by_counterpart(info.id), wanted))
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
                    if not any(self.index.has_children(a) for a in above):
                        return "via-parent", above
                    break
                above_code = parent_code(above_code)
        return "not-implemented", []
