"""EU dual-use list, Annex I to Regulation (EU) 2021/821 as consolidated on 2025-11-15, and the
Union General Export Authorisations of its Annex II, from a third-party JSON conversion of the
EUR-Lex consolidated text (CELEX 02021R0821-20251115).

The JSON holds ``entries`` (the 384 items of Annex I, each with its provisions one per line:
see :mod:`.annex`), ``geas`` (EU001-EU008) and ``gea_common_list`` (Section I of Annex II: see
:mod:`.authorisations`), beside definitions and notes that are no entries. ``entry_count``
states how many entries the file should have, so a truncated file is refused.

Entries take the shape of the 2021 edition's (``eu_dual_use``): the item's heading is its text,
sub-items have a text and no heading, notes are kept whole on the entry they qualify, and "Not
used" provisions have that status; the same provision has the same canonical code in both.

General authorisations become ``GeneralAuthorisation`` nodes issued by ``regime:eu``, with
``VALID_FOR`` edges to their destination countries and either ``EXCLUDES`` edges (an
authorisation for all items except some) or ``COVERS_ENTRY`` edges (one for listed items) to
entries of this edition. Whether an export of an item X to a country C may go under an
authorisation G follows from the edges:

* G ``VALID_FOR`` ``country:C``, and
* if G's ``items`` is ``all-except``: no ``EXCLUDES`` edge of G reaches X's entry or any of its
  ancestors (an excluded entry is excluded with all its sub-entries); if ``listed``: a
  ``COVERS_ENTRY`` edge of G reaches X's entry or one of its ancestors.

For example, 5A001.j.1 to Japan: EU001 is ``VALID_FOR`` ``country:JP`` and ``all-except``, and
none of 5A001.j.1, 5A001.j, 5A001 is excluded, so the edges put it under EU001; 1C351.a.1 to
Japan is not, as EU001 ``EXCLUDES`` 1C351 (Section I of Annex II); 5A001.c to China is under
EU005, which ``COVERS_ENTRY`` 5A001.c and is ``VALID_FOR`` ``country:CN``.

The edges are an upper bound. What they cannot carry stays in the node's texts, and an answer
should say so: the conditions of use (Part 3, ``conditions``); the items of Annex IV, which
Section I excludes from EU001, EU003, EU004 and EU007 but which the file does not list; the
software and technology "related to items under 4A005, ..., 5A001.f and 5A001.j" that EU007
excludes inside wider entries such as 5D001; the qualifying words of listed items ("5A002.b.,
only 'cryptographic activation token' converting ..."); the "French overseas territories" of
EU003 and EU004, which the text does not name; and the destinations "subject to an arms embargo
or ... restrictive measures" that EU008 excludes without naming them.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from graph_schema.codes import CodeSystem
from graph_schema.model import Record
from ingest.sources.base import ParseError, SourceMeta, load_json_object
from ingest.sources.eu_dual_use_2025.annex import Provision, read_annex, validate
from ingest.sources.eu_dual_use_2025.authorisations import Authorisation, read_all, records
from ingest.sources.helpers.listing import ListBuilder

WHAT = "the consolidated EU dual-use list JSON"


def load(path: Path) -> dict[str, Any]:
    data = load_json_object(path, WHAT)
    entries = data.get("entries")
    if not isinstance(entries, list) or not entries:
        raise ParseError(f"{path.name} has no 'entries' list: not {WHAT}")
    stated = data.get("entry_count")
    if isinstance(stated, int) and stated != len(entries):
        raise ParseError(
            f"{path.name} states {stated} entries but holds {len(entries)}: the file is truncated"
        )
    return data


def read(path: Path) -> tuple[dict[str, Provision], list[Authorisation], list[str]]:
    """Annex I's provisions, the authorisations, and the anomalies met on the way."""
    data = load(path)
    provisions, repaired = read_annex(data["entries"], path.name)
    texts = {code: p.text for code, p in provisions.items()}
    authorisations, mismatches = read_all(texts, data, path.name)
    return provisions, authorisations, [*repaired, *validate(provisions), *mismatches]


def parse(path: Path, meta: SourceMeta) -> Iterator[Record]:
    provisions, authorisations, _ = read(path)
    builder = ListBuilder(meta, CodeSystem.ECCN, decimal_comma=True)
    for code, provision in provisions.items():
        text = provision.text
        builder.add(
            code,
            heading=text if not provision.label else "",
            text=text,
            notes=provision.notes,
            status=provision.status,
        )
    yield from builder.records()
    yield from records(authorisations, builder.list_id, meta)
