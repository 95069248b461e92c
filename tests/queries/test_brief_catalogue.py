"""The brief's catalogue files (``queries/brief_catalogue/<lang>.yaml``): every language has every
word, every translation fills the fields its English fills, and the module reads them as said."""

from __future__ import annotations

import re
from datetime import date
from importlib import resources
from typing import Any

import pytest
import yaml

from queries import brief_i18n
from queries.brief_i18n import LANGUAGES, MESSAGES, ORIGINS, ROLES, day, role, say
from queries.requests import Language

FIELD = re.compile(r"\{(\w+)(?:\.\w+)?\}")  # {j.de}: the field j, in a form of it


def _file(lang: Language) -> dict[str, Any]:
    text = resources.files("queries").joinpath("brief_catalogue", f"{lang}.yaml").read_text()
    data: dict[str, Any] = yaml.safe_load(text)
    return data


def _keys(data: object, path: str = "") -> set[str]:
    """Every key path of a catalogue (sections, then their keys; a list is one value)."""
    if isinstance(data, dict):
        return {k for key, value in data.items() for k in _keys(value, f"{path}/{key}")} | {path}
    return {path}


def _texts(data: dict[str, Any]) -> dict[str, str]:
    return {
        f"{section}/{key}": text
        for section, table in data.items()
        if isinstance(table, dict)
        for key, text in table.items()
    }


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_every_word_is_in_every_language(lang: Language) -> None:
    english, other = _file("en"), _file(lang)
    assert _keys(other) == _keys(english)
    assert len(other["months"]) == 12
    assert all(isinstance(text, str) for text in _texts(other).values())


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_a_translation_fills_the_fields_of_the_english(lang: Language) -> None:
    english, other = _texts(_file("en")), _texts(_file(lang))
    wrong = {
        key: (FIELD.findall(text), FIELD.findall(other[key]))
        for key, text in english.items()
        if sorted(FIELD.findall(text)) != sorted(FIELD.findall(other[key]))
    }
    assert wrong == {}


def test_the_origins_are_keyed_by_their_english_text() -> None:
    # origin_in reads an analysis's English reason back by its key: the English file's value
    # must be the key itself.
    assert all(key == text for key, text in _file("en")["origins"].items())
    assert set(ORIGINS) == set(_file("fr")["origins"])


def test_the_module_reads_the_files() -> None:
    assert set(brief_i18n._CATALOGUES) == set(LANGUAGES)
    for lang in LANGUAGES:
        data = _file(lang)
        for key, text in data["messages"].items():
            assert MESSAGES[key][lang] == text
        for key, text in data["reasons"].items():
            assert MESSAGES[f"r.{key}"][lang] == text
    assert say("fr", "since", day="1er mars 2024") == " depuis le 1er mars 2024"
    assert role("participating state", "ar") == "دولة مشاركة"
    assert (
        "participating state" in ROLES
        and role("participating state", "en") == "participating state"
    )
    assert day(date(2024, 9, 2), "fr") == "2 septembre 2024"
    assert day(date(2024, 9, 2), "ar") == "2 سبتمبر 2024"
