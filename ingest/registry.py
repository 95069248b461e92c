"""Finds the source folders under ``ingest/sources`` and loads their metadata and parser."""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml
from pydantic import ValidationError

from ingest.sources.base import Parser, SourceMeta


class SourceDefinitionError(RuntimeError):
    """A source folder is broken (bad metadata, missing parser): a bug in the project."""


@dataclass(frozen=True)
class SourceDefinition:
    meta: SourceMeta
    parse: Parser
    folder: str


def _load(folder: str) -> SourceDefinition:
    meta_file = resources.files("ingest.sources").joinpath(folder, "source.yaml")
    try:
        meta = SourceMeta.model_validate(yaml.safe_load(meta_file.read_text("utf-8")))
    except (ValidationError, yaml.YAMLError) as exc:
        raise SourceDefinitionError(f"ingest/sources/{folder}/source.yaml: {exc}") from exc
    module = importlib.import_module(f"ingest.sources.{folder}.parser")
    parse = getattr(module, "parse", None)
    if parse is None:
        raise SourceDefinitionError(f"ingest/sources/{folder}/parser.py has no parse()")
    return SourceDefinition(meta=meta, parse=parse, folder=folder)


@cache
def all_sources() -> dict[str, SourceDefinition]:
    """Every source, by id, in a stable order."""
    found: dict[str, SourceDefinition] = {}
    root = resources.files("ingest.sources")
    for entry in sorted(root.iterdir(), key=lambda e: e.name):
        if entry.is_dir() and entry.joinpath("source.yaml").is_file():
            definition = _load(entry.name)
            if definition.meta.id in found:
                raise SourceDefinitionError(f"two source folders use id {definition.meta.id!r}")
            found[definition.meta.id] = definition
    return found


def get_source(source_id: str) -> SourceDefinition:
    sources = all_sources()
    if source_id not in sources:
        known = ", ".join(sorted(sources)) or "none"
        raise KeyError(f"unknown source {source_id!r} (known: {known}, reference)")
    return sources[source_id]
