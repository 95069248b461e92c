"""Gaps: regime members whose lists lack the regime's entries; code-of-conduct subscribers with
no control on a technology the code addresses; parties one issuer lists and its partners do not.

A country with no list in the graph is reported as such ("no list held"), never as a gap in
its controls: the graph cannot see what it does not hold.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from queries.coverage import Group, member_groups
from queries.errors import InvalidQuery, NotFound
from queries.evidence import (
    Filters,
    and_join,
    codes,
    edition_label,
    edition_ref,
    entry_ref,
    list_label,
    make_filters,
    page,
    possessive,
)
from queries.index import Index
from queries.party_match import VERDICTS, Match
from queries.reading.names import DOMAINS, DUAL_USE
from queries.reading.records import CodeInfo, EntryInfo, ListInfo, SubscriptionInfo
from queries.requests import (
    CommitmentGapsRequest,
    PartyGapsRequest,
    PartyListGapsRequest,
    RegimeGapsRequest,
)
from queries.search import Search, party_view
from queries.status import ABSENT, CONTROLLED, NOT_HELD, Status
from queries.text import fold
from queries.views import (
    CommitmentGapReport,
    CommitmentGapRow,
    MemberGap,
    PartnerStatus,
    PartyGapReport,
    PartyGapRow,
    PartyListGapReport,
    PartyListGapRow,
    RegimeGapReport,
    RegimeGapRow,
)

COMMITMENT_STATUSES = ("gap", "controlled", "no-list-held", "no-dual-use-list-held")


@dataclass
class _Missing:
    group: Group
    entry: EntryInfo
    status: Status
    sub_entries: int = 0


class Gaps:
    def __init__(self, index: Index, search: Search) -> None:
        self.index = index
        self.search = search
        # (list, technology) -> covering entries; this object lives for one revision.
        self._covered: dict[tuple[str, str], list[EntryInfo]] = {}

    # --- regimes ------------------------------------------------------------------------------

    def regime(
        self,
        regime: str,
        request: RegimeGapsRequest,
        *,
        limit: int | None = None,
        offset: int = 0,
    ) -> RegimeGapReport:
        index = self.index
        include_lag = request.include_lag
        juris = index.jurisdiction(regime)
        if juris.node not in index.regimes:
            raise InvalidQuery(f"{regime!r} is not a regime; gaps are computed per regime")
        filters = make_filters(index, request.category, request.code_prefix, request.technology)
        target = max(juris.lists, key=lambda i: i.edition_date, default=None)
        groups, without = member_groups(index, juris.node)
        notes: list[str] = []
        members: list[MemberGap] = []
        missing: list[_Missing] = []
        if target is None:
            notes.append(
                f"No {juris.name} list is in the graph, so its members' lists cannot be checked "
                "against it."
            )
        else:
            missing = self._missing(groups, target, filters, include_lag)
            for g in groups:
                members.extend(self._member_rows(g, target, filters))
            if any(i.edition_date < target.edition_date for g in groups for i in g.juris.lists):
                notes.append(
                    f"Some lists held are older than {juris.name} {edition_label(target)}: "
                    "entries absent from them are reported as not-in-edition-held (possibly "
                    "not yet implemented in the edition held), apart from not-implemented."
                )
        for iso2 in without:
            node = f"country:{iso2}"
            members.append(
                MemberGap(
                    country=iso2,
                    name=index.country_name(node),
                    jurisdiction=iso2,
                    status="no-list-held",
                    reason=(
                        f"{index.country_name(node)} is a member but no control list of it is "
                        "in the graph: its implementation cannot be checked (not a gap)."
                    ),
                )
            )
        members.sort(key=lambda m: m.country)
        items, lim, off = page(missing, limit, offset)
        return RegimeGapReport(
            items=[self._gap_row(m, target) for m in items if target is not None],
            total=len(missing),
            limit=lim,
            offset=off,
            regime=juris.node,
            reference=edition_ref(target) if target is not None else None,
            members=members,
            filters=filters.as_dict(),
            notes=notes,
        )

    def _missing(
        self, groups: list[Group], target: ListInfo, filters: Filters, include_lag: bool
    ) -> list[_Missing]:
        index = self.index
        out: list[_Missing] = []
        for g in groups:
            statuses = index.status_map(g.juris, target)
            folded: dict[str, int] = {}
            for e in index.entries(target.id).values():
                s = statuses.get(e.id)
                if s is None or s.status not in ABSENT:
                    continue
                if not include_lag and s.status == "not-in-edition-held":
                    continue
                if not filters.code_ok(index, e) or not filters.tech_ok(index.technologies_of(e)):
                    continue
                above = folded.get(e.parent or "")
                if above is not None and out[above].status.status == s.status:
                    out[above].sub_entries += 1
                    folded[e.canonical] = above
                    continue
                folded[e.canonical] = len(out)
                out.append(_Missing(g, e, s))
        return out

    def _member_rows(self, g: Group, target: ListInfo, filters: Filters) -> list[MemberGap]:
        index = self.index
        statuses = index.status_map(g.juris, target)
        tally: Counter[str] = Counter()
        for e in index.entries(target.id).values():
            s = statuses.get(e.id)
            if s is None or not filters.code_ok(index, e):
                continue
            if filters.technology is not None and not filters.tech_ok(index.technologies_of(e)):
                continue
            tally[s.status] += 1
        comparable = sum(n for k, n in tally.items() if k not in NOT_HELD)
        controlled = sum(n for k, n in tally.items() if k in CONTROLLED)
        percent = round(100.0 * controlled / comparable, 1) if comparable else None
        lists = ", ".join(list_label(i) for i in g.juris.lists)
        rows = []
        for iso2 in g.countries:
            node = f"country:{iso2}"
            name = index.country_name(node)
            via = f" through the {g.juris.name} list" if g.juris.node != node else ""
            if not comparable:
                status = "no-comparable-list"
                reason = f"{possessive(name)} lists held ({lists}) hold no entry of this kind"
            elif tally["not-implemented"] or tally["not-in-edition-held"]:
                status = "gaps"
                reason = (
                    f"{name}{via} controls {controlled} of {comparable} comparable entries "
                    f"({percent}%); {tally['not-implemented']} not implemented, "
                    f"{tally['not-in-edition-held']} absent from an edition older than the "
                    f"regime's ({lists})"
                )
            else:
                status = "complete"
                reason = f"{name}{via} controls every comparable entry ({lists})"
            rows.append(
                MemberGap(
                    country=iso2,
                    name=name,
                    jurisdiction=g.juris.key,
                    editions=[edition_ref(i) for i in g.juris.lists],
                    status=status,  # type: ignore[arg-type]
                    not_implemented=tally["not-implemented"],
                    not_in_edition_held=tally["not-in-edition-held"],
                    percent=percent,
                    reason=reason + ".",
                )
            )
        return rows

    def _gap_row(self, m: _Missing, target: ListInfo | None) -> RegimeGapRow:
        assert target is not None
        s = m.status
        lists = ", ".join(list_label(i) for i in s.lists)
        if s.status == "not-in-edition-held":
            why = (
                f"absent from {lists}, which predates {list_label(target)}: "
                "possibly not yet implemented in the edition held"
            )
        else:
            why = f"absent from {lists}, as recent as the regime edition"
            if s.entries:
                why += f"; {codes(s.entries)} is {s.entries[0].status} there"
        who = m.group.juris.key
        if m.group.juris.node.startswith("regime:"):
            who += f" (for {', '.join(m.group.countries)})"
        extra = f"; {m.sub_entries} sub-entries likewise" if m.sub_entries else ""
        return RegimeGapRow(
            jurisdiction=m.group.juris.key,
            countries=list(m.group.countries),
            status=s.status,  # type: ignore[arg-type]
            entry=entry_ref(m.entry),
            entries=[entry_ref(n) for n in s.entries],
            editions=[edition_ref(i) for i in s.lists],
            technologies=sorted(self.index.technologies_of(m.entry)),
            sub_entries=m.sub_entries,
            reason=f"{target.id} entry {m.entry.code} is {why} ({who}){extra}.",
        )

    # --- codes of conduct ---------------------------------------------------------------------

    def code_of_conduct(self, code: str) -> CodeInfo:
        index = self.index
        wanted = fold(code)
        codes_held = index.data.codes_of_conduct()
        for c in codes_held:
            names = [c.id, c.id.removeprefix("coc:"), c.short_name, c.title]
            names += [r.removeprefix("regime:") for r in c.established_by]
            names += [index.country_name(r) for r in c.established_by]
            if wanted in {fold(n) for n in names}:
                return c
        known = ", ".join(c.id for c in codes_held)
        raise NotFound(f"no code of conduct {code!r} (known: {known}; 'echri' also works)")

    def commitments(
        self,
        code: str,
        request: CommitmentGapsRequest,
        *,
        limit: int | None = None,
        offset: int = 0,
    ) -> CommitmentGapReport:
        index = self.index
        technology, countries, statuses = request.technology, request.country, request.status
        coc = self.code_of_conduct(code)
        techs = sorted(coc.technologies)
        if technology:
            tech = index.resolve_technology(technology)
            techs = [t for t in techs if t in index.tech_closure(tech.id)]
            if not techs:
                raise InvalidQuery(f"{coc.short_name} does not address {tech.name}")
        subs = [s for s in index.data.subscriptions() if s.code == coc.id]
        if countries:
            wanted = {index.jurisdiction(c).node for c in countries}
            subs = [s for s in subs if s.country in wanted]
        ref = index.reference
        regime_covers = {t: self._covering(ref, t) if ref else [] for t in techs}
        rows = [
            self._commitment_row(coc, sub, t, regime_covers[t])
            for sub in sorted(subs, key=lambda s: index.iso2(s.country))
            for t in techs
        ]
        if statuses:
            rows = [r for r in rows if r.status in statuses]
        counts: Counter[str] = Counter(r.status for r in rows)
        notes = [
            "controlled / gap are read from the technology tags (COVERS) of the entries of the "
            "lists held: an entry counts when it is tagged with the technology or a narrower one.",
            "no-list-held means the graph holds no control list of that subscriber; it says "
            "nothing about its real controls.",
        ]
        uncovered = [index.techs[t].name for t in techs if not regime_covers[t]]
        if uncovered and ref is not None:
            notes.append(
                f"No entry of the Wassenaar {ref.edition} list is tagged for "
                f"{and_join(uncovered)}: gaps there are shared by every list that follows the "
                "regime, not failings of one subscriber."
            )
        items, lim, off = page(rows, limit, offset)
        return CommitmentGapReport(
            items=items,
            total=len(rows),
            limit=lim,
            offset=off,
            code_of_conduct=coc.id,
            title=coc.title or coc.short_name,
            technologies=techs,
            subscribers=len(subs),
            counts={k: counts[k] for k in COMMITMENT_STATUSES if counts[k]},
            notes=notes,
        )

    def _covering(self, info: ListInfo | None, tech: str) -> list[EntryInfo]:
        """Entries of a list tagged with the technology or a narrower one, outermost only."""
        if info is None:
            return []
        key = (info.id, tech)
        if key not in self._covered:
            self._covered[key] = self._find_covering(info, tech)
        return self._covered[key]

    def _find_covering(self, info: ListInfo, tech: str) -> list[EntryInfo]:
        closure = self.index.tech_closure(tech)
        found = [
            e
            for e in self.index.entries(info.id).values()
            if e.status == "active" and any(c.technology in closure for c in e.covers)
        ]
        ids = {e.canonical for e in found}
        return [e for e in found if not any(a.canonical in ids for a in self.index.ancestors(e))]

    def _commitment_row(
        self, coc: CodeInfo, sub: SubscriptionInfo, tech: str, regime_entries: list[EntryInfo]
    ) -> CommitmentGapRow:
        index = self.index
        name = index.country_name(sub.country)
        tech_name = index.techs[tech].name if tech in index.techs else tech
        lists, via = index.names.lists_of_country(sub.country)
        since = f" (since {sub.date.isoformat()})" if sub.date else ""
        found: list[EntryInfo] = []
        if not lists:
            status = "no-list-held"
            reason = (
                f"{name} subscribes to the {coc.short_name}{since} but no control list of it is "
                f"in the graph: whether it controls {tech_name} cannot be checked (not a gap)."
            )
        elif not any(DUAL_USE in DOMAINS.get(i.numbering, frozenset()) for i in lists):
            status = "no-dual-use-list-held"
            held = ", ".join(i.id for i in lists)
            reason = (
                f"Only {held} of {name} {'is' if len(lists) == 1 else 'are'} held, no dual-use "
                f"list: its dual-use controls on {tech_name} cannot be checked."
            )
        else:
            for info in lists:
                found.extend(self._covering(info, tech))
            held = ", ".join(list_label(i) for i in lists)
            through = (
                f"the EU list {held}, which applies to it as an EU member state" if via else held
            )
            if found:
                status = "controlled"
                closure = index.tech_closure(tech)
                tags = {
                    f"{c.method}: {c.matched}"
                    for e in found[:3]
                    for c in e.covers
                    if c.technology in closure
                }
                reason = (
                    f"{name} controls {tech_name} through {through}: {codes(found)} "
                    f"({'; '.join(sorted(tags))})."
                )
            else:
                status = "gap"
                reason = f"No entry of {through} (for {name}) is tagged for {tech_name}"
                if regime_entries:
                    reason += (
                        f", although the Wassenaar list has {codes(regime_entries)} for it: a "
                        "gap in its implementation."
                    )
                else:
                    reason += (
                        "; the Wassenaar list has no such entry either, so this gap is common "
                        "to the regime's lists."
                    )
        return CommitmentGapRow(
            country=index.iso2(sub.country),
            name=name,
            technology=tech,
            technology_name=tech_name,
            commitments=list(coc.technologies.get(tech, ())),
            status=status,  # type: ignore[arg-type]
            editions=[edition_ref(i) for i in lists],
            entries=[entry_ref(e) for e in found[:10]],
            regime_covers=bool(regime_entries),
            reason=reason,
        )

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
        items, lim, off = page(kept, limit, offset)
        return PartyListGapReport(
            items=[self._party_list_row(m, a if m.party.issuer == b else b) for m in items],
            total=len(kept),
            limit=lim,
            offset=off,
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
            reason = f"Only {who} lists {party.name}: no name on {them}'s lists comes close."
        else:
            other_name = candidate.party.name
            found = f"'{m.candidate_name}'" + (
                f" ({other_name})" if m.candidate_name != other_name else ""
            )
            evidence = f"{shown} ~ {found}, score {m.score:.0f}"
            where = {True: "same country", False: "countries differ", None: "no country to compare"}
            countries = where[m.countries_agree]
            if m.verdict == "both":
                reason = f"Listed by both {who} and {them}: {evidence} ({countries})."
            elif m.verdict == "review":
                reason = f"Possible match to review: {evidence} ({countries})."
            else:
                reason = f"Only {who} lists {party.name}: the closest name on {them}'s lists is "
                reason += f"{found} (score {m.score:.0f}, {countries})."
        return PartyListGapRow(
            party=party_view(party, m.party.listings),
            listed_by=who,
            lists=list(m.party.lists),
            compared_with=them,
            verdict=m.verdict,
            score=m.score,
            name=m.name,
            candidate_name=m.candidate_name,
            candidate=party_view(candidate.party, candidate.listings) if candidate else None,
            countries_agree=m.countries_agree,
            reason=reason,
        )

    def _party_list_notes(self, a: str, b: str) -> list[str]:
        index = self.index
        held = self.search.indexes.party_lists()
        notes = [
            "Each issuer's parties are kept apart in the graph; a party counts as listed by "
            "both when one of its names or aliases matches one of the other's after folding "
            "case, accents, punctuation, brackets and legal forms (cleanco's table), judged on "
            "the words that tell parties apart, and the two give no contradicting countries. "
            "Near names (transliterations, 'Kangsong' / 'Kwangsong') are left for review.",
            "A party listed on several lists of one issuer (an Entity List entry and an OFAC "
            "entry, say) may be several parties there: each is a row, matched on its own.",
        ]
        kinds = {n: Counter(x.party.kind for x in held.of(n).parties) for n in (a, b)}
        for one, other in ((a, b), (b, a)):
            absent = sorted(
                k
                for k in kinds[one]
                if k in {"individual", "vessel", "aircraft"} and not kinds[other][k]
            )
            if absent:
                n = sum(kinds[one][k] for k in absent)
                notes.append(
                    f"{index.iso2(other)} lists no party of kind {', '.join(absent)}: the {n} "
                    f"such parties of {index.iso2(one)} are 'only' by construction (filter by "
                    "kind)."
                )
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
