"""Control thresholds stated in news ("34 qubits ou plus", "34 كيوبت أو أكثر").

The numbers are read by the control-list threshold reader
(:func:`ingest.sources.helpers.parameters.extract_parameters`), so a threshold reported in a
news sentence and one in a list entry come out as the same :class:`Parameter`. That reader
knows English comparator words only: the French and Arabic ones (``threshold_words`` in
``lexicon.yaml``) are put in English first, in a copy of the sentence used for nothing else.
Only a threshold with a unit counts ("34 qubits or more", not "plus de 30 entreprises"), and
not a duration ("within 30 days", "for 2 years": deadlines, not items) nor a bare percentage
("exports fell 20%": a statistic; "20% or more" stays).
"""

from __future__ import annotations

import re
from functools import cache

from graph_schema.model import Parameter
from ingest.nlp import arabic
from ingest.nlp.lexicon import lexicon
from ingest.sources.helpers.parameters import extract_parameters

_DIGIT = re.compile(r"[0-9\u0660-\u0669\u06f0-\u06f9]")
#: Arabic-Indic and Persian digits, and the Arabic decimal separator, as ASCII.
_DIGITS = str.maketrans(
    {
        **{chr(0x0660 + i): str(i) for i in range(10)},
        **{chr(0x06F0 + i): str(i) for i in range(10)},
        "\u066b": ".",
        "\u066c": ",",
    }
)


#: "quantum computers from 34 qubits": a lower bound, as "à partir de" is in French. Not the
#: "from 7 nm to 5 nm" of a range (or a change), which the list reader reads as two bounds.
_FROM_ALONE = re.compile(
    r"(?<![\w-])from\s+(?=[0-9][0-9.,]*\s*-?[^\W\d_][\w-]*\b(?!\s*(?:to|-|–)\s*[0-9]))",
    re.IGNORECASE,
)


@cache
def _replacements(lang: str) -> tuple[tuple[re.Pattern[str], str], ...]:
    words: dict[str, str] = lexicon().get("threshold_words", {}).get(lang, {})
    out = []
    # Longest first, so "ou plus" is read before "plus de" could take part of it.
    for phrase in sorted(words, key=len, reverse=True):
        key = arabic.normalise(phrase) if lang == "ar" else phrase
        out.append((re.compile(rf"(?<!\w){re.escape(key)}(?!\w)", re.IGNORECASE), words[phrase]))
    return tuple(out)


def in_english(sentence: str, lang: str) -> str:
    """The sentence with its comparator and unit words in English (offsets not kept)."""
    text = sentence.translate(_DIGITS)
    if lang == "ar":
        text = arabic.normalise(text)
    if lang == "en":
        text = _FROM_ALONE.sub("at least ", text)
    for pattern, english in _replacements(lang):
        text = pattern.sub(f" {english} ", text)
    return text


def thresholds(sentence: str, lang: str) -> list[Parameter]:
    """The thresholds with a unit that ``sentence`` states, in order."""
    if _DIGIT.search(sentence) is None:
        return []  # most sentences: no number, no threshold
    found = extract_parameters(in_english(sentence, lang), decimal_comma=lang in ("fr", "ar"))
    return [
        p
        for p in found
        if p.unit and p.quantity != "time" and not (p.quantity == "ratio" and p.comparator == "=")
    ]


def describe(parameter: Parameter) -> str:
    """'>= 34 qubit': the claim's qualifier."""
    return f"{parameter.comparator} {parameter.value:g} {parameter.unit}"
