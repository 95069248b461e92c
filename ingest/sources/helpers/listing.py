"""What every control-list parser shares: turning parsed entries into graph records.

A parser reads its format and calls :meth:`ListBuilder.add` once per entry, parents before
children; the builder makes the ``ControlList`` node, the ``ControlEntry`` nodes with canonical
codes and hierarchy, and the ``ISSUES``, ``CONTAINS`` and ``PARENT_OF`` edges. Keeping this in
one place means every list has the same shape in the graph, whatever its numbering.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Literal

from graph_schema import ids
from graph_schema.codes import CodeError, CodeSystem, ControlCode, parse_code
from graph_schema.model import (
    Contains,
    ControlEntry,
    ControlList,
    Issues,
    Parameter,
    ParentOf,
    Record,
)
from ingest.sources.base import ParseError, SourceMeta
from ingest.sources.helpers.parameters import extract_parameters

Status = Literal["active", "reserved", "not-used", "deleted"]


@dataclass
class _Entry:
    code: ControlCode
    heading: str
    text: str
    notes: list[str]
    reasons: list[str]
    parameters: list[Parameter]
    status: Status
    sensitive: bool
    very_sensitive: bool
    page: int | None
    citation: str | None


@dataclass
class ListBuilder:
    """Collects the entries of one list edition; ``records()`` yields the graph records."""

    meta: SourceMeta
    system: CodeSystem
    issuer: str | None = None
    list_key: str | None = None
    title: str | None = None
    #: How the list writes "4,800": True for a decimal comma (EU texts), None to guess.
    decimal_comma: bool | None = None
    _entries: dict[str, _Entry] = field(default_factory=dict)

    @property
    def list_id(self) -> str:
        issuer = (self.issuer or self.meta.issuer).split(":", 1)[1]
        return ids.control_list_id(self.list_key or issuer, self.meta.edition)

    def parse(self, written: str) -> ControlCode:
        try:
            return parse_code(written, self.system)
        except CodeError as exc:
            raise ParseError(str(exc)) from exc

    def has(self, canonical: str) -> bool:
        return canonical in self._entries

    def add(
        self,
        code: str | ControlCode,
        *,
        heading: str = "",
        text: str = "",
        notes: Sequence[str] = (),
        reasons: Sequence[str] = (),
        parameters: Sequence[Parameter] = (),
        status: Status = "active",
        sensitive: bool = False,
        very_sensitive: bool = False,
        page: int | None = None,
        citation: str | None = None,
        merge: bool = False,
    ) -> ControlCode:
        """Add one entry. A code seen twice is a parse error unless ``merge`` appends to it."""
        parsed = code if isinstance(code, ControlCode) else self.parse(code)
        existing = self._entries.get(parsed.canonical)
        if existing is not None:
            if not merge:
                raise ParseError(f"entry {parsed.canonical} appears twice")
            existing.text = " ".join(t for t in (existing.text, text) if t)
            existing.notes.extend(notes)
            existing.parameters.extend(
                parameters or extract_parameters(text, decimal_comma=self.decimal_comma)
            )
            return parsed
        self._entries[parsed.canonical] = _Entry(
            code=parsed,
            heading=heading.strip(),
            text=text.strip(),
            notes=[n.strip() for n in notes if n.strip()],
            reasons=list(reasons),
            # Thresholds are read from the entry's own text unless the parser knows better.
            parameters=list(parameters)
            or extract_parameters(text, decimal_comma=self.decimal_comma),
            status=status,
            sensitive=sensitive,
            very_sensitive=very_sensitive,
            page=page,
            citation=citation,
        )
        return parsed

    def __len__(self) -> int:
        return len(self._entries)

    def _parent_of(self, code: ControlCode) -> str | None:
        """Nearest ancestor present in the list (lists skip levels now and then)."""
        for ancestor in reversed(code.ancestors()):
            if ancestor in self._entries:
                return ancestor
        return None

    def records(self) -> Iterator[Record]:
        meta = self.meta
        issuer = self.issuer or meta.issuer
        list_id = self.list_id
        prov = meta.provenance()
        yield ControlList(
            id=list_id,
            issuer=issuer,
            title=self.title or meta.title,
            edition=meta.edition,
            edition_date=meta.edition_date,
            numbering=self.system.value,
            source_url=meta.official_url,
            file_sha256=meta.sha256,
            copy_may_lack=list(meta.copy_may_lack),
            provenance=prov,
        )
        yield Issues(source=issuer, target=list_id, provenance=prov)
        for canonical, entry in self._entries.items():
            entry_id = ids.entry_id(list_id, canonical)
            parent = self._parent_of(entry.code)
            cite = entry.citation or (f"page {entry.page}" if entry.page else None)
            entry_prov = meta.provenance(citation=cite) if cite else prov
            yield ControlEntry(
                id=entry_id,
                list_id=list_id,
                code=entry.code.written,
                canonical=canonical,
                parent=parent,
                level=entry.code.level,
                category=entry.code.category,
                heading=entry.heading,
                text=entry.text,
                notes=entry.notes,
                reasons=entry.reasons,
                parameters=entry.parameters,
                status=entry.status,
                sensitive=entry.sensitive,
                very_sensitive=entry.very_sensitive,
                page=entry.page,
                provenance=entry_prov,
            )
            yield Contains(source=list_id, target=entry_id, provenance=prov)
            if parent is not None:
                yield ParentOf(
                    source=ids.entry_id(list_id, parent), target=entry_id, provenance=prov
                )
