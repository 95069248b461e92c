"""Turning index records into evidence views, and the filters every analysis shares."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TypedDict, TypeVar

from graph_schema.codes import CodeError, parse_code
from queries.errors import InvalidQuery
from queries.index import Index
from queries.reading.names import Jurisdiction
from queries.reading.records import EntryInfo, ListInfo, TechInfo
from queries.status import DIRECT, Status
from queries.text import excerpt
from queries.views import (
    EditionRef,
    EntryRef,
    JurisdictionView,
    ParameterDifference,
    ParameterView,
)

T = TypeVar("T")


#: What people call the list series the project reads ("SCOMET", not its 110-character
#: title), followed on the page by the edition's year; a series not named here shows its title.
LIST_SHORT_NAMES = {
    "wassenaar": "Wassenaar",
    "eu": "EU Annex I",
    "eu-military": "EU Common Military List",
    "in": "SCOMET",
    "us": "US CCL",
    "mtcr": "MTCR Annex",
    "nsg": "NSG Part 2",
    "au": "Australia DSGL Part 2",
    "au-military": "Australia DSGL Part 1",
    "no": "Norway Liste II",
    "no-military": "Norway Liste I",
    "uk-military": "UK Military List",
    "uk-national": "UK national ratings",
}


def list_name(info: ListInfo) -> str:
    """``SCOMET 2024``, ``EU Annex I 2025``, ``Wassenaar 2025``: the year is the edition
    label's (Wassenaar's "2025 Corr." is dated 2026-01-15)."""
    short = LIST_SHORT_NAMES.get(info.series)
    if short is None:
        return info.title
    year = info.edition[:4] if info.edition[:4].isdigit() else str(info.edition_date.year)
    return f"{short} {year}"


@lru_cache(maxsize=256)
def edition_ref(info: ListInfo) -> EditionRef:
    return EditionRef.of(info, list_id=info.id, name=list_name(info))


def parameter_views(entry: EntryInfo) -> list[ParameterView]:
    out = []
    for p in entry.parameters:
        try:
            out.append(
                ParameterView(
                    quantity=str(p["quantity"]),
                    comparator=str(p["comparator"]),
                    value=float(p["value"]),
                    unit=str(p.get("unit", "")),
                    text=str(p.get("text", "")),
                )
            )
        except (KeyError, TypeError, ValueError):
            continue  # a malformed threshold is left out of the evidence, not fatal
    return out


def entry_text(entry: EntryInfo) -> str:
    heading, text = entry.heading.strip(), entry.text.strip()
    if heading and text and not text.startswith(heading[:40]):
        return f"{heading} {text}"
    return text or heading


# Views are frozen, so one per entry can be shared by every report of a revision.
@lru_cache(maxsize=32768)
def entry_ref(entry: EntryInfo) -> EntryRef:
    return EntryRef.of(entry, text=excerpt(entry_text(entry)), parameters=parameter_views(entry))


def jurisdiction_view(juris: Jurisdiction) -> JurisdictionView:
    return JurisdictionView(
        key=juris.key,
        node=juris.node,
        name=juris.name,
        kind=juris.kind,
        lists=[edition_ref(i) for i in juris.lists],
        via=juris.via,
    )


def codes(entries: Iterable[EntryInfo], limit: int = 4) -> str:
    found = [e.code for e in entries]
    shown = ", ".join(found[:limit])
    return shown + (f" and {len(found) - limit} more" if len(found) > limit else "")


def and_join(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def possessive(name: str) -> str:
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def list_label(info: ListInfo) -> str:
    """``list:eu:2021 (dated 2021-05-20)``: the id already names the edition."""
    return f"{info.id} (dated {info.edition_date.isoformat()})"


def edition_label(info: ListInfo) -> str:
    day = info.edition_date.isoformat()
    return info.edition if info.edition == day else f"{info.edition} ({day})"


_CATEGORY = re.compile(r"^(?:[0-9]|ML[0-9]{1,2})$")
_LOOSE_PREFIX = re.compile(r"^([0-9])\.?([A-E])?$")


@dataclass(frozen=True)
class Filters:
    """Category, code prefix and technology, as every analysis applies them."""

    category: str | None = None
    prefix: str | None = None
    technology: TechInfo | None = None
    closure: frozenset[str] = frozenset()

    def as_dict(self) -> dict[str, str]:
        out = {}
        if self.category:
            out["category"] = self.category
        if self.prefix:
            out["code_prefix"] = self.prefix
        if self.technology is not None:
            out["technology"] = self.technology.id
        return out

    def code_ok(self, index: Index, entry: EntryInfo) -> bool:
        """Category and prefix, read on the Wassenaar-numbered code where the numbering has one."""
        if self.category is None and self.prefix is None:
            return True
        code = index.counterpart_code(entry) or entry.canonical
        if self.category is not None:
            category = code.split(".", 1)[0] if code.startswith("ML") else code[:1]
            if category != self.category and entry.category != self.category:
                return False
        if self.prefix is not None:
            return code.startswith(self.prefix) or entry.canonical.startswith(self.prefix)
        return True

    def active(self) -> bool:
        return self.category is not None or self.prefix is not None or self.technology is not None

    def tech_ok(self, techs: Iterable[str]) -> bool:
        return self.technology is None or not self.closure.isdisjoint(techs)


def make_filters(
    index: Index,
    category: str | None = None,
    code_prefix: str | None = None,
    technology: str | None = None,
) -> Filters:
    cat = None
    if category is not None and category.strip():
        cat = category.strip().upper()
        if not _CATEGORY.fullmatch(cat):
            raise InvalidQuery(
                f"category {category!r}: use a digit 0-9 (dual-use) or ML1-ML22 (munitions)"
            )
    prefix = None
    if code_prefix is not None and code_prefix.strip():
        raw = code_prefix.strip()
        loose = _LOOSE_PREFIX.fullmatch(raw.upper())
        if loose:
            prefix = loose.group(1) + (loose.group(2) or "")
        else:
            try:
                prefix = parse_code(raw).canonical
            except CodeError as exc:
                raise InvalidQuery(f"code_prefix: {exc}") from exc
    tech = index.resolve_technology(technology) if technology and technology.strip() else None
    closure = index.tech_closure(tech.id) if tech is not None else frozenset()
    return Filters(cat, prefix, tech, closure)


class Bounds(TypedDict):
    """Where a page of a report stands: its fields besides the items."""

    total: int
    limit: int
    offset: int


def page(items: list[T], limit: int | None, offset: int) -> tuple[list[T], Bounds]:
    """Slice of ``items`` and the page's bounds to report (a limit of None: everything)."""
    if offset < 0:
        raise InvalidQuery("offset must be 0 or more")
    if limit is not None and limit < 1:
        raise InvalidQuery("limit must be 1 or more")
    shown = len(items) if limit is None else limit
    bounds = Bounds(total=len(items), limit=shown, offset=offset)
    return items[offset : offset + shown], bounds


def parameter_differences(
    js: list[Jurisdiction], statuses: list[Status]
) -> list[ParameterDifference]:
    """The thresholds the sides directly implementing an entry state differently, quantity by
    quantity, and who catches more where that can be told."""
    by_quantity: dict[str, dict[str, dict[str, object]]] = {}
    for j, s in zip(js, statuses, strict=True):
        if s.status not in DIRECT or not s.entries:
            continue
        for p in s.entries[0].parameters:
            by_quantity.setdefault(str(p.get("quantity")), {}).setdefault(j.key, p)
    out = []
    for quantity, per in sorted(by_quantity.items()):
        if len(per) < 2:
            continue
        shapes = {(p.get("comparator"), p.get("value"), p.get("unit")) for p in per.values()}
        if len(shapes) < 2:
            continue
        out.append(
            ParameterDifference(
                quantity=quantity,
                values={k: str(p.get("text", "")) for k, p in per.items()},
                stricter=stricter(per),
            )
        )
    return out


def stricter(per: dict[str, dict[str, object]]) -> str | None:
    """Who catches more: the lowest lower bound, or the highest upper bound (same unit only)."""
    units = {p.get("unit") for p in per.values()}
    comparators = {str(p.get("comparator")) for p in per.values()}
    if len(units) != 1:
        return None
    values: dict[str, float] = {}
    for key, p in per.items():
        value = p.get("value")
        if not isinstance(value, int | float):
            return None
        values[key] = float(value)
    if comparators <= {">", ">="}:
        best = min(values.values())
    elif comparators <= {"<", "<="}:
        best = max(values.values())
    else:
        return None
    winners = [k for k, v in values.items() if v == best]
    return winners[0] if len(winners) == 1 else None
