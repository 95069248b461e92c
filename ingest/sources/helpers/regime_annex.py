"""The outline of a regime annex (MTCR Annex, NSG Part 2): items, sub-items and their notes.

Both annexes number their entries like the Wassenaar list: an item opens with its full code
(``3.A.1.``) and its sub-items are lettered and numbered relatively (``a.``, ``1.``, and in the
MTCR Annex once ``i.``, ``ii.``). Notes, Technical Notes and N.B.s sit between the sub-items,
often with lists of their own and at nearly the same indentation. Each parser turns its format
(Word paragraphs, PDF lines) into :class:`Unit`\\ s; :class:`Outline` decides which unit opens
an entry and which belongs to a note:

* A relative marker opens the next sibling of an open entry or the first child of the current
  one; when several levels fit, the one whose indentation is nearest wins.
* Inside a note, a marker opens an entry only as the next sibling of an open entry and at that
  entry's indentation (the notes' own lists are indented further). It opens a first child only
  when the note has no list of its own and does not end with a colon: "N.B.: ... see Item
  1.D.3." above "a." (NSG 1.B.2), but not "Note: ... includes "software", as follows:" above
  its own "a." and "b." (MTCR 1.D.2).
* A note goes to the entry its first sentence names, when that entry was read under the same
  item ("Engines specified in 3.A.1. may be exported...", printed under 3.A.1.b); if it names
  several, to their common parent. Otherwise it goes to the deepest open entry whose marker is
  left of the note, that is, the entry its indentation places it under.

``validate`` lists what breaks the numbering's own rules (gaps, repeats, "as follows:" with no
sub-items, markers that fit nowhere); ``note_markers_in_sequence`` lists the markers of notes'
own lists that would have been the next sibling of an entry, for review.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from graph_schema.codes import CodeError, CodeSystem, ControlCode, parse_code
from ingest.sources.base import ParseError

#: Markers of the first sub-item at a lettered level: 'a.' or, for a roman list, 'i.'.
_FIRST_LETTERS = ("a", "i")
_ROMAN = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x")
#: A code named in a note: '3.A.1.', 'Item 4.C.6.c.2.o', '2.A.1.c.2.'.
_NAMED_RE = re.compile(
    r"(?<![\d.])(\d{1,2})\.\s?([A-E])\.\s?(\d{1,2})((?:\.(?:[a-z]{1,4}|\d{1,2}))*)"
)
NOTE_RE = re.compile(
    r"^(?P<label>Technical\s+[Nn]otes?|Notes?|N\.\s?B\.\s?\d*)\s*(?::|(?=\s)|$)\s*(?P<body>.*)$"
)
MARKER_RE = re.compile(r"^((?:[a-z]|[ivx]{2,4}|\d{1,2})\.(?:\s?(?:[a-z]|\d{1,2})\.)*)\s+(?=\S)")


def group_heading_re(category: str) -> re.Pattern[str]:
    """A group's heading, '3.A. EQUIPMENT, ASSEMBLIES AND COMPONENTS', its category number as
    ``category`` matches it (the MTCR's Items run to 20, the NSG's categories to 6)."""
    return re.compile(rf"^({category})\.\s?([A-E])\.\s+([A-Z][A-Z ,&-]+)$")


@dataclass(frozen=True)
class Unit:
    """One paragraph (Word) or line (PDF): where it starts and what it says."""

    x: float
    text: str
    where: str  # for messages and citations: 'p. 1-4', 'Item 3, paragraph 812'


@dataclass
class Draft:
    """One entry as read."""

    code: ControlCode
    x: float
    where: str
    lines: list[str] = field(default_factory=list)
    notes: list[list[str]] = field(default_factory=list)
    #: Its sub-items are numbered i., ii., iii. rather than lettered.
    roman_children: bool = False

    @property
    def text(self) -> str:
        return join(self.lines)

    def note_texts(self) -> list[str]:
        return [t for t in (join(n) for n in self.notes) if t]


@dataclass
class _Note:
    x: float
    lines: list[str]
    fallback: Draft | None
    target: Draft | None = None
    has_list: bool = False

    @property
    def takes_list(self) -> bool:
        """A note whose text so far ends with a colon goes on with a list of its own."""
        return self.has_list or self.lines[-1].rstrip().endswith(":")


def join(lines: list[str]) -> str:
    """Lines or paragraphs as one text, whitespace normalised."""
    out = ""
    for line in lines:
        line = " ".join(line.split())
        if not line:
            continue
        if not out:
            out = line
        elif out.endswith("-") and not out.endswith(" -") and out[-2:-1].isalpha():
            out += line  # a word hyphenated at the line end: 'co-' + 'ordinated' keeps its '-'
        else:
            out += " " + line
    return out


def split_marker(text: str) -> tuple[tuple[str, ...], str] | None:
    """'a. 1. Linearity...' -> (('a', '1'), 'Linearity...'); None without a marker."""
    match = MARKER_RE.match(text)
    if match is None:
        return None
    elements = tuple(e for e in re.split(r"[.\s]+", match.group(1)) if e)
    return elements, text[match.end() :]


def _successor(element: str, roman: bool) -> str:
    if element.isdigit():
        return str(int(element) + 1)
    if roman and element in _ROMAN[:-1]:
        return _ROMAN[_ROMAN.index(element) + 1]
    return chr(ord(element) + 1)


def _first_at(level: int, element: str) -> bool:
    """Whether ``element`` can open the list at ``level`` below the item (0 is lettered)."""
    return element in _FIRST_LETTERS if level % 2 == 0 else element == "1"


@dataclass
class _Candidate:
    depth: int  # how many open entries stay open (the new entry's parent is open[depth - 1])
    path: tuple[str, ...]
    expected_x: float | None
    sibling: bool


class Outline:
    """Reads units in document order into entries; see the module docstring for the rules."""

    def __init__(
        self,
        system: CodeSystem,
        *,
        tolerance: float,
        step: float,
        nested_notes: bool,
        undotted_re: re.Pattern[str] | None = None,
    ) -> None:
        self.system = system
        self.tolerance = tolerance
        #: Typical extra indentation of a sub-item's marker (a first child's expected x).
        self.step = step
        #: Whether a note heading indented inside a note (NSG 'N.B.1:') belongs to it.
        self.nested_notes = nested_notes
        #: A sub-item's number printed without its dot, as group 1 ('3 Five or more axes' in the
        #: NSG's PDF), where the document drops some: such a number may open a sub-item.
        self.undotted_re = undotted_re
        #: Sub-items opened by such a number, for review.
        self.undotted: list[str] = []
        self.entries: dict[str, Draft] = {}
        self.anomalies: list[str] = []
        self.open: list[Draft] = []
        self.note: _Note | None = None
        #: Note-list markers that were in sequence for an entry but not at its indentation
        #: ('e.' of a note's list a.-f. after 1.B.2.d): kept in the note, listed for review.
        self.note_markers_in_sequence: list[str] = []

    # -- codes ---------------------------------------------------------------------------------

    def code(self, written: str) -> ControlCode:
        try:
            return parse_code(written, self.system)
        except CodeError as exc:
            raise ParseError(f"unreadable code {written!r}: {exc}") from exc

    def known(self, written: str) -> bool:
        try:
            return parse_code(written, self.system).canonical in self.entries
        except CodeError:
            return False

    # -- structure -----------------------------------------------------------------------------

    def reset(self) -> None:
        """A new group or item: nothing stays open."""
        self.end_note()
        self.open = []

    def item(self, written: str, unit: Unit) -> Draft | None:
        """An entry written with its full code ('3.A.1.', '4.B.3.a.'); None if seen before."""
        code = self.code(written)
        if code.canonical in self.entries:
            return None
        self.end_note()
        chain = [self.entries[a] for a in code.ancestors() if a in self.entries]
        draft = self._add(code, unit.x, unit)
        self.open = [*chain, draft]
        if unit.text:
            draft.lines.append(unit.text)
        return draft

    def marker(self, elements: tuple[str, ...], unit: Unit, *, strict: bool = False) -> bool:
        """A relative marker; False when it opens no entry (the caller keeps it as text).

        ``strict``: the marker was written without its dot ('3 Five or more axes'), so it only
        counts as the next sibling at that sibling's indentation.
        """
        candidates = self._candidates(elements, unit, strict=strict)
        if not candidates:
            return False
        best = min(candidates, key=lambda c: self._distance(c, unit.x))
        self.end_note()
        chain = self.open[: best.depth]
        written_root = _written_root(chain[0].code)
        paths = [best.path]
        for element in elements[1:]:
            paths.append((*paths[-1], element))
        for extra, path in enumerate(paths):
            parent = chain[-1]
            if extra > 0 or not best.sibling:
                # The first sub-item says how the list counts: 'i.' under 6.C.7.c.1 is roman.
                parent.roman_children = len(path) % 2 == 1 and path[-1] == "i"
            code = self.code(".".join((written_root, *path)))
            chain.append(self._add(code, unit.x + extra * self.step, unit))
        self.open = chain
        if unit.text:
            chain[-1].lines.append(unit.text)
        return True

    def start_note(self, unit: Unit) -> bool:
        """Open a note if ``unit`` starts with a note heading ('Note:', 'Technical Notes: 1. ...',
        'N.B.1:'); False if it does not."""
        noted = NOTE_RE.match(unit.text)
        if noted is None:
            return False
        heading, body = unit.text, noted.group("body")
        note = self.note
        if note is not None and self.nested_notes and unit.x > note.x + self.tolerance:
            note.lines.append(heading)  # 'N.B.1:' inside a Technical Note stays part of it
            return True
        self.end_note()
        fallback = self._by_indent(unit.x)
        if fallback is None:
            self.anomalies.append(f"{unit.where}: note outside any entry: {heading[:60]}")
        self.note = _Note(x=unit.x, lines=[heading], fallback=fallback)
        if body:
            self.note.has_list = split_marker(body) is not None
            self._place(body)
        return True

    def sub_item_or_text(self, unit: Unit) -> None:
        """A unit that opens no item and no note: a sub-item if its marker ('a. 1. Linearity...')
        fits an open entry, else text (marked, if a marker fit nowhere)."""
        marked = split_marker(unit.text)
        if marked is not None:
            elements, rest = marked
            if self.marker(elements, Unit(unit.x, rest, unit.where)):
                return
        elif self.undotted_re is not None and (bare := self.undotted_re.match(unit.text)):
            rest = unit.text[bare.end() :]
            if self.marker((bare.group(1),), Unit(unit.x, rest, unit.where), strict=True):
                self.undotted.append(self.open[-1].code.written)
                return
        self.text(unit, marked=marked is not None)

    def text(self, unit: Unit, *, marked: bool = False) -> None:
        """Text that opens nothing: the open note's or the current entry's."""
        note = self.note
        if note is not None:
            note.lines.append(unit.text)
            if marked:
                note.has_list = True
            if note.target is None:
                self._place(unit.text)
            return
        if self.open:
            if marked:
                self.anomalies.append(f"{unit.where}: marker fits nowhere: {unit.text[:60]}")
            self.open[-1].lines.append(unit.text)
        else:
            self.anomalies.append(f"{unit.where}: text outside entries: {unit.text[:60]}")

    def end_note(self) -> None:
        note = self.note
        if note is None:
            return
        target = note.target or note.fallback
        if target is not None:
            target.notes.append(note.lines)
        self.note = None

    # -- helpers -------------------------------------------------------------------------------

    def _add(self, code: ControlCode, x: float, unit: Unit) -> Draft:
        if code.canonical in self.entries:
            raise ParseError(f"{unit.where}: entry {code.written} appears twice")
        draft = Draft(code=code, x=x, where=unit.where)
        self.entries[code.canonical] = draft
        return draft

    def _candidates(
        self, elements: tuple[str, ...], unit: Unit, *, strict: bool
    ) -> list[_Candidate]:
        if not self.open:
            return []
        found: list[_Candidate] = []
        current = self.open[-1]
        path = current.code.path
        first = elements[0]
        for depth in range(1, len(self.open)):
            parent, sibling = self.open[depth - 1], self.open[depth]
            if first == _successor(sibling.code.path[-1], parent.roman_children):
                found.append(_Candidate(depth, (*path[: depth - 1], first), sibling.x, True))
        if not strict and _first_at(len(path), first):
            found.append(_Candidate(len(self.open), (*path, first), None, False))
        # Further elements ('a. 1.') open first children, alternating letters and numbers.
        kept = []
        for candidate in found:
            level = len(candidate.path)
            if all(_first_at(level + i, e) for i, e in enumerate(elements[1:])):
                kept.append(candidate)
        note = self.note
        out = []
        for candidate in kept:
            parent = self.open[candidate.depth - 1]
            if candidate.sibling:
                assert candidate.expected_x is not None
                near = abs(unit.x - candidate.expected_x) <= self.tolerance
                if note is not None and not strict:
                    # A note's own list is indented beyond its heading; a marker that is not
                    # sits with the entries (page layouts shift, so the sibling's x may not match).
                    near = near or unit.x <= note.x + self.tolerance
                if (note is not None or strict) and not near:
                    if note is not None and not strict:
                        marker = ". ".join(elements)
                        self.note_markers_in_sequence.append(
                            f"{unit.where}: {marker}. {unit.text[:50]}"
                        )
                    continue
            else:
                if unit.x < parent.x - self.tolerance:
                    continue  # left of its parent: not a sub-item
                if note is not None and note.takes_list:
                    continue
            out.append(candidate)
        return out

    def _distance(self, candidate: _Candidate, x: float) -> float:
        if candidate.expected_x is not None:
            return abs(x - candidate.expected_x)
        parent = self.open[candidate.depth - 1]
        return abs(x - (parent.x + self.step))

    def _by_indent(self, x: float) -> Draft | None:
        """The deepest open entry whose marker is left of ``x``; the item if none is."""
        for draft in reversed(self.open):
            if draft.x < x - self.tolerance:
                return draft
        return self.open[0] if self.open else None

    def _place(self, body: str) -> None:
        """Send the open note to the entry its first sentence names, if read in this item."""
        note = self.note
        if note is None or not self.open:
            return
        sentence = re.split(r"(?<=[a-z\)])\.\s", body, maxsplit=1)[0]
        root = self.open[0].code.root
        named: list[ControlCode] = []
        for match in _NAMED_RE.finditer(sentence):
            written = ".".join(
                (match.group(1), match.group(2), match.group(3), *_tail(match.group(4)))
            )
            try:
                code = parse_code(written, self.system)
            except CodeError:
                continue
            if code.root == root and code.canonical in self.entries:
                named.append(code)
        if not named:
            note.target = note.fallback
            return
        common = named[0].path
        for code in named[1:]:
            size = 0
            while size < min(len(common), len(code.path)) and common[size] == code.path[size]:
                size += 1
            common = common[:size]
        canonical = ".".join((root, *common))
        note.target = self.entries.get(canonical, note.fallback)

    # -- checks --------------------------------------------------------------------------------

    def validate(self) -> list[str]:
        """Departures from the numbering's rules, with the anomalies met while reading."""
        problems = list(self.anomalies)
        children: dict[str, list[Draft]] = {}
        items: dict[str, list[int]] = {}
        for draft in self.entries.values():
            code = draft.code
            if code.level == 0:
                items.setdefault(f"{code.category}.{code.group}", []).append(code.number or 0)
                continue
            parent = ".".join((code.root, *code.path[:-1]))
            if parent not in self.entries:
                problems.append(f"{code.written}: its parent {parent} was not read")
            children.setdefault(parent, []).append(draft)
        for group, numbers in items.items():
            if numbers != list(range(1, len(numbers) + 1)):
                problems.append(f"{group}: items numbered {numbers}")
        for parent, kids in children.items():
            roman = self.entries[parent].roman_children if parent in self.entries else False
            expected = kids[0].code.path[-1]
            if not _first_at(len(kids[0].code.path) - 1, expected):
                problems.append(f"{kids[0].code.written}: the first sub-item is not a./1./i.")
            for kid in kids[1:]:
                expected = _successor(expected, roman)
                if kid.code.path[-1] != expected:
                    problems.append(f"{kid.code.written}: expected .{expected} under {parent}")
                    expected = kid.code.path[-1]
        for canonical, draft in self.entries.items():
            if draft.text.endswith(":") and canonical not in children:
                problems.append(f"{draft.code.written}: ends with ':' but has no sub-items")
        return problems


def _tail(tail: str) -> list[str]:
    return [part for part in tail.split(".") if part]


def _written_root(code: ControlCode) -> str:
    """'3.A.1' for the item 3A001 (the dotted form the annexes write)."""
    return f"{code.category}.{code.group}.{code.number}"
