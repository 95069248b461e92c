"""The harmonisation brief: one jurisdiction against a reference, as a ranked agenda.

Built from the analyses a reader can check one by one: the divergence rows between the
jurisdiction and the reference (what it lacks, what it controls otherwise, where its lists lag),
the status map of the reference list (the convergence index), the coverage matrix (per
category), and the memberships and lists held. A point of the agenda is a divergence row, with
its evidence; nothing is claimed that the divergences do not say.

The reference is the Wassenaar Arrangement's newest list held. Two more briefs read the same
analyses: a **pair brief** (:func:`pair_brief`: two jurisdictions, where each is stricter and what
each controls alone, from the divergence rows between them) and a **group brief**
(:func:`group_brief`: the subscribers of a code of conduct against the technologies it addresses,
from the commitment gaps). :func:`any_brief` picks the brief a subject and a reference call for.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from queries.analyses import Analyses
from queries.dashboard import coverage_matrix
from queries.errors import InvalidQuery
from queries.evidence import edition_ref, jurisdiction_view, make_filters
from queries.index import Index
from queries.reading.names import WASSENAAR, Jurisdiction
from queries.reading.records import ListInfo
from queries.requests import (
    MAX_JURISDICTIONS,
    BriefPartsRequest,
    BriefRequest,
    CommitmentGapsRequest,
    DivergenceRequest,
    MatrixRequest,
    PartyListGapsRequest,
)
from queries.status import ABSENT, CONTROLLED, NOT_HELD
from queries.views import (
    AgendaPart,
    Brief,
    BriefMembership,
    CategoryStanding,
    CommitmentGapRow,
    CommitmentPart,
    ConvergenceIndex,
    DivergenceRow,
    GroupBrief,
    GroupTechnology,
    HeldEdition,
    PairBrief,
    PairSide,
    PartiesPart,
    PartyListPart,
    SharedControl,
    SharedPart,
    Standing,
)
from queries.views.briefs import SharedStatus

#: What a brief can be: against a regime, a pair of jurisdictions, a group under a code.
AnyBrief = Brief | PairBrief | GroupBrief


def brief(
    analyses: Analyses, jurisdiction: str, request: BriefRequest, today: date | None = None
) -> Brief:
    """The brief of ``jurisdiction`` against ``request.against``."""
    index = analyses.index
    day = today or date.today()
    juris = index.jurisdiction(jurisdiction)
    reference = index.jurisdiction(request.against)
    ref = index.reference
    if reference.node != WASSENAAR or ref is None:
        raise InvalidQuery(
            f"a brief is measured against the Wassenaar Arrangement's list, not "
            f"{reference.name}: use against=wassenaar, or the pair brief for two jurisdictions "
            "side by side"
        )
    if juris.node == reference.node:
        raise InvalidQuery(f"{juris.name} is the reference itself: name another jurisdiction")
    filters = make_filters(index, request.category, None, request.technology)
    report = analyses.divergences(
        DivergenceRequest(
            jurisdiction=[juris.key, reference.key],
            category=request.category,
            technology=request.technology,
        )
    )
    rows = report.items
    lacking = [r for r in rows if juris.key in r.not_controlled_by]

    def ranked(kind: str, key: Callable[[DivergenceRow], tuple[object, ...]]) -> AgendaPart:
        chosen = sorted((r for r in lacking if r.kind == kind), key=key)
        return AgendaPart(total=len(chosen), items=chosen[: request.items])

    def sensitivity(row: DivergenceRow) -> tuple[object, ...]:
        entry = index.entry(row.reference.id) if row.reference is not None else None
        very = entry is not None and entry.very_sensitive
        sensitive = entry is not None and entry.sensitive
        return (0 if very else 1 if sensitive else 2, _code_order(row.code))

    commitments = _commitments(analyses, juris, request)
    aligning = sorted(
        (r for r in rows if r.kind == "scope-differs"), key=lambda r: _code_order(r.code)
    )
    return Brief(
        jurisdiction=jurisdiction_view(juris),
        reference=jurisdiction_view(reference),
        reference_edition=edition_ref(ref),
        day=day,
        filters=filters.as_dict(),
        standing=_standing(analyses, juris, ref, request, day),
        to_adopt=ranked("not-implemented", sensitivity),
        commitments=commitments,
        to_align=AgendaPart(total=len(aligning), items=aligning[: request.items]),
        to_update=ranked("edition-lag", lambda r: _code_order(r.code)),
        shared=_shared(analyses, juris, request),
        parties=_parties(analyses, juris, request),
        notes=report.notes,
    )


def _commitments(
    analyses: Analyses, juris: Jurisdiction, request: BriefRequest
) -> list[CommitmentPart]:
    """Per code of conduct ``juris`` subscribes to, the commitment gaps of its lists."""
    index = analyses.index
    parts: list[CommitmentPart] = []
    for sub in index.data.subscriptions():
        if sub.country != juris.node:
            continue
        ask = CommitmentGapsRequest(technology=request.technology, country=[juris.node])
        try:
            report = analyses.commitment_gaps(sub.code, ask)
        except InvalidQuery:
            # The code addresses none of the technologies asked for: said, not left out (left
            # out, the brief would read as if it subscribed to no code).
            code = next(c for c in index.data.codes_of_conduct() if c.id == sub.code)
            parts.append(
                CommitmentPart(
                    code_of_conduct=code.id,
                    title=code.title or code.short_name,
                    since=sub.date,
                    status="outside-filter",
                    lists=[],
                    technologies=0,
                    controlled=0,
                    total=0,
                    items=[],
                )
            )
            continue
        rows = report.items
        gaps = [r for r in rows if r.status == "gap"]
        # No list (or no dual-use list) held: unknown, said once, never a gap.
        held = any(r.status in ("gap", "controlled") for r in rows)
        parts.append(
            CommitmentPart(
                code_of_conduct=report.code_of_conduct,
                title=report.title,
                since=sub.date,
                status="checked" if held else "not-held",
                lists=rows[0].editions if rows else [],
                technologies=len(rows),
                controlled=sum(r.status == "controlled" for r in rows),
                total=len(gaps),
                items=(gaps if held else rows[:1])[: request.items],
            )
        )
    return sorted(parts, key=lambda part: part.title)


def _partners(index: Index, juris: Jurisdiction) -> tuple[list[Jurisdiction], list[Jurisdiction]]:
    """Every other country or union with a control list held, whose lists are not its own
    (an EU member's partners leave out the EU): those one comparison takes, and those left
    out (said in the brief, never dropped silently)."""
    mine = {info.id for info in juris.lists}
    found: list[Jurisdiction] = []
    for issuer in sorted(index.lists_of_issuer):
        other = index.jurisdiction(issuer)
        if other.kind not in ("country", "union") or other.node == juris.node:
            continue
        if {info.id for info in other.lists} <= mine:
            continue
        found.append(other)
    # The divergences compare at most MAX_JURISDICTIONS at once, the jurisdiction among them. A
    # control counts when two partners hold it, which rows of separate comparisons cannot tell
    # (each sees one of them): the rest are named as left out instead.
    room = MAX_JURISDICTIONS - 1
    return found[:room], found[room:]


def _shared(analyses: Analyses, juris: Jurisdiction, request: BriefRequest) -> SharedPart:
    """Controls outside the regimes (unilateral, or numbered like Wassenaar but absent from
    its list) that at least two partners hold and ``juris`` does not, from the divergence rows
    between it and every partner. Rows of the same control held under several codes (US
    4A906, AU 4A901) are one point: the first, by code."""
    index = analyses.index
    partners, rest = _partners(index, juris)
    left_out = [p.key for p in rest]
    if len(partners) < 2:
        keys = [p.key for p in partners]
        return SharedPart(partners=keys, left_out=left_out, total=0, counts={}, items=[])
    report = analyses.divergences(
        DivergenceRequest(
            jurisdiction=[juris.key, *(p.key for p in partners)],
            kind=["unilateral", "not-in-regime-list"],
            category=request.category,
            technology=request.technology,
        )
    )
    points: list[SharedControl] = []
    seen: set[str] = set()
    for row in sorted(report.items, key=lambda r: _code_order(r.code)):
        holders = [k for k in row.controlled_by if k != juris.key]
        if juris.key in row.controlled_by or len(holders) < 2:
            continue
        held = {e.id for side in row.sides if side.jurisdiction in holders for e in side.entries}
        if held & seen:
            continue  # the same control, already a point under another holder's code
        seen |= held
        mine = next(s for s in row.sides if s.jurisdiction == juris.key)
        status: SharedStatus = (
            "absent"
            if juris.key in row.not_controlled_by
            else "not-held"
            if not juris.lists or mine.status == "no-list-held"
            else "not-comparable"
        )
        points.append(
            SharedControl(
                code=row.code,
                status=status,
                partners=holders,
                matched_by=_matched_by(index, row),
                row=row,
            )
        )
    order = {"absent": 0, "not-comparable": 1, "not-held": 2}
    points.sort(key=lambda p: (order[p.status], -len(p.partners), _code_order(p.code)))
    counts: dict[str, int] = {}
    for point in points:
        counts[point.status] = counts.get(point.status, 0) + 1
    return SharedPart(
        partners=[p.key for p in partners],
        left_out=left_out,
        total=len(points),
        counts=counts,
        items=points[: request.items],
    )


def _matched_by(index: Index, row: DivergenceRow) -> dict[str, str]:
    """How each other holder's entries are known to be the first holder's control."""
    first = next(s for s in row.sides if s.status == "controls")
    entry = index.entry(first.entries[0].id)
    twins = set() if entry is None else {*entry.same, *entry.like}
    annex = set() if entry is None else {i.target for i in entry.implements}
    how: dict[str, str] = {}
    for side in row.sides:
        if side is first or side.jurisdiction not in row.controlled_by:
            continue
        ids = {e.id for e in side.entries}
        if ids & twins:
            how[side.jurisdiction] = "alignment"
        elif any(
            i.target in annex
            for e in side.entries
            if (found := index.entry(e.id)) is not None
            for i in found.implements
        ):
            how[side.jurisdiction] = "annex"
        else:
            how[side.jurisdiction] = "code"
    return how


def _parties(analyses: Analyses, juris: Jurisdiction, request: BriefRequest) -> PartiesPart:
    """Parties each partner with a party list held lists and ``juris`` does not."""
    held = analyses.party_lists()
    issuers = held.issuers()
    if juris.node not in issuers:
        return PartiesPart(held=False, lists=[], partners=[])
    parts: list[PartyListPart] = []
    notes: list[str] = []
    for partner in issuers:
        if partner == juris.node:
            continue
        other = analyses.index.iso2(partner)
        report = analyses.party_list_gaps(
            PartyListGapsRequest(issuer=[juris.key, other], listed_by=other, verdict=["only"]),
            limit=request.items,
        )
        counts = report.counts.get(other, {})
        parts.append(
            PartyListPart(
                partner=other,
                lists=report.lists.get(other, []),
                only=counts.get("only", 0),
                review=counts.get("review", 0),
                both=counts.get("both", 0),
                items=report.items,
            )
        )
        notes += [n for n in report.notes if n not in notes]
    return PartiesPart(
        held=True, lists=list(held.of(juris.node).lists), partners=parts, notes=notes
    )


def _code_order(code: str) -> tuple[int, str]:
    return (1 if code.startswith("ML") else 0, code)


def _standing(
    analyses: Analyses, juris: Jurisdiction, ref: ListInfo, request: BriefRequest, day: date
) -> Standing:
    index = analyses.index
    memberships = [
        BriefMembership(
            regime=m.regime, name=index.country_name(m.regime), role=m.role, since=m.since
        )
        for m in index.memberships
        if m.country == juris.node and m.current(day)
    ]
    held: list[HeldEdition] = []
    trend: list[ConvergenceIndex] = []
    for info in juris.lists:
        editions = index.editions_of(info)
        for edition in editions:
            held.append(
                HeldEdition(
                    edition=edition_ref(edition),
                    age_days=(day - edition.edition_date).days,
                    current=edition.id == editions[-1].id,
                )
            )
            if len(editions) > 1:
                # A point of the trend: this edition of the list, its other lists as they are.
                # (The key without an edition asked for: "EU@2021" is the EU.)
                then = index.jurisdiction(f"{juris.key.partition('@')[0]}@{edition.id}")
                trend.append(convergence(index, then, ref, request))
    matrix = coverage_matrix(analyses, MatrixRequest(jurisdiction=[juris.key], by="category"))
    categories = [
        CategoryStanding(
            category=row.key,
            percent=row.cells[0].percent,
            controlled=row.cells[0].controlled,
            comparable=row.cells[0].comparable,
        )
        for row in matrix.rows
        if request.category is None or row.key == request.category.upper()
    ]
    now = convergence(index, juris, ref, request)
    return Standing(
        memberships=sorted(memberships, key=lambda m: m.regime),
        lists=held,
        convergence=now,
        trend=trend or [now],
        categories=categories,
    )


def convergence(
    index: Index, juris: Jurisdiction, ref: ListInfo, request: BriefRequest
) -> ConvergenceIndex:
    """How much of the reference list ``juris``'s lists control with the same scope, among
    the reference entries (of the category or technology asked) whose status can be told."""
    filters = make_filters(index, request.category, None, request.technology)
    statuses = index.status_map(juris, ref)
    counts = {"same": 0, "controlled": 0, "absent": 0, "unknown": 0}
    for entry in index.entries(ref.id).values():
        if entry.status != "active" or not filters.code_ok(index, entry):
            continue
        if filters.technology is not None and not filters.tech_ok(index.technologies_of(entry)):
            continue
        status = statuses[entry.id].status
        if status in NOT_HELD:
            counts["unknown"] += 1
            continue
        if status == "same":
            counts["same"] += 1
        if status in CONTROLLED:
            counts["controlled"] += 1
        elif status in ABSENT:
            counts["absent"] += 1
    comparable = counts["controlled"] + counts["absent"]
    return ConvergenceIndex(
        edition=", ".join(info.id for info in juris.lists),
        percent=round(100.0 * counts["same"] / comparable, 1) if comparable else None,
        same=counts["same"],
        controlled=counts["controlled"],
        absent=counts["absent"],
        comparable=comparable,
        unknown=counts["unknown"],
    )


def pair_brief(
    analyses: Analyses,
    first: str,
    second: str,
    request: BriefPartsRequest,
    today: date | None = None,
) -> PairBrief:
    """``first`` and ``second`` side by side."""
    index = analyses.index
    a, b = index.jurisdiction(first), index.jurisdiction(second)
    if a.node == b.node:
        raise InvalidQuery(f"{a.name} twice: name two different jurisdictions")
    report = analyses.divergences(
        DivergenceRequest(
            jurisdiction=[a.key, b.key], category=request.category, technology=request.technology
        )
    )
    rows = sorted(report.items, key=lambda r: _code_order(r.code))
    stricter: dict[str, list[DivergenceRow]] = {a.key: [], b.key: []}
    only: dict[str, list[DivergenceRow]] = {a.key: [], b.key: []}
    undecided: list[DivergenceRow] = []
    for row in rows:
        if row.kind == "scope-differs":
            sides = {d.stricter for d in row.parameter_differences}
            side = next(iter(sides)) if len(sides) == 1 else None
            stricter.get(side or "", undecided).append(row)
        elif row.kind != "agreement" and len(row.controlled_by) == 1:
            side = row.controlled_by[0]
            if side in only:
                only[side].append(row)

    def part(chosen: list[DivergenceRow]) -> AgendaPart:
        return AgendaPart(total=len(chosen), items=chosen[: request.items])

    def one_side(juris: Jurisdiction) -> PairSide:
        return PairSide(
            jurisdiction=jurisdiction_view(juris),
            stricter=part(stricter[juris.key]),
            only=part(only[juris.key]),
        )

    return PairBrief(
        first=one_side(a),
        second=one_side(b),
        undecided=part(undecided),
        reference_edition=report.reference,
        day=today or date.today(),
        filters=make_filters(index, request.category, None, request.technology).as_dict(),
        counts=report.counts,
        notes=report.notes,
    )


def group_brief(
    analyses: Analyses, code: str, request: BriefPartsRequest, today: date | None = None
) -> GroupBrief:
    """The subscribers of the code of conduct ``code`` against its technologies (those under
    ``request.technology`` when given)."""
    report = analyses.commitment_gaps(code, CommitmentGapsRequest(technology=request.technology))
    by_tech: dict[str, list[CommitmentGapRow]] = {}
    for row in report.items:
        by_tech.setdefault(row.technology, []).append(row)
    technologies = [
        GroupTechnology(
            technology=tech,
            name=rows[0].technology_name,
            lacking=[r.country for r in rows if r.status == "gap"],
            controlled=[r.country for r in rows if r.status == "controlled"],
            not_held=[r.country for r in rows if r.status not in ("gap", "controlled")],
            rows=rows,
        )
        for tech, rows in sorted(by_tech.items(), key=lambda item: item[1][0].technology_name)
    ]
    return GroupBrief(
        code_of_conduct=report.code_of_conduct,
        title=report.title,
        day=today or date.today(),
        subscribers=report.subscribers,
        technologies=technologies,
        counts=report.counts,
        notes=report.notes,
    )


def any_brief(
    analyses: Analyses, subject: str, request: BriefRequest, today: date | None = None
) -> AnyBrief:
    """The brief ``subject`` and ``request.against`` call for: a code of conduct's subscribers
    (a group brief), a jurisdiction against a regime, or against another jurisdiction (a pair)."""
    if analyses.is_code_of_conduct(subject):
        return group_brief(analyses, subject, request, today)
    reference = analyses.index.jurisdiction(request.against)
    if reference.kind == "regime":
        return brief(analyses, subject, request, today)
    return pair_brief(analyses, subject, request.against, request, today)
