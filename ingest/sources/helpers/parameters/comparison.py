"""Comparison of thresholds: which of two on the same quantity catches more items
(:func:`compare`), whether two texts state the same bounds (:func:`same_bounds`), and whether a
national control is broader or narrower than its regime's (:func:`parameter_scope`)."""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from typing import Literal

from graph_schema.model import Parameter
from ingest.sources.helpers.parameters.quantities import _SYNONYMS
from ingest.sources.helpers.parameters.units import _parse_unit

Relation = Literal["same", "stricter", "looser", "incomparable"]


def _in_base(value: float, unit: str) -> tuple[str, float]:
    parsed = _parse_unit(unit)
    if parsed is None:
        return " ".join(unit.split()), value
    return parsed.base, value * parsed.factor + parsed.offset


def _satisfies(value: float, comparator: str, bound: float) -> bool:
    if math.isclose(value, bound, rel_tol=1e-9, abs_tol=1e-300):
        return comparator in {">=", "<="}
    return value > bound if comparator in {">", ">="} else value < bound


def compare(a: Parameter, b: Parameter) -> Relation:
    """Which of two thresholds on the same quantity catches more items.

    "stricter" means ``a`` controls a superset of what ``b`` controls ("exceeding 5 kg" against
    "exceeding 10 kg"; "< 10 km" against "< 8 km"), "looser" the reverse, "same" equal sets.
    Different quantities, unconvertible units or bounds in opposite directions are
    "incomparable".
    """
    qa = _SYNONYMS.get(a.quantity.strip().lower(), a.quantity.strip().lower())
    qb = _SYNONYMS.get(b.quantity.strip().lower(), b.quantity.strip().lower())
    if qa != qb:
        return "incomparable"
    base_a, va = _in_base(a.value, a.unit)
    base_b, vb = _in_base(b.value, b.unit)
    if base_a != base_b or not (math.isfinite(va) and math.isfinite(vb)):
        return "incomparable"
    ca, cb = a.comparator, b.comparator
    close = math.isclose(va, vb, rel_tol=1e-9, abs_tol=1e-300)
    if ca == "=" or cb == "=":
        if ca == cb:
            return "same" if close else "incomparable"
        # a single value inside the other's half-line is a subset of it
        if ca == "=":
            return "looser" if _satisfies(va, cb, vb) else "incomparable"
        return "stricter" if _satisfies(vb, ca, va) else "incomparable"
    lower = {">", ">="}
    if (ca in lower) != (cb in lower):
        return "incomparable"
    if close:
        if ca == cb:
            return "same"
        return "stricter" if ca in {">=", "<="} else "looser"
    if ca in lower:
        return "stricter" if va < vb else "looser"
    return "stricter" if va > vb else "looser"


def same_bounds(ours: list[Parameter], theirs: list[Parameter], *, rel_tol: float = 1e-6) -> bool:
    """Do two texts state the very same bounds, in any order and unit ("greater than 30 °C"
    and "greater than or equal to 303,15 K (30 °C)" alike: the same number, the same side)?
    ``rel_tol`` lets a rounded conversion pass (1 Torr printed "133.3 Pa" or "1,33 × 10² Pa")."""
    if len(ours) != len(theirs):
        return False
    left = list(theirs)
    for p in ours:
        base_p, vp = _in_base(p.value, p.unit)
        for q in left:
            base_q, vq = _in_base(q.value, q.unit)
            if (
                base_p == base_q
                and math.isclose(vp, vq, rel_tol=rel_tol)
                and (p.comparator in {">", ">="}) == (q.comparator in {">", ">="})
                and (p.comparator == "=") == (q.comparator == "=")
            ):
                left.remove(q)
                break
        else:
            return False
    return True


def paired_thresholds(
    national: Iterable[Parameter], regime: Iterable[Parameter]
) -> Iterator[tuple[Parameter, Parameter]]:
    """Thresholds of one quantity paired in order of appearance, quantities in name order, and
    only when both texts state the same number of them: otherwise which pairs correspond is a
    guess, not evidence."""
    ours: dict[str, list[Parameter]] = {}
    theirs: dict[str, list[Parameter]] = {}
    for p in national:
        ours.setdefault(p.quantity, []).append(p)
    for p in regime:
        theirs.setdefault(p.quantity, []).append(p)
    for quantity, mine in sorted(ours.items()):
        other = theirs.get(quantity, [])
        if len(other) == len(mine):
            yield from zip(mine, other, strict=True)


def parameter_scope(
    national: Iterable[Parameter], regime: Iterable[Parameter]
) -> tuple[str | None, list[str]]:
    """Compare thresholds quantity by quantity (:func:`paired_thresholds`): is the national
    control broader or narrower?"""
    verdicts: set[str] = set()
    notes: list[str] = []
    for a, b in paired_thresholds(national, regime):
        verdict = compare(a, b)
        if verdict == "incomparable":
            continue
        verdicts.add(verdict)
        if verdict != "same":
            word = "stricter" if verdict == "stricter" else "looser"
            notes.append(f"{a.quantity}: national '{a.text}' is {word} than regime '{b.text}'")
    if not verdicts:
        return None, notes
    if verdicts == {"same"}:
        return "same", notes
    if verdicts <= {"same", "stricter"}:
        return "broader", notes
    if verdicts <= {"same", "looser"}:
        return "narrower", notes
    return "different-parameters", notes
