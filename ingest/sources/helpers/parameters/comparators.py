"""Comparators: the words and symbols before a number ("exceeding", "not less than", "≥") and
after it ("or more"), read as ">", ">=", "<" or "<="."""

from __future__ import annotations

import re
from typing import Literal

from ingest.sources.helpers.parameters.numbers import _SP

Comparator = Literal[">", ">=", "<", "<=", "="]

# A comparator after the number: "60 dB or more", "1 kW and below", "5 % or less (better)".
_POST_RE = re.compile(
    rf"{_SP}(?:by\s+(?:weight|volume|mass)\s+)?(?:\([^()\n]{{1,30}}\)\s*)?,?{_SP}"
    r"(?:(?P<ge>or\s+(?:more|greater|higher|larger|longer|above|over)"
    r"|and\s+(?:above|over|higher|greater))"
    r"|(?P<le>or\s+(?:less|lower|smaller|fewer|shorter|below|under)"
    r"|and\s+(?:below|under|lower|less)))\b"
    r"(?:\s*\((?:better|worse)\))?",
    re.IGNORECASE,
)
_WORD_RE = re.compile(r"[A-Za-z]+")
_BETTER_RE = re.compile(r"\s*(?:\((?:better|worse)\)\s*)?", re.IGNORECASE)
# "better than" with no direction: for an error it means less, for a resolution it may mean
# more; no comparator is read rather than a wrong one.
_UNDIRECTED_RE = re.compile(r"\b(?:better|worse)\s+than\s*$", re.IGNORECASE)


#: Comparative adjectives and how the phrases built on them read: "<word> than", then
#: "equal to or <word> than" / "<word> than or equal to", then "not <word> than" / "no <word>
#: than". One table for both directions, so a phrase added to one is added to the other.
_COMPARATIVES: tuple[tuple[tuple[str, ...], Comparator, Comparator, Comparator], ...] = (
    (("more", "greater", "higher", "larger", "longer"), ">", ">=", "<="),
    (("less", "lower", "smaller", "fewer", "shorter"), "<", "<=", ">="),
)


def _phrases() -> dict[str, Comparator]:
    """Comparator phrases that stand before a number, as lower-case word sequences."""
    table: dict[str, Comparator] = {}
    for adjectives, strict, inclusive, negated in _COMPARATIVES:
        for word in adjectives:
            table[f"{word} than"] = strict
            table[f"equal to or {word} than"] = inclusive
            table[f"{word} than or equal to"] = inclusive
            table[f"not {word} than"] = negated
            table[f"no {word} than"] = negated
    groups: tuple[tuple[str, Comparator], ...] = (
        ("equal to or exceeding|equal to or above|equal to or over|at least|at or above", ">="),
        ("minimum of|a minimum of", ">="),
        ("not exceeding|not to exceed|not above|not over|at most|up to and including", "<="),
        ("up and including", "<="),  # SCOMET's "upand including", unglued
        ("up to|at or below|maximum of|a maximum of", "<="),
        ("exceeding|exceeds|exceed|in excess of|above|over|beyond", ">"),
        ("below|under", "<"),
        ("bigger than", ">"),
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
