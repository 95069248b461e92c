"""Numeric thresholds out of control-list texts.

Export-control entries are defined by thresholds ("'peak power' exceeding 5 W", "of 60 dB or
more", "between 1.5 and 3 GHz"). :func:`extract_parameters` turns such phrases into
:class:`~graph_schema.model.Parameter` values; :func:`compare` says which of two thresholds on the
same quantity catches more items, converting units first (:func:`normalise_unit`).

Choices worth knowing:

* ``unit`` is a canonical spelling of what the text wrote ("µm" for "μm", "°C" for "oC", "km"
  for "kilometers"); ``value`` is the number as written, not converted.
* A bare number is only a parameter with a unit or an explicit comparator, so category codes
  ("5A001"), note numbers ("Note 2"), years and footnote markers never become one.
* Thousands and decimals: spaces always group thousands ("4 800"); "0,5" is a decimal; a comma
  before exactly three digits ("4,800") groups thousands unless the text writes decimals with
  commas elsewhere ("0,5 kg"), the result would be an impossible percentage, or it is the
  mantissa of "x 10^n". Callers that know their source writes decimal commas (the EU list)
  pass ``decimal_comma=True``.
* ``quantity``: a quoted defined term right before the number ("'peak power' exceeding"), else
  the nearest known quantity word before it (or right after it: "500 kg payload") whose
  dimension suits the unit, else the unit's dimension ("mass" for kg), else "number".
* A range ("between 1.5 and 3 GHz", "0,5 to 5 MPa", "10 Hz ≤ F ≤ 10 kHz") gives two parameters,
  ">=" the low and "<=" the high bound; a number with a unit and no comparator is "=".
* A superscript exponent that the text extraction lost ("2 x 10 Hz" for 2 x 10^8 Hz) cannot be
  recovered, so such a threshold is skipped rather than reported wrong.
"""

from __future__ import annotations

import functools
import itertools
import math
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Literal, NamedTuple

from graph_schema.model import Parameter

Comparator = Literal[">", ">=", "<", "<=", "="]
Relation = Literal["same", "stricter", "looser", "incomparable"]

__all__ = ["compare", "extract_parameters", "normalise_unit"]

# --------------------------------------------------------------------------------------------
# Units
# --------------------------------------------------------------------------------------------

_PREFIX_FACTORS = {
    "P": 1e15,
    "T": 1e12,
    "G": 1e9,
    "M": 1e6,
    "k": 1e3,
    "h": 1e2,
    "d": 1e-1,
    "c": 1e-2,
    "m": 1e-3,
    "µ": 1e-6,
    "n": 1e-9,
    "p": 1e-12,
    "f": 1e-15,
}

#: (symbol, base as (unit, power) pairs, factor to the base, offset to the base, prefixes)
#: Prefixes are limited to the ones control lists use, so that "Ms" or "dHz" stay unknown.
_BASES: tuple[tuple[str, tuple[tuple[str, int], ...], float, float, str], ...] = (
    ("m", (("m", 1),), 1.0, 0.0, "k c m µ n p d"),
    ("g", (("kg", 1),), 1e-3, 0.0, "k m µ"),
    ("t", (("kg", 1),), 1e3, 0.0, ""),
    ("s", (("s", 1),), 1.0, 0.0, "m µ n p f"),
    ("min", (("s", 1),), 60.0, 0.0, ""),
    ("h", (("s", 1),), 3600.0, 0.0, ""),
    ("day", (("s", 1),), 86400.0, 0.0, ""),
    ("month", (("s", 1),), 2629800.0, 0.0, ""),
    ("year", (("s", 1),), 31557600.0, 0.0, ""),
    ("Hz", (("Hz", 1),), 1.0, 0.0, "k M G T m µ"),
    ("W", (("W", 1),), 1.0, 0.0, "k M G T m µ n p"),
    ("J", (("J", 1),), 1.0, 0.0, "k M G m µ n p"),
    ("Wh", (("J", 1),), 3600.0, 0.0, "k M m"),
    ("eV", (("J", 1),), 1.602176634e-19, 0.0, "k M G T"),
    ("V", (("V", 1),), 1.0, 0.0, "k M m µ n"),
    ("A", (("A", 1),), 1.0, 0.0, "k m µ n p"),
    ("Ω", (("Ω", 1),), 1.0, 0.0, "k M m"),
    ("S", (("S", 1),), 1.0, 0.0, "k m µ"),
    ("F", (("F", 1),), 1.0, 0.0, "m µ n p"),
    ("Pa", (("Pa", 1),), 1.0, 0.0, "k M G h m µ"),
    ("bar", (("Pa", 1),), 1e5, 0.0, "k m"),
    ("atm", (("Pa", 1),), 101325.0, 0.0, ""),
    ("psi", (("Pa", 1),), 6894.757293168, 0.0, ""),
    ("torr", (("Pa", 1),), 133.322368421, 0.0, ""),
    ("N", (("N", 1),), 1.0, 0.0, "k M m"),
    ("lbf", (("N", 1),), 4.4482216152605, 0.0, ""),
    ("K", (("K", 1),), 1.0, 0.0, "m µ"),
    ("°C", (("K", 1),), 1.0, 273.15, ""),
    ("°F", (("K", 1),), 5.0 / 9.0, 459.67 * 5.0 / 9.0, ""),
    ("T", (("T", 1),), 1.0, 0.0, "m µ n p"),
    ("rad", (("rad", 1),), 1.0, 0.0, "m µ n"),
    ("°", (("rad", 1),), math.pi / 180.0, 0.0, ""),
    ("arcmin", (("rad", 1),), math.pi / 10800.0, 0.0, ""),
    ("arcsec", (("rad", 1),), math.pi / 648000.0, 0.0, ""),
    ("Gy", (("Gy", 1),), 1.0, 0.0, "k m"),
    ("Gy(Si)", (("Gy", 1),), 1.0, 0.0, "k m"),
    ("rad(Si)", (("Gy", 1),), 0.01, 0.0, "k M"),
    ("Bq", (("Bq", 1),), 1.0, 0.0, "k M G T P"),
    ("Ci", (("Bq", 1),), 3.7e10, 0.0, "k m µ"),
    ("l", (("m", 3),), 1e-3, 0.0, "m"),
    ("bit", (("bit", 1),), 1.0, 0.0, "k M G T"),
    ("B", (("bit", 1),), 8.0, 0.0, "k M G T"),
    ("bps", (("bit", 1), ("s", -1)), 1.0, 0.0, "k M G T"),
    ("SPS", (("sample", 1), ("s", -1)), 1.0, 0.0, "k M G T"),
    ("FLOPS", (("FLOP", 1), ("s", -1)), 1.0, 0.0, "k M G T P"),
    ("WT", (("WT", 1),), 1.0, 0.0, ""),
    ("TPP", (("TPP", 1),), 1.0, 0.0, ""),
    ("dB", (("dB", 1),), 1.0, 0.0, ""),
    ("dBm", (("dBm", 1),), 1.0, 0.0, ""),
    ("dBW", (("dBW", 1),), 1.0, 0.0, ""),
    ("dBc", (("dBc", 1),), 1.0, 0.0, ""),
    ("dBi", (("dBi", 1),), 1.0, 0.0, ""),
    ("%", (("%", 1),), 1.0, 0.0, ""),
    ("ppm", (("%", 1),), 1e-4, 0.0, ""),
    ("ppb", (("%", 1),), 1e-7, 0.0, ""),
    ("rpm", (("rpm", 1),), 1.0, 0.0, ""),
    ("knot", (("m", 1), ("s", -1)), 1852.0 / 3600.0, 0.0, ""),
    ("ft", (("m", 1),), 0.3048, 0.0, ""),
    ("inch", (("m", 1),), 0.0254, 0.0, ""),
    ("mile", (("m", 1),), 1609.344, 0.0, ""),
    ("nmi", (("m", 1),), 1852.0, 0.0, ""),
    ("Å", (("m", 1),), 1e-10, 0.0, ""),
)

#: Other spellings, each mapped to a symbol above (with its prefix).
_SPELLINGS = {
    "metre": "m",
    "metres": "m",
    "meter": "m",
    "meters": "m",
    "kilometre": "km",
    "kilometres": "km",
    "kilometer": "km",
    "kilometers": "km",
    "millimetre": "mm",
    "millimetres": "mm",
    "millimeter": "mm",
    "millimeters": "mm",
    "centimetre": "cm",
    "centimetres": "cm",
    "micrometre": "µm",
    "micrometres": "µm",
    "micrometer": "µm",
    "micrometers": "µm",
    "micron": "µm",
    "microns": "µm",
    "nanometre": "nm",
    "nanometres": "nm",
    "nanometer": "nm",
    "nanometers": "nm",
    "gram": "g",
    "grams": "g",
    "gramme": "g",
    "grammes": "g",
    "kilogram": "kg",
    "kilograms": "kg",
    "kilogramme": "kg",
    "kilogrammes": "kg",
    "tonne": "t",
    "tonnes": "t",
    "metric ton": "t",
    "metric tons": "t",
    "second": "s",
    "seconds": "s",
    "sec": "s",
    "minute": "min",
    "minutes": "min",
    "hour": "h",
    "hours": "h",
    "hr": "h",
    "hrs": "h",
    "days": "day",
    "months": "month",
    "years": "year",
    "litre": "l",
    "litres": "l",
    "liter": "l",
    "liters": "l",
    "L": "l",
    "mL": "ml",
    "ohm": "Ω",
    "ohms": "Ω",
    "kohm": "kΩ",
    "Mohm": "MΩ",
    "kelvin": "K",
    "siemens": "S",
    "Siemens": "S",
    "oC": "°C",
    "ºC": "°C",
    "° C": "°C",
    "deg C": "°C",
    "degree C": "°C",
    "degrees C": "°C",
    "degree Celsius": "°C",
    "degrees Celsius": "°C",
    "°F": "°F",
    "ºF": "°F",
    "° F": "°F",
    "degrees F": "°F",
    "degrees Fahrenheit": "°F",
    "º": "°",
    "deg": "°",
    "degree": "°",
    "degrees": "°",
    "arc minute": "arcmin",
    "arc minutes": "arcmin",
    "arc min": "arcmin",
    "arc second": "arcsec",
    "arc seconds": "arcsec",
    "arc sec": "arcsec",
    "Gy (Si)": "Gy(Si)",
    "rad (Si)": "rad(Si)",
    "rads (Si)": "rad(Si)",
    "rads(Si)": "rad(Si)",
    "bits": "bit",
    "byte": "B",
    "bytes": "B",
    "per cent": "%",
    "percent": "%",
    "knots": "knot",
    "feet": "ft",
    "foot": "ft",
    "inches": "inch",
    "miles": "mile",
    "nautical mile": "nmi",
    "nautical miles": "nmi",
    "revolutions per minute": "rpm",
    "samples per second": "SPS",
    "S/s": "SPS",
    "kS/s": "kSPS",
    "MS/s": "MSPS",
    "GS/s": "GSPS",
    "Weighted TeraFLOPS": "WT",
}

#: Dimension of a base unit, the fallback quantity name.
_DIMENSIONS = {
    "kg": "mass",
    "Hz": "frequency",
    "m": "length",
    "W": "power",
    "s": "time",
    "bit/s": "data rate",
    "K": "temperature",
    "%": "ratio",
    "dB": "ratio",
    "dBc": "ratio",
    "dBi": "ratio",
    "dBm": "power",
    "dBW": "power",
    "J": "energy",
    "V": "voltage",
    "A": "current",
    "Ω": "resistance",
    "S": "conductance",
    "S/m": "conductivity",
    "W/m2": "power density",
    "J/kg": "specific energy",
    "W/kg": "specific power",
    "F": "capacitance",
    "Pa": "pressure",
    "N": "force",
    "T": "magnetic flux density",
    "rad": "angle",
    "rad/s": "angular rate",
    "Gy": "dose",
    "Bq": "activity",
    "m2": "area",
    "m3": "volume",
    "m/s": "velocity",
    "m/s2": "acceleration",
    "kg/m3": "density",
    "bit": "information",
    "sample/s": "sample rate",
    "FLOP/s": "processing speed",
    "WT": "adjusted peak performance",
    "TPP": "total processing performance",
    "rpm": "rotational speed",
    "1/K": "thermal expansion",
}


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


# --------------------------------------------------------------------------------------------
# Numbers
# --------------------------------------------------------------------------------------------

_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺", "0123456789-+")
_SP = r"[ \t\u00a0\u2009\u202f]*(?:\r?\n[ \t\u00a0\u2009\u202f]*)?"  # at most one line break
_THIN = "[ \u00a0\u2009\u202f]"
_DIGITS = rf"[0-9]{{1,3}}(?:{_THIN}[0-9]{{3}}(?![0-9]))+(?:[.,][0-9]+)?|[0-9]+(?:[.,][0-9]+)*"
# "x 10-4", "× 10^6", "x 104" (superscript flattened) or "x 10" whose exponent was lost.
_TIMES_TEN = (
    r"[ ]?[x×][ ]?10(?:[ ]?\^|\*\*)?"
    r"(?:[ ]?[-−+]?[ ]?[0-9]{1,2}(?![0-9])|[⁻⁺]?[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,2})?"
)
# A bare power of ten: "10^6", "10⁶", and "10-14" where a unit follows.
_POWER_OF_TEN = (
    r"10(?:\^|\*\*)[ ]?[-−+]?[0-9]{1,2}(?![0-9])"
    r"|10[⁻⁺]?[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,2}"
    r"|10[-−][0-9]{1,2}(?=[ \t]*[A-Za-zµμΩ°%])"
)
# No number starts inside a code ("5A001", "ML10"), a ratio ("10:1"), a fraction ("λ/10"), an
# identifier ("CAS 63905-10-2") or after a lost exponent ("2 x 10 Hz").
_NUM_START = r"(?<![\w.,/:\-−+±×*^'’])(?<![x×] )"
# Without a unit, a number must end cleanly: not "2fmin", "7028-07" or "2021/821".
_NUM_END = r"(?![\w\-−/]|[.,][0-9])"


def _num(name: str) -> str:
    return (
        rf"{_NUM_START}(?P<{name}>(?:[-−+](?=[0-9])|±[ ]?)?"
        rf"(?:{_POWER_OF_TEN}|(?:{_DIGITS})(?:{_TIMES_TEN})?))"
    )


def _unit(name: str, required: bool = False) -> str:
    group = rf"(?P<{name}_sep>{_SP}|-)(?P<{name}>{_UNIT_RE}){_UNIT_END}"
    return group if required else rf"(?:{group})?"


# An equivalent in another unit, or the unit's abbreviation: "(30 dBm)", "(-50oC)", "(km)".
_PAREN = (
    rf"(?:{_SP}\({_SP}(?:[-−+±]?[0-9][0-9 .,]*{_SP}{_UNIT_RE}[^()\n]{{0,30}}|{_UNIT_RE}{_SP})\))?"
)

_POST_RE = re.compile(
    rf"{_SP}(?:by\s+(?:weight|volume|mass)\s+)?(?:\([^()\n]{{1,30}}\)\s*)?,?{_SP}"
    r"(?:(?P<ge>or\s+(?:more|greater|higher|larger|longer|above|over)"
    r"|and\s+(?:above|over|higher|greater))"
    r"|(?P<le>or\s+(?:less|lower|smaller|fewer|shorter|below|under)"
    r"|and\s+(?:below|under|lower|less)))\b"
    r"(?:\s*\((?:better|worse)\))?",
    re.IGNORECASE,
)
_NUMBER_RE = re.compile(rf"{_num('n')}{_unit('u')}(?(u)|{_NUM_END}){_PAREN}")
# "0,5 to 5 MPa", "from 0,9 to 23 kg": the second number must carry the unit.
_RANGE_TAIL_RE = re.compile(
    rf"\s*(?:(?i:to|up\s+to)\b|–)\s*{_num('n')}{_unit('u', required=True)}{_PAREN}"
)
_BETWEEN_TAIL_RE = re.compile(rf"\s+(?i:and)\s+{_num('n')}{_unit('u')}(?(u)|{_NUM_END}){_PAREN}")
# "10 Hz ≤ F ≤ 10 kHz": the quantity named between two bounds.
_SANDWICH_TAIL_RE = re.compile(
    rf"{_SP}(?P<c1><=|≤|⩽|<){_SP}[A-Za-z][\w.]{{0,10}}{_SP}(?P<c2><=|≤|⩽|<){_SP}"
    rf"{_num('n')}{_unit('u')}(?(u)|{_NUM_END})"
)
_DIGIT_RUN_RE = re.compile(r"[0-9]+")
# PDFs set in the Symbol font extract µ, °, × ... as private-use characters; one for one, so
# offsets stay valid.
#: An en dash set as a minus sign ("less (better) than –150 dBm/Hz" in the DSGL): right before
#: a number and not after a word or number, so ranges ("10–20 GHz", "10 – 20 GHz") stay ranges.
#: A superscript exponent flattened twice over: the US CCL JSON has "5 × 104 −4" for 5 × 10⁻⁴
#: (1C003.b.1), the exponent's digits run into the 10 and repeated after the minus.
_FLATTENED_EXPONENT_RE = re.compile(r"([×x])\s?10(\d{1,2})\s[−-]\2\b")
_EN_DASH_MINUS_RE = re.compile(r"(?<![\w.])–(?=\d)")
_SYMBOL_FONT = str.maketrans(
    {
        "\uf06d": "µ",
        "\uf0b0": "°",
        "\uf0b4": "×",
        "\uf02d": "-",
        "\uf0b1": "±",
        "\uf0a3": "≤",
        "\uf0b3": "≥",
        "\uf06c": "λ",
        "\uf057": "Ω",
    }
)
_WORD_RE = re.compile(r"[A-Za-z]+")
_BETTER_RE = re.compile(r"\s*(?:\((?:better|worse)\)\s*)?", re.IGNORECASE)
# Words a PDF's text layer runs together ("lessthan or equal to", "upand including").
_GLUED_RE = re.compile(r"\b(less|greater|more|lower|higher|up)(than|and)\b", re.IGNORECASE)
# ... also onto the word before ("levelslessthan"): "lessthan" is never an English word.
_GLUED_AFTER_RE = re.compile(r"(?<=[a-z])(less|greater)(?=than\b)", re.IGNORECASE)
# "better (less) than" says the direction in brackets: read it as "less (better) than".
_BETTER_DIRECTION_RE = re.compile(
    r"\b(better|worse)\s*\((less|lower|smaller|more|greater|higher|larger)\)\s*than",
    re.IGNORECASE,
)
# "better than" with no direction: for an error it means less, for a resolution it may mean
# more; no comparator is read rather than a wrong one.
_UNDIRECTED_RE = re.compile(r"\b(?:better|worse)\s+than\s*$", re.IGNORECASE)

# Evidence that a text writes decimal commas ("0,5", "13,5 kg"), as the EU list does; chemical
# names ("1,1-diamino", "2,2,4,4") are not evidence.
_DECIMAL_COMMA_HINT = re.compile(r"(?<![0-9,])[0-9]+,(?:[0-9]{1,2}|[0-9]{4,})(?![0-9,\-−])")


def _phrases() -> dict[str, Comparator]:
    """Comparator phrases that stand before a number, as lower-case word sequences."""
    more = ("more", "greater", "higher", "larger", "longer")
    less = ("less", "lower", "smaller", "fewer", "shorter")
    table: dict[str, Comparator] = {}
    for word in more:
        table[f"equal to or {word} than"] = ">="
        table[f"{word} than or equal to"] = ">="
        table[f"{word} than"] = ">"
        table[f"not {word} than"] = "<="
        table[f"no {word} than"] = "<="
    table["bigger than"] = ">"
    for word in less:
        table[f"equal to or {word} than"] = "<="
        table[f"{word} than or equal to"] = "<="
        table[f"{word} than"] = "<"
        table[f"not {word} than"] = ">="
        table[f"no {word} than"] = ">="
    groups: tuple[tuple[str, Comparator], ...] = (
        ("equal to or exceeding|equal to or above|equal to or over|at least|at or above", ">="),
        ("minimum of|a minimum of", ">="),
        ("not exceeding|not to exceed|not above|not over|at most|up to and including", "<="),
        ("up and including", "<="),  # SCOMET's "upand including", unglued
        ("up to|at or below|maximum of|a maximum of", "<="),
        ("exceeding|exceeds|exceed|in excess of|above|over|beyond", ">"),
        ("below|under", "<"),
    )
    for words, comparator in groups:
        for phrase in words.split("|"):
            table[phrase] = comparator
    return table


_PHRASES = _phrases()
_MAX_PHRASE = max(len(p.split()) for p in _PHRASES)
_SYMBOLS: tuple[tuple[str, Comparator], ...] = (
    (">=", ">="),
    ("=>", ">="),
    ("<=", "<="),
    ("=<", "<="),
    ("≥", ">="),
    ("⩾", ">="),
    ("≤", "<="),
    ("⩽", "<="),
    (">", ">"),
    ("<", "<"),
)


#: Last words of the comparator phrases, and "between"/"from" that open a range.
_LAST_WORDS = frozenset(p.rsplit(" ", 1)[-1] for p in _PHRASES) | {"between", "from"}


def _words_before(text: str, pos: int) -> list[tuple[str, int]]:
    """Up to a few words right before ``pos`` (nearest first) with their offsets.

    Only whitespace, or "(better)" as in "less (better) than", may separate them. Empty when
    the nearest word cannot end a comparator, which is most numbers and keeps this cheap.
    """
    lo = max(0, pos - 70)
    out: list[tuple[str, int]] = []
    end = pos
    for w in reversed(list(_WORD_RE.finditer(text, lo, pos))):
        word = w.group(0).lower()
        if word in {"better", "worse"} and text[w.start() - 1 : w.start()] == "(":
            continue
        if _BETTER_RE.fullmatch(text, w.end(), end) is None:
            break
        if not out and word not in _LAST_WORDS:
            break
        out.append((word, w.start()))
        end = w.start()
        if len(out) == _MAX_PHRASE:
            break
    return out


def _comparator_before(
    text: str, pos: int, words: list[tuple[str, int]]
) -> tuple[Comparator, int] | None:
    """The comparator that directly precedes the number at ``pos``, and where it starts."""
    head = text[max(0, pos - 8) : pos].rstrip()
    start = pos - (min(pos, 8) - len(head))
    for symbol, comparator in _SYMBOLS:
        if head.endswith(symbol):
            return comparator, start - len(symbol)
    for n in range(len(words), 0, -1):
        phrase = " ".join(w for w, _ in reversed(words[:n]))
        if phrase in _PHRASES:
            return _PHRASES[phrase], words[n - 1][1]
    return None


_PLAIN_DECIMAL_RE = re.compile(r"[0-9]+(?:\.[0-9]+)?")
_TIMES_RE = re.compile(r"\s?[x×]\s?")
_AMBIGUOUS_COMMA_RE = re.compile(r"[1-9][0-9]{0,2},[0-9]{3}")


def _decimal_text(raw: str, decimal_comma: bool) -> str | None:
    """A number as written, as a plain decimal string with thousands groups resolved."""
    s = "".join(raw.split())
    spaced = len(s) != len(raw)
    commas, dots = s.count(","), s.count(".")
    if commas and dots:
        if s.rfind(",") > s.rfind("."):
            s = s.replace(".", "").replace(",", ".")
        else:
            s = s.replace(",", "")
    elif dots > 1 or commas > 1:
        mark = "." if dots else ","
        groups = s.split(mark)
        if any(len(g) != 3 for g in groups[1:]) or not 1 <= len(groups[0]) <= 3:
            return None  # "2,2,4,4": a list of positions, not a number
        s = s.replace(mark, "")
    elif commas == 1:
        whole, frac = s.split(",")
        thousands = len(frac) == 3 and not spaced and not decimal_comma and whole != "0"
        s = whole + frac if thousands else f"{whole}.{frac}"
    return s if _PLAIN_DECIMAL_RE.fullmatch(s) else None


_BARE_POWER_RE = re.compile(
    r"10(?:\s?(?:\^|\*\*)\s?([-+]?[0-9]{1,2})|([⁻⁺]?[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,2})|-([0-9]{1,2}))"
)
_TIMES_POWER_RE = re.compile(
    r"10(?:\s?(?:\^|\*\*))?\s?(?:([-+]?)\s?([0-9]{1,2})|([⁻⁺]?[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,2}))"
)


def _exponent(digits: str | None, superscript: str | None) -> int:
    if superscript:
        return int(superscript.translate(_SUPERSCRIPTS))
    return int(digits or "0")


def _parse_number(raw: str, decimal_comma: bool, percent: bool) -> float | None:
    """A number with its sign and power of ten; None for an unreadable or lost exponent."""
    text = raw.replace("−", "-").strip()
    sign = ""
    if text[:1] in "+-±":
        sign = "-" if text[0] == "-" else ""
        text = text[1:].lstrip()
    bare = _BARE_POWER_RE.fullmatch(text)
    if bare:
        exp = _exponent(bare.group(1), bare.group(2)) if not bare.group(3) else -int(bare.group(3))
        return float(f"{sign}1e{exp}")
    parts = _TIMES_RE.split(text, maxsplit=1)
    mantissa, times = parts[0], parts[1] if len(parts) > 1 else ""
    exponent = 0
    if times:
        m = _TIMES_POWER_RE.fullmatch(times.strip())
        if m is None or not (m.group(2) or m.group(3)):
            return None  # "2 x 10 Hz": the exponent was a superscript the extraction dropped
        exponent = _exponent((m.group(1) or "") + (m.group(2) or ""), m.group(3))
    digits = _decimal_text(mantissa, decimal_comma)
    if digits is None:
        return None
    ambiguous = _AMBIGUOUS_COMMA_RE.fullmatch(mantissa.strip()) is not None
    if (
        ambiguous
        and not decimal_comma
        and ((times and float(digits) >= 10) or (percent and float(digits) > 100))
    ):
        # a mantissa of "x 10^n" is below 10 and a share at most 100 %, so the comma is decimal
        digits = _decimal_text(mantissa, True) or digits
    value = float(f"{sign}{digits}e{exponent}")
    return value if math.isfinite(value) else None


# --------------------------------------------------------------------------------------------
# Quantities
# --------------------------------------------------------------------------------------------

#: phrase -> (quantity name, dimensions it may have; empty means any)
_KEYWORDS: dict[str, tuple[str, frozenset[str]]] = {}


def _kw(names: str, quantity: str, *dimensions: str) -> None:
    for name in names.split("|"):
        _KEYWORDS[name] = (quantity, frozenset(dimensions))


_kw("total processing performance|tpp", "total processing performance")
_kw("performance density", "performance density")
_kw("adjusted peak performance|app", "adjusted peak performance")
_kw("peak power|peak output power", "peak power", "power")
_kw("average power|average output power|cw output power", "average power", "power")
_kw("output power|saturated power output|power output", "output power", "power")
_kw("power", "power", "power")
_kw(
    "frequency|frequencies|frequency range|operating frequency|carrier frequency"
    "|centre frequency|center frequency",
    "frequency",
    "frequency",
)
# Wassenaar 2025 3.A.2.a.7 bounds oscilloscopes by their "'upper 3dB frequency'" where 2021
# said "input 3dB bandwidth": from DC up, the same quantity.
_kw("bandwidth|instantaneous bandwidth|signal bandwidth|upper 3db frequency", "bandwidth")
_kw("wavelength|wavelengths", "wavelength", "length")
_kw("range|ranges|maximum range", "range", "length")
_kw("temperature range|temperatures|temperature|critical temperature", "temperature", "temperature")
_kw("dynamic range|spurious-free dynamic range", "dynamic range", "ratio")
_kw("mass|weight|weighs|gross weight|take-off weight|takeoff weight", "mass", "mass")
_kw("payload", "payload", "mass")
_kw("resolution", "resolution")
_kw("accuracy|positioning accuracy", "accuracy")
_kw("repeatability", "repeatability")
_kw("pressure|pressures|operating pressure", "pressure", "pressure")
_kw("thrust", "thrust", "force")
_kw("force", "force", "force")
_kw("speed|speeds|velocity|velocities", "speed", "velocity", "rotational speed", "angular rate")
_kw("altitude|altitudes", "altitude", "length")
_kw("depth|depths", "depth", "length")
_kw("diameter|diameters", "diameter", "length")
_kw("thickness", "thickness", "length")
_kw("length|lengths", "length", "length")
_kw("width|widths", "width", "length")
_kw("height", "height", "length")
_kw("size|particle size", "size")
_kw("energy|pulse energy", "energy", "energy")
_kw("pulse duration|pulse width", "pulse duration", "time")
_kw("duration|rise time|settling time|switching time|response time", "time", "time")
_kw("life|lifetime", "life", "time")
_kw("sample rate|sampling rate", "sample rate", "sample rate")
_kw("data rate|bit rate|transfer rate|digital transfer rate", "data rate", "data rate")
_kw("voltage|voltages", "voltage", "voltage")
_kw("current", "current", "current")
_kw("density", "density")
_kw("tensile strength", "tensile strength")
_kw("specific tensile strength", "specific tensile strength")
_kw("specific modulus", "specific modulus")
_kw("compressive strength", "compressive strength")
_kw("specific gravity", "specific gravity")
_kw("efficiency", "efficiency", "ratio")
_kw("purity", "purity", "ratio")
_kw("gain", "gain", "ratio")
_kw("sensitivity", "sensitivity")
_kw("dose|total dose", "dose", "dose")
_kw("area", "area", "area")
_kw("volume", "volume", "volume")
_kw("acceleration|accelerations", "acceleration", "acceleration")
_kw("magnetic field|magnetic induction|induction", "magnetic field", "magnetic flux density")
_kw("calibre|caliber", "calibre", "length")
_kw("capacity", "capacity")
_kw("q-value|q-values|q-factor|quality factor", "q-factor")
_kw("stress", "stress", "pressure")

_MAX_KEYWORD = max(len(k.split()) for k in _KEYWORDS)
_TOKEN_RE = re.compile(r"[A-Za-z][A-Za-z\-]*")
_WORDS_AFTER_RE = re.compile(r"\s*(?:of\s+)?([A-Za-z][A-Za-z\-]*(?:\s+[A-Za-z][A-Za-z\-]*){0,2})")
_QUOTES = "\"'“”‘’"
#: Words after "3 dB" that make it part of a quantity's name, not a threshold.
_DB_NAMES_RE = re.compile(r"\s*(?:bandwidth|frequency|beamwidth|beam ?width|point)\b", re.I)
_TERM_RE = re.compile(r"[A-Za-z][A-Za-z0-9 \-]{1,48}")
#: Words that may stand between a quoted term and its number: 'accuracy' of, 'range' is.
_CONNECTORS = frozenset(
    [
        "of",
        "is",
        "are",
        "was",
        "being",
        "having",
        "has",
        "have",
        "with",
        "at",
        "to",
        "in",
        "equal",
        "a",
        "an",
        "the",
        "its",
        "that",
        "which",
        "be",
    ]
)
#: Quoted defined terms that name things rather than quantities ("alloys" having ...).
_NOT_QUANTITIES = frozenset(
    [
        "aircraft",
        "alloys",
        "composite",
        "development",
        "fibrous or filamentary materials",
        "focal plane arrays",
        "laser",
        "lasers",
        "matrix",
        "missiles",
        "nuclear reactor",
        "positional aiding references",
        "production",
        "signal analysers",
        "signal analyzers",
        "software",
        "spacecraft",
        "staring arrays",
        "substrate",
        "superconductive",
        "technology",
        "use",
        "vacuum electronic devices",
        "all compensations available",
    ]
)
_COUNT_NOUNS = {
    noun: plural
    for plural in [
        "axes",
        "channels",
        "terminals",
        "elements",
        "cycles",
        "pixels",
        "transistors",
        "cores",
        "operations",
        "layers",
        "detectors",
        "ports",
        "stages",
        "beams",
        "lanes",
        "rows",
        "columns",
    ]
    for noun in (plural, "axis" if plural == "axes" else plural[:-1])
}
_NOUN_AFTER_RE = re.compile(r"\s*([A-Za-z]+)")
_CONNECTED_RE = re.compile(r"[\s,]*(?:(?:but|and|or)\b)?[\s,]*")
_ENDS_CLAUSE_RE = re.compile(r"\s*(?:[;,.):]|$|(?:and|or|but)\b)")
_CLAUSE_BREAK_RE = re.compile(r"[;:]|\.\s")
_WINDOW = 80
#: A unitless quantity that has a conventional unit of its own.
_IMPLIED_UNITS = {"total processing performance": "TPP", "adjusted peak performance": "WT"}
_SYNONYMS = {"weight": "mass", "tpp": "total processing performance", "accuracies": "accuracy"}


def _dimension(base: str) -> str:
    return _DIMENSIONS.get(base, base)


def _fits(known: tuple[str, frozenset[str]], dimension: str | None) -> bool:
    # a physical quantity ("frequency") needs a unit; a bare number cannot be one
    return not known[1] or (dimension is not None and dimension in known[1])


def _quoted_before(window: str) -> str | None:
    """A defined term in quotes right before the number: "'peak power' exceeding"."""
    w = " ".join(window.split())
    while w:
        head, _, last = w.rpartition(" ")
        if last.lower() not in _CONNECTORS:
            break
        w = head
    if w.endswith(")"):
        opening = w.rfind("(")
        if opening >= 0 and len(w) - opening <= 27:
            w = w[:opening].rstrip()
    if len(w) < 3 or w[-1] not in _QUOTES:
        return None
    opening = max(w.rfind(q, 0, len(w) - 1) for q in _QUOTES)
    term = " ".join(w[opening + 1 : -1].lower().split())
    if opening < 0 or not _TERM_RE.fullmatch(term) or term in _NOT_QUANTITIES:
        return None
    return term


def _keyword_before(window: str, dimension: str | None) -> str | None:
    """The nearest known quantity word before the number that suits its unit."""
    tokens = [t.lower() for t in _TOKEN_RE.findall(window)]
    for end in range(len(tokens), 0, -1):
        for n in range(min(_MAX_KEYWORD, end), 0, -1):
            known = _KEYWORDS.get(" ".join(tokens[end - n : end]))
            if known is not None and _fits(known, dimension):
                return known[0]
    return None


def _keyword_after(text: str, pos: int, dimension: str | None) -> str | None:
    """A quantity word right after the threshold: "at least 500 kg payload"."""
    m = _WORDS_AFTER_RE.match(text, pos)
    if m is None:
        return None
    tokens = m.group(1).lower().split()
    for n in range(len(tokens), 0, -1):
        known = _KEYWORDS.get(" ".join(tokens[:n]))
        if known is not None and _fits(known, dimension):
            return known[0]
    return None


@dataclass
class _Found:
    comparator: Comparator
    value: float
    unit: str
    dimension: str | None
    start: int
    end: int
    text: str = ""
    quantity: str = ""
    generic: bool = True  # the quantity is only the unit's dimension


# --------------------------------------------------------------------------------------------
# Extraction
# --------------------------------------------------------------------------------------------


def _unit_of(m: re.Match[str]) -> _Unit | None:
    """The unit a number match carries, or None when the match must not count."""
    raw = m.group("u")
    if raw is None:
        return _Unit("", "", 1.0, 0.0)
    sep = m.group("u_sep") or ""
    parsed = _parse_unit(raw)
    if parsed is None:
        return None
    # "4K", "1990s", "5-m": a one-letter unit counts only after a space.
    if len(raw) == 1 and raw.isalpha() and sep in {"", "-"}:
        return None
    if sep == "-" and len(raw) < 2:
        return None
    return parsed


def _value(m: re.Match[str], unit: _Unit, decimal_comma: bool) -> float | None:
    return _parse_number(m.group("n"), decimal_comma, unit.canonical == "%")


def _number_at(
    text: str, pos: int, decimal_comma: bool
) -> tuple[re.Match[str], _Unit, float] | None:
    m = _NUMBER_RE.match(text, pos)
    if m is None:
        return None
    unit = _unit_of(m)
    if unit is None:
        return None
    value = _value(m, unit, decimal_comma)
    return None if value is None else (m, unit, value)


def _pair(
    first: tuple[re.Match[str], _Unit, float],
    second: re.Match[str],
    low: Comparator,
    high: Comparator,
    start: int,
    decimal_comma: bool,
) -> list[_Found]:
    """Both bounds of a range; a unit written once applies to both."""
    _, u1, v1 = first
    u2 = _unit_of(second)
    if u2 is None or not (u1.canonical or u2.canonical):
        return []
    u1 = u1 if u1.canonical else u2
    u2 = u2 if u2.canonical else u1
    v2 = _value(second, u2, decimal_comma)
    if first[0].group("u") is None:  # read again now that its unit is known ("22 to 24%")
        v1 = _value(first[0], u1, decimal_comma) or v1
    if v2 is None:
        return []
    end = second.end()
    return [
        _Found(low, v1, u1.canonical, _dimension(u1.base), start, end),
        _Found(high, v2, u2.canonical, _dimension(u2.base), start, end),
    ]


def _at(text: str, pos: int, decimal_comma: bool) -> list[_Found]:
    """The threshold(s) whose number starts at ``pos`` (none if it is no threshold)."""
    number = _number_at(text, pos, decimal_comma)
    if number is None:
        return []
    m, unit, value = number
    dimension = _dimension(unit.base) if unit.canonical else None
    sandwich = _SANDWICH_TAIL_RE.match(text, m.end())
    if sandwich is not None:
        low: Comparator = ">=" if sandwich.group("c1") != "<" else ">"
        high: Comparator = "<=" if sandwich.group("c2") != "<" else "<"
        return _pair(number, sandwich, low, high, pos, decimal_comma)
    if _UNDIRECTED_RE.search(text, max(0, pos - 40), pos):
        return []
    words = _words_before(text, pos)
    before = _comparator_before(text, pos, words)
    if words and words[0][0] == "between":
        tail = _BETWEEN_TAIL_RE.match(text, m.end())
        if tail is not None:
            return _pair(number, tail, ">=", "<=", words[0][1], decimal_comma)
    if before is None:
        tail = _RANGE_TAIL_RE.match(text, m.end())
        if tail is not None:
            start = words[0][1] if words and words[0][0] == "from" else pos
            return _pair(number, tail, ">=", "<=", start, decimal_comma)
        post = _POST_RE.match(text, m.end())
        if post is not None:
            comparator: Comparator = ">=" if post.group("ge") else "<="
            return [_Found(comparator, value, unit.canonical, dimension, pos, post.end())]
        if not unit.canonical:
            return []  # a bare number with no unit and no comparator: a code, note or year
        return [_Found("=", value, unit.canonical, dimension, pos, m.end())]
    comparator, start = before
    return [_Found(comparator, value, unit.canonical, dimension, start, m.end())]


def _name_quantities(text: str, found: list[_Found]) -> None:
    window_start = 0
    last_end = 0
    last_start = -1
    for f in found:
        if f.start != last_start:  # both bounds of a range share one window
            window_start = max(last_end, f.start - _WINDOW)
            last_start = f.start
        last_end = f.end
        window = _CLAUSE_BREAK_RE.split(text[window_start : f.start])[-1]
        quantity = _quoted_before(window)
        if quantity is not None:
            known = _KEYWORDS.get(quantity)
            quantity = known[0] if known else quantity
        else:
            quantity = _keyword_before(window, f.dimension) or _keyword_after(
                text, f.end, f.dimension
            )
        if quantity is None and not f.unit:
            noun = _NOUN_AFTER_RE.match(text, f.end)
            quantity = _COUNT_NOUNS.get(noun.group(1).lower()) if noun else None
        if quantity is None:
            f.quantity = f.dimension or "number"
        else:
            f.quantity = _SYNONYMS.get(quantity, quantity)
            f.generic = False


def _link(text: str, found: list[_Found]) -> None:
    """Carry quantity and unit across pairs like "exceeding 1 kW but not exceeding 1,6 kW"."""
    for prev, cur in itertools.pairwise(found):
        same_phrase = prev.start == cur.start
        if not same_phrase and _CONNECTED_RE.fullmatch(text, prev.end, cur.start) is None:
            continue
        if (
            cur.generic
            and not prev.generic
            and (cur.dimension == prev.dimension or not cur.unit or not prev.unit)
        ):
            cur.quantity, cur.generic = prev.quantity, False
        if not prev.unit and cur.unit and not same_phrase:
            prev.unit, prev.dimension = cur.unit, cur.dimension
            if prev.generic:
                prev.quantity = cur.quantity
        elif not cur.unit and prev.unit and _ENDS_CLAUSE_RE.match(text, cur.end):
            cur.unit, cur.dimension = prev.unit, prev.dimension
            if cur.generic:
                cur.quantity = prev.quantity
    for f in found:
        if not f.unit and f.quantity in _IMPLIED_UNITS:
            f.unit = _IMPLIED_UNITS[f.quantity]


def extract_parameters(text: str, *, decimal_comma: bool | None = None) -> list[Parameter]:
    """Every threshold in ``text``, in order of appearance.

    ``decimal_comma`` says whether "4,800" means 4.8 (True, the EU convention) or 4800 (False);
    left as None it is guessed from the text itself. Never raises on any string.
    """
    if not isinstance(text, str) or _DIGIT_RUN_RE.search(text) is None:
        return []  # every threshold has a number; nearly half the entries have none
    text = _EN_DASH_MINUS_RE.sub("−", text.translate(_SYMBOL_FONT))
    text = _FLATTENED_EXPONENT_RE.sub(r"\1 10-\2", text)
    text = _GLUED_RE.sub(r"\1 \2", _GLUED_AFTER_RE.sub(r" \1", text))
    text = _BETTER_DIRECTION_RE.sub(r"\2 (\1) than", text)
    if decimal_comma is None:
        decimal_comma = _DECIMAL_COMMA_HINT.search(text) is not None
    found: list[_Found] = []
    consumed = 0
    # Every threshold has a number; starting from the digits keeps this fast on long texts.
    for run in _DIGIT_RUN_RE.finditer(text):
        pos = run.start()
        if pos < consumed:
            continue
        if pos >= 1 and text[pos - 1] in "-−+±":
            pos -= 1
        elif pos >= 2 and text[pos - 2 : pos] == "± ":
            pos -= 2
        try:
            new = _at(text, pos, decimal_comma)
            if not new and pos != run.start():
                new = _at(text, run.start(), decimal_comma)
        except (ValueError, ArithmeticError):
            continue  # a number too odd to read is no threshold
        if new:
            consumed = max(f.end for f in new)
            found.extend(new)
    if not found:
        return []
    # "3 dB" naming a bandwidth is no threshold: "input 3dB bandwidth of 60 GHz".
    found = [f for f in found if not (f.unit == "dB" and _DB_NAMES_RE.match(text, f.end))]
    for f in found:
        f.text = " ".join(text[f.start : f.end].split())
    _name_quantities(text, found)
    _link(text, found)
    return [
        Parameter(
            quantity=f.quantity, comparator=f.comparator, value=f.value, unit=f.unit, text=f.text
        )
        for f in found
    ]


# --------------------------------------------------------------------------------------------
# Comparison
# --------------------------------------------------------------------------------------------


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
