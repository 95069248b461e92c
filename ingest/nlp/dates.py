"""The date a claim's sentence gives, resolved to ISO form ("2017-12-08", "2019-11", "2019").

Absolute dates ("8 December 2017", "December 8, 2017", "3 novembre 2021", "7 أكتوبر 2022")
resolve alone; a day and month without a year ("July 20", "le 10 novembre dernier") and a
weekday ("on Tuesday", "mercredi", يوم الخميس) resolve against the document's date when it is
known (the last such day on or before it), else not at all; a bare year ("in 2019", "en 2019",
في عام 2019) gives the year. Unknown stays unknown: the empty string (the claim rules then
date a claim by its document, when the document's date is known).
"""

from __future__ import annotations

import re
from datetime import date, timedelta

_MONTHS = {
    "en": [
        "january", "february", "march", "april", "may", "june", "july", "august",
        "september", "october", "november", "december",
    ],
    "fr": [
        "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
        "septembre", "octobre", "novembre", "décembre",
    ],
    "ar": [
        "يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس",
        "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر",
    ],
}  # fmt: skip
# Levantine month names, as Arabic news from the Levant and Iraq writes them.
_AR_LEVANT = [
    "كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب",
    "أيلول", "تشرين الأول", "تشرين الثاني", "كانون الأول",
]  # fmt: skip
_WEEKDAYS = {
    "en": ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"],
    "fr": ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"],
    "ar": ["الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"],
}


def _month_table(lang: str) -> dict[str, int]:
    table = {name: i + 1 for i, name in enumerate(_MONTHS[lang])}
    if lang == "ar":
        table.update({name: i + 1 for i, name in enumerate(_AR_LEVANT)})
        table["إبريل"] = 4
        table["أغسطس"] = 8
    if lang == "fr":
        table.update({"fevrier": 2, "aout": 8, "decembre": 12, "1er": 0})
    return {k: v for k, v in table.items() if v}


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_COMPILED: dict[str, tuple[re.Pattern[str], ...]] = {}


def _patterns(lang: str) -> tuple[re.Pattern[str], ...]:
    if lang not in _COMPILED:
        months = _alternation(list(_month_table(lang)))
        days = _alternation(_WEEKDAYS[lang])
        day_month_year = re.compile(
            rf"\b(\d{{1,2}})(?:er)?\s+({months})\s*,?\s*(\d{{4}})?", re.IGNORECASE
        )
        month_day_year = re.compile(
            rf"\b({months})\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:\s*,\s*(\d{{4}}))?\b", re.IGNORECASE
        )
        weekday = re.compile(rf"(?<!\w)(?:ال|يوم\s+)?({days})(?!\w)", re.IGNORECASE)
        # Not a number of an act: "Regulation (EU) 2021/821", "Resolution 1540".
        year = re.compile(r"(?<![\d/])(19[5-9]\d|20[0-4]\d)(?![\d/])")
        _COMPILED[lang] = (day_month_year, month_day_year, weekday, year)
    return _COMPILED[lang]


def _on_or_before(reference: date, month: int, day: int) -> date | None:
    """The day ``day`` of ``month`` in the reference's year, or the year before when that
    falls after the reference ("le 10 novembre dernier" written in January)."""
    try:
        found = date(reference.year, month, day)
        return found if found <= reference else date(reference.year - 1, month, day)
    except ValueError:
        return None


def _day(year: str | None, month: int, day: int, reference: date | None) -> date | None:
    """The day a written date names: with its year, else by the reference, else none."""
    if year:
        try:
            return date(int(year), month, day)
        except ValueError:
            return None
    return _on_or_before(reference, month, day) if reference is not None else None


def resolve_date(sentence: str, lang: str, reference: date | None = None) -> str:
    """The date ``sentence`` gives, as ISO text ("" when it gives none that resolves)."""
    if lang not in _MONTHS:
        return ""
    months = _month_table(lang)
    day_month_year, month_day_year, weekday, year = _patterns(lang)
    written = [
        (int(m.group(1)), months[m.group(2).lower()], m.group(3))
        for m in day_month_year.finditer(sentence)
    ]
    if lang == "en":  # "December 8, 2017"
        written += [
            (int(m.group(2)), months[m.group(1).lower()], m.group(3))
            for m in month_day_year.finditer(sentence)
        ]
    for day, month, in_year in written:
        if (found := _day(in_year, month, day, reference)) is not None:
            return found.isoformat()
    if reference is not None and (day_name := weekday.search(sentence)):
        target = [d.lower() for d in _WEEKDAYS[lang]].index(day_name.group(1).lower())
        back = (reference.weekday() - target) % 7
        return (reference - timedelta(days=back)).isoformat()
    if bare := year.search(sentence):
        return bare.group(1)
    return ""
