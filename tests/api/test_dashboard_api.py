"""The dashboard's page and read models, and the exports, over the real graph (and a small one
for the whole-graph files)."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pytest
from fastapi.testclient import TestClient
from helpers import country_batch, sample_batch

from api.app import create_app
from api.caching import CACHE_HEADER, MAX_ITEM_BYTES
from queries.tables import COVERAGE_COLUMNS, DIVERGENCE_COLUMNS
from store.embedded import EmbeddedStore

# --- the page -------------------------------------------------------------------------------


def test_root_redirects_to_the_versioned_page(client: TestClient) -> None:
    first = client.get("/", follow_redirects=False)
    assert first.status_code == 307
    target = first.headers["location"]
    assert target.startswith("/?v=")
    page = client.get(target)
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    version = target.removeprefix("/?v=")
    assert f"/static/app.js?v={version}" in page.text
    assert f"/static/style.css?v={version}" in page.text
    for lang in ('value="en"', 'value="fr"', 'value="ar"'):
        assert lang in page.text
    # A stale version (an old bookmark) is sent to the current page.
    assert client.get("/?v=old", follow_redirects=False).status_code == 307


def test_assets_are_served_and_nothing_is_fetched_elsewhere(client: TestClient) -> None:
    static = Path(__file__).parents[2] / "api" / "static"
    scripts = sorted(p.name for p in static.glob("*.js"))
    page = (static / "index.html").read_text()
    # Every script of the folder is loaded by the page, and served; the page starts last.
    assert [s for s in scripts if f'src="/static/{s}"' not in page] == []
    others = [page.index(f'"/static/{s}"') for s in scripts if s != "app.js"]
    assert page.index('"/static/app.js"') > max(others)
    types = dict.fromkeys(scripts, "text/javascript") | {
        "style.css": "text/css",
        "index.html": "text/html",
    }
    for name, media in types.items():
        response = client.get(f"/static/{name}")
        assert response.status_code == 200
        assert response.headers["content-type"].startswith(media)
        # No CDN, no remote font: everything the page needs comes from this API.
        assert "http://" not in response.text and "https://" not in response.text
    assert client.get("/static/secret.py").status_code == 404
    assert client.get("/static/..%2Fapp.py").status_code == 404
    assert "dir" in client.get("/static/core.js").text  # rtl for Arabic is set by the script


def test_options(client: TestClient) -> None:
    body = client.get("/dashboard/options").json()
    by_key = {j["key"]: j for j in body["jurisdictions"]}
    assert [j["key"] for j in body["jurisdictions"][:4]] == ["wassenaar", "EU", "mtcr", "nsg"]
    assert by_key["US"]["lists"] == ["list:us:2026-07-23"]
    # The current EU lists: the dual-use list of 2025-11-15 and the Common Military List.
    assert by_key["FR"]["via"] == "regime:eu"
    assert by_key["FR"]["lists"] == ["list:eu-military:2020-02-17", "list:eu:2025-11-15"]
    assert by_key["CN"]["lists"] == []
    assert by_key["EU"]["names"]["fr"] == "Union européenne"
    assert by_key["IN"]["names"]["ar"] == "الهند"
    assert len([j for j in body["jurisdictions"] if j["kind"] == "country"]) == 250
    techs = {t["id"]: t for t in body["technologies"]}
    assert techs["tech:intrusion-software"]["labels"]["fr"]
    keys = [c["key"] for c in body["categories"]]
    assert keys[:9] == [str(i) for i in range(1, 10)] and keys[-1] == "ML22"
    assert body["reference"]["list_id"] == "list:wassenaar:2025"


def test_options_name_every_list(client: TestClient) -> None:
    """Lists by the names people use, the year their edition's label gives, and a link to
    the official text: India's list is "India SCOMET List (Appendix 3 to Schedule 2 of ITC
    (HS)), updated as on 2024-09-02" on the DGFT's SCOMET page."""
    body = client.get("/dashboard/options").json()
    lists = {x["id"]: x for x in body["lists"]}
    held = {x["list_id"] for x in client.get("/lists", params={"limit": 500}).json()["items"]}
    assert set(lists) == held
    assert lists["list:in:2024-09-02"]["name"] == "SCOMET 2024"
    assert lists["list:in:2024-09-02"]["source_url"] == "https://www.dgft.gov.in/CP/?opt=scomet"
    assert lists["list:eu:2025-11-15"]["name"] == "EU Annex I 2025"
    # "2025 Corr." is dated 2026-01-15: the name keeps the edition's own year.
    assert lists["list:wassenaar:2025"]["name"] == "Wassenaar 2025"
    assert lists["list:wassenaar:2025"]["current"] and not lists["list:wassenaar:2021"]["current"]
    assert len({x["name"] for x in body["lists"]}) == len(body["lists"])


def test_search_box_finds_a_party_by_its_full_name(client: TestClient) -> None:
    """The Entity List names "NSO Group" (86 FR 60760); the company calls itself "NSO Group
    Technologies": the party name matcher sets the extra word aside."""
    body = client.get("/search/all", params={"q": "NSO Group Technologies"}).json()
    assert body["entries"]["total"] == 0
    first = body["parties"][0]
    assert first["party"]["name"] == "NSO Group"
    assert first["score"] >= 85
    listings = first["party"]["listings"]
    assert {(x["issuer"], x["citation"]) for x in listings} == {("country:US", "86 FR 60760")}
    assert "Entity List (EL) - Bureau of Industry and Security" in first["party"]["lists"]
    # The plain fuzzy search alone does not find it under that name.
    fuzzy = client.get("/parties", params={"name": "NSO Group Technologies"}).json()
    assert "NSO Group" not in [h["party"]["name"] for h in fuzzy["items"]]


@pytest.mark.parametrize("typed", ["5A002", "5.A.2", "8A502"])
def test_search_box_finds_an_entry_in_any_numbering(client: TestClient, typed: str) -> None:
    """SCOMET's 8A502 re-encodes Wassenaar's 5.A.2 (the EU and US 5A002): "8A502 "Information
    security" systems, equipment and components, as follows:"."""
    body = client.get("/search/all", params={"q": typed}).json()
    found = {h["entry"]["id"] for h in body["entries"]["items"]}
    assert {"entry:wassenaar:2025:5A002", "entry:in:2024-09-02:8A502"} <= found
    assert "entry:eu:2025-11-15:5A002" in found
    assert not body["parties"]
    alone = client.get("/search", params={"q": typed}).json()
    # 8A502 reads as an ECCN, which no list has: the box tries it as a SCOMET code.
    assert (alone["total"] == 0) == (typed == "8A502")


def test_search_box_errors(client: TestClient) -> None:
    assert client.get("/search/all", params={"q": ""}).status_code == 422
    assert client.get("/search/all", params={"q": "x" * 201}).status_code == 422


def test_matrix_agrees_with_coverage(client: TestClient) -> None:
    params = {"jurisdiction": ["US", "EU", "IN", "wassenaar", "CN", "FR"]}
    matrix = client.get("/dashboard/matrix", params=params).json()
    assert [j["key"] for j in matrix["jurisdictions"]] == params["jurisdiction"]
    rows = {r["key"]: r for r in matrix["rows"]}
    five = {c["jurisdiction"]: c for c in rows["5"]["cells"]}
    coverage = client.get("/coverage", params={"category": "5", "limit": 1}).json()
    for summary in coverage["jurisdictions"]:
        if summary["jurisdiction"] in five:
            cell = five[summary["jurisdiction"]]
            assert cell["percent"] == summary["percent"]
            assert cell["controlled"] == summary["controlled"]
            assert cell["comparable"] == summary["comparable"]
    assert five["wassenaar"]["percent"] == 100.0
    assert five["CN"]["percent"] is None and five["CN"]["comparable"] == 0
    assert five["FR"] == {**five["EU"], "jurisdiction": "FR"}
    # The EU's ML cells come from its Common Military List (2020); China has no list held.
    ml8 = {c["jurisdiction"]: c for c in rows["ML8"]["cells"]}
    assert ml8["EU"]["percent"] is not None and ml8["IN"]["percent"] is not None
    assert ml8["CN"]["percent"] is None

    techs = client.get("/dashboard/matrix", params={**params, "by": "technology"}).json()
    tech_rows = {r["key"]: r for r in techs["rows"]}
    compute = {c["jurisdiction"]: c for c in tech_rows["tech:ai-compute"]["cells"]}
    assert compute["US"]["entries"] > compute["EU"]["entries"]  # 3A090, 4A090, .z paragraphs
    intrusion = client.get(
        "/coverage", params={"technology": "intrusion software", "limit": 1}
    ).json()
    cells = {c["jurisdiction"]: c for c in tech_rows["tech:intrusion-software"]["cells"]}
    for summary in intrusion["jurisdictions"]:
        if summary["jurisdiction"] in cells:
            assert cells[summary["jurisdiction"]]["percent"] == summary["percent"]


def test_matrix_errors(client: TestClient) -> None:
    assert client.get("/dashboard/matrix").status_code == 422
    many = {"jurisdiction": ["US"] * 13}
    assert client.get("/dashboard/matrix", params=many).status_code == 422
    unknown = client.get("/dashboard/matrix", params={"jurisdiction": ["US", "Atlantis"]})
    assert unknown.status_code == 404 and "Atlantis" in unknown.json()["error"]["message"]


# --- exports --------------------------------------------------------------------------------


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_divergences_csv_matches_the_analysis(client: TestClient) -> None:
    params = {"jurisdiction": ["US", "EU"], "technology": "surveillance"}
    response = client.get("/exports/divergences.csv", params=params)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert "divergences-US-EU" in response.headers["content-disposition"]
    rows = _rows(response.text)
    report = client.get("/divergences", params={**params, "limit": 500}).json()
    assert len(rows) == report["total"] > 0
    header = next(csv.reader(io.StringIO(response.text)))
    for column in header:
        template = column.rsplit("_", 1)[0] + "_<J>" if column.endswith(("_US", "_EU")) else column
        assert template in DIVERGENCE_COLUMNS, column
    first, item = rows[0], report["items"][0]
    assert (first["kind"], first["code"], first["reason"]) == (
        item["kind"],
        item["code"],
        item["reason"],
    )
    assert first["status_US"] == item["sides"][0]["status"]
    assert first["editions_US"] == "list:us:2026-07-23 (2026-07-23)"


def test_coverage_csv(client: TestClient) -> None:
    response = client.get("/exports/coverage.csv", params={"category": "5"})
    rows = _rows(response.text)
    assert list(rows[0]) == list(COVERAGE_COLUMNS)
    report = client.get("/coverage", params={"category": "5", "limit": 1}).json()
    assert len(rows) == report["total"] * len(report["jurisdictions"])
    row = next(r for r in rows if r["code"] == "5.A.1.j" and r["jurisdiction"] == "US")
    assert row["status"] in ("same", "implemented") and row["codes"] == "5A001.j"
    assert row["controlled"] == "True"


def test_csv_exports_are_kept_per_revision_on_disk(client: TestClient) -> None:
    """The whole coverage CSV (megabytes) is computed once per revision, then streamed from
    the server's scratch folder (CSV exports were once computed for every request)."""
    first = client.get("/exports/coverage.csv")
    second = client.get("/exports/coverage.csv", headers={"Cache-Control": "no-cache"})
    assert first.status_code == 200 and len(first.content) > MAX_ITEM_BYTES
    assert (first.headers[CACHE_HEADER], second.headers[CACHE_HEADER]) == ("miss", "hit")
    assert second.content == first.content
    assert second.headers["content-disposition"] == first.headers["content-disposition"]
    view = client.app.state.served.current()  # type: ignore[attr-defined]
    assert view.responses.spooled >= len(first.content) and view.responses.size < len(first.content)


def test_every_export_column_is_documented_in_openapi(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    described = paths["/exports/divergences.csv"]["get"]["description"]
    assert all(f"`{c}`" in described for c in DIVERGENCE_COLUMNS)
    described = paths["/exports/coverage.csv"]["get"]["description"]
    assert all(f"`{c}`" in described for c in COVERAGE_COLUMNS)
    schemas = client.get("/openapi.json").json()["components"]["schemas"]
    mine = ("MatrixCell", "MatrixRow", "CoverageMatrix", "JurisdictionOption")
    for model in (*mine, "TechnologyOption", "CategoryOption", "DashboardOptions"):
        for name, field in schemas[model]["properties"].items():
            assert field.get("description"), f"{model}.{name}"


def test_subgraph_exports(client: TestClient, tmp_path: Path) -> None:
    params = {"jurisdiction": ["US"], "technology": "intrusion software"}
    response = client.get("/exports/graph.graphml", params=params)
    assert response.status_code == 200
    path = tmp_path / "sub.graphml"
    path.write_bytes(response.content)
    graph = nx.read_graphml(path)
    assert graph.nodes["entry:us:2026-07-23:4A005"]["label"] == "ControlEntry"
    assert "entry:wassenaar:2025:4A005" in graph  # the regime entry it implements
    assert "country:US" in graph and "tech:intrusion-software" in graph
    assert graph.number_of_nodes() < 100
    body = client.get("/exports/graph.json", params={**params, "category": "4"}).json()
    ids = {n["id"] for n in body["nodes"]}
    assert "entry:us:2026-07-23:4A005" in ids
    assert {e["type"] for e in body["edges"]} >= {"IMPLEMENTS", "CONTAINS", "COVERS"}


@pytest.fixture
def small_client(tmp_path: Path) -> Iterator[TestClient]:
    store = EmbeddedStore(tmp_path / "small.sqlite")
    store.replace_source(country_batch())
    store.replace_source(sample_batch())
    with TestClient(create_app(store)) as test_client:
        yield test_client
    store.close()


def test_whole_graph_exports(small_client: TestClient, tmp_path: Path) -> None:
    doc = small_client.get("/exports/graph.json").json()
    assert {n["id"] for n in doc["nodes"]} >= {"country:FR", "entry:sample:2025:5A001.j"}
    response = small_client.get("/exports/graph.graphml")
    assert response.headers["content-type"].startswith("application/graphml+xml")
    (tmp_path / "g.graphml").write_bytes(response.content)
    assert nx.read_graphml(tmp_path / "g.graphml").nodes["country:FR"]["name"] == "France"
    bundle = small_client.get("/exports/neo4j.zip")
    assert bundle.headers["content-type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(bundle.content)) as archive:
        names = set(archive.namelist())
        assert {"nodes_Country.csv", "nodes_ControlEntry.csv", "IMPORT.txt"} <= names
        assert "relationships_CONTAINS.csv" in names
        command = archive.read("IMPORT.txt").decode()
        assert "--nodes=nodes_Country.csv" in command
        assert "--relationships=relationships_CONTAINS.csv" in command
        header = archive.read("nodes_Country.csv").decode().splitlines()[0]
        assert header.startswith("id:ID,:LABEL")
    # Served again from the per-revision cache: the same bytes.
    assert small_client.get("/exports/neo4j.zip").content == bundle.content
    assert json.loads(small_client.get("/exports/graph.json").content) == doc
    # One mode for every export file (neo4j.zip was once world-readable).
    scratch = small_client.app.state.scratch.path  # type: ignore[attr-defined]
    files = [p for p in scratch.rglob("*") if p.is_file()]
    assert {p.name.split("-", 1)[1] for p in files} >= {"graph.json", "graph.graphml", "neo4j.zip"}
    assert {oct(p.stat().st_mode & 0o777) for p in files} == {"0o600"}
    assert oct(scratch.stat().st_mode & 0o777) == "0o700"


def test_the_scratch_folder_goes_when_the_app_stops(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path / "small.sqlite")
    store.replace_source(country_batch())
    with TestClient(create_app(store)) as test_client:
        assert test_client.get("/exports/graph.json").status_code == 200
        scratch = test_client.app.state.scratch.path  # type: ignore[attr-defined]
        assert any(scratch.rglob("r*-graph.json"))
    assert not scratch.exists()
    store.close()


def test_options_name_the_codes_of_conduct_a_group_brief_takes(client: TestClient) -> None:
    """The ECHRI Code of Conduct, established by the ECHRI alone: the page offers it under the
    initiative's key, which /briefs/groups accepts."""
    codes = client.get("/dashboard/options").json()["codes_of_conduct"]
    echri = next(c for c in codes if c["established_by"] == ["regime:echri"])
    assert echri["key"] == "echri"
    assert echri["title"].startswith("Code of Conduct for Enhancing Export Controls")
    group = client.get(f"/briefs/groups/{echri['key']}").json()
    assert group["code_of_conduct"] == echri["id"]


def test_the_overview_counts_what_the_analyses_count(client: TestClient) -> None:
    overview = client.get("/dashboard/overview").json()
    coverage = client.get("/coverage", params={"limit": 1}).json()
    assert overview["coverage"] == coverage["jurisdictions"]
    assert overview["without_list"] == coverage["members_without_list"]
    # Per jurisdiction, the rows per kind are those of its comparison with Wassenaar.
    for summary in coverage["jurisdictions"]:
        key = summary["jurisdiction"]
        pair = client.get("/divergences", params={"jurisdiction": [key, "wassenaar"], "limit": 1})
        counts: dict[str, int] = {}
        for c in overview["divergences"]:
            if c["jurisdiction"] == key:
                counts[c["kind"]] = counts.get(c["kind"], 0) + c["rows"]
        assert counts == pair.json()["counts"]
    sources = {s["list_id"]: s for s in overview["sources"]}
    # ingest/sources/us_ccl/source.yaml: "copy_may_lack: [items, paragraphs, notes]", and the
    # entries its copy skips are those /coverage counts as not-held-in-copy for the US.
    us = next(s for s in sources.values() if s["list_id"].startswith("list:us:"))
    assert us["copy_may_lack"] == ["items", "paragraphs", "notes"]
    us_counts = next(c for c in coverage["jurisdictions"] if c["jurisdiction"] == "US")["counts"]
    assert us["not_held_in_copy"] == us_counts["not-held-in-copy"] > 0
    wassenaar = sources["list:wassenaar:2025"]
    assert wassenaar["copy_may_lack"] == [] and wassenaar["not_held_in_copy"] == 0
    assert wassenaar["edition_date"] == "2026-01-15" and wassenaar["current"]
    listed = client.get("/lists", params={"limit": 500}).json()["items"]
    assert {s["list_id"]: s["entries"] for s in overview["sources"]} == {
        x["list_id"]: x["entries"] for x in listed
    }
