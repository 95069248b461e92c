"""Quantities of thresholds: the quoted defined term or the known quantity word near a number
that names what it bounds. The words are data, in ``quantities.yaml``."""

from __future__ import annotations

import re

from ingest.sources.helpers.parameters.tables import read_table
from ingest.sources.helpers.parameters.units import _ATOMS, _DIMENSIONS

_TABLE = read_table(
    "quantities.yaml",
    ("keywords", "synonyms", "implied_units", "connectors", "not_quantities", "count_nouns"),
)


def _keywords() -> dict[str, tuple[str, frozenset[str]]]:
    """The ``keywords`` table by phrase."""
    known_dimensions = frozenset(_DIMENSIONS.values())
    keywords: dict[str, tuple[str, frozenset[str]]] = {}
    for quantity, written in _TABLE.section("keywords").items():
        where = f"keywords: {quantity}"
        entry = _TABLE.fields(where, written, ("names",), ("dimensions",))
        dimensions = frozenset(_TABLE.texts(f"{where}: dimensions", entry.get("dimensions", [])))
        if not dimensions <= known_dimensions:
            unknown = sorted(dimensions - known_dimensions)
            raise _TABLE.error(f"{where}: dimensions", f"{unknown} are no dimensions of units.yaml")
        for name in _TABLE.texts(f"{where}: names", entry["names"]):
            if name != name.lower() or name in keywords:
                raise _TABLE.error(f"{where}: names", f"{name!r} is not lower-case, or named twice")
            keywords[name] = (quantity, dimensions)
    return keywords


#: phrase -> (quantity name, dimensions it may have; empty means any)
_KEYWORDS: dict[str, tuple[str, frozenset[str]]] = _keywords()
_MAX_KEYWORD = max(len(k.split()) for k in _KEYWORDS)
_TOKEN_RE = re.compile(r"[A-Za-z][A-Za-z\-]*")
_WORDS_AFTER_RE = re.compile(r"\s*(?:of\s+)?([A-Za-z][A-Za-z\-]*(?:\s+[A-Za-z][A-Za-z\-]*){0,2})")
_QUOTES = "\"'“”‘’"
_TERM_RE = re.compile(r"[A-Za-z][A-Za-z0-9 \-]{1,48}")
#: Words that may stand between a quoted term and its number: 'accuracy' of, 'range' is.
_CONNECTORS = frozenset(_TABLE.words("connectors"))
#: Quoted defined terms that name things rather than quantities ("alloys" having ...).
_NOT_QUANTITIES = frozenset(_TABLE.words("not_quantities"))
#: A noun that counts things, singular or plural, and the plural that names the quantity.
_COUNT_NOUNS = {
    noun: plural
    for plural, singular in _TABLE.names("count_nouns").items()
    for noun in (plural, singular)
}
_NOUN_AFTER_RE = re.compile(r"\s*([A-Za-z]+)")
#: A unitless quantity that has a conventional unit of its own.
_IMPLIED_UNITS = _TABLE.names("implied_units", _ATOMS, "unit of units.yaml")
_SYNONYMS = _TABLE.names(
    "synonyms", {quantity for quantity, _ in _KEYWORDS.values()}, "quantity of 'keywords'"
)


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
