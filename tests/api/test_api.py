"""The API skeleton over a real graph: reference data and the US country groups."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from helpers import need_shared_data

from api.app import create_app
from ingest.runner import ingest
from store.embedded import EmbeddedStore


@pytest.fixture(scope="module")
def graph_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("api") / "graph.sqlite"
    with EmbeddedStore(path) as store:
        outcomes = ingest(
            store, [need_shared_data()], only=["reference", "us-country-groups", "echri-code"]
        )
        assert {o.status for o in outcomes} == {"written"}, outcomes
    return path


@pytest.fixture(scope="module")
def client(graph_path: Path) -> Iterator[TestClient]:
    store = EmbeddedStore(graph_path, read_only=True)
    with TestClient(create_app(store)) as test_client:
        yield test_client
    store.close()


def test_health(client: TestClient) -> None:
    client.get("/countries")  # a read waits for the first graph; /health never does
    body = client.get("/health").json()
    assert body["status"] == "ok"
    assert body["revision"] >= 1
    assert body["backend"] == "embedded"
    assert body["counts"]["Country"] >= 249
    assert body["counts"]["CountryGroup"] == 14


def test_countries_paginated_with_total(client: TestClient) -> None:
    first = client.get("/countries", params={"limit": 10}).json()
    second = client.get("/countries", params={"limit": 10, "offset": 10}).json()
    assert first["total"] == second["total"] >= 249
    assert len(first["items"]) == 10
    assert {c["id"] for c in first["items"]}.isdisjoint({c["id"] for c in second["items"]})


def test_members_of_wassenaar(client: TestClient) -> None:
    body = client.get("/countries", params={"regime": "wassenaar", "limit": 100}).json()
    assert body["total"] == 42
    codes = {c["iso2"] for c in body["items"]}
    assert {"IN", "MX", "ZA", "US", "RU"} <= codes
    assert "CN" not in codes


def test_country_profile(client: TestClient) -> None:
    body = client.get("/countries/in").json()
    assert body["name"] == "India"
    assert body["names"]["fr"] == "Inde"
    wassenaar = [m for m in body["memberships"] if m["regime"] == "regime:wassenaar"]
    assert wassenaar[0]["since"].startswith("2017-12")
    assert wassenaar[0]["provenance"]["source"] == "reference"
    assert "group:us:A:1" in {g["group"] for g in body["groups"]}


def test_regime_with_members(client: TestClient) -> None:
    body = client.get("/regimes/wassenaar").json()
    assert body["member_count"] == 42
    assert len({m["iso2"] for m in body["members"]}) == 42
    eu = client.get("/regimes/eu").json()
    assert eu["member_count"] == 27
    assert any(m["iso2"] == "GB" and m["until"] == "2020-01-31" for m in eu["members"])


def test_echri_subscribers_in_country_profiles(client: TestClient) -> None:
    body = client.get("/countries/XK").json()
    assert [s["code_of_conduct"] for s in body["subscriptions"]] == ["coc:echri-code-of-conduct"]


def test_technologies_have_three_languages(client: TestClient) -> None:
    body = client.get("/technologies", params={"limit": 500}).json()
    ids = {t["id"] for t in body["items"]}
    assert {"tech:intrusion-software", "tech:ip-network-surveillance", "tech:spyware"} <= ids
    for tech in body["items"]:
        assert {"en", "fr", "ar"} <= set(tech["labels"])
    one = client.get("/technologies/intrusion-software").json()
    assert "4A005" in one["code_hints"]


def test_sources_carry_provenance(client: TestClient) -> None:
    body = client.get("/sources").json()
    keys = {s["key"]: s for s in body["items"]}
    groups = keys["us-country-groups@2026-07-23"]
    assert groups["file_sha256"].startswith("0b663a14")
    assert groups["official_url"].startswith("https://www.ecfr.gov/")


@pytest.mark.parametrize(
    ("path", "status", "code"),
    [
        ("/countries/XX", 404, "not_found"),
        ("/regimes/atlantis", 404, "not_found"),
        ("/technologies/teleportation", 404, "not_found"),
        ("/countries/12", 422, "invalid_parameter"),
        ("/countries?limit=0", 422, "invalid_parameter"),
        ("/countries?limit=100000", 422, "invalid_parameter"),
        ("/countries?offset=-1", 422, "invalid_parameter"),
        ("/countries?regime=" + "x" * 500, 422, "invalid_parameter"),
        ("/nowhere", 404, "not_found"),
    ],
)
def test_errors_share_one_body(client: TestClient, path: str, status: int, code: str) -> None:
    response = client.get(path)
    assert response.status_code == status
    error = response.json()["error"]
    assert error["status"] == status
    assert error["code"] == code
    assert error["message"]


def test_unknown_regime_lists_known_ones(client: TestClient) -> None:
    message = client.get("/regimes/atlantis").json()["error"]["message"]
    assert "wassenaar" in message


def test_etag_revalidation(client: TestClient) -> None:
    first = client.get("/regimes")
    tag = first.headers["etag"]
    again = client.get("/regimes", headers={"If-None-Match": tag})
    assert again.status_code == 304
    assert client.get("/regimes?limit=5").headers["etag"] != tag


def test_writes_are_off_without_a_key(client: TestClient) -> None:
    response = client.post("/admin/ingest")
    assert response.status_code == 403
    assert "HARMONIA_API_KEY" in response.json()["error"]["message"]


def test_writes_need_the_right_key(graph_path: Path, tmp_path: Path) -> None:
    store = EmbeddedStore(graph_path)
    app = create_app(store, api_key="s3cret", sources_search=[need_shared_data()])
    with TestClient(app) as client:
        assert client.post("/admin/ingest").status_code == 401
        assert client.post("/admin/ingest", headers={"X-API-Key": "wrong"}).status_code == 401
        response = client.post(
            "/admin/ingest",
            params={"source": "us-country-groups"},
            headers={"X-API-Key": "s3cret"},
        )
        assert response.status_code == 200
        assert response.json()[0]["status"] == "unchanged"
    store.close()


def test_openapi_is_tagged(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    tags = {t["name"] for t in spec["tags"]}
    assert {"countries", "regimes", "technologies", "sources", "meta", "admin"} <= tags
    for path, methods in spec["paths"].items():
        for method, op in methods.items():
            assert op.get("tags"), f"{method} {path} has no tag"
