"""The scope of a match: does the national entry control the same as the regime entry it
implements, more or less? Its words, thresholds and Notes are compared with the regime
entry's, and the IMPLEMENTS edge says which, with the evidence."""

from __future__ import annotations

import math
import re

from graph_schema.model import ControlEntry, Implements, Parameter
from ingest.alignment.held import ListsHeld, Match, _provenance
from ingest.alignment.text import (
    SAME_TEXT,
    _excerpt,
    _excluded_in,
    _exclusions,
    _numbers,
    _numbers_lost,
    same_words,
    similarity,
)
from ingest.sources.helpers.parameters import (
    compare,
    normalise_unit,
    paired_thresholds,
    parameter_scope,
)

#: Below this text similarity a code match is flagged: the texts differ materially.
MATERIAL_DIFFERENCE = 0.6
#: "'Minimum Resolvable Feature size' (MRF) ... is calculated by the following formula:" - and
#: an equation ("MRF = ...", "K factor = 0.35") where a copy kept the formula.
_FORMULA_ANNOUNCED = re.compile(
    r"(?:(?P<what>'[^']+')[^:']{0,60}?)?\bis (?:calculated|defined) by the following formulae?:",
    re.I,
)
_EQUATION = re.compile(r"\S\s*=\s*\S")
_ALL_OF = re.compile(r"\b(?:all|both) (?:of )?the following\b", re.I)
#: How the evidence names bounds a national paragraph adds to its regime counterpart's.
_ADDED = "national adds conditions the regime entry does not have"


def _other_side(p: Parameter, q: Parameter) -> bool:
    """Are ``p`` and ``q`` the two sides of one bound ("193 nm or longer", "shorter than
    193 nm")?"""
    lower = {">", ">="}
    return (
        p.quantity == q.quantity
        and p.unit == q.unit
        and math.isclose(p.value, q.value)
        and p.comparator != "="
        and q.comparator != "="
        and (p.comparator in lower) != (q.comparator in lower)
    )


def _bound(p: Parameter) -> bool:
    """A threshold, not a stated value ("3 dB bandwidth", "K factor = 0.35")."""
    return p.comparator != "="


def _conjunction(
    entry: ControlEntry, children_of: dict[str, list[ControlEntry]]
) -> list[Parameter]:
    """Thresholds an item must meet all of to fall under ``entry`` (empty when its
    sub-paragraphs are alternatives, or when it has none)."""
    children = children_of.get(entry.canonical, [])
    if not children:
        return list(entry.parameters)
    if not _ALL_OF.search(entry.text):
        return []  # "any of the following", or no telling
    found = list(entry.parameters)
    for child in children:
        if child.status != "active":
            continue
        if children_of.get(child.canonical):
            return []  # deeper structure: not a plain conjunction of thresholds
        if not child.parameters:
            return []  # a condition without a threshold cannot be compared
        found.extend(child.parameters)
    return found


class Scope:
    """Compares a national entry with the regime entry it is matched to."""

    def __init__(self, held: ListsHeld) -> None:
        self.held = held

    def implements(self, entry: ControlEntry, match: Match) -> Implements:
        assert self.held.regime_list is not None
        sim = similarity(entry, match.target)
        scope: str | None
        notes: list[str]
        if same_words(entry.text, match.target.text) or (
            sim >= SAME_TEXT and _numbers(entry.text) == _numbers(match.target.text)
        ):
            # The same words and numbers: differing extracted thresholds would be extraction
            # noise. (Token similarity alone calls "350 Wh/kg" and "500 Wh/kg" the same.)
            scope, notes = "same", []
        elif _numbers_lost(entry.text, match.target.text):
            # The same words, one side missing some of the other's numbers: the copy's text
            # layer dropped them (SCOMET 8C604.c.2 reads "of -11 m/V" for "3.3x10-11 m/V").
            # Thresholds not compared; no verdict from noise.
            scope, notes = None, ["numbers missing from one text: thresholds not compared"]
        else:
            theirs = match.target.parameters
            if not theirs and not self.held.national_children(entry.list_id).get(entry.canonical):
                # One national paragraph for a regime heading over "all of the following"
                # (AU, US and SCOMET 3A002.a.7, one sentence, against Wassenaar 2025's a.7.a
                # and a.7.b): its thresholds against all of theirs.
                theirs = self.conditions(match.target)
            scope, notes = parameter_scope(entry.parameters, theirs)
            if scope == "narrower":
                caught = self._rest_caught(entry, match.target)
                if caught is not None:
                    scope = "same"
                    notes.append(caught)
            if scope in (None, "same"):
                added = self._added_conditions(entry, match.target)
                if added:
                    scope = "narrower"
                    notes.append(
                        f"{_ADDED}: " + ", ".join(f"{p.quantity} '{p.text}'" for p in added)
                    )
        if scope in (None, "same"):
            # The same words and thresholds, and yet more controlled: an exclusion the regime's
            # Notes make and the national list does not.
            lifted = self.exclusions_lacked(entry, match.target)
            if lifted:
                scope = "broader"
                notes.append(
                    "the regime's Notes exclude "
                    + "; ".join(f"'{_excerpt(x, 100)}'" for x in lifted)
                    + ", which no Note of the national entry, its parents or its paragraphs "
                    "excludes"
                )
        differs = sim < MATERIAL_DIFFERENCE
        if scope is None:
            scope = "same" if sim >= 0.9 else "unknown"
        lost = self._formula_lost(entry)
        if lost is not None and scope != "same":
            # The CCL copy keeps "is calculated by the following formula:" and drops the
            # formula (3B001.f.1.b's MRF and its K factor): bounds on that quantity mean
            # nothing until the formula is known, so no side is said to control more.
            scope = "unknown"
            notes.append(
                f"the copy held lost the formula that defines {lost} (it reads 'by the "
                "following formula:' and no formula), so the scopes cannot be compared"
            )
        parts = [match.reason, f"text similarity {sim:.2f}"]
        if differs:
            parts.append("texts differ materially")
        parts.extend(notes)
        evidence = "; ".join(parts)
        # Numbering (or the list's own statement) is strong evidence; the text tempers it.
        base = 0.7 if match.method == "code" else 0.8
        return Implements(
            source=entry.id,
            target=match.target.id,
            method="stated" if match.method == "stated" else "code",
            score=round(base + (1 - base) * sim, 3),
            scope=scope,  # type: ignore[arg-type]
            similarity=round(sim, 3),
            text_differs=differs,
            evidence=evidence,
            provenance=_provenance(evidence),
        )

    def _formula_lost(self, entry: ControlEntry) -> str | None:
        """The quantity whose defining formula a national entry's copy announces and lacks
        (in its words or Notes, its paragraphs', its siblings' - a Note set after the last
        paragraph - or its parents'), or None."""
        children = self.held.national_children(entry.list_id)
        path = [
            entry,
            *children.get(entry.canonical, []),
            *children.get(entry.parent or "", []),
            *self.held.ancestors(entry),
        ]
        said = [t for e in path for t in (e.text, *e.notes)]
        if any(_EQUATION.search(t) for t in said):
            return None
        for text in said:
            m = _FORMULA_ANNOUNCED.search(text)
            if m is not None:
                return m.group("what") or "a quantity"
        return None

    def _rest_caught(self, entry: ControlEntry, target: ControlEntry) -> str | None:
        """Why a national paragraph with a lower upper bound than the regime's still controls
        all the regime paragraph does, or None: a sibling paragraph catches everything above its
        bound. Lists at the Wassenaar 2021 text stop 3A002.d.2 at 90 GHz where 2025 goes to 110
        GHz, but their 3A002.d.6 controls any generator with "a maximum frequency exceeding 90
        GHz", which the 90-110 GHz band needs."""
        rests: list[tuple[str, float]] = []  # (quantity, national upper bound in base units)
        for p, q in paired_thresholds(entry.parameters, target.parameters):
            if compare(p, q) == "looser":
                if p.comparator not in ("<", "<=") or q.comparator not in ("<", "<="):
                    return None  # narrower otherwise than by a lower upper bound
                base, factor = normalise_unit(p.unit)
                rests.append((base, p.value * factor))
        if not rests:
            return None
        children = self.held.national_children(entry.list_id)
        # Its own siblings, and its parent's (3A002.d.6 catches for 3A002.d.3.g too).
        siblings = list(children.get(entry.parent or "", []))
        above = entry.parent.rsplit(".", 1)[0] if entry.parent and "." in entry.parent else None
        if above is not None:
            siblings.extend(children.get(above, []))
        found: list[str] = []
        for base, bound in rests:
            for s in siblings:
                if s.id == entry.id or s.status != "active" or len(s.parameters) != 1:
                    continue
                (only,) = s.parameters
                s_base, s_factor = normalise_unit(only.unit)
                if (
                    s_base == base
                    and only.comparator in (">", ">=")
                    and only.value * s_factor <= bound
                    and not children.get(s.canonical)
                ):
                    found.append(f"{s.canonical} ('{only.text}')")
                    break
            else:
                return None
        return "what lies above the national bound is caught by " + ", ".join(found)

    def conditions(self, target: ControlEntry) -> list[Parameter]:
        """Thresholds an item must meet all of to fall under regime entry ``target``."""
        return _conjunction(target, self.held.regime_children)

    def exclusions_lacked(self, entry: ControlEntry, target: ControlEntry) -> list[str]:
        """What the regime entry's Notes say it "does not apply to" and the national entry
        does not exclude: in a Note of its own, of a parent or of a paragraph below it (lists
        place them differently), or in its words. Not for a copy known to lose Notes.

        DSGL 2024 ML8.d.3 excludes chlorine trifluoride and gaseous nitrogen trifluoride
        (Notes 1 and 2) but not Wassenaar 2025's Note 3, iodine pentafluoride: Australia
        controls it, Wassenaar does not."""
        info = self.held.lists.get(entry.list_id)
        excluded = _exclusions(target.notes)
        if info is None or "notes" in info.copy_may_lack or not excluded:
            return []
        said = [entry.text, *entry.notes, *(n for a in self.held.ancestors(entry) for n in a.notes)]
        below = [e for e in self.held.subtree_entries(entry) if e is not entry]
        said.extend(n for e in below for n in e.notes)
        return [x for x in excluded if not _excluded_in(x, " ".join(said))]

    def _added_conditions(self, entry: ControlEntry, target: ControlEntry) -> list[Parameter]:
        """Bounds the national entry adds to every bound of the regime entry, both sides being
        conjunctions ("all of the following"): it then controls fewer items (US 3B001.f.1.b
        adds a light source of 193 nm or longer and a chuck overlay of 1.50 nm or less to
        Wassenaar's "MRF of 45 nm or less"). Empty unless every regime bound is found, the
        same, among the national ones, and the regime text does not state the added numbers
        (a bound the regime states in words the extractor missed)."""
        ours = [
            p for p in _conjunction(entry, self.held.national_children(entry.list_id)) if _bound(p)
        ]
        theirs = [q for q in self.conditions(target) if _bound(q)]
        if not ours or not theirs:
            return []
        for q in theirs:
            if not any(p.quantity == q.quantity and compare(p, q) == "same" for p in ours):
                return []
        regime_words = self.held.subtree_texts(target.list_id).get(target.canonical, target.text)
        stated = set(_numbers(regime_words))
        quantities = {q.quantity for q in theirs}
        # A bound whose other side a sibling of the regime entry takes narrows nothing: CCL
        # 3B001.f.1.b's "193 nm or longer", where Wassenaar 3.B.1.f.1.a is "shorter than 193 nm".
        siblings = [
            q
            for sibling in self.held.regime_children.get(target.parent or "", [])
            if sibling.id != target.id and sibling.status == "active"
            for q in sibling.parameters
        ]
        return [
            p
            for p in ours
            if p.quantity not in quantities
            and not set(_numbers(p.text)) & stated
            and not any(_other_side(p, q) for q in siblings)
        ]
