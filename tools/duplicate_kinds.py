"""Sort the pairs of repeated blocks the ``duplicates`` command lists by what they share.

The detector pairs blocks of "the same shape": a parser's run of regular expressions has the
shape of another parser's, an import list the shape of any other, a pydantic model's fields
those of the next model. Issue 16 counts repeated blocks "boilerplate aside" in the product
code; this tool says, pair by pair and by a rule anyone can read below, which pairs are
declarations (nothing to share: other patterns, other fields, the signatures a protocol makes
every implementation repeat) and which repeat logic, the ones a change should look at:

    duplicates --most 200 --seconds 300 > dups.txt
    python tools/duplicate_kinds.py dups.txt              # a count per kind
    python tools/duplicate_kinds.py dups.txt --list logic # the pairs of one kind

Only the run a row names is read (its ``+N more runs`` are not listed by the detector).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

#: Folders that are not product code (the issue counts the product code only).
NOT_PRODUCT = ("tests/", "bench/", "tools/", "notebooks/")

_ROW = re.compile(r"^D\d+ (?P<a>\S+):(?P<a1>\d+)-(?P<a2>\d+) ~ (?P<b>\S+):(?P<b1>\d+)-(?P<b2>\d+)")
_COMMENT_OR_BLANK = re.compile(r"^\s*(?:#.*)?$")
#: A module constant: a compiled pattern, or the string pieces and brackets it spans.
_DECLARATION = re.compile(
    r"""^\s*(?:
        _?[A-Z][A-Z0-9_]*\s*(?::[^=]+)?=\s*(?:re\.compile\(.*|\(|[rbf]*["'].*|[-0-9].*)
      | [rbf]*["'].*["'],?\)?
      | \)
    )\s*$""",
    re.VERBOSE,
)
_IMPORT = re.compile(r"^\s*(?:from\s+\S+\s+import\s*\(?.*|import\s+\S+.*|\w+,|\))\s*$")
#: Fields of a class (pydantic, dataclass, Field(...) lines) and the parameter lines of a
#: signature: ``name: Type``, ``name: Type = default``, ``) -> Type:``.
_FIELD = re.compile(
    r"""^\s*(?:
        (?:self|cls|\*|\w+\s*:\s*[^=]+?(?:\s*=\s*.+?)?),?
      | \),?|\)\s*(?:->\s*.+)?:?
      | \w+\s*=\s*Annotated\[
      | def\s+\w+\($
      | @\w+(?:\.\w+)*(?:\(.*\))?
      | class\s+\w+(?:\(.*\))?:
      | [rbf]*(?:\"\"\"|["']).*
      | \w+\s*=\s*Field\(.*|\w+:\s*Annotated\[.*|\]\s*=?.*
      | (?:Field\(|description=|examples=|max_length=|pattern=|default=|ge=|le=).*
      | \w+(?:\s*\|\s*\w+)*(?:\[.*\])?,
    )\s*$""",
    re.VERBOSE,
)
#: Keyword arguments or dict items copying fields, one a line, into an object or a record
#: (``name=info.name,``, ``"name": r.name,``), with the call or brace that opens and closes them.
_KEYWORDS = re.compile(
    r"""^\s*(?:
        \w+=.+,?
      | ["']\w+["']:\s*.+,?
      | (?:(?:yield|return)\s+)?[\w.]+\($
      | [{}\[\]()]+,?
      | for\s+\w+\s+in\s+.+
    )\s*$""",
    re.VERBOSE,
)


@dataclass(frozen=True)
class Pair:
    row: str
    kind: str


def _lines(root: Path, path: str, first: int, last: int) -> list[str]:
    return (root / path).read_text("utf-8").splitlines()[first - 1 : last]


def _all(pattern: re.Pattern[str], lines: Iterable[str]) -> bool:
    return all(_COMMENT_OR_BLANK.match(x) or pattern.match(x) for x in lines)


def kind_of(row: str, root: Path) -> str:
    """One of: outside-product, boilerplate (the detector's mark), regex-declarations,
    imports, declarations (fields and signatures), keyword-runs, logic."""
    m = _ROW.match(row)
    if m is None:
        raise ValueError(f"not a row of the duplicates command: {row!r}")
    a, b = m["a"], m["b"]
    if a.startswith(NOT_PRODUCT) and b.startswith(NOT_PRODUCT):
        return "outside-product"
    if "boilerplate" in row:
        return "boilerplate"
    sides = [
        _lines(root, a, int(m["a1"]), int(m["a2"])),
        _lines(root, b, int(m["b1"]), int(m["b2"])),
    ]
    for kind, pattern in (
        ("regex-declarations", _DECLARATION),
        ("imports", _IMPORT),
        ("declarations", _FIELD),
        ("keyword-runs", _KEYWORDS),
    ):
        if all(_all(pattern, side) for side in sides):
            return kind
    return "logic"


def classify(rows: Iterable[str], root: Path) -> list[Pair]:
    return [Pair(row, kind_of(row, root)) for row in rows if _ROW.match(row)]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("rows", type=Path, help="the output of the duplicates command")
    parser.add_argument("--root", type=Path, default=Path("."), help="the checkout it read")
    parser.add_argument("--list", metavar="KIND", help="print the pairs of this kind")
    args = parser.parse_args(argv)
    pairs = classify(args.rows.read_text("utf-8").splitlines(), args.root)
    counts: dict[str, int] = {}
    for pair in pairs:
        counts[pair.kind] = counts.get(pair.kind, 0) + 1
    for kind, count in sorted(counts.items()):
        print(f"{kind:20} {count}")
    for pair in pairs:
        if pair.kind == args.list:
            print(pair.row)
    return 0


if __name__ == "__main__":
    sys.exit(main())
