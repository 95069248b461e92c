"""How one jurisdiction's lists control each entry of a regime list: the status map.

A regime entry is controlled (the same scope, broader, narrower, with other thresholds, through
a parent, in part), absent (not implemented, or not in the edition held), or not held (no list
held, no comparable list, not in the copy read): absence is claimed only where the copy read can
show it. :class:`Statuses` computes the map once per jurisdiction and regime list, over the
entries of the :class:`queries.index.Index` of the same revision.
"""

from __future__ import annotations

import re
import threading
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from graph_schema.wording import CAS, EXCLUDES, ITEMS_POINTER
from queries.reading.names import WASSENAAR, Jurisdiction, domain_of
from queries.reading.records import EntryInfo, ImplInfo, ListInfo
from queries.text import content_words, unique

if TYPE_CHECKING:
    from queries.index import Index

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


class Statuses:
    """The status maps of one revision, cached per jurisdiction's lists and regime list."""

    def __init__(self, index: Index) -> None:
        self.index = index
        self._lock = threading.RLock()
        self._status: dict[tuple[str, str], dict[str, Status]] = {}
        self._cited: dict[str, dict[str, EntryInfo]] = {}
        self._item_groups: dict[str, dict[str, list[tuple[int, EntryInfo]]]] = {}
        self._own: dict[str, list[tuple[EntryInfo, frozenset[str]]]] = {}
        self._moves: dict[str, dict[str, tuple[EntryInfo, ...]]] = {}

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
        targets = self.index.entries(target.id)
        annex = target.issuer != WASSENAAR
        if annex or (self.index.reference is not None and target.id == self.index.reference.id):
            # The alignment's edges: by number and text for the newest Wassenaar list, by
            # content for the regime annexes (whose numbers national codes do not encode).
            for info in juris.lists:
                for e in self.index.entries(info.id).values():
                    for impl in e.implements:
                        direct[impl.target].append((e, impl))
            return direct
        # Another regime list than the one the alignment points to: match by numbering.
        for info in juris.lists:
            for code, found in self.index.by_counterpart(info.id).items():
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
        regime_entries = [e for e in self.index.entries(target.id).values() if e.status == "active"]
        out: dict[str, Status] = {}
        if any(info.id == target.id for info in juris.lists):
            for e in regime_entries:
                out[e.id] = Status("same", (e,), (), (target,))
            return out
        if not juris.lists:
            return {e.id: Status("no-list-held") for e in regime_entries}
        direct = self._direct(juris, target)
        table = self.index.entries(target.id)
        with_direct_descendant: set[str] = set()
        for regime_id, pairs in direct.items():
            if all(n.status != "active" for n, _ in pairs):
                continue
            regime_entry = self.index.entry(regime_id)
            if regime_entry is not None:
                for ancestor in self.index.ancestors(regime_entry):
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
                lists = tuple(unique(self.index.all_lists[n.list_id] for n, _ in found))
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
                and not any(self.index.has_children(n) for n in above.entries)
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
                    if (d := self.index.entry(code)) is not None
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
            introduced, lacked_by = self.index.introduction(e)
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
                table = self.index.entries(list_id)
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
        own = content_words(e.text)
        subject = {w for a in self.index.ancestors(e) for w in content_words(a.text)}
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
                for n in self.index.entries(list_id).values():
                    path = [n, *self.index.ancestors(n)]
                    if n.status == "active" and any(
                        a.origin is not None and a.origin.unilateral for a in path
                    ):
                        words = frozenset(w for a in path for w in content_words(a.text))
                        found.append((n, words))
                self._own[list_id] = found
            return found

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
                c
                for c in self.index.entries(parent.list_id).values()
                if c.parent == parent.canonical
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
            if info.numbering != "eccn" or item in self.index.entries(info.id):
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
        info = self.index.all_lists.get(n.list_id)
        return (
            info is not None
            and "paragraphs" in info.copy_may_lack
            and not self.index.has_children(n)
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
            if found["item"] in self.index.entries(info.id):
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
                for code, x in self.index.entries(list_id).items():
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
                for entry in self.index.entries(list_id).values():
                    for text in (entry.text, *entry.notes):
                        for code in _ECCN_CITED.findall(text):
                            found.setdefault(code, entry)
                self._cited[list_id] = found
            return found
