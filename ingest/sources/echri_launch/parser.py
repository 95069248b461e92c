"""The ECHRI launch fact sheet (2021-12-10): who launched the Initiative and who supported it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

from graph_schema import ids
from graph_schema.model import MemberOf, Record
from ingest.sources.base import SourceMeta
from ingest.sources.helpers.statements import country_list, read_statement, sentence

LAUNCHED = (
    r"Today at the Summit for Democracy, the (United States, [^.]*?) announced the Export "
    r"Controls and Human Rights Initiative[^.]*\."
)
SUPPORTED = r"We were joined in support by ([^.]+)\."


def parse(path: Path, meta: SourceMeta) -> Iterator[Record]:
    statement = read_statement(path)
    since = date.fromisoformat(statement.date)
    echri = ids.regime_id("echri")
    for pattern, role in ((LAUNCHED, "founding partner"), (SUPPORTED, "supporting state")):
        found = sentence(statement, pattern)
        prov = meta.provenance(citation=statement.url, sentence=found[0].strip())
        for iso2 in country_list(found[1]):
            yield MemberOf(
                source=ids.country_id(iso2),
                target=echri,
                key=str(since),
                since=since,
                role=role,
                provenance=prov,
            )
