"""Search: entries by code in any numbering, by words (English text, or a technology label in
English, French or Arabic), and listed parties by name (fuzzy)."""

from __future__ import annotations

import re
import threading
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from graph_schema.codes import CodeError, CodeSystem, ControlCode, parse_code, wassenaar_equivalent
from queries.errors import InvalidQuery
from queries.evidence import edition_ref, entry_ref, entry_text, page
from queries.index import Index
from queries.party_match import Match, PartyLists
from queries.reading.records import EntryInfo, ListingInfo, PartyInfo, TechInfo
from queries.requests import SearchRequest
from queries.text import fold, tokens
from queries.views import (
    EntryHit,
    ListingView,
    PartyHit,
    PartyMatchView,
    PartyView,
    QueryReading,
    SearchReport,
)

#: Which list numberings can hold a code written in a given system.
_COMPATIBLE: dict[CodeSystem, frozenset[str]] = {
    CodeSystem.WASSENAAR: frozenset({"wassenaar", "eccn"}),
    CodeSystem.ECCN: frozenset({"wassenaar", "eccn"}),
    CodeSystem.MUNITIONS: frozenset({"wassenaar", "munitions"}),
    CodeSystem.UK_NATIONAL: frozenset({"uk-national"}),
    CodeSystem.SCOMET: frozenset({"scomet"}),
}
MAX_QUERY = 200


@dataclass(frozen=True)
class _Names:
    choices: list[str]
    owners: list[int]
    parties: list[PartyInfo]


@dataclass(frozen=True)
class Words:
    """One list edition's word postings (token -> entry ids) and folded entry texts."""

    postings: dict[str, set[str]]
    texts: dict[str, str]


Covering = dict[str, list[tuple[EntryInfo, str, str, str, float]]]


def _words(entries: dict[str, EntryInfo]) -> Words:
    postings: dict[str, set[str]] = defaultdict(set)
    texts = {}
    for e in entries.values():
        text = entry_text(e)
        texts[e.id] = fold(text)
        for token in tokens(text):
            postings[token].add(e.id)
    return Words(dict(postings), texts)


def _covering(entries: dict[str, EntryInfo]) -> Covering:
    table: Covering = defaultdict(list)
    for e in entries.values():
        for c in e.covers:
            table[c.technology].append((e, c.technology, c.method, c.matched, c.score))
    return dict(table)


class SearchIndexes:
    """Party-name and phrase indexes built lazily once per revision; the word and technology
    tables of each list edition kept with that edition's index tables (so their number is
    bounded however many editions the graph holds)."""

    def __init__(self, index: Index) -> None:
        self.index = index
        self._lock = threading.Lock()
        self._names: _Names | None = None
        self._phrases: list[tuple[TechInfo, str, str, str]] | None = None
        self._party_lists: PartyLists | None = None

    def party_lists(self) -> PartyLists:
        """Every issuer's listed parties, for matching names across issuers' lists."""
        with self._lock:
            if self._party_lists is None:
                self._party_lists = PartyLists(self.index.data)
            return self._party_lists

    def phrases(self) -> list[tuple[TechInfo, str, str, str]]:
        """(technology, phrase, language, folded phrase) for every label and synonym."""
        with self._lock:
            if self._phrases is None:
                out = []
                for tech in self.index.techs.values():
                    pairs = [("en", tech.name), *tech.labels.items()]
                    for lang, names in tech.synonyms.items():
                        pairs += [(lang, n) for n in names]
                    for lang, phrase in pairs:
                        if fold(phrase):
                            out.append((tech, phrase, lang, fold(phrase)))
                self._phrases = out
            return self._phrases

    def covering(self, list_id: str) -> Covering:
        """Technology -> (entry, technology, method, matched, score) in one list edition."""
        return self.index.derived(list_id, "search-covering", _covering)

    def words(self, list_id: str) -> Words:
        return self.index.derived(list_id, "search-words", _words)

    def names(self) -> _Names:
        with self._lock:
            if self._names is None:
                parties = self.index.data.parties()
                choices: list[str] = []
                owners: list[int] = []
                for i, party in enumerate(parties):
                    for name in dict.fromkeys([party.name, *party.aliases]):
                        if name.strip():
                            choices.append(fold(name))
                            owners.append(i)
                self._names = _Names(choices, owners, parties)
            return self._names


class Search:
    def __init__(self, index: Index, indexes: SearchIndexes) -> None:
        self.index = index
        self.indexes = indexes

    # --- entries ------------------------------------------------------------------------------

    def entries(
        self, request: SearchRequest, *, limit: int | None = None, offset: int = 0
    ) -> SearchReport:
        mode, system, list_id = request.mode, request.system, request.list_id
        text = request.q.strip()
        if not text:
            raise InvalidQuery("the query is empty")
        if len(text) > MAX_QUERY:
            raise InvalidQuery(f"the query is longer than {MAX_QUERY} characters")
        chosen_system = None
        if system is not None:
            try:
                chosen_system = CodeSystem(system)
            except ValueError as exc:
                known = ", ".join(s.value for s in CodeSystem)
                raise InvalidQuery(f"unknown code system {system!r} (known: {known})") from exc
        if list_id is not None and list_id not in self.index.all_lists:
            raise InvalidQuery(f"no list edition {list_id!r}; see /lists")
        if list_id is not None:
            lists = [list_id]
        elif request.editions == "all":
            lists = sorted(self.index.all_lists)
        else:
            lists = [i.id for i in self.index.current_lists]
        code: ControlCode | None = None
        if mode in ("auto", "code"):
            try:
                code = parse_code(text, chosen_system)
            except CodeError as exc:
                if mode == "code":
                    raise InvalidQuery(str(exc)) from exc
        techs: list[str] = []
        if code is not None:
            counterpart = wassenaar_equivalent(code)
            hits = self._by_code(code, counterpart, lists)
            reading = QueryReading(
                kind="code",
                system=code.system.value,
                code=code.written,
                canonical=code.canonical,
                wassenaar=counterpart if counterpart != code.canonical else None,
            )
        else:
            hits, techs = self._by_words(text, lists)
            reading = QueryReading(kind="words")
        if list_id is not None:
            hits = [h for h in hits if h.entry.list_id == list_id]
        items, bounds = page(hits, limit, offset)
        return SearchReport(
            items=items,
            **bounds,
            query=text,
            interpreted_as=_said(reading, techs),
            reading=reading,
            technologies=techs,
        )

    def _hit(self, e: EntryInfo, match: str, score: float, reason: str) -> EntryHit:
        return EntryHit(
            entry=entry_ref(e),
            edition=edition_ref(self.index.all_lists[e.list_id]),
            match=match,  # type: ignore[arg-type]
            score=round(score, 1),
            reason=reason,
        )

    def _by_code(
        self, code: ControlCode, counterpart: str | None, lists: list[str]
    ) -> list[EntryHit]:
        """Entries with ``code``, and those of ``counterpart``, the Wassenaar code it denotes."""
        index = self.index
        wanted = _COMPATIBLE[code.system]
        hits: list[EntryHit] = []
        seen: set[str] = set()
        regime_entries: list[EntryInfo] = []
        for info in sorted((index.all_lists[i] for i in lists), key=lambda i: i.id):
            if info.numbering not in wanted:
                continue
            e = index.entries(info.id).get(code.canonical)
            if e is None:
                continue
            seen.add(e.id)
            hits.append(self._hit(e, "code", 100.0, f"{info.id} lists {e.code}"))
            regime_entries.extend(
                found for i in e.implements if (found := index.entry(i.target)) is not None
            )
        ref = index.reference
        if ref is not None and counterpart is not None:
            found = index.entries(ref.id).get(counterpart)
            if found is not None:
                regime_entries.append(found)
        for r in regime_entries:
            if r.id not in seen:
                seen.add(r.id)
                hits.append(
                    self._hit(r, "counterpart", 95.0, f"the Wassenaar entry {r.code} it denotes")
                )
        for r in list(regime_entries):
            for e, impl in index.implementers(r.id, within=frozenset(lists)):
                if e.id in seen:
                    continue
                seen.add(e.id)
                hits.append(
                    self._hit(
                        e, "counterpart", 90.0, f"implements Wassenaar {r.code} ({impl.evidence})"
                    )
                )
        return hits

    def _by_words(self, text: str, lists: list[str]) -> tuple[list[EntryHit], list[str]]:
        index = self.index
        techs = self._technologies(text)
        hits: dict[str, EntryHit] = {}
        for tech, label, lang in techs:
            for narrower in sorted(index.tech_closure(tech.id)):
                for list_id in lists:
                    for e, covered, method, matched, score in self.indexes.covering(list_id).get(
                        narrower, []
                    ):
                        if e.id in hits:
                            continue
                        hits[e.id] = self._hit(
                            e,
                            "technology",
                            95.0 * score,
                            f"covers {index.techs[covered].name} ({method}: {matched}); the "
                            f"query matched the {lang} label '{label}' of {tech.name}",
                        )
        wanted = tokens(text)
        if wanted:
            needed = len(wanted) if len(wanted) <= 2 else max(2, (len(wanted) * 2 + 2) // 3)
            phrase = fold(text)
            for list_id in lists:
                words = self.indexes.words(list_id)
                counts: dict[str, int] = defaultdict(int)
                for token in wanted:
                    for entry_id in words.postings.get(token, ()):
                        counts[entry_id] += 1
                for entry_id, n in counts.items():
                    if n < needed or entry_id in hits:
                        continue
                    hit = index.entry(entry_id)
                    if hit is None or hit.status != "active":
                        continue
                    score = 80.0 * n / len(wanted)
                    if phrase in words.texts.get(entry_id, ""):
                        score += 15.0
                    hits[entry_id] = self._hit(
                        hit,
                        "words",
                        score,
                        f"its text contains {n} of the {len(wanted)} query words",
                    )
        ordered = sorted(
            hits.values(),
            key=lambda h: (
                -h.score,
                h.entry.list_id != self._reference_id(),
                h.entry.list_id,
                h.entry.canonical,
            ),
        )
        return ordered, [t.id for t, _, _ in techs]

    def _reference_id(self) -> str:
        return self.index.reference.id if self.index.reference is not None else ""

    def _technologies(self, text: str) -> list[tuple[TechInfo, str, str]]:
        """Technologies whose label or synonym (any language) the query is or contains."""
        wanted = fold(text)
        padded = f" {wanted} "
        found: list[tuple[TechInfo, str, str]] = []
        matched: set[str] = set()
        for tech, phrase, lang, folded in self.indexes.phrases():
            if tech.id in matched:
                continue
            # The whole query, or a phrase of 4+ characters standing as words inside it.
            if folded == wanted or (len(folded) >= 4 and f" {folded} " in padded):
                found.append((tech, phrase, lang))
                matched.add(tech.id)
        # A broader technology matched only because a narrower label contains it is dropped.
        ids = {t.id for t, _, _ in found}
        return [x for x in found if not (self.index.tech_closure(x[0].id) - {x[0].id}) & ids]

    # --- parties ------------------------------------------------------------------------------

    def parties(
        self,
        name: str,
        *,
        limit: int = 20,
        min_score: float = 80.0,
        offset: int = 0,
    ) -> tuple[list[PartyHit], int]:
        """Parties whose name or an alias matches ``name`` (fuzzy), best first, and the total."""
        text = name.strip()
        if not text:
            raise InvalidQuery("the name is empty")
        if len(text) > MAX_QUERY:
            raise InvalidQuery(f"the name is longer than {MAX_QUERY} characters")
        names = self.indexes.names()
        wanted = fold(text)
        # token_set_ratio is three times cheaper than WRatio over ~57,000 names and finds the
        # same candidates (a query inside a longer name scores 100); WRatio then ranks them.
        found = process.extract(
            wanted,
            names.choices,
            scorer=fuzz.token_set_ratio,
            processor=None,
            limit=max(200, (offset + limit) * 4),
            score_cutoff=max(0.0, min_score - 10.0),
        )
        best: dict[int, tuple[float, str]] = {}
        boundary = re.compile(rf"(?<!\w){re.escape(wanted)}")
        for matched, _, position in found:
            owner = names.owners[position]
            score = fuzz.WRatio(wanted, matched)
            if not boundary.search(matched):
                # WRatio scores a string found inside another highly ("nso" in "mansour",
                # "elle" in "intellexa"): unless the query starts a word of the name, the
                # whole strings must be alike.
                score = max(fuzz.ratio(wanted, matched), fuzz.token_sort_ratio(wanted, matched))
            if score < min_score:
                continue
            # An exact name beats a fuzzy one at the same score.
            score = float(score) + (0.5 if matched == wanted else 0.0)
            if owner not in best or score > best[owner][0]:
                best[owner] = (score, matched)
        ranked = sorted(best.items(), key=lambda kv: (-kv[1][0], names.parties[kv[0]].name))
        chosen = ranked[offset : offset + limit]
        listings = self.index.data.listings([names.parties[i].id for i, _ in chosen])
        by_party: dict[str, list[ListingInfo]] = defaultdict(list)
        for listing in listings:
            by_party[listing.party].append(listing)
        hits = []
        lists = self.indexes.party_lists() if chosen else None
        for i, (score, _) in chosen:
            party = names.parties[i]
            shown = next(
                (n for n in [party.name, *party.aliases] if fold(n) == best[i][1]), party.name
            )
            mine = by_party.get(party.id, [])
            view = party_view(party, mine)
            issuers = sorted({x.issuer for x in mine})
            reason = (
                f"'{shown}' matches '{text}' (score {min(score, 100.0):.0f}); listed by "
                f"{', '.join(self.index.iso2(x) for x in issuers) or 'nobody'} on "
                f"{'; '.join(sorted({x.list_name for x in view.listings})) or 'no list'}"
            )
            counterparts = []
            for other in lists.issuers() if lists is not None else []:
                if other in issuers or lists is None:
                    continue
                closest = lists.match(party, mine, other)
                if closest.verdict != "only":
                    counterparts.append(match_view(self.index, closest, other))
            for c in counterparts:
                assert c.candidate is not None
                how = "also listed" if c.verdict == "both" else "possibly listed"
                reason += (
                    f"; {how} by {c.compared_with} as '{c.candidate_name}' (score {c.score:.0f})"
                )
            hits.append(
                PartyHit(
                    party=view,
                    matched=shown,
                    score=round(min(score, 100.0), 1),
                    reason=reason,
                    counterparts=counterparts,
                )
            )
        return hits, len(ranked)


def match_view(index: Index, match: Match, issuer: str) -> PartyMatchView:
    """A match found on ``issuer``'s lists, as served."""
    return PartyMatchView.of(
        match, compared_with=index.iso2(issuer), candidate=candidate_view(match)
    )


def candidate_view(match: Match) -> PartyView | None:
    """The closest party a match found, as served (None when none came close)."""
    candidate = match.candidate
    return party_view(candidate.party, candidate.listings) if candidate else None


def party_view(party: PartyInfo, listings: Sequence[ListingInfo]) -> PartyView:
    return PartyView(
        id=party.id,
        name=party.name,
        kind=party.kind,
        aliases=list(party.aliases),
        countries=list(party.countries),
        lists=list(party.lists),
        listings=[
            ListingView(
                issuer=x.issuer,
                list_name=x.list_name,
                date=x.date,
                reason=x.reason,
                citation=x.citation,
                source=x.source,
                edition=x.edition,
            )
            for x in listings
        ],
    )


def _said(reading: QueryReading, technologies: list[str]) -> str:
    """The reading in English, as ``interpreted_as`` has always said it."""
    if reading.kind == "words":
        return "words" + ("; technology " + ", ".join(technologies) if technologies else "")
    said = f"{reading.system} code {reading.code} (canonical {reading.canonical})"
    if reading.wassenaar is not None:
        said += f", numbered like Wassenaar {reading.wassenaar}"
    return said
