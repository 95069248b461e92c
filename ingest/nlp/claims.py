"""Claims: relations a sentence asserts between nodes it mentions.

Rules per predicate family, each keyed by trigger words of ``lexicon.yaml`` found in the same
sentence as the nodes they relate:

- ``join`` / ``subscribe`` + a regime or initiative -> ``member_of``; + a code of conduct ->
  ``subscribes_to``. Subjects: the countries (or the EU) the sentence names as actors.
- ``list`` + a listed party, with a list name in the sentence or the one before ->
  ``lists_party`` (qualifier: the list). Subject: an actor, else "the Administration" read as
  the document's main government, else the list's issuer.
- ``control`` + a technology -> ``controls``, for the first actor and the actors coordinated
  with it ("the UK, France and Spain imposed ..."). With no technology in the sentence ("imposed
  these restrictions"), the document's main technology (named at least twice) is the object.
- a ``control`` sentence stating a threshold with a unit ("34 qubits ou plus", read by
  :mod:`ingest.nlp.thresholds`) -> ``sets_threshold`` (qualifier ">= 34 qubit", the parsed
  parameter) for each subject of its ``controls`` claims; with no subject, the threshold is kept
  for the technology and given to the control claims of the next two sentences on it ("... have
  imposed these restrictions").
- ``align`` ("join", "rejoint", انضم) + a country right after it -> ``aligns_with`` from each
  actor before the word, when the sentence speaks of controls or exports ("Japan and the
  Netherlands will join the U.S. in restricting exports"); the country joined controls what
  the sentence's control word controls (the qualifier: the first technology it names).
- ``join`` + no regime but a reference back to one ("the Group") -> the last regime named.
- ``partner`` + an export-control word in the sentence -> ``partners_with`` between the actor
  before the trigger and each country after it ("partnership with A, B and C"), or among the
  countries after it ("talks between A and B").

A trigger shortly after a word of intention or possibility ("may", "plans to", "pourraient",
يعتزم) or right after a negation ("not", "pas", لم) states no fact and yields no claim.

A country is not an actor when a word such as "to", "against", "like", "ضد", "contre" stands
right before it (or before the first of a coordinated list it belongs to), nor when it is a
possessive before a party ("Russia's Positive Technologies"), nor when it is a demonym.
"""

from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from dataclasses import replace
from datetime import date
from functools import cache

from spacy.tokens import Doc

from graph_schema.model import ClaimPredicate, Parameter
from ingest.nlp import arabic
from ingest.nlp.dates import resolve_date
from ingest.nlp.lexicon import lexicon, list_issuers
from ingest.nlp.official import Official
from ingest.nlp.thresholds import describe, thresholds
from ingest.nlp.types import TRIGGER_KEY, Analysis, ClaimDraft, Marker, Mention

BASE_CONFIDENCE = {"join": 0.8, "subscribe": 0.85, "list": 0.8, "control": 0.7, "partner": 0.65}
_DETERMINERS = {"the", "a", "an", "le", "la", "les", "l'", "un", "une", "both"}
_COORDINATION = {",", "،", "and", "et", "or", "ou", "و", "او", "as", "well", "both", *_DETERMINERS}
_BETWEEN = ("between", "entre", "بين", "التباحث")
_INCLUSIVE = {
    ("addition", "to"),
    ("outre", ""),
    ("إضافة", "إلى"),
    ("plus", "des"),  # "en plus des États-Unis": the US too
    ("plus", "de"),
    ("pays", "comme"),  # "des pays comme la France": examples of the subject, not a comparison
    ("countries", "like"),
    ("دول", "مثل"),
}
#: "such as China", "telles que la Chine": examples of a destination or a target.
_EXAMPLES = {("such", "as"), ("telles", "que"), ("tels", "que"), ("telle", "que")}
#: "to A and to B", "aux États-Unis et aux Pays-Bas": a preposition repeated after "and".
_REPEATED = {"to", "à", "au", "aux", "إلى", "الى"}
_AND = {",", "،", "and", "et", "و"}
#: Trigger families that qualify a claim word and make no claim alone.
_NOT_CLAIMS = {"modal", "negation", "backref"}
#: Token distances within which a word of intention or a negation governs a trigger.
_MODAL_REACH = 6
_NEGATION_REACH = 3
#: A country this close after an ``align`` word is the state joined.
_ALIGN_REACH = 3
#: A threshold stated for a technology carries to control sentences this many sentences on.
_THRESHOLD_REACH = 2


def _norm(text: str, lang: str) -> str:
    return arabic.normalise(text) if lang == "ar" else text.lower()


@cache
def _blockers(lang: str) -> frozenset[str]:
    """The non-subject markers, normalised once per language (not once per sentence)."""
    return frozenset(_norm(w, lang) for w in lexicon()["non_subject_markers"].get(lang, []))


@cache
def _topic(lang: str) -> tuple[str, ...]:
    """The export-control words, normalised once per language (not once per document)."""
    return tuple(_norm(w, lang) for w in lexicon()["export_control_topic"].get(lang, []))


def _thresholds_of(
    sentence: str, lang: str, techs: list[Mention], mentions: list[Mention]
) -> dict[str, Parameter]:
    """The first threshold with a unit a control sentence states, for the first technology it
    names; {} for none."""
    found = thresholds(sentence, lang)
    if not found:
        return {}
    named = [m for m in techs if m in mentions]
    if not named:
        return {}  # the technology is only referred back to: whose threshold is unclear
    return {named[0].node: found[0]}


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
        blockers = _blockers(lang)
        self.blocked: dict[Mention, bool] = {}
        # The first actor of the coordinated list each actor belongs to ("A, B and C").
        self.head: dict[Mention, Mention] = {}
        previous: Mention | None = None
        for m in mentions:
            if not self._is_actor(m):
                continue
            coordinated = previous is not None and self._coordinated(previous, m)
            self.head[m] = self.head[previous] if coordinated and previous is not None else m
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
        words = [t.norm_ for t in gap]
        if all(w in _COORDINATION for w in words):
            return True
        return any(w in _AND for w in words) and all(
            w in _COORDINATION or w in _REPEATED for w in words
        )

    def _preceded_by(self, m: Mention, blockers: frozenset[str]) -> bool:
        i = m.token_start - 1
        while i >= 0 and self.doc[i].norm_ in _DETERMINERS:
            i -= 1
        if i < 0:
            return False
        word = self.doc[i].norm_
        before = self.doc[i - 1].norm_ if i >= 1 else ""
        if (before, word) in _INCLUSIVE:
            return False
        return word in blockers or (before, word) in _EXAMPLES

    def _possessive(self, m: Mention) -> bool:
        nxt = m.token_end
        return nxt < len(self.doc) and self.doc[nxt].norm_ in ("'s", "’s")

    def actors(self) -> list[Mention]:
        return [m for m in self.mentions if m in self.blocked]

    def subjects(self) -> list[Mention]:
        return [m for m in self.actors() if not self.blocked[m]]

    def coordinated_with(self, first: Mention) -> list[Mention]:
        """``first`` and the actors coordinated with it."""
        return [m for m in self.actors() if self.head[m] == self.head[first]]

    def agents(self, after: int) -> list[Mention]:
        """The agent of a passive after token ``after`` and the actors coordinated with it:
        "restricted by Japan", "lancée par les États-Unis". Not in Arabic, where قبل alone
        is also "before"."""
        if self.lang == "ar":
            return []
        for m in self.actors():
            i = m.token_start - 1
            while i >= after and self.doc[i].norm_ in _DETERMINERS:
                i -= 1
            if i >= after and self.doc[i].norm_ in _AGENT:
                return self.coordinated_with(m)
        return []


_PASSIVE = {"été", "was", "were", "been", "is", "تم"}
_AGENT = {"par", "by", "قبل"}


def _passive_launch(doc: Doc, start: int, end: int, lang: str) -> bool:
    """ "L'Initiative, qui a été lancée lors du Sommet": a launch with no agent names no
    founder, so the sentence's subject is not made a member by it."""
    word = _norm(doc[start:end].text, lang)
    if not word.startswith(("lanc", "launch")):
        return False
    if start == 0 or doc[start - 1].norm_ not in _PASSIVE:
        return False
    return not any(t.norm_ in _AGENT for t in doc[end : end + 3])


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
        lang: str = "en",
        published: date | None = None,
    ) -> None:
        self.sentence, self.start, self.end = sentence, start, end
        self.official, self.seen, self.drafts = official, seen, drafts
        self.govrefs, self.main_actor = govrefs, main_actor
        self.lang, self.published = lang, published
        self._when: str | None = None
        self.long = len(sentence) > 400

    @property
    def when(self) -> str:
        """The claim's date, resolved once per sentence and only if it yields a claim. A
        sentence without a date reports what its document reports, as of its date."""
        if self._when is None:
            found = resolve_date(self.sentence, self.lang, self.published)
            published = self.published.isoformat() if self.published else ""
            self._when = found or published
        return self._when

    def add(
        self,
        subject: str,
        subject_text: str,
        predicate: ClaimPredicate,
        obj: Mention,
        family: str,
        penalty: float = 0.0,
        qualifier: str = "",
        parameter: Parameter | None = None,
        evidence: tuple[int, str] | None = None,
    ) -> None:
        """``evidence``: where the claim's evidence starts and its text, when it begins in an
        earlier sentence (the one stating a threshold)."""
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
            sentence=evidence[1] if evidence else self.sentence,
            start=evidence[0] if evidence else self.start,
            end=self.end,
            confidence=round(max(0.1, min(1.0, confidence)), 2),
            date=self.when,
            parameter=parameter,
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
    triggers_by: dict[int, list[tuple[str, int, int]]] = defaultdict(list)
    for t in triggers:
        triggers_by[sentence_of(sentences, t.start_char)].append((t.label_, t.start, t.end))
    topic = _topic(lang)
    # Regimes named so far (for "the Group") and the document's main technology (for "these
    # restrictions"): references the rules resolve to earlier text.
    regimes = [
        m
        for m in analysis.mentions
        if m.label == "Regime" and m.node != "regime:eu" and m.kind == "name"
    ]
    tech_counts = Counter(m.node for m in analysis.mentions if m.label == "Technology")
    main_tech: Mention | None = None
    if tech_counts and tech_counts.most_common(1)[0][1] >= 2:
        top = tech_counts.most_common(1)[0][0]
        main_tech = next(m for m in analysis.mentions if m.node == top)
    issuers = list_issuers()
    # Thresholds a control sentence stated per technology, by sentence index: "restrictions
    # apply to quantum computers with 34 qubits or more. The UK ... imposed these restrictions."
    stated: dict[str, tuple[int, Parameter, int]] = {}
    drafts: list[ClaimDraft] = []
    seen: set[tuple[str, str, str, int]] = set()

    for idx in sorted(triggers_by):
        mentions = mentions_by.get(idx, [])
        if not mentions or all(f in _NOT_CLAIMS for f, _, _ in triggers_by[idx]):
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
            sentence,
            s_start,
            s_end,
            official,
            seen,
            drafts,
            govrefs,
            analysis.main_actor,
            lang,
            analysis.published,
        )
        add, fallback_subject = out.add, out.fallback

        found = triggers_by[idx]
        hedges = [(f, e) for f, _, e in found if f in ("modal", "negation")]
        backrefs = [(b, e) for f, b, e in found if f == "backref"]
        # The normalised sentence, for the topic words: only the align and partner rules ask.
        asks = any(f in ("align", "partner") for f, _, _ in found)
        normed = _norm(sentence, lang) if asks else ""
        on_topic = bool(normed) and any(w in normed for w in topic)
        controlled = any(f == "control" for f, _, _ in found) or on_topic
        joined: list[Mention] = []  # states joined by an align word, before a control word
        subjects = sent.subjects()

        def hedged(t_start: int, hedges: list[tuple[str, int]] = hedges) -> bool:
            for f, end in hedges:
                reach = _MODAL_REACH if f in ("modal", "hedged") else _NEGATION_REACH
                if end <= t_start and t_start - end <= reach:
                    return True
            return False

        for family, t_start, t_end in found:
            if family in _NOT_CLAIMS:
                continue
            if hedged(t_start):
                # What the hedged word governs is hedged too: "did not join the U.S. in
                # restricting exports" restricts nothing.
                hedges.append(("hedged", t_end))
                continue
            if family == "align":
                if not controlled:
                    continue
                after = [m for m in sent.actors() if t_end <= m.token_start <= t_end + _ALIGN_REACH]
                if not after:
                    continue
                objs = sent.coordinated_with(after[0])
                joined.extend(objs)
                # The technology the joined controls are on, for checking against the lists.
                on = next((m.node for m in mentions if m.label == "Technology"), "")
                for subj in (m for m in subjects if m.token_end <= t_start):
                    for obj in objs:
                        add(subj.node, subj.text, "aligns_with", obj, "join", 0.1, on)
                continue
            if family == "join" and _passive_launch(doc, t_start, t_end, lang):
                continue
            if family in ("join", "subscribe"):
                objects = list(mentions)
                if not any(m.label in ("Regime", "CodeOfConduct") for m in mentions) and any(
                    mk.label == "RegimeRef" for mk in sent.markers
                ):
                    earlier = [r for r in regimes if r.start < s_start]
                    objects += earlier[-1:]
                for obj in objects:
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
                    # "launched by the US and Denmark": the agent of a passive is the subject.
                    for subj in subjects or sent.agents(t_end):
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
                extra = 0.0
                near = any(b <= t_end + 2 and t_start <= e + 2 for b, e in backrefs)
                if not techs and subjects and near and main_tech is not None:
                    techs, extra = [main_tech], 0.2
                if not techs:
                    continue
                limits = _thresholds_of(sentence, lang, techs, mentions)
                for node, parameter in limits.items():
                    stated[node] = (idx, parameter, s_start)
                # A threshold carried from an earlier sentence: the evidence runs from there.
                carried: dict[str, tuple[int, str]] = {}
                for obj in techs:
                    prior = stated.get(obj.node)
                    if obj.node not in limits and prior and idx - prior[0] <= _THRESHOLD_REACH:
                        limits[obj.node] = prior[1]
                        carried[obj.node] = (prior[2], text[prior[2] : s_end])
                heads: list[tuple[str, str, float]]
                if subjects:
                    heads = [(m.node, m.text, 0.0) for m in sent.coordinated_with(subjects[0])]
                    heads += [(m.node, m.text, 0.1) for m in joined]
                elif (ref := fallback_subject()) is not None:
                    heads = [(ref[0], ref[1], 0.2)]
                elif agents := sent.agents(t_end):
                    heads = [(m.node, m.text, 0.1) for m in agents]
                else:
                    continue
                for subject, s_text, penalty in heads:
                    for obj in techs:
                        add(subject, s_text, "controls", obj, family, penalty + extra)
                        limit = limits.get(obj.node)
                        if limit is not None:
                            add(
                                subject,
                                s_text,
                                "sets_threshold",
                                obj,
                                family,
                                penalty + extra,
                                describe(limit),
                                limit,
                                carried.get(obj.node),
                            )
            elif family == "partner":
                if not on_topic:
                    continue
                actors = sent.actors()
                before = [m for m in subjects if m.token_end <= t_start]
                after = [m for m in actors if m.token_start >= t_end]
                between = any(w in _norm(doc[t_start:t_end].text, lang) for w in _BETWEEN)
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
