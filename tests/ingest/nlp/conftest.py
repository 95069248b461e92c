"""Fixtures for the document pipeline: the real graph it links to, and one analyzer."""

from __future__ import annotations

from collections.abc import Iterator

import networkx as nx
import pytest
from helpers import need_shared_data

from ingest.nlp.pipeline import Analyzer
from ingest.registry import get_source
from ingest.runner import build_batch, ingest_reference
from store.embedded import EmbeddedStore


@pytest.fixture(scope="session")
def nlp_graph(tmp_path_factory: pytest.TempPathFactory) -> Iterator[nx.MultiDiGraph]:
    """Reference data, the US screening list (parties) and the Wassenaar list (codes)."""
    data = need_shared_data()
    path = tmp_path_factory.mktemp("nlp") / "graph.sqlite"
    with EmbeddedStore(path) as store:
        ingest_reference(store)
        for source_id in ("us-csl", "wassenaar-list"):
            definition = get_source(source_id)
            batch, _ = build_batch(definition, data / definition.meta.file)
            store.replace_source(batch)
        yield store.to_networkx()


@pytest.fixture(scope="session")
def analyzer(nlp_graph: nx.MultiDiGraph) -> Analyzer:
    return Analyzer(nlp_graph)
