"""Shared fixtures."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from helpers import need_shared_data
from real_graph import real_graph_path

from api.app import create_app
from store.embedded import EmbeddedStore


@pytest.fixture
def shared_data() -> Path:
    return need_shared_data()


@pytest.fixture
def embedded(tmp_path: Path) -> Iterator[EmbeddedStore]:
    store = EmbeddedStore(tmp_path / "graph.sqlite")
    yield store
    store.close()


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    """The API over the real graph, read-only, one per test module (a module that needs
    another app defines its own ``client``)."""
    store = EmbeddedStore(real_graph_path(), read_only=True)
    with TestClient(create_app(store)) as test_client:
        yield test_client
    store.close()
