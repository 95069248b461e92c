"""``harmonia fetch``, ``harmonia ingest`` and ``harmonia ingest-docs``."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from harmonia.cli.common import (
    SourcesOpt,
    app,
    clear_errors,
    err,
    fail,
    out,
    plain,
    settings,
    tally,
)
from harmonia.settings import Settings
from harmonia.wiring import source_search_path, store_from_settings

if TYPE_CHECKING:  # the command imports ingest when it runs, to keep `harmonia --help` quick
    from ingest.runner import Outcome

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
    from ingest.runner import ingest as run_ingest
    from ingest.runner import ingest_alignment, ingest_file

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


def _print_outcomes(outcomes: list[Outcome]) -> None:
    table = Table(title="Ingest")
    for col in ("source", "edition key", "status", "counts", "seconds"):
        table.add_column(col)
    for o in outcomes:
        counts = o.summary or tally(o.counts)
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
        counts = tally(o.counts)
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
