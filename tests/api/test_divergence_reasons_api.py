"""/divergences?lang=fr|ar: each row of the page carries its reason rebuilt in the language, the
sentence the brief prints (:func:`queries.brief_reasons.reason_in`), over the real graph."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from fastapi.testclient import TestClient

from queries.brief_reasons import reason_in
from queries.requests import Language
from queries.views import DivergenceRow, EditionRef

#: US against the EU on surveillance, and on all of category 3 (electronics: the US's own
#: semiconductor controls among them).
NARROWED = {"surveillance": {"technology": "surveillance"}, "category 3": {"category": "3"}}


def _page(client: TestClient, narrowed: str, lang: str) -> dict[str, Any]:
    params = {"jurisdiction": ["US", "EU"], **NARROWED[narrowed], "limit": 500, "lang": lang}
    response = client.get("/divergences", params=params)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


@pytest.mark.parametrize("narrowed", list(NARROWED))
@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_each_row_says_its_reason_in_the_language(
    client: TestClient, narrowed: str, lang: Language
) -> None:
    body = _page(client, narrowed, lang)
    english = _page(client, narrowed, "en")
    rows = body["items"]
    assert rows, f"US and EU diverge on {narrowed}: rows expected"
    # The same rows, the same English reason: the language adds a field, nothing else.
    assert [r["reason"] for r in rows] == [r["reason"] for r in english["items"]]
    assert all(r["reason_said"] is None for r in english["items"])
    reference = EditionRef.model_validate(body["reference"]) if body["reference"] else None
    said = 0
    for raw in rows:
        shown = raw.pop("reason_said")
        expected = reason_in(DivergenceRow.model_validate(raw), reference, lang)
        if expected is None:
            assert shown is None, raw["reason"]
            continue
        said += 1
        assert shown == {"lang": lang, "text": expected.text, "complete": expected.complete}
        assert shown["text"] != raw["reason"]
    # Measured on the graph held, in fr and in ar alike: surveillance 10 of 10 rows, category 3
    # 74 of 78 (94.9%).
    assert said >= 0.9 * len(rows), f"{said} of {len(rows)} rows said in {lang}"


def test_the_language_is_checked(client: TestClient) -> None:
    response = client.get("/divergences", params={"jurisdiction": ["US", "EU"], "lang": "de"})
    assert response.status_code == 422
    assert "lang" in response.text


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_the_csv_export_says_the_reason_in_the_language(client: TestClient, lang: str) -> None:
    """/exports/divergences.csv?lang= adds a reason_said column, the text /divergences?lang=
    gives each row (empty where it has none); without a language the file has no such column."""
    params = {"jurisdiction": ["US", "EU"], **NARROWED["category 3"]}
    page = _page(client, "category 3", lang)["items"]
    response = client.get("/exports/divergences.csv", params={**params, "lang": lang})
    assert response.status_code == 200, response.text
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert [(r["code"], r["reason"]) for r in rows] == [(r["code"], r["reason"]) for r in page]
    said = [r["reason_said"]["text"] if r["reason_said"] else "" for r in page]
    assert [r["reason_said"] for r in rows] == said and sum(map(bool, said)) > 0
    english = client.get("/exports/divergences.csv", params=params)
    header = next(csv.reader(io.StringIO(english.text)))
    assert "reason_said" not in header and "reason" in header
