"""The ``harmonia`` command: fetch, ingest, serve, query, export."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from harmonia.client import source_search_path, store_from_settings
from harmonia.settings import Settings

app = typer.Typer(
    help="Harmonia: where export controls diverge and where the gaps are.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
query_app = typer.Typer(
    help="Read the graph: countries, regimes, technologies, sources.", no_args_is_help=True
)
app.add_typer(query_app, name="query")

out = Console()
err = Console(stderr=True)

SourcesOpt = Annotated[
    Path | None,
    typer.Option("--sources", help="Directory with the raw source files (HARMONIA_SOURCES_DIR)."),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


def fail(message: str, code: int = 1) -> NoReturn:
    err.print(f"[bold red]error:[/] {message}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)


@contextmanager
def clear_errors() -> Iterator[None]:
    """Known failures become one line on stderr and a non-zero exit, not a traceback."""
    from ingest.fetch import FetchError
    from ingest.reference.loader import ReferenceDataError
    from ingest.runner import IngestError
    from queries.catalog import NotFound
    from store.base import StoreError

    try:
        yield
    except (StoreError, IngestError, FetchError, ReferenceDataError, NotFound) as exc:
        fail(str(exc))
    except KeyError as exc:
        fail(str(exc.args[0]) if exc.args else "unknown key")


def settings() -> Settings:
    try:
        return Settings()
    except Exception as exc:  # pydantic's message lists every bad variable
        fail(f"invalid HARMONIA_ settings: {exc}", 2)


# --- fetch / ingest -------------------------------------------------------------------------


@app.command()
def fetch(
    source: Annotated[
        list[str] | None, typer.Argument(help="Source ids; all when omitted.")
    ] = None,
    cache: Annotated[
        Path | None, typer.Option(help="Cache directory (HARMONIA_CACHE_DIR).")
    ] = None,
    force: Annotated[bool, typer.Option(help="Download even if a verified copy exists.")] = False,
) -> None:
    """Download source files from their official URLs into the cache, checking checksums."""
    import httpx

    from ingest.fetch import FetchError
    from ingest.fetch import fetch as fetch_one
    from ingest.registry import all_sources, get_source

    cfg = settings()
    cache_dir = cache or cfg.cache_dir
    with clear_errors():
        wanted = [get_source(s) for s in source] if source else list(all_sources().values())
    failures = 0
    with httpx.Client(timeout=60, follow_redirects=True) as client:
        for definition in wanted:
            try:
                path = fetch_one(definition.meta, cache_dir, client, force=force)
                out.print(f"[green]ok[/] {definition.meta.id}: {path}")
            except FetchError as exc:
                failures += 1
                err.print(f"[red]failed[/] {exc}", highlight=False, soft_wrap=True)
    if failures:
        raise typer.Exit(1)


@app.command()
def ingest(
    source: Annotated[
        list[str] | None,
        typer.Argument(help="Source ids ('reference' for the reference data); all when omitted."),
    ] = None,
    sources: SourcesOpt = None,
    file: Annotated[
        Path | None, typer.Option(help="Ingest this file as the one SOURCE given.")
    ] = None,
) -> None:
    """Ingest the reference data and the sources whose files are found, each atomically."""
    from ingest.runner import Outcome, ingest_alignment, ingest_file
    from ingest.runner import ingest as run_ingest

    cfg = settings()
    search = source_search_path(cfg, sources)
    with clear_errors():
        store = store_from_settings(cfg)
    outcomes: list[Outcome] = []
    try:
        with clear_errors():
            if file is not None:
                if not source or len(source) != 1:
                    fail("--file needs exactly one SOURCE id", 2)
                if not file.is_file():
                    fail(f"no such file: {file}", 2)
                outcomes = [ingest_file(store, source[0], file), ingest_alignment(store)]
            else:
                with _progress() as progress:
                    task = progress.add_task("ingesting", total=None)

                    def report(o: Outcome) -> None:
                        progress.update(task, advance=1, description=f"ingested {o.source_id}")

                    outcomes = run_ingest(store, search, only=source, on_outcome=report)
    finally:
        store.close()
    _print_outcomes(outcomes)
    failed = [o for o in outcomes if o.status == "failed"]
    for o in failed:
        err.print(f"[bold red]error:[/] {o.message}", highlight=False, soft_wrap=True)
    if failed:
        raise typer.Exit(1)


def _progress() -> Progress:
    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    )


def _print_outcomes(outcomes: list[Any]) -> None:
    table = Table(title="Ingest")
    for col in ("source", "edition key", "status", "counts", "seconds"):
        table.add_column(col)
    for o in outcomes:
        counts = ", ".join(f"{k} {v}" for k, v in (o.counts or {}).items())
        if o.status == "skipped":
            counts = o.message
        colour = {"written": "green", "unchanged": "cyan", "skipped": "yellow"}.get(o.status, "red")
        table.add_row(o.source_id, o.key, f"[{colour}]{o.status}[/]", counts, f"{o.seconds:.2f}")
    out.print(table)


# --- serve ----------------------------------------------------------------------------------


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Listen address (HARMONIA_HOST).")] = None,
    port: Annotated[int | None, typer.Option(help="Port (HARMONIA_PORT).")] = None,
    sources: SourcesOpt = None,
) -> None:
    """Serve the API and dashboard with uvicorn."""
    import uvicorn

    from api.app import create_app

    cfg = settings()
    with clear_errors():
        store = store_from_settings(cfg)
    application = create_app(
        store,
        sources_search=source_search_path(cfg, sources),
        api_key=cfg.api_key.get_secret_value() if cfg.api_key else None,
        cors_origins=cfg.cors_origins,
    )
    try:
        uvicorn.run(application, host=host or cfg.host, port=port or cfg.port, log_level="info")
    finally:
        store.close()


# --- query ----------------------------------------------------------------------------------


def _emit(rows: list[Any], columns: list[str], as_json: bool, title: str) -> None:
    if as_json:
        sys.stdout.write(
            json.dumps([r.model_dump(mode="json") for r in rows], indent=2, ensure_ascii=False)
            + "\n"
        )
        return
    table = Table(title=title)
    for col in columns:
        table.add_column(col)
    for r in rows:
        data = r.model_dump(mode="json")
        table.add_row(*(_cell(data.get(c)) for c in columns))
    out.print(table)


def _cell(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return "" if value is None else str(value)


@contextmanager
def _catalog() -> Iterator[Any]:
    from queries.catalog import Catalog

    cfg = settings()
    with clear_errors():
        store = store_from_settings(cfg, read_only=cfg.store == "embedded")
        try:
            yield Catalog(store)
        finally:
            store.close()


@query_app.command("countries")
def q_countries(
    regime: Annotated[str | None, typer.Option(help="Only current members of this regime.")] = None,
    as_json: JsonOpt = False,
) -> None:
    """List countries (optionally the current members of one regime)."""
    with _catalog() as cat:
        _emit(cat.countries(regime=regime), ["iso2", "name", "regimes"], as_json, "Countries")


@query_app.command("country")
def q_country(code: str, as_json: JsonOpt = False) -> None:
    """One country's memberships, subscriptions and groups."""
    with _catalog() as cat:
        detail = cat.country(code)
        if as_json:
            sys.stdout.write(detail.model_dump_json(indent=2) + "\n")
            return
        out.print(f"[bold]{detail.name}[/] ({detail.iso2})")
        _emit(detail.memberships, ["regime", "role", "since", "until"], False, "Memberships")
        _emit(detail.subscriptions, ["code_of_conduct", "date", "role"], False, "Subscriptions")
        _emit(detail.groups, ["group", "name"], False, "Country groups")


@query_app.command("regimes")
def q_regimes(as_json: JsonOpt = False) -> None:
    """List regimes, unions and initiatives."""
    with _catalog() as cat:
        _emit(cat.regimes(), ["id", "short_name", "kind", "member_count"], as_json, "Regimes")


@query_app.command("regime")
def q_regime(name: str, as_json: JsonOpt = False) -> None:
    """One regime and its members."""
    with _catalog() as cat:
        detail = cat.regime(name)
        if as_json:
            sys.stdout.write(detail.model_dump_json(indent=2) + "\n")
            return
        out.print(f"[bold]{detail.name}[/]: {detail.member_count} current members")
        _emit(detail.members, ["iso2", "name", "role", "since", "until"], False, "Members")


@query_app.command("technologies")
def q_technologies(as_json: JsonOpt = False) -> None:
    """The technology taxonomy."""
    with _catalog() as cat:
        _emit(cat.technologies(), ["id", "name", "parent", "code_hints"], as_json, "Technologies")


@query_app.command("sources")
def q_sources(as_json: JsonOpt = False) -> None:
    """Source editions in the graph, with checksums."""
    with _catalog() as cat:
        _emit(
            cat.sources(),
            ["key", "title", "file_sha256", "ingested_at", "node_count", "edge_count"],
            as_json,
            "Sources in the graph",
        )


# --- export ---------------------------------------------------------------------------------


class ExportFormat(StrEnum):
    json = "json"
    graphml = "graphml"


@app.command()
def export(
    output: Annotated[Path, typer.Argument(help="File to write.")],
    fmt: Annotated[ExportFormat, typer.Option("--format", help="json or graphml.")] = (
        ExportFormat.json
    ),
) -> None:
    """Export the whole graph (JSON node-link, or GraphML for Gephi)."""
    from store.export import write_graphml, write_json

    cfg = settings()
    with clear_errors():
        store = store_from_settings(cfg, read_only=cfg.store == "embedded")
        try:
            if fmt is ExportFormat.json:
                write_json(store, output)
            else:
                write_graphml(store, output)
        finally:
            store.close()
    out.print(f"wrote {output}")
