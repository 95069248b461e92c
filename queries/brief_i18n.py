"""The words of a harmonisation brief in English, French and Arabic: one catalogue for every
heading, table header, fixed phrase and generated sentence :mod:`queries.brief_text` writes (a
YAML file per language in ``queries/brief_catalogue/``), and how dates and percentages are
written in each language.

Terms the dashboard already chose (kinds of divergence, statuses, membership roles) are worded as
in its word tables (``api/static/words*.js``) so the brief and the screen say the same thing.
List texts are never translated: they are quoted in their own language (English for every list
held) and said to be.
Figures keep Western digits in every language, so a code or a count reads the same in all three.
"""

from __future__ import annotations

import re
from datetime import date
from importlib import resources
from typing import Any, get_args

import yaml

from graph_schema import origin_reasons
from queries.requests import Language

LANGUAGES: tuple[Language, ...] = get_args(Language)

#: The catalogue files, one per language (``queries/brief_catalogue/<lang>.yaml``).
CATALOGUE = "brief_catalogue"


def _load(lang: Language) -> dict[str, Any]:
    text = resources.files("queries").joinpath(CATALOGUE, f"{lang}.yaml").read_text("utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


#: Each language's catalogue as its file holds it, read once on import.
_CATALOGUES: dict[Language, dict[str, Any]] = {lang: _load(lang) for lang in LANGUAGES}


def _table(section: str) -> dict[str, dict[Language, str]]:
    """A section of the catalogues as key -> text per language (the English file's keys)."""
    return {
        key: {lang: _CATALOGUES[lang][section][key] for lang in LANGUAGES}
        for key in _CATALOGUES["en"][section]
    }


#: Message id -> text per language; ``{name}`` fields are filled by :func:`say`.
MESSAGES: dict[str, dict[Language, str]] = _table("messages")
#: The sentences of divergence rows (:mod:`queries.brief_reasons`), the English ones word for
#: word as :mod:`queries.divergence` and :mod:`queries.sentences` write them.
REASONS: dict[str, dict[Language, str]] = _table("reasons")
MESSAGES.update({f"r.{key}": text for key, text in REASONS.items()})
#: The same control outside the regimes listed by others with other bounds: a reason too.
MESSAGES.update({f"r.bounds.{key}": text for key, text in _table("other_bounds").items()})
#: The caveats of a comparison (:func:`queries.sentences.comparison_notes`, and two the
#: divergences add), the English ones word for word as written there.
NOTES: dict[str, dict[Language, str]] = _table("notes")
MESSAGES.update({f"n.{key}": text for key, text in NOTES.items()})
#: The group brief's sentences (:mod:`queries.gaps`) and a member state's caveat
#: (:func:`queries.sentences.comparison_notes`): the English ones are what those modules write.
SENTENCES: dict[str, dict[Language, str]] = _table("sentences")
MESSAGES.update({f"s.{key}": text for key, text in SENTENCES.items()})
#: Whether a party and its closest candidate share a country, as the ``s.party.*`` key says it.
PARTY_COUNTRIES: dict[bool | None, str] = {True: "same", False: "differ", None: "unknown"}
#: Why a national entry is the issuer's own, as the numbering says it
#: (``graph_schema.codes.hints``, ``ingest.alignment.origin``): messages keyed by their English
#: text, as gettext keys a message. The sentences written with fields are those of
#: :mod:`graph_schema.origin_reasons`, which reads the fields back (:func:`origin_in`).
ORIGINS: dict[str, dict[Language, str]] = _table("origins")
#: Added to an origin when every reason for control the list gives is anti-terrorism.
ORIGIN_AT_ONLY: dict[Language, str] = {
    lang: _CATALOGUES[lang]["origin_at_only"] for lang in LANGUAGES
}
#: Words added after the sections above (plain message ids).
MESSAGES.update(_table("more"))
#: Names of the quantities thresholds bound, keyed by the analysis's English name.
QUANTITIES: dict[str, dict[Language, str]] = _table("quantities")
#: A jurisdiction's key as running text writes it ("wassenaar" -> Wassenaar, EU -> UE).
KEYS: dict[str, dict[Language, str]] = _table("keys")
#: Kinds of divergence, as the dashboard names them.
KINDS: dict[str, dict[Language, str]] = _table("kinds")
#: Statuses of a side (divergence rows) and of a subscriber (group brief), as the dashboard
#: words them; English keeps the analysis's own ids, which the English brief has always shown.
STATUSES: dict[str, dict[Language, str]] = _table("statuses")
#: Membership roles as the sources word them (the dashboard's table).
ROLES: dict[str, dict[Language, str]] = _table("roles")
#: Month names; the Arabic ones of Modern Standard Arabic as most Arab states' official texts
#: write them.
_MONTHS: dict[Language, tuple[str, ...]] = {
    lang: tuple(_CATALOGUES[lang]["months"]) for lang in LANGUAGES
}
#: Characters that join the words of a list, per language.
_COMMA: dict[Language, str] = {lang: _CATALOGUES[lang]["comma"] for lang in LANGUAGES}
_SEMICOLON: dict[Language, str] = {lang: _CATALOGUES[lang]["semicolon"] for lang in LANGUAGES}


#: French names with their article, keyed by the name the graph gives in French
#: (``brief_catalogue/fr_articles.yaml``).
FR_ARTICLES: dict[str, str] = yaml.safe_load(
    resources.files("queries").joinpath(CATALOGUE, "fr_articles.yaml").read_text("utf-8")
)
#: French articles and what "de" and "à" make of them.
_CONTRACTIONS = (("les ", "des ", "aux "), ("le ", "du ", "au "), ("la ", "de la ", "à la "))


class Named(str):
    """A value of a sentence that may be a name, with the forms a sentence puts it in: French
    ``{j.le}`` (les États-Unis), ``{j.de}`` (des États-Unis), ``{j.à}`` (aux États-Unis), from
    :data:`FR_ARTICLES` (the bare name where it has none). Arabic needs none: its templates put
    a name in a label or after للجهة, so no particle is ever joined to a name's article."""

    __slots__ = ()

    @property
    def le(self) -> str:
        return FR_ARTICLES.get(str(self), str(self))

    @property
    def de(self) -> str:
        return self._with(1, "de ", "d'")

    @property
    def à(self) -> str:
        return self._with(2, "à ", "à ")

    def _with(self, which: int, bare: str, elided: str) -> str:
        named = self.le
        for forms in _CONTRACTIONS:
            if named.startswith(forms[0]):
                return forms[which] + named[len(forms[0]) :]
        if named.startswith("l'"):
            return bare + named
        return (elided if named[:1].lower() in "aeiouyéèêâîôû" else bare) + named


def say(lang: Language, key: str, **values: object) -> str:
    """The message ``key`` in ``lang``, its fields filled; a text field may be read in the
    forms of :class:`Named` (``{j.de}``)."""
    if lang != "en":
        values = {k: Named(v) if type(v) is str else v for k, v in values.items()}
    return MESSAGES[key][lang].format(**values)


def term(table: dict[str, dict[Language, str]], key: str, lang: Language) -> str:
    """A term of ``table`` in ``lang``; a term the table lacks is shown as its id."""
    return table.get(key, {}).get(lang, key)


def origin_in(reason: str, lang: Language) -> str | None:
    """An origin reason (:data:`ORIGINS`) in ``lang``; None when the catalogue lacks it."""
    suffix = ""
    if reason.endswith(origin_reasons.AT_ONLY):
        reason, suffix = reason.removesuffix(origin_reasons.AT_ONLY), ORIGIN_AT_ONLY[lang]
    # The sentences ingest writes with fields (graph_schema.origin_reasons), read back by the
    # same templates that wrote them.
    for sentence in origin_reasons.SENTENCES:
        values = sentence.read(reason)
        if values is not None:
            text = _origin_said(sentence, values, lang)
            return None if text is None else text + suffix
    for english, said in ORIGINS.items():
        # The message's {fields} read back as words of the reason.
        pattern = re.sub(r"\\\{(\w+)\\\}", r"(?P<\1>\\S+)", re.escape(english))
        found = re.fullmatch(pattern, reason)
        if found is not None and english.format(**found.groupdict()) == reason:
            values = {k: written(v, lang) for k, v in found.groupdict().items()}
            text = reason if lang == "en" else said[lang].format(**values)
            return text + suffix
    return None


def _origin_said(
    sentence: origin_reasons.Reason, values: dict[str, str], lang: Language
) -> str | None:
    """``sentence`` said in ``lang`` with the fields read from the English one: lists joined
    the language's way, statuses in its words, sub-sentences said too, and list words quoted
    as the list has them (the translation marks them as list text). None when the catalogue
    lacks the sentence or a word of it."""
    said = ORIGINS.get(sentence.text)
    if said is None:
        return None
    out: dict[str, str] = {}
    for name, value in values.items():
        spec = sentence.fields[name]
        if isinstance(spec, origin_reasons.Reason):
            inner = spec.read(value) if value else None
            part = _origin_said(spec, inner, lang) if inner is not None else ""
            if part is None or (value and not part):
                return None
            out[name] = part
        elif spec.joined:
            out[name] = comma(lang).join(value.split(", "))
        elif spec.status:
            if f"r.entry.{value}" not in MESSAGES:
                return None
            out[name] = say(lang, f"r.entry.{value}")
        else:
            # An issuer's key as the language writes it (EU: UE); codes are no keys.
            out[name] = written(value, lang)
    return said[lang].format(**out)


def quantity(name: str, lang: Language) -> str:
    """A threshold's quantity in ``lang``; one the catalogue lacks stays English, said so."""
    said = QUANTITIES.get(name, {}).get(lang)
    return said if said is not None else say(lang, "quantity.english", quantity=name)


def written(name: str, lang: Language) -> str:
    """A jurisdiction's key as a sentence in ``lang`` writes it (the key itself in English)."""
    return term(KEYS, name, lang)


def role(name: str, lang: Language) -> str:
    return name if lang == "en" else ROLES.get(name, {}).get(lang, name)


def day(when: date, lang: Language) -> str:
    """A date as a reader of ``lang`` writes it (2 September 2024, 2 septembre 2024)."""
    month = _MONTHS[lang][when.month - 1]
    first = "1er" if lang == "fr" and when.day == 1 else str(when.day)
    return f"{first} {month} {when.year}"


def decimal(value: float, lang: Language) -> str:
    """One decimal, with the decimal comma in French (41,3)."""
    text = f"{value:.1f}"
    return text.replace(".", ",") if lang == "fr" else text


def percent(value: float | None, lang: Language) -> str:
    """41.3%, 41,3 % (a narrow no-break space, as French typography has it), 41.3٪."""
    if value is None:
        return say(lang, "not-comparable")
    sign = {"en": "%", "fr": "\u202f%", "ar": "٪"}[lang]
    return decimal(value, lang) + sign


def comma(lang: Language) -> str:
    return _COMMA[lang]


def semicolon(lang: Language) -> str:
    return _SEMICOLON[lang]
