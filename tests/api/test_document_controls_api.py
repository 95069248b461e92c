"""GET /documents/{id}/controls over the real graph with the Arabic articles of the corpus."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from real_graph import real_graph_with_documents

from api.app import create_app
from queries.analyses import Analyses
from queries.requests import DivergenceRequest
from store.embedded import EmbeddedStore

CAMPAIGN = "ar-2021-12-03-us-surveillance-export-campaign.txt"


@pytest.fixture(scope="module")
def store() -> EmbeddedStore:
    return EmbeddedStore(real_graph_with_documents(), read_only=True)


@pytest.fixture(scope="module")
def client(store: EmbeddedStore) -> Iterator[TestClient]:
    with TestClient(create_app(store)) as test_client:
        yield test_client


def campaign_id(client: TestClient) -> str:
    docs = client.get("/documents", params={"language": "ar"}).json()["items"]
    (found,) = [d["id"] for d in docs if d["source"].endswith(CAMPAIGN)]
    return str(found)


def test_controls_of_an_arabic_article(client: TestClient, store: EmbeddedStore) -> None:
    ident = campaign_id(client)
    response = client.get(f"/documents/{ident}/controls")
    assert response.status_code == 200
    body = response.json()
    assert body["document"] == ident and body["language"] == "ar"
    assert "tech:surveillance" in [t["technology"] for t in body["technologies"]]
    states = {
        c["jurisdiction"]: c for c in body["controls"] if c["technology"] == "tech:surveillance"
    }
    assert states["US"]["state"] == "covered"
    us_entries = [h["entry"]["id"] for h in states["US"]["entries"]]
    # The covering entry opens at its own route, where the dashboard links it.
    first = client.get(f"/entries/{us_entries[0]}")
    assert first.status_code == 200
    assert states["SG"]["state"] == "no-list-held"
    (div,) = [d for d in body["divergences"] if d["technology"] == "tech:surveillance"]
    expected = Analyses(store).divergences(
        DivergenceRequest(jurisdiction=div["jurisdictions"], technology="tech:surveillance"),
        limit=10,
    )
    assert div["report"]["counts"] == expected.counts
    assert [r["code"] for r in div["report"]["items"]] == [r.code for r in expected.items]
    # The same counts as the divergences route answers for them.
    routed = client.get(
        "/divergences",
        params={"jurisdiction": div["jurisdictions"], "technology": "tech:surveillance"},
    ).json()
    assert routed["counts"] == div["report"]["counts"]


def test_unknown_document_is_404_and_bad_id_422(client: TestClient) -> None:
    missing = client.get("/documents/doc:0000000000000000/controls")
    assert missing.status_code == 404
    assert missing.json()["error"]["code"] == "not_found"
    assert client.get("/documents/not-an-id/controls").status_code == 422
