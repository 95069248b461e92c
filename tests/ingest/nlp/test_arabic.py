"""Arabic normalisation and proclitics, on words and on the real ECHRI article."""

from __future__ import annotations

import networkx as nx
import pytest
from helpers import SHARED

from ingest.nlp import arabic
from ingest.nlp.lexicon import patterns
from ingest.nlp.pipeline import Analyzer
from ingest.nlp.reader import read_document


def test_normalise_strips_diacritics_and_unifies_letters() -> None:
    assert arabic.normalise("الدّنمارك") == "الدنمارك"
    assert arabic.normalise("قيودًا") == "قيودا"
    assert arabic.normalise("إسرائيل") == arabic.normalise("اسرائيل")
    assert arabic.normalise("أستراليا") == arabic.normalise("استراليا")
    assert arabic.normalise("المتحدة") == "المتحده"
    assert arabic.normalise("مستوى") == arabic.normalise("مستوي")
    assert arabic.normalise("واشنطن") == "واشنطن"  # nothing is stripped from a word's start
    assert arabic.normalise("ـــالصين") == "الصين"  # tatweel


def test_clitic_forms_follow_arabic_spelling() -> None:
    forms = arabic.clitic_forms("الصين")
    assert forms[0] == "الصين"
    for form in ("والصين", "بالصين", "للصين", "وللصين", "فالصين", "وبالصين", "كالصين"):
        assert form in forms
    assert "لالصين" not in forms  # ل + ال is written لل
    plain = arabic.clitic_forms("فرنسا")
    assert {"وفرنسا", "بفرنسا", "لفرنسا", "وبفرنسا", "ففرنسا"} <= set(plain)
    assert arabic.phrase_variants("الولايات المتحدة")[:2] == [
        "الولايات المتحده",
        "بالولايات المتحده",
    ]


def test_nisba_forms_cover_gender_number_and_article() -> None:
    forms = set(arabic.nisba_forms("أميركي"))
    assert {"اميركي", "اميركيه", "الاميركيه", "الاميركيين", "اميركيون"} <= forms


def test_words_beginning_with_clitic_letters_are_not_mangled(analyzer: Analyzer) -> None:
    # وزير starts with و, بايدن with ب, لندن with ل: none may lose a letter or match a pattern
    # meant for another word; كندا must not be read inside وكندا's neighbours.
    text = "قال وزير الخارجية في واشنطن إن بايدن التقى بوزير من لندن وكندا وفرنسا."
    found = {(m.text, m.node) for m in analyzer.analyse(text, "ar").mentions}
    assert found == {
        ("واشنطن", "country:US"),
        ("لندن", "country:GB"),
        ("وكندا", "country:CA"),
        ("وفرنسا", "country:FR"),
    }


def test_arabic_patterns_include_clitic_variants(nlp_graph: nx.MultiDiGraph) -> None:
    texts = {p.text for p in patterns(nlp_graph, "ar") if p.node == "country:DK"}
    assert {"الدنمارك", "والدنمارك", "بالدنمارك", "للدنمارك", "الدانمرك"} <= texts


def test_all_eight_countries_of_the_echri_sentence(analyzer: Analyzer) -> None:
    raw = read_document(SHARED / "corpus" / "ar-2021-12-10-echri-launch.txt")
    analysis = analyzer.analyse(raw.text, "ar")
    first = raw.text.split("\n", 1)[0]
    in_sentence = {m.node for m in analysis.mentions if m.end <= len(first)}
    assert in_sentence == {
        "country:US",  # إدارة بايدن
        "country:AU",
        "country:DK",
        "country:NO",
        "country:CA",
        "country:FR",
        "country:NL",
        "country:GB",
    }
    us = {m.text for m in analysis.mentions if m.node == "country:US"}
    assert {"إدارة بايدن", "الولايات المتحدة"} <= us


@pytest.mark.parametrize(
    ("text", "node"),
    [
        ("أعلنت الحكومة الأميركية", "country:US"),
        ("بالولايات المتحدة", "country:US"),
        ("للصين", "country:CN"),
        ("والاتحاد الأوروبي", "regime:eu"),
        ("اتفاقِ واسّينار", "regime:wassenaar"),
    ],
)
def test_single_mentions(analyzer: Analyzer, text: str, node: str) -> None:
    assert node in {m.node for m in analyzer.analyse(text, "ar").mentions}
