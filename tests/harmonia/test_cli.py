"""The harmonia command on the real data: tables, JSON, exports and one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import need_shared_data
from typer.testing import CliRunner

from harmonia.cli import app

runner = CliRunner()


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("HARMONIA_DB_PATH", str(tmp_path / "graph.sqlite"))
    monkeypatch.setenv("HARMONIA_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("HARMONIA_SOURCES_DIR", raising=False)
    monkeypatch.delenv("HARMONIA_STORE", raising=False)
    return tmp_path


def _ingest(*args: str) -> None:
    result = runner.invoke(app, ["ingest", "--sources", str(need_shared_data()), *args])
    assert result.exit_code == 0, result.output


def test_ingest_prints_counts_and_is_idempotent(env: Path) -> None:
    result = runner.invoke(
        app, ["ingest", "--sources", str(need_shared_data()), "reference", "us-country-groups"]
    )
    assert result.exit_code == 0, result.output
    # Counts in the source's own units (15 CFR 740 Supp. 1 has 14 groups).
    assert "14 country" in result.output and "497" in result.output  # groups, memberships
    again = runner.invoke(
        app, ["ingest", "--sources", str(need_shared_data()), "reference", "us-country-groups"]
    )
    assert again.exit_code == 0
    assert "unchanged" in again.output
    assert "written" not in again.output


def test_query_json(env: Path) -> None:
    _ingest("reference", "echri-launch")
    result = runner.invoke(app, ["query", "regime", "wassenaar", "--json"])
    assert result.exit_code == 0, result.output
    body = json.loads(result.stdout)
    assert body["member_count"] == 42
    result = runner.invoke(app, ["query", "countries", "--regime", "echri", "--json"])
    assert {c["iso2"] for c in json.loads(result.stdout)} == {
        "US",
        "AU",
        "DK",
        "NO",
        "CA",
        "FR",
        "NL",
        "GB",
    }


def test_query_table(env: Path) -> None:
    _ingest("reference")
    result = runner.invoke(app, ["query", "country", "IN"])
    assert result.exit_code == 0, result.output
    assert "India" in result.output
    assert "regime:wassenaar" in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["query", "country", "XX"], "no country 'XX'"),
        (["query", "regime", "atlantis"], "no regime 'atlantis'"),
        (["ingest", "nope"], "unknown source 'nope'"),
        (["ingest", "us-country-groups", "--file", "missing.json"], "no such file"),
        (["fetch", "nope"], "unknown source 'nope'"),
    ],
)
def test_bad_input_is_one_line_and_non_zero(env: Path, args: list[str], message: str) -> None:
    _ingest("reference")
    result = runner.invoke(app, args)
    assert result.exit_code != 0
    assert message in result.stderr
    assert "Traceback" not in result.output + result.stderr


@pytest.mark.parametrize("command", ["ingest", "serve"])
def test_a_sources_directory_that_does_not_exist_is_an_error(
    env: Path, command: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Before: `ingest --sources <typo>` skipped every source and exited 0.
    missing = env / "no-such-dir"
    result = runner.invoke(app, [command, "--sources", str(missing)])
    assert result.exit_code == 2
    assert f"--sources: no such directory: {missing}" in " ".join(result.stderr.split())
    monkeypatch.setenv("HARMONIA_SOURCES_DIR", str(missing))
    result = runner.invoke(app, [command])
    assert result.exit_code == 2
    assert "HARMONIA_SOURCES_DIR: no such directory" in result.stderr
    assert not (env / "graph.sqlite").exists()  # nothing was opened, nothing written


def test_query_before_any_ingest(env: Path) -> None:
    result = runner.invoke(app, ["query", "regimes"])
    assert result.exit_code == 1
    assert "harmonia ingest" in result.stderr


def test_wrong_checksum_file(env: Path, tmp_path: Path) -> None:
    _ingest("reference")
    bad = tmp_path / "groups.json"
    bad.write_text('{"groups": {}}')
    result = runner.invoke(app, ["ingest", "us-country-groups", "--file", str(bad)])
    assert result.exit_code == 1
    assert "checksum mismatch" in result.stderr


def test_fetch_without_direct_download_says_where_to_get_it(env: Path) -> None:
    result = runner.invoke(app, ["fetch", "us-country-groups"])
    assert result.exit_code == 1
    assert "www.ecfr.gov" in result.stderr


def test_exports(env: Path) -> None:
    _ingest("reference", "us-country-groups")
    as_json = env / "graph.json"
    as_graphml = env / "graph.graphml"
    assert runner.invoke(app, ["export", str(as_json)]).exit_code == 0
    assert runner.invoke(app, ["export", str(as_graphml), "--format", "graphml"]).exit_code == 0
    doc = json.loads(as_json.read_text())
    assert {s["key"] for s in doc["sources"]} == {
        "reference@current",
        "us-country-groups@2026-07-23",
        "alignment@current",
    }
    assert any(n["id"] == "group:us:A:1" for n in doc["nodes"])
    import networkx as nx

    graph = nx.read_graphml(as_graphml)
    assert graph.nodes["country:IN"]["label"] == "Country"
