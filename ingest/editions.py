"""Edition concordance: which entry of one edition of a list is which entry of the next.

Lists change every year: items are added, deleted, reworded, and renumbered (Wassenaar
renumbered items in 2025; sub-items get relettered when one is inserted). Comparing editions by
code alone would report a renumbered item as one removal and one addition, and a reused code as
a change of text. So the editions of each list held (same issuer, same series) are paired in
date order, and every pair of consecutive editions gets ``NEXT_EDITION`` edges:

1. **By code**: the same canonical code in both editions is the same entry, unless its text
   moved elsewhere: when the texts differ materially and an entry of the newer edition that is
   not paired by code carries the old text, the text wins (the code was reused).
2. **By text**, for what is left, level by level (items first): an old entry and a new entry of
   the same category and level, whose parents are themselves paired (or, for items, of the same
   category and group), are the same entry when their texts are nearly identical. These are the
   renumbered entries.

Each edge says what changed (fields, and thresholds stricter or looser, read with the same
comparison the alignment uses), so the queries answer "changes between editions", an entry's
timeline and "was this regime entry added after that national edition?" from the graph.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import pairwise

from rapidfuzz import fuzz

from graph_schema.model import ControlEntry, NextEdition
from graph_schema.provenance import Provenance
from graph_schema.wording import wording
from ingest.sources.helpers.parameters import parameter_scope

#: Two texts at or above this ratio (whole text, order kept) say the same thing.
SAME_ENTRY = 0.9
#: Below this, a code kept in both editions may hold another entry: look for the old text.
REUSED_CODE = 0.5
#: Texts this short ("a. Exceeding 10 kg;") match too easily to pair by text alone.
SHORT_TEXT = 25
_COMPARED = ("heading", "text", "notes", "status", "sensitive", "very_sensitive")
_WORDED = frozenset({"heading", "text", "notes"})


@dataclass(frozen=True)
class Edition:
    """One edition of a list, as the concordance needs it."""

    id: str
    issuer: str
    series: str
    edition: str
    edition_date: date


def series_of(list_id: str) -> str:
    """``list:eu-military:2020-02-17`` -> ``eu-military``: the list whatever its edition."""
    parts = list_id.split(":")
    return parts[1] if len(parts) > 2 else list_id


def _value(entry: ControlEntry, name: str) -> object:
    """A field as compared across editions: wording without typography (see wording)."""
    value = getattr(entry, name)
    if name not in _WORDED:
        return value
    if isinstance(value, list):
        return [wording(v) for v in value]
    return wording(str(value))


def _text(entry: ControlEntry) -> str:
    return wording(f"{entry.heading} {entry.text}").lower()


def text_ratio(a: ControlEntry, b: ControlEntry) -> float:
    """Similarity of two entries' whole texts, order kept (0..1)."""
    left, right = _text(a), _text(b)
    if not left or not right:
        return 1.0 if left == right else 0.0
    return float(fuzz.ratio(left, right)) / 100.0


class EditionPairer:
    """Pairs the entries of two consecutive editions of one list."""

    def __init__(
        self,
        old: Edition,
        new: Edition,
        old_entries: Sequence[ControlEntry],
        new_entries: Sequence[ControlEntry],
        provenance: Provenance,
    ) -> None:
        self.old, self.new = old, new
        self.was = {e.canonical: e for e in old_entries}
        self.now = {e.canonical: e for e in new_entries}
        self.provenance = provenance
        #: old canonical -> (new canonical, method, ratio)
        self.pairs: dict[str, tuple[str, str, float]] = {}

    def _pair_by_code(self) -> None:
        for canonical, a in self.was.items():
            b = self.now.get(canonical)
            if b is not None:
                self.pairs[canonical] = (canonical, "code", text_ratio(a, b))

    def _candidates(self, a: ControlEntry, taken: set[str]) -> Iterator[ControlEntry]:
        """New entries that could be ``a`` under another code: same category and level, and
        under the entry ``a``'s parent became (items: the same group)."""
        if a.parent:
            mapped = self.pairs.get(a.parent)
            if mapped is None:
                return
            parent = mapped[0]
            for b in self._children.get(parent, ()):
                if b.canonical not in taken and b.level == a.level:
                    yield b
            return
        for b in self._items.get(a.canonical[:2], ()):
            if b.canonical not in taken:
                yield b

    def _pair_by_text(self) -> None:
        self._children: dict[str, list[ControlEntry]] = defaultdict(list)
        self._items: dict[str, list[ControlEntry]] = defaultdict(list)
        for b in self.now.values():
            if b.parent:
                self._children[b.parent].append(b)
            else:
                self._items[b.canonical[:2]].append(b)
        taken = {new for new, _, _ in self.pairs.values()}
        # A code kept in both editions whose texts differ materially may have been reused:
        # free such pairs when the old text is found nearly verbatim elsewhere.
        for old_code, (new_code, _, ratio) in list(self.pairs.items()):
            a = self.was[old_code]
            if ratio >= REUSED_CODE or len(_text(a)) < SHORT_TEXT:
                continue
            best = self._best(a, taken)
            if best is not None:
                taken.discard(new_code)
                taken.add(best[0].canonical)
                self.pairs[old_code] = (best[0].canonical, "text", best[1])
        # Removed-looking entries, parents first so children can follow their parent's move.
        for a in sorted(self.was.values(), key=lambda e: (e.level, e.canonical)):
            if a.canonical in self.pairs or len(_text(a)) < SHORT_TEXT:
                continue
            best = self._best(a, taken)
            if best is not None:
                taken.add(best[0].canonical)
                self.pairs[a.canonical] = (best[0].canonical, "text", best[1])

    def _best(self, a: ControlEntry, taken: set[str]) -> tuple[ControlEntry, float] | None:
        found: tuple[ControlEntry, float] | None = None
        for b in self._candidates(a, taken):
            ratio = text_ratio(a, b)
            if ratio >= SAME_ENTRY and (found is None or ratio > found[1]):
                found = (b, ratio)
        return found

    def edges(self) -> Iterator[NextEdition]:
        self._pair_by_code()
        self._pair_by_text()
        for old_code, (new_code, method, ratio) in sorted(self.pairs.items()):
            a, b = self.was[old_code], self.now[new_code]
            fields = [f for f in _COMPARED if _value(a, f) != _value(b, f)]
            if old_code != new_code:
                change = "renumbered"
            elif fields:
                change = "changed"
            else:
                change = "unchanged"
            thresholds: str | None = None
            notes: list[str] = []
            if "text" in fields or "heading" in fields:
                scope, raw = parameter_scope(b.parameters, a.parameters)
                # parameter_scope speaks of a national list against a regime's; here the newer
                # edition plays the national part: broader = the newer edition controls more.
                thresholds = {"broader": "stricter", "narrower": "looser"}.get(scope or "", scope)
                notes = [
                    n.replace("national", self.new.edition).replace("regime", self.old.edition)
                    for n in raw
                ]
            how = (
                f"same code {new_code}"
                if method == "code"
                else f"{old_code} is {new_code} in the {self.new.edition} edition (same text)"
            )
            evidence = (
                f"{self.old.id} {old_code} -> {self.new.id} {new_code}: {how}; "
                f"text similarity {ratio:.2f}"
            )
            yield NextEdition(
                source=a.id,
                target=b.id,
                method=method,  # type: ignore[arg-type]
                similarity=round(ratio, 3),
                change=change,  # type: ignore[arg-type]
                fields=fields,
                thresholds=thresholds,  # type: ignore[arg-type]
                threshold_notes=notes,
                evidence=evidence,
                provenance=self.provenance,
            )


def edition_edges(
    editions: Sequence[Edition],
    entries: dict[str, list[ControlEntry]],
    provenance: Provenance,
) -> Iterator[NextEdition]:
    """``NEXT_EDITION`` edges between consecutive editions of every list held."""
    by_series: dict[tuple[str, str], list[Edition]] = defaultdict(list)
    for edition in editions:
        by_series[(edition.issuer, edition.series)].append(edition)
    for key in sorted(by_series):
        held = sorted(by_series[key], key=lambda e: (e.edition_date, e.edition))
        for old, new in pairwise(held):
            pairer = EditionPairer(
                old, new, entries.get(old.id, []), entries.get(new.id, []), provenance
            )
            yield from pairer.edges()
