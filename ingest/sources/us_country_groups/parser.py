"""EAR Country Groups JSON -> CountryGroup nodes, IN_GROUP and ISSUES edges."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from graph_schema import countries, ids
from graph_schema.model import CountryGroup, InGroup, Issues, Record
from ingest.sources.base import ParseError, SourceMeta, load_json_object

CITATION = "15 C.F.R. Part 740, Supplement No. 1"


def _load(path: Path) -> dict[str, Any]:
    data = load_json_object(path, "an EAR country-groups file")
    if not isinstance(data.get("groups"), dict):
        raise ParseError(f"{path.name} has no 'groups' object: not an EAR country-groups file")
    return data


def parse(path: Path, meta: SourceMeta) -> Iterator[Record]:
    data = _load(path)
    labels: dict[str, str] = data.get("labels") or {}
    prov = meta.provenance(citation=CITATION)
    for code, members in sorted(data["groups"].items()):
        if not isinstance(members, list) or not all(isinstance(m, str) for m in members):
            raise ParseError(f"group {code!r} is not a list of country names")
        group_id = ids.country_group_id("us", code)
        yield CountryGroup(
            id=group_id,
            issuer=meta.issuer,
            code=code,
            name=labels.get(code, f"Country Group {code}"),
            provenance=prov,
        )
        yield Issues(source=meta.issuer, target=group_id, provenance=prov)
        try:
            codes = {countries.resolve(name) for name in members}
        except countries.UnknownCountry as exc:
            raise ParseError(f"group {code}: {exc}") from exc
        for iso2 in sorted(codes):
            yield InGroup(source=ids.country_id(iso2), target=group_id, provenance=prov)
