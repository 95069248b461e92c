"""Wassenaar Arrangement List WA-LIST (21) 1, from the Secretariat's Word files -> one ControlList.

The 2021 edition is published as one legacy Word (``.doc``) file per chapter. The chapters read
here are ``03_Cat-1.doc`` to ``12_Cat-9.doc`` (Category 5 in two parts, ``07_Cat-5P1.doc`` and
``08_Cat-5P2.doc``), the Sensitive List ``13_SL.doc``, the Very Sensitive List ``14_VSL.doc``
and the Munitions List ``15_ML.doc``; the table of contents, general notes, definitions,
acronyms and statements of understanding hold no entries. As for the 2025 edition
(``ingest.sources.wassenaar_list``), dual-use and Munitions List entries go into one
``ControlList`` with the same canonical codes, heading, text and notes conventions, so the two
editions compare entry by entry; what the two readers share is in
``ingest.sources.helpers.wassenaar``.

Each file is converted to text by Debian's ``antiword`` (``-w 0``: one line per paragraph, no
wrapping; ``-m UTF-8.txt``: UTF-8 output). Its text keeps what the structure needs:

* the paragraph's left indentation, as leading spaces (where an entry's text starts; its
  marker hangs to the left of it);
* the tabs Word's automatic numbering writes between the parts of a code. A full code is
  written ``5.<TAB>A.<TAB>1.<TAB>b.<TAB>text`` (a tab after its first part tells it from a
  code named in a note). An entry that continues the current item mostly shows only its last
  part, after one tab per part it leaves out: ``<TAB><TAB><TAB>b.`` is a first-level
  sub-paragraph of a dual-use item, ``<TAB><TAB>2.`` the next item of the group (1.D.2 after
  1.D.1), ``<TAB>c.`` a first-level sub-paragraph of an ML entry. Letters and numbers
  alternate by level, and a marker must be the next sibling at some level or the first child
  of the current entry; the tabs say which level. Many markers have no tabs, and now and then
  they are one short: then the level is one where the marker fits, the indentation nearest
  to that level's markers deciding between several.
* ``Note``, ``Technical Note(s)``, ``N.B.`` and the tables of 2.E.3.f open a note. A note goes
  to the entry its text names first ("Note 1.A.4.a. includes ...", "For the purposes of
  1.A.4.a."), otherwise to the deepest open entry whose text it is indented as far as. A note
  runs until a full code, a heading, or a marker that opens an entry: one whose tabs put it at
  a level where it fits, or one without tabs back at or left of the note's indentation. The
  note's own list stays in it: the first marker after a note ending in ':', the markers that
  continue that list (a., b., c.), and anything indented further.

The edition is read from the page header stored in each file (``WA-LIST (21) 1``; antiword
leaves headers out of its text). Page numbers are not in the text, so entries cite their file.
The Sensitive and Very Sensitive Lists are tables (``|code|text|`` rows in antiword's text) that
name codes, with abbreviations such as ``7.D.3.d.1. to 4. & 7.`` and ``6.A.2.a.1.a., b. and c.``;
the entries they name get ``sensitive`` / ``very_sensitive`` unless they say "Not used since
...", which means the entry left that list.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from graph_schema.codes import CodeSystem, ControlCode
from graph_schema.model import Record
from ingest.sources.base import ParseError, SourceMeta
from ingest.sources.helpers import wassenaar
from ingest.sources.helpers.numbering import is_first, predecessor, successor

# ---------------------------------------------------------------------------------------------
# The files

#: The chapters holding entries: file name -> what it holds (a category number, or a list).
CHAPTERS: dict[str, str] = {
    "03_Cat-1.doc": "1",
    "04_Cat-2.doc": "2",
    "05_Cat-3.doc": "3",
    "06_Cat-4.doc": "4",
    "07_Cat-5P1.doc": "5",
    "08_Cat-5P2.doc": "5",
    "09_Cat-6.doc": "6",
    "10_Cat-7.doc": "7",
    "11_Cat-8.doc": "8",
    "12_Cat-9.doc": "9",
    "13_SL.doc": "sensitive",
    "14_VSL.doc": "very-sensitive",
    "15_ML.doc": "munitions",
}
ANTIWORD = "antiword"
_ANTIWORD_TIMEOUT = 60.0
_HEADER_RE = re.compile(rb"WA-LIST \((\d{2})\) (\d+)")


def antiword_text(path: Path) -> str:
    """The text of one ``.doc`` file, or a one-line ParseError naming the file."""
    try:
        done = subprocess.run(
            [ANTIWORD, "-w", "0", "-m", "UTF-8.txt", str(path)],
            capture_output=True,
            timeout=_ANTIWORD_TIMEOUT,
            check=False,
        )
    except FileNotFoundError as exc:
        raise ParseError(
            f"cannot read {path.name}: antiword is not installed (Debian package 'antiword')"
        ) from exc
    except subprocess.TimeoutExpired as exc:
        raise ParseError(f"antiword took over {_ANTIWORD_TIMEOUT:.0f} s on {path.name}") from exc
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").replace(str(path), path.name)
        first = next((line.strip() for line in message.splitlines() if line.strip()), "")
        raise ParseError(
            f"antiword cannot read {path.name} (exit {done.returncode}): {first[:200]}".rstrip()
        )
    return done.stdout.decode("utf-8", "replace")


def _headers(path: Path) -> set[tuple[str, str]]:
    """The WA-LIST (yy) n page headers stored in a Word file (8-bit or UTF-16 text)."""
    raw = path.read_bytes()
    found = {(m.group(1).decode(), m.group(2).decode()) for m in _HEADER_RE.finditer(raw)}
    wide = raw.replace(b"\x00", b"")  # UTF-16LE text of ASCII characters, made 8-bit
    found.update((m.group(1).decode(), m.group(2).decode()) for m in _HEADER_RE.finditer(wide))
    return found


# ---------------------------------------------------------------------------------------------
# Lines


@dataclass(frozen=True, slots=True)
class Line:
    """One paragraph of antiword's text: indentation, numbering tabs and the rest."""

    number: int  # line number in the text, for messages
    indent: int  # leading spaces (the paragraph's left indentation)
    tabs: int  # tabs between the indentation and the text
    text: str  # the rest, inner tabs kept

    @property
    def at_margin(self) -> bool:
        return self.indent == 0 and self.tabs == 0


def lines_of(text: str) -> list[Line]:
    out: list[Line] = []
    for number, raw in enumerate(text.splitlines(), 1):
        stripped = raw.rstrip()
        body = stripped.lstrip(" \t")
        if not body:
            continue
        prefix = stripped[: len(stripped) - len(body)]
        tab = prefix.find("\t")
        indent = len(prefix) if tab < 0 else tab
        out.append(Line(number, indent, prefix.count("\t"), body))
    return out


def _clean(text: str) -> str:
    """Tabs and non-breaking spaces become spaces; runs of spaces one."""
    return re.sub(r"[ \t\u00a0]+", " ", text).strip()


def _join(lines: list[str]) -> str:
    # Each line is a whole paragraph (no wrapping), so no word is broken across lines. A table
    # row ('|MRF = |(an exposure ...|', a formula in a note) gives its cells' text.
    cells = (line.strip().strip("|").replace("|", " ") for line in lines)
    return " ".join(c for c in (_clean(cell) for cell in cells) if c)


# ---------------------------------------------------------------------------------------------
# Codes and markers

_PART = r"(?:[a-z]|\d{1,2})\."
_DU_FULL_RE = re.compile(
    rf"^(\d)\.\t[ \t]*([A-E])\.[ \t]*(\d{{1,2}})\.((?:[ \t]*{_PART}(?=[ \t]|$))*)[ \t]*(.*)$"
)
_ML_FULL_RE = re.compile(rf"^ML ?(\d{{1,2}})\.(?=\t|$)((?:[ \t]*{_PART}(?=[ \t]|$))*)[ \t]*(.*)$")
_DU_GROUP_RE = re.compile(r"^(\d)\.\t[ \t]*([A-E])\.?[ \t]+(?:Part[ \t]*\d\.?[ \t]+)?[A-Z\"]")
_GROUP_NOTE_RE = re.compile(r"^\d\.\t[ \t]*[A-E]\.[ \t]+(?:Technical )?Notes? cont\.$")
#: Chapter headings at the margin: '4.<TAB>COMPUTERS', 'Part 1 - TELECOMMUNICATIONS'.
_CHAPTER_RE = re.compile(r"^(?:\d\.[ \t]+[A-Z][A-Z ,\"'-]+|Part \d - .*|MUNITIONS +LIST)$")
_MARKER_RE = re.compile(rf"^({_PART}(?:[ \t]+{_PART})*)(?=[ \t]|$)")
_MAIN_TABLE = "TABLE - DEPOSITION TECHNIQUES"
_FOOTNOTE_RE = re.compile(r"^\*[ \t]")


@dataclass(frozen=True)
class _Numbering(wassenaar.ListCodes):
    """What differs between the dual-use list and the Munitions List."""

    #: Parts a code has before its sub-paragraphs ('1.', 'A.', '1.' / 'ML1.'): the tabs that
    #: precede a first-level marker.
    base: int
    #: Whether items are numbered relatively ('<TAB><TAB>2.' after 1.D.1).
    relative_items: bool

    def tail(self, match: re.Match[str]) -> str:
        return match.group(2 if self.code_system is CodeSystem.MUNITIONS else 4)

    def rest(self, match: re.Match[str]) -> str:
        return match.group(match.re.groups)


#: Sub-paragraphs of a code named in text; '3.A.1.a.7.includes' ends at 7.
_REF_TAIL = r"(?:\.(?:[a-z]|\d{1,2})(?![A-Za-z0-9]))*"
_DUAL_USE = _Numbering(
    CodeSystem.WASSENAAR,
    _DU_FULL_RE,
    re.compile(rf"(\d)\.([A-E])\.(\d{{1,2}})({_REF_TAIL})\.?"),
    3,
    True,
)
_MUNITIONS = _Numbering(
    CodeSystem.MUNITIONS,
    _ML_FULL_RE,
    re.compile(rf"ML(\d{{1,2}})({_REF_TAIL})\.?"),
    1,
    False,
)


# ---------------------------------------------------------------------------------------------
# Entries


@dataclass(kw_only=True)
class Entry(wassenaar.ListEntry):
    """One entry as read, before it becomes a record."""

    chapter: str  # the file it was read from

    def joined(self, lines: list[str]) -> str:
        return _join(lines)


@dataclass(kw_only=True)
class _Note(wassenaar.Note[Entry]):
    indent: int
    inner: int | None = None  # indentation of the note's own a./1. list, once seen
    last: str | None = None  # the last marker of that list ('b')


@dataclass
class _Reader(wassenaar.Reader[Line, Entry, _Note, tuple[int, bool]]):
    """Reads the entries of one chapter line by line.

    Where a marker sits is its indentation and whether a tab follows it, i.e. it hangs left of
    its text; ``level_at`` keeps the last one seen at each level in this chapter (-1: relative
    items).
    """

    numbering: _Numbering
    chapter: str
    entries: dict[str, Entry]
    anomalies: list[str]
    #: Markers whose numbering tabs fit no level, read by their indentation instead.
    relevelled: list[str] = field(default_factory=list)
    skipping: bool = False  # inside the explosives annex or the 'APP' note

    def _where(self, line: Line) -> str:
        return f"{self.chapter}:{line.number}"

    # -- entries -------------------------------------------------------------------------------

    def _new_entry(self, code: ControlCode, line: Line) -> Entry:
        return Entry(code=code, chapter=self.chapter)

    @staticmethod
    def _position(line: Line) -> tuple[int, bool]:
        marker = _MARKER_RE.match(line.text)
        hanging = marker is not None and line.text[marker.end() : marker.end() + 1] == "\t"
        return line.indent, hanging

    def _expected(self, level: int) -> tuple[int, bool] | None:
        """Where the markers at ``level`` sit in this item, else in the chapter."""
        if 0 <= level < len(self.opened) and self.opened[level] is not None:
            return self.opened[level]
        return self.level_at.get(level)

    def _next_item(self, marker: tuple[str, ...]) -> str | None:
        """'<TAB><TAB>2.' after 1.D.1 (or '1.' after a group heading) is 1.D.2."""
        return self._item_after(marker) if self.numbering.relative_items else None

    def _resolve(
        self, marker: tuple[str, ...], line: Line
    ) -> tuple[str, tuple[str, ...], int] | None:
        """Root, path and level a relative marker stands for; None if it fits nowhere."""
        candidates = self._candidates(marker)
        item = self._next_item(marker)
        if line.tabs:
            level = line.tabs - self.numbering.base
            if level == -1 and item is not None:
                return item, marker[1:], -1
            for found, path in candidates:
                if found == level:
                    assert self.root is not None
                    return self.root, path, level
        # No tabs, or tabs that fit nowhere: the nearest indentation among the levels that fit.
        options: list[tuple[int, str, tuple[str, ...], int]] = []
        for found, path in candidates:
            expected = self._expected(found)
            distance = abs(line.indent - expected[0]) if expected is not None else 99
            assert self.root is not None
            options.append((distance, self.root, path, found))
        if item is not None:
            at = self.level_at.get(-1)
            options.append((abs(line.indent - at[0]) if at else 99, item, marker[1:], -1))
        if not options:
            return None
        if line.tabs:
            self.relevelled.append(f"{self._where(line)}: {line.text[:40]}")
        ranked = sorted(options, key=lambda o: (o[0], -o[3]))  # ties: the deeper level
        if len(ranked) > 1 and ranked[0][0] == ranked[1][0]:
            self.anomalies.append(f"{self._where(line)}: ambiguous marker {line.text[:40]}")
        _, root, path, level = ranked[0]
        return root, path, level

    # -- notes ---------------------------------------------------------------------------------

    def _note_body(self, body: str) -> str:
        return super()._note_body(_clean(body))

    def _by_indent(self, line: Line) -> Entry | None:
        """The deepest open entry the note's paragraph sits under.

        antiword's leading spaces are the paragraph's left indentation: where an entry's text
        starts when its marker hangs left of it ('a.<TAB>text'), where the marker itself is
        when a space follows it ('a. text'). A note indented as far as an entry's text (give or
        take the one character antiword's rounding makes) is that entry's; one left of it is
        the parent's.
        """
        if self.root is None:
            return None
        level = len(self.path)
        while level > 0:
            at = self._expected(level - 1)
            if at is None or at[0] < line.indent or (at[0] <= line.indent + 1 and at[1]):
                break
            level -= 1
        return self.entries.get(self.numbering.code(self.root, self.path[:level]).canonical)

    def _new_note(self, line: Line, plural: bool) -> _Note:
        note = _Note(indent=line.indent, lines=[line.text], plural=plural)
        note.fallback = self._by_indent(line)
        return note

    def _start_table(self, title: str) -> None:
        """The deposition table of 2.E.3.f and its notes: blocks only a full code ends."""
        if self.note is not None and self.note.table == title:
            return  # the same block continued on the next page
        self.note = _Note(indent=0, lines=[title], plural=True, table=title)
        if self.current is None:
            return
        if title == _MAIN_TABLE:
            # Its columns come out as interleaved cell lines; refer to the table instead.
            self.current.notes.append([f"{title}: see the table after this entry in the list"])
        else:
            self.current.notes.append(self.note.lines)

    def _note_ends(self, line: Line, marker: tuple[str, ...] | None) -> bool:
        note = self.note
        assert note is not None
        if note.table is not None or not note.placed or marker is None:
            return False
        if note.last is None and note.lines[-1].rstrip().endswith(":") and marker[0] in {"a", "1"}:
            return False  # 'Note ... does not apply to any of the following:' and its list
        if line.tabs:
            # Numbering tabs put a marker at an entry level; a note's own list has none, or
            # tabs that do not match an entry level where the marker fits. (Now and then the
            # numbering has one tab fewer: then the marker is read as if it had none.)
            level = line.tabs - self.numbering.base
            if level == -1 and self._next_item(marker) is not None:
                return True
            if any(found == level for found, _ in self._candidates(marker)):
                return True
        if note.last is not None and marker[0] == successor(note.last):
            return False  # the next paragraph of the note's own list
        if note.plural or line.indent > note.indent:
            return False
        if note.inner is not None and note.inner <= note.indent:
            return False  # the note's own list sits at the note's indentation
        return bool(self._candidates(marker))

    def _nested(self, line: Line) -> bool:
        """A note heading inside a note's own list ('Note 2' > 'a.' > 'Technical Note')."""
        note = self.note
        if note is None or note.table is not None or note.inner is None:
            return False
        return line.indent > note.indent and line.indent >= note.inner

    def _note_list(self, line: Line, marker: tuple[str, ...] | None) -> None:
        note = self.note
        assert note is not None
        if marker is not None and note.inner is None:
            note.inner, note.last = line.indent, marker[0]
        elif marker is not None and note.last == predecessor(marker[0]):
            note.last = marker[0]

    # -- the line loop -------------------------------------------------------------------------

    def feed(self, line: Line) -> None:
        text = line.text
        if wassenaar.RULE_RE.match(text) or _FOOTNOTE_RE.match(text):
            return  # table rules; footnotes ('* The Russian Federation and Ukraine view ...')
        # Word numbering writes full codes with a tab after their first part, mostly at the
        # margin; notes name codes without tabs ('5.A.2., 5.D.2.a.1. ... do not apply').
        full = self.numbering.full_re.match(text)
        if full:
            self.skipping = False
            self.note = None
            self._full(full, line)
            return
        if line.at_margin:
            if _GROUP_NOTE_RE.match(text):
                return  # '1.<TAB>C.<TAB>Technical Note cont.': the group's opening note goes on
            if self.skipping:
                return
            group = _DU_GROUP_RE.match(text) if self.numbering is _DUAL_USE else None
            if group or _CHAPTER_RE.match(text):
                self.reset()  # '5.<TAB>A.<TAB>Part 2.<TAB>SYSTEMS...', 'Part 1 - ...'
                if group:
                    self.group, self.last = f"{group.group(1)}.{group.group(2)}", 0
                return
            if wassenaar.AFTER_ENTRIES_RE.match(text):
                self.reset()
                self.skipping = True
                return
        if self.skipping:
            return
        table = wassenaar.TABLE_RE.match(_clean(text))
        if table:
            self._start_table(table.group(0).replace("–", "-"))
            return
        if self.note is not None and self.note.table is not None:
            if self.note.table != _MAIN_TABLE:
                self.note.lines.append(text)
            return
        marker_match = _MARKER_RE.match(text)
        if marker_match is None and wassenaar.HEADING_RE.match(text):
            self.note = None  # sub-headings between items ('ACOUSTICS', 'OPTICAL SENSORS')
            return
        note_start = wassenaar.note_start(text)
        if note_start:
            if self.note is None or not (note_start.group("cont") or self._nested(line)):
                self._start_note(note_start, line)
            elif not note_start.group("cont"):  # 'Note 2 cont.' at a page top: it goes on
                self.note.lines.append(text)  # a note inside a note's list stays part of it
            return
        self._text(line, marker_match)

    def _marker(self, marker: tuple[str, ...], line: Line, rest: str) -> bool:
        resolved = self._resolve(marker, line)
        if resolved is None:
            return False
        root, path, level = resolved
        self._open(root, path, line, rest, (level, self._position(line)))
        return True


def read_chapter(
    text: str, chapter: str, kind: str, entries: dict[str, Entry]
) -> tuple[list[str], list[str]]:
    """Read one chapter's antiword text into ``entries`` (``kind``: a category or 'munitions').

    Returns the lines it could not place (anomalies) and the markers whose numbering tabs fit
    no level, read by their indentation instead.
    """
    numbering = _MUNITIONS if kind == "munitions" else _DUAL_USE
    reader = _Reader(numbering, chapter, entries, [])
    for line in lines_of(text):
        reader.feed(line)
    return reader.anomalies, reader.relevelled


# ---------------------------------------------------------------------------------------------
# Sensitive and Very Sensitive Lists

_ROW_RE = re.compile(r"^\|([^|]*)\|([^|]*)\|\s*$")
_SL_LINK_RE = re.compile(r"\s*(,|&|\band\b|\bto\b)\s*")
_SL_FULL_RE = re.compile(r"^(\d)\.([A-E])\.(\d{1,2})((?:\.(?:[a-z]|\d{1,2}))*)\.?$")
_SL_REL_RE = re.compile(r"^((?:[a-z]|\d{1,2})(?:\.(?:[a-z]|\d{1,2}))*)\.?$")


def _sl_codes(cell: str, where: str) -> list[str]:
    """'7.D.3.d.1. to 4. & 7.' -> 7.D.3.d.1 ... 7.D.3.d.4, 7.D.3.d.7 (written codes)."""
    codes: list[str] = []
    link: str | None = None
    for token in _SL_LINK_RE.split(cell.strip()):
        if token in {",", "&", "and", "to"}:
            link = token
            continue
        compact = re.sub(r"\s+", "", token)  # '1.D. 2' is 1.D.2
        if not compact:
            continue
        full = _SL_FULL_RE.match(compact)
        if full:
            written = compact.rstrip(".")
        elif codes and (relative := _SL_REL_RE.match(compact)):
            # An abbreviation replaces the last parts of the previous code ('to 4.', 'b.').
            parts = relative.group(1).split(".")
            written = ".".join(codes[-1].split(".")[: -len(parts)] + parts)
        else:
            raise ParseError(f"{where}: cannot read the code {token!r} in {cell.strip()!r}")
        if link == "to":
            codes.extend(wassenaar.expand(codes[-1], written)[1:])
        else:
            codes.append(written)
        link = None
    return codes


def read_named(text: str, chapter: str) -> list[wassenaar.Named]:
    """The rows of a Sensitive or Very Sensitive List table, ranges expanded."""
    named: list[wassenaar.Named] = []
    for line in lines_of(text):
        row = _ROW_RE.match(line.text)
        if row is None:
            continue  # the list's title, its N.B., 'Category 3 cont.'
        first, second = _clean(row.group(1)), _clean(row.group(2))
        if first and not first.startswith("Category"):
            named.append(wassenaar.Named(_sl_codes(first, f"{chapter}:{line.number}")))
        elif first:
            named.append(wassenaar.Named([]))  # 'Category 2 None': a row that names nothing
        if second and named:
            named[-1].text.append(second)
    return [n for n in named if n.codes]


# ---------------------------------------------------------------------------------------------
# Structure


def structural_anomalies(entries: Iterable[Entry]) -> list[str]:
    """Departures from the numbering: children out of order, gaps, repeats, skipped levels.

    Within each parent the sub-paragraphs must run a, b, c... (or 1, 2, 3...) in reading order,
    and the items of a group 1, 2, 3...; every sub-paragraph's parent must be there.
    """
    ordered = list(entries)
    problems: list[str] = []
    present = {e.code.canonical for e in ordered}
    last: dict[str, str] = {}
    for entry in ordered:
        code = entry.code
        if code.path:
            parent = ".".join(code.canonical.split(".")[:-1])
            if parent not in present:
                problems.append(f"{code.written}: no parent {parent}")
            element, first = code.path[-1], is_first(code.path[-1], len(code.path) - 1)
        else:
            parent = f"{code.category}.{code.group}" if code.group else "ML"
            element, first = str(code.number), code.number == 1
        before = last.get(parent)
        if before is None and not first:
            problems.append(f"{code.written}: does not start at 1 or a")
        elif before is not None and element != successor(before):
            problems.append(f"{code.written}: follows {before}")
        last[parent] = element
    return problems


# ---------------------------------------------------------------------------------------------
# The document


@dataclass
class WaList2021(wassenaar.Edition[Entry]):
    """Everything read from the folder; ``parse`` turns it into records.

    Its ``header`` ('WA-LIST (21) 1') is the page header of every file.
    """

    #: Markers whose numbering tabs fit no level (one tab short), read by their indentation.
    relevelled: list[str]


def _files(folder: Path) -> dict[str, Path]:
    if not folder.is_dir():
        raise ParseError(f"{folder.name} is not a folder of WA-LIST Word files")
    present = {p.name: p for p in folder.iterdir() if p.is_file()}
    if not present:
        raise ParseError(f"{folder.name} is empty: expected the WA-LIST chapter files")
    missing = [name for name in CHAPTERS if name not in present]
    if missing:
        raise ParseError(
            f"{folder.name} lacks {', '.join(missing[:4])}{' ...' if len(missing) > 4 else ''}"
            f" ({len(missing)} of the {len(CHAPTERS)} chapter files)"
        )
    empty = [name for name in CHAPTERS if present[name].stat().st_size == 0]
    if empty:
        raise ParseError(f"{empty[0]} in {folder.name} is empty")
    return {name: present[name] for name in CHAPTERS}


def _edition(files: dict[str, Path]) -> str:
    """The one WA-LIST header all chapters carry, e.g. 'WA-LIST (21) 1'."""
    seen: dict[tuple[str, str], list[str]] = {}
    for name, path in files.items():
        headers = _headers(path)
        if not headers:
            raise ParseError(
                f"{name} has no 'WA-LIST (yy) n' page header: not a chapter of the Wassenaar "
                "Arrangement List of Dual-Use Goods and Technologies and Munitions List"
            )
        for header in headers:
            seen.setdefault(header, []).append(name)
    common = [h for h, names in seen.items() if len(names) == len(files)]
    if len(common) != 1:
        shown = ", ".join(f"WA-LIST ({y}) {n}" for y, n in sorted(seen))
        raise ParseError(f"the chapter files are not of one WA-LIST edition: {shown}")
    year, issue = common[0]
    return f"WA-LIST ({year}) {issue}"


def read(folder: Path) -> WaList2021:
    files = _files(folder)
    # antiword takes ~7 ms a file: a thread pool measured no faster than this loop.
    texts = {name: antiword_text(path) for name, path in files.items()}
    header = _edition(files)
    entries: dict[str, Entry] = {}
    anomalies: list[str] = []
    relevelled: list[str] = []
    for name, kind in CHAPTERS.items():
        if kind in {"sensitive", "very-sensitive"}:
            continue
        before = set(entries)
        problems, guessed = read_chapter(texts[name], name, kind, entries)
        anomalies.extend(problems)
        relevelled.extend(guessed)
        _check_chapter(name, kind, [entries[k] for k in entries if k not in before])
    anomalies.extend(structural_anomalies(entries.values()))
    lists = {
        kind: read_named(texts[name], name)
        for name, kind in CHAPTERS.items()
        if kind in {"sensitive", "very-sensitive"}
    }
    unresolved: list[str] = []
    for kind, attr in (("sensitive", "sensitive"), ("very-sensitive", "very_sensitive")):
        if not lists[kind]:
            raise ParseError(f"the {kind.replace('-', ' ')} list names no entries")
        unresolved += wassenaar.mark_listed(entries, lists[kind], attr)
    return WaList2021.of(header, entries, lists, unresolved, anomalies, relevelled)


def _check_chapter(name: str, kind: str, found: list[Entry]) -> None:
    """A chapter must hold its own category's (or the ML's) entries, and all of them."""
    if not found:
        raise ParseError(f"{name} holds no entries: not the WA-LIST chapter it is named for")
    if kind == "munitions":
        items = {e.code.root for e in found if e.code.level == 0}
        missing = [f"ML{n}" for n in range(1, 23) if f"ML{n}" not in items]
        if missing:
            raise ParseError(f"{name} lacks {', '.join(missing[:5])}: truncated or not the ML")
        return
    other = sorted({e.code.category for e in found} - {kind})
    if other:
        raise ParseError(f"{name} holds Category {', '.join(other)} entries, not Category {kind}")


def parse(path: Path, meta: SourceMeta) -> Iterator[Record]:
    wa = read(path)
    yield from wa.records(path, meta, wa.header, lambda e: f"{wa.header}, {e.chapter}")
