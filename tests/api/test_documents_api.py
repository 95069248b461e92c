"""Documents, mentions and claims through the API, over reference data and real documents."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from helpers import SHARED, need_shared_data

from api.app import create_app
from graph_schema.model import Lists, Party
from graph_schema.provenance import Provenance
from ingest.documents import ingest_documents
from ingest.runner import ingest
from store.base import SourceBatch
from store.embedded import EmbeddedStore

NSO = "party:sample-parties:nso"
FR_FIXTURE = Path(__file__).parents[1] / "ingest" / "nlp" / "fixtures" / "fr-statement.txt"


@pytest.fixture(scope="module")
def graph_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("docs-api") / "graph.sqlite"
    prov = Provenance(source="sample-parties", edition="1")
    party = Party(id=NSO, name="NSO Group", countries=["IL"], provenance=prov)
    listed = Lists(source="country:US", target=NSO, provenance=prov, list_name="Entity List")
    with EmbeddedStore(path) as store:
        # Memberships and subscriptions as the full graph has them (reference data plus the
        # White House texts as sources), so that agreement is judged on complete rosters.
        done = ingest(store, [need_shared_data()], only=["reference", "echri-code", "echri-launch"])
        assert {o.status for o in done} == {"written"}, done
        store.replace_source(
            SourceBatch(
                source_id="sample-parties",
                edition="1",
                title="parties",
                nodes=[party.to_record()],
                edges=[listed.to_record()],
            )
        )
        outcomes = ingest_documents(
            store,
            [
                SHARED / "corpus" / "ar-2021-12-10-echri-launch.txt",
                SHARED / "data" / "echri",
                FR_FIXTURE,
            ],
        )
        assert {o.status for o in outcomes} == {"written"}, outcomes
    return path


@pytest.fixture(scope="module")
def client(graph_path: Path) -> Iterator[TestClient]:
    store = EmbeddedStore(graph_path, read_only=True)
    with TestClient(create_app(store)) as test_client:
        yield test_client
    store.close()


def test_documents_listed_with_language_filter(client: TestClient) -> None:
    body = client.get("/documents").json()
    assert body["total"] == 5
    assert {d["language"] for d in body["items"]} == {"ar", "en", "fr"}
    arabic = client.get("/documents", params={"language": "ar"}).json()
    assert arabic["total"] == 1
    doc = arabic["items"][0]
    assert doc["published"] == "2021-12-10"
    assert doc["mention_count"] > 40 and doc["claim_count"] >= 10
    assert client.get("/documents", params={"language": "de"}).status_code == 422


def test_document_with_highlighted_mentions(client: TestClient) -> None:
    doc_id = client.get("/documents", params={"language": "ar"}).json()["items"][0]["id"]
    body = client.get(f"/documents/{doc_id}").json()
    assert "".join(s["text"] for s in body["segments"]) == body["text"]
    marked = [s for s in body["segments"] if s["mention"]]
    assert len(marked) == len(body["mentions"])
    dk = [s for s in marked if s["mention"]["node"] == "country:DK"]
    assert dk[0]["text"] == "والدنمارك" and dk[0]["mention"]["name"] == "Denmark"
    assert any(c["predicate"] == "lists_party" and c["object"] == NSO for c in body["claims"])


def test_unknown_document_is_404_and_bad_id_422(client: TestClient) -> None:
    missing = client.get("/documents/doc:0000000000000000")
    assert missing.status_code == 404
    assert missing.json()["error"]["code"] == "not_found"
    assert client.get("/documents/nonsense").status_code == 422


def test_claims_filters(client: TestClient) -> None:
    echri = client.get("/claims", params={"initiative": "echri", "limit": 500}).json()
    triples = {(c["subject"], c["predicate"], c["object"]) for c in echri["items"]}
    assert ("country:DK", "member_of", "regime:echri") in triples
    assert ("country:KR", "subscribes_to", "coc:echri-code-of-conduct") in triples
    denmark = client.get("/claims", params={"country": "DK", "limit": 500}).json()
    assert denmark["total"] >= 3
    assert all("country:DK" in (c["subject"], c["object"]) for c in denmark["items"])
    contradicts = client.get("/claims", params={"agreement": "contradicts"}).json()
    assert [(c["subject"], c["object"]) for c in contradicts["items"]] == [
        ("country:CN", "regime:wassenaar")
    ]
    reason = contradicts["items"][0]["agreement_reason"]
    assert "not among the 42" in reason
    spyware = client.get("/claims", params={"technology": "intrusion-software"}).json()
    assert spyware["items"][0]["sentence"].startswith("Le gouvernement allemand")
    partners = client.get("/claims", params={"predicate": "partners_with", "language": "ar"})
    assert partners.json()["total"] == 7
    assert client.get("/claims", params={"agreement": "maybe"}).status_code == 422


def test_claims_carry_a_date(client: TestClient) -> None:
    """The Arabic article of 2021-12-10 (its file name's date) on the Initiative's launch: its
    sentences name no other day, so its claims are dated by the document."""
    arabic = client.get("/claims", params={"language": "ar", "limit": 500}).json()["items"]
    assert arabic
    for claim in arabic:
        assert claim["published"] == "2021-12-10"
        assert claim["date"] and claim["date"] <= "2021-12-10", claim


def test_claims_with_the_country_profile(client: TestClient) -> None:
    body = client.get("/countries/NL/claims").json()
    assert {c["predicate"] for c in body["items"]} >= {"member_of", "subscribes_to"}
    assert all(
        c["agreement"] == "agrees"
        for c in body["items"]
        if c["subject"] == "country:NL" and c["predicate"] != "partners_with"
    )
    assert client.get("/countries/QQ/claims").status_code == 404


def test_openapi_documents_tag(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert {"/documents", "/documents/{document}", "/claims"} <= set(spec["paths"])
    assert "documents" in {t["name"] for t in spec["tags"]}
