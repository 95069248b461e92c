"""Numeric thresholds out of control-list texts.

Export-control entries are defined by thresholds ("'peak power' exceeding 5 W", "of 60 dB or
more", "between 1.5 and 3 GHz"). :func:`extract_parameters` turns such phrases into
:class:`~graph_schema.model.Parameter` values; :func:`compare` says which of two thresholds on the
same quantity catches more items, converting units first (:func:`normalise_unit`).

Choices worth knowing:

* ``unit`` is a canonical spelling of what the text wrote ("µm" for "μm", "°C" for "oC", "km"
  for "kilometers"); ``value`` is the number as written, not converted.
* A bare number is only a parameter with a unit or an explicit comparator, so category codes
  ("5A001"), note numbers ("Note 2"), years and footnote markers never become one.
* Thousands and decimals: spaces always group thousands ("4 800"); "0,5" is a decimal; a comma
  before exactly three digits ("4,800") groups thousands unless the text writes decimals with
  commas elsewhere ("0,5 kg"), the result would be an impossible percentage, or it is the
  mantissa of "x 10^n". Callers that know their source writes decimal commas (the EU list)
  pass ``decimal_comma=True``.
* ``quantity``: a quoted defined term right before the number ("'peak power' exceeding"), else
  the nearest known quantity word before it (or right after it: "500 kg payload") whose
  dimension suits the unit, else the unit's dimension ("mass" for kg), else "number".
* A range ("between 1.5 and 3 GHz", "0,5 to 5 MPa", "10 Hz ≤ F ≤ 10 kHz") gives two parameters,
  ">=" the low and "<=" the high bound; a number with a unit and no comparator is "=".
* A superscript exponent that the text extraction lost ("2 x 10 Hz" for 2 x 10^8 Hz) cannot be
  recovered, so such a threshold is skipped rather than reported wrong.

The modules, one concern each: ``units`` (spellings, atoms, :func:`normalise_unit`), ``numbers``
(how a number is written and read), ``comparators`` (the words and symbols around a number),
``quantities`` (what a threshold bounds), ``extraction`` (:func:`extract_parameters`) and
``comparison`` (:func:`compare` and the scope of a national control). Their tables are data,
``units.yaml`` and ``quantities.yaml``, read by ``tables``.
"""

from __future__ import annotations

from ingest.sources.helpers.parameters.comparison import (
    compare,
    paired_thresholds,
    parameter_scope,
    same_bounds,
)
from ingest.sources.helpers.parameters.extraction import extract_parameters
from ingest.sources.helpers.parameters.units import normalise_unit

__all__ = [
    "compare",
    "extract_parameters",
    "normalise_unit",
    "paired_thresholds",
    "parameter_scope",
    "same_bounds",
]
