"""Norway's Liste II: the EU dual-use list text, read by the EU source's parser.

Liste II states that it matches Annex I to Regulation (EU) 2021/821 as adopted on 20 May 2021,
so its entries are parsed exactly as the EU's; the issuer in ``source.yaml`` (``country:NO``)
makes them Norway's list.
"""

from __future__ import annotations

from ingest.sources.eu_dual_use.parser import parse

__all__ = ["parse"]
