"""``harmonia query``: the catalogue (countries, regimes, technologies, sources) and the analyses
(divergences, coverage, changes, timeline, authorisations, search, parties, country controls)."""

from __future__ import annotations

from typing import Annotated

import typer

from harmonia.analysis_frames import (
    changes_request,
    coverage_request,
    divergence_request,
    search_request,
)
from harmonia.cli.common import (
    CategoryOpt,
    JsonOpt,
    LimitOpt,
    PrefixOpt,
    TechnologyOpt,
    emit,
    entry_codes,
    open_analyses,
    open_catalog,
    out,
    percent,
    print_json,
    print_report,
    print_table,
    query_app,
    tally,
)
from queries.requests import AuthorisationsRequest, build


@query_app.command("countries")
def q_countries(
    regime: Annotated[str | None, typer.Option(help="Only current members of this regime.")] = None,
    as_json: JsonOpt = False,
) -> None:
    """List countries (optionally the current members of one regime)."""
    with open_catalog() as cat:
        emit(cat.countries(regime=regime), ["iso2", "name", "regimes"], as_json, "Countries")


@query_app.command("country")
def q_country(code: str, as_json: JsonOpt = False) -> None:
    """One country's memberships, subscriptions and groups."""
    with open_catalog() as cat:
        detail = cat.country(code)
        if as_json:
            print_json(detail)
            return
        out.print(f"[bold]{detail.name}[/] ({detail.iso2})")
        emit(detail.memberships, ["regime", "role", "since", "until"], False, "Memberships")
        emit(detail.subscriptions, ["code_of_conduct", "date", "role"], False, "Subscriptions")
        emit(detail.groups, ["group", "name"], False, "Country groups")


@query_app.command("regimes")
def q_regimes(as_json: JsonOpt = False) -> None:
    """List regimes, unions and initiatives."""
    with open_catalog() as cat:
        emit(cat.regimes(), ["id", "short_name", "kind", "member_count"], as_json, "Regimes")


@query_app.command("regime")
def q_regime(name: str, as_json: JsonOpt = False) -> None:
    """One regime and its members."""
    with open_catalog() as cat:
        detail = cat.regime(name)
        if as_json:
            print_json(detail)
            return
        out.print(f"[bold]{detail.name}[/]: {detail.member_count} current members")
        emit(detail.members, ["iso2", "name", "role", "since", "until"], False, "Members")


@query_app.command("technologies")
def q_technologies(as_json: JsonOpt = False) -> None:
    """The technology taxonomy."""
    with open_catalog() as cat:
        emit(cat.technologies(), ["id", "name", "parent", "code_hints"], as_json, "Technologies")


@query_app.command("sources")
def q_sources(as_json: JsonOpt = False) -> None:
    """Source editions in the graph, with checksums."""
    with open_catalog() as cat:
        emit(
            cat.sources(),
            ["key", "title", "file_sha256", "ingested_at", "node_count", "edge_count"],
            as_json,
            "Sources in the graph",
        )


@query_app.command("divergences")
def q_divergences(
    jurisdictions: Annotated[
        list[str], typer.Argument(help="Two or more: country code (US), EU, or a regime.")
    ],
    category: CategoryOpt = None,
    code: PrefixOpt = None,
    technology: TechnologyOpt = None,
    kind: Annotated[list[str] | None, typer.Option(help="Only rows of this kind.")] = None,
    agreements: Annotated[
        bool, typer.Option("--agreements", help="Also list entries all control alike.")
    ] = False,
    limit: LimitOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Where the controls of two or more jurisdictions diverge, with evidence."""
    with open_analyses() as analyses:
        report = analyses.divergences(
            divergence_request(jurisdictions, category, technology, code, kind, agreements),
            limit=None if as_json else limit,
        )
        keys = [j.key for j in report.jurisdictions]
        rows = [
            [
                r.kind,
                r.code + (f" (+{r.sub_entries})" if r.sub_entries else ""),
                *(
                    f"{s.status}: {entry_codes(s)}"
                    for key in keys
                    for s in r.sides
                    if s.jurisdiction == key
                ),
                r.reason,
            ]
            for r in report.items
        ]
        counts = tally(report.counts) or "no divergence"
        title = f"Divergences {' / '.join(keys)}: {counts}"
        if not as_json:
            out.print(
                f"compared {report.compared} regime entries, {report.agreed} controlled alike",
                highlight=False,
            )
        print_report(report, as_json, title, ["kind", "code", *keys, "reason"], rows)


@query_app.command("coverage")
def q_coverage(
    list_id: Annotated[
        str | None, typer.Argument(help="Regime list edition (default: newest Wassenaar).")
    ] = None,
    category: CategoryOpt = None,
    code: PrefixOpt = None,
    technology: TechnologyOpt = None,
    member: Annotated[list[str] | None, typer.Option(help="Only these members (or EU).")] = None,
    status: Annotated[list[str] | None, typer.Option(help="Only entries with a status.")] = None,
    limit: LimitOpt = 50,
    as_json: JsonOpt = False,
) -> None:
    """Which members implement each entry of a regime list, and how."""
    with open_analyses() as analyses:
        report = analyses.coverage(
            coverage_request(list_id, category, code, technology, member, status),
            limit=None if as_json else limit,
        )
        if not as_json:
            print_table(
                f"Coverage of {report.edition.list_id}",
                ("jurisdiction", "members", "controlled", "comparable", "%", "reason"),
                (
                    (
                        j.jurisdiction,
                        ", ".join(j.countries),
                        str(j.controlled),
                        str(j.comparable),
                        percent(j.percent),
                        j.reason,
                    )
                    for j in report.jurisdictions
                ),
                show_lines=False,
            )
            out.print(f"members with no list held: {', '.join(report.members_without_list)}")
        keys = [j.jurisdiction for j in report.jurisdictions]
        rows = [
            [
                r.entry.code,
                r.entry.text[:80],
                *(f"{i.status}: {entry_codes(i)}" for i in r.implementations),
            ]
            for r in report.items
        ]
        print_report(report, as_json, "Entries", ["code", "text", *keys], rows)


@query_app.command("changes")
def q_changes(
    after: Annotated[str, typer.Argument(help="The newer list edition, e.g. list:eu:2021.")],
    before: Annotated[str | None, typer.Argument(help="The older edition.")] = None,
    category: CategoryOpt = None,
    code: PrefixOpt = None,
    change: Annotated[
        list[str] | None, typer.Option(help="added, removed, renumbered or changed.")
    ] = None,
    limit: LimitOpt = 50,
    as_json: JsonOpt = False,
) -> None:
    """Entries added, removed, renumbered and changed between two editions of one list."""
    with open_analyses() as analyses:
        report = analyses.changes(
            changes_request(after, before, category, code, change),
            limit=None if as_json else limit,
        )
        rows = [[r.change, r.canonical, "\n".join(r.diff[:12]), r.reason] for r in report.items]
        counts = tally(report.counts) or "no change"
        print_report(
            report,
            as_json,
            f"{report.before.list_id} -> {report.after.list_id}: {counts}",
            ["change", "code", "diff", "reason"],
            rows,
        )


@query_app.command("timeline")
def q_timeline(
    entry: Annotated[str, typer.Argument(help="Entry id, e.g. entry:wassenaar:2025:5A001.j.")],
    as_json: JsonOpt = False,
) -> None:
    """One entry in every edition held of its list: its code, text and change per edition."""
    with open_analyses() as analyses:
        timeline = analyses.timeline(entry)
        rows = [
            [s.edition.list_id, s.entry.code if s.entry else "-", s.change, s.reason]
            for s in timeline.steps
        ]
        print_report(
            timeline,
            as_json,
            f"{timeline.entry.id} across the editions of {timeline.series}",
            ["edition", "code", "change", "reason"],
            rows,
        )


@query_app.command("authorisations")
def q_authorisations(
    code: Annotated[str, typer.Argument(help="Control code, e.g. 5A001.j (or 5.A.1.j).")],
    destination: Annotated[str, typer.Argument(help="Destination country: ISO code or name.")],
    issuer: Annotated[str, typer.Option(help="Whose general authorisations.")] = "EU",
    as_json: JsonOpt = False,
) -> None:
    """Which general export authorisations (EU001-EU008) cover an item to a destination."""
    with open_analyses() as analyses:
        report = analyses.authorisations(
            build(AuthorisationsRequest, code=code, destination=destination, issuer=issuer)
        )
        rows = [[v.code, "yes" if v.applies else "no", v.reason] for v in report.authorisations]
        print_report(
            report,
            as_json,
            f"{report.entry.code} to {report.destination_name}",
            ["authorisation", "applies", "reason"],
            rows,
        )


@query_app.command("search")
def q_search(
    query: Annotated[str, typer.Argument(help="A code in any numbering, or words.")],
    system: Annotated[
        str | None, typer.Option(help="Numbering of the code (scomet needs it).")
    ] = None,
    mode: Annotated[str, typer.Option(help="auto, code or words.")] = "auto",
    editions: Annotated[
        str, typer.Option(help="current (newest edition of each list) or all.")
    ] = "current",
    limit: LimitOpt = 30,
    as_json: JsonOpt = False,
) -> None:
    """Find entries by code (5.A.1.j, 5A001.j, 8A501 --system scomet) or words (en, fr, ar)."""
    with open_analyses() as analyses:
        report = analyses.search(
            search_request(query, mode, system, None, editions),
            limit=None if as_json else limit,
        )
        rows = [
            [h.entry.list_id, h.entry.code, h.match, f"{h.score:.0f}", h.entry.text[:90], h.reason]
            for h in report.items
        ]
        print_report(
            report,
            as_json,
            f"Search: {report.interpreted_as}",
            ["list", "code", "match", "score", "text", "reason"],
            rows,
        )


@query_app.command("parties")
def q_parties(
    name: Annotated[str, typer.Argument(help="Name or alias (fuzzy), e.g. Candiru.")],
    limit: Annotated[int, typer.Option(min=1, max=100)] = 10,
    as_json: JsonOpt = False,
) -> None:
    """Listed parties by name, with who lists them and why."""
    with open_analyses() as analyses:
        hits, _ = analyses.parties(name, limit=limit)
        if as_json:
            emit(hits, [], True, "")
            return
        rows = []
        for h in hits:
            listings = "\n".join(
                f"{x.issuer.removeprefix('country:')}: {x.list_name}"
                + (f" ({x.citation})" if x.citation else "")
                for x in h.party.listings
            )
            rows.append(
                [h.party.name, h.matched, f"{h.score:.0f}", ", ".join(h.party.countries), listings]
            )
        columns = ("party", "matched", "score", "countries", "listings")
        print_table(f"Parties matching {name!r}", columns, rows)


@query_app.command("controls")
def q_controls(
    code: Annotated[str, typer.Argument(help="Country code, e.g. IN.")],
    as_json: JsonOpt = False,
) -> None:
    """A country's lists and how its controls compare with the regimes it belongs to."""
    with open_analyses() as analyses:
        report = analyses.country_controls(code)
        if as_json:
            print_json(report)
            return
        out.print(f"[bold]{report.name}[/] ({report.iso2}): {report.reason}", highlight=False)
        rows = [
            (
                r.regime,
                r.status,
                percent(None if r.coverage is None else r.coverage.percent),
                r.reason,
            )
            for r in report.regimes
        ]
        print_table("Against its regimes", ("regime", "status", "%", "reason"), rows)
