"""Party gaps: parties one issuer lists and its partners do not, and two issuers' party lists
compared both ways, matched by name (:mod:`queries.party_match`).

A partner with no party list in the graph is reported as such, never as not listing a party.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from queries.brief_i18n import PARTY_COUNTRIES, say
from queries.errors import InvalidQuery
from queries.evidence import and_join, page
from queries.index import Index
from queries.party_match import VERDICTS, Match
from queries.requests import PartyGapsRequest, PartyListGapsRequest
from queries.search import Search, candidate_view, party_view
from queries.text import fold
from queries.views import (
    PartnerStatus,
    PartyGapReport,
    PartyGapRow,
    PartyListGapReport,
    PartyListGapRow,
)


class PartyGaps:
    def __init__(self, index: Index, search: Search) -> None:
        self.index = index
        self.search = search

    # --- parties ------------------------------------------------------------------------------

    def parties(
        self, request: PartyGapsRequest, *, limit: int = 20, offset: int = 0
    ) -> PartyGapReport:
        index = self.index
        name, min_score = request.name, request.min_score
        partner_nodes = self._partners(request.partner or ["echri"])
        hits, total = self.search.parties(name, limit=limit, offset=offset, min_score=min_score)
        party_lists = self.search.indexes.party_lists()
        issuers = party_lists.issuers()
        held = [index.iso2(i) for i in issuers]
        rows = []
        for hit in hits:
            direct = sorted({x.issuer for x in hit.party.listings})
            matched = {c.compared_with: c for c in hit.counterparts}
            statuses = []
            for node in partner_nodes:
                if node in direct:
                    continue
                iso2 = index.iso2(node)
                found = matched.get(iso2)
                if node not in issuers:
                    status = "no-party-list-held"
                elif found is None:
                    status = "not-listed"
                else:
                    status = "listed" if found.verdict == "both" else "possible-match"
                statuses.append(PartnerStatus(jurisdiction=iso2, status=status, match=found))  # type: ignore[arg-type]
            by_name = [c for c in hit.counterparts if c.verdict == "both"]
            listed_by = [index.iso2(i) for i in direct] + [c.compared_with for c in by_name]
            unknown = [p.jurisdiction for p in statuses if p.status == "no-party-list-held"]
            missing = [p.jurisdiction for p in statuses if p.status == "not-listed"]
            possible = [p for p in statuses if p.status == "possible-match"]
            lists = sorted({x.list_name for x in hit.party.listings})
            by = and_join([index.iso2(i) for i in direct]) or "nobody in the graph"
            reason = f"{hit.party.name} is listed by {by}"
            if lists:
                reason += f" ({'; '.join(lists)})"
            for c in by_name:
                assert c.candidate is not None
                reason += (
                    f", and by {c.compared_with} as '{c.candidate_name}' (matched by name, "
                    f"score {c.score:.0f})"
                )
            for p in possible:
                assert p.match is not None
                reason += (
                    f"; {p.jurisdiction} lists '{p.match.candidate_name}', a possible match to "
                    f"review (score {p.match.score:.0f})"
                )
            if missing:
                hold = "holds" if len(missing) == 1 else "hold"
                reason += f"; {and_join(missing)} {hold} a party list that does not name it"
            if unknown:
                reason += (
                    f"; no party list of {len(unknown)} partners ({', '.join(unknown)}) is in "
                    "the graph, so whether they list it cannot be checked"
                )
            rows.append(
                PartyGapRow(
                    party=hit.party,
                    matched=hit.matched,
                    score=hit.score,
                    listed_by=listed_by,
                    partners=statuses,
                    reason=reason + ".",
                )
            )
        notes = [
            f"Party lists held: {', '.join(held) or 'none'}. Other partners' own lists (e.g. EU "
            "or UK sanctions, other states' entity lists) are not in the graph, so a party "
            "absent from them cannot be told apart from a list not held.",
            "Each issuer's parties are kept apart; a party of another issuer counts as the same "
            "when its name or an alias matches (see /gaps/party-lists for the method).",
        ]
        return PartyGapReport(
            items=rows,
            total=total,
            limit=limit,
            offset=offset,
            query=name,
            partners=[index.iso2(p) for p in partner_nodes],
            party_lists_held=held,
            notes=notes,
        )

    def party_lists(
        self, request: PartyListGapsRequest, *, limit: int | None = None, offset: int = 0
    ) -> PartyListGapReport:
        """The parties one issuer lists and the other does not, both ways, matched by name."""
        index = self.index
        first, second = request.issuer
        listed_by, verdicts, lists = request.listed_by, request.verdict, request.list_name
        country, kinds = request.country, request.kind
        match_score, review_score = request.match_score, request.review_score
        held = self.search.indexes.party_lists()
        issuers = held.issuers()
        a, b = (self._party_issuer(text, issuers) for text in (first, second))
        if a == b:
            raise InvalidQuery("compare two different issuers' party lists")
        if not 50.0 <= review_score <= match_score <= 100.0:
            raise InvalidQuery("scores must satisfy 50 <= review_score <= match_score <= 100")
        chosen = {a: held.of(a).lists, b: held.of(b).lists}
        filters: dict[str, str] = {}
        if lists:
            chosen = self._chosen_lists(chosen, lists)
            filters["list"] = "; ".join(lists)
        restrict = {
            node: None if names == held.of(node).lists else frozenset(names)
            for node, names in chosen.items()
        }
        side = None
        if listed_by is not None:
            side = self._party_issuer(listed_by, [a, b])
            filters["listed_by"] = index.iso2(side)
        matches: list[Match] = []
        for mine, theirs in ((a, b), (b, a)):
            if side is None or side == mine:  # only the side asked for is matched
                scores = (match_score, review_score)
                matches += held.one_way(mine, theirs, restrict[mine], restrict[theirs], scores)
        code = None
        if country is not None:
            code = country.strip().upper()
            if f"country:{code}" not in index.countries:
                raise InvalidQuery(f"unknown country code {country!r} (ISO alpha-2, e.g. IR)")
            filters["country"] = code
        if kinds:
            filters["kind"] = ", ".join(kinds)
        if verdicts:
            filters["verdict"] = ", ".join(verdicts)
        kept = [
            m
            for m in matches
            if (side is None or m.party.issuer == side)
            and (code is None or code in m.party.party.countries)
            and (not kinds or m.party.party.kind in kinds)
        ]
        counts: dict[str, dict[str, int]] = {}
        for node in (a, b):
            tally = Counter(m.verdict for m in kept if m.party.issuer == node)
            if side is None or node == side:
                counts[index.iso2(node)] = {v: tally[v] for v in VERDICTS}
        if verdicts:
            kept = [m for m in kept if m.verdict in verdicts]
        order = {a: 0, b: 1}
        kept.sort(
            key=lambda m: (
                order[m.party.issuer],
                VERDICTS.index(m.verdict),
                m.party.party.name.casefold(),
                m.party.party.id,
            )
        )
        items, bounds = page(kept, limit, offset)
        return PartyListGapReport(
            items=[self._party_list_row(m, a if m.party.issuer == b else b) for m in items],
            **bounds,
            issuers=[index.iso2(a), index.iso2(b)],
            lists={index.iso2(n): list(names) for n, names in chosen.items()},
            counts=counts,
            match_score=match_score,
            review_score=review_score,
            filters=filters,
            notes=self._party_list_notes(a, b),
        )

    def _party_issuer(self, text: str, issuers: Sequence[str]) -> str:
        juris = self.index.jurisdiction(text)
        if juris.node not in issuers:
            held = ", ".join(self.index.iso2(i) for i in issuers) or "none"
            raise InvalidQuery(f"{juris.name} has no party list here (party lists held: {held})")
        return juris.node

    def _chosen_lists(
        self, chosen: dict[str, list[str]], wanted: Sequence[str]
    ) -> dict[str, list[str]]:
        """Each issuer's lists named by ``wanted`` (words of their names); an issuer none of
        them names keeps all its lists."""
        out = dict(chosen)
        for text in wanted:
            needle = fold(text)
            hits = {n: [x for x in names if needle in fold(x)] for n, names in chosen.items()}
            if not any(hits.values()):
                known = "; ".join(x for names in chosen.values() for x in names)
                raise InvalidQuery(f"no party list named {text!r} (known: {known})")
        for node, names in chosen.items():
            named = [x for x in names if any(fold(t) in fold(x) for t in wanted)]
            if named:
                out[node] = named
        return out

    def _party_list_row(self, m: Match, other: str) -> PartyListGapRow:
        index = self.index
        who, them = index.iso2(m.party.issuer), index.iso2(other)
        party = m.party.party
        candidate = m.candidate
        shown = f"'{m.name}'" + (f" ({party.name})" if m.name != party.name else "")
        if candidate is None:
            # The catalogue's English templates, which the brief reads back (brief_reasons).
            reason = say("en", "s.party.none", who=who, party=party.name, them=them)
        else:
            other_name = candidate.party.name
            found = f"'{m.candidate_name}'" + (
                f" ({other_name})" if m.candidate_name != other_name else ""
            )
            values = {
                "who": who,
                "them": them,
                "party": party.name,
                "shown": shown,
                "found": found,
                "score": f"{m.score:.0f}",
                "countries": say("en", f"s.party.{PARTY_COUNTRIES[m.countries_agree]}"),
            }
            reason = say("en", f"s.party.{m.verdict}", **values)
        return PartyListGapRow.of(
            m,
            party=party_view(party, m.party.listings),
            listed_by=who,
            lists=list(m.party.lists),
            compared_with=them,
            candidate=candidate_view(m),
            reason=reason,
        )

    def _party_list_notes(self, a: str, b: str) -> list[str]:
        index = self.index
        held = self.search.indexes.party_lists()
        notes = [say("en", "s.party.note.apart"), say("en", "s.party.note.several")]
        kinds = {n: Counter(x.party.kind for x in held.of(n).parties) for n in (a, b)}
        for one, other in ((a, b), (b, a)):
            absent = sorted(
                k
                for k in kinds[one]
                if k in {"individual", "vessel", "aircraft"} and not kinds[other][k]
            )
            if absent:
                n = sum(kinds[one][k] for k in absent)
                kind = ", ".join(absent)
                who = {"other": index.iso2(other), "one": index.iso2(one)}
                notes.append(say("en", "s.party.note.kinds", kinds=kind, n=n, **who))
        return notes

    def _partners(self, partners: Sequence[str]) -> list[str]:
        """Countries, or a regime/initiative standing for its members and subscribers."""
        index = self.index
        out: list[str] = []
        for text in partners:
            juris = index.jurisdiction(text)
            if juris.node in index.countries:
                nodes = [juris.node]
            else:
                nodes = sorted(index.members.get(juris.node, set()))
                for c in index.data.codes_of_conduct():
                    if juris.node in c.established_by:
                        nodes += [s.country for s in index.data.subscriptions() if s.code == c.id]
                if juris.node == "regime:eu":
                    nodes.append(juris.node)
            for node in nodes:
                if node not in out:
                    out.append(node)
        return sorted(out, key=index.iso2)
