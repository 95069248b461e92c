"""Cutting long texts into pieces spaCy accepts, without losing or moving a character."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from ingest.nlp.pipeline import pieces


def test_cuts_at_paragraph_ends_first() -> None:
    text = "aaaa bbbb\n\ncccc dddd\neeee"
    assert list(pieces(text, 12)) == [(0, "aaaa bbbb\n\n"), (11, "cccc dddd\n"), (21, "eeee")]


def test_a_text_without_breaks_is_cut_anywhere() -> None:
    assert list(pieces("x" * 25, 10)) == [(0, "x" * 10), (10, "x" * 10), (20, "x" * 5)]


@given(st.text(alphabet="ab \n", max_size=400), st.integers(min_value=2, max_value=60))
def test_pieces_cover_the_text_in_order(text: str, size: int) -> None:
    parts = list(pieces(text, size))
    assert "".join(p for _, p in parts) == text
    assert all(0 < len(p) <= size for _, p in parts)
    assert [o for o, _ in parts] == [sum(len(p) for _, p in parts[:i]) for i in range(len(parts))]
