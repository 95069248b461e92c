"""Entries as a parser reads them, line by line, and how they become a list's records.

A reader collects an entry's lines and its notes' lines as the document breaks them; how the
lines make one text depends on the document (:meth:`ReadEntry.joined`), the rest does not. An
item (a code at level 0: ``5A001``, ``ML8``) is also a heading of the list: its text is its
heading, sub-paragraphs have none.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TypeVar

from graph_schema.codes import ControlCode
from ingest.sources.helpers.listing import ListBuilder, Status


@dataclass(kw_only=True)
class ReadEntry:
    """One entry as read, before it becomes a record."""

    code: ControlCode
    lines: list[str] = field(default_factory=list)
    notes: list[list[str]] = field(default_factory=list)
    sensitive: bool = False
    very_sensitive: bool = False

    def joined(self, lines: list[str]) -> str:
        """The lines as one text, as the document breaks them."""
        raise NotImplementedError

    @property
    def text(self) -> str:
        return self.joined(self.lines)

    @property
    def status(self) -> Status:
        """What the entry's own text says of it."""
        raise NotImplementedError

    def note_texts(self) -> list[str]:
        return [t for t in (self.joined(n) for n in self.notes) if t]


E = TypeVar("E", bound=ReadEntry)


def add_entries(
    builder: ListBuilder,
    entries: Iterable[E],
    citation: Callable[[E], str],
    page: Callable[[E], int | None] = lambda _: None,
) -> None:
    """Add the entries to the list, in reading order (parents before children)."""
    for entry in entries:
        text = entry.text
        builder.add(
            entry.code,
            heading=text if entry.code.level == 0 else "",
            text=text,
            notes=entry.note_texts(),
            status=entry.status,
            sensitive=entry.sensitive,
            very_sensitive=entry.very_sensitive,
            page=page(entry),
            citation=citation(entry),
        )
