"""Dates of claims, resolved from the sentences of the dev passages (shared/corpus/dev)."""

from __future__ import annotations

from datetime import date

import pytest

from ingest.nlp.dates import resolve_date


@pytest.mark.parametrize(
    ("sentence", "lang", "published", "expected"),
    [
        # en-2017-12-08-india-joins-wassenaar-arrangement-mea: an absolute date.
        (
            "India has joined the Wassenaar Arrangement (WA) on 8 December 2017",
            "en",
            None,
            "2017-12-08",
        ),
        # en-2023-07-18-us-blacklists-intellexa-cytrox-spyware: a weekday, by the article's date
        # (18 July 2023 was a Tuesday).
        (
            "The Biden administration on Tuesday added the foreign commercial spyware companies",
            "en",
            date(2023, 7, 18),
            "2023-07-18",
        ),
        # fr-2020-11-26-eu-extends-export-controls-surveillance-tech: "dernier" = this year's.
        (
            "Le Conseil et le Parlement européens sont parvenus à un accord, "
            "le 10 novembre dernier",
            "fr",
            date(2020, 11, 26),
            "2020-11-10",
        ),
        # ar-2023-08-06-hikvision-uyghur-surveillance-us-blacklist: a year.
        (
            "وضعت شركة Hikvision على القائمة السوداء للولايات المتحدة في عام 2019",
            "ar",
            None,
            "2019",
        ),
        # ar-0000-00-00-china-opposes-us-chip-export-controls: an Arabic month name.
        ("القيود التي تم إصدارها لأول مرة في 7 أكتوبر 2022", "ar", None, "2022-10-07"),
        # A day and month without a year, and no document date: unknown stays unknown.
        (
            "The Union government on July 20 prohibited export of non-basmati white rice",
            "en",
            None,
            "",
        ),
        # The number of an act is not a year (fr-2024-10-11-eu-recommendation-...).
        ("Le règlement (UE) 2021/821 traite la question du risque", "fr", None, ""),
    ],
)
def test_resolve_date(sentence: str, lang: str, published: date | None, expected: str) -> None:
    assert resolve_date(sentence, lang, published) == expected
