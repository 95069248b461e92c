"""What both Commerce Control List parsers share: reasons, licence lines and the item tree.

The CCL (15 CFR 774 Supp. No. 1) writes an ECCN's items as a flat run of paragraphs labelled
with their full path ("a.", "a.1.", "b.2.a."), interleaved with notes; notes have lettered
paragraphs of their own ("5A001.j does not apply to ...: a. Marketing purpose; b. ..."). A
source that has lost the note markers (the third-party JSON) only shows a second "a." after
"j.2.b". :class:`ItemTree` tells the two apart by the numbering: a list paragraph always comes
after the previous one in document order, a note paragraph continues the note's own run. The
same tree serves the official XML, where notes are marked and the numbering is a fallback.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from graph_schema.codes import ControlCode
from ingest.sources.helpers.listing import ListBuilder, Status

CITATION = "15 C.F.R. Part 774, Supplement No. 1"

ECCN_RE = re.compile(r"\d[A-E]\d{3}")

Path = tuple[str, ...]

# A paragraph written as "b.1 Being ..." whose label the source did not separate; at least
# one dot, so a one-letter word at the start of a sentence is not taken for a label.
_LABEL_IN_TEXT_RE = re.compile(r"([a-z]{1,2}(?:\.[a-z0-9]{1,2})+)\.{0,2}\s+(\S.*)", re.DOTALL)
# Sub-paragraph labels of an ECCN: letters and numbers alternate ("a.1.b"), as in parse_code.
_LABEL_RE = re.compile(
    r"[a-z](?:\.[1-9]\d{0,2}\.[a-z])*(?:\.[1-9]\d{0,2})?"
    r"|[1-9]\d{0,2}(?:\.[a-z]\.[1-9]\d{0,2})*(?:\.[a-z])?"
)
# "(1) ...", "(ii) ...": sub-paragraphs that continue the note before them.
_CONTINUATION_RE = re.compile(r"\((?:\d{1,2}|[ivx]{1,5}|[a-z])\)\s")
_HEADING_ONLY_RE = re.compile(r"list of items controlled is contained in the ECCN heading", re.I)
_RESERVED_RE = re.compile(r"\[Reserved\]", re.I)
# An ECCN emptied into the 600 series or elsewhere ("No items currently are in this ECCN.", 1C018)
# is a placeholder, not a control.
_EMPTIED_RE = re.compile(r"\bNo items currently are in this ECCN\b", re.I)
_OPEN_END_RE = re.compile(r"(?:[:;,]|\b(?:or|and))\s*$")
_NOTE_LABEL_RE = re.compile(r"(?:(?:Technical\s+)?Notes?\b[^:]{0,60}|N\.\s?B\.?)\s*:\s*", re.I)

_COLUMN_RE = re.compile(r"\b([A-Z]{2})\s*Column\s*([1-3])\b")
_APPLIES_RE = re.compile(r"([A-Z]{2})(?:\s+and\s+([A-Z]{2}))?\s+appl(?:y|ies)\b")
_CODES_ONLY_RE = re.compile(r"(?:[A-Z]{2}(?:\s?\d)?\s*)+")
_CODE_RE = re.compile(r"[A-Z]{2}(?:\s?\d)?")


def _dedupe(values: Iterable[str]) -> list[str]:
    seen: dict[str, None] = {}
    for value in values:
        seen.setdefault(value, None)
    return list(seen)


def reason_codes(written: str | None) -> list[str]:
    """The "Reason for Control" line as a list, codes as the list writes them.

    The line is comma-separated in most entries but not all ("NS, MT NP, AT", "RS AT",
    "NS, MT and AT", "CC 1"); a phrase that is not a code ("Foreign policy") is kept whole.
    """
    if not written:
        return []
    out: list[str] = []
    for part in re.split(r"[,;]|\band\b", written):
        part = part.strip().rstrip(".").strip()
        if not part:
            continue
        if _CODES_ONLY_RE.fullmatch(part):
            out.extend(re.sub(r"\s", "", code) for code in _CODE_RE.findall(part))
        else:
            out.append(part)
    return _dedupe(out)


@dataclass(frozen=True)
class ChartRow:
    """One row of an ECCN's licence-requirements table: what it applies to, and the chart."""

    control: str
    chart: str = ""

    @property
    def codes(self) -> list[str]:
        """Reason codes the row names ("NS applies to ..." gives NS)."""
        match = _APPLIES_RE.match(self.control)
        if match is None:
            return []
        return [code for code in match.groups() if code]

    @property
    def column(self) -> str | None:
        """Country-chart column ("NS Column 2." gives NS2), when the row has one."""
        match = _COLUMN_RE.search(self.chart) or _COLUMN_RE.search(self.control)
        return f"{match.group(1)}{match.group(2)}" if match else None

    def line(self) -> str:
        if not self.chart or self.chart == self.control:
            return f"License requirements: {self.control}"
        return f"License requirements: {self.control}: {self.chart}"


def all_reasons(written: str | None, rows: Sequence[ChartRow]) -> list[str]:
    """Reason codes, then codes only the chart rows name, then the chart columns (NS1, AT1)."""
    codes = reason_codes(written)
    codes += [code for row in rows for code in row.codes]
    codes += [column for row in rows if (column := row.column)]
    return _dedupe(codes)


def entry_notes(
    rows: Sequence[ChartRow],
    exceptions: Sequence[tuple[str, str]],
    sta: str | None,
    related: str | None,
    definitions: str | None = None,
) -> list[str]:
    """The readable lines for what has no ControlEntry field of its own."""
    notes = [row.line() for row in rows]
    if exceptions:
        notes.append("License exceptions: " + "; ".join(f"{k}: {v}" for k, v in exceptions))
    if sta:
        notes.append(f"Special conditions for STA: {sta.removeprefix('STA:').strip()}")
    if related and related.strip().upper() not in ("N/A", "NONE"):
        notes.append(f"Related controls: {related}")
    if definitions and definitions.strip().upper() not in ("N/A", "NONE"):
        notes.append(f"Related definitions: {definitions}")
    return notes


# ---------------------------------------------------------------------------------------------
# Paragraph order


def _part_key(part: str) -> tuple[int, int | str]:
    return (0, int(part)) if part.isdigit() else (1, part.rjust(2))


def _after(path: Path, last: Path) -> bool:
    """``path`` comes after ``last`` in document order: deeper below it, or a later sibling."""
    for new, old in zip(path, last, strict=False):
        if new == old:
            continue
        a, b = _part_key(new), _part_key(old)
        return a[0] == b[0] and a > b
    return len(path) > len(last)


def _successor(part: str) -> str:
    if part.isdigit():
        return str(int(part) + 1)
    return part[:-1] + chr(ord(part[-1]) + 1)


def _next_paths(last: Path | None) -> set[Path]:
    """Labels that may directly follow ``last`` in one run: next sibling at any level, or the
    first child."""
    if not last:
        return {("a",), ("1",)}
    nexts = {(*last[:depth], _successor(last[depth])) for depth in range(len(last))}
    nexts.add((*last, "a" if last[-1].isdigit() else "1"))
    return nexts


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of an ECCN's list of items, as a source gives it.

    ``kind``: ``item`` (a list label such as "a.1"), ``text`` (no separate label: a note, or
    an item whose label is inline), ``numbered`` (a numbered note paragraph, "1."),
    ``note`` (the start of a note the source marks as one) or ``note+`` (more of that note).
    """

    kind: Literal["item", "text", "numbered", "note", "note+"]
    text: str  # single-spaced (see helpers.patterns.squash)
    label: str = ""


def _open_ended(text: str) -> bool:
    """A list paragraph ending in ";", ":" or "; or" has a sibling after it."""
    return _OPEN_END_RE.search(text) is not None


@dataclass
class _Run:
    """One lettered run inside a note: its labels and the labels that may come next."""

    done: set[Path] = field(default_factory=set)
    nexts: set[Path] = field(default_factory=set)

    def add(self, path: Path) -> None:
        self.done.add(path)
        self.nexts |= _next_paths(path)

    def continued_by(self, path: Path) -> bool:
        return path in self.nexts and path not in self.done


@dataclass
class _Item:
    code: ControlCode
    text: str
    notes: list[list[str]] = field(default_factory=list)


@dataclass
class ItemTree:
    """The items and notes of one ECCN, rebuilt from its paragraphs in document order.

    A labelled paragraph joins the list when it comes after the list's last paragraph in
    document order; otherwise it belongs to the open note. A lettered run inside a note ("does
    not control: a. ...; b. ...") survives plain paragraphs inside the note (technical notes)
    until the list goes on. A label that fits both the note's run and the list stays in the
    note when the run is still open (its last paragraph ends in ";" or ":"), when a later label
    would fit between the list's last paragraph and this one, or when a later paragraph with
    the same label is followed by sub-paragraphs of its own and this one is not: in those
    cases the later paragraphs are the list's.
    """

    root: ControlCode
    items: dict[Path, _Item] = field(init=False)
    _last: Path = ()
    _note: list[str] | None = None
    _note_owner: Path = ()
    _run: list[_Run] = field(default_factory=list)
    _run_open: bool = False
    _heading_only: bool = False
    _run_note: list[str] | None = None
    _upcoming: Counter[Path] = field(default_factory=Counter)

    def __post_init__(self) -> None:
        self.items = {(): _Item(self.root, "")}

    def feed(self, paragraphs: Iterable[Paragraph]) -> ItemTree:
        parsed = [self._recover_label(para) for para in paragraphs]
        codes = [self._code(p.label) if p.kind == "item" else None for p in parsed]
        # Lookahead for _item: which labels come later, and whether each labelled paragraph is
        # followed straight away by a sub-paragraph of its own (as list paragraphs mostly are).
        with_child: list[bool] = []
        labelled = [code for code in codes if code is not None]
        following: list[ControlCode | None] = [*labelled[1:], None] if labelled else []
        for here, after in zip(labelled, following, strict=True):
            self._upcoming[here.path] += 1
            with_child.append(after is not None and after.path[:-1] == here.path)
        position = 0
        for para, code in zip(parsed, codes, strict=True):
            if para.kind == "item":
                child = code is not None and with_child[position]
                position += code is not None
                self._item(para, code, child)
            elif para.kind == "numbered":
                self._numbered(para.label, para.text)
            elif para.kind == "note":
                self._start_note(para.text)
            elif para.kind == "note+":
                self._note_part(para.text)
            else:
                self._text(para.text)
        self._close_note()
        return self

    # -- paragraphs ---------------------------------------------------------------------------

    def _recover_label(self, para: Paragraph) -> Paragraph:
        text = para.text
        if para.kind == "text":
            labelled = _LABEL_IN_TEXT_RE.fullmatch(text)
            if labelled is not None:
                return Paragraph("item", labelled.group(2), labelled.group(1))
        return Paragraph(para.kind, text, para.label.strip().strip("."))

    def _code(self, label: str) -> ControlCode | None:
        """The paragraph's code below the ECCN, or None if the label breaks the ECCN
        numbering. Built directly rather than through ``parse_code`` (the same rules: single
        letters and numbers 1-999, alternating), which costs more than the rest of the parse.
        """
        if not _LABEL_RE.fullmatch(label):
            return None
        root = self.root
        canonical = f"{root.canonical}.{label}"
        return ControlCode(
            root.system,
            canonical,
            canonical,
            root.category,
            root.group,
            root.number,
            tuple(label.split(".")),
        )

    def _item(self, para: Paragraph, code: ControlCode | None, with_child: bool) -> None:
        if code is None:
            self._fold(para.label, para.text)
            return
        path = code.path
        self._upcoming[path] -= 1
        part = f"{para.label}. {para.text}"
        if self._heading_only:
            self._run_part(part, path)
            return
        fits_list = path not in self.items and _after(path, self._last)
        if fits_list and self._fits_run(path):
            fits_list = not (
                self._run_open
                or self._skips_over_later(path)
                or (not with_child and self._upcoming[path] > 0)
            )
        if fits_list:
            self._close_note()
            self._end_run()
            self.items[path] = _Item(code, para.text)
            self._last = path
        else:
            self._run_part(part, path)

    def _run_level(self, path: Path) -> int | None:
        """Which of the note's runs the label continues (a next sibling of one of its
        paragraphs that the run does not have yet), innermost first; None if none does."""
        for level in range(len(self._run) - 1, -1, -1):
            if self._run[level].continued_by(path):
                return level
        return None

    def _fits_run(self, path: Path) -> bool:
        if self._note is None:
            return False
        if not self._run:
            return self._run_open and path in _next_paths(None)
        return self._run_level(path) is not None

    def _skips_over_later(self, path: Path) -> bool:
        """A later label fits between the list's last paragraph and this one, so this one
        would jump over it: it is the note's."""
        return any(
            count > 0 and _after(later, self._last) and _after(path, later)
            for later, count in self._upcoming.items()
        )

    def _text(self, text: str) -> None:
        if not text:
            return
        if _HEADING_ONLY_RE.search(text):
            self._heading_only = True
        elif self._note is not None and (
            _CONTINUATION_RE.match(text) or self._note[-1].endswith(":")
        ):
            self._note.append(text)
        else:
            self._start_note(text)

    def _numbered(self, label: str, text: str) -> None:
        part = f"{label}. {text}"
        if label == "1" and self._note is not None and not self._note[-1].endswith(":"):
            # A fresh "1." after a finished paragraph opens a new (technical) note.
            self._start_note(part)
        else:
            self._note_part(part)
        if self._run:
            self._run_open = _open_ended(part)

    def _start_note(self, text: str) -> None:
        self._close_note()
        self._note = [text]
        self._note_owner = self._owner(text)
        if text.endswith(":"):
            # A note that introduces a list starts a lettered run of its own.
            self._end_run()
            self._run_open = True
        elif not self._run:
            # The previous note announced a list that never came.
            self._run_open = False

    def _note_part(self, text: str) -> None:
        if not text:
            return
        if self._note is None:
            self._start_note(text)
        else:
            self._note.append(text)
            if text.endswith(":") and not self._run:
                self._run_open = True

    def _run_part(self, part: str, path: Path) -> None:
        """A lettered paragraph of a note. It joins the note its run started in, even when
        technical notes came in between. A label the run already has starts a nested run
        (the JSON flattens "c.1.a" in a note to "a"); a later label closes it again."""
        if self._run and self._run_note is not None:
            self._run_note.append(part)
        else:
            self._note_part(part)
            self._run_note = self._note
        level = self._run_level(path)
        if level is None:
            self._run.append(_Run())
            level = -1
        else:
            del self._run[level + 1 :]
        self._run[level].add(path)
        self._run_open = _open_ended(part)

    def _end_run(self) -> None:
        self._run, self._run_open, self._run_note = [], False, None

    def _close_note(self) -> None:
        if self._note:
            self.items[self._note_owner].notes.append(self._note)
        self._note = None

    def _owner(self, text: str) -> Path:
        """A note that opens by naming a paragraph of this ECCN ("5A001.j does not apply")
        belongs to it; any other note to the paragraph it follows."""
        label = _NOTE_LABEL_RE.match(text)
        body = text[label.end() :] if label else text
        body = body.removeprefix("ECCN ").lstrip()
        root = self.root.canonical
        if not body.startswith(root):
            return self._last
        tail = re.match(r"((?:\.[a-z0-9]{1,2})*)", body[len(root) :])
        parts = tuple(p for p in (tail.group(1) if tail else "").split(".") if p)
        while parts not in self.items:
            parts = parts[:-1]
        return parts

    def _fold(self, label: str, text: str) -> None:
        """A label the ECCN numbering cannot carry (1A607 "f.2.1"): its text goes to the
        nearest paragraph above it, so nothing the list says is dropped."""
        parts = tuple(label.split("."))
        while parts and parts not in self.items:
            parts = parts[:-1]
        owner = self.items[parts]
        owner.text = f"{owner.text} {label} {text}".strip()

    # -- output -------------------------------------------------------------------------------

    def add_to(
        self,
        builder: ListBuilder,
        *,
        heading: str,
        reasons: Sequence[str],
        notes: Sequence[str],
        status: Status = "active",
    ) -> None:
        """Add the ECCN (heading as its text) and its items to the list, parents first."""
        root = self.items[()]
        said = " ".join([root.text, *(" ".join(n) for n in root.notes)])
        if status == "active" and _EMPTIED_RE.search(said):
            status = "not-used"
        builder.add(
            self.root,
            heading=heading,
            text=heading,
            notes=[*notes, *(" ".join(n) for n in root.notes)],
            reasons=reasons,
            status=status,
            citation=f"{CITATION}, ECCN {self.root.canonical}",
        )
        for path, entry in self.items.items():
            if path:
                builder.add(
                    entry.code,
                    text=entry.text,
                    notes=[" ".join(n) for n in entry.notes],
                    status="reserved" if _RESERVED_RE.search(entry.text) else "active",
                    citation=f"{CITATION}, ECCN {entry.code.canonical}",
                )
