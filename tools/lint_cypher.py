"""Lint every Cypher text of the project with Neo4j's own Cypher language support.

Neo4j cannot run on the development and CI machines, so the Cypher is checked offline by
``tools/cypher-lint/lint.mjs`` (npm ``@neo4j-cypher/language-support``, Cypher 5 dialect).
Checked: every statement of every ``*.cypher`` file of the project (statements are separated by
a line ending in ``;``), and the DDL of ``graph_schema.neo4j.schema_statements()``.

Errors (syntax, semantics, unknown functions) fail; warnings (deprecations, labels or property
keys the graph model does not declare) are printed and do not fail.

Usage, from anywhere: ``python tools/lint_cypher.py`` (after ``npm ci --prefix tools/cypher-lint``).
Exit status: 0 clean, 1 a statement has an error, 2 the linter could not run.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LINTER_DIR = ROOT / "tools" / "cypher-lint"
LINT_SCRIPT = LINTER_DIR / "lint.mjs"
PACKAGE = "@neo4j-cypher/language-support"
INSTALL_HINT = "run: npm ci --prefix tools/cypher-lint"
SCHEMA_SOURCE = "graph_schema/neo4j.py::schema_statements()"

#: Folders never searched for ``*.cypher`` files (the last holds deliberately broken Cypher).
SKIP_DIRS: tuple[tuple[str, ...], ...] = (
    (".venv",),
    ("node_modules",),
    (".git",),
    ("tests", "fixtures", "cypher-bad"),
)

_STATEMENT_END = re.compile(r";[ \t]*$")
_COMMENTS = re.compile(r"/\*.*?\*/|//[^\n]*", re.DOTALL)


def _ensure_project_importable() -> None:
    if str(ROOT) not in sys.path:
        sys.path.append(str(ROOT))


def _skipped(relative: Path) -> bool:
    parts = relative.parts
    for skip in SKIP_DIRS:
        if len(skip) == 1:
            if skip[0] in parts[:-1]:
                return True
        elif parts[: len(skip)] == skip:
            return True
    return False


def cypher_files(root: Path) -> list[Path]:
    """Every ``*.cypher`` file under ``root`` outside the skipped folders, sorted."""
    return sorted(path for path in root.rglob("*.cypher") if not _skipped(path.relative_to(root)))


def split_statements(text: str) -> Iterator[str]:
    """The statements of one ``.cypher`` text, each without its final ``;``.

    A statement ends at a line that ends in ``;``; text holding nothing but comments and
    blank lines is not a statement.
    """
    current: list[str] = []
    for line in [*text.splitlines(), ";"]:
        if _STATEMENT_END.search(line):
            current.append(_STATEMENT_END.sub("", line))
            statement = "\n".join(current).strip("\n")
            current = []
            if _COMMENTS.sub("", statement).strip():
                yield statement
        else:
            current.append(line)


def collect_statements(root: Path) -> list[tuple[str, str]]:
    """``(name, text)`` of every Cypher statement of the project under ``root``.

    Names are ``path/to/file.cypher#N`` (N counts from 1) and
    ``graph_schema/neo4j.py::schema_statements()#N`` for the generated DDL.
    """
    _ensure_project_importable()
    from graph_schema.neo4j import schema_statements

    statements: list[tuple[str, str]] = []
    for path in cypher_files(root):
        name = path.relative_to(root).as_posix()
        for index, text in enumerate(split_statements(path.read_text("utf-8")), start=1):
            statements.append((f"{name}#{index}", text))
    for index, text in enumerate(schema_statements(), start=1):
        statements.append((f"{SCHEMA_SOURCE}#{index}", text))
    return statements


def graph_schema_summary() -> dict[str, list[str]]:
    """Labels, relationship types and property keys the graph model declares.

    Given to the linter so that a label, type or property key outside the model (a typo) is
    reported as a warning.
    """
    _ensure_project_importable()
    from graph_schema.model import EDGE_TYPES, NODE_TYPES, PROVENANCE_PREFIX
    from graph_schema.neo4j import BOOKKEEPING_KEYS, GENERIC_LABEL, META_LABEL, SOURCE_LABEL
    from graph_schema.provenance import Provenance

    keys = {"id", *BOOKKEEPING_KEYS}
    keys.update(PROVENANCE_PREFIX + field for field in Provenance.model_fields)
    for cls in [*NODE_TYPES.values(), *EDGE_TYPES.values()]:
        keys.update(field for field in cls.model_fields if field != "provenance")
    return {
        "labels": sorted({*NODE_TYPES, GENERIC_LABEL, SOURCE_LABEL, META_LABEL}),
        "relationshipTypes": sorted(EDGE_TYPES),
        "propertyKeys": sorted(keys),
    }


def lint(statements: Sequence[tuple[str, str]]) -> tuple[int, str]:
    """Lint ``(name, text)`` statements; return the linter's exit status and its output.

    Status 0: no error (warnings may be in the output); 1: at least one error; 2: the linter
    could not run (Node.js or ``tools/cypher-lint/node_modules`` missing, broken install).
    Output lines are ``name:line:col: severity: message``, line and col 1-based within the
    statement.
    """
    node = shutil.which("node")
    if node is None:
        return 2, f"cypher-lint: node (Node.js 20+) is not on PATH; install it, then {INSTALL_HINT}"
    if not (LINTER_DIR / "node_modules" / PACKAGE / "package.json").is_file():
        return 2, f"cypher-lint: {LINTER_DIR / 'node_modules'} is missing; {INSTALL_HINT}"
    payload = {
        "schema": graph_schema_summary(),
        "statements": [{"name": name, "text": text} for name, text in statements],
    }
    result = subprocess.run(
        [node, str(LINT_SCRIPT)],
        input=json.dumps(payload),
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
        timeout=600,
    )
    output = "\n".join(part.rstrip("\n") for part in (result.stdout, result.stderr) if part)
    return result.returncode, output


def main(argv: Sequence[str] | None = None) -> int:
    root = Path(argv[0]).resolve() if argv else ROOT
    statements = collect_statements(root)
    files = {name.split("#", 1)[0].split("::", 1)[0] for name, _ in statements}
    status, output = lint(statements)
    if output:
        print(output)
    verdict = "OK" if status == 0 else "FAILED"
    print(f"linted {len(statements)} Cypher statements from {len(files)} files: {verdict}")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
