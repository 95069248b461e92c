"""Matching listed parties across issuers' lists by name, at query time.

Each issuer's parties are kept apart in the graph (the US and Japan list the same company under
their own spellings, and nothing in the sources links the two entries), so "does Japan list the
party the US lists?" is answered here, by comparing names and aliases:

1. **Normalisation.** Each name and alias is NFKC-normalised (full-width letters and brackets
   of the Japanese list become ASCII), bracketed parts dropped as a second variant ("Korea
   Mining Development Trading Corporation (KOMID) (朝鮮鉱業開発貿易会社)"), case, accents,
   punctuation and a few stop words folded away, and legal forms stripped from both ends with
   cleanco's table of company types ("Co., Ltd.", "LLC", "OOO", "GmbH" ...), completed with the
   forms these lists use that it lacks ("JSC", "AO", "FZE", "Pvt" ...).
2. **Blocking.** Candidates share a word, or the consonant skeleton of a word (which absorbs
   vowel spellings of one transliteration: "Hemmat"/"Hemat", "Ryonbong"/"Ryongbong"), that
   few names of the other list carry; names written without spaces are compared whole.
3. **Scoring** (rapidfuzz, 0-100): the best of the word-order-free similarity of the two
   normalised names and the similarity of the names without spaces ("Fara Tech" = "Faratech"),
   judged on the words that tell parties apart: words frequent in either list ("korea",
   "trading", "industry") that both names share are set aside, so "Korea Kangsong Trading" and
   "Korea Kwangsong Trading" are as alike as "kangsong" and "kwangsong". A name whose words are
   all in the other (two words or more, at most twice as many) scores at least
   :data:`SUBSET_SCORE`; different numbers ("CETC 16", "CETC 26") keep names apart; a person
   is never matched with a company.
4. **Verdict.** ``both`` when the score reaches the match threshold and the parties' countries
   do not contradict each other; ``review`` (a possible match for a person to check) from the
   review threshold, or when the names match but the countries differ; ``only`` otherwise.

The thresholds were set by reading the matches between the US Consolidated Screening List and
METI's Foreign End-User List: distinct North Korean companies such as "Korea Kangsong Trading"
and "Korea Kwangsong Trading" score about 94, so such near names are left for review, never
counted as the same party.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from cleanco.clean import get_unique_terms, normalize_terms
from rapidfuzz import fuzz, process

from queries.reading.reader import GraphData
from queries.reading.records import ListingInfo, PartyInfo
from queries.requests import MATCH_SCORE, REVIEW_SCORE, Verdict
from queries.text import fold

VERDICTS: tuple[Verdict, ...] = ("only", "review", "both")
#: Score of a name all of whose words (two or more) are in the other name.
SUBSET_SCORE = 90.0
#: Score of two names whose only telling words are on one side ("Korea General Trading" and
#: "Korea Songkwang General Trading").
UNLIKE_SCORE = 75.0
#: A word carried by more names than this on the other list is too common to find candidates.
_BLOCK_MAX = 150
#: A word carried by more names than this (or 1% of an issuer's names) does not tell parties
#: apart.
_FREQUENT_MIN = 25
#: Comparisons kept per graph revision (one per pair of issuers, direction and lists).
_CACHED = 16
#: Legal forms of these lists that cleanco's table lacks (compared after normalisation).
_EXTRA_FORMS = (
    "jsc",
    "pjsc",
    "cjsc",
    "ojsc",
    "ao",
    "pao",
    "zao",
    "jsc npo",
    "fze",
    "fzc",
    "fzco",
    "fz llc",
    "fzllc",
    "pvt",
    "pvt ltd",
    "private ltd",
    "private limited",
    "pty",
    "pty ltd",
    "joint stock company",
    "open joint stock company",
    "closed joint stock company",
    "public joint stock company",
    "limited liability company",
    "joint venture company",
    "company limited",
    "sal",
    "sarl",
    "est",
    "establishment",
    "fsue",
    "federal state unitary enterprise",
    "llp",
)
_STOP = frozenset({"the", "of", "and", "for", "in", "a", "s"})
#: Spellings of common words brought to one form, so they do not lower a score.
_CANON = {
    "industries": "industry",
    "industrial": "industry",
    "industrie": "industry",
    "technologies": "technology",
    "technological": "technology",
    "tech": "technology",
    "electronic": "electronics",
    "intl": "international",
    "engg": "engineering",
    "centre": "center",
    "defence": "defense",
    "organisation": "organization",
    "co": "company",
    "corp": "corporation",
}
_BRACKETS = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
_INCLUDING = re.compile(r"[,;]\s*including\b", re.IGNORECASE)
_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)
_VOWELS = re.compile(r"(?<=.)[aeiouy]")


@cache
def _forms() -> tuple[frozenset[tuple[str, ...]], int]:
    """Legal forms as word tuples (cleanco's table plus ours), and the longest form's length."""
    terms = {tuple(t.split()) for t in normalize_terms(get_unique_terms()) if t.strip()}
    terms |= {tuple(t.split()) for t in _EXTRA_FORMS}
    return frozenset(terms), max(len(t) for t in terms)


def _strip_forms(words: list[str]) -> list[str]:
    """Words without legal forms at either end (repeatedly: "Co., Ltd." is two forms)."""
    forms, longest = _forms()
    changed = True
    while changed and len(words) > 1:
        changed = False
        for size in range(min(longest, len(words) - 1), 0, -1):
            if tuple(words[-size:]) in forms:
                words = words[:-size]
                changed = True
                break
            if tuple(words[:size]) in forms:
                words = words[size:]
                changed = True
                break
    return words


def _words(text: str) -> list[str]:
    plain = fold(text.replace("&", " and ").replace(".", "").replace("/", " "))
    return [w for w in _NON_WORD.sub(" ", plain).replace("_", " ").split() if w not in _STOP]


def normalise(text: str) -> str:
    """The form two names are compared in: "Shenzhen Iprogift Technology Co., Ltd" ->
    "shenzhen iprogift technology"."""
    words = _strip_forms(_words(unicodedata.normalize("NFKC", text)))
    # Legal forms are read before common words are brought to one form ("co" ends a name).
    return " ".join(_CANON.get(w, w) for w in words)


@dataclass(frozen=True, slots=True)
class Form:
    """One normalised form of one name or alias."""

    text: str
    key: str
    compact: str
    #: The name folded but with its legal forms kept, without spaces ("tradingcompany").
    plain: str
    words: tuple[str, ...]
    #: Keys of the blocking index that find its candidates.
    blocks: frozenset[str]


def forms(text: str) -> list[Form]:
    """Normalised forms of one name: whole, without its bracketed parts, and before a
    description (the Entity List's "Ministry of Defence of the Russian Federation, including
    the Armed Forces of Russia ...")."""
    plain = unicodedata.normalize("NFKC", text)
    out: dict[str, Form] = {}
    head = _INCLUDING.split(plain, maxsplit=1)[0]
    for variant in dict.fromkeys([plain, _BRACKETS.sub(" ", plain), head]):
        key = normalise(variant)
        if key and key not in out:
            compact = "".join(_words(variant))
            words = tuple(key.split())
            out[key] = Form(text, key, key.replace(" ", ""), compact, words, _block_keys(words))
    return list(out.values())


def _skeleton(word: str) -> str:
    """Consonants of a word, doubled letters once: "hemmat" -> "hmt", "ryonbong" -> "rnbng"."""
    bare = _VOWELS.sub("", word)
    return re.sub(r"(.)\1+", r"\1", bare)


def _block_keys(words: Sequence[str]) -> frozenset[str]:
    keys = set()
    for word in words:
        if len(word) >= 2 or word.isdigit():
            keys.add(word)
        if len(word) >= 5:
            keys.add("~" + _skeleton(word))
    return frozenset(keys)


def _similarity(a: str, b: str) -> float:
    """Word-order-free similarity, or that of the strings without spaces if higher."""
    return max(fuzz.token_sort_ratio(a, b), fuzz.ratio(a.replace(" ", ""), b.replace(" ", "")))


def _contained(a: Sequence[str], b: Sequence[str], least: int) -> bool:
    """All words of the shorter name are in the longer, which has at most twice as many."""
    small, large = sorted((set(a), set(b)), key=len)
    return least <= len(small) < len(large) <= 2 * len(small) and small < large


def score(a: Form, b: Form, common: frozenset[str]) -> float:
    """How alike two names are, 0-100, judged on the words that tell parties apart.

    ``common`` are words too frequent in the lists to tell parties apart ("korea", "trading",
    "industry"). Those both names share are set aside: "Korea Kangsong Trading" and "Korea
    Kwangsong Trading" are as alike as "kangsong" and "kwangsong", not as their whole names.
    Names that differ only in common words ("Houthi", "Houthi Group") are left for review;
    different numbers ("CETC 16", "CETC 26") are different parties.
    """
    if a.plain == b.plain:  # the same letters, spaced or punctuated otherwise
        return 100.0
    whole = max(_similarity(a.key, b.key), fuzz.ratio(a.plain, b.plain))
    words_a, words_b = a.words, b.words
    numbers_a = {w for w in words_a if w.isdigit()}
    numbers_b = {w for w in words_b if w.isdigit()}
    if numbers_a and numbers_b and numbers_a != numbers_b:
        return min(whole, UNLIKE_SCORE)
    contained = _contained(words_a, words_b, 2)
    if contained:
        whole = max(whole, SUBSET_SCORE)
    aside = set(words_a) & set(words_b) & common
    own = [w for w in words_a if w not in aside]
    other = [w for w in words_b if w not in aside]
    if not own or not other:  # one name is only common words the other has too
        return whole if own == other else min(whole, UNLIKE_SCORE)
    if set(own) ^ set(other) <= common:  # they differ only in common words
        return max(whole, SUBSET_SCORE)
    distinct = _similarity(" ".join(own), " ".join(other))
    if contained and _contained(own, other, 1):
        distinct = max(distinct, SUBSET_SCORE)
    return min(whole, distinct)


@dataclass(frozen=True, slots=True)
class Listed:
    """A party as one issuer lists it."""

    party: PartyInfo
    issuer: str
    #: Names of this issuer's lists that name the party.
    lists: tuple[str, ...]
    listings: tuple[ListingInfo, ...]


@dataclass(frozen=True, slots=True)
class Match:
    """The closest party on the other list, and what was compared."""

    party: Listed
    candidate: Listed | None
    score: float
    name: str
    candidate_name: str
    verdict: Verdict
    #: None when either party gives no country.
    countries_agree: bool | None


class IssuerParties:
    """One issuer's listed parties and an index of their names for finding candidates."""

    def __init__(self, issuer: str, parties: Sequence[Listed]) -> None:
        self.issuer = issuer
        self.parties = list(parties)
        self.lists = sorted({name for p in self.parties for name in p.lists})
        self.forms: list[Form] = []
        self.owners: list[int] = []
        self._names: dict[str, list[Form]] = {}
        postings: dict[str, list[int]] = defaultdict(list)
        whole: dict[str, list[int]] = defaultdict(list)
        for i, listed in enumerate(self.parties):
            self._names[listed.party.id] = party_forms(listed.party)
            for form in self._names[listed.party.id]:
                at = len(self.forms)
                self.forms.append(form)
                self.owners.append(i)
                whole[form.compact].append(at)
                for block in form.blocks:
                    postings[block].append(at)
        self._postings = dict(postings)
        self._whole = dict(whole)
        self.keys = [f.key for f in self.forms]
        self.compacts = [f.compact for f in self.forms]
        self._kinds = [self.parties[o].party.kind for o in self.owners]
        frequent = max(_FREQUENT_MIN, len(self.forms) / 100)
        self.common = frozenset(
            w for w, ps in self._postings.items() if not w.startswith("~") and len(ps) > frequent
        )

    def names_of(self, party: PartyInfo) -> list[Form]:
        """The normalised forms of every name and alias of a party."""
        return self._names.get(party.id) or party_forms(party)

    def _candidates(self, form: Form) -> set[int]:
        found = set(self._whole.get(form.compact, ()))
        lists = sorted((self._postings[b] for b in form.blocks if b in self._postings), key=len)
        # Rare words find the candidates; a name made only of common words uses its rarest.
        for ps in [ps for ps in lists if len(ps) <= _BLOCK_MAX] or lists[:1]:
            found.update(ps)
        return found

    def best(
        self,
        party: Listed,
        names: Iterable[Form],
        allowed: Callable[[Listed], bool] | None = None,
        *,
        common: frozenset[str] = frozenset(),
        match_score: float = MATCH_SCORE,
        review_score: float = REVIEW_SCORE,
    ) -> Match:
        """The party of this issuer closest to ``party`` (named ``names``), with a verdict."""
        common = common | self.common
        kind = party.party.kind
        # (score, countries not contradicting, -owner: the first by name on a tie), forms
        best: tuple[float, int, int, Form, Form] | None = None
        for form in names:
            cands = list(self._candidates(form))
            if kind in _KINDS:  # a person is never a company: skip the other kinds
                cands = [i for i in cands if not _other_kind(kind, self._kinds[i])]
            if allowed is not None:
                cands = [i for i in cands if allowed(self.owner(i))]
            if not cands:
                continue
            shortlist: set[int] = set()
            for scorer, query, pool in (
                (fuzz.token_sort_ratio, form.key, self.keys),
                (fuzz.ratio, form.compact, self.compacts),
            ):
                # Below half alike a name is no candidate worth showing.
                found = process.extract(
                    query,
                    {i: pool[i] for i in cands},
                    scorer=scorer,
                    processor=None,
                    limit=4,
                    score_cutoff=50,
                )
                shortlist.update(int(i) for _, _, i in found)
            for i in shortlist:
                other = self.forms[i]
                value = score(form, other, common)
                owner = self.owners[i]
                agree = _agree(party.party.countries, self.parties[owner].party.countries)
                rank = (value, 0 if agree is False else 1, -owner)
                if best is None or rank > best[:3]:
                    best = (*rank, form, other)
        if best is None:
            return Match(party, None, 0.0, party.party.name, "", "only", None)
        value, _, owner, form, other = best
        owner = -owner
        candidate = self.parties[owner]
        agree = _agree(party.party.countries, candidate.party.countries)
        # A short name ("MMZ", "UEC") says little unless it is the same, in the same country.
        short = min(len(form.compact), len(other.compact)) < 4
        if short and not (form.compact == other.compact and agree):
            value = min(value, review_score)
        if value >= match_score and agree is not False:
            verdict: Verdict = "both"
        elif value >= match_score or (value >= review_score and agree is not False):
            # Countries that contradict each other leave only a near-identical name to review.
            verdict = "review"
        else:
            verdict = "only"
        return Match(party, candidate, round(value, 1), form.text, other.text, verdict, agree)

    def owner(self, name_index: int) -> Listed:
        return self.parties[self.owners[name_index]]


def party_forms(party: PartyInfo) -> list[Form]:
    return [f for t in dict.fromkeys([party.name, *party.aliases]) for f in forms(t)]


#: Where the lists give China for places in Hong Kong and Macau (as the US lists now do), the
#: two do not contradict each other.
_SAME_COUNTRY = {"HK": "CN", "MO": "CN"}


#: Kinds of party that are never one another (a person is not a company); "unknown" (the BIS
#: lists give none) may be any.
_KINDS = frozenset({"entity", "individual", "vessel", "aircraft"})


def _other_kind(a: str, b: str) -> bool:
    return a != b and a in _KINDS and b in _KINDS


def _agree(a: Sequence[str], b: Sequence[str]) -> bool | None:
    if not a or not b:
        return None
    return bool({_SAME_COUNTRY.get(c, c) for c in a} & {_SAME_COUNTRY.get(c, c) for c in b})


class PartyLists:
    """Every issuer's party lists, indexed once per graph revision (lazily, per issuer)."""

    def __init__(self, data: GraphData) -> None:
        self.data = data
        self._lock = threading.Lock()
        self._by_issuer: dict[str, list[Listed]] | None = None
        self._indexes: dict[str, IssuerParties] = {}
        self._compared: dict[tuple[object, ...], list[Match]] = {}

    def _grouped(self) -> dict[str, list[Listed]]:
        if self._by_issuer is None:
            parties = self.data.parties()
            by_party: dict[str, list[ListingInfo]] = defaultdict(list)
            for x in self.data.listings([p.id for p in parties]):
                by_party[x.party].append(x)
            grouped: dict[str, list[Listed]] = defaultdict(list)
            for p in sorted(parties, key=lambda p: (p.name, p.id)):
                listings = by_party.get(p.id, [])
                for issuer in sorted({x.issuer for x in listings}):
                    mine = tuple(x for x in listings if x.issuer == issuer)
                    names = tuple(sorted({x.list_name for x in mine}))
                    grouped[issuer].append(Listed(p, issuer, names, tuple(listings)))
            self._by_issuer = dict(grouped)
        return self._by_issuer

    def warm(self) -> None:
        """Index every issuer's names now (the first party query would otherwise)."""
        for issuer in self.issuers():
            self.of(issuer)

    def issuers(self) -> list[str]:
        with self._lock:
            return sorted(self._grouped())

    def of(self, issuer: str) -> IssuerParties:
        with self._lock:
            found = self._indexes.get(issuer)
            if found is None:
                found = IssuerParties(issuer, self._grouped().get(issuer, []))
                self._indexes[issuer] = found
            return found

    def match(
        self,
        party: PartyInfo,
        listings: Sequence[ListingInfo],
        issuer: str,
        *,
        match_score: float = MATCH_SCORE,
        review_score: float = REVIEW_SCORE,
    ) -> Match:
        """The closest party on ``issuer``'s lists to one party (of any issuer)."""
        own = Listed(party, "", tuple(sorted({x.list_name for x in listings})), tuple(listings))
        common: frozenset[str] = frozenset()
        for other in sorted({x.issuer for x in listings} - {issuer}):
            common |= self.of(other).common
        return self.of(issuer).best(
            own,
            party_forms(party),
            lambda x: x.party.id != party.id,
            common=common,
            match_score=match_score,
            review_score=review_score,
        )

    def compare(
        self,
        first: str,
        second: str,
        *,
        first_lists: frozenset[str] | None = None,
        second_lists: frozenset[str] | None = None,
        match_score: float = MATCH_SCORE,
        review_score: float = REVIEW_SCORE,
    ) -> list[Match]:
        """Every party of ``first``'s lists matched against ``second``'s, then the reverse.

        ``*_lists`` restrict an issuer to some of its lists (None: all of them), both for the
        parties compared and for the candidates found.
        """
        scores = (match_score, review_score)
        return [
            *self.one_way(first, second, first_lists, second_lists, scores),
            *self.one_way(second, first, second_lists, first_lists, scores),
        ]

    def one_way(
        self,
        mine: str,
        theirs: str,
        own_lists: frozenset[str] | None = None,
        other_lists: frozenset[str] | None = None,
        scores: tuple[float, float] = (MATCH_SCORE, REVIEW_SCORE),
    ) -> list[Match]:
        """Every party of ``mine``'s lists matched against ``theirs``'s (cached)."""
        key = (mine, theirs, own_lists, other_lists, scores)
        with self._lock:
            cached = self._compared.get(key)
        if cached is not None:
            return cached
        index, other = self.of(mine), self.of(theirs)
        allowed = _on(other_lists)
        out = [
            other.best(
                listed,
                index.names_of(listed.party),
                allowed,
                common=index.common,
                match_score=scores[0],
                review_score=scores[1],
            )
            for listed in index.parties
            if own_lists is None or set(listed.lists) & own_lists
        ]
        with self._lock:
            if len(self._compared) >= _CACHED:  # filters vary; keep the latest few
                self._compared.pop(next(iter(self._compared)))
            self._compared[key] = out
        return out


def _on(lists: frozenset[str] | None) -> Callable[[Listed], bool] | None:
    if lists is None:
        return None
    return lambda x: bool(set(x.lists) & lists)
