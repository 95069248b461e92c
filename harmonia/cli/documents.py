"""``harmonia query documents``: the ingested documents, and the controls one concerns."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated

import typer

from harmonia.cli.common import (
    JsonOpt,
    clear_errors,
    emit,
    fail,
    out,
    print_json,
    print_table,
    query_app,
    settings,
)
from harmonia.wiring import store_from_settings

if TYPE_CHECKING:
    # Imported where used: the CLI starts without loading the analyses.
    from queries.analyses import Analyses
    from queries.documents import DocumentQueries
    from queries.views.entries import EntryHit

documents_app = typer.Typer(
    help="Documents (news, statements): the list, and the controls one concerns.",
    no_args_is_help=True,
)
query_app.add_typer(documents_app, name="documents")


@contextmanager
def _open() -> Iterator[tuple[DocumentQueries, Analyses]]:
    """The documents and the analyses, over one store (the controls read both)."""
    from queries.analyses import Analyses
    from queries.documents import DocumentQueries
    from queries.errors import InvalidQuery

    cfg = settings()
    with clear_errors():
        store = store_from_settings(cfg, read_only=cfg.store == "embedded")
        try:
            yield DocumentQueries(store), Analyses(store)
        except InvalidQuery as exc:
            fail(str(exc), 2)
        finally:
            store.close()


@documents_app.command("list")
def q_documents(
    language: Annotated[str | None, typer.Option(help="Only this language: ar, en or fr.")] = None,
    as_json: JsonOpt = False,
) -> None:
    """The ingested documents, with their ids for ``documents controls``."""
    with _open() as (docs, _):
        rows = docs.documents(language=language)
        emit(
            rows,
            ["id", "language", "published", "title", "mention_count", "claim_count"],
            as_json,
            "Documents",
        )


@documents_app.command("controls")
def q_document_controls(
    document: Annotated[str, typer.Argument(help="Document id (doc:<16 hex digits>).")],
    as_json: JsonOpt = False,
) -> None:
    """The controls DOCUMENT concerns: per technology it mentions and country (or the EU) it
    names, the entries of that jurisdiction's current lists covering it, or that it holds no
    list (which says nothing of what it controls); then the divergences among them."""
    from queries.document_controls import DocumentControlQueries

    with _open() as (docs, analyses):
        report = DocumentControlQueries(docs, analyses).controls(document)
        if as_json:
            print_json(report)
            return
        names = {j.key: j.name for j in report.jurisdictions}
        techs = {t.technology: t for t in report.technologies}
        out.print(
            f"[bold]{report.title}[/] ({report.document}, {report.language})", highlight=False
        )
        print_table(
            "Controls on the technologies it mentions",
            ["technology", "its words", "jurisdiction", "state", "entries"],
            [
                [
                    techs[c.technology].name,
                    ", ".join(techs[c.technology].mentions),
                    f"{names.get(c.jurisdiction, c.jurisdiction)} ({c.jurisdiction})",
                    c.state,
                    _by_list(c.entries),
                ]
                for c in report.controls
            ],
        )
        for d in report.divergences:
            counts = ", ".join(f"{kind} {n}" for kind, n in d.report.counts.items() if n)
            out.print(
                f"divergences on {techs[d.technology].name} among {', '.join(d.jurisdictions)}: "
                f"{counts or 'none'}",
                highlight=False,
            )
        for note in report.notes:
            out.print(f"[dim]note:[/] {note}", highlight=False)


def _by_list(hits: list[EntryHit]) -> str:
    """'list:eu:2025-11-15: 4A506, 4A506.a': the covering entries' codes, per list edition."""
    codes: dict[str, list[str]] = {}
    for h in hits:
        codes.setdefault(h.edition.list_id, []).append(h.entry.code)
    return "; ".join(f"{list_id}: {', '.join(found)}" for list_id, found in codes.items())
