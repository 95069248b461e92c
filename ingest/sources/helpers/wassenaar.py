"""What the readers of the two Wassenaar List editions share, whatever file each reads.

The 2025 edition is read from the official PDF (``ingest.sources.wassenaar_list``), the 2021
edition from the Secretariat's Word files (``ingest.sources.wassenaar_list_2021``). Their layouts
differ, the list does not: both open entries from full codes and relative markers by the same
numbering, attach notes the same way, read the same Sensitive and Very Sensitive Lists and make
the same records, so the two editions compare entry by entry. Each edition's reader subclasses
:class:`Reader` with what its layout decides: where a marker sits, and when a note ends.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, Protocol, Self, TypeVar

from graph_schema.codes import CodeSystem, ControlCode
from graph_schema.model import Record
from ingest.sources.base import ParseError, SourceMeta
from ingest.sources.helpers.entries import ReadEntry, add_entries
from ingest.sources.helpers.listing import ListBuilder, Status
from ingest.sources.helpers.numbering import (
    common_length,
    elements,
    follows,
    is_first,
    note_subject,
    read_code,
)
from ingest.sources.helpers.patterns import NOT_USED_RE

#: A rule of underscores (tables, the line above footnotes), in both editions: no text.
RULE_RE = re.compile(r"^_{10,}$")
#: Headings on their own line: 'OPTICAL SENSORS', 'CRYPTOGRAPHIC "INFORMATION SECURITY"',
#: at the margin '4. COMPUTERS'.
HEADING_RE = re.compile(r"^(?:\d\. )?[A-Z][A-Z ,\"'-]{3,}$")
#: A table's title: 'TABLE - DEPOSITION TECHNIQUES'.
TABLE_RE = re.compile(r"^TABLE\s+[-–]\s+.*$")
#: Blocks after a category's entries that are no entry's: the explosives annex, the 'APP' note.
AFTER_ENTRIES_RE = re.compile(r"^(?:ANNEX|TECHNICAL NOTE ON .*)$")

# ---------------------------------------------------------------------------------------------
# Entries

_NONE_RE = re.compile(r"^[A-Z][A-Z ,\"'-]+ [-–] None$")
# A group slot under its heading that was emptied: 'MAGNETIC AND ELECTRIC FIELD SENSORS - Not
# used since 2004' (6.E.3.f) is no control.
_HEADED_NOT_USED_RE = re.compile(
    r"^[A-Z][A-Z ,\"'-]+ [-–] (?:Not used(?: since \d{4})?|\[?Reserved\]?)\.?$", re.IGNORECASE
)


def entry_status(text: str) -> Status:
    """What an entry's own text says of it: not used, a reserved slot, or an active control."""
    if NOT_USED_RE.match(text) or _HEADED_NOT_USED_RE.match(text):
        return "not-used"
    if _NONE_RE.match(text):
        return "reserved"  # 'LASERS - None': a slot kept for a heading with no items
    return "active"


@dataclass(kw_only=True)
class ListEntry(ReadEntry):
    """One entry as read, before it becomes a record."""

    @property
    def status(self) -> Status:
        return entry_status(self.text)


E = TypeVar("E", bound=ListEntry)


# ---------------------------------------------------------------------------------------------
# Sensitive and Very Sensitive Lists


@dataclass
class Named:
    """One entry of the Sensitive or Very Sensitive List: the codes it names and its text."""

    codes: list[str]
    text: list[str] = field(default_factory=list)

    @property
    def withdrawn(self) -> bool:
        # 'Not used since 2002' there means the entry left that list, not the dual-use list.
        return bool(self.text) and self.text[0].startswith("Not used")


def expand(start: str, end: str) -> list[str]:
    """'7.D.3.d.1' to '7.D.3.d.4' -> the four siblings."""
    head, _, first = start.rpartition(".")
    other_head, _, last = end.rpartition(".")
    if head != other_head or first.isdigit() != last.isdigit():
        raise ParseError(f"cannot read the range {start} to {end} in the Sensitive List")
    if first.isdigit():
        return [f"{head}.{n}" for n in range(int(first), int(last) + 1)]
    return [f"{head}.{chr(c)}" for c in range(ord(first), ord(last) + 1)]


def mark_listed(entries: Mapping[str, ListEntry], named: Iterable[Named], attr: str) -> list[str]:
    """Set ``attr`` (``sensitive``, ``very_sensitive``) on each entry a list names, but for
    those it says left it; the codes it names that are no entry are returned."""
    unresolved: list[str] = []
    for written in (c for n in named if not n.withdrawn for c in n.codes):
        entry = entries.get(read_code(written, CodeSystem.WASSENAAR).canonical)
        if entry is None:
            unresolved.append(written)
        else:
            setattr(entry, attr, True)
    return unresolved


# ---------------------------------------------------------------------------------------------
# The document


@dataclass
class Edition(Generic[E]):
    """Everything read from one edition; ``records`` turns it into records."""

    header: str  # the page header of every page or file: 'WA-LIST (25) 1 Corr.'
    year: str
    entries: dict[str, E]
    sensitive: list[Named]
    very_sensitive: list[Named]
    #: Codes the two lists name that the dual-use list does not have.
    unresolved: list[str]
    #: Lines the reader could not place (for 2021 also structural departures).
    anomalies: list[str]

    @classmethod
    def of(
        cls,
        header: str,
        entries: dict[str, E],
        lists: Mapping[str, list[Named]],
        unresolved: list[str],
        anomalies: list[str],
        *more: list[str],
    ) -> Self:
        """The edition ``header`` names ('WA-LIST (25) ...' is of 2025) with its two lists
        (``lists`` by name: 'sensitive', 'very-sensitive'); ``more``: an edition's own fields."""
        year = header[len("WA-LIST (") :][:2]
        sensitive, very_sensitive = lists["sensitive"], lists["very-sensitive"]
        return cls(header, year, entries, sensitive, very_sensitive, unresolved, anomalies, *more)

    def records(
        self,
        path: Path,
        meta: SourceMeta,
        shown: str,
        citation: Callable[[E], str],
        page: Callable[[E], int | None] = lambda _: None,
    ) -> Iterator[Record]:
        """Dual-use and Munitions List entries in one ``ControlList``. ``shown`` names the
        edition read, for the message when ``meta`` names another."""
        if not meta.edition.startswith(f"20{self.year}"):
            raise ParseError(
                f"{path.name} is {shown}, not the {meta.edition} edition the metadata names"
            )
        builder = ListBuilder(meta, CodeSystem.WASSENAAR)
        add_entries(builder, self.entries.values(), citation, page)
        yield from builder.records()


# ---------------------------------------------------------------------------------------------
# Reading entries


@dataclass(frozen=True)
class ListCodes:
    """What differs between the dual-use list and the Munitions List."""

    code_system: CodeSystem
    full_re: re.Pattern[str]
    ref_re: re.Pattern[str]

    def root(self, match: re.Match[str]) -> str:
        if self.code_system is CodeSystem.MUNITIONS:
            return f"ML{int(match.group(1))}"
        return f"{match.group(1)}.{match.group(2)}.{int(match.group(3))}"

    def tail(self, match: re.Match[str]) -> str:
        """The sub-paragraphs a full code names ('a. 3.')."""
        raise NotImplementedError

    def rest(self, match: re.Match[str]) -> str:
        """The text after a full code."""
        raise NotImplementedError

    def code(self, root: str, path: tuple[str, ...]) -> ControlCode:
        return read_code(".".join((root, *path)), self.code_system)


#: A note's label opening a line: 'Note', 'Notes 1', 'Technical Note', 'N.B. 2', 'Note to the
#: Technical Note', 'Note 2 cont.' (the same note going on over a page or a table).
_NOTE_RE = re.compile(
    r"^(?P<label>Technical Notes?|Notes?|N\.\s?B\.?(?:\s?\d+\.?)?)"
    r"(?P<number>\s*\d+)?(?P<to>\s+to\s+(?:the\s+)?\S+(?:\s+Note)?)?(?P<cont>\s+cont\.)?"
    r"(?=\s|$)"
)


def note_start(text: str) -> re.Match[str] | None:
    """A note's label opening ``text``; none where a lower-case word follows the label: the
    line is then running text that merely starts with the word."""
    found = _NOTE_RE.match(text)
    if found and not re.match(r"\s+[a-z]", text[found.end() :]):
        return found
    return None


#: The lead of a note naming its subject: 'For the purposes of 5.A.2., ...'.
_PURPOSES_RE = re.compile(r"^For (?:the )?purposes? of\s+")


@dataclass(kw_only=True)
class Note(Generic[E]):
    """A note being read: its lines, and what it is attached to."""

    lines: list[str]
    plural: bool  # 'Technical Notes' number their paragraphs at their own indentation
    table: str | None = None  # the title of a table or annex block
    fallback: E | None = None  # the entry its indentation places it under
    placed: bool = True  # False while a heading alone ('Technical Note') waits for its body


class _Line(Protocol):
    @property
    def text(self) -> str: ...


L = TypeVar("L", bound=_Line)
N = TypeVar("N", bound=Note[Any])
P = TypeVar("P")


class _Given(Generic[E]):
    """What a reader is made with (fields of each edition's reader dataclass)."""

    numbering: ListCodes
    entries: dict[str, E]
    anomalies: list[str]


@dataclass(kw_only=True)
class Reader(_Given[E], Generic[L, E, N, P]):
    """Reads the entries of one list (dual-use or munitions) line by line.

    ``L`` is the edition's line, ``E`` its entry, ``N`` its note and ``P`` where a marker sits.
    """

    root: str | None = None
    path: tuple[str, ...] = ()
    #: Where the marker that opened each level of ``path`` sat; None where a full code did.
    opened: list[P | None] = field(default_factory=list)
    #: Where the last marker seen at each level sat.
    level_at: dict[int, P] = field(default_factory=dict)
    current: E | None = None
    note: N | None = None
    #: The group being read ('1.D') and the number of its last item, for relative items.
    group: str | None = None
    last: int = 0

    # -- what each edition's layout decides ----------------------------------------------------

    def _where(self, line: L) -> str:
        """Where a line is, for messages."""
        raise NotImplementedError

    def _new_entry(self, code: ControlCode, line: L) -> E:
        raise NotImplementedError

    def _new_note(self, line: L, plural: bool) -> N:
        """A note opened by ``line``, with the entry its indentation places it under."""
        raise NotImplementedError

    def _note_body(self, body: str) -> str:
        """A note's text as :func:`note_subject` reads it."""
        return _PURPOSES_RE.sub("", body)

    def _note_ends(self, line: L, marker: tuple[str, ...] | None) -> bool:
        raise NotImplementedError

    def _note_list(self, line: L, marker: tuple[str, ...] | None) -> None:
        """Keep track of the note's own list, ``line`` being the note's."""
        raise NotImplementedError

    def _marker(self, marker: tuple[str, ...], line: L, rest: str) -> bool:
        """Open the entry a relative marker stands for; False if it fits nowhere."""
        raise NotImplementedError

    def _twice(self, code: ControlCode, line: L) -> str:
        return f"{self._where(line)}: {code.canonical} seen twice"

    def _out_of_order(self, path: tuple[str, ...], shown: str, line: L) -> str:
        return f"{self._where(line)}: {'.'.join(path)} after {shown}"

    # -- entries -------------------------------------------------------------------------------

    def _enter(self, root: str) -> None:
        """A new item: the levels of the last one are closed."""
        self.root, self.path, self.opened = root, (), []

    def _open(
        self, root: str, path: tuple[str, ...], line: L, text: str, at: tuple[int, P] | None
    ) -> None:
        """Make ``root.path`` the current entry; ``at`` is (level, place) of a relative marker
        (level -1: a relatively numbered item)."""
        code = self.numbering.code(root, path)
        entry = self.entries.get(code.canonical)
        if entry is None:
            entry = self.entries[code.canonical] = self._new_entry(code, line)
        else:
            self.anomalies.append(self._twice(code, line))
        if text:
            entry.lines.append(text)
        if root != self.root:
            self._enter(root)
        common = common_length(path, self.path)
        opened: list[P | None] = [*self.opened[:common], *([None] * (len(path) - common))]
        if at is not None:
            level, place = at
            self.level_at[level] = place
            if level >= 0:
                opened[level] = place
        self.path, self.opened, self.current = path, opened, entry
        if code.group is not None:
            self.group, self.last = f"{code.category}.{code.group}", code.number or 0

    def _full(self, match: re.Match[str], line: L) -> None:
        numbering = self.numbering
        root = numbering.root(match)
        path = elements(numbering.tail(match))
        known = numbering.code(root, path).canonical in self.entries
        if root == self.root and path and not known and not follows(self.path, path):
            shown = ".".join((root, *self.path))
            self.anomalies.append(self._out_of_order(path, shown, line))
        self._open(root, path, line, numbering.rest(match), None)

    def _candidates(self, marker: tuple[str, ...]) -> list[tuple[int, tuple[str, ...]]]:
        """The (level, path) a relative marker can stand for in the current item."""
        if self.root is None:
            return []
        found = []
        for level in range(len(self.path) + 1):
            candidate = self.path[:level] + marker
            if follows(self.path, candidate):
                found.append((level, candidate))
        return found

    def _item_after(self, marker: tuple[str, ...]) -> str | None:
        """'2.' after 1.D.1 (or '1.' after a group heading) is 1.D.2."""
        if self.group is None or not marker[0].isdigit():
            return None
        if not all(is_first(e, i) for i, e in enumerate(marker[1:])):
            return None
        last = int(self.root.rsplit(".", 1)[1]) if self.root is not None else self.last
        if int(marker[0]) != last + 1:
            return None
        return f"{self.group}.{int(marker[0])}"

    # -- notes ---------------------------------------------------------------------------------

    def _subject(self, body: str) -> E | None:
        """The entry of the current item a note names first ('Note 5.A.1.j. does not...')."""
        if self.root is None:
            return None
        return note_subject(self._note_body(body), self.root, self.numbering, self.entries)

    def _place(self, note: N, body: str) -> None:
        target = self._subject(body) or note.fallback
        if target is not None:
            target.notes.append(note.lines)
        note.placed = True

    def _start_note(self, match: re.Match[str], line: L) -> None:
        body = line.text[match.end() :].strip()
        note = self._new_note(line, plural=match.group("label").endswith("s"))
        if body:
            self._place(note, body)
        else:
            note.placed = False  # a heading alone: its first line says what it is about
        self.note = note

    # -- the line loop -------------------------------------------------------------------------

    def reset(self) -> None:
        """A new part of the list (a category, a group, a heading): nothing carries over."""
        self.note = None
        self.current = None
        self.root = None
        self.path = ()
        self.opened = []

    def _text(self, line: L, marker_match: re.Match[str] | None) -> None:
        """A line that opens no item, heading, block or note: the open note's while it goes
        on, else the entry its relative marker opens, else the current entry's text."""
        text = line.text
        marker = elements(marker_match.group(1)) if marker_match else None
        note = self.note
        if note is not None:
            if not self._note_ends(line, marker):
                self._note_list(line, marker)
                note.lines.append(text)
                if not note.placed:
                    self._place(note, text)
                return
            if not note.placed:
                self._place(note, "")
            self.note = None
        if marker is not None and marker_match is not None:
            if self._marker(marker, line, text[marker_match.end() :].strip()):
                return
            self.anomalies.append(f"{self._where(line)}: marker fits nowhere: {text[:60]}")
        if self.current is not None:
            self.current.lines.append(text)
        else:
            self.anomalies.append(f"{self._where(line)}: text outside entries: {text[:60]}")
