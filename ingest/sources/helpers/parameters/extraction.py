"""The extraction itself: the thresholds of a text (:func:`extract_parameters`), each a
comparator, a number, a unit and the quantity it bounds, ranges included, once the text is
repaired of what PDF text layers do to them."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from graph_schema.model import Parameter
from ingest.sources.helpers.parameters.comparators import (
    _POST_RE,
    _UNDIRECTED_RE,
    Comparator,
    _comparator_before,
    _words_before,
)
from ingest.sources.helpers.parameters.numbers import (
    _DECIMAL_COMMA_HINT,
    _NUM_END,
    _SP,
    _num,
    _parse_number,
)
from ingest.sources.helpers.parameters.quantities import (
    _COUNT_NOUNS,
    _IMPLIED_UNITS,
    _KEYWORDS,
    _NOUN_AFTER_RE,
    _SYNONYMS,
    _keyword_after,
    _keyword_before,
    _quoted_before,
)
from ingest.sources.helpers.parameters.units import (
    _UNIT_END,
    _UNIT_RE,
    _dimension,
    _parse_unit,
    _Unit,
)


def _unit(name: str, required: bool = False) -> str:
    group = rf"(?P<{name}_sep>{_SP}|-)(?P<{name}>{_UNIT_RE}){_UNIT_END}"
    return group if required else rf"(?:{group})?"


# An equivalent in another unit, or the unit's abbreviation: "(30 dBm)", "(-50oC)", "(km)".
_PAREN = (
    rf"(?:{_SP}\({_SP}(?:[-−+±]?[0-9][0-9 .,]*{_SP}{_UNIT_RE}[^()\n]{{0,30}}|{_UNIT_RE}{_SP})\))?"
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
#: An en dash set as a minus sign ("less (better) than –150 dBm/Hz" in the DSGL): right before
#: a number and not after a word or number, so ranges ("10–20 GHz", "10 – 20 GHz") stay ranges.
_EN_DASH_MINUS_RE = re.compile(r"(?<![\w.])–(?=\d)")
#: A superscript exponent flattened twice over: the US CCL JSON has "5 × 104 −4" for 5 × 10⁻⁴
#: (1C003.b.1), the exponent's digits run into the 10 and repeated after the minus.
_FLATTENED_EXPONENT_RE = re.compile(r"([×x])\s?10(\d{1,2})\s[−-]\2\b")
# Words a PDF's text layer runs together ("lessthan or equal to", "upand including").
_GLUED_RE = re.compile(r"\b(less|greater|more|lower|higher|up)(than|and)\b", re.IGNORECASE)
# ... also onto the word before ("levelslessthan"): "lessthan" is never an English word.
_GLUED_AFTER_RE = re.compile(r"(?<=[a-z])(less|greater)(?=than\b)", re.IGNORECASE)
# "better (less) than" says the direction in brackets: read it as "less (better) than".
_BETTER_DIRECTION_RE = re.compile(
    r"\b(better|worse)\s*\((less|lower|smaller|more|greater|higher|larger)\)\s*than",
    re.IGNORECASE,
)
#: Words after "3 dB" that make it part of a quantity's name, not a threshold.
_DB_NAMES_RE = re.compile(r"\s*(?:bandwidth|frequency|beamwidth|beam ?width|point)\b", re.I)
_CONNECTED_RE = re.compile(r"[\s,]*(?:(?:but|and|or)\b)?[\s,]*")
_ENDS_CLAUSE_RE = re.compile(r"\s*(?:[;,.):]|$|(?:and|or|but)\b)")
_CLAUSE_BREAK_RE = re.compile(r"[;:]|\.\s")
_WINDOW = 80


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
