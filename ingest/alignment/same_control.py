"""SAME_CONTROL edges: national entries of different issuers, without a Wassenaar
counterpart, found to be one control adopted outside the regimes - by their words, by the
items they cite once those are known to be one, as neighbours of paragraphs already matched,
or as the same words with other bounds."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Literal

from rapidfuzz import fuzz, process

from graph_schema.codes import CodeSystem
from graph_schema.model import ControlEntry, Parameter, SameControl
from ingest.alignment.held import REGIME_LISTS, ListInfo, ListsHeld, _provenance
from ingest.alignment.text import (
    CONTENT_MATCH,
    CONTENT_MIN,
    _squash_words,
    entry_text,
    subtree_texts,
)
from ingest.editions import series_of
from ingest.sources.helpers.parameters import same_bounds

#: Rounds of matching again once cited items are known to be twins (see
#: ``SameControls.same_controls``).
TWIN_ROUNDS = 3
#: Entries under headings with the same words, already found to share paragraphs (within
#: two levels), are matched on looser words when they state the same thresholds, two or more.
NEIGHBOUR_DEPTH = 2
NEIGHBOUR_MATCH = 0.8
NEIGHBOUR_BOUNDS = 2
#: Entries of two issuers are the same control with other bounds when one's words (numbers
#: aside) hold the other's (token set) and their order is close enough (token sort), at least
#: this many words each, and both bound a quantity at other values.
OTHER_BOUNDS_HELD = 0.95
OTHER_BOUNDS_CLOSE = 0.6
OTHER_BOUNDS_WORDS = 8
#: Entries citing two such items are one control with their bounds at this token-set
#: similarity of their words, citations aside.
CITING_MATCH = 0.85
#: A code cited in a text, with its paragraphs (3A090.a, 3A501.a.16).
_CITED_CODE = re.compile(r"\b\d[A-E]\d{3}(?:\.[a-z0-9]+)*\b", re.I)
#: Bounds this close are one bound printed from a rounded conversion (1 Torr as 133.3 Pa).
ROUNDED = 0.05


class SameControls:
    """Finds the national entries of different issuers that are one control."""

    def __init__(self, held: ListsHeld) -> None:
        self.held = held

    def same_controls(
        self, with_counterpart: set[str], unilateral: set[str]
    ) -> Iterator[SameControl]:
        """National entries of different issuers with the same text and no Wassenaar
        counterpart: controls adopted outside the regimes by several states. Newest edition of
        each national list only; entries compared within one category and group; pairs under
        the same code are left to the comparison by code."""
        newest: dict[tuple[str, str], ListInfo] = {}
        for info in self.held.lists.values():
            if info.issuer in REGIME_LISTS or info.system is CodeSystem.SCOMET:
                continue
            key = (info.issuer, series_of(info.id))
            if key not in newest or info.edition_date > newest[key].edition_date:
                newest[key] = info
        pools: dict[str, dict[str, list[tuple[ControlEntry, str]]]] = {}
        for info in newest.values():
            entries = self.held.entries.get(info.id, [])
            # An item's own words are often a heading; its sub-entries say what it controls.
            trees = subtree_texts(entries)
            ids_of = {e.canonical: e.id for e in entries}
            for e in entries:
                # A national addition's top entry (an item, or a paragraph under one with a
                # Wassenaar counterpart: US 3B001.c.1) is compared with its sub-entries.
                top = e.parent is None or ids_of.get(e.parent) in with_counterpart
                text = trees[e.canonical] if top else entry_text(e)
                if e.id in with_counterpart or e.status != "active" or len(text) < CONTENT_MIN:
                    continue
                family = "ML" if e.canonical.startswith("ML") else e.canonical[:2]
                pools.setdefault(family, {}).setdefault(info.issuer, []).append((e, text))
        found = list(self._pools_same(pools))
        yield from found
        # Technology and software entries cite their items by each list's own code and words
        # (AU 4E901 "items specified in 4A901.b., 4A901.c., or 4D901" is US 4E906.a "items
        # controlled by 4A906.b, 4A906.c, or 4D906"): once those items are known to be the
        # same control, their codes are read as one and the entries not yet matched compared
        # again, a few rounds (software first, then the technology citing it).
        issuer_of = {e.id: issuer for issuer, e in _pooled(pools)}
        for _ in range(TWIN_ROUNDS):
            twins = _twin_codes(found, issuer_of)
            done = {m.source for m in found} | {m.target for m in found}
            again = {
                family: {
                    issuer: [
                        (e, _cite_twins(text, twins, issuer))
                        for e, text in pooled
                        if e.id not in done
                    ]
                    for issuer, pooled in by_issuer.items()
                }
                for family, by_issuer in pools.items()
            }
            more = list(self._pools_same(again, same_cites=True))
            if not more:
                break
            yield from more
            found.extend(more)
        near = list(self._neighbours_same(found, pools))
        yield from near
        own = {
            family: {
                issuer: [(e, t) for e, t in pooled if self._under(e, unilateral)]
                for issuer, pooled in by_issuer.items()
            }
            for family, by_issuer in pools.items()
        }
        yield from self._other_bounds([*found, *near], own)

    def _under(self, entry: ControlEntry, origins: set[str]) -> bool:
        """Is the entry, or an entry above it, one of ``origins``?"""
        return any(e.id in origins for e in (entry, *self.held.ancestors(entry)))

    def _other_bounds(
        self,
        found: list[SameControl],
        pools: dict[str, dict[str, list[tuple[ControlEntry, str]]]],
    ) -> Iterator[SameControl]:
        """National entries of different issuers, not yet matched, that say the same with
        other bounds: one's words (numbers aside) hold all of the other's, and both bound the
        same quantity at other values. US 3A090.a, integrated circuits with "one or more
        digital processing units having" a 'total processing performance' of 4800 or more (or
        1600 with a 'performance density' of 5.92), is EU 3A501.a.16 at a TPP of 6000 or more:
        one control adopted outside the regimes, the EU's higher bound leaving more chips free."""
        links: list[tuple[ControlEntry, ControlEntry]] = []
        done = {m.source for m in found} | {m.target for m in found}
        # An entry with a part already found to be the same control in another list is
        # compared there part by part (AU 3B901.a and .b are US 3B001.c.1.a and .c): the
        # whole of it is not "the same with other bounds" as some larger entry of that list.
        parted: set[tuple[str, str]] = set()
        for m in found:
            for one, two in ((m.source, m.target), (m.target, m.source)):
                there = self.held.by_id[two].list_id
                parted.update(
                    (above.id, there) for above in self.held.ancestors(self.held.by_id[one])
                )
        for family in sorted(pools):
            issuers = sorted(pools[family])
            for i, first in enumerate(issuers):
                for second in issuers[i + 1 :]:
                    taken: set[str] = set()
                    for entry, _ in pools[family][first]:
                        if entry.id in done:
                            continue
                        match = self._same_words_other_bounds(
                            entry,
                            [
                                e
                                for e, _ in pools[family][second]
                                if e.id not in done
                                and e.id not in taken
                                and (entry.id, e.list_id) not in parted
                                and (e.id, entry.list_id) not in parted
                            ],
                        )
                        if match is None:
                            continue
                        other, sim, bounds = match
                        taken.add(other.id)
                        links.append((entry, other))
                        yield self._same_control(
                            entry,
                            other,
                            sim,
                            f"{entry.id} and {other.id} say the same with other bounds ({bounds}; "
                            f"text similarity {sim:.2f}, numbers aside); neither has a "
                            "counterpart in the Wassenaar list held",
                            bounds="other",
                        )
        yield from self._citing_other_bounds(links, pools)

    def _citing_other_bounds(
        self,
        links: list[tuple[ControlEntry, ControlEntry]],
        pools: dict[str, dict[str, list[tuple[ControlEntry, str]]]],
    ) -> Iterator[SameControl]:
        """Entries that say the same of two items found to be one control with other bounds,
        each citing its own list's item, share those other bounds: US 4A090.a, computers
        "containing integrated circuits, any of which meets or exceeds the limits in 3A090.a",
        is EU 4A507, computers "containing one or more integrated circuits, specified by
        3A501.a.16"."""
        citing: dict[tuple[str, str], list[ControlEntry]] = {}
        for _, entry in _pooled(pools):
            for code in _CITED_CODE.findall(entry_text(entry)):
                citing.setdefault((entry.list_id, code.upper()), []).append(entry)
        seen: set[tuple[str, str]] = set()
        for a, b in links:
            for x in citing.get((a.list_id, a.canonical.upper()), []):
                for y in citing.get((b.list_id, b.canonical.upper()), []):
                    if (x.id, y.id) in seen:
                        continue
                    seen.add((x.id, y.id))
                    words = [_squash_words(_CITED_CODE.sub(" ", entry_text(e))) for e in (x, y)]
                    sim = fuzz.token_set_ratio(*words) / 100.0
                    if sim < CITING_MATCH:
                        continue
                    yield self._same_control(
                        x,
                        y,
                        sim,
                        f"{x.id} and {y.id} say the same (text similarity {sim:.2f}, citations "
                        f"aside) of {a.canonical} and {b.canonical}, one control with other "
                        "bounds; neither has a counterpart in the Wassenaar list held",
                        bounds="other",
                    )

    def _same_words_other_bounds(
        self, entry: ControlEntry, theirs: list[ControlEntry]
    ) -> tuple[ControlEntry, float, str] | None:
        ours = self.held.subtree_parameters(entry)
        quantities = {p.quantity for p in ours}
        if not quantities:
            return None
        mine = _squash_words(self.held.subtree_texts(entry.list_id).get(entry.canonical, ""))
        best: tuple[float, ControlEntry, str] | None = None
        for other in theirs:
            params = self.held.subtree_parameters(other)
            shared = {
                q
                for q in quantities & {p.quantity for p in params}
                if not same_bounds(
                    [p for p in ours if p.quantity == q],
                    [p for p in params if p.quantity == q],
                    rel_tol=ROUNDED,
                )
            }
            if not shared:
                continue
            words = _squash_words(self.held.subtree_texts(other.list_id).get(other.canonical, ""))
            if min(len(mine.split()), len(words.split())) < OTHER_BOUNDS_WORDS:
                continue
            held = fuzz.token_set_ratio(mine, words) / 100.0
            close = fuzz.token_sort_ratio(mine, words) / 100.0
            if held < OTHER_BOUNDS_HELD or close < OTHER_BOUNDS_CLOSE:
                continue
            if best is None or held > best[0]:
                bounds = "; ".join(
                    f"{q}: {_said(ours, q)} against {_said(params, q)}" for q in sorted(shared)
                )
                best = (held, other, bounds)
        return None if best is None else (best[1], best[0], best[2])

    def _neighbours_same(
        self,
        found: list[SameControl],
        pools: dict[str, dict[str, list[tuple[ControlEntry, str]]]],
    ) -> Iterator[SameControl]:
        """A last look among the entries of items already found to share paragraphs: two of
        them not yet matched are the same control when their words are close and they state
        the very same thresholds. US 3B001.d.8 (ALD of a TiAlC work function metal, "greater
        than 30 °C", "greater than 4.0 eV") is EU 3B501.n.1.c ("303,15 K (30 °C)", "4,0 eV"),
        worded otherwise, while 3B001.d.1, d.3 and d.4.a-d are EU 3B501.n.2, n.8 and n.7.a-d."""
        done = {m.source for m in found} | {m.target for m in found}
        linked: set[tuple[str, str]] = set()
        for m in found:
            for x in self._near_ancestors(self.held.by_id[m.source]):
                for y in self._near_ancestors(self.held.by_id[m.target]):
                    linked.update(((x, y), (y, x)))
        for family in sorted(pools):
            issuers = sorted(pools[family])
            for i, first in enumerate(issuers):
                for second in issuers[i + 1 :]:
                    for entry, _ in pools[family][first]:
                        if entry.id in done:
                            continue
                        # The same code: the comparison by code already sees it.
                        theirs = [
                            e
                            for e, _ in pools[family][second]
                            if e.id not in done and e.canonical != entry.canonical
                        ]
                        match = self._neighbour(entry, theirs, linked)
                        if match is None:
                            continue
                        other, sim = match
                        done.update((entry.id, other.id))
                        yield self._same_control(
                            entry,
                            other,
                            sim,
                            f"{entry.id} and {other.id} state the same thresholds in close words "
                            f"(text similarity {sim:.2f}), under items already found to share "
                            "paragraphs; neither has a counterpart in the Wassenaar list held",
                        )

    def _near_ancestors(self, entry: ControlEntry) -> list[str]:
        """The entry's parent and grandparent (ids)."""
        table = self.held.canonical_of(entry.list_id)
        out: list[str] = []
        current = entry
        while current.parent is not None and len(out) < NEIGHBOUR_DEPTH:
            parent = table.get(current.parent)
            if parent is None:
                break
            out.append(parent.id)
            current = parent
        return out

    def _neighbour(
        self, entry: ControlEntry, theirs: list[ControlEntry], linked: set[tuple[str, str]]
    ) -> tuple[ControlEntry, float] | None:
        ours = self.held.subtree_parameters(entry)
        if len(ours) < NEIGHBOUR_BOUNDS:
            return None
        mine = self._near_ancestors(entry)
        text = self.held.subtree_texts(entry.list_id).get(entry.canonical, "")
        best: tuple[float, ControlEntry] | None = None
        for other in theirs:
            # Under headings with the same words, linked by paragraphs already matched: the
            # same words under other headings ("cylinders having a diameter of 120 mm or
            # greater" of graphite in 1C107.a and of tungsten in 1C117.c) are other controls.
            if not any(
                (a, b) in linked and self._same_heading(a, b)
                for a in mine
                for b in self._near_ancestors(other)
            ):
                continue
            if not same_bounds(ours, self.held.subtree_parameters(other)):
                continue
            words = self.held.subtree_texts(other.list_id).get(other.canonical, "")
            sim = fuzz.token_set_ratio(text, words) / 100.0
            if sim >= NEIGHBOUR_MATCH and (best is None or sim > best[0]):
                best = (sim, other)
        return None if best is None else (best[1], best[0])

    def _same_heading(self, a: str, b: str) -> bool:
        left, right = entry_text(self.held.by_id[a]), entry_text(self.held.by_id[b])
        return fuzz.token_sort_ratio(left, right) >= CONTENT_MATCH * 100

    def _pools_same(
        self,
        pools: dict[str, dict[str, list[tuple[ControlEntry, str]]]],
        *,
        same_cites: bool = False,
    ) -> Iterator[SameControl]:
        for family in sorted(pools):
            issuers = sorted(pools[family])
            for i, first in enumerate(issuers):
                for second in issuers[i + 1 :]:
                    yield from self._pair_same(
                        pools[family][first], pools[family][second], same_cites=same_cites
                    )

    def _pair_same(
        self,
        ours: list[tuple[ControlEntry, str]],
        theirs: list[tuple[ControlEntry, str]],
        *,
        same_cites: bool = False,
    ) -> Iterator[SameControl]:
        """Best text match of each of ``ours`` among ``theirs``; with ``same_cites``, only if
        both cite the same items (texts from :func:`_cite_twins`: "software for the use of
        equipment specified by 3B901" is not "... described in 3A225")."""
        texts = {i: text for i, (_, text) in enumerate(theirs)}
        taken: set[int] = set()
        for entry, text in ours:
            best = process.extractOne(
                text, texts, scorer=fuzz.token_sort_ratio, score_cutoff=CONTENT_MATCH * 100
            )
            if best is None or best[2] in taken:
                continue
            if same_cites and _cited_items(text) != _cited_items(theirs[best[2]][1]):
                continue
            taken.add(best[2])
            other = theirs[best[2]][0]
            if other.canonical == entry.canonical:
                continue  # the same code: the comparison by code already sees it
            sim = best[1] / 100.0
            yield self._same_control(
                entry,
                other,
                sim,
                f"{entry.id} and {other.id} say the same (text similarity {sim:.2f}); neither has "
                "a counterpart in the Wassenaar list held",
            )

    def _same_control(
        self,
        entry: ControlEntry,
        other: ControlEntry,
        sim: float,
        evidence: str,
        bounds: Literal["same", "other"] = "same",
    ) -> SameControl:
        """Two national entries of different issuers found to be one control."""
        return SameControl(
            source=entry.id,
            target=other.id,
            similarity=round(sim, 3),
            bounds=bounds,
            evidence=evidence,
            provenance=_provenance(evidence),
        )


_ITEM_CODE = re.compile(r"\b(\d[A-E]\d{3})\b", re.I)  # pooled texts are lower case
#: An item cited in a text from :func:`_cite_twins`: a twin's name or a lower-case code.
_CITED_ITEM = re.compile(r"\b(?:twin\d+|\d[a-e]\d{3})\b")


def _said(parameters: list[Parameter], quantity: str) -> str:
    """How a text bounds a quantity, in its own words ("TPP of 6000 or more")."""
    return " or ".join(sorted({p.text for p in parameters if p.quantity == quantity}))


def _pooled(
    pools: dict[str, dict[str, list[tuple[ControlEntry, str]]]],
) -> Iterator[tuple[str, ControlEntry]]:
    for by_issuer in pools.values():
        for issuer, pooled in by_issuer.items():
            for entry, _ in pooled:
                yield issuer, entry


def _twin_codes(found: list[SameControl], issuer_of: dict[str, str]) -> dict[tuple[str, str], str]:
    """(issuer, item code) -> one name for the items several issuers list as the same control
    under their own codes (US 4A906, AU 4A901 and EU 4A506 all read as one)."""
    names: dict[tuple[str, str], str] = {}
    for match in found:
        ends = [
            (issuer_of[entry_id], entry_id.rsplit(":", 1)[-1].split(".")[0])
            for entry_id in (match.source, match.target)
        ]
        name = next((names[end] for end in ends if end in names), f"twin{len(names)}")
        for end in ends:
            names.setdefault(end, name)
    return names


#: Lists cite other entries in their own words: "specified by" (Wassenaar, EU, Australia),
#: "controlled by" (US), "items" or "commodities".
_CITED_AS = re.compile(
    r"\b(?:(?:items|commodities)\s+)?(?:specified|controlled|described)\s+(?:in|by|under)\b",
    re.I,
)
_PUNCTUATION = re.compile(r"[^\w\s]")


def _cited_items(text: str) -> frozenset[str]:
    return frozenset(_CITED_ITEM.findall(text))


def _cite_twins(text: str, twins: dict[tuple[str, str], str], issuer: str) -> str:
    """``text`` with twin items under one name and citations in one wording."""
    text = _ITEM_CODE.sub(lambda m: twins.get((issuer, m.group(1).upper()), m.group(1)), text)
    return _PUNCTUATION.sub(" ", _CITED_AS.sub(" cited ", text)).lower()
