"""Hypothesis strategies for control codes, shared by the tests of graph_schema.codes."""

from __future__ import annotations

from hypothesis import strategies as st

_letters = st.sampled_from("abcdefghijklmnopqrstuvwxyz")
_numbers = st.integers(min_value=1, max_value=999).map(str)


@st.composite
def paths(draw: st.DrawFn) -> tuple[str, ...]:
    """Alternating letter/number sub-paragraphs, starting with either kind."""
    depth = draw(st.integers(min_value=0, max_value=5))
    letter_first = draw(st.booleans())
    path: list[str] = []
    for index in range(depth):
        use_letter = (index % 2 == 0) == letter_first
        path.append(draw(_letters if use_letter else _numbers))
    return tuple(path)


def with_path(root: str, path: tuple[str, ...]) -> str:
    return ".".join((root, *path))


@st.composite
def eccns(draw: st.DrawFn) -> str:
    category = draw(st.integers(min_value=0, max_value=9))
    group = draw(st.sampled_from("ABCDE"))
    number = draw(st.integers(min_value=1, max_value=999))
    return with_path(f"{category}{group}{number:03d}", draw(paths()))
