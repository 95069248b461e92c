"""Per-language spaCy pipelines built offline from ``spacy.blank(lang)`` and the graph.

Each pipeline has a name matcher: two phrase matchers whose patterns come from
:mod:`ingest.nlp.lexicon`, one on exact spellings (proper names, acronyms, party names: "US" is
not "us"), the other on the token NORM (case-insensitive in English and French; in Arabic the
normalised form, see :mod:`ingest.nlp.arabic`), of whose overlapping matches the longest are
kept as the entities (``doc.spans["entities"]``). A phrase matcher marks claim trigger words.
No model is downloaded or loaded.

:class:`Analyzer` runs a pipeline on a text and returns the mentions linked to graph nodes and
the claims found (:mod:`ingest.nlp.claims`).
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date
from typing import Any, TypeVar

import networkx as nx
import spacy
from spacy.attrs import NORM  # type: ignore[import-not-found]
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import compile_prefix_regex

from graph_schema.codes import CodeError, parse_code, wassenaar_equivalent
from ingest.nlp import arabic
from ingest.nlp.claims import extract_claims
from ingest.nlp.language import SUPPORTED
from ingest.nlp.lexicon import Pattern, lexicon, patterns
from ingest.nlp.official import Official
from ingest.nlp.types import TRIGGER_KEY, Analysis, ClaimDraft, Marker, Mention

_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})

# Control codes as lists write them: ECCN style 5A001.j, Wassenaar 5.A.1.j, ML10.a. Found by
# one regular expression over the text: cheaper than a token pattern tried at every token.
CODE_RE = re.compile(
    r"(?<![\w.])(?:[0-9][A-E][0-9]{3}(?:\.[a-z0-9]{1,3})*|[1-9]\.[A-E]\.[0-9]{1,2}"
    r"(?:\.[a-z0-9]{1,3})*|ML[0-9]{1,2}(?:\.[a-z](?:\.[0-9]{1,2})?)?)(?![\w])"
)


def latin_norm(text: str) -> str:
    return text.translate(_QUOTES).lower()


def _set_norm(nlp: Language, fn: Callable[[str], str]) -> None:
    nlp.vocab.lex_attr_getters[NORM] = fn  # type: ignore[attr-defined]
    # Lexemes created before the getter was set (tokenizer exceptions) get it too.
    for lex in nlp.vocab:
        lex.norm_ = fn(lex.orth_)


#: Texts longer than this are analysed in pieces (spaCy's own limit is 1,000,000 characters).
PIECE_CHARS = 200_000


def pieces(text: str, size: int) -> Iterator[tuple[int, str]]:
    """``(offset, piece)``: ``text`` cut into pieces of at most ``size`` characters, at a
    paragraph end where there is one, else a line end, else a space, else anywhere."""
    start = 0
    while start < len(text):
        end = min(start + size, len(text))
        if end < len(text):
            window = text[start:end]
            for sep in ("\n\n", "\n", " "):
                cut = window.rfind(sep)
                if cut > size // 2:
                    end = start + cut + len(sep)
                    break
        yield start, text[start:end]
        start = end


_Span = TypeVar("_Span", Mention, Marker)


def _moved(span: _Span, chars: int, tokens: int) -> _Span:
    """A span of one piece, placed in the whole text."""
    return replace(
        span,
        start=span.start + chars,
        end=span.end + chars,
        token_start=span.token_start + tokens,
        token_end=span.token_end + tokens,
    )


ENTITY_KEY = "entities"


def _entity_mention(ent: Span, node: str, kind: str, text: str) -> Mention:
    """The mention of ``node`` an entity span of the pipeline stands for (``text``: the
    document's; slicing it is cheaper than ``ent.text``, which joins the span's tokens)."""
    start, end = ent.start_char, ent.end_char
    return Mention(start, end, text[start:end], node, ent.label_, kind, ent.start, ent.end)


def build_pipeline(lang: str, pats: list[Pattern]) -> Language:
    """A blank pipeline for ``lang``: the name matcher (two phrase matchers with the graph's
    patterns, the longest of overlapping matches kept as the document's entities) and the
    trigger matcher."""
    if lang not in SUPPORTED:
        raise ValueError(f"no pipeline for language {lang!r} (supported: {', '.join(SUPPORTED)})")
    nlp = spacy.blank(lang)
    _set_norm(nlp, arabic.normalise if lang == "ar" else latin_norm)
    nlp.tokenizer = fresh_tokenizer(lang, nlp)
    names = NameMatcher(nlp)
    for p in pats:
        names.add(p)
    names.compile(nlp.tokenizer)
    nlp.add_pipe("harmonia_names", config={})
    nlp.get_pipe("harmonia_names").matcher = names  # type: ignore[attr-defined]
    triggers = PhraseMatcher(nlp.vocab, attr="NORM")
    for family, by_lang in lexicon()["triggers"].items():
        words = by_lang.get(lang, [])
        phrases = arabic.all_variants(words) if lang == "ar" else words
        triggers.add(family, list(nlp.tokenizer.pipe(phrases)))
    nlp.add_pipe("harmonia_triggers", config={})
    nlp.get_pipe("harmonia_triggers").matcher = triggers  # type: ignore[attr-defined]
    # Tokenising tens of thousands of distinct patterns leaves the tokenizer's cache so full
    # that it runs ten times slower on ordinary text; documents get a fresh tokenizer.
    nlp.tokenizer = fresh_tokenizer(lang, nlp)
    return nlp


class NameMatcher:
    """The entities of a document: the matches of two phrase matchers, one on exact spellings
    (ORTH), one on the token NORM; of overlapping matches the longest wins, and at equal length
    an exact-spelling match beats a normalised one (then the earlier, then the one spaCy's
    span order puts first). Matches stay integer tuples until chosen: building a Span for
    every candidate (as spaCy's span ruler does) cost more than the matching."""

    def __init__(self, nlp: Language) -> None:
        self.strings = nlp.vocab.strings
        self.matchers = (
            PhraseMatcher(nlp.vocab, attr="ORTH"),
            PhraseMatcher(nlp.vocab, attr="NORM"),
        )
        self._rows: tuple[dict[str, list[str]], dict[str, list[str]]] = ({}, {})
        # A match key's (label, id) hashes: what a Span of that match would carry.
        self._ids: dict[int, tuple[int, int]] = {}

    def add(self, pattern: Pattern) -> None:
        key = repr((pattern.label, pattern.ident))
        self._ids[self.strings.add(key)] = (
            self.strings.add(pattern.label),
            self.strings.add(pattern.ident),
        )
        self._rows[0 if pattern.cased else 1].setdefault(key, []).append(pattern.text)

    def compile(self, tokenizer: Any) -> None:
        for rows, matcher in zip(self._rows, self.matchers, strict=True):
            keys = [k for k, texts in rows.items() for _ in texts]
            texts = [t for texts in rows.values() for t in texts]
            for key, pattern in zip(keys, tokenizer.pipe(texts), strict=True):
                matcher.add(key, [pattern])
        self._rows = ({}, {})

    def __call__(self, doc: Doc) -> Doc:
        candidates: list[tuple[int, int, int, int, int, int]] = []
        for rank, matcher in enumerate(self.matchers):
            # spaCy's span order (start, end, label, id), duplicates dropped.
            found = sorted({(s, e, *self._ids[m]) for m, s, e in matcher(doc) if s != e})
            candidates += [(s - e, rank, s, e, label, ident) for s, e, label, ident in found]
        # Stable: among equal (length, rank, start) the span order above decides.
        candidates.sort(key=lambda c: c[:3])
        taken = bytearray(len(doc))
        chosen: list[tuple[int, int, int, int]] = []
        for _, _, start, end, label, ident in candidates:
            if any(taken[start:end]):
                continue
            taken[start:end] = b"\x01" * (end - start)
            chosen.append((start, end, label, ident))
        chosen.sort()
        # Kept in doc.spans only: setting doc.ents as well would cost more than the merge.
        doc.spans[ENTITY_KEY] = [Span(doc, s, e, label=lb, span_id=i) for s, e, lb, i in chosen]
        return doc


class _NameStep:
    def __init__(self) -> None:
        self.matcher: NameMatcher | None = None

    def __call__(self, doc: Doc) -> Doc:
        return self.matcher(doc) if self.matcher is not None else doc


@Language.factory("harmonia_names")
def _make_names(nlp: Language, name: str) -> _NameStep:
    return _NameStep()


def fresh_tokenizer(lang: str, nlp: Language) -> Any:
    """A tokenizer for ``lang`` on ``nlp``'s vocabulary, with an empty cache."""
    tokenizer: Any = spacy.blank(lang, vocab=nlp.vocab).tokenizer
    if lang == "ar":
        # Split a proclitic stuck to an opening quote or bracket: و"قمة -> و " قمة.
        prefixes = [r"[وفبلك](?=[\"“«'(])", *(nlp.Defaults.prefixes or [])]
        tokenizer.prefix_search = compile_prefix_regex(prefixes).search
    return tokenizer


class TriggerMarker:
    """Marks claim trigger words in ``doc.spans['triggers']`` (label = predicate family)."""

    def __init__(self) -> None:
        self.matcher: PhraseMatcher | None = None

    def __call__(self, doc: Doc) -> Doc:
        if self.matcher is not None:
            doc.spans[TRIGGER_KEY] = [Span(doc, s, e, label=m) for m, s, e in self.matcher(doc)]
        return doc


@Language.factory("harmonia_triggers")
def _make_triggers(nlp: Language, name: str) -> TriggerMarker:
    return TriggerMarker()


# --- sentences ------------------------------------------------------------------------------

_BOUNDARY = re.compile(r"[.!?؟](?=[\"'”’)\]]?\s)|\n")
_ABBREV = re.compile(
    r"(?:\b(?:[A-Za-z]\.){1,3}[A-Za-z]|\b(?:Mr|Mrs|Ms|Dr|St|No|Inc|Ltd|Co|Corp|Jr|Sr|vs|etc|Dept|Gov|"
    r"Pte|PTE|LTD|CO|INC|M|Mme|art|Art|al|e\.g|i\.e))\.$"
)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentence boundaries by punctuation and line breaks (regex: no per-token Python work).

    A full stop after an abbreviation (U.S., Mr., Co.) does not end a sentence. (The dotted
    form needs its last letter before the final stop: "U.S." is "U." + "S" + ".".)
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        end = match.end()
        if match.group() == ".":
            before = text[max(start, end - 8) : end]
            if _ABBREV.search(before):
                continue
        if text[start:end].strip():
            spans.append((start, end))
        start = end
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans


# --- analysis -------------------------------------------------------------------------------


class Analyzer:
    """Mentions and claims for texts in ar, en and fr, against one graph.

    Pipelines are built on first use of each language (building one tokenises tens of thousands
    of patterns, about a second).
    """

    def __init__(self, graph: nx.MultiDiGraph) -> None:
        self.graph = graph
        self._pipelines: dict[str, Language] = {}
        self._codes: dict[str, list[str]] | None = None
        self._official: Official | None = None
        self._established_by: dict[str, set[str]] = {}
        for u, v, d in graph.edges(data=True):
            if d.get("type") == "ESTABLISHES":
                self._established_by.setdefault(v, set()).add(u)

    @property
    def official(self) -> Official:
        if self._official is None:
            self._official = Official(self.graph)
        return self._official

    def pipeline(self, lang: str) -> Language:
        if lang not in self._pipelines:
            self._pipelines[lang] = build_pipeline(lang, patterns(self.graph, lang))
        return self._pipelines[lang]

    # control codes ------------------------------------------------------------------------

    def _code_index(self) -> dict[str, list[str]]:
        if self._codes is None:
            index: dict[str, list[str]] = {}
            for node, attrs in self.graph.nodes(data=True):
                if attrs.get("label") == "ControlEntry":
                    index.setdefault(attrs["canonical"], []).append(node)
            self._codes = index
        return self._codes

    def resolve_code(self, written: str) -> str | None:
        """The entry a written code names: the Wassenaar entry when the code is Wassenaar's,
        otherwise the first list (by id) holding that canonical code."""
        try:
            code = parse_code(written)
        except CodeError:
            return None
        index = self._code_index()
        wassenaar = [n for n in index.get(code.canonical, []) if n.startswith("entry:wassenaar")]
        if wassenaar:
            return sorted(wassenaar)[-1]  # latest edition
        equivalent = wassenaar_equivalent(code)
        if equivalent:
            found = [n for n in index.get(equivalent, []) if n.startswith("entry:wassenaar")]
            if found:
                return sorted(found)[-1]
        candidates = index.get(code.canonical, [])
        return sorted(candidates)[0] if candidates else None

    # main ---------------------------------------------------------------------------------

    def analyse(
        self, text: str, lang: str, *, keep_doc: bool = False, published: date | None = None
    ) -> Analysis:
        """Mentions and claims of ``text``; ``published`` (the document's date, when known)
        resolves the claims' relative dates ("on Tuesday", "le 10 novembre dernier")."""
        if len(text) > PIECE_CHARS and not keep_doc:
            return self._analyse_in_pieces(text, lang, published)
        return self._analyse(text, lang, keep_doc=keep_doc, published=published)

    def _analyse_in_pieces(self, text: str, lang: str, published: date | None) -> Analysis:
        """A long report (spaCy refuses texts over ``nlp.max_length``, and its memory grows with
        the text) is read piece by piece, cut at paragraph or line ends, with every offset
        moved back into the whole text's."""
        parts: list[Analysis] = []
        offsets: list[int] = []
        for start, piece in pieces(text, PIECE_CHARS):
            parts.append(self._analyse(piece, lang, published=published))
            offsets.append(start)
        mentions: list[Mention] = []
        markers: list[Marker] = []
        claims: list[ClaimDraft] = []
        sentences: list[tuple[int, int]] = []
        tokens = 0
        for part, start in zip(parts, offsets, strict=True):
            mentions.extend(_moved(m, start, tokens) for m in part.mentions)
            markers.extend(_moved(m, start, tokens) for m in part.markers)
            claims.extend(replace(c, start=c.start + start, end=c.end + start) for c in part.claims)
            sentences.extend((a + start, b + start) for a, b in part.sentences)
            tokens += part.tokens
        actors = Counter(p.main_actor for p in parts if p.main_actor is not None)
        return Analysis(
            language=lang,
            mentions=mentions,
            markers=markers,
            claims=claims,
            sentences=sentences,
            tokens=tokens,
            main_actor=actors.most_common(1)[0][0] if actors else None,
            published=published,
        )

    def _analyse(
        self, text: str, lang: str, *, keep_doc: bool = False, published: date | None = None
    ) -> Analysis:
        nlp = self.pipeline(lang)
        doc = nlp(text)
        mentions: list[Mention] = []
        markers: list[Marker] = []
        generic: list[Span] = []
        for ent in doc.spans[ENTITY_KEY]:
            label = ent.label_
            if label == "Ignore":
                continue
            node, _, kind = ent.id_.partition("|")
            if label in ("List", "GovRef", "RegimeRef"):
                start, end = ent.start_char, ent.end_char
                markers.append(Marker(start, end, text[start:end], label, node, ent.start, ent.end))
                continue
            if kind in ("generic", "abbreviation"):
                generic.append(ent)
                continue
            mentions.append(_entity_mention(ent, node, kind, text))
        for match in CODE_RE.finditer(text):
            resolved = self.resolve_code(match.group())
            span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
            if resolved is not None and span is not None:
                mentions.append(
                    Mention(
                        match.start(),
                        match.end(),
                        match.group(),
                        resolved,
                        "ControlEntry",
                        "code",
                        span.start,
                        span.end,
                    )
                )
        # "code of conduct" names a code only if the document names the regime behind it;
        # "AG" names the Australia Group only in a document that names it in full.
        named = {m.node for m in mentions}
        for ent in generic:
            node, _, kind = ent.id_.partition("|")
            if kind == "abbreviation" and node in named:
                mentions.append(_entity_mention(ent, node, "name", text))
            elif kind == "generic" and self._established_by.get(node, set()) & named:
                mentions.append(_entity_mention(ent, node, "generic", text))
        mentions.sort(key=lambda m: m.start)
        actors = Counter(
            m.node for m in mentions if m.label == "Country" and m.kind in ("name", "government")
        )
        main_actor = actors.most_common(1)[0][0] if actors else None
        sentences = sentence_spans(text)
        analysis = Analysis(
            language=lang,
            mentions=mentions,
            markers=markers,
            claims=[],
            sentences=sentences,
            tokens=len(doc),
            main_actor=main_actor,
            doc=doc if keep_doc else None,
            published=published,
        )
        analysis.claims = extract_claims(doc, text, analysis, self.official)
        return analysis


def sentence_of(sentences: list[tuple[int, int]], offset: int) -> int:
    """Index of the sentence containing character ``offset``."""
    starts = [s for s, _ in sentences]
    return max(0, bisect.bisect_right(starts, offset) - 1)
