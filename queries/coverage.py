"""Coverage: for each entry of a regime list edition, which members implement it, and how.

Members are grouped by the lists that apply to them: an EU member state's dual-use controls are
the EU list, so the 20-odd EU members of Wassenaar appear once, as ``EU``, with their codes.
Members with no list in the graph are named, not counted as gaps.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from queries.errors import InvalidQuery, NotFound
from queries.evidence import (
    and_join,
    codes,
    edition_ref,
    entry_ref,
    list_label,
    make_filters,
    page,
    possessive,
)
from queries.index import Index
from queries.reading.names import Jurisdiction
from queries.reading.records import EntryInfo, ListInfo
from queries.requests import CoverageRequest
from queries.status import ABSENT, CONTROLLED, DIRECT, NOT_HELD, Status
from queries.views import CoverageReport, CoverageRow, Implementation, JurisdictionCoverage

_HOW = {
    "same": "same scope",
    "broader": "broader: controls more",
    "narrower": "narrower: controls less",
    "different-parameters": "different thresholds",
    "implemented": "scope not established",
}


@dataclass(frozen=True)
class Group:
    """Members of a regime whose controls are the same lists."""

    juris: Jurisdiction
    countries: tuple[str, ...]


def member_groups(index: Index, regime: str) -> tuple[list[Group], list[str]]:
    """Groups of current members by the lists that apply to them, and members with none."""
    groups: dict[str, tuple[Jurisdiction, list[str]]] = {}
    without: list[str] = []
    for member in sorted(index.members.get(regime, set())):
        iso2 = index.iso2(member)
        lists, via = index.names.lists_of_country(member)
        if not lists:
            without.append(iso2)
            continue
        juris = index.jurisdiction(via or member)
        groups.setdefault(juris.node, (juris, []))[1].append(iso2)
    found = [Group(j, tuple(sorted(c))) for j, c in groups.values()]
    return sorted(found, key=lambda g: g.juris.key), sorted(without)


def implementation_phrase(key: str, s: Status, target: ListInfo) -> str:
    if s.status in DIRECT:
        if s.entries and s.entries[0].list_id == target.id:
            return f"{key} (its own entry)"
        return f"{key} ({codes(s.entries)}, {_HOW[s.status]})"
    if s.status == "via-parent":
        return f"{key} (under {codes(s.entries)}, not itemised further)"
    if s.status == "partial":
        return f"{key} (only sub-entries {codes(s.entries)})"
    return key


class Coverage:
    def __init__(self, index: Index) -> None:
        self.index = index

    def target(self, list_id: str | None) -> ListInfo:
        index = self.index
        if list_id is None:
            if index.reference is None:
                raise NotFound("no Wassenaar list is in the graph: ingest wassenaar-list first")
            return index.reference
        found = index.all_lists.get(list_id.strip())
        if found is None:
            known = ", ".join(sorted(index.all_lists))
            raise NotFound(f"no list edition {list_id!r} (known: {known})")
        if found.issuer not in index.regimes:
            raise InvalidQuery(
                f"{found.id} is issued by {found.issuer}, not by a regime: coverage compares a "
                "regime list with its members' lists (use /divergences to compare countries)"
            )
        return found

    def report(
        self, request: CoverageRequest, *, limit: int | None = None, offset: int = 0
    ) -> CoverageReport:
        index = self.index
        jurisdictions, statuses = request.jurisdiction, request.status
        target = self.target(request.list_id)
        filters = make_filters(index, request.category, request.code_prefix, request.technology)
        groups, without = member_groups(index, target.issuer)
        if jurisdictions:
            groups = self._restrict(groups, jurisdictions, target)
        maps = [index.status_map(g.juris, target) for g in groups]
        chosen: list[tuple[EntryInfo, list[Status]]] = []
        tallies: list[Counter[str]] = [Counter() for _ in groups]
        for e in index.entries(target.id).values():
            if e.status != "active" or not filters.code_ok(index, e):
                continue
            if filters.technology is not None and not filters.tech_ok(index.technologies_of(e)):
                continue
            row = [m[e.id] for m in maps]
            for tally, s in zip(tallies, row, strict=True):
                tally[s.status] += 1
            if statuses and not any(s.status in statuses for s in row):
                continue
            chosen.append((e, row))
        items, bounds = page(chosen, limit, offset)
        regime_name = index.country_name(target.issuer)
        return CoverageReport(
            items=[self._row(groups, target, e, row, len(without)) for e, row in items],
            **bounds,
            edition=edition_ref(target),
            regime=target.issuer,
            jurisdictions=[
                summary(index, g, tally, target, regime_name)
                for g, tally in zip(groups, tallies, strict=True)
            ],
            members_without_list=without,
            filters=filters.as_dict(),
        )

    def _restrict(
        self, groups: list[Group], wanted: Sequence[str], target: ListInfo
    ) -> list[Group]:
        out: list[Group] = []
        for text in wanted:
            juris = self.index.jurisdiction(text)
            match = [
                g
                for g in groups
                if g.juris.node == juris.node or self.index.iso2(juris.node) in g.countries
            ]
            if not match:
                raise InvalidQuery(
                    f"{juris.key} is not a current member of "
                    f"{self.index.country_name(target.issuer)} with a list in the graph"
                )
            for g in match:
                if g.juris.node != juris.node:  # one member state of the EU asked for
                    g = Group(g.juris, (self.index.iso2(juris.node),))
                if g not in out:
                    out.append(g)
        return out

    def _row(
        self,
        groups: list[Group],
        target: ListInfo,
        e: EntryInfo,
        row: list[Status],
        without: int,
    ) -> CoverageRow:
        implementations = [
            Implementation(
                jurisdiction=g.juris.key,
                countries=list(g.countries),
                status=s.status,  # type: ignore[arg-type]
                entries=[entry_ref(n) for n in s.entries[:5]],
                editions=[edition_ref(i) for i in (s.lists or g.juris.lists)],
                similarity=s.impls[0].similarity if s.impls else None,
                evidence=[i.evidence for i in s.impls[:3]],
            )
            for g, s in zip(groups, row, strict=True)
        ]
        pairs = list(zip(groups, row, strict=True))
        done = [implementation_phrase(g.juris.key, s, target) for g, s in pairs if s.controlled]
        lag = [g.juris.key for g, s in pairs if s.status == "not-in-edition-held"]
        missing = [g.juris.key for g, s in pairs if s.status == "not-implemented"]
        held = [g.juris.key for g, s in pairs if s.status == "no-comparable-list"]
        parts = [f"implemented by {and_join(done)}" if done else "implemented by none of them"]
        if missing:
            parts.append(f"not by {and_join(missing)}")
        if lag:
            parts.append(
                f"absent from the older editions held of {and_join(lag)} (possibly not yet "
                "implemented in those editions)"
            )
        if held:
            parts.append(
                f"{and_join(held)} {'has' if len(held) == 1 else 'have'} no list of "
                "this kind in the graph"
            )
        if without:
            parts.append(f"{without} members hold no control list in the graph")
        reason = f"{_label(target)} entry {e.code}: " + "; ".join(parts) + "."
        return CoverageRow(
            entry=entry_ref(e),
            technologies=sorted(self.index.technologies_of(e)),
            implementations=implementations,
            implemented_by=[g.juris.key for g, s in pairs if s.controlled],
            not_implemented_by=[g.juris.key for g, s in pairs if s.status in ABSENT],
            reason=reason,
        )


def _label(target: ListInfo) -> str:
    issuer = target.issuer.removeprefix("regime:").capitalize()
    return f"{issuer} {target.edition}"


def summary(
    index: Index, group: Group, tally: Counter[str], target: ListInfo, regime_name: str
) -> JurisdictionCoverage:
    comparable = sum(n for status, n in tally.items() if status not in NOT_HELD)
    controlled = sum(n for status, n in tally.items() if status in CONTROLLED)
    percent = round(100.0 * controlled / comparable, 1) if comparable else None
    lists = ", ".join(list_label(i) for i in group.juris.lists) or "none"
    unmatched = tally["no-match-found"]
    if unmatched:
        # A regime annex matched by content only: what was not found is not known to be
        # absent, so no share is given.
        percent = None
        reason = (
            f"{possessive(group.juris.key)} lists ({lists}) have entries with the content of "
            f"{controlled} of the {regime_name} {target.edition} entries; for {unmatched} no "
            "entry with the same content was found, which is not proof that they are not "
            "controlled (the annex's numbers do not map to national codes)"
        )
    elif comparable:
        reason = (
            f"{possessive(group.juris.key)} lists ({lists}) control {controlled} of the "
            f"{comparable} "
            f"{regime_name} {target.edition} entries they can hold ({percent}%)"
        )
        if tally["not-in-edition-held"]:
            reason += (
                f"; {tally['not-in-edition-held']} are absent from an edition older than the "
                "regime's (possibly not yet implemented in the edition held)"
            )
        if tally["not-implemented"]:
            reason += f"; {tally['not-implemented']} are not implemented"
    else:
        reason = (
            f"{possessive(group.juris.key)} lists ({lists}) hold no entry comparable with this list"
        )
    if tally["no-comparable-list"]:
        reason += (
            f"; {tally['no-comparable-list']} entries are of a kind (dual-use or munitions) for "
            "which no list of it is held"
        )
    return JurisdictionCoverage(
        jurisdiction=group.juris.key,
        countries=list(group.countries),
        editions=[edition_ref(i) for i in group.juris.lists],
        counts=dict(sorted(tally.items())),
        comparable=comparable,
        controlled=controlled,
        percent=percent,
        reason=reason + ".",
    )
