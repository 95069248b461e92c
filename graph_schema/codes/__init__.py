"""Control-list numbering: read any written code and give it one canonical form.

Export-control lists number their entries in a handful of related ways:

* **Wassenaar dual-use list** writes ``5.A.1.j.1``: category (1-9), group letter, item number
  without padding, then sub-paragraphs. Groups are A systems and equipment, B test and
  production equipment, C materials, D software, E technology.
* **EU, US, UK, Norway (ECCN style)** write the same item as ``5A001.j.1``: the item is padded to
  three digits, and the hundreds digit tells which regime the entry comes from (0xx Wassenaar,
  1xx MTCR, 2xx NSG, 3xx Australia Group, 4xx CWC). The US adds its own series (5xx, 6xx, 9xx,
  and 09x for advanced computing). Category 0 is the nuclear category (NSG), not Wassenaar.
* **Munitions List** entries are ``ML1`` to ``ML22`` (Wassenaar, EU Common Military List, UK).
* **UK national ratings** are ``PL`` plus four digits (``PL5001``).
* **India's SCOMET** list uses categories 0-8; Category 8 mirrors the Wassenaar dual-use list
  as ``8`` + group + Wassenaar category + two-digit item (``8A101`` is ``1A001``). SCOMET codes
  look like ECCNs, so they are only read when the caller names the system.

The canonical form of Wassenaar and ECCN codes is the ECCN form (``5A001.j.1``), so codes from
different lists compare equal when they denote the same entry. Sub-paragraph letters are lower
case, group letters and the ``ML``/``PL`` prefixes upper case.

The package reads codes (:mod:`~graph_schema.codes.reading`) into
:class:`~graph_schema.codes.control_code.ControlCode` values, and says what their numbering implies:
the Wassenaar-numbered counterpart (:mod:`~graph_schema.codes.equivalence`) and the regime it
points to (:mod:`~graph_schema.codes.hints`); :mod:`~graph_schema.codes.us` holds the US-only
numbering facts both use.
"""

from __future__ import annotations

from graph_schema.codes.control_code import CodeError, CodeSystem, ControlCode
from graph_schema.codes.equivalence import wassenaar_equivalent
from graph_schema.codes.hints import RegimeHint, regime_hint
from graph_schema.codes.reading import normalise, parse_code
from graph_schema.codes.us import US_RESTATED

__all__ = [
    "US_RESTATED",
    "CodeError",
    "CodeSystem",
    "ControlCode",
    "RegimeHint",
    "normalise",
    "parse_code",
    "regime_hint",
    "wassenaar_equivalent",
]
