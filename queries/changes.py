"""Changes between two editions of one list: entries added, removed, renumbered and changed,
each with both texts, a text diff (difflib) and whether thresholds became stricter or looser;
and the timeline of one entry across every edition held.

Which entry of one edition is which entry of the next comes from the ``NEXT_EDITION`` edges the
edition concordance derives at ingest (``ingest/editions.py``): by code, or by text when an
entry was renumbered. Editions further apart are compared along that chain.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from typing import Literal, get_args

from graph_schema.wording import wording
from queries.errors import InvalidQuery, NotFound
from queries.evidence import (
    edition_label,
    edition_ref,
    entry_ref,
    entry_text,
    list_label,
    make_filters,
    page,
)
from queries.index import Index
from queries.reading.records import EntryInfo, ListInfo
from queries.requests import ChangesRequest
from queries.views import ChangeKind, ChangeReport, EntryChange, EntryTimeline, TimelineStep

CHANGES: tuple[str, ...] = get_args(ChangeKind)
_COMPARED = ("heading", "text", "notes", "parameters", "status", "reasons")
#: Threshold verdicts along a chain of editions, combined step by step.
_COMBINED = {
    frozenset({"same"}): "same",
    frozenset({"stricter"}): "stricter",
    frozenset({"same", "stricter"}): "stricter",
    frozenset({"looser"}): "looser",
    frozenset({"same", "looser"}): "looser",
}
_CLAUSE = re.compile(r"(?<=[;:.])\s+")


def _one_sided(
    change: Literal["added", "removed"], entry: EntryInfo, held: ListInfo, other: ListInfo
) -> EntryChange:
    """An entry only one edition has: added to the newer (``held``), or removed from the older."""
    added = change == "added"
    return EntryChange(
        change=change,
        canonical=entry.canonical,
        before=None if added else entry_ref(entry),
        after=entry_ref(entry) if added else None,
        diff=[("+" if added else "-") + line for line in _lines(entry)],
        reason=f"{entry.code} is in the {held.edition} edition; no entry of the "
        f"{other.edition} edition has its code or its text.",
    )


def _lines(entry: EntryInfo) -> list[str]:
    """Text cut at clause ends, so a diff shows the clause that changed, not one long line."""
    lines = [part for part in _CLAUSE.split(entry_text(entry)) if part]
    lines += [f"Note: {n}" for n in entry.notes]
    return lines


def _value(entry: EntryInfo, name: str) -> object:
    value = getattr(entry, name)
    if name == "parameters":
        return sorted(
            (str(p.get("quantity")), str(p.get("comparator")), p.get("value"), str(p.get("unit")))
            for p in value
        )
    if name in ("heading", "text"):
        return wording(str(value))
    if name == "notes":
        return [wording(n) for n in value]
    return value


class Changes:
    def __init__(self, index: Index) -> None:
        self.index = index

    def editions(self, list_id: str) -> list[ListInfo]:
        """Every edition held of the list ``list_id`` belongs to, oldest first."""
        return self.index.editions_of(self._list(list_id))

    def _list(self, list_id: str) -> ListInfo:
        found = self.index.all_lists.get(list_id.strip())
        if found is None:
            known = ", ".join(sorted(self.index.all_lists))
            raise NotFound(f"no list edition {list_id!r} (known: {known})")
        return found

    def _pick(self, after: str, before: str | None) -> tuple[ListInfo, ListInfo, list[ListInfo]]:
        new = self._list(after)
        held = self.editions(new.id)
        if before is None:
            older = [
                i for i in held if (i.edition_date, i.edition) < (new.edition_date, new.edition)
            ]
            if not older:
                shown = ", ".join(list_label(i) for i in held)
                raise NotFound(
                    f"no earlier edition of {new.id} is held (editions held: {shown}); "
                    "ingest another edition to compare"
                )
            return older[-1], new, held
        old = self._list(before)
        if (old.issuer, old.series) != (new.issuer, new.series):
            raise InvalidQuery(
                f"{old.id} and {new.id} are not editions of one list; editions of "
                f"{new.id}'s list held: {', '.join(i.id for i in held)}"
            )
        if old.id == new.id:
            raise InvalidQuery("compare two different editions")
        if (old.edition_date, old.edition) > (new.edition_date, new.edition):
            raise InvalidQuery(
                f"'before' ({old.id}, {old.edition_date}) is newer than 'after' ({new.id}, "
                f"{new.edition_date}); swap them"
            )
        return old, new, held

    def _carry(
        self, entry: EntryInfo, new: ListInfo
    ) -> tuple[EntryInfo | None, list[str], list[str], float | None]:
        """Follow ``entry`` edition by edition up to ``new``: the entry there (or None), the
        threshold verdicts and notes of every step, and the last step's similarity."""
        verdicts: list[str] = []
        notes: list[str] = []
        similarity: float | None = None
        current: EntryInfo | None = entry
        while current is not None and current.list_id != new.id:
            link = current.next
            if link is None:
                return None, verdicts, notes, similarity
            if link.thresholds:
                verdicts.append(link.thresholds)
                notes.extend(link.threshold_notes)
            similarity = link.similarity
            current = self.index.entry(link.target)
        return current, verdicts, notes, similarity

    def report(
        self, request: ChangesRequest, *, limit: int | None = None, offset: int = 0
    ) -> ChangeReport:
        """What changed from ``before`` to ``after`` (default: the edition held just before)."""
        changes = request.change
        old, new, _ = self._pick(request.after, request.before)
        filters = make_filters(self.index, request.category, request.code_prefix)
        was = self.index.entries(old.id)
        now = self.index.entries(new.id)
        rows: list[EntryChange] = []
        reached: set[str] = set()
        for a in was.values():
            b, verdicts, notes, sim = self._carry(a, new)
            if b is not None:
                reached.add(b.canonical)
            if not (filters.code_ok(self.index, a) or (b and filters.code_ok(self.index, b))):
                continue
            row = self._change(old, new, a, b, verdicts, notes, sim)
            if row is not None:
                rows.append(row)
        for b in now.values():
            if b.canonical not in reached and filters.code_ok(self.index, b):
                added = self._change(old, new, None, b, [], [], None)
                if added is not None:
                    rows.append(added)
        rows = [r for r in rows if not changes or r.change in changes]
        rows.sort(key=lambda r: (r.canonical, CHANGES.index(r.change)))
        counts: Counter[str] = Counter(r.change for r in rows)
        # Per category too, so that a page of rows can be put in the whole's proportions.
        by_category: dict[str, Counter[str]] = {}
        for r in rows:
            ref = r.after or r.before
            by_category.setdefault((ref.category if ref else None) or "", Counter())[r.change] += 1
        items, bounds = page(rows, limit, offset)
        return ChangeReport(
            items=items,
            **bounds,
            before=edition_ref(old),
            after=edition_ref(new),
            counts={k: counts[k] for k in CHANGES if counts[k]},
            categories={
                cat: {k: kinds[k] for k in CHANGES if kinds[k]}
                for cat, kinds in sorted(by_category.items())
            },
            filters=filters.as_dict(),
        )

    def _change(
        self,
        old: ListInfo,
        new: ListInfo,
        a: EntryInfo | None,
        b: EntryInfo | None,
        verdicts: list[str],
        notes: list[str],
        sim: float | None,
    ) -> EntryChange | None:
        if a is None:
            assert b is not None
            return _one_sided("added", b, new, old)
        if b is None:
            return _one_sided("removed", a, old, new)
        fields = [name for name in _COMPARED if _value(a, name) != _value(b, name)]
        renumbered = a.canonical != b.canonical
        if not fields and not renumbered:
            return None
        diff = list(
            difflib.unified_diff(
                _lines(a), _lines(b), fromfile=old.id, tofile=new.id, lineterm="", n=1
            )
        )
        ratio = difflib.SequenceMatcher(None, entry_text(a), entry_text(b)).ratio()
        thresholds = (
            _COMBINED.get(frozenset(verdicts), "different-parameters") if verdicts else None
        )
        if renumbered:
            reason = (
                f"{a.code} of the {old.edition} edition is {b.code} in the {new.edition} "
                f"edition (text similarity {ratio:.2f})"
            )
        else:
            reason = (
                f"{b.code}: {', '.join(fields)} changed between the {old.edition} and "
                f"{new.edition} editions (text similarity {ratio:.2f})"
            )
        if thresholds in ("stricter", "looser"):
            reason += f"; thresholds are {thresholds} in {new.edition}"
        return EntryChange(
            change="renumbered" if renumbered else "changed",
            canonical=b.canonical,
            before=entry_ref(a),
            after=entry_ref(b),
            fields=fields,
            diff=diff,
            similarity=round(ratio if sim is None else sim, 3),
            thresholds=thresholds,  # type: ignore[arg-type]
            threshold_notes=notes,
            reason=reason + ".",
        )

    def timeline(self, entry_id: str) -> EntryTimeline:
        """Every edition held of the entry's list, oldest first, with the entry in each."""
        entry = self.index.entry(entry_id.strip())
        if entry is None:
            raise NotFound(f"no entry {entry_id!r}")
        info = self._list(entry.list_id)
        held = self.editions(info.id)
        # The entry's chain: back to the oldest edition that has it, then forward.
        chain: dict[str, EntryInfo] = {entry.list_id: entry}
        cursor: EntryInfo | None = entry
        while cursor is not None and (cursor := self.index.previous(cursor)) is not None:
            chain[cursor.list_id] = cursor
        cursor = entry
        while cursor is not None and (cursor := self.index.following(cursor)) is not None:
            chain[cursor.list_id] = cursor
        steps: list[TimelineStep] = []
        before: EntryInfo | None = None
        for position, edition in enumerate(held):
            here = chain.get(edition.id)
            steps.append(self._step(edition, here, before, first=position == 0))
            before = here
        return EntryTimeline(entry=entry_ref(entry), series=info.series, steps=steps)

    def _step(
        self, edition: ListInfo, here: EntryInfo | None, before: EntryInfo | None, *, first: bool
    ) -> TimelineStep:
        ref = edition_ref(edition)
        name = edition_label(edition)
        if here is None:
            return TimelineStep(
                edition=ref,
                change="absent",
                reason=f"The {name} edition has no entry with this code or text.",
            )
        if before is None:
            change: Literal["first-held", "added"] = "first-held" if first else "added"
            why = (
                f"{here.code} is in the oldest edition held ({name})."
                if first
                else f"{here.code} first appears in the {name} edition."
            )
            return TimelineStep(edition=ref, entry=entry_ref(here), change=change, reason=why)
        link = before.next
        assert link is not None
        kind = link.change if link.change in ("changed", "renumbered") else "unchanged"
        why = {
            "unchanged": f"{here.code} is unchanged in the {name} edition.",
            "changed": f"{here.code} changed in the {name} edition ({', '.join(link.fields)}).",
            "renumbered": f"{before.code} became {here.code} in the {name} edition.",
        }[kind]
        return TimelineStep(
            edition=ref,
            entry=entry_ref(here),
            change=kind,  # type: ignore[arg-type]
            thresholds=link.thresholds,
            reason=why,
        )
