"""A parsed control code: the numbering system it is written in, its fields and hierarchy."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class CodeSystem(StrEnum):
    """The numbering system a code is written in."""

    WASSENAAR = "wassenaar"  # 5.A.1.j
    MUNITIONS = "munitions"  # ML10.a
    ECCN = "eccn"  # EU/US/Norway 5A001.j
    UK_NATIONAL = "uk-national"  # PL5001
    SCOMET = "scomet"  # India, e.g. 8A101.a, 3A1
    MTCR = "mtcr"  # the MTCR Annex, items 1-20: 3.A.1, 19.A.1
    NSG = "nsg"  # NSG Part 2 (dual-use) Annex, categories 1-6: 1.A.1


class CodeError(ValueError):
    """A text that cannot be read as a control code; the message says why and what is accepted."""


@dataclass(frozen=True)
class ControlCode:
    """One parsed code. Compare ``canonical`` strings to match entries across lists."""

    system: CodeSystem
    written: str
    canonical: str
    category: str
    group: str | None
    number: int | None
    path: tuple[str, ...]

    @property
    def level(self) -> int:
        """Depth below the item: 0 for ``5A001``, 2 for ``5A001.j.1``."""
        return len(self.path)

    @property
    def root(self) -> str:
        """Canonical code of the item itself, without sub-paragraphs (``5A001``)."""
        return self.canonical.split(".", 1)[0]

    @property
    def parent(self) -> ControlCode | None:
        """The enclosing paragraph, or None for an item. Its ``written`` is its canonical form."""
        if not self.path:
            return None
        path = self.path[:-1]
        canonical = _join(self.root, path)
        return ControlCode(
            system=self.system,
            written=canonical,
            canonical=canonical,
            category=self.category,
            group=self.group,
            number=self.number,
            path=path,
        )

    def ancestors(self) -> list[str]:
        """Canonical codes from the item down to the parent (``5A001``, ``5A001.j`` for .j.1)."""
        return [_join(self.root, self.path[:depth]) for depth in range(len(self.path))]


#: Munitions List entries run ML1 to ML22; a higher number is a national addition.
_ML_MAX = 22


def _join(root: str, path: tuple[str, ...]) -> str:
    return ".".join((root, *path))
