"""The sorting of the duplicates command's pairs tells declarations from repeated logic
(``tools/duplicate_kinds.py``), on small files written here in the shapes it must tell apart."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import load_tool

FILES = {
    "ingest/sources/a/parser.py": """\
_ITEM_RE = re.compile(r"^([0-9][A-E][0-9]{3})")
_NOTE_RE = re.compile(
    r"^Notes?:"
)
# A comment between patterns.
_HEADER_RE = re.compile(r"^CATEGORY")
_CONTINUED_RE = re.compile(r"continued$")
""",
    "queries/a.py": """\
from queries.evidence import (
    Filters,
    and_join,
    codes,
    page,
)
class Options(BaseModel):
    jurisdictions: list[str] = Field(
        description="Jurisdictions holding a list first."
    )
    categories: list[str] = Field(
        description="Categories of the reference list."
    )
    return Sample(
        key=raw_key,
        label=item.label,
        size=item.size,
    )
    for row in rows:
        if row.code in seen:
            continue
        seen.add(row.code)
        total += row.count
        out.append(row)
""",
    "tests/test_a.py": "x = 1\n" * 10,
}


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    for name, text in FILES.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, "utf-8")
    return tmp_path


@pytest.mark.parametrize(
    ("row", "kind"),
    [
        (
            "D1 ingest/sources/a/parser.py:1-7 ~ ingest/sources/a/parser.py:1-7 shape",
            "regex-declarations",
        ),
        ("D2 queries/a.py:1-6 ~ queries/a.py:1-6", "imports"),
        ("D3 queries/a.py:7-13 ~ queries/a.py:7-13 shape", "declarations"),
        ("D4 queries/a.py:14-18 ~ queries/a.py:14-18 shape", "keyword-runs"),
        ("D5 queries/a.py:19-24 ~ queries/a.py:19-24 shape", "logic"),
        # A pair of which one side is logic is logic, whatever the other side is.
        ("D6 queries/a.py:19-24 ~ queries/a.py:14-18 shape", "logic"),
        ("D7 queries/a.py:19-24 ~ queries/a.py:14-18 shape boilerplate", "boilerplate"),
        ("D8 tests/test_a.py:1-6 ~ tests/test_a.py:3-8", "outside-product"),
    ],
)
def test_each_kind_is_told(tree: Path, row: str, kind: str) -> None:
    assert load_tool("duplicate_kinds").kind_of(row, tree) == kind


def test_a_line_that_is_not_a_row_is_refused(tree: Path) -> None:
    with pytest.raises(ValueError, match="not a row"):
        load_tool("duplicate_kinds").kind_of("145 pairs of places", tree)


def test_main_counts_and_lists(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = tree / "dups.txt"
    rows.write_text(
        "2 pairs of places\n"
        "D1 queries/a.py:19-24 ~ queries/a.py:19-24 shape\n"
        "D2 queries/a.py:1-6 ~ queries/a.py:1-6\n",
        "utf-8",
    )
    load_tool("duplicate_kinds").main([str(rows), "--root", str(tree), "--list", "logic"])
    out = capsys.readouterr().out.splitlines()
    assert [line.split() for line in out[:2]] == [["imports", "1"], ["logic", "1"]]
    assert out[2:] == ["D1 queries/a.py:19-24 ~ queries/a.py:19-24 shape"]
