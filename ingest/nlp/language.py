"""Which language a text is in, from the text itself: its script, then its vocabulary.

Only Arabic, English and French have pipelines. Everything else is reported as unsupported
with what was seen (another script, Persian or Urdu letters in Arabic script, or the function
words of another Latin-script language), so a German or Persian text is refused rather than
analysed as garbage.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

SUPPORTED = ("ar", "en", "fr")

# Letters Persian and Urdu add to the Arabic script; Arabic text hardly ever uses them.
_PERSIAN_LETTERS = set("پچژگکی")
_URDU_LETTERS = set("ٹڈڑںےۓھ")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)

#: Frequent function words per Latin-script language; a text is scored by the share of its
#: words found in each set. Other languages are here only so they can be refused by name.
_FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "en": frozenset(
        [
            "the",
            "of",
            "and",
            "to",
            "in",
            "a",
            "is",
            "that",
            "for",
            "on",
            "with",
            "as",
            "by",
            "it",
            "are",
            "was",
            "be",
            "this",
            "from",
            "at",
            "or",
            "an",
            "have",
            "has",
            "not",
            "which",
            "will",
            "their",
            "its",
            "been",
            "were",
            "they",
            "we",
            "our",
            "also",
            "would",
            "can",
        ]
    ),
    "fr": frozenset(
        [
            "le",
            "la",
            "les",
            "de",
            "des",
            "du",
            "un",
            "une",
            "et",
            "est",
            "en",
            "que",
            "qui",
            "dans",
            "pour",
            "pas",
            "sur",
            "au",
            "aux",
            "par",
            "avec",
            "ce",
            "cette",
            "ces",
            "sont",
            "ont",
            "été",
            "il",
            "elle",
            "nous",
            "leur",
            "leurs",
            "ainsi",
            "plus",
            "d'",
            "l'",
            "qu'",
            "n'",
            "s'",
        ]
    ),
    "de": frozenset(
        [
            "der",
            "die",
            "das",
            "und",
            "ist",
            "nicht",
            "mit",
            "den",
            "dem",
            "des",
            "ein",
            "eine",
            "zu",
            "auf",
            "für",
            "von",
            "sich",
            "auch",
            "werden",
            "wird",
            "wurde",
            "sind",
            "im",
            "zum",
            "zur",
        ]
    ),
    "es": frozenset(
        [
            "el",
            "la",
            "los",
            "las",
            "de",
            "del",
            "y",
            "que",
            "en",
            "un",
            "una",
            "es",
            "por",
            "con",
            "para",
            "se",
            "su",
            "al",
            "lo",
            "como",
            "más",
            "sus",
            "está",
            "son",
            "fue",
        ]
    ),
    "it": frozenset(
        [
            "il",
            "lo",
            "la",
            "gli",
            "le",
            "di",
            "del",
            "della",
            "e",
            "che",
            "un",
            "una",
            "per",
            "con",
            "non",
            "sono",
            "è",
            "al",
            "nel",
            "alla",
            "dei",
            "delle",
            "anche",
        ]
    ),
    "pt": frozenset(
        [
            "o",
            "a",
            "os",
            "as",
            "de",
            "do",
            "da",
            "dos",
            "das",
            "e",
            "que",
            "em",
            "um",
            "uma",
            "para",
            "com",
            "não",
            "por",
            "se",
            "na",
            "no",
            "ao",
            "mais",
            "foi",
            "são",
        ]
    ),
    "nl": frozenset(
        [
            "de",
            "het",
            "een",
            "en",
            "van",
            "in",
            "is",
            "dat",
            "op",
            "te",
            "met",
            "voor",
            "zijn",
            "niet",
            "aan",
            "er",
            "ook",
            "als",
            "door",
            "bij",
            "worden",
            "wordt",
        ]
    ),
}
_NAMES = {
    "de": "German",
    "es": "Spanish",
    "it": "Italian",
    "pt": "Portuguese",
    "nl": "Dutch",
    "fa": "Persian",
    "ur": "Urdu",
}


class UnsupportedLanguage(ValueError):
    """The text is not in a language the pipelines handle (ar, en, fr)."""


@dataclass(frozen=True)
class LanguageGuess:
    language: str
    confidence: float
    script: str
    reason: str


def _script(ch: str) -> str:
    try:
        name = unicodedata.name(ch)
    except ValueError:
        return "other"
    return name.split(" ", 1)[0]


def script_counts(text: str, sample: int = 20_000) -> Counter[str]:
    """Letters per Unicode script (first word of the character name: LATIN, ARABIC...)."""
    counts: Counter[str] = Counter()
    for ch in text[:sample]:
        if ch.isalpha():
            counts[_script(ch)] += 1
    return counts


# Runs, not single letters: counting the letters of a few hundred runs is cheaper than building
# a list of thousands of one-letter matches, and gives the same count.
_LETTER = re.compile(r"[^\W\d_]+", re.UNICODE)
_ARABIC = re.compile("[\u0620-\u064a\u0671-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]+")
_LATIN = re.compile("[A-Za-z\u00c0-\u024f]+")
#: Identification reads this many characters: plenty for a verdict, and it keeps the cost flat.
SAMPLE = 3_000


def _count(pattern: re.Pattern[str], text: str) -> int:
    """Characters of ``text`` in runs matched by ``pattern``."""
    return sum(map(len, pattern.findall(text)))


def identify(text: str) -> LanguageGuess:
    """The language of ``text``; raises :class:`UnsupportedLanguage` when not ar/en/fr."""
    sample = text[:SAMPLE]
    letters = _count(_LETTER, sample)
    if letters < 20:
        raise UnsupportedLanguage(f"too little text to identify its language ({letters} letters)")
    arabic = _count(_ARABIC, sample)
    latin = _count(_LATIN, sample)
    if arabic >= latin and arabic > letters / 2:
        script, count = "ARABIC", arabic
    elif latin > letters / 2:
        script, count = "LATIN", latin
    else:
        script, count = script_counts(sample).most_common(1)[0]
    share = count / letters
    if script == "ARABIC":
        # str.count per letter: a few C scans instead of a Python loop over the sample.
        persian = sum(sample.count(ch) for ch in _PERSIAN_LETTERS)
        urdu = sum(sample.count(ch) for ch in _URDU_LETTERS)
        if urdu > 0.01 * count:
            raise UnsupportedLanguage(
                "unsupported language: Urdu (Arabic script with Urdu letters)"
            )
        if persian > 0.01 * count:
            raise UnsupportedLanguage(
                "unsupported language: Persian (Arabic script with پ چ ژ گ ک ی)"
            )
        return LanguageGuess("ar", round(share, 3), script, f"{share:.0%} of letters are Arabic")
    if script != "LATIN":
        raise UnsupportedLanguage(
            f"unsupported language: the text is mostly in {script.title()} script "
            f"(supported: {', '.join(SUPPORTED)})"
        )
    words = [w.lower() for w in _WORD.findall(sample)]
    if not words:
        raise UnsupportedLanguage("too little text to identify its language")
    # Elided French articles ("l'initiative") count as their article.
    tokens = [
        w.split("'")[0] + "'" if "'" in w else w for w in (w.replace("’", "'") for w in words)
    ]
    counts = Counter(tokens)
    # Looked up word by word of the (short) function-word sets, not the text's vocabulary.
    scores = {
        lang: sum(counts[word] for word in vocab if word in counts) / len(tokens)
        for lang, vocab in _FUNCTION_WORDS.items()
    }
    best = max(scores, key=lambda lang: scores[lang])
    if scores[best] < 0.08:
        raise UnsupportedLanguage(
            "unsupported language: Latin-script text without English or French function "
            f"words ({scores[best]:.0%} at best)"
        )
    if best not in SUPPORTED:
        raise UnsupportedLanguage(
            f"unsupported language: {_NAMES.get(best, best)} "
            f"({scores[best]:.0%} of words are {_NAMES.get(best, best)} function words)"
        )
    runner_up = max(s for lang, s in scores.items() if lang != best)
    confidence = scores[best] / (scores[best] + runner_up) if runner_up else 1.0
    return LanguageGuess(
        best,
        round(confidence, 3),
        script,
        f"{scores[best]:.0%} of words are {best} function words",
    )
