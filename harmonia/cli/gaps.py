"""``harmonia query gaps``: per regime, per code of conduct, party listings."""

from __future__ import annotations

from typing import Annotated

import typer

from harmonia.analysis_frames import commitment_gaps_request, regime_gaps_request
from harmonia.cli.common import (
    CategoryOpt,
    JsonOpt,
    LimitOpt,
    PrefixOpt,
    TechnologyOpt,
    open_analyses,
    percent,
    print_report,
    print_table,
    query_app,
    tally,
)
from queries.requests import PartyGapsRequest, PartyListGapsRequest, build

gaps_app = typer.Typer(help="Gaps: per regime, per code of conduct, party listings.")
query_app.add_typer(gaps_app, name="gaps")


@gaps_app.command("regime")
def q_gaps_regime(
    regime: Annotated[str, typer.Argument(help="Regime, e.g. wassenaar.")],
    category: CategoryOpt = None,
    code: PrefixOpt = None,
    technology: TechnologyOpt = None,
    lag: Annotated[
        bool, typer.Option("--lag/--no-lag", help="Include entries absent from older editions.")
    ] = True,
    limit: LimitOpt = 50,
    as_json: JsonOpt = False,
) -> None:
    """Members whose lists lack entries of the regime's list."""
    with open_analyses() as analyses:
        report = analyses.regime_gaps(
            regime,
            regime_gaps_request(category, code, technology, lag),
            limit=None if as_json else limit,
        )
        if not as_json:
            print_table(
                f"Members of {report.regime}",
                ("country", "status", "%", "reason"),
                ((m.country, m.status, percent(m.percent), m.reason) for m in report.members),
                show_lines=False,
            )
        rows = [
            [r.jurisdiction, r.entry.code, r.status, r.entry.text[:80], r.reason]
            for r in report.items
        ]
        print_report(
            report,
            as_json,
            "Missing entries",
            ["lists of", "entry", "status", "text", "reason"],
            rows,
        )


@gaps_app.command("code")
def q_gaps_code(
    code: Annotated[str, typer.Argument(help="Code of conduct, e.g. echri.")] = "echri",
    technology: TechnologyOpt = None,
    country: Annotated[list[str] | None, typer.Option(help="Only these subscribers.")] = None,
    status: Annotated[
        list[str] | None, typer.Option(help="gap, controlled, no-list-held, no-dual-use-list-held")
    ] = None,
    limit: LimitOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Subscribers whose lists have no control on a technology the code addresses."""
    with open_analyses() as analyses:
        report = analyses.commitment_gaps(
            code,
            commitment_gaps_request(technology, country, status),
            limit=None if as_json else limit,
        )
        rows = [
            [
                r.country,
                r.technology.removeprefix("tech:"),
                r.status,
                ", ".join(e.code for e in r.entries) or "-",
                r.reason,
            ]
            for r in report.items
        ]
        counts = tally(report.counts)
        print_report(
            report,
            as_json,
            f"{report.title}: {counts}",
            ["country", "technology", "status", "entries", "reason"],
            rows,
        )


@gaps_app.command("parties")
def q_gaps_parties(
    name: Annotated[str, typer.Argument(help="Party name, e.g. 'NSO Group'.")],
    partner: Annotated[
        list[str] | None, typer.Option(help="Partner countries or a regime (default echri).")
    ] = None,
    limit: Annotated[int, typer.Option(min=1, max=100)] = 10,
    as_json: JsonOpt = False,
) -> None:
    """Parties one issuer lists and its partners do not (or cannot be checked)."""
    with open_analyses() as analyses:
        report = analyses.party_gaps(
            build(PartyGapsRequest, name=name, partner=partner), limit=limit
        )
        rows = [
            [r.party.name, r.matched, f"{r.score:.0f}", ", ".join(r.listed_by), r.reason]
            for r in report.items
        ]
        print_report(
            report,
            as_json,
            f"Party listings: {name}",
            ["party", "matched", "score", "listed by", "reason"],
            rows,
        )


@gaps_app.command("party-lists")
def q_gaps_party_lists(
    first: Annotated[str, typer.Argument(help="An issuer holding party lists, e.g. US.")],
    second: Annotated[str, typer.Argument(help="The other issuer, e.g. JP.")],
    only: Annotated[
        str | None, typer.Option(help="Only the parties of this issuer (e.g. JP).")
    ] = None,
    verdict: Annotated[
        list[str] | None, typer.Option(help="both, review or only (repeatable).")
    ] = None,
    list_name: Annotated[
        list[str] | None,
        typer.Option("--list", help="Compare only lists named so, e.g. 'Entity List'."),
    ] = None,
    country: Annotated[str | None, typer.Option(help="Only parties of this country (IR).")] = None,
    kind: Annotated[list[str] | None, typer.Option(help="Only parties of this kind.")] = None,
    limit: LimitOpt = 50,
    as_json: JsonOpt = False,
) -> None:
    """Parties one issuer lists and the other does not, both ways, matched by name."""
    with open_analyses() as analyses:
        report = analyses.party_list_gaps(
            build(
                PartyListGapsRequest,
                issuer=[first, second],
                listed_by=only,
                verdict=verdict,
                list_name=list_name,
                country=country,
                kind=kind,
            ),
            limit=None if as_json else limit,
        )
        rows = [
            [
                r.listed_by,
                r.party.name,
                r.verdict,
                f"{r.score:.0f}",
                r.candidate.name if r.candidate else "-",
                r.reason,
            ]
            for r in report.items
        ]
        counts = "; ".join(f"{who}: {tally(per)}" for who, per in report.counts.items())
        print_report(
            report,
            as_json,
            f"Party lists {' vs '.join(report.issuers)} ({counts})",
            ["listed by", "party", "verdict", "score", "closest on the other list", "reason"],
            rows,
        )
