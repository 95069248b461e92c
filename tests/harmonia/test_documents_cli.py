"""``harmonia query documents``: the controls of an Arabic article, as the analyses give them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from real_graph import real_graph_with_documents
from typer.testing import CliRunner

from harmonia.cli import app
from queries.analyses import Analyses
from queries.document_controls import DocumentControlQueries
from queries.documents import DocumentQueries
from store.embedded import EmbeddedStore

runner = CliRunner()
CAMPAIGN = "ar-2021-12-03-us-surveillance-export-campaign.txt"


@pytest.fixture(scope="module")
def graph() -> Path:
    return real_graph_with_documents()


@pytest.fixture
def env(graph: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("HARMONIA_DB_PATH", str(graph))
    monkeypatch.delenv("HARMONIA_STORE", raising=False)
    return graph


def _campaign() -> str:
    result = runner.invoke(app, ["query", "documents", "list", "--language", "ar", "--json"])
    assert result.exit_code == 0, result.output
    docs = json.loads(result.stdout)
    assert {d["language"] for d in docs} == {"ar"}
    (found,) = [d["id"] for d in docs if d["source"].endswith(CAMPAIGN)]
    return str(found)


def test_controls_of_an_arabic_article(env: Path) -> None:
    ident = _campaign()
    result = runner.invoke(app, ["query", "documents", "controls", ident, "--json"])
    assert result.exit_code == 0, result.output
    body = json.loads(result.stdout)
    with EmbeddedStore(env, read_only=True) as store:
        expected = DocumentControlQueries(DocumentQueries(store), Analyses(store)).controls(ident)
    assert body == json.loads(expected.model_dump_json())
    states = {
        c["jurisdiction"]: c["state"]
        for c in body["controls"]
        if c["technology"] == "tech:surveillance"
    }
    # The article names Israel and Singapore, whose lists the graph does not hold.
    assert states["US"] == "covered"
    assert states["IL"] == states["SG"] == "no-list-held"
    table = runner.invoke(app, ["query", "documents", "controls", ident])
    assert table.exit_code == 0, table.output
    assert "no-list-held" in table.output and "Singapore" in table.output
    (us,) = [
        c
        for c in expected.controls
        if c.technology == "tech:surveillance" and c.jurisdiction == "US"
    ]
    assert us.entries[0].entry.code in table.output


def test_an_unknown_document_is_one_line_on_stderr(env: Path) -> None:
    result = runner.invoke(app, ["query", "documents", "controls", "doc:0000000000000000"])
    assert result.exit_code != 0
    assert "error:" in result.stderr and "Traceback" not in result.output
