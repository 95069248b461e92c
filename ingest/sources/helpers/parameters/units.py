"""Units of thresholds: their spellings, the atoms a unit is written with, and the conversion to
base units (:func:`normalise_unit`). The tables are data, in ``units.yaml``."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import NamedTuple

from ingest.sources.helpers.parameters.tables import read_table

_TABLE = read_table("units.yaml", ("prefixes", "bases", "spellings", "dimensions"))
_PREFIX_FACTORS = {
    prefix: _TABLE.number(f"prefixes: {prefix}", factor)
    for prefix, factor in _TABLE.section("prefixes").items()
}


#: (symbol, base as (unit, power) pairs, factor to the base, offset to the base, prefixes)
_BaseUnit = tuple[str, tuple[tuple[str, int], ...], float, float, str]


def _base(symbol: str, written: object) -> _BaseUnit:
    """One entry of ``bases`` as a :data:`_BaseUnit`."""
    where = f"bases: {symbol}"
    entry = _TABLE.fields(where, written, ("base",), ("factor", "offset", "prefixes"))
    base = []
    for unit, power in _TABLE.mapping(f"{where}: base", entry["base"]).items():
        if not isinstance(power, int) or isinstance(power, bool) or power == 0:
            raise _TABLE.error(
                f"{where}: base: {unit}", f"power {power!r} is not a non-zero whole number"
            )
        base.append((unit, power))
    prefixes = _TABLE.text(f"{where}: prefixes", entry["prefixes"]) if "prefixes" in entry else ""
    unknown = [p for p in prefixes.split() if p not in _PREFIX_FACTORS]
    if unknown:
        raise _TABLE.error(f"{where}: prefixes", f"unknown prefixes {unknown}")
    factor = _TABLE.number(f"{where}: factor", entry.get("factor", 1.0))
    offset = _TABLE.number(f"{where}: offset", entry.get("offset", 0.0))
    return symbol, tuple(base), factor, offset, prefixes


#: Prefixes are limited to the ones control lists use, so that "Ms" or "dHz" stay unknown.
_BASES: tuple[_BaseUnit, ...] = tuple(
    _base(symbol, entry) for symbol, entry in _TABLE.section("bases").items()
)
#: Other spellings, each mapped to a symbol above (with its prefix).
_SPELLINGS = _TABLE.names("spellings")
#: Dimension of a base unit, the fallback quantity name.
_DIMENSIONS = _TABLE.names("dimensions")


class _Atom(NamedTuple):
    symbol: str
    base: tuple[tuple[str, int], ...]
    factor: float
    offset: float


def _build_atoms() -> dict[str, _Atom]:
    atoms: dict[str, _Atom] = {}
    for symbol, base, factor, offset, prefixes in _BASES:
        atoms[symbol] = _Atom(symbol, base, factor, offset)
        for prefix in prefixes.split():
            atoms[prefix + symbol] = _Atom(
                prefix + symbol, base, factor * _PREFIX_FACTORS[prefix], 0
            )
    for spelling, symbol in _SPELLINGS.items():
        if symbol not in atoms:
            raise _TABLE.error(f"spellings: {spelling}", f"{symbol!r} is no unit of 'bases'")
        atoms[spelling] = atoms[symbol]
    # The Greek mu is as common as the micro sign; both mean the same prefix.
    for spelling in [s for s in atoms if "µ" in s]:
        atoms[spelling.replace("µ", "μ")] = atoms[spelling]
    return atoms


_ATOMS = _build_atoms()
#: Lookup by spelling without whitespace ("Gy (Si)" and "Gy(Si)" are one unit).
_ATOM_KEYS = {re.sub(r"\s+", "", spelling): atom for spelling, atom in _ATOMS.items()}


def _spelling_pattern(spelling: str) -> str:
    return r"\s*".join(re.escape(part) for part in spelling.split(" "))


_ATOM_RE = "(?:{})".format(
    "|".join(_spelling_pattern(s) for s in sorted(_ATOMS, key=lambda s: (-len(s), s)))
)
# Exponents: attached ("m2", "cm³", "K-1"); in a denominator also spaced ("W/cm 2"), which is
# how the EU text renders superscripts.
_EXP_RE = r"(?:(?:\^?[23²³]|[-−]1|⁻¹)(?![0-9]))"
_DEN_EXP_RE = rf"(?:{_EXP_RE}|[ ][23](?![\w.,]))"
_UNIT_RE = (
    rf"(?:{_ATOM_RE}{_EXP_RE}?(?:[ ]?(?:/|per\s)[ ]?{_ATOM_RE}{_DEN_EXP_RE}?){{0,2}}"
    rf"|/[ ]?{_ATOM_RE}{_DEN_EXP_RE}?)"
)
# A unit ends where the word ends; footnote superscripts may follow, "N.B." or "5A.1" may not.
_UNIT_END = r"(?![^\W_¹²³⁴⁵⁶⁷⁸⁹⁰])(?!\.[A-Za-z0-9])"

_UNIT_PART_RE = re.compile(rf"(?P<atom>{_ATOM_RE})(?P<exp>\^?[23²³]|[-−]1|⁻¹|[ ][23])?")
_UNIT_SPLIT_RE = re.compile(r"\s*(?:/|\bper\s)\s*")


@dataclass(frozen=True)
class _Unit:
    canonical: str
    base: str
    factor: float
    offset: float


def _format_powers(powers: dict[str, int]) -> str:
    def one(name: str, power: int) -> str:
        return name if power == 1 else f"{name}{power}"

    num = [one(n, p) for n, p in powers.items() if p > 0]
    den = [one(n, -p) for n, p in powers.items() if p < 0]
    text = "·".join(num) or ("1" if den else "")
    return text + "".join(f"/{d}" for d in den)


def _exp_value(exp: str | None) -> int:
    if not exp:
        return 1
    exp = exp.strip().lstrip("^")
    return {"2": 2, "3": 3, "²": 2, "³": 3, "-1": -1, "−1": -1, "⁻¹": -1}.get(exp, 1)


@functools.lru_cache(maxsize=2048)
def _parse_unit(raw: str) -> _Unit | None:
    """A unit string as canonical spelling, base unit, factor and offset; None if unknown."""
    text = " ".join(raw.split())
    if not text:
        return _Unit("", "", 1.0, 0.0)
    parts = _UNIT_SPLIT_RE.split(text)
    if len(parts) > 4:
        return None
    powers: dict[str, int] = {}
    canon_num: list[str] = []
    canon_den: list[str] = []
    factor = 1.0
    offset = 0.0
    single = len(parts) == 1
    for index, part in enumerate(parts):
        if index == 0 and part == "" and len(parts) > 1:
            continue  # "/K": a pure denominator
        m = _UNIT_PART_RE.fullmatch(part)
        atom = _ATOM_KEYS.get("".join(m.group("atom").split())) if m else None
        if m is None or atom is None:
            return None
        power = _exp_value(m.group("exp"))
        sign = 1 if index == 0 else -1
        label = atom.symbol if power == 1 else f"{atom.symbol}{power}"
        (canon_num if sign > 0 else canon_den).append(label)
        factor *= atom.factor ** (power * sign)
        for name, p in atom.base:
            powers[name] = powers.get(name, 0) + p * power * sign
        if single and power == 1:
            offset = atom.offset
    powers = {n: p for n, p in powers.items() if p != 0}
    canonical = ("·".join(canon_num) or "1") + "".join(f"/{d}" for d in canon_den)
    return _Unit(canonical, _format_powers(powers), factor, offset)


def normalise_unit(unit: str) -> tuple[str, float]:
    """The base unit and the factor to it: ``("Hz", 1e9)`` for ``"GHz"``.

    Mass goes to kg, length to m, time to s, data rates to bit/s, angles to rad. Units with an
    offset (°C, °F) are returned as themselves with factor 1, since no factor converts them;
    :func:`compare` applies their offsets. An unknown unit comes back unchanged with factor 1.
    """
    parsed = _parse_unit(unit)
    if parsed is None:
        return unit.strip(), 1.0
    if parsed.offset:
        return parsed.canonical, 1.0
    return parsed.base, parsed.factor


def _dimension(base: str) -> str:
    return _DIMENSIONS.get(base, base)
