"""The API snapshot a refactoring is checked with covers every read endpoint and tells a
change from none (``tools/api_snapshot.py``)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from helpers import load_tool
from real_graph import real_graph_path

from store.embedded import EmbeddedStore


@pytest.fixture(scope="module")
def taken() -> dict[str, Any]:
    store = EmbeddedStore(real_graph_path(), read_only=True)
    result: dict[str, Any] = load_tool("api_snapshot").snapshot(store)
    return result


def test_every_read_endpoint_is_asked_and_answers(taken: dict[str, Any]) -> None:
    assert taken["paths not covered"] == []
    # The OpenAPI document is recorded per operation, so a difference names its route.
    assert {"openapi GET /divergences", "openapi GET /exports/divergences.csv"} <= set(taken)
    answers = {k: v for k, v in taken.items() if isinstance(v, dict)}
    assert len(answers) >= 38
    failed = {k: v["status"] for k, v in answers.items() if v["status"] != 200}
    assert not failed, failed


def test_compare_tells_a_change_from_none(
    taken: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before, after = tmp_path / "before.json", tmp_path / "after.json"
    before.write_text(json.dumps(taken), "utf-8")
    after.write_text(json.dumps(taken), "utf-8")
    tool = load_tool("api_snapshot")
    assert tool.main(["--compare", str(before), str(after)]) == 0
    assert "identical" in capsys.readouterr().out
    changed = dict(taken)
    changed["/health?{}"] = {"status": 200, "sha256": "0" * 64}
    after.write_text(json.dumps(changed), "utf-8")
    assert tool.main(["--compare", str(before), str(after)]) == 1
    assert "differs: /health?{}" in capsys.readouterr().out
