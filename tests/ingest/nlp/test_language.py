"""Language identification from the text, never the file name."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import SHARED

from ingest.nlp.language import UnsupportedLanguage, identify

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.mark.parametrize(
    ("path", "language"),
    [
        (SHARED / "corpus" / "ar-2021-12-10-echri-launch.txt", "ar"),
        (SHARED / "corpus" / "ar-2020-10-01-state-dept-surveillance-guidance.txt", "ar"),
        (
            SHARED
            / "data"
            / "echri"
            / "2021-12-10-joint-statement-on-the-export-controls-and-human-rights-initiative.md",
            "en",
        ),
        (FIXTURES / "fr-statement.txt", "fr"),
    ],
)
def test_real_texts(path: Path, language: str) -> None:
    assert identify(path.read_text(encoding="utf-8")).language == language


def test_arabic_article_with_an_english_tweet_is_arabic() -> None:
    text = (SHARED / "corpus" / "ar-2020-10-01-state-dept-surveillance-guidance.txt").read_text()
    guess = identify(text)
    assert guess.language == "ar"
    assert 0.8 < guess.confidence < 1.0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Die Bundesregierung hat die Ausfuhr von Überwachungstechnik für das Jahr nicht "
            "genehmigt und wird sie auch in Zukunft nicht mit den Partnern erlauben.",
            "German",
        ),
        (
            "El gobierno de España anunció que se une a la iniciativa con los demás países "
            "de la región para el control de las exportaciones.",
            "Spanish",
        ),
        ("دولت ایران امروز اعلام کرد که صادرات فناوری های نظارتی را محدود می کند", "Persian"),
        ("Правительство России объявило о новых ограничениях на экспорт технологий", "Cyrillic"),
        ("中华人民共和国商务部今天宣布对部分技术实施出口管制措施以维护国家安全和利益", "Cjk"),
        ("12345 67890 !!!", "too little text"),
    ],
)
def test_other_languages_are_refused_by_name(text: str, expected: str) -> None:
    with pytest.raises(UnsupportedLanguage, match=expected):
        identify(text)
