"""Cypher statements live in ``store/cypher/*.cypher`` so that every one of them is linted.

Code asks for a statement by name; nothing builds Cypher text at run time.
"""

from __future__ import annotations

from functools import cache
from importlib import resources


@cache
def cypher(name: str) -> str:
    """The statement in ``store/cypher/<name>.cypher``, without its final semicolon."""
    text = resources.files("store").joinpath("cypher", f"{name}.cypher").read_text("utf-8")
    return text.strip().removesuffix(";")
