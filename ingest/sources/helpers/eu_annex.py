"""Annex I of the EU dual-use Regulation read entry by entry: what the reader of the 2021 text
(``ingest.sources.eu_dual_use``, also Norway's Liste II) and the reader of the 2022 PDF
(``ingest.sources.eu_dual_use_2022``) share, whatever their lines come from.

An item opens with its code (``5A001``); sub-items are labelled relative to their parent
(``j.``, then ``1.``, then ``a.``...), letters and numbers alternating by level, and a label
continues the level whose previous label it follows, the indentation choosing between levels it
could continue. Notes (``Note:``, ``Note 2:``, ``Technical Notes:``, ``N.B.``) qualify the
entry their opening words name, else the one they sit under. Each edition's reader subclasses
:class:`Reader` with what its layout decides (pages, where a note's own list starts).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.sources.helpers.listing import Status
from ingest.sources.helpers.numbering import is_next, within
from ingest.sources.helpers.patterns import ANNEX_NOT_USED_RE, NOTE_LEAD_RE, squash

LABEL_RE = re.compile(r"^(?P<indent> *)(?P<label>[a-z]|[1-9][0-9]{0,2})\.(?=\s|$)\s*(?P<rest>.*)$")
NOTE_RE = re.compile(
    r"^(?P<indent> *)(?P<label>"
    r"(?:Technicals?\s+[Nn]otes?|Notes?)(?:\s*[0-9]+)?\s*:"
    r"|N\.\s?B\.(?:\s?[0-9]+[.:]?)?:?"
    r"|Notes?(?=\s+[0-9][A-E][0-9]{3})"
    r")\s*(?P<rest>.*)$"
)
# A code in running text; the dot after the item is sometimes missing ("1C111a.2.a.").
_CODE_RE = re.compile(r"([0-9][A-E][0-9]{3})((?:\.?[a-z](?![a-z])|\.[0-9]{1,3}(?![0-9]))*)")
_PATH_PART_RE = re.compile(r"[a-z]|[0-9]+")
_NOTE_NUMBER_RE = re.compile(r"Note\s*([0-9]+)\s*:")


@dataclass
class Note:
    label: str
    indent: int
    parts: list[str]
    path: tuple[Node, ...]
    list_indent: int | None = None

    def owns(self, indent: int) -> bool:
        """Whether a labelled line at this indentation is part of the note's own list."""
        if self.list_indent is not None:
            return indent >= self.list_indent - 2
        # A list opens only where the note has just introduced one ("... the following:").
        last = next((p for p in reversed(self.parts) if p.strip()), self.label)
        if last.rstrip().endswith(":") and indent >= self.indent - 1:
            self.list_indent = indent
            return True
        return False


@dataclass
class Node:
    canonical: str
    label: str
    indent: int
    line: int  # 1-based line of the file where the entry starts
    page: int | None = None
    lines: list[str] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)

    @property
    def numeric(self) -> bool:
        return self.label.isdigit()


def join(parts: list[str]) -> str:
    """Join wrapped lines; a line ending in a hyphen continues the same word."""
    out = ""
    for part in parts:
        part = part.strip()
        if not part:
            continue
        if out.endswith("-") and not out.endswith(" -"):
            out += part
        else:
            out = f"{out} {part}" if out else part
    return squash(out)


class Reader:
    """Walks the lines once, keeping the open item, its sub-item stack and the open note."""

    def __init__(self) -> None:
        self.nodes: list[Node] = []
        self.stack: list[Node] = []  # the item first, then its open sub-items
        self.note: Note | None = None
        # The last note closed since the last entry began: "Note 2" may follow on "Note 1".
        self.previous_note: tuple[int | None, Node] | None = None
        self.unplaced: list[str] = []
        self.line_no = 0

    def new_node(self, canonical: str, label: str, indent: int) -> Node:
        self.close_note()
        self.previous_note = None
        node = Node(canonical=canonical, label=label, indent=indent, line=self.line_no)
        self.nodes.append(node)
        return node

    # -- structure -----------------------------------------------------------------------

    def item(self, code: str, rest: str, column: int) -> None:
        node = self.new_node(code, "", 0)
        self.stack = [node]
        label = LABEL_RE.match(rest)
        if label is not None and label["label"] in ("a", "1"):
            # "4E001     a.  ...": the item has no heading of its own.
            self.sub_item(label["label"], column, label["rest"])
        else:
            node.lines.append(rest)

    def place(self, label: str, indent: int, strict: bool = False) -> int | None:
        """Stack depth the label goes to (1 = first sub-level), or None if it fits nowhere.

        ``strict`` accepts only the next label of a level at about the same indentation.
        """
        numeric = label.isdigit()
        deepest = self.stack[-1]
        if strict:
            for depth in range(len(self.stack) - 1, 0, -1):
                node = self.stack[depth]
                if node.numeric == numeric and abs(node.indent - indent) <= 3:
                    return depth if is_next(node.label, label) else None
            return None
        if label in ("a", "1"):
            if len(self.stack) == 1 or deepest.numeric != numeric:
                return len(self.stack)
            return None
        candidates = [
            depth
            for depth in range(1, len(self.stack))
            if self.stack[depth].numeric == numeric and is_next(self.stack[depth].label, label)
        ]
        if not candidates:
            return None
        # Letters and numbers alternate, so a "c." may continue level 1 or level 3; the level
        # whose labels sit at the nearest indentation wins (the deeper one on a tie).
        return min(candidates, key=lambda d: (abs(self.stack[d].indent - indent), -d))

    def sub_item(self, label: str, indent: int, rest: str, strict: bool = False) -> bool:
        depth = self.place(label, indent, strict)
        if depth is None:
            return False
        del self.stack[depth:]
        node = self.new_node(f"{self.stack[-1].canonical}.{label}", label, indent)
        self.stack.append(node)
        node.lines.append(rest)
        return True

    def open_note(self, label: str, indent: int, rest: str) -> None:
        if self.note is not None and indent > self.note.indent + 1:
            # A note nested in another note's list (a Technical Note inside Note 2.a) is part
            # of the enclosing note.
            self.note.parts.append(f"{label} {rest}")
            return
        self.close_note()
        self.note = Note(label=squash(label), indent=indent, parts=[rest], path=tuple(self.stack))

    def close_note(self) -> None:
        note, self.note = self.note, None
        if note is None or not note.path:
            return
        body = join(note.parts)
        if ANNEX_NOT_USED_RE.match(body):
            return  # "Note 1: Not used." keeps a number free; it says nothing about the entry
        target = _target(note, body)
        match = _NOTE_NUMBER_RE.fullmatch(note.label)
        number = int(match.group(1)) if match is not None else None
        if number is not None and self.previous_note is not None and not named(body):
            # "Note 2: Note 1 does not ..." qualifies what Note 1 qualified.
            previous_number, previous_target = self.previous_note
            if previous_number == number - 1:
                target = previous_target
        target.notes.append(note)
        self.previous_note = (number, target)

    def text(self, line: str) -> None:
        if self.note is not None:
            self.note.parts.append(line)
        elif self.stack:
            self.stack[-1].lines.append(line)


def named(body: str) -> list[str]:
    """The codes a note opens with ("5A001.a.3. and 5A001.a.4. control only ...")."""
    lead = NOTE_LEAD_RE.sub("", body, count=1)
    named: list[str] = []
    end = 0
    for match in _CODE_RE.finditer(lead):
        if lead[end : match.start()].strip(" ,.;:") not in ("", "and", "or", "to", "and/or"):
            break
        named.append(".".join([match.group(1), *_PATH_PART_RE.findall(match.group(2))]))
        end = match.end()
    return named


def _target(note: Note, body: str) -> Node:
    """The entry a note qualifies: the one its opening words name, else the one it sits under."""
    path = note.path
    same_item = [code for code in named(body) if code.split(".", 1)[0] == path[0].canonical]
    if same_item:
        # The deepest open entry that contains every code the note names. The words are more
        # reliable than the indentation, which often puts an entry's notes at its last
        # sub-item's column (the notes on 3A001.g sit under 3A001.g.2).
        for node in reversed(path):
            if all(within(code, node.canonical) for code in same_item):
                return node
    # Otherwise the note belongs to the deepest entry whose label is left of the note's.
    return next((node for node in reversed(path) if node.indent < note.indent), path[0])


def status(text: str) -> Status:
    return "not-used" if ANNEX_NOT_USED_RE.match(text) else "active"
