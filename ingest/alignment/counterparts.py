"""Counterparts the numbering could not see: regime entries still without one after a list
is matched, found under their parent's counterpart (words printed without a number, a
broader sibling that catches every item), as the dual-use twin of a munitions entry, or where
the national counterpart of another regime entry lacks the Note that moved a substance."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from rapidfuzz import fuzz

from graph_schema import wording as wording_module
from graph_schema.model import ControlEntry, Implements
from ingest.alignment.held import ListsHeld, _provenance
from ingest.alignment.scope import Scope
from ingest.alignment.text import (
    _a_thing,
    _comparable,
    _excerpt,
    _exclusions,
    _order,
    _squash_words,
)
from ingest.sources.helpers.parameters import compare

#: Regime words found inside a national entry count when at least this long (letters and
#: digits only): "quickreversing" is evidence, "beyond110ghz" under the right parent too.
WORDS_INSIDE_MIN = 12
#: A national paragraph catching a regime entry by its thresholds must be about the same thing:
#: its words (numbers aside) this close to the regime entry's (token set).
CAUGHT_SUBJECT = 0.8
#: How the evidence says a national paragraph holds another regime paragraph's words.
_UNNUMBERED = "where the copy gives them no number of their own"


def _found(
    national: ControlEntry,
    target: ControlEntry,
    method: Literal["text", "parameters"],
    score: float,
    scope: Literal["same", "broader", "unknown"],
    evidence: str,
    similarity: float | None = None,
) -> Implements:
    """A counterpart the numbering could not see, with the reason it was found."""
    return Implements(
        source=national.id,
        target=target.id,
        method=method,
        score=score,
        scope=scope,
        similarity=None if similarity is None else round(similarity, 3),
        evidence=evidence,
        provenance=_provenance(evidence),
    )


class Counterparts:
    """Finds the counterparts the numbering of a national list could not see."""

    def __init__(self, held: ListsHeld, scope: Scope) -> None:
        self.held = held
        self.scope = scope
        self._regime_words: dict[str, str] | None = None

    def within_counterparts(self, list_id: str, matched: list[Implements]) -> Iterator[Implements]:
        """Regime entries still without a counterpart whose parent has one, found under that
        counterpart (or the grandparent's), where the numbering cannot see them:

        * **the words are there**: the copy prints the paragraph without its number, or runs
          it into another one (SCOMET's 8A301.b.7.d holds Wassenaar 3.A.1.b.8, unnumbered);
        * **a broader sibling catches it**: every item the regime entry describes meets the
          thresholds of a national sibling paragraph on the same subject (Wassenaar 2025 added
          6.A.5.a.6.a.3, lasers over 1.5 kW with a given bandwidth; a list still at the 2021
          text controls them all under a.6.a.1, "output power exceeding 1,000 W").
        """
        if self.held.regime_list is None:
            return
        national = self.held.entries.get(list_id, [])
        counterparts: dict[str, list[ControlEntry]] = {}
        # National entry -> the words of the regime entries it already stands for.
        owned: dict[str, list[str]] = {}
        for edge in matched:
            counterparts.setdefault(edge.target, []).append(self.held.by_id[edge.source])
            owned.setdefault(edge.source, []).append(_comparable(self.held.by_id[edge.target].text))
        below: dict[str, list[ControlEntry]] = {}
        for e in national:
            if e.status == "active":
                below.setdefault(e.parent or "", []).append(e)
        # Each entry -> the first entry after its subtree, in code order.
        ordered = sorted(national, key=_order)
        following: dict[str, ControlEntry] = {}
        for i, e in enumerate(ordered):
            prefix = e.canonical + "."
            j = i + 1
            while j < len(ordered) and ordered[j].canonical.startswith(prefix):
                j += 1
            if j < len(ordered):
                following[e.id] = ordered[j]
        # Parents first: a paragraph found here is searched under for its own sub-paragraphs.
        for target in self.held.regime_in_order:
            if target.id in counterparts or target.status != "active" or target.parent is None:
                continue
            parent = self.held.regime_entries.get(target.parent)
            if parent is None:
                continue
            near = counterparts.get(parent.id, [])
            if not near:
                continue  # a paragraph the national list lacks as a whole: nothing to search
            # The copy may run a paragraph into the parent's next sibling (SCOMET 8A301.a.11
            # opens with the words of 3.A.1.a.10.c): the grandparent's counterpart is searched
            # too, once the parent is known to be there.
            grandparent = self.held.regime_entries.get(parent.parent or "")
            far = counterparts.get(grandparent.id, []) if grandparent is not None else []
            # The paragraph that follows the parent's counterpart may have swallowed the words
            # when the copy lost a number (SCOMET 8C107.c.2 opens with 1.C.7.c.1.b.2's words).
            after = [x for x in (following.get(n.id) for n in near) if x is not None]
            found = self._words_inside(target, near, below, owned)
            if found is None and self._unique_words(target):
                # Further afield only words no other regime paragraph has ("Five or more axes
                # ... contouring control" recurs in every machine-tool item).
                found = self._words_inside(target, far, below, owned) or self._words_inside(
                    target, after, {}, owned
                )
            if found is None:
                found = self._caught_by_sibling(target, near, below)
            if found is not None:
                counterparts.setdefault(target.id, []).append(self.held.by_id[found.source])
                owned.setdefault(found.source, []).append(_comparable(target.text))
                yield found

    def _unique_words(self, target: ControlEntry) -> bool:
        """Does no other paragraph of the regime list hold ``target``'s words?"""
        if self._regime_words is None:
            self._regime_words = {
                e.id: _comparable(e.text) for e in self.held.regime_entries.values()
            }
        words = self._regime_words[target.id]
        return not any(
            words in other for key, other in self._regime_words.items() if key != target.id
        )

    def _subtree(
        self, anchors: list[ControlEntry], below: dict[str, list[ControlEntry]]
    ) -> Iterator[ControlEntry]:
        stack = list(anchors)
        while stack:
            e = stack.pop()
            yield e
            stack.extend(below.get(e.canonical, []))

    def _words_inside(
        self,
        target: ControlEntry,
        anchors: list[ControlEntry],
        below: dict[str, list[ControlEntry]],
        owned: dict[str, list[str]],
    ) -> Implements | None:
        """A national entry whose text holds ``target``'s words, unless those words are
        already the words of a regime entry it stands for (every band of 6.A.5.a has its
        "'Multiple transverse mode' output" paragraph)."""
        words = _comparable(target.text)
        if len(words) < WORDS_INSIDE_MIN or not anchors:
            return None
        for national in self._subtree(anchors, below):
            if (
                national.status == "active"
                and words in _comparable(national.text)
                and not any(words in other for other in owned.get(national.id, []))
            ):
                evidence = (
                    f"the words of Wassenaar {target.code} are in {national.canonical} "
                    f'("{_excerpt(target.text)}"), {_UNNUMBERED}'
                )
                return _found(national, target, "text", 0.8, "same", evidence)
        return None

    def _caught_by_sibling(
        self,
        target: ControlEntry,
        anchors: list[ControlEntry],
        below: dict[str, list[ControlEntry]],
    ) -> Implements | None:
        conditions = self.scope.conditions(target)
        if not conditions:
            return None
        described = _squash_words(self.held.subtree_texts(target.list_id)[target.canonical])
        for anchor in anchors:
            for sibling in below.get(anchor.canonical, []):
                if below.get(sibling.canonical) or not sibling.parameters:
                    continue  # only a leaf's thresholds are the whole of its conditions
                relations = []
                for p in sibling.parameters:
                    rel = next(
                        (r for q in conditions if (r := compare(p, q)) in ("stricter", "same")),
                        None,
                    )
                    if rel is None:
                        break
                    relations.append(rel)
                else:
                    subject = fuzz.token_set_ratio(_squash_words(sibling.text), described)
                    if subject < CAUGHT_SUBJECT * 100:
                        continue
                    # The regime's further conditions only mark out its part of what the
                    # national paragraph covers (a wavelength band): the same thresholds on
                    # what both name are the same control for the regime entry's items.
                    scope: Literal["same", "broader"] = (
                        "same" if set(relations) == {"same"} else "broader"
                    )
                    ours = "; ".join(p.text for p in sibling.parameters)
                    theirs = "; ".join(q.text for q in conditions)
                    evidence = (
                        f"{sibling.canonical} ({ours}) catches every item of Wassenaar "
                        f"{target.code} ({theirs}): the national list controls it under "
                        "another paragraph"
                    )
                    return _found(sibling, target, "parameters", 0.75, scope, evidence)
        return None

    def kept_by_lacking_a_note(self, matched: list[Implements]) -> Iterator[Implements]:
        """Regime entries still without a counterpart that name a substance (by CAS number)
        another regime entry's Note excludes, where the national counterpart of that other
        entry lacks the Note: the national list controls the substance there. Wassenaar 2025
        lists iodine pentafluoride (CAS 7783-66-6) as dual-use 1.C.11.e and takes it out of
        ML8.d.3 by its Note 3; DSGL 2024 ML8.d.3 ("compounds composed of fluorine and ...
        other halogens") has no such Note, so Australia controls it as a munition."""
        counterparts: dict[str, list[ControlEntry]] = {}
        for edge in matched:
            counterparts.setdefault(edge.target, []).append(self.held.by_id[edge.source])
        excluded_by: dict[str, list[tuple[ControlEntry, str]]] = {}
        for entry in self.held.regime_in_order:
            if entry.status != "active":
                continue
            for what in _exclusions(entry.notes):
                for number in wording_module.CAS.findall(what):
                    excluded_by.setdefault(number, []).append((entry, what))
        for target in self.held.regime_in_order:
            if target.id in counterparts or target.status != "active":
                continue
            for number in wording_module.CAS.findall(target.text):
                for other, what in excluded_by.get(number, []):
                    if other.id == target.id:
                        continue
                    for national in counterparts.get(other.id, []):
                        if what not in self.scope.exclusions_lacked(national, other):
                            continue
                        evidence = (
                            f"Wassenaar {other.code} excludes '{_excerpt(what)}' by a Note and "
                            f"lists it under {target.code}; {national.canonical} has no such "
                            "Note, so the national list controls it there"
                        )
                        yield _found(national, target, "text", 0.75, "unknown", evidence)
                        counterparts.setdefault(target.id, []).append(national)
                        break

    def dual_use_twin(self, matched: list[Implements]) -> Iterator[Implements]:
        """Munitions entries still without a counterpart whose words are a whole dual-use
        item of the regime list the national list implements: Wassenaar ML10.j.1 "Sub-orbital
        craft" is also 9.A.4.h "Sub-orbital craft", which controls them all, military ones
        included. Only items, not conditions (paragraphs with sub-entries or a lead-in), and
        only across the two domains: within one, the same words under two headings
        ("designed for command or control") are two different controls."""
        counterparts: dict[str, list[ControlEntry]] = {}
        for edge in matched:
            counterparts.setdefault(edge.target, []).append(self.held.by_id[edge.source])
        dual_use: dict[str, ControlEntry] = {}
        for e in self.held.regime_in_order:
            if e.status == "active" and not e.canonical.startswith("ML") and _a_thing(e):
                dual_use.setdefault(_comparable(e.text), e)
        for target in self.held.regime_in_order:
            if (
                target.id in counterparts
                or target.status != "active"
                or not target.canonical.startswith("ML")
                or not _a_thing(target)
                or target.canonical in self.held.regime_children
            ):
                continue
            twin = dual_use.get(_comparable(target.text))
            if twin is None or twin.canonical in self.held.regime_children:
                continue
            for national in counterparts.get(twin.id, []):
                evidence = (
                    f"Wassenaar {target.code} has the words of Wassenaar {twin.code}, a "
                    f"dual-use item {national.canonical} implements; it controls them whether "
                    "made for military use or not"
                )
                yield _found(national, target, "text", 0.9, "same", evidence, 1.0)
