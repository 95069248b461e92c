"""``harmonia export``: the graph (JSON, GraphML, a Neo4j bundle) and the analyses as CSV."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from harmonia.analysis_frames import coverage_request, divergence_request
from harmonia.cli.common import (
    app,
    clear_errors,
    fail,
    open_analyses,
    out,
    settings,
)
from harmonia.wiring import store_from_settings

# --- export ---------------------------------------------------------------------------------


class ExportFormat(StrEnum):
    json = "json"
    graphml = "graphml"
    neo4j = "neo4j"


EXPORT_ANALYSES = ("divergences", "coverage")


@app.command()
def export(
    output: Annotated[
        Path,
        typer.Argument(
            help="File to write (for neo4j: a new folder); or 'divergences' or 'coverage' to "
            "export that analysis as CSV (with --csv)."
        ),
    ],
    jurisdictions: Annotated[
        list[str] | None,
        typer.Argument(
            help="divergences: two or more jurisdictions (US EU wassenaar); coverage: only "
            "these members (or EU)."
        ),
    ] = None,
    fmt: Annotated[
        ExportFormat, typer.Option("--format", help="Graph format: json, graphml or neo4j.")
    ] = ExportFormat.json,
    csv_path: Annotated[
        Path | None,
        typer.Option("--csv", help="CSV file for divergences / coverage ('-': standard output)."),
    ] = None,
    category: Annotated[str | None, typer.Option(help="Category: 0-9 or ML1-ML22.")] = None,
    technology: Annotated[str | None, typer.Option(help="Technology id or label.")] = None,
    code: Annotated[str | None, typer.Option("--code", help="Code prefix, any numbering.")] = None,
) -> None:
    """Export the whole graph (JSON, GraphML for Gephi, or CSV files for neo4j-admin import),
    or an analysis as CSV: 'harmonia export divergences US EU --csv out.csv',
    'harmonia export coverage --category 5 --csv coverage.csv'."""
    if str(output) in EXPORT_ANALYSES:
        _export_analysis(str(output), jurisdictions or [], csv_path, category, technology, code)
        return
    if jurisdictions or csv_path or category or technology or code:
        fail(
            "jurisdictions, --csv, --category, --technology and --code go with "
            "'export divergences' or 'export coverage'",
            2,
        )
    from store.export import write_graphml, write_json, write_neo4j_import

    cfg = settings()
    with clear_errors():
        store = store_from_settings(cfg, read_only=cfg.store == "embedded")
        try:
            if fmt is ExportFormat.json:
                write_json(store, output)
            elif fmt is ExportFormat.graphml:
                write_graphml(store, output)
            else:
                files = write_neo4j_import(store, output)
        finally:
            store.close()
    out.print(f"wrote {output}")
    if fmt is ExportFormat.neo4j:
        from store.export import neo4j_import_command

        out.print(
            "load into an empty, stopped Neo4j 5 database with:\n" + neo4j_import_command(files),
            highlight=False,
            soft_wrap=True,
        )


def _export_analysis(
    what: str,
    jurisdictions: list[str],
    csv_path: Path | None,
    category: str | None,
    technology: str | None,
    code: str | None,
) -> None:
    from queries.tables import (
        COVERAGE_COLUMNS,
        coverage_records,
        divergence_columns,
        divergence_records,
        to_csv,
    )

    if csv_path is None:
        fail(f"export {what} writes CSV: give --csv FILE (or --csv - for standard output)", 2)
    with open_analyses() as analyses:
        if what == "divergences":
            report = analyses.divergences(
                divergence_request(jurisdictions, category, technology, code, None, False)
            )
            records = divergence_records(report)
            text = to_csv(records, divergence_columns(report))
        else:
            cover = analyses.coverage(
                coverage_request(None, category, code, technology, jurisdictions or None, None)
            )
            records = coverage_records(cover)
            text = to_csv(records, list(COVERAGE_COLUMNS))
    if str(csv_path) == "-":
        sys.stdout.write(text)
        return
    try:
        csv_path.parent.mkdir(parents=True, exist_ok=True)
        csv_path.write_text(text, encoding="utf-8")
    except OSError as exc:
        fail(f"cannot write {csv_path}: {exc}")
    out.print(f"wrote {csv_path} ({len(records)} rows)")
