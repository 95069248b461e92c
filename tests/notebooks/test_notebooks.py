"""The notebooks run headless, top to bottom, on the real graph, in a kernel of this venv.

Each notebook finds the graph through ``harmonia.open()``, i.e. ``HARMONIA_DB_PATH``, which is
set in the kernel's environment to the real graph built once for the test session.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path
from typing import Any

import nbformat as _nbformat
import pytest
from nbclient import NotebookClient
from real_graph import real_graph_path

# nbformat's functions carry no annotations: go through Any rather than ignore each call.
nbformat: Any = _nbformat

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"
NAMES = ["01-quick-tour", "02-divergence-study", "03-network-study"]
CELL_TIMEOUT = 300  # seconds per cell; a whole notebook takes 10-20 s on the real graph


def _run(book: Any, tmp_path: Path) -> Any:
    client = NotebookClient(
        book,
        kernel_name="python3",
        timeout=CELL_TIMEOUT,
        resources={"metadata": {"path": str(tmp_path)}},
    )
    env = {**os.environ, "HARMONIA_DB_PATH": str(real_graph_path())}
    # The kernel draws inline (images in the outputs); another backend would draw nowhere.
    env.pop("MPLBACKEND", None)
    env.pop("HARMONIA_STORE", None)
    client.execute(env=env)
    return book


def _outputs(book: Any) -> list[Any]:
    return [o for cell in book.cells if cell.cell_type == "code" for o in cell.outputs]


def _text(book: Any) -> str:
    parts = []
    for o in _outputs(book):
        if o.output_type == "stream":
            parts.append(o.text)
        elif o.output_type in ("execute_result", "display_data"):
            parts.append(o.get("data", {}).get("text/plain", ""))
    return "\n".join(parts)


def test_the_kernel_is_this_venvs_python(tmp_path: Path) -> None:
    book = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_code_cell("import sys, os; print(sys.executable)")]
    )
    _run(book, tmp_path)
    printed = _text(book).strip()
    assert Path(printed).resolve() == Path(sys.executable).resolve()


@pytest.mark.parametrize("name", NAMES)
def test_notebooks_are_stored_without_outputs(name: str) -> None:
    book = nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4)
    nbformat.validate(book)
    code = [c for c in book.cells if c.cell_type == "code"]
    assert code and all(not c.outputs and c.execution_count is None for c in code)
    assert "harmonia.open()" in code[0].source


@pytest.mark.slow
@pytest.mark.parametrize("name", NAMES)
def test_notebook_runs_on_the_real_graph(name: str, tmp_path: Path) -> None:
    book = _run(nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4), tmp_path)
    errors = [o for o in _outputs(book) if o.output_type == "error"]
    assert not errors, errors[0].get("evalue")
    images = [o for o in _outputs(book) if "image/png" in o.get("data", {})]
    assert len(images) >= 2, "every notebook draws at least two plots"
    text = _text(book)
    if name == "01-quick-tour":
        assert "42 Wassenaar participating states" in text
        assert "4A005" in text and "8A405" in text  # the 4.A.5 evidence table
    elif name == "02-divergence-study":
        assert "3A090" in text and "3A980" in text  # unilateral US controls
        assert "scope-differs" in text
    else:
        assert "community 0" in text
        # The EU's 2025 list against Norway's copy of the EU 2021 text: close, not identical.
        assert re.search(r"EU ~ NO +0\.9[0-9]{2}", text)
