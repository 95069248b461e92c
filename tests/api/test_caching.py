"""Repeated reads come from the view's answer cache; errors and other revisions never do."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient
from helpers import country_batch, sample_batch

from api.app import create_app
from api.caching import CACHE_HEADER, MAX_ITEM_BYTES, CachedAnswer, ResponseCache
from api.serving import Served
from store.embedded import EmbeddedStore


@pytest.fixture
def store(tmp_path: Path) -> Iterator[EmbeddedStore]:
    with EmbeddedStore(tmp_path / "graph.sqlite") as backend:
        backend.replace_source(country_batch())
        backend.replace_source(sample_batch())
        yield backend


@pytest.fixture
def client(store: EmbeddedStore) -> Iterator[TestClient]:
    with TestClient(create_app(store, refresh_every=3600)) as test_client:
        test_client.app.state.served.wait(30)  # type: ignore[attr-defined]
        yield test_client


def test_second_read_is_a_hit_with_the_same_answer(client: TestClient) -> None:
    first = client.get("/countries/FR")
    second = client.get("/countries/FR")
    assert (first.headers[CACHE_HEADER], second.headers[CACHE_HEADER]) == ("miss", "hit")
    assert second.content == first.content
    assert second.headers["etag"] == first.headers["etag"]
    assert second.headers["content-type"] == "application/json"
    other = client.get("/countries/FR?limit=1")  # another URL: its own entry
    assert other.headers[CACHE_HEADER] == "miss"


def test_no_cache_from_anyone_is_answered_from_the_cache(client: TestClient) -> None:
    """An answer cannot differ within a revision: no-cache from an unauthenticated client
    would only let anyone make the server compute at will (it once did)."""
    client.get("/lists")
    again = client.get("/lists", headers={"Cache-Control": "no-cache"})
    assert again.headers[CACHE_HEADER] == "hit"


def test_no_cache_with_the_api_key_computes_afresh(store: EmbeddedStore) -> None:
    app = create_app(store, refresh_every=3600, api_key="s3cret")
    with TestClient(app) as client:
        client.get("/lists")
        fresh = client.get("/lists", headers={"Cache-Control": "no-cache", "X-API-Key": "s3cret"})
        assert fresh.headers[CACHE_HEADER] == "miss"
        wrong = client.get("/lists", headers={"Cache-Control": "no-cache", "X-API-Key": "guess"})
        assert wrong.headers[CACHE_HEADER] == "hit"
        assert client.get("/lists").headers[CACHE_HEADER] == "hit"


def test_large_answers_are_kept_on_disk_and_go_with_their_view(tmp_path: Path) -> None:
    cache = ResponseCache(1_000_000, spool=tmp_path / "answers", spool_bytes=30_000_000)
    big = b"x" * (MAX_ITEM_BYTES + 1)
    spool = cache.spool_file()
    assert spool is not None
    fh, path = spool
    with fh:
        fh.write(big)
    cache.put("/exports/coverage.csv?", CachedAnswer([], b"", path, len(big)))
    kept = cache.get("/exports/coverage.csv?")
    assert kept is not None and kept.path == path and path.read_bytes() == big
    assert cache.size == 0 and cache.spooled == len(big)  # not in memory
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    cache.clear()
    assert not path.exists() and len(cache) == 0


def test_answers_beyond_the_disk_budget_drop_the_oldest(tmp_path: Path) -> None:
    cache = ResponseCache(1_000_000, spool=tmp_path, spool_bytes=2 * (MAX_ITEM_BYTES + 10))
    paths = []
    for i in range(3):
        spool = cache.spool_file()
        assert spool is not None
        fh, path = spool
        with fh:
            fh.write(b"y" * (MAX_ITEM_BYTES + 10))
        paths.append(path)
        cache.put(f"k{i}", CachedAnswer([], b"", path, MAX_ITEM_BYTES + 10))
    assert cache.get("k0") is None and not paths[0].exists()
    assert cache.get("k1") is not None and cache.get("k2") is not None


def test_errors_are_never_kept(client: TestClient) -> None:
    for _ in range(2):
        missing = client.get("/countries/XX")
        assert missing.status_code == 404
        assert CACHE_HEADER not in missing.headers
        bad = client.get("/lists?limit=0")
        assert bad.status_code == 422
        assert CACHE_HEADER not in bad.headers


def test_a_new_revision_starts_an_empty_cache(client: TestClient, store: EmbeddedStore) -> None:
    client.get("/lists")
    assert client.get("/lists").headers[CACHE_HEADER] == "hit"
    store.replace_source(sample_batch(edition="2026", codes=("5A002",)))
    served: Served = client.app.state.served  # type: ignore[attr-defined]
    served.refresh()
    after = client.get("/lists")
    assert after.headers[CACHE_HEADER] == "miss"
    assert "list:sample:2026" in after.text


def test_cached_answers_still_get_cors_headers(store: EmbeddedStore) -> None:
    app = create_app(store, refresh_every=3600, cors_origins=["http://dash.example"])
    with TestClient(app) as client:
        app.state.served.wait(30)
        headers = {"Origin": "http://dash.example"}
        client.get("/regimes", headers=headers)
        hit = client.get("/regimes", headers=headers)
        assert hit.headers[CACHE_HEADER] == "hit"
        assert hit.headers["access-control-allow-origin"] == "http://dash.example"


def test_a_zero_budget_keeps_nothing(store: EmbeddedStore) -> None:
    with TestClient(create_app(store, cache_bytes=0)) as client:
        client.get("/lists")
        assert client.get("/lists").headers[CACHE_HEADER] == "miss"


def test_least_recently_used_goes_first() -> None:
    cache = ResponseCache(max_bytes=10)
    cache.put("a", CachedAnswer([], b"aaaa"))
    cache.put("b", CachedAnswer([], b"bbbb"))
    assert cache.get("a") is not None  # a is now the most recent
    cache.put("c", CachedAnswer([], b"cccc"))
    assert cache.get("b") is None
    assert cache.get("a") is not None and cache.get("c") is not None
    assert (len(cache), cache.size) == (2, 8)
    cache.put("big", CachedAnswer([], b"x" * 11))  # larger than the whole budget
    assert cache.get("big") is None
    assert cache.size == 8
    cache.put("a", CachedAnswer([], b"A"))  # replacing an entry frees its old size
    assert cache.size == 5


def test_concurrent_misses_compute_once(store: EmbeddedStore) -> None:
    app = create_app(store, refresh_every=3600)
    served: Served = app.state.served
    view = served.refresh()
    calls = []
    countries = view.catalog.countries

    def counted(regime: str | None = None) -> list[Any]:
        calls.append(regime)
        time.sleep(0.2)  # long enough for every other request to arrive meanwhile
        return countries(regime)

    view.catalog.countries = counted  # type: ignore[method-assign]

    async def many() -> list[httpx.Response]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
            return list(await asyncio.gather(*(client.get("/countries") for _ in range(8))))

    answers = asyncio.run(many())
    assert len(calls) == 1
    assert {a.status_code for a in answers} == {200}
    assert len({a.content for a in answers}) == 1
    assert sorted(a.headers[CACHE_HEADER] for a in answers) == ["hit"] * 7 + ["miss"]


def test_health_is_never_answered_from_the_cache(client: TestClient) -> None:
    """/health changes within a revision (a rebuild starting): a kept answer would hide it."""
    served = client.app.state.served  # type: ignore[attr-defined]
    assert client.get("/health").json()["derived"] != "rebuilding"
    served._derived = "rebuilding"
    again = client.get("/health")
    assert again.json()["derived"] == "rebuilding"
    assert CACHE_HEADER not in again.headers
