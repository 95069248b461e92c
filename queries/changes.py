"""Changes between two editions of one issuer's list: entries added, removed and changed, with a
text diff (difflib) for every change."""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Sequence

from queries.catalog import NotFound
from queries.data import EntryInfo, ListInfo
from queries.evidence import (
    InvalidQuery,
    edition_ref,
    entry_ref,
    entry_text,
    list_label,
    make_filters,
    page,
)
from queries.index import Index
from queries.views import ChangeReport, EntryChange

CHANGES = ("added", "removed", "changed")
_COMPARED = ("heading", "text", "notes", "parameters", "status", "reasons")
_CLAUSE = re.compile(r"(?<=[;:.])\s+")


def _lines(entry: EntryInfo) -> list[str]:
    """Text cut at clause ends, so a diff shows the clause that changed, not one long line."""
    lines = [part for part in _CLAUSE.split(entry_text(entry)) if part]
    lines += [f"Note: {n}" for n in entry.notes]
    return lines


def _value(entry: EntryInfo, name: str) -> object:
    value = getattr(entry, name)
    if name == "parameters":
        return sorted((str(p.get("quantity")), str(p.get("text"))) for p in value)
    return value


class Changes:
    def __init__(self, index: Index) -> None:
        self.index = index

    def editions(self, list_id: str) -> list[ListInfo]:
        """Every edition held of the list ``list_id`` belongs to, oldest first."""
        info = self._list(list_id)
        return sorted(
            (
                i
                for i in self.index.all_lists.values()
                if (i.issuer, i.series) == (info.issuer, info.series)
            ),
            key=lambda i: (i.edition_date, i.edition),
        )

    def _list(self, list_id: str) -> ListInfo:
        found = self.index.all_lists.get(list_id.strip())
        if found is None:
            known = ", ".join(sorted(self.index.all_lists))
            raise NotFound(f"no list edition {list_id!r} (known: {known})")
        return found

    def report(
        self,
        after: str,
        before: str | None = None,
        *,
        category: str | None = None,
        code_prefix: str | None = None,
        changes: Sequence[str] | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> ChangeReport:
        """What changed from ``before`` to ``after`` (default: the edition held just before)."""
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
            old = older[-1]
        else:
            old = self._list(before)
            if (old.issuer, old.series) != (new.issuer, new.series):
                raise InvalidQuery(
                    f"{old.id} and {new.id} are not editions of one list; editions of "
                    f"{new.id}'s list held: {', '.join(i.id for i in held)}"
                )
            if old.id == new.id:
                raise InvalidQuery("compare two different editions")
        bad = [c for c in changes or () if c not in CHANGES]
        if bad:
            raise InvalidQuery(f"unknown change {bad[0]!r} (known: {', '.join(CHANGES)})")
        filters = make_filters(self.index, category, code_prefix)
        was = self.index.entries(old.id)
        now = self.index.entries(new.id)
        rows: list[EntryChange] = []
        for canonical in sorted(set(was) | set(now)):
            a, b = was.get(canonical), now.get(canonical)
            subject = b or a
            assert subject is not None
            if not filters.code_ok(self.index, subject):
                continue
            row = self._change(old, new, a, b)
            if row is not None and (not changes or row.change in changes):
                rows.append(row)
        counts: Counter[str] = Counter(r.change for r in rows)
        items, lim, off = page(rows, limit, offset)
        return ChangeReport(
            items=items,
            total=len(rows),
            limit=lim,
            offset=off,
            before=edition_ref(old),
            after=edition_ref(new),
            counts={k: counts[k] for k in CHANGES if counts[k]},
            filters=filters.as_dict(),
        )

    def _change(
        self, old: ListInfo, new: ListInfo, a: EntryInfo | None, b: EntryInfo | None
    ) -> EntryChange | None:
        if a is None and b is not None:
            return EntryChange(
                change="added",
                canonical=b.canonical,
                after=entry_ref(b),
                diff=[f"+{line}" for line in _lines(b)],
                reason=f"{b.code} is in the {new.edition} edition but not in {old.edition}.",
            )
        if b is None and a is not None:
            return EntryChange(
                change="removed",
                canonical=a.canonical,
                before=entry_ref(a),
                diff=[f"-{line}" for line in _lines(a)],
                reason=f"{a.code} is in the {old.edition} edition but not in {new.edition}.",
            )
        assert a is not None and b is not None
        fields = [name for name in _COMPARED if _value(a, name) != _value(b, name)]
        if not fields:
            return None
        diff = list(
            difflib.unified_diff(
                _lines(a), _lines(b), fromfile=old.id, tofile=new.id, lineterm="", n=1
            )
        )
        ratio = difflib.SequenceMatcher(None, entry_text(a), entry_text(b)).ratio()
        return EntryChange(
            change="changed",
            canonical=b.canonical,
            before=entry_ref(a),
            after=entry_ref(b),
            fields=fields,
            diff=diff,
            reason=(
                f"{b.code}: {', '.join(fields)} changed between the {old.edition} and "
                f"{new.edition} editions (text similarity {ratio:.2f})."
            ),
        )
