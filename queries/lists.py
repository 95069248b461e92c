"""Control-list editions and their entries, with each entry's alignment and technology tags."""

from __future__ import annotations

from collections import Counter
from datetime import date

from queries.errors import NotFound
from queries.evidence import edition_ref, entry_ref, make_filters, page, parameter_views
from queries.index import Index
from queries.reading.records import EntryInfo, ImplInfo, ListInfo
from queries.requests import EntriesRequest
from queries.views import (
    AlignmentView,
    EntryDetail,
    EntryRef,
    ListDetail,
    ListSummary,
    OriginView,
    Page,
    TechnologyTag,
)


class Lists:
    def __init__(self, index: Index) -> None:
        self.index = index

    def _summary(self, info: ListInfo) -> ListSummary:
        current = {i.id for i in self.index.current_lists}
        return ListSummary(
            **edition_ref(info).model_dump(),
            source_url=info.source_url,
            file_sha256=info.file_sha256,
            entries=len(self.index.entries(info.id)),
            current=info.id in current,
        )

    def lists(
        self, issuer: str | None = None, changed_since: date | None = None
    ) -> list[ListSummary]:
        index = self.index
        wanted = index.jurisdiction(issuer).node if issuer else None
        found = [
            i
            for i in index.all_lists.values()
            if (wanted is None or i.issuer == wanted)
            and (changed_since is None or i.edition_date >= changed_since)
        ]
        return [self._summary(i) for i in sorted(found, key=lambda i: i.id)]

    def get(self, list_id: str) -> ListInfo:
        found = self.index.all_lists.get(list_id.strip())
        if found is None:
            known = ", ".join(sorted(self.index.all_lists))
            raise NotFound(f"no list edition {list_id!r} (known: {known})")
        return found

    def detail(self, list_id: str) -> ListDetail:
        info = self.get(list_id)
        entries = list(self.index.entries(info.id).values())
        origins = Counter(e.origin.series for e in entries if e.origin is not None)
        others = [
            i.id
            for i in self.index.all_lists.values()
            if (i.issuer, i.series) == (info.issuer, info.series) and i.id != info.id
        ]
        return ListDetail(
            **self._summary(info).model_dump(),
            categories=dict(sorted(Counter(e.category or "-" for e in entries).items())),
            statuses=dict(sorted(Counter(e.status for e in entries).items())),
            origins=dict(sorted(origins.items())),
            implements=sum(1 for e in entries if e.implements),
            other_editions=sorted(others),
        )

    def entries(
        self, list_id: str, request: EntriesRequest, *, limit: int | None = None, offset: int = 0
    ) -> Page[EntryRef]:
        info = self.get(list_id)
        filters = make_filters(
            self.index, request.category, request.code_prefix, request.technology
        )
        found = [
            e
            for e in self.index.entries(info.id).values()
            if filters.code_ok(self.index, e) and filters.tech_ok(self.index.technologies_of(e))
        ]
        items, bounds = page(found, limit, offset)
        return Page[EntryRef](items=[entry_ref(e) for e in items], **bounds)

    def entry(self, entry_id: str) -> EntryDetail:
        index = self.index
        e = index.entry(entry_id.strip())
        if e is None:
            raise NotFound(
                f"no entry {entry_id!r}: ids read 'entry:<list>:<canonical code>', e.g. "
                "entry:wassenaar:2025:5A001.j; use /search to find one by code"
            )
        info = index.all_lists[e.list_id]
        prefix = e.canonical + "."
        children = [
            c
            for c, child in index.entries(e.list_id).items()
            if c.startswith(prefix) and child.parent == e.canonical
        ]
        implemented_by = [_alignment(n, impl) for n, impl in index.implementers(e.id)]
        implements = [
            _alignment(target, impl)
            for impl in e.implements
            if (target := index.entry(impl.target)) is not None
        ]
        origin = None
        holder = next((x for x in [e, *index.ancestors(e)] if x.origin is not None), None)
        if holder is not None and holder.origin is not None and not e.implements:
            origin = OriginView(
                target=holder.origin.target,
                series=holder.origin.series,
                unilateral=holder.origin.unilateral,
                reason=holder.origin.reason,
                inherited_from=None if holder is e else holder.code,
            )
        tags: list[TechnologyTag] = []
        seen: set[str] = set()
        for holder in [e, *index.ancestors(e)]:
            for cover in holder.covers:
                if cover.technology in seen:
                    continue
                seen.add(cover.technology)
                tech = index.techs.get(cover.technology)
                tags.append(
                    TechnologyTag(
                        technology=cover.technology,
                        name=tech.name if tech else cover.technology,
                        method=cover.method,
                        matched=cover.matched,
                        score=cover.score,
                        inherited_from=None if holder is e else holder.code,
                    )
                )
        return EntryDetail.of(
            e,
            notes=list(e.notes),
            reasons=list(e.reasons),
            parameters=parameter_views(e),
            edition=edition_ref(info),
            children=children,
            implements=implements,
            implemented_by=sorted(implemented_by, key=lambda a: a.entry.id),
            origin=origin,
            technologies=tags,
        )


def _alignment(entry: EntryInfo, impl: ImplInfo) -> AlignmentView:
    return AlignmentView(
        entry=entry_ref(entry),
        method=impl.method,
        score=impl.score,
        scope=impl.scope,
        similarity=impl.similarity,
        text_differs=impl.text_differs,
        evidence=impl.evidence,
    )
