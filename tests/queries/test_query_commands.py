"""The ``harmonia query`` analysis commands print tables or JSON, and fail in one line."""

from __future__ import annotations

import json
from pathlib import Path

import pypdfium2
import pytest
from real_graph import real_graph_path, shared_analyses
from typer.testing import CliRunner

from harmonia.cli import app
from queries.brief import brief, pair_brief
from queries.requests import BriefPartsRequest, BriefRequest, build


@pytest.fixture(scope="module")
def real_path() -> Path:
    return real_graph_path()


@pytest.fixture
def env(real_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HARMONIA_DB_PATH", str(real_path))
    monkeypatch.setenv("HARMONIA_STORE", "embedded")
    monkeypatch.setenv("COLUMNS", "200")


def test_divergences_table_and_json(env: None) -> None:
    runner = CliRunner()
    table = runner.invoke(
        app,
        ["query", "divergences", "US", "EU", "--technology", "intrusion software", "--agreements"],
    )
    assert table.exit_code == 0, table.output
    assert "4.A.5" in table.output and "both control" in table.output
    data = runner.invoke(
        app,
        ["query", "divergences", "US", "EU", "--kind", "unilateral", "--code", "3A090", "--json"],
    )
    assert data.exit_code == 0, data.output
    body = json.loads(data.output)
    # 3A090.a is EU 3A501.a.16 with other bounds, so the paragraphs stand apart.
    assert [r["code"] for r in body["items"]] == ["3A090.a", "3A090.b", "3A090.c"]


@pytest.mark.parametrize(
    "args",
    [
        ["query", "coverage", "--code", "5.A.1.j", "--limit", "2"],
        ["query", "gaps", "regime", "wassenaar", "--limit", "2"],
        ["query", "gaps", "code", "echri", "--status", "gap"],
        ["query", "gaps", "parties", "NSO Group"],
        ["query", "gaps", "party-lists", "US", "JP", "--only", "JP", "--verdict", "only"],
        ["query", "search", "5.A.1.j"],
        ["query", "search", "logiciels espions"],
        ["query", "parties", "Candiru"],
        ["query", "controls", "IN"],
    ],
)
def test_other_commands(env: None, args: list[str]) -> None:
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert result.output.strip()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["query", "divergences", "US", "XX"], "no jurisdiction 'XX'"),
        (["query", "divergences", "US"], "at least 2 items"),
        (["query", "changes", "list:eu:2021"], "no earlier edition"),
        (["query", "search", "5A001", "--system", "klingon"], "system 'klingon': Input should be"),
        (["query", "gaps", "party-lists", "US", "FR"], "no party list here"),
    ],
)
def test_errors_are_one_line(env: None, args: list[str], message: str) -> None:
    result = CliRunner().invoke(app, args)
    assert result.exit_code != 0
    assert message in result.output


def test_brief_command(env: None) -> None:
    result = CliRunner().invoke(app, ["brief", "IN", "--items", "1"])
    assert result.exit_code == 0, result.output
    assert "India against Wassenaar Arrangement" in result.output
    assert "list:in:2024-09-02" in result.output and "To align" in result.output
    as_json = CliRunner().invoke(app, ["brief", "IN", "--category", "3", "--json"])
    assert as_json.exit_code == 0, as_json.output
    assert '"to_adopt"' in as_json.stdout
    refused = CliRunner().invoke(app, ["brief", "IN", "--against", "mtcr"])
    assert refused.exit_code != 0 and "against=wassenaar" in refused.output


def test_the_brief_command_shows_the_parts_beyond_the_regimes(env: None) -> None:
    """The terminal brief has the code-of-conduct gaps, the shared controls and the parties,
    with the totals of the brief it prints."""
    report = brief(shared_analyses(), "US", build(BriefRequest, items=2))
    result = CliRunner().invoke(app, ["brief", "US", "--items", "2"])
    assert result.exit_code == 0, result.output
    [code] = report.commitments
    assert f"{code.total} of {code.technologies} technologies" in result.output
    assert f"Shared beyond the regimes: {report.shared.total}" in result.output
    [japan] = report.parties.partners
    assert f"Parties JP lists and US does not: {japan.only}" in result.output
    india = CliRunner().invoke(app, ["brief", "IN", "--items", "1"])
    assert "no party list of India is held (not held)" in india.output


def test_pair_and_group_briefs_from_the_command_line(env: None) -> None:
    pair = CliRunner().invoke(
        app, ["brief", "US", "--against", "EU", "--technology", "surveillance", "--items", "3"]
    )
    assert pair.exit_code == 0, pair.output
    assert pair.output.startswith("# Harmonisation brief: United States and European Union")
    assert "## What United States controls and European Union does not" in pair.output
    group = CliRunner().invoke(app, ["brief", "echri", "--technology", "intrusion software"])
    assert group.exit_code == 0, group.output
    assert "| Intrusion software |" in group.output


@pytest.mark.parametrize(
    ("argv", "title"),
    [
        (["US", "--against", "EU"], "Harmonisation brief: United States and European Union"),
        (["echri"], "Harmonisation brief: the subscribers of the Code of Conduct"),
    ],
    ids=["pair", "group"],
)
def test_pair_and_group_briefs_printed_to_pdf(
    env: None, tmp_path: Path, argv: list[str], title: str
) -> None:
    target = tmp_path / "brief.pdf"
    result = CliRunner().invoke(
        app, ["brief", *argv, "--technology", "surveillance", "--pdf", str(target)]
    )
    assert result.exit_code == 0, result.output
    document = pypdfium2.PdfDocument(target)
    text = " ".join(" ".join(page.get_textpage().get_text_range().split()) for page in document)
    assert title in text
    if argv[0] == "US":
        report = pair_brief(
            shared_analyses(), "US", "EU", build(BriefPartsRequest, technology="surveillance")
        )
        assert f"controls and European Union does not ({report.first.only.total})" in text


def test_brief_as_markdown_file(env: None, tmp_path: Path) -> None:
    target = tmp_path / "in.md"
    result = CliRunner().invoke(app, ["brief", "IN", "--markdown", str(target)])
    assert result.exit_code == 0, result.output
    text = target.read_text("utf-8")
    assert text.startswith("# Harmonisation brief: India")
    assert "SCOMET 2024" in text and "list:in:" not in text and "Convergence index" in text


def test_brief_printed_to_pdf_says_what_the_analysis_says(env: None, tmp_path: Path) -> None:
    """The PDF is printed by Chromium from the brief's page: its text carries the standing
    and the agenda's counts as the analysis computes them."""
    target = tmp_path / "in.pdf"
    result = CliRunner().invoke(app, ["brief", "IN", "--pdf", str(target)])
    assert result.exit_code == 0, result.output
    assert target.read_bytes().startswith(b"%PDF")
    document = pypdfium2.PdfDocument(target)
    text = " ".join(" ".join(page.get_textpage().get_text_range().split()) for page in document)
    report = brief(shared_analyses(), "IN", build(BriefRequest))
    index = report.standing.convergence
    assert "Harmonisation brief: India against the Wassenaar Arrangement" in text
    assert f"Convergence index: {index.percent:.1f}%" in text
    assert f"{index.same} of the {index.comparable} reference entries" in text
    for title, part in (("To adopt", report.to_adopt), ("To align", report.to_align)):
        assert f"{title} ({part.total})" in text
    assert report.to_align.items[0].code in text


def test_brief_pdf_without_chromium_is_a_clear_error(
    env: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HARMONIA_CHROMIUM", str(tmp_path / "no-such-browser"))
    result = CliRunner().invoke(app, ["brief", "IN", "--pdf", str(tmp_path / "in.pdf")])
    assert result.exit_code == 1
    assert "HARMONIA_CHROMIUM" in result.output and "not an executable" in result.output
    assert not (tmp_path / "in.pdf").exists()


def test_brief_in_french_and_arabic_from_the_command_line(env: None, tmp_path: Path) -> None:
    french = CliRunner().invoke(app, ["brief", "IN", "--lang", "fr", "--items", "2"])
    assert french.exit_code == 0, french.output
    # India's French name (reference data), and the brief's own words in French.
    assert french.output.startswith("# Note d'harmonisation : l'Inde")
    assert "## À adopter" in french.output and "Indice de convergence" in french.output
    target = tmp_path / "in-ar.pdf"
    printed = CliRunner().invoke(
        app, ["brief", "IN", "--lang", "ar", "--items", "2", "--pdf", str(target)]
    )
    assert printed.exit_code == 0, printed.output
    document = pypdfium2.PdfDocument(target)
    text = " ".join(" ".join(page.get_textpage().get_text_range().split()) for page in document)
    report = brief(shared_analyses(), "IN", build(BriefRequest, items=2))
    # Text extraction reorders shaped right-to-left words, so only the script and the figures
    # (left to right inside the Arabic text) are read back.
    assert sum("\u0600" <= c <= "\u06ff" for c in text) > 500
    assert f"{report.standing.convergence.percent:.1f}" in text
    assert all(row.code in text for row in report.to_align.items)


def test_brief_in_an_unknown_language_is_refused(env: None) -> None:
    refused = CliRunner().invoke(app, ["brief", "IN", "--lang", "de"])
    assert refused.exit_code != 0
    assert "lang 'de'" in refused.output and "'fr'" in refused.output
