"""The 2023-03-29 fact sheet: the governments that endorsed the ECHRI Code of Conduct."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

from graph_schema import ids
from graph_schema.model import Record, Subscribes
from ingest.sources.base import SourceMeta
from ingest.sources.helpers.statements import country_list, read_statement, sentence

# "In addition to the United States, the following governments that have endorsed the
# voluntary code of conduct are: Albania, ... and the United Kingdom."
ENDORSED = (
    r"In addition to the (United States), the following governments that have endorsed the "
    r"voluntary code of conduct are: ([^.]+)\."
)


def parse(path: Path, meta: SourceMeta) -> Iterator[Record]:
    statement = read_statement(path)
    when = date.fromisoformat(statement.date)
    found = sentence(statement, ENDORSED)
    prov = meta.provenance(citation=statement.url, sentence=found[0].strip())
    code = ids.code_of_conduct_id("echri-code-of-conduct")
    for iso2 in dict.fromkeys([*country_list(found[1]), *country_list(found[2])]):
        yield Subscribes(
            source=ids.country_id(iso2), target=code, date=when, role="endorser", provenance=prov
        )
