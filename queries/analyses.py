"""The analyses in one place: coverage, divergences, gaps, changes, search, country controls.

``Analyses(store)`` reads a store through the reader that fits it (``queries.reading.backends``):
on Neo4j the parameterised Cypher of ``queries/cypher`` run on the server, elsewhere the store
protocol label by label, cached per revision; the API serves the embedded store over its
networkx snapshot. Every method returns a view model whose rows carry their evidence and reason;
``limit=None`` returns every row.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import date

from queries.authorisations import Authorisations
from queries.brief_reasons import reason_in
from queries.changes import Changes
from queries.coverage import Coverage
from queries.divergence import Divergence
from queries.errors import InvalidQuery, NotFound
from queries.evidence import edition_ref, entry_ref
from queries.gaps import Gaps
from queries.index import Index, IndexCache
from queries.lists import Lists
from queries.party_gaps import PartyGaps
from queries.party_match import PartyLists
from queries.profile import Profiles
from queries.reading.backends import graph_data
from queries.reading.reader import GraphData
from queries.requests import (
    AuthorisationsRequest,
    ChangesRequest,
    CommitmentGapsRequest,
    CoverageRequest,
    DivergenceRequest,
    EntriesRequest,
    PartyGapsRequest,
    PartyListGapsRequest,
    RegimeGapsRequest,
    SearchRequest,
)
from queries.search import Search, SearchIndexes
from queries.views import (
    AuthorisationReport,
    ChangeReport,
    CommitmentGapReport,
    CountryControls,
    CoverageReport,
    DivergenceReport,
    EntryDetail,
    EntryHit,
    EntryRef,
    EntryTimeline,
    ListDetail,
    ListSummary,
    Page,
    PartyGapReport,
    PartyHit,
    PartyListGapReport,
    RegimeGapReport,
    SaidReason,
    SearchReport,
)
from store.base import GraphStore

__all__ = ["Analyses", "InvalidQuery"]


@dataclass(frozen=True)
class _Parts:
    index: Index
    search: Search
    divergence: Divergence
    coverage: Coverage
    gaps: Gaps
    party_gaps: PartyGaps
    changes: Changes
    authorisations: Authorisations
    lists: Lists
    profiles: Profiles


class Analyses:
    """Every analysis over one graph; indexes are rebuilt when the graph's revision changes."""

    def __init__(self, source: GraphStore | GraphData) -> None:
        data: GraphData = graph_data(source) if isinstance(source, GraphStore) else source
        self.data = data
        self._indexes = IndexCache(data)
        self._lock = threading.Lock()
        self._parts: _Parts | None = None

    def _get(self) -> _Parts:
        index = self._indexes.get()
        with self._lock:
            if self._parts is None or self._parts.index is not index:
                search = Search(index, SearchIndexes(index))
                self._parts = _Parts(
                    index=index,
                    search=search,
                    divergence=Divergence(index),
                    coverage=Coverage(index),
                    gaps=Gaps(index),
                    party_gaps=PartyGaps(index, search),
                    changes=Changes(index),
                    authorisations=Authorisations(index),
                    lists=Lists(index),
                    profiles=Profiles(index),
                )
            return self._parts

    @property
    def index(self) -> Index:
        return self._get().index

    def warm(self) -> None:
        """Build the indexes now (the first query would otherwise pay for them)."""
        parts = self._get()
        ref = parts.index.reference
        for info in parts.index.current_lists:
            parts.index.entries(info.id)
        if ref is not None:
            for node in sorted({*parts.index.lists_of_issuer, *parts.index.countries}):
                try:
                    juris = parts.index.jurisdiction(node)
                except NotFound:
                    continue  # an issuer the graph holds no node for: nothing to warm
                if juris.lists:
                    parts.index.status_map(juris, ref)
                    parts.index.national_groups(juris)
        for info in parts.index.current_lists:
            parts.search.indexes.words(info.id)
            parts.search.indexes.covering(info.id)
        parts.search.indexes.names()
        parts.search.indexes.phrases()
        parts.search.indexes.party_lists().warm()

    # --- analyses -----------------------------------------------------------------------------

    def divergences(
        self, request: DivergenceRequest, *, limit: int | None = None, offset: int = 0
    ) -> DivergenceReport:
        report = self._get().divergence.report(request, limit=limit, offset=offset)
        if request.lang == "en":
            return report
        # The page's rows only: rebuilding a reason renders it twice (English to check it, then
        # the language), not worth doing for rows no one is shown.
        lang = request.lang
        items = []
        for row in report.items:
            said = reason_in(row, report.reference, lang)
            shown = SaidReason(lang=lang, text=said.text, complete=said.complete) if said else None
            items.append(row.model_copy(update={"reason_said": shown}))
        return report.model_copy(update={"items": items})

    def coverage(
        self, request: CoverageRequest | None = None, *, limit: int | None = None, offset: int = 0
    ) -> CoverageReport:
        """Coverage of a regime list (the newest Wassenaar list without a request)."""
        return self._get().coverage.report(request or CoverageRequest(), limit=limit, offset=offset)

    def regime_gaps(
        self,
        regime: str,
        request: RegimeGapsRequest | None = None,
        *,
        limit: int | None = None,
        offset: int = 0,
    ) -> RegimeGapReport:
        return self._get().gaps.regime(
            regime, request or RegimeGapsRequest(), limit=limit, offset=offset
        )

    def commitment_gaps(
        self,
        code: str = "echri",
        request: CommitmentGapsRequest | None = None,
        *,
        limit: int | None = None,
        offset: int = 0,
    ) -> CommitmentGapReport:
        return self._get().gaps.commitments(
            code, request or CommitmentGapsRequest(), limit=limit, offset=offset
        )

    def is_code_of_conduct(self, name: str) -> bool:
        """Does ``name`` name a code of conduct held ('echri', its id or title)?"""
        try:
            self._get().gaps.code_of_conduct(name)
        except NotFound:
            return False
        return True

    def party_gaps(
        self, request: PartyGapsRequest, *, limit: int = 20, offset: int = 0
    ) -> PartyGapReport:
        return self._get().party_gaps.parties(request, limit=limit, offset=offset)

    def party_list_gaps(
        self, request: PartyListGapsRequest, *, limit: int | None = None, offset: int = 0
    ) -> PartyListGapReport:
        """Parties one issuer lists and the other does not, both ways, matched by name."""
        return self._get().party_gaps.party_lists(request, limit=limit, offset=offset)

    def changes(
        self, request: ChangesRequest, *, limit: int | None = None, offset: int = 0
    ) -> ChangeReport:
        return self._get().changes.report(request, limit=limit, offset=offset)

    def search(
        self, request: SearchRequest, *, limit: int | None = None, offset: int = 0
    ) -> SearchReport:
        return self._get().search.entries(request, limit=limit, offset=offset)

    def parties(
        self, name: str, *, limit: int = 20, offset: int = 0, min_score: float = 80.0
    ) -> tuple[list[PartyHit], int]:
        return self._get().search.parties(name, limit=limit, offset=offset, min_score=min_score)

    def covering(self, technology: str, list_id: str) -> list[EntryHit]:
        """Entries of one list edition covering ``technology`` or a narrower one, as a search
        by technology finds them (the same tags, the same closure), by code."""
        parts = self._get()
        tech = parts.index.resolve_technology(technology)
        table = parts.search.indexes.covering(list_id)
        hits: dict[str, EntryHit] = {}
        for narrower in sorted(parts.index.tech_closure(tech.id)):
            for e, covered, method, matched, score in table.get(narrower, []):
                if e.id in hits:
                    continue
                hits[e.id] = EntryHit(
                    entry=entry_ref(e),
                    edition=edition_ref(parts.index.all_lists[e.list_id]),
                    match="technology",
                    score=round(95.0 * score, 1),
                    reason=f"covers {parts.index.techs[covered].name} ({method}: {matched})",
                )
        return sorted(hits.values(), key=lambda h: h.entry.canonical)

    def party_lists(self) -> PartyLists:
        """Every issuer's party lists indexed by name (the matcher party gaps use), for
        matching one name against them."""
        return self._get().search.indexes.party_lists()

    def country_controls(self, code: str) -> CountryControls:
        return self._get().profiles.controls(code)

    # --- lists and entries --------------------------------------------------------------------

    def lists(
        self, issuer: str | None = None, changed_since: date | None = None
    ) -> list[ListSummary]:
        return self._get().lists.lists(issuer=issuer, changed_since=changed_since)

    def list_detail(self, list_id: str) -> ListDetail:
        return self._get().lists.detail(list_id)

    def list_entries(
        self,
        list_id: str,
        request: EntriesRequest | None = None,
        *,
        limit: int | None = None,
        offset: int = 0,
    ) -> Page[EntryRef]:
        return self._get().lists.entries(
            list_id, request or EntriesRequest(), limit=limit, offset=offset
        )

    def entry(self, entry_id: str) -> EntryDetail:
        return self._get().lists.entry(entry_id)

    def timeline(self, entry_id: str) -> EntryTimeline:
        return self._get().changes.timeline(entry_id)

    def authorisations(self, request: AuthorisationsRequest) -> AuthorisationReport:
        return self._get().authorisations.for_export(request)
