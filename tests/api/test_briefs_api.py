"""The harmonisation briefs printed to PDF over the real graph: what the PDF says is what the
JSON says, in each language, and a server without Chromium says so."""

from __future__ import annotations

from pathlib import Path

import pypdfium2  # type: ignore[import-untyped, unused-ignore]
import pytest
from fastapi.testclient import TestClient
from real_graph import real_graph_path

from api.app import create_app
from store.embedded import EmbeddedStore

# --- briefs printed to PDF ------------------------------------------------------------------


def _pdf_text(body: bytes) -> str:
    document = pypdfium2.PdfDocument(body)
    return " ".join(" ".join(page.get_textpage().get_text_range().split()) for page in document)


def test_the_brief_as_pdf_says_what_the_json_says(client: TestClient) -> None:
    """The dashboard's PDF link: Chromium prints the brief's page, so the download carries
    the convergence index and the first points to adopt that /briefs/IN gives."""
    report = client.get("/briefs/IN", params={"against": "wassenaar"}).json()
    response = client.get("/briefs/IN/pdf", params={"against": "wassenaar"})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["content-disposition"] == (
        'attachment; filename="brief-IN-wassenaar.pdf"'
    )
    text = _pdf_text(response.content)
    index = report["standing"]["convergence"]
    assert f"Convergence index: {index['percent']:.1f}%" in text
    assert f"To adopt ({report['to_adopt']['total']})" in text
    for row in report["to_adopt"]["items"][:3]:
        assert row["code"] in text
    # The same parameters as /briefs, checked the same way.
    assert client.get("/briefs/XX/pdf").status_code == 404


@pytest.mark.parametrize(
    ("path", "json_path", "title"),
    [
        (
            "/briefs/pairs/US/EU/pdf",
            "/briefs/pairs/US/EU",
            "Harmonisation brief: United States and European Union",
        ),
        (
            "/briefs/groups/echri/pdf",
            "/briefs/groups/echri",
            "Harmonisation brief: the subscribers of the Code of Conduct",
        ),
    ],
    ids=["pair", "group"],
)
def test_pair_and_group_briefs_as_pdf(
    client: TestClient, path: str, json_path: str, title: str
) -> None:
    params = {"technology": "surveillance"}
    response = client.get(path, params=params)
    assert response.status_code == 200, response.text
    text = _pdf_text(response.content)
    assert title in text
    report = client.get(json_path, params=params).json()
    if "first" in report:
        assert f"controls and European Union does not ({report['first']['only']['total']})" in text
    else:
        assert report["technologies"][0]["name"] in text


def test_a_brief_pdf_without_chromium_says_so(tmp_path: Path) -> None:
    store = EmbeddedStore(real_graph_path(), read_only=True)
    app = create_app(store, chromium=tmp_path / "no-such-browser")
    with TestClient(app) as test_client:
        response = test_client.get("/briefs/IN/pdf")
    store.close()
    assert response.status_code == 503
    assert "not an executable file" in response.json()["error"]["message"]


def test_the_brief_pdf_in_french(client: TestClient) -> None:
    """?lang= as on /briefs/IN/page: the PDF is the French page printed."""
    report = client.get("/briefs/IN").json()
    response = client.get("/briefs/IN/pdf", params={"lang": "fr"})
    assert response.status_code == 200, response.text
    text = _pdf_text(response.content)
    assert "Indice de convergence" in text
    assert f"{report['standing']['convergence']['percent']:.1f}".replace(".", ",") in text
    assert client.get("/briefs/IN/pdf", params={"lang": "de"}).status_code == 422


def test_the_parts_beyond_the_regimes_are_in_the_pdf(client: TestClient) -> None:
    """The parts after the Wassenaar agenda, printed with the totals the JSON gives."""
    report = client.get("/briefs/US", params={"items": 3}).json()
    text = _pdf_text(client.get("/briefs/US/pdf", params={"items": 3}).content)
    assert "Technologies of the codes of conduct it subscribes to" in text
    [code] = report["commitments"]
    for row in code["items"]:
        assert row["technology_name"] in text
    assert f"Shared beyond the regimes ({report['shared']['total']})" in text
    [japan] = report["parties"]["partners"]
    assert f"**{japan['only']}**" not in text and f"{japan['only']} listed by JP only" in text


def test_a_state_against_another_state_is_the_pair_brief(client: TestClient) -> None:
    """/briefs/IN?against=US (and its Markdown and page) is the pair brief of
    /briefs/pairs/IN/US, as `harmonia brief IN --against US` gives it; never refused."""
    params = {"against": "US", "items": 3}
    single = client.get("/briefs/IN", params=params)
    pair = client.get("/briefs/pairs/IN/US", params={"items": 3})
    assert single.status_code == pair.status_code == 200, single.text
    assert single.json() == pair.json()
    assert single.json()["first"]["jurisdiction"]["key"] == "IN"
    assert single.json()["second"]["jurisdiction"]["key"] == "US"
    for form in ("markdown", "page"):
        said = client.get(f"/briefs/IN/{form}", params={**params, "lang": "fr"})
        expected = client.get(f"/briefs/pairs/IN/US/{form}", params={"items": 3, "lang": "fr"})
        assert said.status_code == 200 and said.text == expected.text
    # A regime other than the reference is still refused, and says what to use.
    refused = client.get("/briefs/IN", params={"against": "mtcr"})
    assert refused.status_code == 422 and "Wassenaar" in refused.json()["error"]["message"]
