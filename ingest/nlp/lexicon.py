"""Entity-ruler patterns generated from the graph, per language.

Countries: every Country node's names (CLDR through Babel, the ISO 3166 translations in
pycountry, the node's own names and aliases) plus the demonyms and government phrases of
``lexicon.yaml``. Regimes: names and aliases per language. Codes of conduct: short name and
title, and the generic "code of conduct" phrases. Technologies: labels and synonyms. Parties:
names and aliases of listed parties, with corporate suffixes dropped, and the translations of
``lexicon.yaml``. Arabic patterns are normalised and get their proclitic variants.

A pattern's id is ``<node id>|<kind>``; kind is ``name``, ``demonym``, ``government``,
``generic`` (code-of-conduct phrases linked later), ``abbreviation`` (a regime's ambiguous short
form, kept when the document names the regime), ``list`` (a screening list, not a node)
or ``govref`` (a reference to "the government", used only by claims).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources
from typing import Any

import networkx as nx
import yaml

from ingest.nlp import arabic

LANGUAGES = ("en", "fr", "ar")

# Suffixes that companies drop when named in prose.
_CORPORATE = re.compile(
    r"[,.]?\s+(?:co\.?,?\s*ltd\.?|company\s+limited|co\.|ltd\.?|limited|inc\.?|llc|l\.l\.c\.|"
    r"corp\.?|corporation|gmbh|s\.?a\.?|ag|plc|pte\.?(?:\s+ltd\.?)?|jsc|ojsc|pjsc|ooo|oao|"
    r"zao|fze|fzco|llp|b\.v\.|n\.v\.)\s*$",
    re.IGNORECASE,
)
_PAREN = re.compile(r"\s*\(([^()]*)\)\s*")
_AFFILIATE = "Affiliated Entity:"
#: Party kinds whose names are too generic to match in prose when they are a single word.
_GENERIC_KINDS = {"vessel", "aircraft"}


@dataclass(frozen=True)
class Pattern:
    label: str  # node label, or "List" / "GovRef"
    text: str
    node: str
    kind: str = "name"
    cased: bool = True  # match the exact spelling (ORTH) rather than the normalised form

    @property
    def ident(self) -> str:
        return f"{self.node}|{self.kind}"


@cache
def lexicon() -> dict[str, Any]:
    text = resources.files("ingest.nlp").joinpath("lexicon.yaml").read_text("utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


def _babel_names(lang: str) -> dict[str, str]:
    try:
        from babel import Locale
    except ImportError:  # Babel is optional: pycountry and the graph still give names
        return {}
    territories: dict[str, str] = dict(Locale(lang).territories)
    return {code: name for code, name in territories.items() if len(code) == 2}


def _split_name(name: str) -> list[str]:
    """'Myanmar (Burma)' -> ['Myanmar (Burma)', 'Myanmar', 'Burma']; 'Korea, Republic of' kept
    only when it has no comma (the inverted ISO form never occurs in prose)."""
    out = [name]
    inner = _PAREN.findall(name)
    if inner:
        out.append(_PAREN.sub(" ", name).strip())
        out.extend(inner)
    return [n.strip() for n in out if n.strip() and "," not in n and "،" not in n]


def _is_acronym(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters) and len(text) <= 8


def country_patterns(graph: nx.MultiDiGraph, lang: str) -> Iterator[Pattern]:
    extra = lexicon().get("countries", {})
    babel = _babel_names(lang)
    for node, attrs in graph.nodes(data=True):
        if attrs.get("label") != "Country":
            continue
        iso2 = attrs["iso2"]
        names: set[str] = set()
        names_by_lang = attrs.get("names") or {}
        if names_by_lang.get(lang):
            names.add(names_by_lang[lang])
        if lang == "en":
            names.add(attrs["name"])
            names.update(a for a in attrs.get("aliases") or [] if not _is_acronym(a))
        if iso2 in babel:
            names.add(babel[iso2])
        info = extra.get(iso2, {})
        names.update((info.get("names") or {}).get(lang, []))
        for name in sorted({n for raw in names for n in _split_name(raw)}):
            if len(name) >= 3 or name in (info.get("names") or {}).get(lang, []):
                yield Pattern("Country", name, node)
        for demonym in (info.get("demonyms") or {}).get(lang, []):
            if lang == "ar":
                for form in arabic.nisba_forms(demonym):
                    yield Pattern("Country", form, node, "demonym")
            else:
                yield Pattern("Country", demonym, node, "demonym")
                if demonym[0].islower():
                    yield Pattern("Country", demonym.capitalize(), node, "demonym")
            # "the German government", "le gouvernement allemand", الحكومة الألمانية.
            for phrase in _government_phrases(demonym, lang):
                yield Pattern("Country", phrase, node, "government", cased=lang != "ar")
        for phrase in (info.get("government") or {}).get(lang, []):
            yield Pattern("Country", phrase, node, "government")


def _government_phrases(demonym: str, lang: str) -> list[str]:
    if lang == "en":
        return [f"{demonym} government", f"{demonym} Government", f"{demonym} administration"]
    if lang == "fr":
        return [f"gouvernement {demonym}", f"administration {demonym}", f"autorités {demonym}"]
    feminine = "ال" + arabic.normalise(demonym) + "ه"
    return [f"الحكومه {feminine}", f"الاداره {feminine}", f"السلطات {feminine}"]


def regime_patterns(graph: nx.MultiDiGraph, lang: str) -> Iterator[Pattern]:
    extra = lexicon().get("regimes", {})
    for node, attrs in graph.nodes(data=True):
        label = attrs.get("label")
        if label == "Regime":
            names = {(attrs.get("names") or {}).get(lang, "")}
            names.update((attrs.get("aliases") or {}).get(lang, []))
            if lang == "en":
                names.update((attrs["short_name"], attrs["name"]))
            # Acronyms travel: an Arabic or French text may write ECHRI or MTCR.
            names.update(a for a in (attrs.get("aliases") or {}).get("en", []) if _is_acronym(a))
            info = extra.get(node.removeprefix("regime:"), {})
            names.update((info.get("names") or {}).get(lang, []))
            for name in sorted(n for n in names if n):
                yield Pattern("Regime", name, node)
            for demonym in (info.get("demonyms") or {}).get(lang, []):
                yield Pattern("Regime", demonym, node, "demonym")
            for short in (info.get("abbreviations") or {}).get(lang, []):
                yield Pattern("Regime", short, node, "abbreviation")
        elif label == "CodeOfConduct":
            if lang == "en":
                for name in (attrs.get("short_name", ""), " ".join(attrs.get("title", "").split())):
                    if name:
                        yield Pattern("CodeOfConduct", name, node)
            for phrase in lexicon().get("codes_of_conduct_generic", {}).get(lang, []):
                yield Pattern("CodeOfConduct", phrase, node, "generic", cased=False)


def technology_patterns(graph: nx.MultiDiGraph, lang: str) -> Iterator[Pattern]:
    for node, attrs in graph.nodes(data=True):
        if attrs.get("label") != "Technology":
            continue
        phrases = {(attrs.get("labels") or {}).get(lang, "")}
        phrases.update((attrs.get("synonyms") or {}).get(lang, []))
        extra = (lexicon().get("technologies") or {}).get(node.removeprefix("tech:"), {})
        phrases.update(extra.get(lang, []))
        for phrase in sorted(p for p in phrases if p):
            # Acronyms (AI, UAV, HBM) only in capitals; phrases in any case.
            yield Pattern("Technology", phrase, node, cased=_is_acronym(phrase))


def party_forms(name: str) -> list[str]:
    """Surface forms of a listed party's name: as listed, without the parenthesised short name,
    without corporate suffixes, and the short name itself ('... Co., Ltd. (Huawei)')."""
    if _AFFILIATE in name:
        name = name.split(_AFFILIATE, 1)[1]
    forms = []
    for part in _split_name(name.strip()):
        forms.append(part)
        stripped = part
        for _ in range(2):
            stripped = _CORPORATE.sub("", stripped).strip(" ,.")
        forms.append(stripped)
    return [f for f in dict.fromkeys(forms) if f]


def _usable_party_form(form: str, kind: str, common: frozenset[str]) -> bool:
    """Whether a party's name form is specific enough to match in prose.

    Vessels and aircraft carry ordinary words as names (HOPE, DOLPHIN) and are left out; so
    are one-word forms of persons, short one-word forms, and one-word forms that are ordinary
    words of the graph's own texts (a party called "Global") or names of countries.
    """
    if kind in _GENERIC_KINDS:
        return False
    if form.lower() in common:
        return False
    words = form.split()
    if len(words) >= 2:
        return True
    return kind != "individual" and len(form) >= 4 and not form.islower()


def common_words(graph: nx.MultiDiGraph) -> frozenset[str]:
    """Lower-cased words of the graph's entry texts and names of countries and regimes: a
    one-word party name equal to one of them would match ordinary prose."""
    words: set[str] = set()
    for _, attrs in graph.nodes(data=True):
        label = attrs.get("label")
        if label == "ControlEntry":
            words.update(
                re.findall(r"[a-z]+", f"{attrs.get('heading', '')} {attrs.get('text', '')}".lower())
            )
        elif label in ("Country", "Regime"):
            names = [attrs.get("name", ""), attrs.get("short_name", "")]
            names += list((attrs.get("names") or {}).values())
            names += [a for a in attrs.get("aliases") or [] if isinstance(a, str)]
            words.update(n.lower() for n in names if n)
    for lang in LANGUAGES:
        words.update(n.lower() for n in _babel_names(lang).values())
    # The lexicon's own country names, capitals and demonyms ("Beijing", "U.K."): a party
    # named the same ("Huawei Cloud Beijing" gives "Beijing") would take the country's place.
    for info in (lexicon().get("countries") or {}).values():
        for field in ("names", "demonyms", "government"):
            for forms in (info.get(field) or {}).values():
                words.update(f.lower() for f in forms)
    return frozenset(words)


#: A one-word form that begins this many differently named parties is a place or a group
#: prefix ("Shenzhen ...", "Qingdao ...", "World ..."), not a name.
PREFIX_PARTIES = 5


def name_prefixes(graph: nx.MultiDiGraph) -> frozenset[str]:
    """First words shared by at least :data:`PREFIX_PARTIES` distinct party names."""
    seen: dict[str, set[str]] = defaultdict(set)
    for _, attrs in graph.nodes(data=True):
        if attrs.get("label") == "Party":
            words = str(attrs.get("name", "")).split()
            if len(words) >= 2:
                seen[words[0].lower()].add(" ".join(words[:2]).lower())
    return frozenset(w for w, names in seen.items() if len(names) >= PREFIX_PARTIES)


def party_patterns(graph: nx.MultiDiGraph, lang: str) -> Iterator[Pattern]:
    """One pattern per surface form; a form shared by several parties goes to the one most
    likely meant (its own name rather than an affiliate's, on the Entity List, shortest)."""
    candidates: dict[str, list[tuple[tuple[int, int, int, str], str]]] = defaultdict(list)
    by_name: dict[str, str] = {}
    common = common_words(graph) | name_prefixes(graph)
    for node, attrs in graph.nodes(data=True):
        if attrs.get("label") != "Party":
            continue
        name = attrs["name"]
        kind = attrs.get("kind", "entity")
        on_entity_list = any("Entity List" in x for x in attrs.get("lists") or [])
        # Two records of one name (the Entity List's and another list's): the lexicon's
        # translations go to the Entity List's, as the name's own forms do.
        if on_entity_list or name not in by_name:
            by_name[name] = node
        for i, raw in enumerate([name, *(attrs.get("aliases") or [])]):
            affiliate = _AFFILIATE in raw
            for form in party_forms(raw):
                if not _usable_party_form(form, kind, common):
                    continue
                rank = (int(affiliate), int(not on_entity_list), int(i > 0) + len(name), node)
                candidates[form].append((rank, node))
                if affiliate:
                    # The parent named before "Affiliated Entity" gets its own forms.
                    parent = raw.split(_AFFILIATE, 1)[0].strip(" .")
                    for pform in party_forms(parent):
                        if _usable_party_form(pform, kind, common):
                            candidates[pform].append(((1, 1, 999, node), node))
    for form, ranked in candidates.items():
        yield Pattern("Party", form, min(ranked)[1])
    for listed_name, translations in (lexicon().get("parties") or {}).items():
        node = by_name.get(listed_name)
        if node is None:
            continue
        for form in translations.get(lang, []):
            yield Pattern("Party", form, node)


def list_patterns(lang: str) -> Iterator[Pattern]:
    for entry in lexicon().get("lists", []):
        for name in entry["names"].get(lang, []):
            yield Pattern("List", name, entry["list_name"], "list", cased=_is_acronym(name))


def govref_patterns(lang: str) -> Iterator[Pattern]:
    for phrase in lexicon().get("government_references", {}).get(lang, []):
        yield Pattern("GovRef", phrase, "govref", "govref")


def regimeref_patterns(lang: str) -> Iterator[Pattern]:
    for phrase in lexicon().get("regime_references", {}).get(lang, []):
        yield Pattern("RegimeRef", phrase, "regimeref", "regimeref")


def ignore_patterns(lang: str) -> Iterator[Pattern]:
    for phrase in lexicon().get("non_mentions", {}).get(lang, []):
        yield Pattern("Ignore", phrase, "ignore", "ignore", cased=False)


def list_issuers() -> dict[str, str]:
    return {e["list_name"]: e["issuer"] for e in lexicon().get("lists", [])}


def patterns(graph: nx.MultiDiGraph, lang: str) -> list[Pattern]:
    """Every pattern for one language, Arabic ones expanded with their proclitic variants."""
    out: list[Pattern] = []
    for gen in (
        country_patterns(graph, lang),
        regime_patterns(graph, lang),
        technology_patterns(graph, lang),
        party_patterns(graph, lang),
        list_patterns(lang),
        govref_patterns(lang),
        regimeref_patterns(lang),
        ignore_patterns(lang),
    ):
        out.extend(gen)
    if lang != "ar":
        # Exact-spelling patterns see the apostrophe as typed: news prints "l’homme" where
        # the graph and the lexicon write "l'homme".
        curly = [
            replace(p, text=p.text.replace("'", "’")) for p in out if p.cased and "'" in p.text
        ]
        return list(dict.fromkeys(out + curly))
    # Arabic articles quote English (a tweet, a report's title): its names count too.
    names = ("Country", "Regime", "Technology")
    out.extend(
        p
        for gen in (
            country_patterns(graph, "en"),
            regime_patterns(graph, "en"),
            technology_patterns(graph, "en"),
            ignore_patterns("en"),
        )
        for p in gen
        if p.label in names or p.label == "Ignore"
    )
    expanded: list[Pattern] = []
    for p in out:
        if arabic.has_arabic(p.text):
            expanded.extend(
                Pattern(p.label, v, p.node, p.kind, cased=False)
                for v in arabic.phrase_variants(p.text)
            )
        else:
            expanded.append(p)
    return list(dict.fromkeys(expanded))
