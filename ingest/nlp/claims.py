"""Claims: relations a sentence asserts between nodes it mentions.

Rules per predicate family, each keyed by trigger words of ``lexicon.yaml`` found in the same
sentence as the nodes they relate:

- ``join`` / ``subscribe`` + a regime or initiative -> ``member_of``; + a code of conduct ->
  ``subscribes_to``. Subjects: the countries (or the EU) the sentence names as actors.
- ``list`` + a listed party, with a list name in the sentence or the one before ->
  ``lists_party`` (qualifier: the list). Subject: an actor, else "the Administration" read as
  the document's main government, else the list's issuer.
- ``control`` + a technology -> ``controls``.
- ``partner`` + an export-control word in the sentence -> ``partners_with`` between the actor
  before the trigger and each country after it ("partnership with A, B and C"), or among the
  countries after it ("talks between A and B").

A country is not an actor when a word such as "to", "against", "like", "ضد", "contre" stands
right before it (or before the first of a coordinated list it belongs to), nor when it is a
possessive before a party ("Russia's Positive Technologies"), nor when it is a demonym.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from dataclasses import replace

from spacy.tokens import Doc

from graph_schema.model import ClaimPredicate
from ingest.nlp import arabic
from ingest.nlp.lexicon import lexicon, list_issuers
from ingest.nlp.official import Official
from ingest.nlp.types import TRIGGER_KEY, Analysis, ClaimDraft, Marker, Mention

BASE_CONFIDENCE = {"join": 0.8, "subscribe": 0.85, "list": 0.8, "control": 0.7, "partner": 0.65}
_DETERMINERS = {"the", "a", "an", "le", "la", "les", "l'", "un", "une", "both"}
_COORDINATION = {",", "،", "and", "et", "or", "ou", "و", "او", "as", "well", "both", *_DETERMINERS}
_BETWEEN = ("between", "entre", "بين", "التباحث")
_INCLUSIVE = {("addition", "to"), ("outre", ""), ("إضافة", "إلى")}


def _norm(text: str, lang: str) -> str:
    return arabic.normalise(text) if lang == "ar" else text.lower()


class _Sentence:
    def __init__(
        self,
        doc: Doc,
        lang: str,
        mentions: list[Mention],
        markers: list[Marker],
    ) -> None:
        self.doc = doc
        self.lang = lang
        self.mentions = mentions
        self.markers = markers
        blockers = {_norm(w, lang) for w in lexicon()["non_subject_markers"].get(lang, [])}
        self.blocked: dict[Mention, bool] = {}
        previous: Mention | None = None
        for m in mentions:
            if not self._is_actor(m):
                continue
            coordinated = previous is not None and self._coordinated(previous, m)
            if coordinated and previous is not None:
                self.blocked[m] = self.blocked[previous]
            else:
                self.blocked[m] = self._preceded_by(m, blockers)
            if self._possessive(m):
                self.blocked[m] = True
            previous = m

    @staticmethod
    def _is_actor(m: Mention) -> bool:
        if m.label == "Country":
            return m.kind in ("name", "government")
        return m.node == "regime:eu" and m.kind == "name"

    def _coordinated(self, a: Mention, b: Mention) -> bool:
        gap = self.doc[a.token_end : b.token_start]
        if len(gap) > 4:
            return False
        return all(t.norm_ in _COORDINATION for t in gap)

    def _preceded_by(self, m: Mention, blockers: set[str]) -> bool:
        i = m.token_start - 1
        while i >= 0 and self.doc[i].norm_ in _DETERMINERS:
            i -= 1
        if i < 0:
            return False
        word = self.doc[i].norm_
        before = self.doc[i - 1].norm_ if i >= 1 else ""
        if (before, word) in _INCLUSIVE:
            return False
        return word in blockers

    def _possessive(self, m: Mention) -> bool:
        nxt = m.token_end
        return nxt < len(self.doc) and self.doc[nxt].norm_ in ("'s", "’s")

    def actors(self) -> list[Mention]:
        return [m for m in self.mentions if m in self.blocked]

    def subjects(self) -> list[Mention]:
        return [m for m in self.actors() if not self.blocked[m]]


class _Collector:
    """Adds the claims of one sentence, each once, judged against the official data."""

    def __init__(
        self,
        sentence: str,
        start: int,
        end: int,
        official: Official,
        seen: set[tuple[str, str, str, int]],
        drafts: list[ClaimDraft],
        govrefs: list[Marker],
        main_actor: str | None,
    ) -> None:
        self.sentence, self.start, self.end = sentence, start, end
        self.official, self.seen, self.drafts = official, seen, drafts
        self.govrefs, self.main_actor = govrefs, main_actor
        self.long = len(sentence) > 400

    def add(
        self,
        subject: str,
        subject_text: str,
        predicate: ClaimPredicate,
        obj: Mention,
        family: str,
        penalty: float = 0.0,
        qualifier: str = "",
    ) -> None:
        if subject == obj.node:
            return
        key = (subject, predicate, obj.node, self.start)
        if key in self.seen:
            return
        self.seen.add(key)
        confidence = BASE_CONFIDENCE[family] - penalty - (0.1 if self.long else 0.0)
        draft = ClaimDraft(
            subject=subject,
            predicate=predicate,
            object=obj.node,
            subject_text=subject_text,
            object_text=obj.text,
            qualifier=qualifier,
            sentence=self.sentence,
            start=self.start,
            end=self.end,
            confidence=round(max(0.1, min(1.0, confidence)), 2),
        )
        agreement, reason = self.official.judge(draft)
        self.drafts.append(replace(draft, agreement=agreement, agreement_reason=reason))

    def fallback(self, before_token: int | None = None) -> tuple[str, str] | None:
        """'The Administration' (before the trigger) read as the document's main government."""
        refs = [g for g in self.govrefs if before_token is None or g.token_end <= before_token]
        if refs and self.main_actor:
            return self.main_actor, refs[0].text
        return None


def extract_claims(doc: Doc, text: str, analysis: Analysis, official: Official) -> list[ClaimDraft]:
    """Claims of one analysed text (``text`` is ``doc.text``, passed to avoid rebuilding it)."""
    lang = analysis.language
    sentences = analysis.sentences
    triggers = list(doc.spans[TRIGGER_KEY]) if TRIGGER_KEY in doc.spans else []
    if not triggers or not sentences:
        return []
    starts = [s for s, _ in sentences]

    def sentence_of(_: object, offset: int) -> int:
        return max(0, bisect.bisect_right(starts, offset) - 1)

    mentions_by: dict[int, list[Mention]] = defaultdict(list)
    for m in analysis.mentions:
        mentions_by[sentence_of(sentences, m.start)].append(m)
    markers_by: dict[int, list[Marker]] = defaultdict(list)
    for mk in analysis.markers:
        markers_by[sentence_of(sentences, mk.start)].append(mk)
    triggers_by: dict[int, list[tuple[str, int, int, str]]] = defaultdict(list)
    for t in triggers:
        triggers_by[sentence_of(sentences, t.start_char)].append((t.label_, t.start, t.end, t.text))
    topic = [_norm(w, lang) for w in lexicon()["export_control_topic"].get(lang, [])]
    issuers = list_issuers()
    drafts: list[ClaimDraft] = []
    seen: set[tuple[str, str, str, int]] = set()

    for idx in sorted(triggers_by):
        mentions = mentions_by.get(idx, [])
        if not mentions:
            continue
        s_start, s_end = sentences[idx]
        raw = text[s_start:s_end]
        lead = len(raw) - len(raw.lstrip())
        sentence = raw.strip()
        s_start += lead
        s_end = s_start + len(sentence)
        sent = _Sentence(doc, lang, mentions, markers_by.get(idx, []))
        govrefs = [mk for mk in sent.markers if mk.label == "GovRef"]
        lists = [mk for mk in sent.markers if mk.label == "List"] or [
            mk for mk in markers_by.get(idx - 1, []) if mk.label == "List"
        ]
        out = _Collector(
            sentence, s_start, s_end, official, seen, drafts, govrefs, analysis.main_actor
        )
        add, fallback_subject = out.add, out.fallback

        for family, t_start, t_end, t_text in triggers_by[idx]:
            subjects = sent.subjects()
            if family in ("join", "subscribe"):
                for obj in mentions:
                    predicate: ClaimPredicate
                    if obj.label == "CodeOfConduct":
                        predicate = "subscribes_to"
                    elif obj.label == "Regime" and obj.node != "regime:eu" and obj.kind == "name":
                        predicate = "member_of"
                    else:
                        continue
                    penalty = (
                        0.15 if (family == "subscribe") != (predicate == "subscribes_to") else 0.0
                    )
                    for subj in subjects:
                        add(subj.node, subj.text, predicate, obj, family, penalty)
            elif family == "list":
                parties = [m for m in mentions if m.label == "Party"]
                if not parties or not lists:
                    continue
                qualifier = lists[0].value
                if subjects:
                    subject, s_text, penalty = subjects[0].node, subjects[0].text, 0.0
                elif (ref := fallback_subject()) is not None:
                    subject, s_text, penalty = ref[0], ref[1], 0.2
                elif qualifier in issuers:
                    subject, s_text, penalty = issuers[qualifier], lists[0].text, 0.2
                else:
                    continue
                for obj in parties:
                    add(subject, s_text, "lists_party", obj, family, penalty, qualifier)
            elif family == "control":
                techs = [m for m in mentions if m.label == "Technology"]
                if not techs:
                    continue
                if subjects:
                    subject, s_text, penalty = subjects[0].node, subjects[0].text, 0.0
                elif (ref := fallback_subject()) is not None:
                    subject, s_text, penalty = ref[0], ref[1], 0.2
                else:
                    continue
                for obj in techs:
                    add(subject, s_text, "controls", obj, family, penalty)
            elif family == "partner":
                normed = _norm(sentence, lang)
                if not any(w in normed for w in topic):
                    continue
                actors = sent.actors()
                before = [m for m in subjects if m.token_end <= t_start]
                after = [m for m in actors if m.token_start >= t_end]
                between = any(w in _norm(t_text, lang) for w in _BETWEEN)
                if between and len(after) >= 2:
                    pairs = [(after[0].node, after[0].text, m, 0.0) for m in after[1:]]
                elif before and after:
                    pairs = [(before[-1].node, before[-1].text, m, 0.0) for m in after]
                elif after and (ref := fallback_subject(t_start)) is not None:
                    pairs = [(ref[0], ref[1], m, 0.2) for m in after]
                elif len(before) >= 2:
                    # "A and B ... export control cooperation": the partners precede the word.
                    pairs = [(before[0].node, before[0].text, m, 0.0) for m in before[1:]]
                else:
                    pairs = []
                for head, head_text, obj, penalty in pairs:
                    add(head, head_text, "partners_with", obj, family, penalty)
    return drafts
