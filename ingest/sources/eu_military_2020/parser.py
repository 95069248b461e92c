"""The EU Common Military List of 17 February 2020, read from Norway's Liste I.

Liste I states on its first page that it matches the EU Common Military List adopted on
17 February 2020, so its entries are parsed exactly as Norway's; the issuer in ``source.yaml``
(``regime:eu``) makes them the EU's list, series ``eu-military``.
"""

from __future__ import annotations

from ingest.sources.no_liste_i.parser import parse

__all__ = ["parse"]
