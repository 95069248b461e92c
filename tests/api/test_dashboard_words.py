"""The dashboard's words (``api/static/words/<lang>.json``): every language says every word, with
the same placeholders, every word the page asks for exists, and the files are served.

The page's ``t()`` falls back on English, then on the key itself, for a word a language lacks:
in the browser a missing French or Arabic word shows in English and goes unnoticed, so it is
caught here.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

STATIC = Path(__file__).parents[2] / "api" / "static"
PAGE = (STATIC / "index.html").read_text(encoding="utf-8")
SCRIPTS = {p.name: p.read_text(encoding="utf-8") for p in sorted(STATIC.glob("*.js"))}
#: The languages of the page's picker.
LANGUAGES = re.findall(r'<option value="([a-z]{2})" lang="\1">', PAGE)


def words(lang: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((STATIC / "words" / f"{lang}.json").read_text("utf-8"))
    return loaded


def leaves(table: dict[str, Any], prefix: str = "") -> dict[str, str]:
    """Each word by its path: ``"kinds.agreement"`` for the tables of labels."""
    found: dict[str, str] = {}
    for key, value in table.items():
        if isinstance(value, dict):
            found |= leaves(value, f"{prefix}{key}.")
        else:
            found[f"{prefix}{key}"] = value
    return found


def test_the_picker_offers_the_three_languages_and_each_has_its_file() -> None:
    assert LANGUAGES == ["en", "fr", "ar"]
    assert sorted(p.name for p in (STATIC / "words").iterdir()) == ["ar.json", "en.json", "fr.json"]


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_every_language_has_the_words_of_english_with_their_placeholders(lang: str) -> None:
    english, other = leaves(words("en")), leaves(words(lang))
    assert sorted(english.keys() - other.keys()) == []
    assert sorted(other.keys() - english.keys()) == []
    # "{names}" in English and not in French would print the sentence without the names.
    holes = re.compile(r"\{[a-zA-Z]+\}")
    differing = [
        k for k in english if sorted(holes.findall(english[k])) != sorted(holes.findall(other[k]))
    ]
    assert differing == []
    assert [k for k, v in other.items() if not isinstance(v, str) or not v.strip()] == []


def test_the_words_the_page_asks_for_exist_in_english() -> None:
    english = words("en")
    code = "\n".join(SCRIPTS.values())
    # Keys given literally to t(), to setStatus() (which passes them to t()) and to the Brief
    # view's line() (likewise); the page's markup names its own in data-i18n attributes, and
    # core.js those of the views it builds (PLAIN_VIEWS: title and label).
    asked = set(re.findall(r'\b(?:t|setStatus|line)\("([^"]+)"', code))
    asked |= set(re.findall(r'data-i18n(?:-aria|-placeholder)?="([^"]+)"', PAGE))
    built = set(re.findall(r'\b(?:title|label): "([^"]+)"', SCRIPTS["core.js"]))
    assert {"overview.title", "docs.title", "pick.technology"} <= built
    asked |= built
    assert len(asked) > 250
    assert sorted(asked - english.keys()) == []
    # Tables of labels read by name: I18N[lang].kinds, changeWords("changeKinds", ...).
    tables = set(re.findall(r"I18N(?:\[state\.lang\]|\.en)\.([a-zA-Z]+)", code))
    tables |= set(re.findall(r'changeWords\("([a-zA-Z]+)"', code))
    tables |= set(re.findall(r"\bwords\.([a-zA-Z]+)", SCRIPTS["brief.js"]))
    assert {"kinds", "statuses", "changeKinds", "briefShared"} <= tables
    assert sorted(t for t in tables if not isinstance(english.get(t), dict)) == []
    # A key made at run time (t(`rc.${status}`)): some word starts with its fixed part.
    prefixes = set(re.findall(r"\bt\(`([a-zA-Z.]+)\$\{", code))
    assert prefixes
    assert sorted(p for p in prefixes if not any(k.startswith(p) for k in english)) == []


def test_the_words_are_served_as_json_and_nothing_else_under_words(client: TestClient) -> None:
    for lang in LANGUAGES:
        response = client.get(f"/static/words/{lang}.json")
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("application/json")
        assert response.json() == words(lang)
    assert client.get("/static/words/de.json").status_code == 404
    assert client.get("/static/words/..%2Findex.html").status_code == 404
    assert client.get("/static/words").status_code == 404
