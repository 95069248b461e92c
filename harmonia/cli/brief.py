"""``harmonia brief``: a harmonisation brief, the standing and the agenda, in the terminal, as
JSON, Markdown or a printed PDF."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from harmonia.cli.common import (
    CategoryOpt,
    JsonOpt,
    TechnologyOpt,
    app,
    fail,
    open_analyses,
    out,
    print_json,
    print_table,
)


@app.command("brief")
def brief_command(
    jurisdiction: Annotated[
        str,
        typer.Argument(help="A country code (IN), EU, a name, or a code of conduct (echri)."),
    ],
    against: Annotated[
        str,
        typer.Option(help="The reference: wassenaar, or another jurisdiction (a pair brief)."),
    ] = "wassenaar",
    category: CategoryOpt = None,
    technology: TechnologyOpt = None,
    items: Annotated[int, typer.Option(help="Points listed at most per part.")] = 20,
    markdown: Annotated[
        Path | None,
        typer.Option("--markdown", help="Write the brief as Markdown to FILE (- : stdout)."),
    ] = None,
    pdf: Annotated[
        Path | None,
        typer.Option("--pdf", help="Print the brief to a PDF at FILE (needs Chromium)."),
    ] = None,
    lang: Annotated[
        str,
        typer.Option(
            help="Language of the Markdown, the PDF and the text on screen: en, fr or ar (list "
            "texts stay in English and say so)."
        ),
    ] = "en",
    as_json: JsonOpt = False,
) -> None:
    """What it would take JURISDICTION to converge with the reference: its standing and a
    ranked agenda (to adopt, to align, to update), every point with its evidence. Against
    another jurisdiction (--against EU), a pair brief: where each is stricter, what each
    controls alone. For a code of conduct (echri), a group brief: which subscribers lack a
    control on each technology it addresses."""
    from harmonia.briefs import text_request
    from queries.brief import any_brief
    from queries.brief_text import names_of, to_markdown
    from queries.views import Brief

    with open_analyses() as analyses:
        request = text_request(against, category, technology, items, lang)
        report = any_brief(analyses, jurisdiction, request)
        names = names_of(analyses.index, report, request.lang)
        if as_json:
            print_json(report)
            return
        if pdf is not None:
            from harmonia.pdf import PdfError, html_to_pdf
            from harmonia.settings import Settings
            from queries.brief_text import to_html

            try:
                html_to_pdf(to_html(report, request.lang, names), pdf, Settings().chromium)
            except PdfError as exc:
                fail(str(exc))
            out.print(f"wrote {pdf}", highlight=False)
            return
        if markdown is not None:
            text = to_markdown(report, request.lang, names)
            if str(markdown) == "-":
                sys.stdout.write(text)
            else:
                markdown.write_text(text, "utf-8")
                out.print(f"wrote {markdown}", highlight=False)
            return
        if not isinstance(report, Brief) or request.lang != "en":
            # Pair and group briefs read best as their text, and so does a brief in French or
            # Arabic (the summary below is the English terminal view).
            sys.stdout.write(to_markdown(report, request.lang, names))
            return
        index = report.standing.convergence
        out.print(
            f"[bold]{report.jurisdiction.name}[/] against {report.reference.name} "
            f"({report.reference_edition.list_id}): convergence "
            f"{'-' if index.percent is None else f'{index.percent:.1f}%'} "
            f"({index.same} of {index.comparable} comparable entries with the same scope; "
            f"{index.unknown} cannot be compared)",
            highlight=False,
        )
        for edition in report.standing.lists:
            out.print(
                f"  list {edition.edition.list_id}: {edition.age_days} days old",
                highlight=False,
            )
        for title, part in (
            ("To adopt", report.to_adopt),
            ("To align", report.to_align),
            ("To update", report.to_update),
        ):
            rows = ((row.code, row.reason) for row in part.items)
            print_table(f"{title}: {part.total}", ("code", "reason"), rows)
            if part.total > len(part.items):
                out.print(f"{len(part.items)} of {part.total} shown (--items, or --json)")
        for code in report.commitments:
            if code.status == "not-held":
                out.print(
                    f"{code.title}: no list of {report.jurisdiction.name} held, its "
                    f"{code.technologies} technologies cannot be checked (not a gap)",
                    highlight=False,
                )
                continue
            gaps = ((r.technology_name, r.reason) for r in code.items)
            # The code by its id: its title is a sentence long.
            name = code.code_of_conduct.removeprefix("coc:")
            title = f"To adopt, {name}: {code.total} of {code.technologies} technologies"
            print_table(title, ("technology", "evidence"), gaps)
        shared = report.shared
        points = ((p.code, p.status, ", ".join(p.partners), p.row.reason) for p in shared.items)
        print_table(
            f"Shared beyond the regimes: {shared.total} (partners {', '.join(shared.partners)})",
            ("code", "status", "held by", "reason"),
            points,
        )
        if shared.total > len(shared.items):
            out.print(f"{len(shared.items)} of {shared.total} shown (--items, or --json)")
        if not report.parties.held:
            out.print(
                f"Parties: no party list of {report.jurisdiction.name} is held (not held)",
                highlight=False,
            )
        for partner in report.parties.partners:
            parties = ((r.party.name, r.reason) for r in partner.items)
            print_table(
                f"Parties {partner.partner} lists and {report.jurisdiction.key} does not: "
                f"{partner.only} (and {partner.review} to review)",
                ("party", "evidence"),
                parties,
            )
