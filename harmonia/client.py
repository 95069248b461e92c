"""The Python client analysts use in Jupyter: the analyses as pandas DataFrames, the graph (or a
chosen part of it) as networkx.

>>> import harmonia
>>> kg = harmonia.open()                       # HARMONIA_DB_PATH, or var/harmonia.sqlite
>>> kg.divergences(["US", "EU"], technology="surveillance")[["kind", "code", "reason"]]
>>> kg.coverage_matrix(["US", "EU", "IN", "GB"]).round(1)

Every DataFrame's columns are listed in its method's docstring. Report-level facts that are not
rows (caveats, counts, the editions compared) travel in ``df.attrs``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from harmonia.analysis_frames import AnalysisFrames
from harmonia.briefs import BriefMethods
from harmonia.catalog_frames import CatalogFrames
from harmonia.frames import type_dates
from harmonia.settings import Settings
from harmonia.wiring import bring_derived_up_to_date, graph_file, store_from_settings
from store import GraphStore

# The command line imports harmonia.wiring, not this module: pandas, the analyses and the
# record builders are imported when a Harmonia object is used, not before.
if TYPE_CHECKING:
    import networkx as nx


class Harmonia(CatalogFrames, AnalysisFrames, BriefMethods):
    """An open graph: the catalogue, the analyses as DataFrames, and the raw graph.

    ``kg.catalog`` and ``kg.analyses`` give the view models the API serves, for when a
    DataFrame is not what you want.
    """

    def __init__(self, store: GraphStore) -> None:
        from queries.analyses import Analyses
        from queries.catalog import Catalog

        self.store = store
        # One reader for both: on Neo4j it asks the server, never for the whole graph.
        self.analyses: Analyses = Analyses(store)
        self.catalog = Catalog(store, self.analyses.data)

    # --- the graph ----------------------------------------------------------------------------

    def to_networkx(
        self,
        *,
        jurisdiction: str | Sequence[str] | None = None,
        technology: str | None = None,
        category: str | None = None,
        typed: bool = True,
    ) -> nx.MultiDiGraph:
        """The whole graph, or the part about some jurisdictions, a technology and/or a
        category (all filters given must hold).

        Node attribute ``label`` is the node's type (Country, Regime, ControlList,
        ControlEntry, Technology, Party ...), edge attribute ``type`` the edge's (MEMBER_OF,
        ISSUES, CONTAINS, PARENT_OF, IMPLEMENTS, ORIGIN, COVERS ...); every other property is
        flat, provenance as ``prov_*``. With ``typed`` (the default) the date properties
        (:data:`DATE_PROPERTIES`) are ``datetime.date``, numbers int or float, flags bool,
        lists and maps Python lists and dicts; the result is a new graph you may change.
        ``typed=False`` without filters returns the store's own frozen graph (no copy).

        A chosen part keeps the matching entries of the jurisdictions' lists (an EU member
        state: the EU list), their lists and issuers, the regime entries they implement,
        their origins and technologies, and the jurisdictions with their regimes and codes of
        conduct.

        >>> g = kg.to_networkx(jurisdiction="US", technology="intrusion software")
        >>> [d["code"] for _, d in g.nodes(data=True) if d["label"] == "ControlEntry"]
        """
        import networkx as nx

        from queries.subgraph import select_subgraph

        wanted = [jurisdiction] if isinstance(jurisdiction, str) else jurisdiction
        if not wanted and technology is None and category is None:
            graph = self.store.to_networkx()
            if not typed:
                return graph
            chosen = nx.MultiDiGraph(graph)
        else:
            chosen = select_subgraph(
                self.store,
                self.analyses,
                jurisdictions=list(wanted) if wanted else None,
                technology=technology,
                category=category,
            )
        if typed:
            for _, attrs in chosen.nodes(data=True):
                type_dates(attrs)
            for _, _, attrs in chosen.edges(data=True):
                type_dates(attrs)
        return chosen

    # --- lifecycle ----------------------------------------------------------------------------

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Harmonia:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open(settings: Settings | None = None, **overrides: object) -> Harmonia:
    """Open the configured graph read-only (embedded by default, Neo4j by settings).

    Settings come from ``HARMONIA_*`` variables (``HARMONIA_DB_PATH`` for the embedded file);
    ``overrides`` set fields directly, e.g. ``harmonia.open(db_path="other.sqlite")``. A relative
    ``db_path`` not found from the working directory is looked for in the folders above it, so
    a notebook in ``notebooks/`` opens the project's ``var/harmonia.sqlite``.
    """
    base = settings or Settings()
    if overrides:
        base = Settings.model_validate({**base.model_dump(), **overrides})
    if base.store == "embedded":
        base = base.model_copy(update={"db_path": graph_file(base)})
    store = store_from_settings(base, read_only=base.store == "embedded")
    bring_derived_up_to_date(store, base)
    return Harmonia(store)
