"""``harmonia export``: analyses as CSV (real graph) and the Neo4j import folder (small graph)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from helpers import country_batch, sample_batch
from real_graph import real_graph_path
from typer.testing import CliRunner

from harmonia.cli import app
from queries.tables import COVERAGE_COLUMNS
from store.embedded import EmbeddedStore

runner = CliRunner()


@pytest.fixture
def real_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HARMONIA_DB_PATH", str(real_graph_path()))
    monkeypatch.delenv("HARMONIA_STORE", raising=False)


def test_export_divergences_csv(real_env: None, tmp_path: Path) -> None:
    out = tmp_path / "d.csv"
    result = runner.invoke(
        app, ["export", "divergences", "US", "EU", "--technology", "ai-compute", "--csv", str(out)]
    )
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert {"3A090.a", "3A090.b"} <= {r["code"] for r in rows}
    assert f"({len(rows)} rows)" in result.output
    assert {"status_US", "status_EU", "text_EU", "reason"} <= set(rows[0])


def test_export_coverage_csv_to_stdout(real_env: None) -> None:
    result = runner.invoke(app, ["export", "coverage", "US", "--code", "5A001.j", "--csv", "-"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0]) == list(COVERAGE_COLUMNS)
    assert rows[0]["code"] == "5.A.1.j" and rows[0]["jurisdiction"] == "US"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["export", "divergences", "US", "EU"], "give --csv FILE"),
        (["export", "divergences", "US", "--csv", "-"], "at least 2 items"),
        (["export", "graph.json", "US"], "go with 'export divergences'"),
        (["export", "divergences", "US", "XX", "--csv", "-"], "no jurisdiction 'XX'"),
    ],
)
def test_export_errors_are_one_line(real_env: None, args: list[str], message: str) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code != 0
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_export_neo4j_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "g.sqlite"
    with EmbeddedStore(path) as store:
        store.replace_source(country_batch())
        store.replace_source(sample_batch())
    monkeypatch.setenv("HARMONIA_DB_PATH", str(path))
    folder = tmp_path / "neo4j"
    result = runner.invoke(app, ["export", str(folder), "--format", "neo4j"])
    assert result.exit_code == 0, result.output
    assert (folder / "nodes_Country.csv").is_file()
    assert (folder / "relationships_CONTAINS.csv").is_file()
    assert "neo4j-admin database import full" in result.output
    again = runner.invoke(app, ["export", str(folder), "--format", "neo4j"])
    assert again.exit_code == 1 and "not empty" in again.stderr
