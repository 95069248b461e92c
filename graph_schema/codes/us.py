"""US-only numbering facts, shared by the Wassenaar equivalents and the regime hints."""

from __future__ import annotations

#: Series of US paragraphs that restate items of another paragraph of their ECCN under an
#: added licence requirement (the '.z' paragraphs): never compared as controls of their own.
US_RESTATED = "us-restated"

# 0x5zz firearms and ammunition moved from USML I-III, semi-automatic shotguns (0A508:
# Wassenaar 2025 ML1.b.2.b "Semi-automatic or pump-action type weapons", p.182) and their parts
# and accessories (0A509: ML1.d) included; 0x503 (discharge-type arms, less-lethal grenades,
# crime control) has no Munitions List entry and stays a unilateral US control.
_US_FIREARMS = frozenset({501, 502, 504, 505, 506, 507, 508, 509})
#: Their Munitions List entries, at item level: firearms, shotguns, sights and semi-automatic
#: rifles, pistols and shotguns are ML1 (ML1.a, ML1.b, ML1.d accessories), ammunition ML3;
#: equipment for producing them ML18, their software ML21, their technology ML22.
_US_FIREARMS_ML: dict[tuple[str, int], str] = {
    **{("A", n): "ML1" for n in (501, 502, 504, 506, 507, 508, 509)},
    ("A", 505): "ML3",
    **{("B", n): "ML18" for n in (501, 505)},
    **{("D", n): "ML21" for n in (501, 505)},
    **{("E", n): "ML22" for n in (501, 502, 504, 505)},
}
