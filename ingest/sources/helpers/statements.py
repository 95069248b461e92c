"""Official statements published as Markdown with a YAML front matter (White House texts).

Facts taken from them carry the sentence they rest on. Each statement source finds its
sentences by a pattern; a statement that no longer says what the pattern expects is a parse
error, not an empty result.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from graph_schema import countries
from ingest.sources.base import ParseError

_FRONT = re.compile(r"\A---\n(?P<front>.*?)\n---\n(?P<body>.*)\Z", re.S)
_MARKUP = re.compile(r"\[([^\]]*)\]\([^)]*\)|[*_]")
_FRONT_MAX = 16_384
_ALIAS = re.compile(r"(?:^|[\s\[{,:-])[&*][\w-]+", re.M)
_LIST_SPLIT = re.compile(r",\s*(?:and\s+)?|\s+and\s+")


@dataclass(frozen=True)
class Statement:
    title: str
    date: str
    url: str
    text: str  # body with Markdown emphasis and links reduced to their words, one line


def read_statement(path: Path) -> Statement:
    try:
        raw = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ParseError(f"{path.name} is not UTF-8 text") from exc
    found = _FRONT.match(raw.replace("\r\n", "\n"))
    if found is None:
        raise ParseError(f"{path.name} has no '---' front matter: not a published statement")
    if len(found["front"]) > _FRONT_MAX or _ALIAS.search(found["front"]):
        # A statement's front matter is a few plain fields; anchors/aliases can expand into a
        # memory bomb, so they are refused rather than parsed.
        raise ParseError(f"{path.name}: front matter too large or uses YAML anchors/aliases")
    try:
        front: Any = yaml.safe_load(found["front"])
    except yaml.YAMLError as exc:
        raise ParseError(f"{path.name}: bad front matter: {' '.join(str(exc).split())}") from exc
    if not isinstance(front, dict) or not {"title", "date", "source_url"} <= set(front):
        raise ParseError(f"{path.name}: front matter lacks title, date or source_url")
    try:
        published = date.fromisoformat(str(front["date"]))
    except ValueError as exc:
        raise ParseError(f"{path.name}: front matter date {front['date']!r} is not a date") from exc
    text = " ".join(_MARKUP.sub(r"\1", found["body"]).split())
    return Statement(str(front["title"]), published.isoformat(), str(front["source_url"]), text)


def sentence(statement: Statement, pattern: str) -> re.Match[str]:
    """The one match of ``pattern`` (case-insensitive) in the statement, or a ParseError."""
    found = re.search(pattern, statement.text, re.I)
    if found is None:
        raise ParseError(f"'{statement.title}' no longer says what this source expects")
    return found


def country_list(text: str) -> list[str]:
    """'Canada, France, the Netherlands, and the United Kingdom' -> ['CA', 'FR', 'NL', 'GB']."""
    codes = []
    for part in _LIST_SPLIT.split(text.strip().rstrip(".")):
        name = re.sub(r"^(?:and|the)\s+", "", part.strip(), flags=re.I)
        if not name:
            continue
        try:
            codes.append(countries.resolve(name))
        except countries.UnknownCountry as exc:
            raise ParseError(str(exc)) from exc
    return codes
