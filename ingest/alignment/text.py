"""Text comparison for the alignment: an entry's words cleaned (:func:`entry_text`), compared
(:func:`similarity`, :func:`same_words`, :func:`_numbers_lost`), squashed for finding one text
inside another, the Wassenaar items a text cites, and the exclusions a regime entry's Notes
make. Names with a leading underscore are for the modules of :mod:`ingest.alignment` only."""

from __future__ import annotations

import re
from collections.abc import Iterable

from rapidfuzz import fuzz

from graph_schema import wording as wording_module
from graph_schema.codes import CodeError, CodeSystem, parse_code, wassenaar_equivalent
from graph_schema.model import ControlEntry

#: At or above this similarity two texts say the same thing (PDF/text extraction noise aside).
SAME_TEXT = 0.98
#: A regime entry with no counterpart by number and a national entry under another code are
#: the same when their own texts are at least this similar (token sort) ...
CONTENT_MATCH = 0.9
#: ... and long enough for that to mean something ("a. Exceeding 10 kg;" is not).
CONTENT_MIN = 40
_JOINER = re.compile(r"[\s;,.:]*(?:\b(?:and|or)\b)?[\s;,.:]*$", re.I)
_THOUSANDS = re.compile(r"(?<=\d)[, ](?=\d{3}\b)")
_DECIMAL = re.compile(r"(?<=\d),(?=\d)")
_NOT_WORD = re.compile(r"(?:(?<!\d)\.|\.(?!\d)|[^\w.])+")
_DIGITS = re.compile(r"\d+(?:\.\d+)?")
_QUOTES = re.compile(r"[\"'“”‘’]")


#: Exponents written as superscripts read as the digits a copy that flattened them shows.
_FLAT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")


def _clean(text: str) -> str:
    text = wording_module.ITEMS_POINTER.sub("", text).translate(_FLAT)
    return " ".join(_QUOTES.sub("", text).lower().split())


def entry_text(entry: ControlEntry) -> str:
    heading, text = entry.heading or "", entry.text or ""
    if heading and text.startswith(heading.strip()):
        heading = ""  # a list that repeats its heading as the text (AU): the words once
    return _clean(f"{heading} {text}")


def similarity(a: ControlEntry, b: ControlEntry) -> float:
    """Token-set similarity of two entries' texts, 0..1 (order and repetition do not count)."""
    left, right = entry_text(a), entry_text(b)
    if not left or not right:
        return 0.0
    return float(fuzz.token_set_ratio(left, right)) / 100.0


def subtree_texts(entries: Iterable[ControlEntry], limit: int = 3000) -> dict[str, str]:
    """Each entry's text followed by its sub-entries' (depth first), cut at ``limit``.

    An item's own words are often only a heading ("Turbojet and turbofan engines, as
    follows:"); what it controls is in its sub-entries, so content is compared on the whole.
    """
    children: dict[str, list[ControlEntry]] = {}
    for e in entries:
        children.setdefault(e.parent or "", []).append(e)
    out: dict[str, str] = {}

    def walk(e: ControlEntry) -> str:
        parts = [entry_text(e)]
        parts.extend(walk(c) for c in sorted(children.get(e.canonical, []), key=_order))
        out[e.canonical] = " ".join(p for p in parts if p)[:limit]
        return out[e.canonical]

    for root in children.get("", []):
        walk(root)
    return out


def _strip_joiner(text: str) -> str:
    """Without the "; and" / "; or" that ties a paragraph to the next one."""
    return _JOINER.sub("", text)


_CODE_REFERENCE = re.compile(
    r"\b(?:ML ?\d{1,2}|\d{1,2}\.[A-E]\.\d{1,3}|\d[A-H]\d{3})(?:\.?[a-z0-9]{1,4}\b\.?)*", re.I
)
#: "specified in 3.A.1.b.1" (Wassenaar) is "specified by 8A301.b.1" (SCOMET).
_CITING = re.compile(r"\b(?:in|by|under)\s+(?=#)", re.I)
_LEAD_IN = re.compile(
    r"\b(?:having\s+)?(?:all|any|both|either|one)\s+(?:of\s+)?the\s+following"
    r"(?:\s+characteristics)?\b|\bas\s+follows\b",
    re.I,
)


def _squash(text: str) -> str:
    """Letters and digits only, lower case, numbers written one way: for finding one text
    inside another whatever the spacing the PDF's text layer lost ("lessthan", "ofthe")."""
    text = _DECIMAL.sub(".", _THOUSANDS.sub("", _QUOTES.sub("", text.translate(_FLAT))))
    return _NOT_WORD.sub("", text.lower()).replace("_", "")


def _comparable(text: str) -> str:
    """A paragraph's own words, squashed (:func:`_squash`), with the codes it cites and the
    lead-in every list shares ("having all of the following") taken out: what must be equal
    for two paragraphs to say the same in two numberings."""
    text = _CITING.sub(" # ", _CODE_REFERENCE.sub(" # ", text))
    return _squash(_strip_joiner(_LEAD_IN.sub(" ", text)))


def _numbers(text: str) -> list[str]:
    """The numbers a text states, in order, thousands separators and decimal commas aside;
    "10³" reads "103", as in a copy that lost the superscript: two copies of one text state
    the same numbers whichever of them kept it."""
    return _DIGITS.findall(_DECIMAL.sub(".", _THOUSANDS.sub("", text.translate(_FLAT))))


def same_words(a: str, b: str) -> bool:
    """Do two paragraphs say the same, spacing, punctuation and the codes they cite aside?
    Nothing else may differ: "single-transverse" is not "multiple-transverse", nor
    "exceeding 25 W" "exceeding 30 W"."""
    left = _comparable(a)
    return bool(left) and left == _comparable(b)


def _a_thing(entry: ControlEntry) -> bool:
    """Does the entry name goods on its own, rather than open a list or state a condition
    of its parent's ("having all of the following:", "designed for ...")?"""
    text = entry.text.strip()
    return (
        len(_comparable(text)) >= 8
        and not text.endswith(":")
        and _LEAD_IN.search(text) is None
        and not text[:1].islower()
    )


#: The "x" of "3.3x10-11": written between two numbers, not a word.
_TIMES = re.compile(r"(?<=\d)\s*[x×]\s*(?=\d)")
_LETTERS = re.compile(r"[^a-z]+")


def _is_subsequence(short: list[str], long: list[str]) -> bool:
    rest = iter(long)
    return all(any(n == m for m in rest) for n in short)


def _numbers_lost(a: str, b: str) -> bool:
    """Are two paragraphs the same words, with one holding only some of the other's numbers
    in the same order? Real amendments change a number; they do not delete one and keep
    every word around it."""
    na, nb = _numbers(a), _numbers(b)
    if na == nb or not (_is_subsequence(na, nb) or _is_subsequence(nb, na)):
        return False

    def letters(text: str) -> str:
        return _LETTERS.sub("", _TIMES.sub(" ", _QUOTES.sub("", text)).lower())

    return letters(a) == letters(b) != ""


_CONTENT_WORD = re.compile(r"[a-z][a-z\-]{4,}")
#: Words every exclusion shares, which say nothing of what it excludes.
_EXCLUSION_STOP = frozenset(
    [
        "which",
        "their",
        "there",
        "these",
        "those",
        "following",
        "having",
        "other",
        "specified",
        "specially",
        "designed",
        "apply",
        "control",
        "purposes",
        "equipment",
        "items",
        "being",
        "where",
        "within",
        "about",
    ]
)
#: An exclusion is found where at least this share of its words are (CAS numbers decide alone).
EXCLUSION_FOUND = 0.5


def _exclusions(notes: Iterable[str]) -> list[str]:
    return [m.group("what") for n in notes for m in wording_module.EXCLUDES.finditer(n)]


def _excluded_in(what: str, said: str) -> bool:
    """Does ``said`` (a national entry's Notes and words) exclude ``what`` too? By its CAS
    numbers when it names any, otherwise by its words (half of them, told apart from the
    lead-in every Note shares): lists word the same exclusion differently ("with 32 elements or
    fewer, where all the detector elements are made from germanium" / "not to exceed 32
    elements ... limited solely to germanium material")."""
    said = said.lower()
    cas = wording_module.CAS.findall(what)
    if cas:
        return any(number in said for number in cas)
    words = {w for w in _CONTENT_WORD.findall(what.lower()) if w not in _EXCLUSION_STOP}
    if len(words) < 3:
        return True  # too few words to tell: no claim
    found = sum(1 for w in words if w.rstrip("s") in said)
    return found / len(words) >= EXCLUSION_FOUND


def _squash_words(text: str) -> str:
    """The words without the numbers, for asking whether two paragraphs are about the same."""
    return " ".join(_DIGITS.sub(" ", _clean(text)).split())


def _excerpt(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _order(entry: ControlEntry) -> str:
    return entry.canonical


_CITED = re.compile(r"\b(?:ML ?\d{1,2}|\d{1,2}\. ?[A-E]\. ?\d{1,3}|\d[A-E]\d{1,3})\b")


def _cited(text: str, system: CodeSystem) -> frozenset[str]:
    """Item-level Wassenaar codes a text cites, whatever numbering it writes them in."""
    out: set[str] = set()
    for found in _CITED.findall(text):
        compact = found.replace(" ", "")
        for chosen in (None, system):
            try:
                code = parse_code(compact, chosen)
            except CodeError:
                continue
            equivalent = wassenaar_equivalent(code)
            out.add((equivalent or code.canonical).split(".", 1)[0])
            break
    return frozenset(out)


def _group(canonical: str) -> str:
    return canonical.lstrip("0123456789")[:1]
