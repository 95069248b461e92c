"""What every command shares: the Typer apps, the consoles, error handling, settings, and the
readers and printers of the query commands."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from harmonia.settings import Settings
from harmonia.wiring import store_from_settings

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


# --- query ----------------------------------------------------------------------------------


def emit(rows: list[Any], columns: list[str], as_json: bool, title: str) -> None:
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
        table.add_row(*(table_cell(data.get(c)) for c in columns))
    out.print(table)


def table_cell(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return "" if value is None else str(value)


@contextmanager
def open_catalog() -> Iterator[Any]:
    from queries.catalog import Catalog

    cfg = settings()
    with clear_errors():
        store = store_from_settings(cfg, read_only=cfg.store == "embedded")
        try:
            yield Catalog(store)
        finally:
            store.close()


# --- query: the analyses ----------------------------------------------------------------------
# Divergences, coverage, gaps, changes, search, parties and country controls. Tables show the
# reason of every row; --json prints the whole report (every row, all evidence).


CategoryOpt = Annotated[str | None, typer.Option(help="Category: 0-9 or ML1-ML22.")]
PrefixOpt = Annotated[str | None, typer.Option("--code", help="Code prefix, any numbering.")]
TechnologyOpt = Annotated[
    str | None, typer.Option(help="Technology id or label (en, fr, ar), e.g. 'intrusion software'.")
]
LimitOpt = Annotated[int | None, typer.Option(help="Show at most this many rows.", min=1)]


@contextmanager
def open_analyses() -> Iterator[Any]:
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


def print_json(report: Any) -> None:
    """A whole report (every row, all evidence), as --json prints it."""
    sys.stdout.write(report.model_dump_json(indent=2) + "\n")


def print_table(
    title: str, columns: Iterable[str], rows: Iterable[Sequence[str]], *, show_lines: bool = True
) -> None:
    """A table of the analyses' output: long cells fold rather than being cut."""
    table = Table(title=title, show_lines=show_lines)
    for col in columns:
        table.add_column(col, overflow="fold")
    for row in rows:
        table.add_row(*row)
    out.print(table)


def print_report(
    report: Any, as_json: bool, title: str, columns: list[str], rows: list[list[str]]
) -> None:
    if as_json:
        print_json(report)
        return
    print_table(title, columns, rows)
    shown = len(rows)
    if getattr(report, "total", shown) > shown:
        out.print(f"{shown} of {report.total} rows shown (--limit, or --json for all)")
    for note in getattr(report, "notes", []):
        out.print(f"[dim]note:[/] {note}", highlight=False)


def tally(counts: Mapping[str, int] | None) -> str:
    """Counts as the commands print them: ``added 3, removed 1``."""
    return ", ".join(f"{k} {v}" for k, v in (counts or {}).items())


def percent(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def entry_codes(side: Any) -> str:
    return ", ".join(e.code for e in side.entries) or "-"
