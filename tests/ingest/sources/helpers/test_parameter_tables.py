"""The threshold reader's data files: a malformed table fails at import, naming file and entry."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import ingest.sources.helpers.parameters as parameters

_PACKAGE = Path(parameters.__file__).parent
#: The folder that holds graph_schema, which the copy below still imports.
_ROOT = _PACKAGE.parents[3]


def _import_changed(tmp_path: Path, file: str, old: str, new: str) -> str:
    """Import a copy of the package whose ``file`` has ``old`` replaced by ``new``; its stderr."""
    copy = tmp_path / "ingest" / "sources" / "helpers" / "parameters"
    shutil.copytree(_PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    for folder in copy.parents[:3]:
        (folder / "__init__.py").touch()
    text = (copy / file).read_text("utf-8")
    assert old in text
    (copy / file).write_text(text.replace(old, new, 1), "utf-8")
    env = {**os.environ, "PYTHONPATH": f"{tmp_path}{os.pathsep}{_ROOT}"}
    done = subprocess.run(
        [sys.executable, "-c", "import ingest.sources.helpers.parameters as p; print(p.__file__)"],
        env=env,
        cwd=tmp_path,  # "python -c" puts the working folder first on the path
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    if done.returncode == 0:  # the copy, not the project's package, must have been imported
        assert done.stdout.strip().startswith(str(tmp_path))
    return done.stderr


def test_the_copy_of_the_tables_imports(tmp_path: Path) -> None:
    assert _import_changed(tmp_path, "units.yaml", "\nbases:", "\nbases:") == ""


_UNITS = "TableError: ingest/sources/helpers/parameters/units.yaml: "
_QUANTITIES = "TableError: ingest/sources/helpers/parameters/quantities.yaml: "


@pytest.mark.parametrize(
    ("file", "old", "new", "message"),
    [
        (
            "units.yaml",
            "  metres: m\n",
            "  metres: m\n  metres: km\n",
            "key 'metres' written twice",
        ),
        (
            "units.yaml",
            'factor: "pi / 180.0"',
            'factor: "pi / 18O.0"',
            _UNITS + "bases: °: factor: 'pi / 18O.0' is not a number",
        ),
        (
            "units.yaml",
            "prefixes: k M G T m µ}",
            "prefixes: k M G X m µ}",
            _UNITS + "bases: Hz: prefixes: unknown prefixes ['X']",
        ),
        (
            "units.yaml",
            "min: {base: {s: 1}, factor: 60.0}",
            "min: {base: {s: 1}, factr: 60.0}",
            _UNITS + "bases: min: missing fields [], unknown fields ['factr']",
        ),
        (
            "units.yaml",
            "  kilometre: km\n",
            "  kilometre: kkm\n",
            _UNITS + "spellings: kilometre: 'kkm' is no unit of 'bases'",
        ),
        (
            "quantities.yaml",
            "thrust: {names: [thrust], dimensions: [force]}",
            "thrust: {names: [thrust], dimensions: [forse]}",
            _QUANTITIES + "keywords: thrust: dimensions: ['forse'] are no dimensions",
        ),
        (
            "quantities.yaml",
            "names: [payload]",
            "names: [payload, Mass]",
            _QUANTITIES + "keywords: payload: names: 'Mass' is not lower-case, or named twice",
        ),
        (
            "quantities.yaml",
            "  weight: mass\n",
            "  weight: mas\n",
            _QUANTITIES + "synonyms: weight: 'mas' is no quantity of 'keywords'",
        ),
        (
            "quantities.yaml",
            "  total processing performance: TPP\n",
            "  total processing performance: TTP\n",
            _QUANTITIES + "implied_units: total processing performance: 'TTP' is no unit",
        ),
        ("quantities.yaml", "\ncount_nouns:", "\ncount_noun:", _QUANTITIES + "holds ["),
    ],
)
def test_a_malformed_table_fails_at_import(
    tmp_path: Path, file: str, old: str, new: str, message: str
) -> None:
    stderr = _import_changed(tmp_path, file, old, new)
    assert message in stderr, stderr
    assert file in stderr
