"""Text helpers shared by the analyses: folding for name matching, words for text matching."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import TypeVar

T = TypeVar("T")

EXCERPT = 280


def excerpt(text: str, limit: int = EXCERPT) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def fold(text: str) -> str:
    """Case-, accent- and spacing-insensitive form for matching names and labels.

    Arabic: diacritics and tatweel dropped, alef forms, taa marbuta and alef maqsura unified.
    """
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    kept = "".join(ch for ch in decomposed if not unicodedata.combining(ch) and ch != "\u0640")
    for variants, plain in (("أإآٱ", "ا"), ("ة", "ه"), ("ى", "ي")):
        for ch in variants:
            kept = kept.replace(ch, plain)
    return " ".join(kept.replace("-", " ").replace("'", " ").split())


_WORD = re.compile(r"\w+", re.UNICODE)
_STOP_WORDS = (
    "a an and any are as at be by for from in into is it of on or than that the their these "
    "this to with which not"
)
_STOP = frozenset(_STOP_WORDS.split())


def tokens(text: str) -> list[str]:
    """The words of a text for matching: folded, stop words dropped, lightly stemmed."""
    out = []
    for word in _WORD.findall(fold(text)):
        if word in _STOP or len(word) < 2:
            continue
        # A light stem so that "systems" finds "system" and "equipments" "equipment".
        out.append(word[:-1] if len(word) > 4 and word.endswith("s") else word)
    return out


def content_words(text: str) -> set[str]:
    """Words that say what an entry controls (numbers and units aside)."""
    return {w for w in tokens(text) if w.isalpha() and len(w) > 2}


def unique(items: Iterable[T]) -> list[T]:
    """The items in their order, each once."""
    seen: set[T] = set()
    out = []
    for item in items:
        if item not in seen:
            seen.add(item)
            out.append(item)
    return out
