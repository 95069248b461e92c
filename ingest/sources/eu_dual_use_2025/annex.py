"""Annex I of the consolidated JSON: one line per provision -> entries with text and notes.

Each of the file's ``entries`` is one item of Annex I (``0A001``); its ``verbatim_text`` has one
line per provision, each line starting with the dotted code of the provision it belongs to:

* ``3B001.f.1.b Capable of producing ...``: a sub-item and its text;
* ``0A001.f N.B. For zirconium ...``, ``5A001.a Note 1: ...``, ``Technical Note(s):``: a note
  on the entry the code names. The lettered and numbered criteria of a note are on the same
  line, except where a note introduces a list ("... any of the following:") and the file
  codes the list's members like sub-items (``9A106.d.a``, ``5A004.b.2.a``): those lines are
  read back into the note;
* a line with the same code as the line before is the rest of that line's provision or note
  (``3B001.f.1.b where the K factor = 0,35.``), or, when it opens with a label
  (``4A001.a.2 a. Total Dose | ...``), a sub-item the file did not code;
* a provision whose text is only its own lettered list (``3A201.a.1 a. Voltage rating ...;
  b. ...``) gets those letters as sub-items.

Several notes sometimes share one line ("Technical Note: ... Note: 5A001.g. does not control
..."); they are split where a new "Note" opens a sentence. A note that opens by naming codes of
its item ("Note 2: 5A004.b. does not include ...") belongs to the entry those codes and the
line's code have in common, as in the reader of the 2021 text (``eu_dual_use``), so that the
two editions compare entry by entry.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from ingest.sources.base import ParseError
from ingest.sources.helpers.listing import Status
from ingest.sources.helpers.numbering import is_next, within
from ingest.sources.helpers.patterns import ANNEX_NOT_USED_RE, NOTE_LEAD_RE, squash

CODE_RE = re.compile(r"[0-9][A-E][0-9]{3}(?:\.(?:[a-z]|[0-9]{1,3}))*")
_LINE_RE = re.compile(rf"^(?P<code>{CODE_RE.pattern})(?:\s+(?P<rest>.*))?$")
_NOTE_RE = re.compile(
    r"^(?:(?:Technical\s+)?Notes?(?:\s*[0-9]+)?\s*:"
    r"|Technical\s+Notes?\b"
    r"|Notes?(?=\s+[0-9][A-E][0-9]{3})"
    r"|N\.\s?B\b)"
)
# A note starting inside another note's line: "Note", "Note 2" or "Notes" opening a sentence,
# but not "Technical Note" (nested in the note it explains).
_INNER_NOTE_RE = re.compile(r"(?<=[.;)])\s+(?=Notes?(?:\s*[0-9]+)?\s*:)")
# ... nor a reference to another note ("For the purposes of 4A003.g. Note: 1. A ...").
_CODE_END_RE = re.compile(rf"{CODE_RE.pattern}\.?$")
_LABEL_RE = re.compile(r"^(?P<label>[a-z]|[0-9]{1,3})\.\s+(?P<rest>\S.*)$")
# What a note's opening words may be before the codes it names.
_NOTE_LABEL_RE = re.compile(
    r"^(?:(?:Technical\s+)?Notes?(?:\s*[0-9]+)?\s*:?|N\.\s?B\.?(?:\s?[0-9]+\.?)?:?)\s*"
)

# Where the conversion coded provisions wrongly, by the file's code: it lost the "e." of
# 1C010.e.1 ("1C010.1 Having any of the following:") and wrote 1C010.e.2 as "1C010.1.2"; the
# notes after them ("1C010.1 Note 2: 1C010.e. does not control") are 1C010.e's. Read against
# the structure of 1C010.e (two numbered conditions, each with lettered alternatives) and the
# same entry in the 2021 text. Longer codes first: descendants follow their ancestor's fix.
RECODED = {"1C010.1.2": "1C010.e.2", "1C010.1": "1C010.e.1"}
NOTE_RECODED = {"1C010.1": "1C010.e"}


@dataclass
class Provision:
    """One entry of the list: an item or a sub-item, with its text and notes."""

    canonical: str
    label: str  # "" for the item itself
    parts: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return squash(" ".join(self.parts))

    @property
    def status(self) -> Status:
        return "not-used" if ANNEX_NOT_USED_RE.match(self.text) else "active"


@dataclass
class _OpenNote:
    code: str  # the provision it was written under
    parts: list[str]
    in_list: bool = False  # reading the members of a list the note introduced

    def takes_list(self) -> bool:
        return self.in_list or self.parts[-1].rstrip().endswith(":")


def _alternates(parent: str, label: str) -> bool:
    """Sub-item labels alternate letters and numbers below the item's first level."""
    return not parent or parent.isdigit() != label.isdigit()


def _recode(code: str) -> str:
    for wrong, right in RECODED.items():
        if within(code, wrong):
            return right + code[len(wrong) :]
    return code


def _common(a: str, b: str) -> str:
    parts: list[str] = []
    for x, y in zip(a.split("."), b.split("."), strict=False):
        if x != y:
            break
        parts.append(x)
    return ".".join(parts)


def _named(body: str) -> list[str]:
    """The codes a note opens with ("5A001.a.3. and 5A001.a.4. control only ...")."""
    lead = NOTE_LEAD_RE.sub("", _NOTE_LABEL_RE.sub("", body, count=1), count=1)
    named: list[str] = []
    end = 0
    for match in CODE_RE.finditer(lead):
        if lead[end : match.start()].strip(" ,.;:") not in ("", "and", "or", "to", "and/or"):
            break
        named.append(match.group())
        end = match.end()
    return named


def split_notes(text: str) -> list[str]:
    """One line's notes, one string each."""
    parts: list[str] = []
    start = 0
    for match in _INNER_NOTE_RE.finditer(text):
        before = text[start : match.start()]
        if _CODE_END_RE.search(before) is None:
            parts.append(before)
            start = match.end()
    parts.append(text[start:])
    return [squash(part) for part in parts if part.strip()]


def _inline_items(text: str) -> list[tuple[str, str]] | None:
    """``a. X; b. Y; and c. Z`` -> [("a", "X;"), ("b", "Y; and"), ("c", "Z")], else None."""
    if not text.startswith("a. "):
        return None
    starts = [0]
    label = "a"
    while True:
        label = chr(ord(label) + 1)
        found = re.search(rf"[;,:]\s+(?:(?:and|or)\s+)?({label})\.\s", text[starts[-1] :])
        if found is None:
            break
        starts.append(starts[-1] + found.start(1))
    if len(starts) < 2:
        return None
    pieces = [text[s:e] for s, e in zip(starts, [*starts[1:], len(text)], strict=True)]
    return [(chr(ord("a") + i), squash(p[3:])) for i, p in enumerate(pieces)]


class _Reader:
    """Reads one item's lines into provisions (document order) and notes."""

    def __init__(self, top: str, out: dict[str, Provision], anomalies: list[str]) -> None:
        self.top = top
        self.out = out
        self.anomalies = anomalies
        self.note: _OpenNote | None = None
        self.last_code = ""  # the file's code on the previous line
        self.last_was_note = False
        self.current: Provision | None = None

    def provision(self, canonical: str, label: str, text: str) -> Provision:
        existing = self.out.get(canonical)
        if existing is not None:
            self.anomalies.append(f"{canonical}: provision given twice; texts joined")
            existing.parts.append(text)
            return existing
        node = Provision(canonical=canonical, label=label, parts=[text])
        self.out[canonical] = node
        inline = _inline_items(text)
        if inline is not None:
            node.parts = []
            for sub, sub_text in inline:
                self.out[f"{canonical}.{sub}"] = Provision(f"{canonical}.{sub}", sub, [sub_text])
        return node

    def close_note(self) -> None:
        note, self.note = self.note, None
        if note is None:
            return
        target_code = NOTE_RECODED.get(note.code, _recode(note.code))
        for body in split_notes(" ".join(note.parts)):
            label_free = _NOTE_LABEL_RE.sub("", body, count=1)
            if ANNEX_NOT_USED_RE.match(label_free):
                continue  # "Note 1: Not used." keeps a number free; it says nothing
            target = target_code
            for code in _named(body):
                if code.split(".", 1)[0] == self.top:
                    target = _common(target, code.rstrip("."))
            while target not in self.out and "." in target:
                self.anomalies.append(f"{target}: note on a provision the file does not give")
                target = target.rsplit(".", 1)[0]
            self.out[target].notes.append(body)

    def line(self, line: str) -> None:
        match = _LINE_RE.match(line)
        if match is None or not within(match["code"], self.top):
            raise ParseError(
                f"entry {self.top}: line {squash(line)[:60]!r} does not start with a code of "
                f"{self.top}"
            )
        written, rest = match["code"], squash(match["rest"] or "")
        code = _recode(written)
        if _NOTE_RE.match(rest):
            self.close_note()
            self.note = _OpenNote(code=written, parts=[rest])
            self.last_was_note = True
        elif (
            self.note is not None
            and self.note.takes_list()
            and code != _recode(self.note.code)
            and within(code, _recode(self.note.code))
        ):
            # "Note: The only servo valves ... are the following:" then "9A106.d.a Servo ...".
            self.note.parts.append(f"{code.rsplit('.', 1)[1]}. {rest}")
            self.note.in_list = True
        elif written == self.last_code and self.last_was_note and self.note is not None:
            self.note.parts.append(rest)
        elif written == self.last_code and self.current is not None:
            labelled = _LABEL_RE.match(rest)
            if labelled is not None:
                sub = labelled["label"]
                self.current = self.provision(f"{code}.{sub}", sub, labelled["rest"])
            else:
                self.current.parts.append(rest)
        else:
            self.close_note()
            self.last_was_note = False
            label = code.rsplit(".", 1)[1] if "." in code else ""
            parent = self.out.get(code.rsplit(".", 1)[0]) if label else None
            if parent is not None and not _alternates(parent.label, label):
                # "0B004.b.10.1": the numbering has no number under a number, so the file's
                # code is not the provision's; its text stays with its parent's, labelled.
                self.anomalies.append(
                    f"{code}: {label}. under {parent.label}. is no code of this numbering; "
                    f"kept in the text of {parent.canonical}"
                )
                parent.parts.append(f"{label}. {rest}")
                self.current = parent
            else:
                self.current = self.provision(code, label, rest)
        self.last_code = written


def read_annex(entries: list[Any], name: str) -> tuple[dict[str, Provision], list[str]]:
    """The provisions of Annex I in document order, and what the reader had to repair."""
    out: dict[str, Provision] = {}
    anomalies: list[str] = []
    for index, entry in enumerate(entries):
        if not isinstance(entry, dict):
            raise ParseError(f"{name}: entries[{index}] is not an object")
        top, text = entry.get("entry_code"), entry.get("verbatim_text")
        if not isinstance(top, str) or not isinstance(text, str):
            raise ParseError(f"{name}: entries[{index}] lacks entry_code or verbatim_text text")
        top = top.strip()
        if CODE_RE.fullmatch(top) is None or "." in top:
            raise ParseError(f"{name}: entries[{index}] has code {top!r}, not an item like 0A001")
        if top in out:
            raise ParseError(f"{name}: entry {top} appears twice")
        reader = _Reader(top, out, anomalies)
        lines = [line for line in text.split("\n") if line.strip()]
        if not lines or not lines[0].startswith(top):
            raise ParseError(f"{name}: entry {top} does not open with its own code")
        for line in lines:
            reader.line(line.strip())
        reader.close_note()
    return out, anomalies


def validate(provisions: dict[str, Provision]) -> list[str]:
    """Departures from a regular structure: within each parent, sub-items of one kind (letters
    or numbers) in order from a. or 1. with no gap or repeat, and every parent present."""
    found: list[str] = []
    children: dict[str, list[str]] = {}
    for code in provisions:
        if "." not in code:
            continue
        parent, label = code.rsplit(".", 1)
        if parent not in provisions:
            found.append(f"{code}: its parent {parent} is not in the list")
        children.setdefault(parent, []).append(label)
    for parent, labels in children.items():
        if labels[0] not in ("a", "1"):
            found.append(f"{parent}: sub-items start at {labels[0]}.")
        for before, label in pairwise(labels):
            if not is_next(before, label):
                found.append(f"{parent}: {label}. follows {before}.")
    return found
