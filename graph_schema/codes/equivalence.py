"""What a code denotes in another numbering: its Wassenaar-numbered counterpart."""

from __future__ import annotations

from graph_schema.codes.control_code import _ML_MAX, CodeSystem, ControlCode, _join
from graph_schema.codes.us import _US_FIREARMS_ML


def wassenaar_equivalent(code: ControlCode) -> str | None:
    """The Wassenaar-numbered counterpart implied by the numbering alone, or None.

    ECCN 0xx entries in categories 1-9 reuse the Wassenaar number; SCOMET Category 8 is
    re-encoded (8A101.a -> 1A001.a); SCOMET Category 6 items 6A001-6A022 follow ML1-ML22.
    US 600-series items map to their Munitions List category (9A610 -> ML10), at item level, and
    so do the 0x5zz firearms (0A501 -> ML1, 0A505 -> ML3, 0B505 -> ML18). Not mapped: the rest of
    category 0 (nuclear), US 09x advanced-computing entries and US-only ``.z``
    paragraphs, whose numbers sit in the Wassenaar block without being Wassenaar entries,
    and the anti-terrorism-only ``.y`` paragraphs of the 600 series.
    """
    if code.system is CodeSystem.MUNITIONS and (code.number or 0) > _ML_MAX:
        return None  # a national ML9xx entry: no Wassenaar counterpart
    if code.system in (CodeSystem.WASSENAAR, CodeSystem.MUNITIONS):
        return code.canonical
    if code.system is CodeSystem.ECCN:
        # US 600-series: the last two digits are the Munitions List category (9A610 <-> ML10).
        if code.number is not None and 601 <= code.number <= 600 + _ML_MAX:
            return None if code.path[:1] == ("y",) else f"ML{code.number - 600}"
        if code.category == "0" and code.number is not None and code.path[:1] != ("y",):
            found = _US_FIREARMS_ML.get((code.group or "", code.number))
            if found is not None:
                return found
        if (
            code.number is None
            or code.category == "0"
            or not 1 <= code.number <= 89
            or code.path[:1] == ("z",)
        ):
            return None
        return code.canonical
    if code.system is CodeSystem.SCOMET and code.number is not None:
        if code.category == "8":
            category, item = divmod(code.number, 100)
            return _join(f"{category}{code.group}{item:03d}", code.path)
        if code.category == "6" and code.group == "A" and 1 <= code.number <= _ML_MAX:
            return _join(f"ML{code.number}", code.path)
    return None
