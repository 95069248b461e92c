"""The part of the graph about some jurisdictions, a technology and/or a category: what the
graph export serves and ``harmonia.open().subgraph()`` returns."""

from __future__ import annotations

from collections.abc import Sequence

import networkx as nx

from queries.analyses import Analyses
from queries.evidence import make_filters

_CONTEXT_EDGES = frozenset({"IMPLEMENTS", "ORIGIN", "COVERS"})
_JURISDICTION_EDGES = frozenset({"MEMBER_OF", "SUBSCRIBES", "IN_GROUP"})


def select_subgraph(
    graph: nx.MultiDiGraph,
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
    unfrozen graph with every edge between kept nodes.
    """
    if not jurisdictions and technology is None and category is None:
        return nx.MultiDiGraph(graph)
    index = analyses.index
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
            for _, target, data in graph.out_edges(juris.node, data=True):
                if data.get("type") in _JURISDICTION_EDGES:
                    keep.add(target)
    if filters.technology is not None:
        keep |= filters.closure
        for tech in filters.closure:
            for source, _, data in graph.in_edges(tech, data=True):
                if data.get("type") == "ADDRESSES":
                    keep.add(source)
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
            for _, target, data in graph.out_edges(e.id, data=True):
                if data.get("type") in _CONTEXT_EDGES:
                    keep.add(target)
                    target_list = graph.nodes[target].get("list_id")
                    if target_list:
                        keep.add(target_list)
    return nx.MultiDiGraph(graph.subgraph(n for n in keep if n in graph))
