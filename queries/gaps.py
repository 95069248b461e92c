"""Gaps: regime members whose lists lack the regime's entries; code-of-conduct subscribers with
no control on a technology the code addresses (parties: :mod:`queries.party_gaps`).

A country with no list in the graph is reported as such ("no list held"), never as a gap in
its controls: the graph cannot see what it does not hold.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import get_args

from queries.brief_i18n import say
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
from queries.reading.names import DOMAINS, DUAL_USE
from queries.reading.records import CodeInfo, EntryInfo, ListInfo, SubscriptionInfo
from queries.requests import (
    CommitmentGapsRequest,
    CommitmentStatus,
    RegimeGapsRequest,
)
from queries.status import ABSENT, CONTROLLED, NOT_HELD, Status
from queries.text import fold
from queries.views import (
    CommitmentGapReport,
    CommitmentGapRow,
    MemberGap,
    RegimeGapReport,
    RegimeGapRow,
)

COMMITMENT_STATUSES: tuple[str, ...] = get_args(CommitmentStatus)


@dataclass
class _Missing:
    group: Group
    entry: EntryInfo
    status: Status
    sub_entries: int = 0


class Gaps:
    def __init__(self, index: Index) -> None:
        self.index = index
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
        items, bounds = page(missing, limit, offset)
        return RegimeGapReport(
            items=[self._gap_row(m, target) for m in items if target is not None],
            **bounds,
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
        notes = [say("en", "s.gap.note.tags"), say("en", "s.gap.note.no-list")]
        uncovered = [index.techs[t].name for t in techs if not regime_covers[t]]
        if uncovered and ref is not None:
            notes.append(
                say("en", "s.gap.note.uncovered", edition=ref.edition, techs=and_join(uncovered))
            )
        items, bounds = page(rows, limit, offset)
        return CommitmentGapReport(
            items=items,
            **bounds,
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
        # The sentences are the catalogue's English templates, which the brief rebuilds in
        # French and Arabic from the row (queries.brief_reasons.gap_reason_in).
        since = say("en", "s.gap.since", day=sub.date.isoformat()) if sub.date else ""
        found: list[EntryInfo] = []
        if not lists:
            status = "no-list-held"
            reason = say(
                "en", "s.gap.no-list", name=name, code=coc.short_name, since=since, tech=tech_name
            )
        elif not any(DUAL_USE in DOMAINS.get(i.numbering, frozenset()) for i in lists):
            status = "no-dual-use-list-held"
            held = ", ".join(i.id for i in lists)
            key = "s.gap.no-dual-use.one" if len(lists) == 1 else "s.gap.no-dual-use"
            reason = say("en", key, held=held, name=name, tech=tech_name)
        else:
            for info in lists:
                found.extend(self._covering(info, tech))
            held = ", ".join(list_label(i) for i in lists)
            through = say("en", "s.gap.via", held=held) if via else held
            if found:
                status = "controlled"
                closure = index.tech_closure(tech)
                tags = {
                    f"{c.method}: {c.matched}"
                    for e in found[:3]
                    for c in e.covers
                    if c.technology in closure
                }
                reason = say(
                    "en",
                    "s.gap.controlled",
                    name=name,
                    tech=tech_name,
                    through=through,
                    codes=codes(found),
                    tags="; ".join(sorted(tags)),
                )
            else:
                status = "gap"
                why = (
                    say("en", "s.gap.regime", codes=codes(regime_entries))
                    if regime_entries
                    else say("en", "s.gap.common")
                )
                reason = say(
                    "en", "s.gap.none", through=through, name=name, tech=tech_name, why=why
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
