"""The analysis endpoints over the real graph: answers, evidence, paging, errors, OpenAPI."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient


def test_divergences_us_eu_intrusion_software(client: TestClient) -> None:
    body = client.get(
        "/divergences",
        params={
            "jurisdiction": ["US", "EU"],
            "technology": "intrusion software",
            "include_agreements": "true",
        },
    ).json()
    assert body["total"] == 3 and body["compared"] == 3
    assert [r["code"] for r in body["items"]] == ["4.A.5", "4.D.4", "4.E.1.c"]
    row = body["items"][0]
    assert row["sides"][0]["editions"][0]["list_id"] == "list:us:2026-07-23"
    assert row["sides"][1]["entries"][0]["code"] == "4A005"
    assert row["reason"]
    assert [j["key"] for j in body["jurisdictions"]] == ["US", "EU"]


def test_divergences_paging_and_kinds(client: TestClient) -> None:
    params: dict[str, str | list[str]] = {"jurisdiction": ["US", "EU"], "kind": "unilateral"}
    first = client.get("/divergences", params={**params, "limit": 5}).json()
    second = client.get("/divergences", params={**params, "limit": 5, "offset": 5}).json()
    assert first["total"] == second["total"] == first["counts"]["unilateral"] > 100
    assert len(first["items"]) == 5
    assert {r["code"] for r in first["items"]}.isdisjoint({r["code"] for r in second["items"]})
    codes = client.get(
        "/divergences", params={**params, "code_prefix": "3A090", "limit": 500}
    ).json()
    # 3A090.a is the EU's 3A501.a.16 with other bounds, so the paragraphs stand apart.
    assert [r["code"] for r in codes["items"]] == ["3A090.a", "3A090.b", "3A090.c"]


def test_coverage_and_country_controls(client: TestClient) -> None:
    body = client.get("/coverage", params={"code_prefix": "5.A.1.j", "limit": 1}).json()
    row = body["items"][0]
    assert row["entry"]["code"] == "5.A.1.j"
    assert {"US", "EU"} <= set(row["implemented_by"])
    assert body["edition"]["list_id"] == "list:wassenaar:2025"
    india = client.get("/coverage/countries/IN").json()
    wassenaar = next(r for r in india["regimes"] if r["regime"] == "regime:wassenaar")
    assert 90 < wassenaar["coverage"]["percent"] < 100


def test_gaps(client: TestClient) -> None:
    echri = client.get("/gaps/codes/echri", params={"status": "gap", "limit": 500}).json()
    assert echri["total"] == echri["counts"]["gap"] > 0
    assert all(r["status"] == "gap" for r in echri["items"])
    regime = client.get("/gaps/regimes/wassenaar", params={"limit": 3}).json()
    assert len(regime["members"]) == 42 and len(regime["items"]) == 3
    parties = client.get("/gaps/parties", params={"name": "Candiru"}).json()
    assert parties["items"][0]["listed_by"] == ["US"]


def test_party_list_gaps(client: TestClient) -> None:
    # METI's No. 605 "Air Weapons Complex (AWC)" is on the Entity List too (81 FR 90712).
    params: dict[str, str | list[str]] = {
        "issuer": ["JP", "US"],
        "listed_by": "JP",
        "list": "Entity List",
        "country": "PK",
        "verdict": "both",
        "limit": "200",
    }
    body = client.get("/gaps/party-lists", params=params).json()
    assert body["issuers"] == ["JP", "US"]
    assert body["lists"]["US"] == ["Entity List (EL) - Bureau of Industry and Security"]
    assert body["total"] == body["counts"]["JP"]["both"] == len(body["items"])
    row = next(r for r in body["items"] if r["party"]["name"] == "Air Weapons Complex (AWC)")
    assert (row["listed_by"], row["compared_with"], row["verdict"]) == ("JP", "US", "both")
    assert row["candidate"]["listings"][0]["citation"] == "81 FR 90712"
    assert row["name"] == row["candidate_name"] == "Air Weapons Complex (AWC)"
    only = client.get(
        "/gaps/party-lists",
        params={"issuer": ["US", "JP"], "listed_by": "JP", "verdict": "only", "limit": 1},
    ).json()
    assert only["items"][0]["verdict"] == "only" and only["total"] > 100
    one = client.get("/gaps/party-lists", params={"issuer": "US"})
    assert one.status_code == 422
    france = client.get("/gaps/party-lists", params={"issuer": ["US", "FR"]})
    assert france.status_code == 422 and "no party list" in france.text


def test_search_entries_lists_parties(client: TestClient) -> None:
    found = client.get("/search", params={"q": "8A501.j", "system": "scomet"}).json()
    assert found["items"][0]["entry"]["id"] == "entry:in:2024-09-02:8A501.j"
    arabic = client.get("/search", params={"q": "برامج التجسس"}).json()
    assert arabic["technologies"] == ["tech:spyware"]
    entry = client.get("/entries/entry:wassenaar:2025:5A001.j").json()
    assert entry["page"] == 88
    lists = client.get("/lists").json()
    # Editions held: Wassenaar 2021, 2025; EU 2021, 2022, 2025 and its 2020 military list;
    # Norway 2021 and its military list; US; India; UK military and national; MTCR; NSG;
    # Australia dual-use and military.
    assert lists["total"] == 16
    one = client.get("/lists/list:in:2024-09-02").json()
    assert one["numbering"] == "scomet"
    entries = client.get("/lists/list:eu:2021/entries", params={"category": "5", "limit": 2})
    assert entries.json()["total"] > 100
    parties = client.get("/parties", params={"name": "NSO Group"}).json()
    assert parties["items"][0]["party"]["name"] == "NSO Group"


def test_parties_of_two_issuers(client: TestClient) -> None:
    # NSO Group is on no Japanese list; Air Weapons Complex is on both (METI's No. 605).
    nso = client.get("/parties", params={"name": "NSO Group"}).json()
    assert nso["items"][0]["counterparts"] == []
    meti = client.get("/parties", params={"name": "Air Weapons Complex (AWC)"}).json()
    first = meti["items"][:2]
    assert {h["party"]["listings"][0]["issuer"] for h in first} == {"country:US", "country:JP"}
    for hit in first:
        [counterpart] = hit["counterparts"]
        assert counterpart["verdict"] == "both"
        assert counterpart["candidate"]["id"] != hit["party"]["id"]


@pytest.mark.parametrize(
    ("path", "status", "fragment"),
    [
        ("/divergences?jurisdiction=US", 422, "at least 2"),
        ("/divergences?jurisdiction=US&jurisdiction=XX", 404, "no jurisdiction 'XX'"),
        ("/divergences?jurisdiction=US&jurisdiction=EU&kind=bogus", 422, "kind"),
        ("/divergences?jurisdiction=US&jurisdiction=EU&category=99", 422, "category"),
        ("/divergences?jurisdiction=US&jurisdiction=EU&code_prefix=5.Z.1", 422, "code_prefix"),
        ("/divergences?jurisdiction=US&jurisdiction=EU&technology=teleport", 404, "known:"),
        ("/divergences?jurisdiction=US&jurisdiction=us", 422, "two different"),
        ("/coverage?list_id=list:us:2026-07-23", 422, "not by a regime"),
        ("/coverage?list_id=list:nowhere:1", 404, "known:"),
        ("/coverage/countries/XX", 404, "no jurisdiction"),
        ("/changes?after=list:eu:2021", 404, "no earlier edition"),
        ("/changes?after=list:eu:2021&before=list:no:2021", 422, "not editions of one list"),
        ("/changes?after=EU", 422, "after"),
        ("/entries/entry:nowhere:1:2", 404, "entry:<list>"),
        ("/lists/list:nowhere:1", 404, "known:"),
        ("/search?q=", 422, "q"),
        ("/search?q=5A001&system=klingon", 422, "system"),
        ("/gaps/codes/atlantis", 404, "echri"),
        ("/parties?name=" + "x" * 300, 422, "name"),
        ("/divergences?jurisdiction=US&jurisdiction=EU&limit=501", 422, "limit"),
    ],
)
def test_errors(client: TestClient, path: str, status: int, fragment: str) -> None:
    response = client.get(path)
    assert response.status_code == status, response.text
    error = response.json()["error"]
    assert error["status"] == status
    assert fragment in error["message"]


def test_openapi_tags_and_etag(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    tags = {t["name"] for t in spec["tags"]}
    assert {
        "divergences",
        "coverage",
        "gaps",
        "changes",
        "search",
        "entries",
        "lists",
        "parties",
    } <= tags
    for path in ("/divergences", "/coverage", "/gaps/codes/{code}", "/search", "/parties"):
        assert spec["paths"][path]["get"]["tags"]
    first = client.get("/divergences", params={"jurisdiction": ["US", "EU"], "limit": 1})
    again = client.get(
        "/divergences",
        params={"jurisdiction": ["US", "EU"], "limit": 1},
        headers={"If-None-Match": first.headers["etag"]},
    )
    assert again.status_code == 304


def test_brief_endpoint(client: TestClient) -> None:
    body = client.get("/briefs/IN", params={"against": "wassenaar", "items": 2}).json()
    assert body["jurisdiction"]["key"] == "IN"
    assert body["reference_edition"]["list_id"] == "list:wassenaar:2025"
    assert len(body["to_align"]["items"]) == 2 < body["to_align"]["total"]
    assert body["standing"]["convergence"]["percent"] is not None
    # Another regime is refused (another state gives the pair brief: test_briefs_api.py).
    refused = client.get("/briefs/IN", params={"against": "mtcr"})
    assert refused.status_code == 422 and "against=wassenaar" in refused.json()["error"]["message"]
    assert client.get("/briefs/Atlantis").status_code == 404
    assert client.get("/briefs/IN", params={"items": 0}).status_code == 422


def test_brief_as_markdown(client: TestClient) -> None:
    response = client.get("/briefs/IN/markdown", params={"category": "1"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/markdown")
    text = response.text
    assert text.startswith("# Harmonisation brief: India against the Wassenaar Arrangement")
    # India joined the Wassenaar Arrangement on 8 December 2017 (reference data).
    assert "Wassenaar Arrangement (participating state) since 8 December 2017" in text
    assert "## To adopt" in text and "## To align" in text and "## To update" in text
    assert "| 1 |" in text and "| 5 |" not in text


def test_brief_as_a_printable_page(client: TestClient) -> None:
    response = client.get("/briefs/IN/page", params={"items": 3})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    policy = response.headers["content-security-policy"]
    assert "default-src 'none'" in policy and "script-src" not in policy
    page = response.text
    assert "<h1>Harmonisation brief: India against the Wassenaar Arrangement</h1>" in page
    assert "@page { size: A4" in page and "<script" not in page
    assert "Wassenaar Arrangement (participating state) since 8 December 2017" in page
    missing = client.get("/briefs/Atlantis/page")
    assert missing.status_code == 404 and missing.json()["error"]["message"]


def test_brief_in_french_and_arabic(client: TestClient) -> None:
    french = client.get("/briefs/IN/markdown", params={"category": "1", "lang": "fr"})
    assert french.status_code == 200
    # India's and the Arrangement's French names (reference data), and the date India joined.
    # (Each with its article: tests/queries/test_brief_text.py.)
    assert french.text.startswith("# Note d'harmonisation : l'Inde face à l'Arrangement de")
    assert "Arrangement de Wassenaar (État participant) depuis le 8 décembre 2017" in french.text
    page = client.get("/briefs/IN/page", params={"items": 2, "lang": "ar"})
    assert page.status_code == 200
    assert '<html lang="ar" dir="rtl">' in page.text and "<h1>مذكرة مواءمة: الهند" in page.text
    pair = client.get("/briefs/pairs/US/EU/page", params={"lang": "ar", "items": 1})
    assert pair.status_code == 200 and 'dir="rtl"' in pair.text
    group = client.get("/briefs/groups/echri/markdown", params={"lang": "fr"})
    assert group.status_code == 200 and "signataires" in group.text


def test_brief_in_an_unknown_language_is_refused(client: TestClient) -> None:
    for path in ("/briefs/IN/markdown", "/briefs/IN/page", "/briefs/pairs/US/EU/markdown"):
        refused = client.get(path, params={"lang": "de"})
        assert refused.status_code == 422, path
        message = refused.json()["error"]["message"]
        assert "lang" in message and "'fr'" in message, message
