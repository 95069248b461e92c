"""Every Cypher text of the project is linted, and no Python code builds Cypher from strings.

Besides running on the project's Neo4j, ``tools/lint_cypher.py`` checks all Cypher (the
``*.cypher`` files and the generated DDL) with Neo4j's own language support
(``tools/cypher-lint``, needs ``npm ci --prefix tools/cypher-lint``). The AST scans below keep
Cypher out of Python strings, so that every statement is in a ``.cypher`` file the linter sees,
and no value is ever formatted into a query.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import pytest
from helpers import load_tool

ROOT = Path(__file__).resolve().parents[2]

#: Python whose strings are scanned for Cypher: the project packages, plus bench and tools.
SCANNED_DIRS = ("api", "ingest", "graph_schema", "queries", "store", "harmonia", "bench", "tools")
#: DDL generated from model class names (labels and property names, never values).
ALLOWED = frozenset({"graph_schema/neo4j.py"})

#: Cypher clause keywords, upper case as the project writes Cypher (lower case is prose).
CYPHER_CLAUSE = re.compile(
    r"\b(?:MATCH|MERGE|CREATE|DELETE|DETACH|UNWIND|WHERE)\b|\b(?:RETURN|SET) "
)
CYPHER_START = re.compile(
    r"\s*(?:OPTIONAL MATCH|MATCH|MERGE|CREATE|DELETE|DETACH|UNWIND|WHERE)\b|\s*(?:RETURN|SET) "
)
#: SQL of the embedded (SQLite) backend shares CREATE/DELETE/WHERE/SET with Cypher; these
#: constructs (and ``?`` placeholders, where Cypher has ``$name``) exist in SQL only.
SQL_ONLY = re.compile(
    r"\b(?:SELECT|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|PRAGMA"
    r"|(?:CREATE|DROP|ALTER)\s+(?:TEMP(?:ORARY)?\s+)?TABLE)\b"
    r"|\bCREATE\s+(?:UNIQUE\s+)?INDEX\s+(?:IF\s+NOT\s+EXISTS\s+)?\w+\s+ON\s+\w+\s*\("
    r"|[=(,]\s*\?"
)
PLAIN_LITERAL_MIN = 20


_lint_cypher = load_tool("lint_cypher")
collect_statements: Callable[[Path], list[tuple[str, str]]] = _lint_cypher.collect_statements
lint: Callable[[Sequence[tuple[str, str]]], tuple[int, str]] = _lint_cypher.lint


# --- the linter -----------------------------------------------------------------------------


def test_project_cypher_lints_clean() -> None:
    statements = collect_statements(ROOT)
    names = [name for name, _ in statements]
    assert any(name.startswith("graph_schema/neo4j.py") for name in names)
    on_disk = {p.relative_to(ROOT).as_posix() for p in (ROOT / "store").rglob("*.cypher")}
    assert on_disk <= {name.split("#", 1)[0] for name in names}
    status, output = lint(statements)
    assert status == 0, output


PROBES: dict[str, str] = {
    "syntax#1": "MATCH (n RETURN n",
    "semantic#1": "MATCH (n:Node) RETURN m",
    "dynamic-label#1": "UNWIND $rows AS row MERGE (n:Node {id: row.id}) SET n:$(row.label)",
    "dynamic-type#1": (
        "UNWIND $rows AS row\n"
        "MATCH (a:Node {id: row.source})\n"
        "MATCH (b:Node {id: row.target})\n"
        "MERGE (a)-[r:$(row.type) {id: row.id}]->(b)\n"
        "SET r += row.props"
    ),
}


@pytest.fixture(scope="module")
def probe_lint() -> tuple[int, str]:
    return lint(list(PROBES.items()))


def _errors(output: str, name: str) -> list[str]:
    return [
        line for line in output.splitlines() if line.startswith(f"{name}:") and ": error: " in line
    ]


def test_syntax_error_is_reported(probe_lint: tuple[int, str]) -> None:
    status, output = probe_lint
    assert status == 1, output
    assert any(line.startswith("syntax#1:1:10: error: ") for line in output.splitlines()), output
    assert _errors(output, "semantic#1"), output


def test_dynamic_labels_and_types_pass(probe_lint: tuple[int, str]) -> None:
    _, output = probe_lint
    assert not _errors(output, "dynamic-label#1"), output
    assert not _errors(output, "dynamic-type#1"), output


def test_statement_collection(tmp_path: Path) -> None:
    (tmp_path / "store" / "cypher").mkdir(parents=True)
    (tmp_path / "store" / "cypher" / "two.cypher").write_text(
        "// header\nMATCH (n)\nRETURN n;\n\nMATCH (m) RETURN m;\n// trailing comment\n",
        encoding="utf-8",
    )
    for skipped in ("tests/fixtures/cypher-bad", "tools/cypher-lint/node_modules/x", ".venv/y"):
        (tmp_path / skipped).mkdir(parents=True)
        (tmp_path / skipped / "bad.cypher").write_text("MATCH (n RETURN n;\n", encoding="utf-8")
    found = [(name, text) for name, text in collect_statements(tmp_path) if ".cypher#" in name]
    assert found == [
        ("store/cypher/two.cypher#1", "// header\nMATCH (n)\nRETURN n"),
        ("store/cypher/two.cypher#2", "MATCH (m) RETURN m"),
    ]


# --- no Cypher built or kept in Python strings ----------------------------------------------


def _python_files() -> Iterator[Path]:
    for folder in SCANNED_DIRS:
        yield from sorted((ROOT / folder).rglob("*.py"))


def _literal_text(node: ast.expr) -> str | None:
    """The literal text of a string expression; ``{}`` stands for an f-string's fields."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(
            part.value if isinstance(part, ast.Constant) and isinstance(part.value, str) else "{}"
            for part in node.values
        )
    return None


def cypher_formatting(source: str, filename: str = "<snippet>") -> list[str]:
    """Places where Cypher text is built by f-string, ``%`` or ``.format()``."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source, filename)):
        text: str | None = None
        how = ""
        if isinstance(node, ast.JoinedStr):
            text, how = _literal_text(node), "f-string"
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod):
            text, how = _literal_text(node.left), "%-formatting"
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in {"format", "format_map"}
        ):
            text, how = _literal_text(node.func.value), f".{node.func.attr}()"
        if text is not None and CYPHER_CLAUSE.search(text) and not SQL_ONLY.search(text):
            found.append((getattr(node, "lineno", 0), f"Cypher built by {how}"))
    return [f"{filename}:{line}: {what}" for line, what in sorted(found)]


def cypher_literals(source: str, filename: str = "<snippet>") -> list[str]:
    """Plain string constants that hold a Cypher statement (docstrings aside)."""
    tree = ast.parse(source, filename)
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):  # literal parts of f-strings: cypher_formatting's
            skip.update(id(part) for part in node.values)
        elif isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            skip.add(id(node.value))  # docstrings and other bare strings
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in skip
            and len(node.value) > PLAIN_LITERAL_MIN
            and CYPHER_START.match(node.value)
            and not SQL_ONLY.search(node.value)
        ):
            found.append((node.lineno, f"Cypher in a Python string: {node.value[:40]!r}"))
    return [f"{filename}:{line}: {what}" for line, what in sorted(found)]


def _scan(check: Callable[[str, str], list[str]]) -> list[str]:
    found: list[str] = []
    for path in _python_files():
        relative = path.relative_to(ROOT).as_posix()
        if relative not in ALLOWED:
            found += check(path.read_text("utf-8"), relative)
    return found


def test_no_cypher_built_by_string_formatting() -> None:
    assert _scan(cypher_formatting) == []


def test_no_cypher_in_python_string_literals() -> None:
    assert _scan(cypher_literals) == []


def test_scanners_catch_cypher_in_python() -> None:
    snippet = (
        "def find(node_id, label):\n"
        "    a = f\"MATCH (n:Node {{id: '{node_id}'}}) RETURN n\"\n"
        "    b = \"MATCH (n) WHERE n.id = '%s' RETURN n\" % node_id\n"
        "    c = 'MERGE (n:{}) RETURN n'.format(label)\n"
        "    d = 'UNWIND $rows AS row MERGE (n:Node {id: row.id})'\n"
        "    e = f'cannot match {node_id}: where is it? Returns {label}'\n"
        "    f = 'DELETE FROM nodes WHERE source_key=?'  # SQL of the embedded store\n"
        "    g = f'SELECT id FROM {label} WHERE id=? ORDER BY id'\n"
        "    return a, b, c, d, e, f, g\n"
    )
    assert cypher_formatting(snippet) == [
        "<snippet>:2: Cypher built by f-string",
        "<snippet>:3: Cypher built by %-formatting",
        "<snippet>:4: Cypher built by .format()",
    ]
    assert cypher_literals(snippet) == [
        "<snippet>:3: Cypher in a Python string: \"MATCH (n) WHERE n.id = '%s' RETURN n\"",
        "<snippet>:4: Cypher in a Python string: 'MERGE (n:{}) RETURN n'",
        "<snippet>:5: Cypher in a Python string: 'UNWIND $rows AS row MERGE (n:Node {id: r'",
    ]
    assert cypher_formatting('"""MATCH docstrings are prose."""\n') == []
    assert cypher_literals('"""MATCH (n) RETURN n: docstrings are prose."""\n') == []
