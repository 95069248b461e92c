"""Numbers as control lists write them: the pattern a number matches in a text (:func:`_num`),
and its value (:func:`_parse_number`) with thousands groups, decimal commas, signs and powers
of ten resolved."""

from __future__ import annotations

import math
import re

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


# Evidence that a text writes decimal commas ("0,5", "13,5 kg"), as the EU list does; chemical
# names ("1,1-diamino", "2,2,4,4") are not evidence.
_DECIMAL_COMMA_HINT = re.compile(r"(?<![0-9,])[0-9]+,(?:[0-9]{1,2}|[0-9]{4,})(?![0-9,\-−])")


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
