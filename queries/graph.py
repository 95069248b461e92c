"""The graph as the serving layer holds it: the store protocol and its errors, a frozen snapshot
of one revision, and the writers of whole-graph files.

The API asks ``queries`` for everything (an import-linter contract says so); what it needs of
the store itself (to hold one open, pin a revision, stream a file) it takes from here.
"""

from __future__ import annotations

from store.base import GraphStore as GraphStore
from store.base import StoreError as StoreError
from store.export import Pace as Pace
from store.export import neo4j_bundle as neo4j_bundle
from store.export import write_graphml as write_graphml
from store.export import write_json as write_json
from store.export import write_subgraph as write_subgraph
from store.snapshot import GraphSnapshot as GraphSnapshot
