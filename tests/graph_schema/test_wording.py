"""Typography is not wording: what the comparison of editions ignores, and what it keeps."""

from __future__ import annotations

from graph_schema.wording import wording


def test_typography_folds() -> None:
    pdf = "“Software” specially designed for 1,5 µm lasers – 5 × 10-4 ( see 6.A.5. )"
    json = '"Software" specially designed for 1,5 μm lasers - 5 x 10-4 (see 6.A.5.)'
    assert wording(pdf) == wording(json)
    assert wording("a.\u00a0 Exceeding  10 kg ;") == "a. Exceeding 10 kg;"


def test_real_differences_stay() -> None:
    assert wording("exceeding 10 kg") != wording("exceeding 5 kg")
    assert wording("Not used since 2021") != wording("[Reserved]")
    assert wording("1,5 µm") != wording("1.5 µm")
