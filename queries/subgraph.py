"""The part of the graph about some jurisdictions, a technology and/or a category: what the
graph export serves and ``harmonia.open().subgraph()`` returns."""

from __future__ import annotations

from collections.abc import Sequence

import networkx as nx

from queries.analyses import Analyses
from queries.evidence import make_filters
from queries.reading.neighbours import neighbours_of
from store.base import GraphStore

_JURISDICTION_EDGES = frozenset({"MEMBER_OF", "SUBSCRIBES", "IN_GROUP"})


def select_subgraph(
    store: GraphStore,
    analyses: Analyses,
    *,
    jurisdictions: Sequence[str] | None = None,
    technology: str | None = None,
    category: str | None = None,
) -> nx.MultiDiGraph:
    """The part of the graph about some jurisdictions, a technology and/or a category.

    Entries kept: those of the jurisdictions' lists (every edition they issue, or the EU's for
    its member states), tagged with the technology or a narrower one, in the category; all
    filters given must hold. Kept with them: their lists and issuers, the nodes their alignment
    edges reach (regime entries they implement and their list, origins, technologies), the
    jurisdictions themselves with their regimes, codes of conduct and country groups, and the
    technologies asked for with the codes and commitments addressing them. Returns a new,
    unfrozen graph with every edge between kept nodes, read from the store as that part alone
    (on Neo4j the rest of the graph is never sent).
    """
    if not jurisdictions and technology is None and category is None:
        return nx.MultiDiGraph(store.to_networkx())
    index = analyses.index
    around = neighbours_of(store)
    filters = make_filters(index, category=category, technology=technology)
    keep: set[str] = set()
    list_ids: set[str] | None = None
    if jurisdictions:
        list_ids = set()
        for text in jurisdictions:
            juris = index.jurisdiction(text)
            keep.add(juris.node)
            if juris.via:
                keep.add(juris.via)
            list_ids |= {i.id for i in juris.lists}
            list_ids |= {i.id for i in index.all_lists.values() if i.issuer == juris.node}
            for edge_type in sorted(_JURISDICTION_EDGES):
                keep |= {target for target, _ in around.out(juris.node, edge_type)}
    if filters.technology is not None:
        keep |= filters.closure
        for tech in filters.closure:
            keep |= {source for source, _ in around.into(tech, "ADDRESSES")}
    for list_id in sorted(list_ids if list_ids is not None else index.all_lists):
        info = index.all_lists.get(list_id)
        if info is None:
            continue
        chosen = [
            e
            for e in index.entries(list_id).values()
            if filters.code_ok(index, e) and filters.tech_ok(index.technologies_of(e))
        ]
        if not chosen:
            continue
        keep |= {list_id, info.issuer}
        for e in chosen:
            keep.add(e.id)
            # The alignment edges' targets, as the entry record holds them.
            for impl in e.implements:
                keep.add(impl.target)
                target = index.entry(impl.target)
                if target is not None:
                    keep.add(target.list_id)
            if e.origin is not None:
                keep.add(e.origin.target)
            keep |= {c.technology for c in e.covers}
    return nx.MultiDiGraph(store.subgraph(keep))
