"""Arabic normalisation and proclitic variants.

Text is never rewritten: offsets into the document must stay true. Instead each token's NORM
(a lexeme attribute, computed once per distinct word and cached by the vocabulary) is the
normalised form, and patterns are normalised the same way. Proclitics (و ف ب ل ك and the
article ال) are handled by adding the clitic forms of each pattern's first word to the
patterns, never by stripping letters from the text, so words that merely begin with those
letters (واشنطن، وزير، بايدن) are left alone.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

# Harakat, tanween, shadda, sukun, dagger alef, Quranic marks and tatweel.
_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_UNIFY = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ة": "ه",
        "ى": "ي",
        "ؤ": "و",
        "ئ": "ي",
        # Persian/Urdu letter forms that appear in Arabic text typed on other keyboards.
        "ی": "ي",
        "ک": "ك",
    }
)
# Typographic quotes and apostrophes are unified so "People’s" matches "People's".
_QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'", "“": '"', "”": '"'})

ARABIC_LETTER = re.compile("[\u0621-\u064a\u0671-\u06d3]")

#: Conjunctions (و، ف) may precede a preposition (ب، ل، ك), which may precede the article.
CONJUNCTIONS = ("", "و", "ف")
PREPOSITIONS = ("", "ب", "ل", "ك")


def normalise(text: str) -> str:
    """Diacritics removed, alef/taa marbuta/yaa forms unified, quotes unified, lower-cased.

    Lower-casing only changes Latin letters, which Arabic text often contains (ZTE, Huawei).
    """
    text = unicodedata.normalize("NFC", text)
    text = _DIACRITICS.sub("", text)
    return text.translate(_UNIFY).translate(_QUOTES).lower()


def has_arabic(text: str) -> bool:
    return ARABIC_LETTER.search(text) is not None


def clitic_forms(word: str) -> list[str]:
    """A word with every proclitic combination in front of it (normalised), itself first.

    ``ال`` words take the article-aware forms: ب + ال = بال, ل + ال = لل (the alef of the
    article is dropped after lam), so الصين gives والصين، بالصين، للصين، وللصين، فبالصين ...
    Words without the article (فرنسا) take و، ف، ب، ل، ك and their pairs.
    """
    base = normalise(word)
    if not has_arabic(base):
        return [base]
    forms: list[str] = []
    for conj in CONJUNCTIONS:
        for prep in PREPOSITIONS:
            # ل + الصين = للصين: the article's alef is dropped after lam.
            stem = "ل" + base[1:] if prep == "ل" and base.startswith("ال") else prep + base
            form = conj + stem
            if form not in forms:
                forms.append(form)
    return forms


def nisba_forms(stem: str) -> list[str]:
    """Forms of a nisba adjective (صيني): feminine, plurals, with and without the article."""
    base = normalise(stem)
    endings = ("", "ه", "ون", "ين", "ان")
    bare = [base + e for e in endings]
    return bare + ["ال" + b for b in bare]


def phrase_variants(phrase: str) -> list[str]:
    """Every clitic variant of a multi-word phrase: only its first word takes proclitics."""
    words = phrase.split()
    if not words:
        return []
    rest = " ".join(normalise(w) for w in words[1:])
    return [f"{first} {rest}".strip() for first in clitic_forms(words[0])]


def all_variants(phrases: Iterable[str]) -> list[str]:
    seen: dict[str, None] = {}
    for phrase in phrases:
        for variant in phrase_variants(phrase):
            seen.setdefault(variant, None)
    return list(seen)
