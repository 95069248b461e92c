"""Shared fixtures."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import need_shared_data

from store.embedded import EmbeddedStore


@pytest.fixture
def shared_data() -> Path:
    return need_shared_data()


@pytest.fixture
def embedded(tmp_path: Path) -> Iterator[EmbeddedStore]:
    store = EmbeddedStore(tmp_path / "graph.sqlite")
    yield store
    store.close()
