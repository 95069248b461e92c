"""What the numbering says about where an entry comes from: a regime, or its issuer alone."""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph_schema import origin_reasons as words
from graph_schema.codes.control_code import _ML_MAX, CodeSystem, ControlCode
from graph_schema.codes.us import _US_FIREARMS, US_RESTATED


@dataclass(frozen=True)
class RegimeHint:
    """What the numbering alone says about where an entry comes from.

    ``regime`` is None for unilateral entries and where the numbering does not point to one
    regime (SCOMET categories that mix regimes).
    """

    regime: str | None
    unilateral: bool
    series: str
    reason: str


_BLOCKS: dict[int, tuple[str, str]] = {
    0: ("wassenaar", "0xx numbers repeat the Wassenaar dual-use list"),
    1: ("mtcr", "1xx numbers implement the Missile Technology Control Regime"),
    2: ("nsg", "2xx numbers implement the Nuclear Suppliers Group dual-use list"),
    3: ("australia-group", "3xx numbers implement the Australia Group lists"),
    4: ("cwc", "4xx numbers implement the Chemical Weapons Convention schedules"),
}

_SCOMET: dict[str, tuple[str | None, str, str]] = {
    "0": ("nsg", "scomet-nuclear", "nuclear materials and equipment (NSG)"),
    "1": ("cwc", "scomet-chemicals", "toxic chemical agents (CWC, with Australia Group overlap)"),
    "2": ("australia-group", "scomet-biological", "micro-organisms and toxins (Australia Group)"),
    "3": (None, "scomet-materials", "materials and equipment drawn from AG, CWC and MTCR lists"),
    "4": ("nsg", "scomet-nuclear-related", "nuclear-related dual-use items (NSG)"),
    "5": ("mtcr", "scomet-aerospace", "aerospace systems (MTCR)"),
    "6": ("wassenaar", "scomet-munitions", "the munitions list (Wassenaar Munitions List)"),
    "8": ("wassenaar", "scomet-dual-use", "special materials etc. (Wassenaar dual-use list)"),
}


def _issuer(issuer: str | None) -> str | None:
    if issuer is None:
        return None
    value = issuer.strip().upper()
    if value == "UK":
        value = "GB"
    if not re.fullmatch(r"[A-Z]{2}", value):
        raise ValueError(f"issuer must be a two-letter code such as 'US' or 'EU', not {issuer!r}")
    return value


def _hint(regime: str | None, series: str, reason: str, *, unilateral: bool) -> RegimeHint:
    return RegimeHint(regime=regime, unilateral=unilateral, series=series, reason=reason)


def _us_hint(code: ControlCode, number: int) -> RegimeHint | None:
    """The US-only series; None when the usual regime blocks apply."""
    hundreds = number // 100
    if 90 <= number <= 99:
        return _hint(
            None,
            "us-advanced-computing",
            "US 09x ECCNs are the advanced-computing and semiconductor controls the US added "
            "unilaterally from 2022",
            unilateral=True,
        )
    if hundreds <= 4 and code.path[:1] == ("z",):
        # Each names the paragraph whose items it holds ("Software that is described in
        # 5D002.a.1 and that also meet ... 3A090 or 4A090"): the items are the regime's, under
        # a second US licence requirement, so not a control the regime lacks.
        regime: str | None
        if hundreds == 0:
            regime = "nsg" if code.category == "0" else "wassenaar"
        else:
            regime = _BLOCKS[hundreds][0] if hundreds in _BLOCKS else None
        return _hint(
            regime,
            US_RESTATED,
            "US '.z' paragraphs hold items of other paragraphs of the same ECCN (5D002.z.1: "
            "'described in 5D002.a.1') that also meet the 3A090/4A090 parameters: the "
            "regime's items under an added US licence requirement, not items it lacks",
            unilateral=False,
        )
    at_only = code.path[:1] == ("y",)
    if number == 18:
        return _hint(
            "wassenaar",
            "us-018-munitions",
            "US x018 ECCNs hold items of the Wassenaar Munitions List kept on the CCL (1B018 "
            "is headed 'Items on the Wassenaar Arrangement Munitions List'), not national "
            "additions",
            unilateral=False,
        )
    if hundreds == 5 and code.category == "0" and number in _US_FIREARMS and not at_only:
        return _hint(
            "wassenaar",
            "us-500-series",
            "US 0x5zz ECCNs are firearms and ammunition moved from USML Categories I-III; most "
            "correspond to Wassenaar Munitions List entries ML1-ML3",
            unilateral=False,
        )
    if hundreds == 5 and code.category == "0" and number == 503 and not at_only:
        return _hint(
            None,
            "us-500-series",
            "US 0A503 holds discharge-type arms (stun guns), less-lethal grenades and "
            "projectiles under crime-control and UN reasons, which no Munitions List entry "
            "holds",
            unilateral=True,
        )
    if hundreds == 5:
        return _hint(
            None,
            "us-500-series",
            "US 5xx ECCNs outside the firearms entries (the 9x515 spacecraft items moved from "
            "the USML, the temporary 0Y521 items, '.y' paragraphs) are unilateral US controls",
            unilateral=True,
        )
    if hundreds == 6 and at_only:
        return _hint(
            None,
            "us-600-series",
            "'.y' paragraphs of US 600-series ECCNs are controlled for anti-terrorism only, a "
            "unilateral US control",
            unilateral=True,
        )
    if hundreds == 6:
        return _hint(
            "wassenaar",
            "us-600-series",
            "US 600-series ECCNs are military items moved from the USML; they correspond to "
            "Wassenaar Munitions List entries, not to the dual-use list",
            unilateral=False,
        )
    if code.category == "0" and number == 919:
        # 0A919 is headed '"Military commodities" located and produced outside the United
        # States': Munitions List items made abroad, under a US licence requirement of its own.
        return _hint(
            "wassenaar",
            US_RESTATED,
            'US 0A919 holds "military commodities" made outside the United States: items of '
            "the Wassenaar Munitions List under an added US licence requirement, not items the "
            "regime lacks",
            unilateral=False,
        )
    if hundreds == 9:
        return _hint(
            None,
            "us-900-series",
            "US 9xx ECCNs are anti-terrorism-only or other unilateral US controls",
            unilateral=True,
        )
    return None


def regime_hint(code: ControlCode, issuer: str | None = None) -> RegimeHint:
    """Which regime the numbering points to, for a code issued by ``issuer``.

    ``issuer`` is a two-letter code ("US", "EU", "NO", "GB", "IN") or None. The US-only series
    (5xx, 6xx, 9xx, 09x and ``.z`` paragraphs) apply when the issuer is the US or unknown;
    for other issuers the hundreds digit is read as in the EU list. This is a hint from the
    numbering, not a statement of the legal reasons for control.
    """
    who = _issuer(issuer)
    if code.system is CodeSystem.WASSENAAR:
        return _hint(
            "wassenaar",
            "wassenaar",
            "Dotted numbering is the Wassenaar dual-use list's own",
            unilateral=False,
        )
    if code.system is CodeSystem.MUNITIONS and (code.number or 0) > _ML_MAX:
        return _hint(
            None,
            "national",
            words.ML_NATIONAL.say(number=str(code.number), last=str(_ML_MAX), who=who or "unknown"),
            unilateral=True,
        )
    if code.system is CodeSystem.MUNITIONS:
        return _hint(
            "wassenaar",
            "munitions",
            "ML entries follow the Wassenaar Munitions List, also used by the EU and UK "
            "military lists",
            unilateral=False,
        )
    if code.system is CodeSystem.UK_NATIONAL:
        said = words.UK_PL_RATINGS.get(code.canonical[2:3], words.UK_PL_RATINGS[""])
        return _hint(None, "uk-national", said.say(), unilateral=True)
    if code.system in (CodeSystem.MTCR, CodeSystem.NSG):
        return _hint(
            code.system.value,
            code.system.value,
            f"The code is an item of the {code.system.value.upper()} annex itself",
            unilateral=False,
        )
    if code.system is CodeSystem.SCOMET:
        regime, series, what = _SCOMET[code.category]
        return _hint(
            regime, series, f"SCOMET Category {code.category} covers {what}", unilateral=False
        )
    number = code.number if code.number is not None else 0
    if who in (None, "US"):
        us = _us_hint(code, number)
        if us is not None:
            return us
    hundreds = number // 100
    if hundreds == 0 and code.category == "0":
        return _hint(
            "nsg",
            "nsg",
            "Category 0 holds nuclear items from the Nuclear Suppliers Group trigger list",
            unilateral=False,
        )
    if hundreds in _BLOCKS:
        regime, why = _BLOCKS[hundreds]
        return _hint(regime, regime, f"ECCN {why}", unilateral=False)
    return _hint(
        None,
        "national",
        words.NO_REGIME_BLOCK.say(hundreds=str(hundreds), who=who or "unknown"),
        unilateral=True,
    )
