"""Alignment: which regime entry each national entry implements, how, and with what evidence.

The numbering speaks first: EU/US/Norway ``5A001.j`` is Wassenaar ``5.A.1.j``; SCOMET ``8A101``
is Wassenaar ``1.A.1``; US 600-series items sit in the Munitions List category of their last two
digits; SCOMET's own stated correspondences are taken as stated. The texts then confirm or
question each match (rapidfuzz similarity), and extracted thresholds say whether the national
control is broader or narrower. Entries whose numbering points to no Wassenaar entry get an
``ORIGIN`` edge naming the regime their numbering belongs to, or their issuer when unilateral,
with the reason.

The result is one derived source edition, ``alignment@current``, rebuilt from the graph after
every ingest.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Literal

from rapidfuzz import fuzz, process

from graph_schema import codes as codes_module
from graph_schema import ids
from graph_schema import wording as wording_module
from graph_schema.codes import (
    CodeError,
    CodeSystem,
    ControlCode,
    RegimeHint,
    parse_code,
    regime_hint,
    wassenaar_equivalent,
)
from graph_schema.model import (
    ControlEntry,
    ControlList,
    Edge,
    Implements,
    Origin,
    Parameter,
    SameControl,
    Technology,
    node_from_record,
)
from graph_schema.provenance import Provenance
from ingest import editions as editions_module
from ingest import parameters as parameters_module
from ingest import tagging as tagging_module
from ingest.editions import Edition, edition_edges, series_of
from ingest.parameters import (
    compare,
    normalise_unit,
    paired_thresholds,
    parameter_scope,
    same_bounds,
)
from ingest.tagging import Tagger, covers_edges
from store.base import GraphStore, SourceBatch

SOURCE_ID = "alignment"
EDITION = "current"
WASSENAAR = "regime:wassenaar"
#: Issuers whose lists are regime lists (references), not national implementations.
REGIME_LISTS = frozenset({WASSENAAR, "regime:mtcr", "regime:nsg"})
#: Below this text similarity a code match is flagged: the texts differ materially.
MATERIAL_DIFFERENCE = 0.6
#: At or above this similarity two texts say the same thing (PDF/text extraction noise aside).
SAME_TEXT = 0.98
#: A national entry and a regime annex entry whose contents (own text and sub-entries) are at
#: least this similar (token sort), and ahead of the runner-up by ANNEX_MARGIN, correspond;
#: otherwise the numbering's regime is reported without a counterpart. Items need less: their
#: subtrees are long and worded apart by national additions ("other than those in 9A001").
ANNEX_MATCH = 0.7
ANNEX_ITEM_MATCH = 0.6
ANNEX_MARGIN = 0.03
GROUP_BONUS = 0.05
#: A regime entry with no counterpart by number and a national entry under another code are
#: the same when their own texts are at least this similar (token sort) ...
CONTENT_MATCH = 0.9
#: ... and long enough for that to mean something ("a. Exceeding 10 kg;" is not).
CONTENT_MIN = 40
#: Rounds of matching again once cited items are known to be twins (see ``_same_controls``).
TWIN_ROUNDS = 3
#: Entries under headings with the same words, already found to share paragraphs (within
#: two levels), are matched on looser words when they state the same thresholds, two or more.
NEIGHBOUR_DEPTH = 2
NEIGHBOUR_MATCH = 0.8
NEIGHBOUR_BOUNDS = 2
#: Entries of two issuers are the same control with other bounds when one's words (numbers
#: aside) hold the other's (token set) and their order is close enough (token sort), at least
#: this many words each, and both bound a quantity at other values.
OTHER_BOUNDS_HELD = 0.95
OTHER_BOUNDS_CLOSE = 0.6
OTHER_BOUNDS_WORDS = 8
#: "'Minimum Resolvable Feature size' (MRF) ... is calculated by the following formula:" - and
#: an equation ("MRF = ...", "K factor = 0.35") where a copy kept the formula.
_FORMULA_ANNOUNCED = re.compile(
    r"(?:(?P<what>'[^']+')[^:']{0,60}?)?\bis (?:calculated|defined) by the following formulae?:",
    re.I,
)
_EQUATION = re.compile(r"\S\s*=\s*\S")
#: Entries citing two such items are one control with their bounds at this token-set
#: similarity of their words, citations aside.
CITING_MATCH = 0.85
#: A code cited in a text, with its paragraphs (3A090.a, 3A501.a.16).
_CITED_CODE = re.compile(r"\b\d[A-E]\d{3}(?:\.[a-z0-9]+)*\b", re.I)
#: Bounds this close are one bound printed from a rounded conversion (1 Torr as 133.3 Pa).
ROUNDED = 0.05
#: Below this length a text match also needs the same Wassenaar item by number.
CONTENT_ALONE = 80
#: Regime words found inside a national entry count when at least this long (letters and
#: digits only): "quickreversing" is evidence, "beyond110ghz" under the right parent too.
WORDS_INSIDE_MIN = 12
#: A national paragraph catching a regime entry by its thresholds must be about the same thing:
#: its words (numbers aside) this close to the regime entry's (token set).
CAUGHT_SUBJECT = 0.8
_ALL_OF = re.compile(r"\b(?:all|both) (?:of )?the following\b", re.I)
_JOINER = re.compile(r"[\s;,.:]*(?:\b(?:and|or)\b)?[\s;,.:]*$", re.I)
_THOUSANDS = re.compile(r"(?<=\d)[, ](?=\d{3}\b)")
_DECIMAL = re.compile(r"(?<=\d),(?=\d)")
_NOT_WORD = re.compile(r"(?:(?<!\d)\.|\.(?!\d)|[^\w.])+")
_DIGITS = re.compile(r"\d+(?:\.\d+)?")
_STATED = re.compile(r"^Corresponds to:\s*(?P<regime>[a-z-]+)\s+(?P<code>\S+)\s*$", re.I)
_QUOTES = re.compile(r"[\"'“”‘’]")


@dataclass(frozen=True)
class ListInfo:
    id: str
    issuer: str
    edition: str
    edition_date: date
    system: CodeSystem
    copy_may_lack: tuple[str, ...] = ()

    @property
    def issuer_code(self) -> str:
        """Two-letter issuer as the numbering rules know it: 'US', 'EU', 'GB'..."""
        return self.issuer.split(":", 1)[1].upper()[:2]


@dataclass(frozen=True)
class Match:
    target: ControlEntry
    method: str
    reason: str


#: Exponents written as superscripts read as the digits a copy that flattened them shows.
_FLAT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")


def _clean(text: str) -> str:
    text = wording_module.ITEMS_POINTER.sub("", text).translate(_FLAT)
    return " ".join(_QUOTES.sub("", text).lower().split())


def entry_text(entry: ControlEntry) -> str:
    heading, text = entry.heading or "", entry.text or ""
    if heading and text.startswith(heading.strip()):
        heading = ""  # a list that repeats its heading as the text (AU): the words once
    return _clean(f"{heading} {text}")


def similarity(a: ControlEntry, b: ControlEntry) -> float:
    """Token-set similarity of two entries' texts, 0..1 (order and repetition do not count)."""
    left, right = entry_text(a), entry_text(b)
    if not left or not right:
        return 0.0
    return float(fuzz.token_set_ratio(left, right)) / 100.0


def subtree_texts(entries: Iterable[ControlEntry], limit: int = 3000) -> dict[str, str]:
    """Each entry's text followed by its sub-entries' (depth first), cut at ``limit``.

    An item's own words are often only a heading ("Turbojet and turbofan engines, as
    follows:"); what it controls is in its sub-entries, so content is compared on the whole.
    """
    children: dict[str, list[ControlEntry]] = {}
    for e in entries:
        children.setdefault(e.parent or "", []).append(e)
    out: dict[str, str] = {}

    def walk(e: ControlEntry) -> str:
        parts = [entry_text(e)]
        parts.extend(walk(c) for c in sorted(children.get(e.canonical, []), key=_order))
        out[e.canonical] = " ".join(p for p in parts if p)[:limit]
        return out[e.canonical]

    for root in children.get("", []):
        walk(root)
    return out


def _strip_joiner(text: str) -> str:
    """Without the "; and" / "; or" that ties a paragraph to the next one."""
    return _JOINER.sub("", text)


_CODE_REFERENCE = re.compile(
    r"\b(?:ML ?\d{1,2}|\d{1,2}\.[A-E]\.\d{1,3}|\d[A-H]\d{3})(?:\.?[a-z0-9]{1,4}\b\.?)*", re.I
)
#: "specified in 3.A.1.b.1" (Wassenaar) is "specified by 8A301.b.1" (SCOMET).
_CITING = re.compile(r"\b(?:in|by|under)\s+(?=#)", re.I)
_LEAD_IN = re.compile(
    r"\b(?:having\s+)?(?:all|any|both|either|one)\s+(?:of\s+)?the\s+following"
    r"(?:\s+characteristics)?\b|\bas\s+follows\b",
    re.I,
)


def _squash(text: str) -> str:
    """Letters and digits only, lower case, numbers written one way: for finding one text
    inside another whatever the spacing the PDF's text layer lost ("lessthan", "ofthe")."""
    text = _DECIMAL.sub(".", _THOUSANDS.sub("", _QUOTES.sub("", text.translate(_FLAT))))
    return _NOT_WORD.sub("", text.lower()).replace("_", "")


def _comparable(text: str) -> str:
    """A paragraph's own words, squashed (:func:`_squash`), with the codes it cites and the
    lead-in every list shares ("having all of the following") taken out: what must be equal
    for two paragraphs to say the same in two numberings."""
    text = _CITING.sub(" # ", _CODE_REFERENCE.sub(" # ", text))
    return _squash(_strip_joiner(_LEAD_IN.sub(" ", text)))


def _numbers(text: str) -> list[str]:
    """The numbers a text states, in order, thousands separators and decimal commas aside;
    "10³" reads "103", as in a copy that lost the superscript: two copies of one text state
    the same numbers whichever of them kept it."""
    return _DIGITS.findall(_DECIMAL.sub(".", _THOUSANDS.sub("", text.translate(_FLAT))))


def same_words(a: str, b: str) -> bool:
    """Do two paragraphs say the same, spacing, punctuation and the codes they cite aside?
    Nothing else may differ: "single-transverse" is not "multiple-transverse", nor
    "exceeding 25 W" "exceeding 30 W"."""
    left = _comparable(a)
    return bool(left) and left == _comparable(b)


#: How the evidence says a national paragraph holds another regime paragraph's words.
_UNNUMBERED = "where the copy gives them no number of their own"
#: How the evidence names bounds a national paragraph adds to its regime counterpart's.
_ADDED = "national adds conditions the regime entry does not have"


def _other_side(p: Parameter, q: Parameter) -> bool:
    """Are ``p`` and ``q`` the two sides of one bound ("193 nm or longer", "shorter than
    193 nm")?"""
    lower = {">", ">="}
    return (
        p.quantity == q.quantity
        and p.unit == q.unit
        and math.isclose(p.value, q.value)
        and p.comparator != "="
        and q.comparator != "="
        and (p.comparator in lower) != (q.comparator in lower)
    )


def _a_thing(entry: ControlEntry) -> bool:
    """Does the entry name goods on its own, rather than open a list or state a condition
    of its parent's ("having all of the following:", "designed for ...")?"""
    text = entry.text.strip()
    return (
        len(_comparable(text)) >= 8
        and not text.endswith(":")
        and _LEAD_IN.search(text) is None
        and not text[:1].islower()
    )


#: The "x" of "3.3x10-11": written between two numbers, not a word.
_TIMES = re.compile(r"(?<=\d)\s*[x×]\s*(?=\d)")
_LETTERS = re.compile(r"[^a-z]+")


def _is_subsequence(short: list[str], long: list[str]) -> bool:
    rest = iter(long)
    return all(any(n == m for m in rest) for n in short)


def _numbers_lost(a: str, b: str) -> bool:
    """Are two paragraphs the same words, with one holding only some of the other's numbers
    in the same order? Real amendments change a number; they do not delete one and keep
    every word around it."""
    na, nb = _numbers(a), _numbers(b)
    if na == nb or not (_is_subsequence(na, nb) or _is_subsequence(nb, na)):
        return False

    def letters(text: str) -> str:
        return _LETTERS.sub("", _TIMES.sub(" ", _QUOTES.sub("", text)).lower())

    return letters(a) == letters(b) != ""


_CONTENT_WORD = re.compile(r"[a-z][a-z\-]{4,}")
#: Words every exclusion shares, which say nothing of what it excludes.
_EXCLUSION_STOP = frozenset(
    [
        "which",
        "their",
        "there",
        "these",
        "those",
        "following",
        "having",
        "other",
        "specified",
        "specially",
        "designed",
        "apply",
        "control",
        "purposes",
        "equipment",
        "items",
        "being",
        "where",
        "within",
        "about",
    ]
)
#: An exclusion is found where at least this share of its words are (CAS numbers decide alone).
EXCLUSION_FOUND = 0.5


def _exclusions(notes: Iterable[str]) -> list[str]:
    return [m.group("what") for n in notes for m in wording_module.EXCLUDES.finditer(n)]


def _excluded_in(what: str, said: str) -> bool:
    """Does ``said`` (a national entry's Notes and words) exclude ``what`` too? By its CAS
    numbers when it names any, otherwise by its words (half of them, told apart from the
    lead-in every Note shares): lists word the same exclusion differently ("with 32 elements or
    fewer, where all the detector elements are made from germanium" / "not to exceed 32
    elements ... limited solely to germanium material")."""
    said = said.lower()
    cas = wording_module.CAS.findall(what)
    if cas:
        return any(number in said for number in cas)
    words = {w for w in _CONTENT_WORD.findall(what.lower()) if w not in _EXCLUSION_STOP}
    if len(words) < 3:
        return True  # too few words to tell: no claim
    found = sum(1 for w in words if w.rstrip("s") in said)
    return found / len(words) >= EXCLUSION_FOUND


def _squash_words(text: str) -> str:
    """The words without the numbers, for asking whether two paragraphs are about the same."""
    return " ".join(_DIGITS.sub(" ", _clean(text)).split())


def _excerpt(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _order(entry: ControlEntry) -> str:
    return entry.canonical


class AnnexIndex:
    """One regime annex (MTCR, NSG), for matching national entries by content: national
    9A101 says what MTCR 3.A.1 says, but no rule maps the numbers."""

    def __init__(self, info: ListInfo, entries: list[ControlEntry]) -> None:
        self.info = info
        texts = subtree_texts(entries)
        active = [e for e in entries if e.status == "active" and len(texts[e.canonical]) >= 20]
        self.entries = {e.canonical: e for e in active}
        self.texts = {e.canonical: texts[e.canonical] for e in active}
        self.items: dict[str, str] = {}
        self.children: dict[str, dict[str, str]] = {}
        for e in active:
            if e.parent is None:
                self.items[e.canonical] = self.texts[e.canonical]
            else:
                self.children.setdefault(e.parent, {})[e.canonical] = self.texts[e.canonical]

    def best(
        self, entry: ControlEntry, text: str, under: str | None
    ) -> tuple[ControlEntry, float] | None:
        """The annex entry whose content is closest to ``entry``'s (``text``: its subtree).

        Items are looked for among the annex items, sub-entries only among the sub-entries of
        the annex entry their parent matched (``under``). The best must be clearly ahead of the
        next one: a near tie is no evidence.
        """
        if entry.parent is None:
            pool = self.items
            cutoff = ANNEX_ITEM_MATCH
        elif under is not None:
            pool = self.children.get(under, {})
            cutoff = ANNEX_MATCH
        else:
            return None
        if len(text) < 20 or not pool:
            return None
        # token_sort keeps the whole of both texts in play (token_set would call any text
        # that contains the other a perfect match).
        raw = process.extract(text, pool, scorer=fuzz.token_sort_ratio, limit=4)
        # The group letter (A equipment, B test and production equipment, C materials, D
        # software, E technology) is shared structure: the same letter breaks near ties.
        group = _group(entry.canonical)
        found = sorted(
            (
                (score + (GROUP_BONUS * 100 if _group(code) == group else 0), code)
                for _, score, code in raw
            ),
            reverse=True,
        )
        if not found or found[0][0] < cutoff * 100:
            return None
        if len(found) > 1 and found[0][0] - found[1][0] < ANNEX_MARGIN * 100:
            return None
        return self.entries[found[0][1]], min(found[0][0], 100.0) / 100.0


_CITED = re.compile(r"\b(?:ML ?\d{1,2}|\d{1,2}\. ?[A-E]\. ?\d{1,3}|\d[A-E]\d{1,3})\b")


def _cited(text: str, system: CodeSystem) -> frozenset[str]:
    """Item-level Wassenaar codes a text cites, whatever numbering it writes them in."""
    out: set[str] = set()
    for found in _CITED.findall(text):
        compact = found.replace(" ", "")
        for chosen in (None, system):
            try:
                code = parse_code(compact, chosen)
            except CodeError:
                continue
            equivalent = wassenaar_equivalent(code)
            out.add((equivalent or code.canonical).split(".", 1)[0])
            break
    return frozenset(out)


def _group(canonical: str) -> str:
    return canonical.lstrip("0123456789")[:1]


class Aligner:
    """Builds the alignment batch from the control lists in a store."""

    def __init__(self, store: GraphStore) -> None:
        self.lists: dict[str, ListInfo] = {}
        for record in store.nodes("ControlList"):
            node = node_from_record(record)
            assert isinstance(node, ControlList)
            self.lists[node.id] = ListInfo(
                id=node.id,
                issuer=node.issuer,
                edition=node.edition,
                edition_date=node.edition_date,
                system=CodeSystem(node.numbering),
                copy_may_lack=tuple(node.copy_may_lack),
            )
        self.entries: dict[str, list[ControlEntry]] = {}
        self.by_id: dict[str, ControlEntry] = {}
        for record in store.nodes("ControlEntry"):
            entry = node_from_record(record)
            assert isinstance(entry, ControlEntry)
            self.entries.setdefault(entry.list_id, []).append(entry)
            self.by_id[entry.id] = entry
        regime_lists = [info for info in self.lists.values() if info.issuer == WASSENAAR]
        # The newest edition of the regime list is the reference all national lists align to.
        self.regime_list = max(regime_lists, key=lambda i: i.edition_date, default=None)
        self.regime_entries: dict[str, ControlEntry] = {}
        if self.regime_list is not None:
            for entry in self.entries.get(self.regime_list.id, []):
                self.regime_entries[entry.canonical] = entry
        self.regime_ids = {e.id for e in self.regime_entries.values()}
        self._regime_words: dict[str, str] | None = None
        self._children_of_list: dict[str, dict[str, list[ControlEntry]]] = {}
        self._canonical: dict[str, dict[str, ControlEntry]] = {}
        self._regime_in_order = sorted(self.regime_entries.values(), key=_order)
        self._regime_children: dict[str, list[ControlEntry]] = {}
        for entry in self.regime_entries.values():
            if entry.parent is not None:
                self._regime_children.setdefault(entry.parent, []).append(entry)
        # The newest list of each other regime held (MTCR, NSG): matched by content, since
        # national x1xx / x2xx numbers do not encode the annex item.
        self.annexes: dict[str, AnnexIndex] = {}
        self._subtrees: dict[str, dict[str, str]] = {}
        self._older_codes: set[str] | None = None
        for regime in sorted(REGIME_LISTS - {WASSENAAR}):
            held = [i for i in self.lists.values() if i.issuer == regime]
            if held:
                newest = max(held, key=lambda i: i.edition_date)
                self.annexes[regime.split(":", 1)[1]] = AnnexIndex(
                    newest, self.entries.get(newest.id, [])
                )

    def _provenance(self, evidence: str) -> Provenance:
        return Provenance(source=SOURCE_ID, edition=EDITION, citation=evidence)

    def _code(self, entry: ControlEntry, info: ListInfo) -> ControlCode | None:
        try:
            return parse_code(entry.canonical, info.system)
        except CodeError:
            return None

    def _stated(self, entry: ControlEntry) -> Match | None:
        for note in entry.notes:
            found = _STATED.match(note)
            if found and found["regime"].lower() == "wassenaar":
                target = self.regime_entries.get(found["code"])
                if target is not None:
                    return Match(target, "stated", f"the list states: {note.strip()}")
        return None

    def _stated_elsewhere(self, entry: ControlEntry) -> Origin | None:
        """A correspondence the list itself states with a regime whose list is not held."""
        for note in entry.notes:
            found = _STATED.match(note)
            if found and found["regime"].lower() != "wassenaar":
                reason = f"the list states: {note.strip()}"
                return Origin(
                    source=entry.id,
                    target=ids.regime_id(found["regime"].lower()),
                    series=found["regime"].lower(),
                    unilateral=False,
                    reason=reason,
                    method="stated",
                    provenance=self._provenance(reason),
                )
        return None

    def _by_number(self, code: ControlCode) -> tuple[Match | None, str | None]:
        """The regime entry the numbering points to, or the code it points to if absent."""
        wanted = wassenaar_equivalent(code)
        if wanted is None:
            return None, None
        target = self.regime_entries.get(wanted)
        if target is None or target.status != "active":
            # A "Not used since 2025" or "[Reserved]" paragraph controls nothing: a national
            # control under its number is one the regime no longer has, not its implementation.
            return None, wanted
        if code.system is CodeSystem.SCOMET:
            why = f"SCOMET {code.canonical} re-encodes Wassenaar {target.code}"
        elif code.system is CodeSystem.ECCN and code.number is not None and code.number > 600:
            why = f"US 600-series {code.canonical}: its last two digits give {target.code}"
        elif code.system is CodeSystem.ECCN and code.category == "0":
            why = (
                f"US {code.canonical} holds firearms or ammunition items moved from the USML, "
                f"which the Munitions List controls under {target.code}"
            )
        else:
            why = f"{code.canonical} has the Wassenaar number {target.code}"
        return Match(target, "code", why), None

    def _implements(self, entry: ControlEntry, match: Match) -> Implements:
        assert self.regime_list is not None
        sim = similarity(entry, match.target)
        scope: str | None
        notes: list[str]
        if same_words(entry.text, match.target.text) or (
            sim >= SAME_TEXT and _numbers(entry.text) == _numbers(match.target.text)
        ):
            # The same words and numbers: differing extracted thresholds would be extraction
            # noise. (Token similarity alone calls "350 Wh/kg" and "500 Wh/kg" the same.)
            scope, notes = "same", []
        elif _numbers_lost(entry.text, match.target.text):
            # The same words, one side missing some of the other's numbers: the copy's text
            # layer dropped them (SCOMET 8C604.c.2 reads "of -11 m/V" for "3.3x10-11 m/V").
            # Thresholds not compared; no verdict from noise.
            scope, notes = None, ["numbers missing from one text: thresholds not compared"]
        else:
            theirs = match.target.parameters
            if not theirs and not self._national_children(entry.list_id).get(entry.canonical):
                # One national paragraph for a regime heading over "all of the following"
                # (AU, US and SCOMET 3A002.a.7, one sentence, against Wassenaar 2025's a.7.a
                # and a.7.b): its thresholds against all of theirs.
                theirs = self._conditions(match.target)
            scope, notes = parameter_scope(entry.parameters, theirs)
            if scope == "narrower":
                caught = self._rest_caught(entry, match.target)
                if caught is not None:
                    scope = "same"
                    notes.append(caught)
            if scope in (None, "same"):
                added = self._added_conditions(entry, match.target)
                if added:
                    scope = "narrower"
                    notes.append(
                        f"{_ADDED}: " + ", ".join(f"{p.quantity} '{p.text}'" for p in added)
                    )
        if scope in (None, "same"):
            # The same words and thresholds, and yet more controlled: an exclusion the regime's
            # Notes make and the national list does not.
            lifted = self._exclusions_lacked(entry, match.target)
            if lifted:
                scope = "broader"
                notes.append(
                    "the regime's Notes exclude "
                    + "; ".join(f"'{_excerpt(x, 100)}'" for x in lifted)
                    + ", which no Note of the national entry, its parents or its paragraphs "
                    "excludes"
                )
        differs = sim < MATERIAL_DIFFERENCE
        if scope is None:
            scope = "same" if sim >= 0.9 else "unknown"
        lost = self._formula_lost(entry)
        if lost is not None and scope != "same":
            # The CCL copy keeps "is calculated by the following formula:" and drops the
            # formula (3B001.f.1.b's MRF and its K factor): bounds on that quantity mean
            # nothing until the formula is known, so no side is said to control more.
            scope = "unknown"
            notes.append(
                f"the copy held lost the formula that defines {lost} (it reads 'by the "
                "following formula:' and no formula), so the scopes cannot be compared"
            )
        parts = [match.reason, f"text similarity {sim:.2f}"]
        if differs:
            parts.append("texts differ materially")
        parts.extend(notes)
        evidence = "; ".join(parts)
        # Numbering (or the list's own statement) is strong evidence; the text tempers it.
        base = 0.7 if match.method == "code" else 0.8
        return Implements(
            source=entry.id,
            target=match.target.id,
            method="stated" if match.method == "stated" else "code",
            score=round(base + (1 - base) * sim, 3),
            scope=scope,  # type: ignore[arg-type]
            similarity=round(sim, 3),
            text_differs=differs,
            evidence=evidence,
            provenance=self._provenance(evidence),
        )

    def _formula_lost(self, entry: ControlEntry) -> str | None:
        """The quantity whose defining formula a national entry's copy announces and lacks
        (in its words or Notes, its paragraphs', its siblings' - a Note set after the last
        paragraph - or its parents'), or None."""
        children = self._national_children(entry.list_id)
        path = [
            entry,
            *children.get(entry.canonical, []),
            *children.get(entry.parent or "", []),
            *self._ancestors(entry),
        ]
        said = [t for e in path for t in (e.text, *e.notes)]
        if any(_EQUATION.search(t) for t in said):
            return None
        for text in said:
            m = _FORMULA_ANNOUNCED.search(text)
            if m is not None:
                return m.group("what") or "a quantity"
        return None

    def _rest_caught(self, entry: ControlEntry, target: ControlEntry) -> str | None:
        """Why a national paragraph with a lower upper bound than the regime's still controls
        all the regime paragraph does, or None: a sibling paragraph catches everything above its
        bound. Lists at the Wassenaar 2021 text stop 3A002.d.2 at 90 GHz where 2025 goes to 110
        GHz, but their 3A002.d.6 controls any generator with "a maximum frequency exceeding 90
        GHz", which the 90-110 GHz band needs."""
        rests: list[tuple[str, float]] = []  # (quantity, national upper bound in base units)
        for p, q in paired_thresholds(entry.parameters, target.parameters):
            if compare(p, q) == "looser":
                if p.comparator not in ("<", "<=") or q.comparator not in ("<", "<="):
                    return None  # narrower otherwise than by a lower upper bound
                base, factor = normalise_unit(p.unit)
                rests.append((base, p.value * factor))
        if not rests:
            return None
        children = self._national_children(entry.list_id)
        # Its own siblings, and its parent's (3A002.d.6 catches for 3A002.d.3.g too).
        siblings = list(children.get(entry.parent or "", []))
        above = entry.parent.rsplit(".", 1)[0] if entry.parent and "." in entry.parent else None
        if above is not None:
            siblings.extend(children.get(above, []))
        found: list[str] = []
        for base, bound in rests:
            for s in siblings:
                if s.id == entry.id or s.status != "active" or len(s.parameters) != 1:
                    continue
                (only,) = s.parameters
                s_base, s_factor = normalise_unit(only.unit)
                if (
                    s_base == base
                    and only.comparator in (">", ">=")
                    and only.value * s_factor <= bound
                    and not children.get(s.canonical)
                ):
                    found.append(f"{s.canonical} ('{only.text}')")
                    break
            else:
                return None
        return "what lies above the national bound is caught by " + ", ".join(found)

    def _national_children(self, list_id: str) -> dict[str, list[ControlEntry]]:
        found = self._children_of_list.get(list_id)
        if found is None:
            found = {}
            for e in self.entries.get(list_id, []):
                found.setdefault(e.parent or "", []).append(e)
            self._children_of_list[list_id] = found
        return found

    def _itemises(self, entry: ControlEntry, matched_to: dict[str, ControlEntry]) -> bool:
        """Is ``entry`` a sub-paragraph under a national parent whose regime counterpart is an
        active entry without sub-paragraphs of its own?"""
        parent = matched_to.get(entry.parent or "")
        if parent is None or parent.status != "active":
            return False
        prefix = parent.canonical + "."
        return not any(code.startswith(prefix) for code in self.regime_entries)

    def _placeholder(self, canonical: str) -> ControlEntry | None:
        """The regime paragraph of that number, or of the nearest number above it, when it is
        a placeholder ("Not used since 2025", "[Reserved]"): the regime dropped the control."""
        code = canonical
        while True:
            found = self.regime_entries.get(code)
            if found is not None:
                return found if found.status != "active" else None
            if "." not in code:
                return None
            code = code.rsplit(".", 1)[0]

    def _munitions_addition(self, hint: RegimeHint, info: ListInfo) -> bool:
        """May a Munitions List number no Wassenaar edition held uses be a national addition?
        Only when the national edition is no older than the oldest Wassenaar edition held:
        before it, the regime may have renumbered the paragraph (an EU Common Military List
        of 2020 against Wassenaar 2021). DSGL 2024 ML8.a.32.g, NTDNA, is a triazole Wassenaar
        has marked "Not used since 2010" in every edition held."""
        oldest = min(
            (i.edition_date for i in self.lists.values() if i.issuer == WASSENAAR), default=None
        )
        return hint.series == "munitions" and oldest is not None and info.edition_date >= oldest

    def _ever_in_regime(self, canonical: str) -> bool:
        """Did an older edition of the Wassenaar list held control anything under the code?
        (A "Not used since 2015" paragraph in every edition held controlled nothing: a
        national list using that number made a control of its own, US 3B001.c.)"""
        if self._older_codes is None:
            self._older_codes = {
                e.canonical
                for info in self.lists.values()
                if info.issuer == WASSENAAR and info is not self.regime_list
                for e in self.entries.get(info.id, [])
                if e.status == "active"
            }
        return canonical in self._older_codes

    def _origin(
        self, entry: ControlEntry, info: ListInfo, hint: RegimeHint, missing: str | None
    ) -> Origin:
        reason = hint.reason
        held = self.regime_list
        # A control the regime dropped: its number is now a placeholder, and an older edition
        # held controlled something under it.
        placeholder = None
        if missing is not None and self._ever_in_regime(missing):
            placeholder = self._placeholder(missing)
        # Not for SCOMET: its own numbering reaches Wassenaar codes only through a re-encoding,
        # and a code no Wassenaar edition has there is more often a mislabelled paragraph.
        if (
            missing is not None
            and held is not None
            and info.system is not CodeSystem.SCOMET
            and (hint.series == "wassenaar" or self._munitions_addition(hint, info))
            and placeholder is None
            and not self._ever_in_regime(missing)
        ):
            # No Wassenaar edition held ever had the code: a national addition numbered in the
            # Wassenaar block (EU 4E001.b.3 for its own 4A506), not a lag or a renumbering.
            editions = ", ".join(
                i.edition
                for i in sorted(self.lists.values(), key=lambda i: i.edition_date)
                if i.issuer == WASSENAAR
            )
            reason = (
                f"numbered in the Wassenaar block as {missing}, but no Wassenaar edition held "
                f"({editions}) controls anything under that code: a national addition"
            )
            dropped = self._placeholder(missing)
            if dropped is not None:
                # Every edition held has the number as a placeholder: whether the national
                # list kept what the regime dropped or reused the number, the control is its own.
                reason = (
                    f"numbered in the Wassenaar block as {missing}, which every Wassenaar "
                    f"edition held ({editions}) marks '{_excerpt(dropped.text)}': the regime "
                    "controls nothing under that number; the national control is the list's own"
                )
            return Origin(
                source=entry.id,
                target=info.issuer,
                series="national",
                unilateral=True,
                reason=reason,
                provenance=self._provenance(reason),
            )
        if missing is not None and held is not None and placeholder is not None:
            when = "older" if info.edition_date < held.edition_date else "newer"
            under = "" if placeholder.canonical == missing else f" (under {placeholder.code})"
            reason = (
                f"numbering points to Wassenaar {missing}{under}, which the {held.edition} "
                f"edition held marks '{_excerpt(placeholder.text)}' ({placeholder.status}): the "
                f"regime no longer controls it; the {info.edition} national edition is {when}"
            )
            # A regime number, kept as a placeholder, is evidence even in SCOMET's re-encoding.
            hint = RegimeHint(
                regime="wassenaar", unilateral=False, series="wassenaar", reason=reason
            )
        elif missing is not None and held is not None:
            if info.edition_date < held.edition_date:
                reason = (
                    f"numbering points to Wassenaar {missing}, which is not in the {held.edition} "
                    f"edition held; the {info.edition} national edition is older, so the entry "
                    "may since have been renumbered or deleted"
                )
            else:
                reason = (
                    f"numbering points to Wassenaar {missing}, which is not in the {held.edition} "
                    f"edition held, although the {info.edition} national edition is newer: a "
                    "national paragraph in the regime's numbering, or a renumbering"
                )
        if hint.unilateral and entry.reasons and all(r.startswith("AT") for r in entry.reasons):
            reason += " (controlled for anti-terrorism reasons only)"
        if hint.regime == "nsg" and "NP2" in entry.reasons and "NP1" not in entry.reasons:
            # The list's own reasons for control say otherwise than its numbering.
            reason = (
                "numbered in the NSG block, but controlled for nuclear non-proliferation under "
                "NP Column 2 only: a control the US keeps alone (15 CFR 742.3), not an "
                "NSG list item"
            )
            hint = RegimeHint(regime=None, unilateral=True, series="us-np2", reason=reason)
        target = ids.regime_id(hint.regime) if hint.regime and not hint.unilateral else info.issuer
        return Origin(
            source=entry.id,
            target=target,
            series=hint.series,
            unilateral=hint.unilateral,
            reason=reason,
            provenance=self._provenance(reason),
        )

    def _subtree_texts(self, list_id: str) -> dict[str, str]:
        """:func:`subtree_texts` of one list, computed once."""
        texts = self._subtrees.get(list_id)
        if texts is None:
            texts = subtree_texts(self.entries.get(list_id, []))
            self._subtrees[list_id] = texts
        return texts

    def _annex_match(
        self, entry: ControlEntry, annex: AnnexIndex, matched: dict[str, str]
    ) -> Implements | None:
        """IMPLEMENTS to the annex entry with the same text; ``matched`` maps national codes to
        annex ids already matched, so a sub-entry is looked for under its parent's match."""
        under = matched.get(entry.parent or "")
        text = self._subtree_texts(entry.list_id).get(entry.canonical, "")
        found = annex.best(entry, text, under)
        if found is None:
            return None
        target, sim = found
        matched[entry.canonical] = target.canonical
        scope, notes = (
            ("same", [])
            if sim >= SAME_TEXT
            else parameter_scope(entry.parameters, target.parameters)
        )
        if scope is None:
            scope = "same" if sim >= 0.9 else "unknown"
        evidence = "; ".join(
            [
                f"{entry.canonical} says what {annex.info.issuer.split(':')[1].upper()} "
                f"{target.code} says ({annex.info.id}): matched by text",
                f"text similarity {sim:.2f}",
                *notes,
            ]
        )
        return Implements(
            source=entry.id,
            target=target.id,
            method="text",
            score=round(sim, 3),
            scope=scope,  # type: ignore[arg-type]
            similarity=round(sim, 3),
            text_differs=False,
            evidence=evidence,
            provenance=self._provenance(evidence),
        )

    def edges(self) -> Iterator[Edge]:
        with_counterpart: set[str] = set()
        unilateral: set[str] = set()
        for list_id, info in sorted(self.lists.items()):
            if info.issuer in REGIME_LISTS:
                continue
            matched: list[Implements] = []
            others: list[Edge] = []
            for edge in self._renumbered(self._list_edges(list_id, info)):
                if isinstance(edge, Implements) and edge.target in self.regime_ids:
                    with_counterpart.add(edge.source)
                    matched.append(edge)
                else:
                    others.append(edge)
            for edge in list(self._by_content(list_id, info, matched)):
                with_counterpart.add(edge.source)
                matched.append(edge)
            for edge in list(self._within_counterparts(list_id, matched)):
                with_counterpart.add(edge.source)
                matched.append(edge)
            for edge in list(self._dual_use_twin(matched)):
                with_counterpart.add(edge.source)
                matched.append(edge)
            for edge in list(self._kept_by_lacking_a_note(matched)):
                with_counterpart.add(edge.source)
                matched.append(edge)
            unilateral.update(e.source for e in others if isinstance(e, Origin) and e.unilateral)
            yield from others
            yield from self._bands_compared_apart(self._split_elsewhere(self._runs_apart(matched)))
        yield from self._same_controls(with_counterpart, unilateral)

    def _runs_apart(self, matched: list[Implements]) -> list[Implements]:
        """A national paragraph that also holds another regime paragraph's words (the copy
        runs it in, unnumbered) does not add that paragraph's bounds to its own: SCOMET
        8A301.b.7.d carries 3.A.1.b.8's "exceeding 80 W/kg" and "less than 400 cm3" (p. 257),
        which say nothing of 3.A.1.b.7.d."""
        holds: dict[str, list[str]] = {}
        for edge in matched:
            if edge.method == "text" and _UNNUMBERED in edge.evidence:
                holds.setdefault(edge.source, []).append(self.by_id[edge.target].code)
        out: list[Implements] = []
        for edge in matched:
            others = holds.get(edge.source)
            if edge.scope == "narrower" and others and _ADDED in edge.evidence:
                kept = [x for x in edge.evidence.split("; ") if not x.startswith(_ADDED)]
                note = f"the bounds it adds are the words of Wassenaar {', '.join(others)} it holds"
                evidence = "; ".join([*kept, note])
                scope = "same" if (edge.similarity or 0.0) >= CONTENT_MATCH else "unknown"
                edge = edge.model_copy(
                    update={
                        "scope": scope,
                        "evidence": evidence,
                        "provenance": self._provenance(evidence),
                    }
                )
            out.append(edge)
        return out

    def _split_elsewhere(self, matched: list[Implements]) -> list[Implements]:
        """A national paragraph narrower by a bound it adds, whose list holds a paragraph of
        the same words with another range of that bound, splits the regime entry's items
        between them: CCL 3B001.f.1.b takes scanners with a chuck overlay up to 1.50 nm,
        3B993.f.1.b those from 1.50 to 2.40 nm (other reasons for control). Narrower stands
        for the paragraph that implements the regime's, and the evidence names the other, so
        that "controls less" is not read as "leaves uncontrolled"."""
        out: list[Implements] = []
        for edge in matched:
            if edge.scope == "narrower" and _ADDED in edge.evidence:
                national = self.by_id[edge.source]
                twin = self._same_words_elsewhere(national)
                if twin is not None:
                    note = (
                        f"{twin.canonical} has the same words with another range of the bound "
                        "it adds: the list splits the regime entry's items between them, under "
                        "their own reasons for control"
                    )
                    evidence = f"{edge.evidence}; {note}"
                    edge = edge.model_copy(
                        update={
                            "evidence": evidence,
                            "provenance": self._provenance(evidence),
                        }
                    )
            out.append(edge)
        return out

    def _same_words_elsewhere(self, national: ControlEntry) -> ControlEntry | None:
        """Another paragraph of the national list, outside this one's branch and in its
        category and group, with the same words, numbers and comparisons aside."""
        trees = self._subtree_texts(national.list_id)
        mine = _squash_words(trees.get(national.canonical, ""))
        group = national.canonical[:2]
        for other in self.entries.get(national.list_id, []):
            if (
                other.status != "active"
                or not other.canonical.startswith(group)
                or other.canonical.startswith(national.canonical.split(".")[0] + ".")
                or other.canonical == national.canonical.split(".")[0]
            ):
                continue
            theirs = _squash_words(trees.get(other.canonical, ""))
            if len(theirs) < CONTENT_MIN or abs(len(theirs) - len(mine)) > len(mine) // 5:
                continue
            if fuzz.token_sort_ratio(mine, theirs) >= CONTENT_MATCH * 100:
                return other
        return None

    def _bands_compared_apart(self, matched: list[Implements]) -> Iterator[Implements]:
        """``matched`` with a national paragraph that spans several regime paragraphs
        compared with each on that paragraph's part only.

        DSGL and SCOMET 6A005.d.1.b.1, "less than 1,400 nm ... exceeding 25 W", also catch
        Wassenaar 2025's b.2 (780-1,100 nm, over 30 W) and b.3 (1,100-1,400 nm, over 25 W),
        compared there. Against b.1 ("less than 780 nm ... exceeding 25 W"), the wider band is
        not more control: what b.1 describes it controls at the same 25 W.
        """
        found: dict[str, set[str]] = {}
        for edge in matched:
            found.setdefault(edge.source, set()).add(edge.target)
        for edge in matched:
            if edge.scope != "broader":
                yield edge
                continue
            national, target = self.by_id[edge.source], self.by_id[edge.target]
            siblings = [
                self.by_id[t]
                for t in found[edge.source]
                if t != target.id and self.by_id[t].parent == target.parent
            ]
            # The quantities on which the national paragraph reaches further, where the
            # regime's paragraphs found under it take over (the wavelength).
            named = {q.quantity for sibling in siblings for q in sibling.parameters}
            band = {
                a.quantity
                for a, b in paired_thresholds(national.parameters, target.parameters)
                if a.quantity in named and compare(a, b) == "stricter"
            }
            if not band:
                yield edge
                continue
            scope, _ = parameter_scope(
                [p for p in national.parameters if p.quantity not in band],
                [q for q in target.parameters if q.quantity not in band],
            )
            if scope != "same":
                yield edge
                continue
            codes = ", ".join(sorted(s.code for s in siblings))
            note = (
                f"its wider {', '.join(sorted(band))} band is also Wassenaar {codes}, compared "
                "there: for this entry's items the same thresholds"
            )
            evidence = f"{edge.evidence}; {note}"
            yield edge.model_copy(
                update={
                    "scope": "same",
                    "evidence": evidence,
                    "provenance": self._provenance(evidence),
                }
            )

    def _kept_by_lacking_a_note(self, matched: list[Implements]) -> Iterator[Implements]:
        """Regime entries still without a counterpart that name a substance (by CAS number)
        another regime entry's Note excludes, where the national counterpart of that other
        entry lacks the Note: the national list controls the substance there. Wassenaar 2025
        lists iodine pentafluoride (CAS 7783-66-6) as dual-use 1.C.11.e and takes it out of
        ML8.d.3 by its Note 3; DSGL 2024 ML8.d.3 ("compounds composed of fluorine and ...
        other halogens") has no such Note, so Australia controls it as a munition."""
        counterparts: dict[str, list[ControlEntry]] = {}
        for edge in matched:
            counterparts.setdefault(edge.target, []).append(self.by_id[edge.source])
        excluded_by: dict[str, list[tuple[ControlEntry, str]]] = {}
        for entry in self._regime_in_order:
            if entry.status != "active":
                continue
            for what in _exclusions(entry.notes):
                for number in wording_module.CAS.findall(what):
                    excluded_by.setdefault(number, []).append((entry, what))
        for target in self._regime_in_order:
            if target.id in counterparts or target.status != "active":
                continue
            for number in wording_module.CAS.findall(target.text):
                for other, what in excluded_by.get(number, []):
                    if other.id == target.id:
                        continue
                    for national in counterparts.get(other.id, []):
                        if what not in self._exclusions_lacked(national, other):
                            continue
                        evidence = (
                            f"Wassenaar {other.code} excludes '{_excerpt(what)}' by a Note and "
                            f"lists it under {target.code}; {national.canonical} has no such "
                            "Note, so the national list controls it there"
                        )
                        yield self._found(national, target, "text", 0.75, "unknown", evidence)
                        counterparts.setdefault(target.id, []).append(national)
                        break

    def _dual_use_twin(self, matched: list[Implements]) -> Iterator[Implements]:
        """Munitions entries still without a counterpart whose words are a whole dual-use
        item of the regime list the national list implements: Wassenaar ML10.j.1 "Sub-orbital
        craft" is also 9.A.4.h "Sub-orbital craft", which controls them all, military ones
        included. Only items, not conditions (paragraphs with sub-entries or a lead-in), and
        only across the two domains: within one, the same words under two headings
        ("designed for command or control") are two different controls."""
        counterparts: dict[str, list[ControlEntry]] = {}
        for edge in matched:
            counterparts.setdefault(edge.target, []).append(self.by_id[edge.source])
        dual_use: dict[str, ControlEntry] = {}
        for e in self._regime_in_order:
            if e.status == "active" and not e.canonical.startswith("ML") and _a_thing(e):
                dual_use.setdefault(_comparable(e.text), e)
        for target in self._regime_in_order:
            if (
                target.id in counterparts
                or target.status != "active"
                or not target.canonical.startswith("ML")
                or not _a_thing(target)
                or target.canonical in self._regime_children
            ):
                continue
            twin = dual_use.get(_comparable(target.text))
            if twin is None or twin.canonical in self._regime_children:
                continue
            for national in counterparts.get(twin.id, []):
                evidence = (
                    f"Wassenaar {target.code} has the words of Wassenaar {twin.code}, a "
                    f"dual-use item {national.canonical} implements; it controls them whether "
                    "made for military use or not"
                )
                yield self._found(national, target, "text", 0.9, "same", evidence, 1.0)

    def _renumbered(self, edges: Iterable[Edge]) -> Iterator[Edge]:
        """Re-point a match by number whose words belong to a sibling of the regime entry.

        A national entry numbered like regime entry X but worded exactly like X's sibling Y is
        Y: the regime renumbered (Wassenaar 2025 split 6.A.5.d.1.b into five bands, and AU
        6A005.d.1.b.2 still says what is now b.4), or the copy lost a number (SCOMET prints the
        first 3.A.1.a.14.a paragraph without one, so its "1." is Wassenaar's a.14.a.2).
        """
        for edge in edges:
            if isinstance(edge, Implements) and edge.method == "code":
                national, target = self.by_id[edge.source], self.by_id[edge.target]
                if same_words(national.text, target.text):
                    yield edge
                    continue
                for sibling in self._regime_children.get(target.parent or "", []):
                    if sibling.id == target.id or sibling.status != "active":
                        continue
                    # Token similarity would take "less than 1,400 nm" for the band
                    # "1,100 nm and less than 1,400 nm": only the very same words count.
                    if same_words(national.text, sibling.text):
                        sim = similarity(national, sibling)
                        evidence = (
                            f"{national.canonical} is numbered like Wassenaar {target.code} but "
                            f"has the words of {sibling.code} (text similarity {sim:.2f}): "
                            "renumbered by the regime, or a number lost in the copy"
                        )
                        edge = self._found(
                            national, sibling, "text", round(sim, 3), "same", evidence, sim
                        )
                        break
            yield edge

    def _within_counterparts(self, list_id: str, matched: list[Implements]) -> Iterator[Implements]:
        """Regime entries still without a counterpart whose parent has one, found under that
        counterpart (or the grandparent's), where the numbering cannot see them:

        * **the words are there**: the copy prints the paragraph without its number, or runs
          it into another one (SCOMET's 8A301.b.7.d holds Wassenaar 3.A.1.b.8, unnumbered);
        * **a broader sibling catches it**: every item the regime entry describes meets the
          thresholds of a national sibling paragraph on the same subject (Wassenaar 2025 added
          6.A.5.a.6.a.3, lasers over 1.5 kW with a given bandwidth; a list still at the 2021
          text controls them all under a.6.a.1, "output power exceeding 1,000 W").
        """
        if self.regime_list is None:
            return
        national = self.entries.get(list_id, [])
        counterparts: dict[str, list[ControlEntry]] = {}
        # National entry -> the words of the regime entries it already stands for.
        owned: dict[str, list[str]] = {}
        for edge in matched:
            counterparts.setdefault(edge.target, []).append(self.by_id[edge.source])
            owned.setdefault(edge.source, []).append(_comparable(self.by_id[edge.target].text))
        below: dict[str, list[ControlEntry]] = {}
        for e in national:
            if e.status == "active":
                below.setdefault(e.parent or "", []).append(e)
        # Each entry -> the first entry after its subtree, in code order.
        ordered = sorted(national, key=_order)
        following: dict[str, ControlEntry] = {}
        for i, e in enumerate(ordered):
            prefix = e.canonical + "."
            j = i + 1
            while j < len(ordered) and ordered[j].canonical.startswith(prefix):
                j += 1
            if j < len(ordered):
                following[e.id] = ordered[j]
        # Parents first: a paragraph found here is searched under for its own sub-paragraphs.
        for target in self._regime_in_order:
            if target.id in counterparts or target.status != "active" or target.parent is None:
                continue
            parent = self.regime_entries.get(target.parent)
            if parent is None:
                continue
            near = counterparts.get(parent.id, [])
            if not near:
                continue  # a paragraph the national list lacks as a whole: nothing to search
            # The copy may run a paragraph into the parent's next sibling (SCOMET 8A301.a.11
            # opens with the words of 3.A.1.a.10.c): the grandparent's counterpart is searched
            # too, once the parent is known to be there.
            grandparent = self.regime_entries.get(parent.parent or "")
            far = counterparts.get(grandparent.id, []) if grandparent is not None else []
            # The paragraph that follows the parent's counterpart may have swallowed the words
            # when the copy lost a number (SCOMET 8C107.c.2 opens with 1.C.7.c.1.b.2's words).
            after = [x for x in (following.get(n.id) for n in near) if x is not None]
            found = self._words_inside(target, near, below, owned)
            if found is None and self._unique_words(target):
                # Further afield only words no other regime paragraph has ("Five or more axes
                # ... contouring control" recurs in every machine-tool item).
                found = self._words_inside(target, far, below, owned) or self._words_inside(
                    target, after, {}, owned
                )
            if found is None:
                found = self._caught_by_sibling(target, near, below)
            if found is not None:
                counterparts.setdefault(target.id, []).append(self.by_id[found.source])
                owned.setdefault(found.source, []).append(_comparable(target.text))
                yield found

    def _found(
        self,
        national: ControlEntry,
        target: ControlEntry,
        method: Literal["text", "parameters"],
        score: float,
        scope: Literal["same", "broader", "unknown"],
        evidence: str,
        similarity: float | None = None,
    ) -> Implements:
        """A counterpart the numbering could not see, with the reason it was found."""
        return Implements(
            source=national.id,
            target=target.id,
            method=method,
            score=score,
            scope=scope,
            similarity=None if similarity is None else round(similarity, 3),
            evidence=evidence,
            provenance=self._provenance(evidence),
        )

    def _unique_words(self, target: ControlEntry) -> bool:
        """Does no other paragraph of the regime list hold ``target``'s words?"""
        if self._regime_words is None:
            self._regime_words = {e.id: _comparable(e.text) for e in self.regime_entries.values()}
        words = self._regime_words[target.id]
        return not any(
            words in other for key, other in self._regime_words.items() if key != target.id
        )

    def _subtree(
        self, anchors: list[ControlEntry], below: dict[str, list[ControlEntry]]
    ) -> Iterator[ControlEntry]:
        stack = list(anchors)
        while stack:
            e = stack.pop()
            yield e
            stack.extend(below.get(e.canonical, []))

    def _words_inside(
        self,
        target: ControlEntry,
        anchors: list[ControlEntry],
        below: dict[str, list[ControlEntry]],
        owned: dict[str, list[str]],
    ) -> Implements | None:
        """A national entry whose text holds ``target``'s words, unless those words are
        already the words of a regime entry it stands for (every band of 6.A.5.a has its
        "'Multiple transverse mode' output" paragraph)."""
        words = _comparable(target.text)
        if len(words) < WORDS_INSIDE_MIN or not anchors:
            return None
        for national in self._subtree(anchors, below):
            if (
                national.status == "active"
                and words in _comparable(national.text)
                and not any(words in other for other in owned.get(national.id, []))
            ):
                evidence = (
                    f"the words of Wassenaar {target.code} are in {national.canonical} "
                    f'("{_excerpt(target.text)}"), {_UNNUMBERED}'
                )
                return self._found(national, target, "text", 0.8, "same", evidence)
        return None

    def _caught_by_sibling(
        self,
        target: ControlEntry,
        anchors: list[ControlEntry],
        below: dict[str, list[ControlEntry]],
    ) -> Implements | None:
        conditions = self._conditions(target)
        if not conditions:
            return None
        described = _squash_words(self._subtree_texts(target.list_id)[target.canonical])
        for anchor in anchors:
            for sibling in below.get(anchor.canonical, []):
                if below.get(sibling.canonical) or not sibling.parameters:
                    continue  # only a leaf's thresholds are the whole of its conditions
                relations = []
                for p in sibling.parameters:
                    rel = next(
                        (r for q in conditions if (r := compare(p, q)) in ("stricter", "same")),
                        None,
                    )
                    if rel is None:
                        break
                    relations.append(rel)
                else:
                    subject = fuzz.token_set_ratio(_squash_words(sibling.text), described)
                    if subject < CAUGHT_SUBJECT * 100:
                        continue
                    # The regime's further conditions only mark out its part of what the
                    # national paragraph covers (a wavelength band): the same thresholds on
                    # what both name are the same control for the regime entry's items.
                    scope: Literal["same", "broader"] = (
                        "same" if set(relations) == {"same"} else "broader"
                    )
                    ours = "; ".join(p.text for p in sibling.parameters)
                    theirs = "; ".join(q.text for q in conditions)
                    evidence = (
                        f"{sibling.canonical} ({ours}) catches every item of Wassenaar "
                        f"{target.code} ({theirs}): the national list controls it under "
                        "another paragraph"
                    )
                    return self._found(sibling, target, "parameters", 0.75, scope, evidence)
        return None

    def _conditions(self, target: ControlEntry) -> list[Parameter]:
        """Thresholds an item must meet all of to fall under regime entry ``target``."""
        return _conjunction(target, self._regime_children)

    def _exclusions_lacked(self, entry: ControlEntry, target: ControlEntry) -> list[str]:
        """What the regime entry's Notes say it "does not apply to" and the national entry
        does not exclude: in a Note of its own, of a parent or of a paragraph below it (lists
        place them differently), or in its words. Not for a copy known to lose Notes.

        DSGL 2024 ML8.d.3 excludes chlorine trifluoride and gaseous nitrogen trifluoride
        (Notes 1 and 2) but not Wassenaar 2025's Note 3, iodine pentafluoride: Australia
        controls it, Wassenaar does not."""
        info = self.lists.get(entry.list_id)
        excluded = _exclusions(target.notes)
        if info is None or "notes" in info.copy_may_lack or not excluded:
            return []
        said = [entry.text, *entry.notes, *(n for a in self._ancestors(entry) for n in a.notes)]
        below = [e for e in self._subtree_entries(entry) if e is not entry]
        said.extend(n for e in below for n in e.notes)
        return [x for x in excluded if not _excluded_in(x, " ".join(said))]

    def _added_conditions(self, entry: ControlEntry, target: ControlEntry) -> list[Parameter]:
        """Bounds the national entry adds to every bound of the regime entry, both sides being
        conjunctions ("all of the following"): it then controls fewer items (US 3B001.f.1.b
        adds a light source of 193 nm or longer and a chuck overlay of 1.50 nm or less to
        Wassenaar's "MRF of 45 nm or less"). Empty unless every regime bound is found, the
        same, among the national ones, and the regime text does not state the added numbers
        (a bound the regime states in words the extractor missed)."""
        ours = [p for p in _conjunction(entry, self._national_children(entry.list_id)) if _bound(p)]
        theirs = [q for q in self._conditions(target) if _bound(q)]
        if not ours or not theirs:
            return []
        for q in theirs:
            if not any(p.quantity == q.quantity and compare(p, q) == "same" for p in ours):
                return []
        regime_words = self._subtree_texts(target.list_id).get(target.canonical, target.text)
        stated = set(_numbers(regime_words))
        quantities = {q.quantity for q in theirs}
        # A bound whose other side a sibling of the regime entry takes narrows nothing: CCL
        # 3B001.f.1.b's "193 nm or longer", where Wassenaar 3.B.1.f.1.a is "shorter than 193 nm".
        siblings = [
            q
            for sibling in self._regime_children.get(target.parent or "", [])
            if sibling.id != target.id and sibling.status == "active"
            for q in sibling.parameters
        ]
        return [
            p
            for p in ours
            if p.quantity not in quantities
            and not set(_numbers(p.text)) & stated
            and not any(_other_side(p, q) for q in siblings)
        ]

    def _same_controls(
        self, with_counterpart: set[str], unilateral: set[str]
    ) -> Iterator[SameControl]:
        """National entries of different issuers with the same text and no Wassenaar
        counterpart: controls adopted outside the regimes by several states. Newest edition of
        each national list only; entries compared within one category and group; pairs under
        the same code are left to the comparison by code."""
        newest: dict[tuple[str, str], ListInfo] = {}
        for info in self.lists.values():
            if info.issuer in REGIME_LISTS or info.system is CodeSystem.SCOMET:
                continue
            key = (info.issuer, series_of(info.id))
            if key not in newest or info.edition_date > newest[key].edition_date:
                newest[key] = info
        pools: dict[str, dict[str, list[tuple[ControlEntry, str]]]] = {}
        for info in newest.values():
            entries = self.entries.get(info.id, [])
            # An item's own words are often a heading; its sub-entries say what it controls.
            trees = subtree_texts(entries)
            ids_of = {e.canonical: e.id for e in entries}
            for e in entries:
                # A national addition's top entry (an item, or a paragraph under one with a
                # Wassenaar counterpart: US 3B001.c.1) is compared with its sub-entries.
                top = e.parent is None or ids_of.get(e.parent) in with_counterpart
                text = trees[e.canonical] if top else entry_text(e)
                if e.id in with_counterpart or e.status != "active" or len(text) < CONTENT_MIN:
                    continue
                family = "ML" if e.canonical.startswith("ML") else e.canonical[:2]
                pools.setdefault(family, {}).setdefault(info.issuer, []).append((e, text))
        found = list(self._pools_same(pools))
        yield from found
        # Technology and software entries cite their items by each list's own code and words
        # (AU 4E901 "items specified in 4A901.b., 4A901.c., or 4D901" is US 4E906.a "items
        # controlled by 4A906.b, 4A906.c, or 4D906"): once those items are known to be the
        # same control, their codes are read as one and the entries not yet matched compared
        # again, a few rounds (software first, then the technology citing it).
        issuer_of = {e.id: issuer for issuer, e in _pooled(pools)}
        for _ in range(TWIN_ROUNDS):
            twins = _twin_codes(found, issuer_of)
            done = {m.source for m in found} | {m.target for m in found}
            again = {
                family: {
                    issuer: [
                        (e, _cite_twins(text, twins, issuer))
                        for e, text in pooled
                        if e.id not in done
                    ]
                    for issuer, pooled in by_issuer.items()
                }
                for family, by_issuer in pools.items()
            }
            more = list(self._pools_same(again, same_cites=True))
            if not more:
                break
            yield from more
            found.extend(more)
        near = list(self._neighbours_same(found, pools))
        yield from near
        own = {
            family: {
                issuer: [(e, t) for e, t in pooled if self._under(e, unilateral)]
                for issuer, pooled in by_issuer.items()
            }
            for family, by_issuer in pools.items()
        }
        yield from self._other_bounds([*found, *near], own)

    def _under(self, entry: ControlEntry, origins: set[str]) -> bool:
        """Is the entry, or an entry above it, one of ``origins``?"""
        return any(e.id in origins for e in (entry, *self._ancestors(entry)))

    def _ancestors(self, entry: ControlEntry) -> list[ControlEntry]:
        """The entries above a national entry in its list, nearest first."""
        table = self._canonical_of(entry.list_id)
        out: list[ControlEntry] = []
        above = table.get(entry.parent) if entry.parent else None
        while above is not None:
            out.append(above)
            above = table.get(above.parent) if above.parent else None
        return out

    def _other_bounds(
        self,
        found: list[SameControl],
        pools: dict[str, dict[str, list[tuple[ControlEntry, str]]]],
    ) -> Iterator[SameControl]:
        """National entries of different issuers, not yet matched, that say the same with
        other bounds: one's words (numbers aside) hold all of the other's, and both bound the
        same quantity at other values. US 3A090.a, integrated circuits with "one or more
        digital processing units having" a 'total processing performance' of 4800 or more (or
        1600 with a 'performance density' of 5.92), is EU 3A501.a.16 at a TPP of 6000 or more:
        one control adopted outside the regimes, the EU's higher bound leaving more chips free."""
        links: list[tuple[ControlEntry, ControlEntry]] = []
        done = {m.source for m in found} | {m.target for m in found}
        # An entry with a part already found to be the same control in another list is
        # compared there part by part (AU 3B901.a and .b are US 3B001.c.1.a and .c): the
        # whole of it is not "the same with other bounds" as some larger entry of that list.
        parted: set[tuple[str, str]] = set()
        for m in found:
            for one, two in ((m.source, m.target), (m.target, m.source)):
                there = self.by_id[two].list_id
                parted.update((above.id, there) for above in self._ancestors(self.by_id[one]))
        for family in sorted(pools):
            issuers = sorted(pools[family])
            for i, first in enumerate(issuers):
                for second in issuers[i + 1 :]:
                    taken: set[str] = set()
                    for entry, _ in pools[family][first]:
                        if entry.id in done:
                            continue
                        match = self._same_words_other_bounds(
                            entry,
                            [
                                e
                                for e, _ in pools[family][second]
                                if e.id not in done
                                and e.id not in taken
                                and (entry.id, e.list_id) not in parted
                                and (e.id, entry.list_id) not in parted
                            ],
                        )
                        if match is None:
                            continue
                        other, sim, bounds = match
                        taken.add(other.id)
                        links.append((entry, other))
                        yield self._same_control(
                            entry,
                            other,
                            sim,
                            f"{entry.id} and {other.id} say the same with other bounds ({bounds}; "
                            f"text similarity {sim:.2f}, numbers aside); neither has a "
                            "counterpart in the Wassenaar list held",
                            bounds="other",
                        )
        yield from self._citing_other_bounds(links, pools)

    def _citing_other_bounds(
        self,
        links: list[tuple[ControlEntry, ControlEntry]],
        pools: dict[str, dict[str, list[tuple[ControlEntry, str]]]],
    ) -> Iterator[SameControl]:
        """Entries that say the same of two items found to be one control with other bounds,
        each citing its own list's item, share those other bounds: US 4A090.a, computers
        "containing integrated circuits, any of which meets or exceeds the limits in 3A090.a",
        is EU 4A507, computers "containing one or more integrated circuits, specified by
        3A501.a.16"."""
        citing: dict[tuple[str, str], list[ControlEntry]] = {}
        for _, entry in _pooled(pools):
            for code in _CITED_CODE.findall(entry_text(entry)):
                citing.setdefault((entry.list_id, code.upper()), []).append(entry)
        seen: set[tuple[str, str]] = set()
        for a, b in links:
            for x in citing.get((a.list_id, a.canonical.upper()), []):
                for y in citing.get((b.list_id, b.canonical.upper()), []):
                    if (x.id, y.id) in seen:
                        continue
                    seen.add((x.id, y.id))
                    words = [_squash_words(_CITED_CODE.sub(" ", entry_text(e))) for e in (x, y)]
                    sim = fuzz.token_set_ratio(*words) / 100.0
                    if sim < CITING_MATCH:
                        continue
                    yield self._same_control(
                        x,
                        y,
                        sim,
                        f"{x.id} and {y.id} say the same (text similarity {sim:.2f}, citations "
                        f"aside) of {a.canonical} and {b.canonical}, one control with other "
                        "bounds; neither has a counterpart in the Wassenaar list held",
                        bounds="other",
                    )

    def _same_words_other_bounds(
        self, entry: ControlEntry, theirs: list[ControlEntry]
    ) -> tuple[ControlEntry, float, str] | None:
        ours = self._subtree_parameters(entry)
        quantities = {p.quantity for p in ours}
        if not quantities:
            return None
        mine = _squash_words(self._subtree_texts(entry.list_id).get(entry.canonical, ""))
        best: tuple[float, ControlEntry, str] | None = None
        for other in theirs:
            params = self._subtree_parameters(other)
            shared = {
                q
                for q in quantities & {p.quantity for p in params}
                if not same_bounds(
                    [p for p in ours if p.quantity == q],
                    [p for p in params if p.quantity == q],
                    rel_tol=ROUNDED,
                )
            }
            if not shared:
                continue
            words = _squash_words(self._subtree_texts(other.list_id).get(other.canonical, ""))
            if min(len(mine.split()), len(words.split())) < OTHER_BOUNDS_WORDS:
                continue
            held = fuzz.token_set_ratio(mine, words) / 100.0
            close = fuzz.token_sort_ratio(mine, words) / 100.0
            if held < OTHER_BOUNDS_HELD or close < OTHER_BOUNDS_CLOSE:
                continue
            if best is None or held > best[0]:
                bounds = "; ".join(
                    f"{q}: {_said(ours, q)} against {_said(params, q)}" for q in sorted(shared)
                )
                best = (held, other, bounds)
        return None if best is None else (best[1], best[0], best[2])

    def _neighbours_same(
        self,
        found: list[SameControl],
        pools: dict[str, dict[str, list[tuple[ControlEntry, str]]]],
    ) -> Iterator[SameControl]:
        """A last look among the entries of items already found to share paragraphs: two of
        them not yet matched are the same control when their words are close and they state
        the very same thresholds. US 3B001.d.8 (ALD of a TiAlC work function metal, "greater
        than 30 °C", "greater than 4.0 eV") is EU 3B501.n.1.c ("303,15 K (30 °C)", "4,0 eV"),
        worded otherwise, while 3B001.d.1, d.3 and d.4.a-d are EU 3B501.n.2, n.8 and n.7.a-d."""
        done = {m.source for m in found} | {m.target for m in found}
        linked: set[tuple[str, str]] = set()
        for m in found:
            for x in self._near_ancestors(self.by_id[m.source]):
                for y in self._near_ancestors(self.by_id[m.target]):
                    linked.update(((x, y), (y, x)))
        for family in sorted(pools):
            issuers = sorted(pools[family])
            for i, first in enumerate(issuers):
                for second in issuers[i + 1 :]:
                    for entry, _ in pools[family][first]:
                        if entry.id in done:
                            continue
                        # The same code: the comparison by code already sees it.
                        theirs = [
                            e
                            for e, _ in pools[family][second]
                            if e.id not in done and e.canonical != entry.canonical
                        ]
                        match = self._neighbour(entry, theirs, linked)
                        if match is None:
                            continue
                        other, sim = match
                        done.update((entry.id, other.id))
                        yield self._same_control(
                            entry,
                            other,
                            sim,
                            f"{entry.id} and {other.id} state the same thresholds in close words "
                            f"(text similarity {sim:.2f}), under items already found to share "
                            "paragraphs; neither has a counterpart in the Wassenaar list held",
                        )

    def _near_ancestors(self, entry: ControlEntry) -> list[str]:
        """The entry's parent and grandparent (ids)."""
        table = self._canonical_of(entry.list_id)
        out: list[str] = []
        current = entry
        while current.parent is not None and len(out) < NEIGHBOUR_DEPTH:
            parent = table.get(current.parent)
            if parent is None:
                break
            out.append(parent.id)
            current = parent
        return out

    def _neighbour(
        self, entry: ControlEntry, theirs: list[ControlEntry], linked: set[tuple[str, str]]
    ) -> tuple[ControlEntry, float] | None:
        ours = self._subtree_parameters(entry)
        if len(ours) < NEIGHBOUR_BOUNDS:
            return None
        mine = self._near_ancestors(entry)
        text = self._subtree_texts(entry.list_id).get(entry.canonical, "")
        best: tuple[float, ControlEntry] | None = None
        for other in theirs:
            # Under headings with the same words, linked by paragraphs already matched: the
            # same words under other headings ("cylinders having a diameter of 120 mm or
            # greater" of graphite in 1C107.a and of tungsten in 1C117.c) are other controls.
            if not any(
                (a, b) in linked and self._same_heading(a, b)
                for a in mine
                for b in self._near_ancestors(other)
            ):
                continue
            if not same_bounds(ours, self._subtree_parameters(other)):
                continue
            words = self._subtree_texts(other.list_id).get(other.canonical, "")
            sim = fuzz.token_set_ratio(text, words) / 100.0
            if sim >= NEIGHBOUR_MATCH and (best is None or sim > best[0]):
                best = (sim, other)
        return None if best is None else (best[1], best[0])

    def _same_heading(self, a: str, b: str) -> bool:
        left, right = entry_text(self.by_id[a]), entry_text(self.by_id[b])
        return fuzz.token_sort_ratio(left, right) >= CONTENT_MATCH * 100

    def _canonical_of(self, list_id: str) -> dict[str, ControlEntry]:
        table = self._canonical.get(list_id)
        if table is None:
            table = {e.canonical: e for e in self.entries.get(list_id, [])}
            self._canonical[list_id] = table
        return table

    def _subtree_entries(self, entry: ControlEntry) -> list[ControlEntry]:
        """The entry and every entry below it in its national list."""
        children = self._national_children(entry.list_id)
        out: list[ControlEntry] = []
        stack = [entry]
        while stack:
            e = stack.pop()
            out.append(e)
            stack.extend(children.get(e.canonical, []))
        return out

    def _subtree_parameters(self, entry: ControlEntry) -> list[Parameter]:
        return [p for e in self._subtree_entries(entry) for p in e.parameters]

    def _pools_same(
        self,
        pools: dict[str, dict[str, list[tuple[ControlEntry, str]]]],
        *,
        same_cites: bool = False,
    ) -> Iterator[SameControl]:
        for family in sorted(pools):
            issuers = sorted(pools[family])
            for i, first in enumerate(issuers):
                for second in issuers[i + 1 :]:
                    yield from self._pair_same(
                        pools[family][first], pools[family][second], same_cites=same_cites
                    )

    def _pair_same(
        self,
        ours: list[tuple[ControlEntry, str]],
        theirs: list[tuple[ControlEntry, str]],
        *,
        same_cites: bool = False,
    ) -> Iterator[SameControl]:
        """Best text match of each of ``ours`` among ``theirs``; with ``same_cites``, only if
        both cite the same items (texts from :func:`_cite_twins`: "software for the use of
        equipment specified by 3B901" is not "... described in 3A225")."""
        texts = {i: text for i, (_, text) in enumerate(theirs)}
        taken: set[int] = set()
        for entry, text in ours:
            best = process.extractOne(
                text, texts, scorer=fuzz.token_sort_ratio, score_cutoff=CONTENT_MATCH * 100
            )
            if best is None or best[2] in taken:
                continue
            if same_cites and _cited_items(text) != _cited_items(theirs[best[2]][1]):
                continue
            taken.add(best[2])
            other = theirs[best[2]][0]
            if other.canonical == entry.canonical:
                continue  # the same code: the comparison by code already sees it
            sim = best[1] / 100.0
            yield self._same_control(
                entry,
                other,
                sim,
                f"{entry.id} and {other.id} say the same (text similarity {sim:.2f}); neither has "
                "a counterpart in the Wassenaar list held",
            )

    def _same_control(
        self,
        entry: ControlEntry,
        other: ControlEntry,
        sim: float,
        evidence: str,
        bounds: Literal["same", "other"] = "same",
    ) -> SameControl:
        """Two national entries of different issuers found to be one control."""
        return SameControl(
            source=entry.id,
            target=other.id,
            similarity=round(sim, 3),
            bounds=bounds,
            evidence=evidence,
            provenance=self._provenance(evidence),
        )

    def _by_content(
        self, list_id: str, info: ListInfo, matched: list[Implements]
    ) -> Iterator[Implements]:
        """Regime entries the numbering (``matched``: its matches, re-pointed where renumbered)
        found no counterpart for, matched to national entries
        with the same text under another code (renumbered, relettered, SCOMET's own order).

        Only national entries the numbering did not match, or matched to a regime entry whose
        text differs materially, are candidates; the texts must be nearly the same, and the codes
        they cite must be the same (so "software for equipment in 6.A.5" is not taken for
        "software for equipment in 6.A.8").
        """
        if self.regime_list is None:
            return
        found = {e.target for e in matched}
        # National entries the numbering matched to a regime entry with the same words are
        # settled; any other (renumbered items leave a code pointing at a different text) may
        # still carry the text of a regime entry the numbering found no counterpart for.
        good = {e.source for e in matched if (e.similarity or 0.0) >= SAME_TEXT}
        children = self._national_children(list_id)
        candidates = [
            e
            for e in self.entries.get(list_id, [])
            if e.id not in good
            and e.status == "active"
            and (len(entry_text(e)) >= CONTENT_MIN or children.get(e.canonical))
        ]
        if not candidates:
            return
        texts = {
            i: entry_text(e) for i, e in enumerate(candidates) if len(entry_text(e)) >= CONTENT_MIN
        }
        trees = self._subtree_texts(list_id)
        headed = {
            i: trees[e.canonical] for i, e in enumerate(candidates) if children.get(e.canonical)
        }
        munitions_only = info.system is CodeSystem.MUNITIONS
        for target in self.regime_entries.values():
            if target.id in found or target.status != "active":
                continue
            if munitions_only != target.canonical.startswith("ML") and info.system in (
                CodeSystem.MUNITIONS,
                CodeSystem.ECCN,
            ):
                continue
            query = entry_text(target)
            pool = texts
            if len(query) < CONTENT_MIN:
                if target.canonical not in self._regime_children:
                    continue
                # A heading ("'Technology' as follows:") is told by what it heads: EU 6E003.a
                # is Wassenaar 6.E.3.d, whose letters a.-c. the regime keeps as "- None".
                query = self._subtree_texts(target.list_id)[target.canonical]
                pool = headed
            best = process.extractOne(
                query, pool, scorer=fuzz.token_sort_ratio, score_cutoff=CONTENT_MATCH * 100
            )
            if best is None:
                continue
            national = candidates[best[2]]
            if _cited(national.text, info.system) != _cited(target.text, CodeSystem.WASSENAAR):
                continue
            # Short texts recur ("designed to operate at depths exceeding 1,000 m"): they must
            # also sit under the same Wassenaar item by number.
            code = self._code(national, info)
            same_item = (
                code is not None
                and (wassenaar_equivalent(code) or "").split(".")[0]
                == target.canonical.split(".")[0]
            )
            if (len(query) < CONTENT_ALONE or pool is headed) and not same_item:
                continue
            sim = best[1] / 100.0
            evidence = (
                f"{national.canonical} has the text of Wassenaar {target.code} under another "
                f"code: matched by text (similarity {sim:.2f}), the codes they cite agree"
            )
            yield Implements(
                source=national.id,
                target=target.id,
                method="text",
                score=round(sim, 3),
                scope="same" if sim >= SAME_TEXT else "unknown",
                similarity=round(sim, 3),
                text_differs=False,
                evidence=evidence,
                provenance=self._provenance(evidence),
            )

    def _list_edges(self, list_id: str, info: ListInfo) -> Iterator[Edge]:
        """IMPLEMENTS and ORIGIN edges of one national list, from its numbering and the annexes."""
        parent_hint: dict[str, str] = {}
        annex_match: dict[str, str] = {}
        # National entry -> the regime entry its numbering matched (to see a parent's match).
        matched_to: dict[str, ControlEntry] = {}
        for entry in sorted(self.entries.get(list_id, []), key=lambda e: e.canonical):
            code = self._code(entry, info)
            if code is None:
                continue
            hint = regime_hint(code, info.issuer_code)
            annex = self.annexes.get(hint.regime or "") if not hint.unilateral else None
            if annex is not None:
                found = self._annex_match(entry, annex, annex_match)
                if found is not None:
                    # The ORIGIN edge below still says which regime the entry comes from.
                    yield found
            match = self._stated(entry) if info.system is CodeSystem.SCOMET else None
            missing = None
            if match is None:
                match, missing = self._by_number(code)
            if match is not None and self.regime_list is not None:
                matched_to[entry.canonical] = match.target
                yield self._implements(entry, match)
            if missing is not None and self._itemises(entry, matched_to):
                # The regime entry of the parent has no sub-paragraphs: the national list
                # itemises its text (Wassenaar 2025 moved the riot control agents of 1.A.4.a.4
                # into a definition; national lists still list them). Not a divergence.
                continue
            if match is None and info.system is CodeSystem.SCOMET:
                stated = self._stated_elsewhere(entry)
                if stated is not None:
                    yield stated
                    continue
            parent_series = parent_hint.get(entry.parent or "")
            parent_hint[entry.canonical] = hint.series
            # Items always say where they come from; sub-entries only when it differs.
            says_more = entry.level == 0 or hint.series != parent_series or missing is not None
            if says_more and (match is None or hint.unilateral):
                yield self._origin(entry, info, hint, missing)


_ITEM_CODE = re.compile(r"\b(\d[A-E]\d{3})\b", re.I)  # pooled texts are lower case
#: An item cited in a text from :func:`_cite_twins`: a twin's name or a lower-case code.
_CITED_ITEM = re.compile(r"\b(?:twin\d+|\d[a-e]\d{3})\b")


def _bound(p: Parameter) -> bool:
    """A threshold, not a stated value ("3 dB bandwidth", "K factor = 0.35")."""
    return p.comparator != "="


def _conjunction(
    entry: ControlEntry, children_of: dict[str, list[ControlEntry]]
) -> list[Parameter]:
    """Thresholds an item must meet all of to fall under ``entry`` (empty when its
    sub-paragraphs are alternatives, or when it has none)."""
    children = children_of.get(entry.canonical, [])
    if not children:
        return list(entry.parameters)
    if not _ALL_OF.search(entry.text):
        return []  # "any of the following", or no telling
    found = list(entry.parameters)
    for child in children:
        if child.status != "active":
            continue
        if children_of.get(child.canonical):
            return []  # deeper structure: not a plain conjunction of thresholds
        if not child.parameters:
            return []  # a condition without a threshold cannot be compared
        found.extend(child.parameters)
    return found


def _said(parameters: list[Parameter], quantity: str) -> str:
    """How a text bounds a quantity, in its own words ("TPP of 6000 or more")."""
    return " or ".join(sorted({p.text for p in parameters if p.quantity == quantity}))


def _pooled(
    pools: dict[str, dict[str, list[tuple[ControlEntry, str]]]],
) -> Iterator[tuple[str, ControlEntry]]:
    for by_issuer in pools.values():
        for issuer, pooled in by_issuer.items():
            for entry, _ in pooled:
                yield issuer, entry


def _twin_codes(found: list[SameControl], issuer_of: dict[str, str]) -> dict[tuple[str, str], str]:
    """(issuer, item code) -> one name for the items several issuers list as the same control
    under their own codes (US 4A906, AU 4A901 and EU 4A506 all read as one)."""
    names: dict[tuple[str, str], str] = {}
    for match in found:
        ends = [
            (issuer_of[entry_id], entry_id.rsplit(":", 1)[-1].split(".")[0])
            for entry_id in (match.source, match.target)
        ]
        name = next((names[end] for end in ends if end in names), f"twin{len(names)}")
        for end in ends:
            names.setdefault(end, name)
    return names


#: Lists cite other entries in their own words: "specified by" (Wassenaar, EU, Australia),
#: "controlled by" (US), "items" or "commodities".
_CITED_AS = re.compile(
    r"\b(?:(?:items|commodities)\s+)?(?:specified|controlled|described)\s+(?:in|by|under)\b",
    re.I,
)
_PUNCTUATION = re.compile(r"[^\w\s]")


def _cited_items(text: str) -> frozenset[str]:
    return frozenset(_CITED_ITEM.findall(text))


def _cite_twins(text: str, twins: dict[tuple[str, str], str], issuer: str) -> str:
    """``text`` with twin items under one name and citations in one wording."""
    text = _ITEM_CODE.sub(lambda m: twins.get((issuer, m.group(1).upper()), m.group(1)), text)
    return _PUNCTUATION.sub(" ", _CITED_AS.sub(" cited ", text)).lower()


#: The code the alignment is derived with: a change to any of it makes the alignment stale.
_DERIVED_WITH = (
    Path(__file__),
    Path(editions_module.__file__),
    Path(tagging_module.__file__),
    Path(parameters_module.__file__),
    *sorted(Path(codes_module.__file__).parent.glob("*.py")),
    Path(wording_module.__file__),
)


#: Sources the alignment does not read: itself, and news documents (``ingest.documents``),
#: whose ingest must not make the lists' alignment stale.
_NOT_INPUTS = frozenset({SOURCE_ID, "documents"})


def derivation_digest(store: GraphStore) -> str:
    """What the alignment is derived from: every other source edition's content digest, and
    the code that derives it. The alignment records it; when it differs (a source written by
    an ingest that was killed before the alignment, or a new Harmonia), the alignment is stale.
    """
    h = hashlib.sha256()
    for record in store.sources():
        if record.source_id not in _NOT_INPUTS:
            h.update(f"{record.key}\x1f{record.digest}\x1e".encode())
    for path in _DERIVED_WITH:
        h.update(path.read_bytes())
    return h.hexdigest()


def alignment_batch(store: GraphStore) -> SourceBatch:
    """IMPLEMENTS, ORIGIN and COVERS edges for everything in the store, as one batch."""
    derived_from = derivation_digest(store)
    aligner = Aligner(store)
    technologies = []
    for record in store.nodes("Technology"):
        tech = node_from_record(record)
        assert isinstance(tech, Technology)
        technologies.append(tech)
    tagger = Tagger(technologies)
    tags = [
        tag
        for list_id, info in sorted(aligner.lists.items())
        for tag in tagger.tags(aligner.entries.get(list_id, []), info.system)
    ]
    edges = [e.to_record() for e in aligner.edges()]
    edges.extend(e.to_record() for e in covers_edges(tags))
    editions = [
        Edition(info.id, info.issuer, series_of(info.id), info.edition, info.edition_date)
        for info in aligner.lists.values()
    ]
    provenance = Provenance(source=SOURCE_ID, edition=EDITION, citation="edition concordance")
    edges.extend(e.to_record() for e in edition_edges(editions, aligner.entries, provenance))
    return SourceBatch(
        source_id=SOURCE_ID,
        edition=EDITION,
        title="Alignment with the regime lists, edition concordance and technology tags (derived)",
        # No file is read: the digest of what it was derived from stands in its place.
        file_sha256=derived_from,
        nodes=[],
        edges=edges,
    )


@dataclass(frozen=True)
class Disagreement:
    """How often the best text match disagrees with the numbering's match."""

    checked: int
    disagree: int
    examples: list[tuple[str, str, str]]

    @property
    def rate(self) -> float:
        return self.disagree / self.checked if self.checked else 0.0


def code_vs_text(aligner: Aligner, margin: float = 0.05) -> Disagreement:
    """Check every code match against a text-only search among the regime entries.

    For each national entry matched by numbering, the regime entries of the same category and
    group (``5A...``) are ranked by text similarity. The two methods disagree when another
    regime entry's text is closer than the numbered counterpart's by more than ``margin``.
    """
    families: dict[str, tuple[list[ControlEntry], list[str]]] = {}
    for entry in aligner.regime_entries.values():
        text = entry_text(entry)
        if text:
            members, texts = families.setdefault(entry.canonical[:2], ([], []))
            members.append(entry)
            texts.append(text)
    checked = disagree = 0
    examples: list[tuple[str, str, str]] = []
    for edge in aligner.edges():
        if not isinstance(edge, Implements) or edge.method != "code":
            continue
        national = aligner.by_id[edge.source]
        target = aligner.by_id[edge.target]
        query = entry_text(national)
        members, texts = families.get(target.canonical[:2], ([], []))
        if not query or not texts:
            continue
        checked += 1
        own = similarity(national, target)
        _, score, index = process.extractOne(query, texts, scorer=fuzz.token_set_ratio)
        best = members[index]
        if best.id != target.id and score / 100.0 > own + margin:
            disagree += 1
            if len(examples) < 20:
                examples.append((national.id, target.canonical, best.canonical))
    return Disagreement(checked, disagree, examples)
