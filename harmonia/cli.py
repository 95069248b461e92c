"""The ``harmonia`` command: fetch, ingest, serve, query, export."""

from __future__ import annotations

import ctypes
import ctypes.util
import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from rich.console import Console
from rich.markup import escape
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


def plain(message: object) -> str:
    """Error text may quote a hostile file: keep it on one line, without control or bidi
    characters and with Rich markup escaped, so it can neither break nor restyle the output."""
    text = " ".join("".join(c if c.isprintable() else " " for c in str(message)).split())
    return escape(text if len(text) <= 800 else text[:800] + " ...")


def fail(message: str, code: int = 1) -> NoReturn:
    err.print(f"[bold red]error:[/] {plain(message)}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)


@contextmanager
def clear_errors() -> Iterator[None]:
    """Known failures become one line on stderr and a non-zero exit, not a traceback."""
    from ingest.fetch import FetchError
    from ingest.reference.loader import ReferenceDataError
    from ingest.runner import IngestError
    from queries.errors import NotFound
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
                err.print(f"[red]failed[/] {plain(exc)}", highlight=False, soft_wrap=True)
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
    search = existing_sources(cfg, sources)
    with clear_errors():
        store = store_from_settings(cfg)
    outcomes: list[Outcome] = []
    try:
        with clear_errors():
            if file is not None:
                if not source or len(source) != 1:
                    fail("--file needs exactly one SOURCE id", 2)
                # A folder source (one edition in several files) is given as its folder.
                if not (file.is_file() or file.is_dir()):
                    fail(f"no such file or folder: {file}", 2)
                outcomes = [ingest_file(store, source[0], file), ingest_alignment(store)]
            else:
                with _progress() as progress:
                    task = progress.add_task("ingesting", total=None)

                    def report(o: Outcome) -> None:
                        done = f"ingested {plain(o.source_id)}"
                        progress.update(task, advance=1, description=done)

                    outcomes = run_ingest(store, search, only=source, on_outcome=report)
    finally:
        store.close()
    _print_outcomes(outcomes)
    failed = [o for o in outcomes if o.status == "failed"]
    for o in failed:
        err.print(f"[bold red]error:[/] {plain(o.message)}", highlight=False, soft_wrap=True)
    if failed:
        raise typer.Exit(1)


def existing_sources(cfg: Settings, sources: Path | None) -> list[Path]:
    """Where source files are looked for; a sources directory that does not exist is an error
    (exit 2), not an ingest that skips every source and looks like success."""
    chosen = sources or cfg.sources_dir
    if chosen is not None and not chosen.is_dir():
        given = "--sources" if sources else "HARMONIA_SOURCES_DIR"
        fail(f"{given}: no such directory: {chosen}", 2)
    return source_search_path(cfg, sources)


def _progress() -> Progress:
    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=not err.is_terminal,  # piped stderr keeps only the error lines
    )


def _print_outcomes(outcomes: list[Any]) -> None:
    table = Table(title="Ingest")
    for col in ("source", "edition key", "status", "counts", "seconds"):
        table.add_column(col)
    for o in outcomes:
        counts = o.summary or ", ".join(f"{k} {v}" for k, v in (o.counts or {}).items())
        if o.status == "skipped":
            counts = o.message
        colour = {"written": "green", "unchanged": "cyan", "skipped": "yellow"}.get(o.status, "red")
        # Ids come from the command line: a '[/x]' in one must not be read as Rich markup.
        cells = (plain(o.source_id), plain(o.key), f"[{colour}]{o.status}[/]", plain(counts))
        table.add_row(*cells, f"{o.seconds:.2f}")
    out.print(table)


@app.command("ingest-docs")
def ingest_docs(
    paths: Annotated[
        list[Path], typer.Argument(help="Document files (.txt, .md, .html) or directories.")
    ],
    max_mb: Annotated[
        float, typer.Option("--max-mb", min=0.001, help="Refuse documents larger than this.")
    ] = 5.0,
) -> None:
    """Ingest news and statements (ar, en, fr): mentions and claims, one document per write."""
    from ingest.documents import DocumentOutcome, ingest_documents

    missing = [p for p in paths if not p.exists()]
    if missing:
        fail(f"no such file or directory: {missing[0]}", 2)
    cfg = settings()
    with clear_errors():
        store = store_from_settings(cfg)
    try:
        with clear_errors(), _progress() as progress:
            task = progress.add_task("reading documents", total=None)

            def report(o: DocumentOutcome) -> None:
                progress.update(task, advance=1, description=f"{o.status} {plain(o.path.name)}")

            outcomes = ingest_documents(
                store, paths, max_bytes=int(max_mb * 1024 * 1024), on_outcome=report
            )
    finally:
        store.close()
    if not outcomes:
        fail("no documents found (.txt, .md, .markdown, .html, .htm)", 2)
    table = Table(title="Documents")
    for col in ("file", "document", "language", "status", "counts", "seconds"):
        table.add_column(col)
    colours = {"written": "green", "unchanged": "cyan", "unsupported": "yellow"}
    for o in outcomes:
        counts = ", ".join(f"{k} {v}" for k, v in (o.counts or {}).items())
        colour = colours.get(o.status, "red")
        table.add_row(
            plain(o.path.name),  # a file name is anything but "/": never markup or escapes
            o.document,
            o.language,
            f"[{colour}]{o.status}[/]",
            counts,
            f"{o.seconds:.2f}",
        )
    out.print(table)
    bad = [o for o in outcomes if o.status in ("failed", "unsupported")]
    for o in bad:
        err.print(f"[bold red]error:[/] {plain(o.message)}", highlight=False, soft_wrap=True)
    if bad:
        raise typer.Exit(1)


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
    from api.hardening import HEAD_LIMIT, GuardedH11Protocol

    cfg = settings()
    _fewer_malloc_arenas()
    search = existing_sources(cfg, sources)
    with clear_errors():
        # Read-only, so starting never waits for another process's write transaction; writes
        # (admin ingests, a stale alignment) open a writer for their duration. A graph file
        # that does not exist yet is created empty.
        exists = cfg.store != "embedded" or cfg.db_path.exists()
        store = store_from_settings(cfg, read_only=exists)
    application = create_app(
        store,
        sources_search=search,
        api_key=cfg.api_key.get_secret_value() if cfg.api_key else None,
        cors_origins=cfg.cors_origins,
        refresh_every=cfg.refresh_seconds,
        cache_bytes=int(cfg.response_cache_mb * 1_000_000),
        open_writer=lambda: store_from_settings(cfg),
    )
    try:
        uvicorn.run(
            application,
            host=host or cfg.host,
            port=port or cfg.port,
            log_level="info",
            http=GuardedH11Protocol,
            h11_max_incomplete_event_size=HEAD_LIMIT,
        )
    finally:
        store.close()


#: glibc's mallopt parameter for the number of malloc arenas.
_M_ARENA_MAX = -8


def _fewer_malloc_arenas(arenas: int = 2) -> None:
    """Cap glibc's malloc arenas (as MALLOC_ARENA_MAX would) unless the environment sets it.

    glibc gives threads their own arenas; with request threads running while a new graph is
    built, freed memory scatters across arenas and the server's RSS climbs (bench.load:
    800 MB with the default, 620 MB with two). A no-op where the C library is not glibc.
    """
    if "MALLOC_ARENA_MAX" in os.environ:
        return
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        libc.mallopt(_M_ARENA_MAX, arenas)
    except (OSError, AttributeError):
        pass


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
        from store.export import NEO4J_COMMAND

        nodes = " ".join(f"--nodes={p}" for p in files if p.name.startswith("nodes_"))
        rels = " ".join(f"--relationships={p}" for p in files if p.name.startswith("rel"))
        out.print(
            "load into an empty, stopped Neo4j 5 database with:\n"
            + NEO4J_COMMAND.format(nodes=nodes, relationships=rels),
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
    with _analyses() as analyses:
        if what == "divergences":
            report = analyses.divergences(
                jurisdictions, category=category, technology=technology, code_prefix=code
            )
            records = divergence_records(report)
            text = to_csv(records, divergence_columns(report))
        else:
            cover = analyses.coverage(
                category=category,
                technology=technology,
                code_prefix=code,
                jurisdictions=jurisdictions or None,
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


# --- query: the analyses ----------------------------------------------------------------------
# Divergences, coverage, gaps, changes, search, parties and country controls. Tables show the
# reason of every row; --json prints the whole report (every row, all evidence).

gaps_app = typer.Typer(help="Gaps: per regime, per code of conduct, party listings.")
query_app.add_typer(gaps_app, name="gaps")

CategoryOpt = Annotated[str | None, typer.Option(help="Category: 0-9 or ML1-ML22.")]
PrefixOpt = Annotated[str | None, typer.Option("--code", help="Code prefix, any numbering.")]
TechnologyOpt = Annotated[
    str | None, typer.Option(help="Technology id or label (en, fr, ar), e.g. 'intrusion software'.")
]
LimitOpt = Annotated[int | None, typer.Option(help="Show at most this many rows.", min=1)]


@contextmanager
def _analyses() -> Iterator[Any]:
    from queries.analyses import Analyses
    from queries.errors import InvalidQuery

    cfg = settings()
    with clear_errors():
        store = store_from_settings(cfg, read_only=cfg.store == "embedded")
        try:
            yield Analyses(store)
        except InvalidQuery as exc:
            fail(str(exc), 2)
        finally:
            store.close()


def _report(
    report: Any, as_json: bool, title: str, columns: list[str], rows: list[list[str]]
) -> None:
    if as_json:
        sys.stdout.write(report.model_dump_json(indent=2) + "\n")
        return
    table = Table(title=title, show_lines=True)
    for col in columns:
        table.add_column(col, overflow="fold")
    for row in rows:
        table.add_row(*row)
    out.print(table)
    shown = len(rows)
    if getattr(report, "total", shown) > shown:
        out.print(f"{shown} of {report.total} rows shown (--limit, or --json for all)")
    for note in getattr(report, "notes", []):
        out.print(f"[dim]note:[/] {note}", highlight=False)


def _codes(side: Any) -> str:
    return ", ".join(e.code for e in side.entries) or "-"


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
    with _analyses() as analyses:
        report = analyses.divergences(
            jurisdictions,
            category=category,
            technology=technology,
            code_prefix=code,
            kinds=kind,
            include_agreements=agreements,
            limit=None if as_json else limit,
        )
        keys = [j.key for j in report.jurisdictions]
        rows = [
            [
                r.kind,
                r.code + (f" (+{r.sub_entries})" if r.sub_entries else ""),
                *(
                    f"{s.status}: {_codes(s)}"
                    for key in keys
                    for s in r.sides
                    if s.jurisdiction == key
                ),
                r.reason,
            ]
            for r in report.items
        ]
        counts = ", ".join(f"{k} {v}" for k, v in report.counts.items()) or "no divergence"
        title = f"Divergences {' / '.join(keys)}: {counts}"
        if not as_json:
            out.print(
                f"compared {report.compared} regime entries, {report.agreed} controlled alike",
                highlight=False,
            )
        _report(report, as_json, title, ["kind", "code", *keys, "reason"], rows)


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
    with _analyses() as analyses:
        report = analyses.coverage(
            list_id,
            category=category,
            code_prefix=code,
            technology=technology,
            jurisdictions=member,
            statuses=status,
            limit=None if as_json else limit,
        )
        if not as_json:
            summary = Table(title=f"Coverage of {report.edition.list_id}")
            for col in ("jurisdiction", "members", "controlled", "comparable", "%", "reason"):
                summary.add_column(col, overflow="fold")
            for j in report.jurisdictions:
                summary.add_row(
                    j.jurisdiction,
                    ", ".join(j.countries),
                    str(j.controlled),
                    str(j.comparable),
                    "-" if j.percent is None else f"{j.percent:.1f}",
                    j.reason,
                )
            out.print(summary)
            out.print(f"members with no list held: {', '.join(report.members_without_list)}")
        keys = [j.jurisdiction for j in report.jurisdictions]
        rows = [
            [
                r.entry.code,
                r.entry.text[:80],
                *(f"{i.status}: {_codes(i)}" for i in r.implementations),
            ]
            for r in report.items
        ]
        _report(report, as_json, "Entries", ["code", "text", *keys], rows)


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
    with _analyses() as analyses:
        report = analyses.regime_gaps(
            regime,
            category=category,
            code_prefix=code,
            technology=technology,
            include_lag=lag,
            limit=None if as_json else limit,
        )
        if not as_json:
            members = Table(title=f"Members of {report.regime}")
            for col in ("country", "status", "%", "reason"):
                members.add_column(col, overflow="fold")
            for m in report.members:
                pct = "-" if m.percent is None else f"{m.percent:.1f}"
                members.add_row(m.country, m.status, pct, m.reason)
            out.print(members)
        rows = [
            [r.jurisdiction, r.entry.code, r.status, r.entry.text[:80], r.reason]
            for r in report.items
        ]
        _report(
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
    with _analyses() as analyses:
        report = analyses.commitment_gaps(
            code,
            technology=technology,
            countries=country,
            statuses=status,
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
        counts = ", ".join(f"{k} {v}" for k, v in report.counts.items())
        _report(
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
    with _analyses() as analyses:
        report = analyses.party_gaps(name, partners=partner, limit=limit)
        rows = [
            [r.party.name, r.matched, f"{r.score:.0f}", ", ".join(r.listed_by), r.reason]
            for r in report.items
        ]
        _report(
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
    with _analyses() as analyses:
        report = analyses.party_list_gaps(
            first,
            second,
            listed_by=only,
            verdicts=verdict,
            lists=list_name,
            country=country,
            kinds=kind,
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
        counts = "; ".join(
            f"{who}: " + ", ".join(f"{k} {v}" for k, v in tally.items())
            for who, tally in report.counts.items()
        )
        _report(
            report,
            as_json,
            f"Party lists {' vs '.join(report.issuers)} ({counts})",
            ["listed by", "party", "verdict", "score", "closest on the other list", "reason"],
            rows,
        )


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
    with _analyses() as analyses:
        report = analyses.changes(
            after,
            before,
            category=category,
            code_prefix=code,
            changes=change,
            limit=None if as_json else limit,
        )
        rows = [[r.change, r.canonical, "\n".join(r.diff[:12]), r.reason] for r in report.items]
        counts = ", ".join(f"{k} {v}" for k, v in report.counts.items()) or "no change"
        _report(
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
    with _analyses() as analyses:
        timeline = analyses.timeline(entry)
        rows = [
            [s.edition.list_id, s.entry.code if s.entry else "-", s.change, s.reason]
            for s in timeline.steps
        ]
        _report(
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
    with _analyses() as analyses:
        report = analyses.authorisations(code, destination, issuer)
        rows = [[v.code, "yes" if v.applies else "no", v.reason] for v in report.authorisations]
        _report(
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
    limit: LimitOpt = 30,
    as_json: JsonOpt = False,
) -> None:
    """Find entries by code (5.A.1.j, 5A001.j, 8A501 --system scomet) or words (en, fr, ar)."""
    with _analyses() as analyses:
        report = analyses.search(query, mode=mode, system=system, limit=None if as_json else limit)
        rows = [
            [h.entry.list_id, h.entry.code, h.match, f"{h.score:.0f}", h.entry.text[:90], h.reason]
            for h in report.items
        ]
        _report(
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
    with _analyses() as analyses:
        hits, _ = analyses.parties(name, limit=limit)
        if as_json:
            _emit(hits, [], True, "")
            return
        table = Table(title=f"Parties matching {name!r}", show_lines=True)
        for col in ("party", "matched", "score", "countries", "listings"):
            table.add_column(col, overflow="fold")
        for h in hits:
            listings = "\n".join(
                f"{x.issuer.removeprefix('country:')}: {x.list_name}"
                + (f" ({x.citation})" if x.citation else "")
                for x in h.party.listings
            )
            table.add_row(
                h.party.name, h.matched, f"{h.score:.0f}", ", ".join(h.party.countries), listings
            )
        out.print(table)


@query_app.command("controls")
def q_controls(
    code: Annotated[str, typer.Argument(help="Country code, e.g. IN.")],
    as_json: JsonOpt = False,
) -> None:
    """A country's lists and how its controls compare with the regimes it belongs to."""
    with _analyses() as analyses:
        report = analyses.country_controls(code)
        if as_json:
            sys.stdout.write(report.model_dump_json(indent=2) + "\n")
            return
        out.print(f"[bold]{report.name}[/] ({report.iso2}): {report.reason}", highlight=False)
        table = Table(title="Against its regimes", show_lines=True)
        for col in ("regime", "status", "%", "reason"):
            table.add_column(col, overflow="fold")
        for r in report.regimes:
            pct = r.coverage.percent if r.coverage is not None else None
            table.add_row(r.regime, r.status, "-" if pct is None else f"{pct:.1f}", r.reason)
        out.print(table)
