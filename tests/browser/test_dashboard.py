"""The dashboard in a real browser: headless Chromium (Debian's package) driven by Playwright,
against ``harmonia serve`` on 127.0.0.1 over the real graph.

Saves ``artifacts/dashboard.png`` (a US / EU / Wassenaar comparison with its evidence open) and
``artifacts/dashboard-ar.png`` (the same page in Arabic, right to left), then does the
diplomat's everyday tasks of issue 14 end to end, each checked against the API that answers the
same question, with screenshots of each (``artifacts/task-*.png``, several in Arabic too), and
the landing overview (``artifacts/overview.png``, ``overview-ar.png``), and an Arabic article's
page with the controls it concerns (``artifacts/document.png``, ``document-ar.png``), and what
changed between two Wassenaar editions with an added entry's timeline (``artifacts/changes.png``,
``changes-ar.png``, ``entry-timeline.png``, ``entry-timeline-ar.png``).
"""

from __future__ import annotations

import csv
import io
import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import httpx
import pypdfium2  # type: ignore[import-untyped, unused-ignore]
import pytest
from playwright.sync_api import Browser, Page, Route, expect, sync_playwright
from real_graph import real_graph_with_documents

from bench.api import free_port

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "artifacts"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMEOUT_MS = 60_000


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``harmonia serve`` in a child process, stopped (by its pid) when the module ends."""
    port = free_port()
    # The real graph with the corpus's Arabic articles, for the Documents view.
    env = {**os.environ, "HARMONIA_DB_PATH": str(real_graph_with_documents())}
    # The server runs in a temporary directory: a relative PYTHONPATH ("." ) would import the
    # installed package (another checkout's code) instead of this one.
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH", "")) if p)
    for name in ("HARMONIA_STORE", "HARMONIA_API_KEY", "HARMONIA_CORS_ORIGINS"):
        env.pop(name, None)
    log = tmp_path_factory.mktemp("serve") / "serve.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [
                *(sys.executable, "-c", "from harmonia.cli import app; app()", "serve"),
                *("--host", "127.0.0.1", "--port", str(port)),
            ],
            env=env,
            cwd=log.parent,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                if httpx.get(f"{base}/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"harmonia serve did not start: {log.read_text()[-2000:]}")
            time.sleep(0.3)
        # The first analysis builds the indexes (a few seconds): pay for it before the page.
        httpx.get(f"{base}/dashboard/options", timeout=120)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} not found: apt-get install -y chromium")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, timeout=TIMEOUT_MS
        )
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1400, "height": 1150}, locale="en-GB")
    opened = context.new_page()
    opened.set_default_timeout(TIMEOUT_MS)
    errors: list[str] = []
    opened.on("pageerror", lambda exc: errors.append(str(exc)))
    opened.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    yield opened
    context.close()
    assert not errors, errors


def _codes_shown(page: Page) -> list[str]:
    return [
        c
        for c in page.locator("li.divergence").evaluate_all(
            "items => items.map(i => i.dataset.code)"
        )
    ]


def test_compare_us_eu_wassenaar_with_evidence(server: str, page: Page) -> None:
    page.goto(f"{server}/#compare")
    # The page opens on a default comparison (US and EU), with rows from the API.
    expect(page.locator("li.divergence").first).to_be_visible()
    expect(page.locator("#summary")).to_contain_text("United States")

    # Choose a comparison: add the Wassenaar list, pick a technology, compare.
    page.check("#j-wassenaar")
    page.select_option("#technology", "tech:advanced-semiconductors")
    page.click("#compare-button")
    expect(page.locator("#summary")).to_contain_text("Advanced semiconductors")
    # Jurisdictions by their names, never their keys.
    expect(page.locator("#status")).to_contain_text(
        "United States, European Union, Wassenaar Arrangement"
    )

    params: dict[str, str | int | list[str]] = {
        "jurisdiction": ["US", "EU", "wassenaar"],
        "technology": "tech:advanced-semiconductors",
        "limit": 20,
    }
    api = httpx.get(f"{server}/divergences", params=params, timeout=60).json()
    assert api["total"] > 0
    assert _codes_shown(page) == [r["code"] for r in api["items"]]
    assert "#compare?j=US%2CEU%2Cwassenaar" in page.url or "j=US,EU,wassenaar" in page.url

    # The matrix shows the three columns, coloured, with the percentages as text.
    headers = page.locator("table.matrix thead th").all_inner_texts()
    assert headers[1:] == ["United States", "European Union", "Wassenaar Arrangement"]
    expect(page.locator("table.matrix tbody tr").first).to_contain_text("%")

    # The evidence of the first row: codes, editions and full texts side by side.
    first = api["items"][0]
    options = httpx.get(f"{server}/dashboard/options", timeout=60).json()
    list_names = {x["id"]: x["name"] for x in options["lists"]}
    row = page.locator("li.divergence").first
    row.locator("button.evidence-toggle").click()
    panel = row.locator(".evidence")
    expect(panel).to_be_visible()
    expect(row.locator("button.evidence-toggle")).to_have_attribute("aria-expanded", "true")
    # The regime's own side is the reference: no separate reference column then.
    regime_side = any(
        s["entries"] and s["entries"][0]["id"] == first["reference"]["id"] for s in first["sides"]
    )
    expect(panel.locator(".side")).to_have_count(len(first["sides"]) + (not regime_side))
    expect(panel).to_contain_text(first["reference"]["code"])
    for side in first["sides"]:
        box = panel.locator(f'.side[data-jurisdiction="{side["jurisdiction"]}"]')
        for entry in side["entries"]:
            expect(box).to_contain_text(entry["code"])
        for edition in side["editions"]:
            expect(box).to_contain_text(list_names[edition["list_id"]])
    # The API's sentence, its list ids given as the lists' names.
    reason = first["reason"]
    for list_id, name in list_names.items():
        reason = reason.replace(list_id, name)
    expect(row.locator(".reason")).to_have_text(reason)

    # A scope difference, opened from the keyboard: its texts differ word by word.
    scoped = page.locator('li.divergence[data-kind="scope-differs"]').first
    toggle = scoped.locator("button.evidence-toggle")
    toggle.focus()
    page.keyboard.press("Enter")
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(scoped.locator(".scopes")).to_contain_text("Scope against the reference: ")
    marks = scoped.locator(".evidence ins, .evidence del")
    expect(marks.first).to_be_visible()

    ARTIFACTS.mkdir(exist_ok=True)
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(ARTIFACTS / "dashboard.png"))

    # Arabic: labels switch and the layout runs right to left.
    page.select_option("#lang", "ar")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    expect(page.locator("#compare-title")).to_have_text("مقارنة ضوابط التصدير")
    expect(page.locator("#div-title")).to_have_text("الاختلافات")
    # The status line names the jurisdictions again in Arabic.
    expect(page.locator("#status")).to_contain_text("الولايات المتّحدة، الاتحاد الأوروبي")
    expect(scoped.locator(".scopes")).to_contain_text("النطاق مقارنةً بالمرجع")
    page.screenshot(path=str(ARTIFACTS / "dashboard-ar.png"))
    page.select_option("#lang", "fr")
    expect(page.locator("html")).to_have_attribute("dir", "ltr")
    expect(page.locator("#compare-title")).to_have_text("Comparer les contrôles à l'exportation")
    page.select_option("#lang", "en")


def test_country_page(server: str, page: Page) -> None:
    page.goto(f"{server}/#country/IN")
    expect(page.locator("#country")).to_contain_text("India")
    # The list by its name, linked to its official text: "SCOMET 2024", not list:in:2024-09-02.
    expect(page.locator("#country")).to_contain_text("SCOMET 2024")
    expect(page.locator("#country")).not_to_contain_text("list:in:")
    expect(
        page.locator("#country a[href='https://www.dgft.gov.in/CP/?opt=scomet']")
    ).to_be_visible()
    expect(page.locator("#country")).to_contain_text("Wassenaar Arrangement")
    # The page's sentences, in the reader's language, from the API's numbers.
    expect(page.locator("#country .country-lead")).to_have_text("India applies SCOMET 2024.")
    controls = httpx.get(f"{server}/coverage/countries/IN", timeout=60).json()
    wassenaar = next(r for r in controls["regimes"] if r["regime"] == "regime:wassenaar")
    done, can = wassenaar["coverage"]["controlled"], wassenaar["coverage"]["comparable"]
    expect(page.locator("#country table")).to_contain_text(
        f"Its lists control {done:,} of the {can:,} entries of Wassenaar 2025 they can hold; "
        f"{can - done} are not implemented."
    )
    page.select_option("#lang", "fr")
    expect(page.locator("#country .country-lead")).to_have_text(
        "Inde — listes appliquées : SCOMET 2024."
    )
    page.select_option("#lang", "ar")
    expect(page.locator("#country .country-lead")).to_have_text(
        "الهند: القوائم المطبَّقة: SCOMET 2024."
    )
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "country-ar.png"))
    page.select_option("#lang", "en")
    expect(page.locator("#nav-country")).to_have_attribute("aria-current", "page")
    page.select_option("#country-pick", "FR")
    expect(page.locator("#country")).to_contain_text("EU Annex I 2025")
    expect(page.locator("#country")).to_contain_text("member state of the European Union")
    # From the country page to a comparison of its lists.
    page.click("#country a[href^='#compare']")
    expect(page.locator("li.divergence").first).to_be_visible()
    expect(page.locator("#summary")).to_contain_text("European Union")


def test_two_jurisdictions_are_required(server: str, page: Page) -> None:
    page.goto(f"{server}/#compare")
    expect(page.locator("li.divergence").first).to_be_visible()
    page.uncheck("#j-EU")
    page.click("#compare-button")
    expect(page.locator("#form-error")).to_have_text("Choose at least two jurisdictions.")


def test_the_api_docs_work_without_internet(server: str, browser: Browser) -> None:
    """/docs (Swagger UI) and /redoc (ReDoc) render with every request to another host
    refused: their viewers come from this server."""
    context = browser.new_context(viewport={"width": 1400, "height": 1150}, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    outside: list[str] = []
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)

    def only_here(route: Route) -> None:
        if route.request.url.startswith(server):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    page.route("**/*", only_here)
    page.goto(f"{server}/docs")
    expect(page.locator(".opblock-summary-path", has_text="/divergences").first).to_be_visible()
    page.goto(f"{server}/redoc")
    heading = page.locator("h2", has_text="Where the controls of two or more jurisdictions")
    expect(heading.first).to_be_visible()
    context.close()
    assert outside == []
    # ReDoc's footer points at its maker's logo on a CDN; the page's policy refuses it (no
    # request leaves), which the console reports. Nothing else may go wrong.
    assert [e for e in errors if "cdn.redoc.ly/redoc/logo-mini.svg" not in e] == []


# --- the diplomat's tasks (issue 14) ------------------------------------------------------


def _shot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))


def _arabic(page: Page, name: str) -> None:
    page.select_option("#lang", "ar")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    _shot(page, f"{name}-ar")
    page.select_option("#lang", "en")


def _search(page: Page, text: str) -> None:
    page.fill("#search-q", text)
    page.click("#search-button")


def test_what_the_us_controls_that_the_eu_does_not_for_surveillance(
    server: str, page: Page
) -> None:
    page.goto(f"{server}/#compare")
    expect(page.locator("li.divergence").first).to_be_visible()
    page.select_option("#technology", "tech:surveillance")
    page.click("#compare-button")
    expect(page.locator("#summary")).to_contain_text("Surveillance")
    params: dict[str, str | int | list[str]] = {
        "jurisdiction": ["US", "EU"],
        "technology": "tech:surveillance",
        "limit": 100,
    }
    api = httpx.get(f"{server}/divergences", params=params, timeout=60).json()
    us_only = [
        r["code"]
        for r in api["items"]
        if "US" in r["controlled_by"] and "EU" not in r["controlled_by"]
    ]
    assert us_only, "the US controls surveillance items the EU does not (3A980, 5A980 ...)"
    rows = page.locator("li.divergence")
    expect(rows).to_have_count(min(api["total"], 20))
    shown = rows.evaluate_all("items => items.map(i => i.dataset.code)")
    assert [c for c in shown if c in us_only] == us_only[: len(shown)]
    # Said with names: "controlled by United States · not by European Union".
    first = page.locator(f'li.divergence[data-code="{us_only[0]}"]')
    expect(first.locator(".yes")).to_have_text("United States")
    expect(first.locator(".no")).to_have_text("European Union")
    _shot(page, "task-us-not-eu-surveillance")
    # In French and Arabic the row's reason is the API's, rebuilt in the language (the
    # sentence the brief prints), not the English one; the rows are fetched again.
    english = first.locator(".reason").inner_text()
    for lang, dir_ in (("fr", "ltr"), ("ar", "rtl")):
        page.select_option("#lang", lang)
        said = httpx.get(
            f"{server}/divergences", params={**params, "lang": lang}, timeout=60
        ).json()
        (row,) = [r for r in said["items"] if r["code"] == us_only[0]]
        assert row["reason_said"] is not None and row["reason_said"]["lang"] == lang
        reason = first.locator(".reason")
        expect(reason).to_have_attribute("lang", lang)
        expect(reason).to_have_attribute("dir", dir_)
        text = reason.evaluate("p => p.textContent")
        assert text.replace("\u2066", "").replace("\u2069", "") == row["reason_said"]["text"]
        assert text != english
        if lang == "ar":
            # Codes and names in Latin letters are isolated, read left to right whole.
            assert re.search(f"\u2066[^\u2069]*{re.escape(us_only[0])}[^\u2069]*\u2069", text)
            expect(page.locator("html")).to_have_attribute("dir", "rtl")
            _shot(page, "task-us-not-eu-surveillance-ar")
    page.select_option("#lang", "en")
    expect(first.locator(".reason")).to_have_attribute("lang", "en")
    expect(first.locator(".reason")).to_have_text(english)


def test_the_wassenaar_entries_india_lacks_downloaded(server: str, page: Page) -> None:
    page.goto(f"{server}/")
    page.click("#nav-lacks")
    page.select_option("#lacks-pick", "IN")
    expect(page.locator("#lacks tr.lack").first).to_be_visible()
    params: dict[str, str | int | list[str]] = {
        "jurisdiction": ["IN", "wassenaar"],
        "kind": "not-implemented",
        "limit": 500,
    }
    api = httpx.get(f"{server}/divergences", params=params, timeout=60).json()
    assert api["total"] > 0
    codes = page.locator("#lacks tr.lack").evaluate_all("rows => rows.map(r => r.dataset.code)")
    assert codes == [r["code"] for r in api["items"]]
    summary = page.locator("#lacks .summary")
    sub = sum(r["sub_entries"] for r in api["items"])
    expect(summary).to_contain_text(
        f"India lacks {api['total']} entries of Wassenaar 2025, with {sub} sub-entries"
    )
    expect(summary).to_contain_text("SCOMET 2024")

    with page.expect_download() as download:
        page.click("#lacks-csv")
    body = Path(download.value.path()).read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(body)))
    assert [r["code"] for r in rows] == [r["code"] for r in api["items"]]
    assert {r["kind"] for r in rows} == {"not-implemented"}
    assert {r["not_controlled_by"] for r in rows} == {"IN"}
    assert [r["kind"] for r in rows] == [r["kind"] for r in api["items"]]
    _shot(page, "task-india-lacks")
    _arabic(page, "task-india-lacks")


@pytest.mark.parametrize("typed", ["5A002", "5.A.2", "8A502"])
def test_5a002_by_either_numbering(server: str, page: Page, typed: str) -> None:
    """5A002 in the EU/US (ECCN) numbering, 5.A.2 in Wassenaar's, 8A502 in SCOMET's: the
    SCOMET list says "8A502 "Information security" systems, equipment and components, as
    follows:", the Wassenaar list's 5.A.2 the same words."""
    page.goto(f"{server}/#country/IN")
    _search(page, typed)
    hits = page.locator("#search-entries li.entry-hit")
    expect(hits.first).to_be_visible()
    if typed == "8A502":
        # How the query was read, said in the page's language (not the API's English).
        expect(page.locator("#search-reading")).to_have_text(
            "Read as: SCOMET code 8A502 (canonical 8A502), numbered like Wassenaar 5A002"
        )
        page.select_option("#lang", "ar")
        reading = page.locator("#search-reading")
        expect(reading).to_contain_text("فُهم على أنه: رمز")
        expect(reading).to_contain_text("ترقيم فاسنار")
        expect(reading).not_to_contain_text("numbered")
        _shot(page, "task-8a502-ar")
        page.select_option("#lang", "en")
    found = hits.evaluate_all("items => items.map(i => i.dataset.entry)")
    assert "entry:wassenaar:2025:5A002" in found
    assert "entry:in:2024-09-02:8A502" in found
    assert "entry:eu:2025-11-15:5A002" in found
    # Each hit leads to its entry, which names its list and what it implements.
    page.click('#search-entries li[data-entry="entry:in:2024-09-02:8A502"] a')
    expect(page.locator("#entry-head")).to_contain_text("8A502")
    expect(page.locator("#entry-head")).to_contain_text("SCOMET 2024")
    expect(page.locator("#entry")).to_contain_text("5.A.2")
    if typed == "5A002":
        page.go_back()
        expect(hits.first).to_be_visible()
        _shot(page, "task-5a002")


def test_whether_nso_group_is_listed_and_by_whom(server: str, page: Page) -> None:
    page.goto(f"{server}/")
    _search(page, "NSO Group Technologies")
    party = page.locator("#search-parties article.party").first
    expect(party).to_be_visible()
    expect(party.locator("h3")).to_contain_text("NSO Group")
    api = httpx.get(
        f"{server}/search/all", params={"q": "NSO Group Technologies"}, timeout=60
    ).json()
    nso = api["parties"][0]
    assert nso["party"]["name"] == "NSO Group"
    issuers = sorted({x["issuer"] for x in nso["party"]["listings"]})
    assert issuers == ["country:US"]
    # "Listed by United States on: Entity List (EL) - Bureau of Industry and Security"
    expect(party.locator('li.listed-by[data-issuer="US"]')).to_contain_text("United States")
    expect(party).to_contain_text("Entity List (EL) - Bureau of Industry and Security")
    _shot(page, "task-nso-group")
    _arabic(page, "task-nso-group")


def test_which_echri_subscribers_lack_a_control_on_intrusion_software(
    server: str, page: Page
) -> None:
    page.goto(f"{server}/")
    page.click("#nav-codes")
    expect(page.locator("#codes table.codes-matrix tbody tr").first).to_be_visible()
    page.select_option("#codes-tech", "tech:intrusion-software")
    expect(page.locator("#codes table.codes-matrix thead th")).to_have_count(2)
    api = httpx.get(
        f"{server}/gaps/codes/echri",
        params={"technology": "tech:intrusion-software", "limit": 500},
        timeout=60,
    ).json()
    # The API answers for the technology and the narrower ones (commercial spyware): the
    # column is intrusion software's own rows, one per subscriber.
    rows = [r for r in api["items"] if r["technology"] == "tech:intrusion-software"]
    assert api["subscribers"] == len(rows) > 0
    cells = page.locator("#codes table.codes-matrix tbody tr").evaluate_all(
        "rows => rows.map(r => [r.dataset.country, r.querySelector('td').dataset.status])"
    )
    assert sorted(map(tuple, cells)) == sorted((r["country"], r["status"]) for r in rows)
    statuses = [r["status"] for r in rows]
    gap, controlled = statuses.count("gap"), statuses.count("controlled")
    unknown = len(rows) - gap - controlled
    assert unknown > 0  # subscribers whose lists the graph does not hold
    sentence = page.locator('#codes p.codes-sentence[data-technology="tech:intrusion-software"]')
    expect(sentence).to_have_text(
        f"Intrusion software: {gap} subscribers with no control in the lists held, {unknown} "
        f"with no list held, {controlled} controlling it."
    )
    _shot(page, "task-echri-intrusion")
    _arabic(page, "task-echri-intrusion")


def test_party_gaps_between_two_issuers(server: str, page: Page) -> None:
    page.goto(f"{server}/#parties?a=JP&b=US&verdict=only")
    rows = page.locator("#party-gaps tbody tr")
    expect(rows.first).to_be_visible()
    api = httpx.get(
        f"{server}/gaps/party-lists",
        params={"issuer": ["JP", "US"], "listed_by": "JP", "verdict": "only", "limit": 50},
        timeout=60,
    ).json()
    names = rows.evaluate_all("rows => rows.map(r => r.querySelector('th').textContent)")
    assert names == [r["party"]["name"] for r in api["items"]]
    expect(page.locator("#party-gaps .summary")).to_contain_text("Japan lists")


def test_a_brief_for_india_against_wassenaar_printed_to_pdf(server: str, page: Page) -> None:
    page.goto(f"{server}/")
    page.click("#nav-brief")
    page.select_option("#brief-kind", "state")
    page.select_option("#brief-j", "IN")
    page.select_option("#brief-against", "wassenaar")
    page.click("#brief-button")
    api = httpx.get(f"{server}/briefs/IN", params={"against": "wassenaar"}, timeout=60).json()
    index = api["standing"]["convergence"]
    # The standing as the JSON gives it, in words and with names: "India against Wassenaar
    # 2025", "93.8%", "2,238 of the 2,386 reference entries ...".
    expect(page.locator("#brief .brief-head")).to_contain_text("India against Wassenaar 2025")
    expect(page.locator("#brief-convergence .percent")).to_have_text(f"{index['percent']:.1f}%")
    expect(page.locator("#brief-convergence")).to_contain_text(
        f"{index['same']:,} of the {index['comparable']:,} reference entries"
    )
    expect(page.locator("#brief-standing")).to_contain_text("SCOMET 2024")
    # Every part of the agenda, its points in the JSON's order, each with its evidence.
    for key in ("to_adopt", "to_align", "to_update"):
        part = page.locator(f"#brief-{key}")
        expect(part).to_have_attribute("data-total", str(api[key]["total"]))
        codes = part.locator("li.divergence").evaluate_all(
            "items => items.map(i => i.dataset.code)"
        )
        assert codes == [r["code"] for r in api[key]["items"]]
    # Beyond the regimes' agenda: India subscribes to no code of conduct held, the controls
    # partners share outside the regimes in the JSON's order, and no party list of India held
    # (said once, not a gap per party).
    expect(page.locator("#brief-codes")).to_contain_text(
        "India subscribes to no code of conduct held in the graph."
    )
    shared = page.locator("#brief-shared")
    expect(shared).to_have_attribute("data-total", str(api["shared"]["total"]))
    codes = shared.locator("ol > li[data-code]").evaluate_all(
        "items => items.map(i => i.dataset.code)"
    )
    assert codes == [p["code"] for p in api["shared"]["items"]]
    expect(page.locator("#brief-parties-not-held")).to_have_count(1)
    first = api["to_adopt"]["items"][0]
    row = page.locator(f'#brief-to_adopt li.divergence[data-code="{first["code"]}"]')
    row.locator("button.evidence-toggle").click()
    expect(row.locator('.side[data-jurisdiction="IN"]')).to_contain_text("No entry in its lists.")
    expect(row.locator('.side[data-jurisdiction="wassenaar"] .text')).to_contain_text(
        first["reference"]["text"].split(";")[0]
    )
    # A point to align: both thresholds, each side by its name.
    align = next(r for r in api["to_align"]["items"] if r["parameter_differences"])
    row = page.locator(f'#brief-to_align li.divergence[data-code="{align["code"]}"]')
    row.locator("button.evidence-toggle").click()
    values = align["parameter_differences"][0]["values"]
    thresholds = row.locator(".evidence table")
    expect(thresholds).to_contain_text(f"India: {values['IN']}")
    expect(thresholds).to_contain_text(f"Wassenaar Arrangement: {values['wassenaar']}")
    # The same brief as Markdown, page and PDF: the links name it.
    expect(page.locator("#brief-markdown")).to_have_attribute(
        "href", "/briefs/IN/markdown?against=wassenaar&lang=en"
    )
    expect(page.locator("#brief-page")).to_have_attribute(
        "href", "/briefs/IN/page?against=wassenaar&lang=en"
    )

    with page.expect_download(timeout=120_000) as download:
        page.click("#brief-pdf")
    assert download.value.suggested_filename == "brief-IN-wassenaar.pdf"
    document = pypdfium2.PdfDocument(download.value.path())
    text = " ".join(" ".join(p.get_textpage().get_text_range().split()) for p in document)
    assert "Harmonisation brief: India against the Wassenaar Arrangement" in text
    assert f"Convergence index: {index['percent']:.1f}%" in text
    assert f"To adopt ({api['to_adopt']['total']})" in text
    for point in api["to_adopt"]["items"][:3]:
        assert point["code"] in text
    _shot(page, "task-india-brief")
    _arabic(page, "task-india-brief")
    # In French every label of the view is French; the list texts stay English and say so.
    page.select_option("#lang", "fr")
    expect(page.locator("#brief-title")).to_have_text("Note d'harmonisation")
    expect(page.locator("#brief-to_adopt h2")).to_contain_text("À adopter")
    expect(page.locator("#brief-convergence .label")).to_have_text("Indice de convergence")
    expect(page.locator("#brief-view")).to_contain_text(
        "Les motifs et les textes des entrées sont en anglais"
    )
    page.select_option("#lang", "en")


def test_pair_and_group_briefs_in_the_dashboard(server: str, page: Page) -> None:
    page.goto(f"{server}/#brief?kind=pair&j=US&against=EU&tech=tech:surveillance")
    params = {"technology": "tech:surveillance"}
    pair = httpx.get(f"{server}/briefs/pairs/US/EU", params=params, timeout=60).json()
    only = page.locator("#brief-US-only")
    expect(only).to_have_attribute("data-total", str(pair["first"]["only"]["total"]))
    expect(only.locator("h2")).to_contain_text(
        "What United States controls and European Union does not"
    )
    codes = only.locator("li.divergence").evaluate_all("items => items.map(i => i.dataset.code)")
    assert codes == [r["code"] for r in pair["first"]["only"]["items"]]
    expect(page.locator("#brief-pdf")).to_have_attribute(
        "href", "/briefs/pairs/US/EU/pdf?technology=tech%3Asurveillance&lang=en"
    )

    page.goto(f"{server}/#brief?kind=group&code=echri")
    group = httpx.get(f"{server}/briefs/groups/echri", timeout=60).json()
    cards = page.locator("#brief section.brief-tech")
    expect(cards).to_have_count(len(group["technologies"]))
    for tech in group["technologies"]:
        card = page.locator(f'#brief section.brief-tech[data-technology="{tech["technology"]}"]')
        expect(card.locator(".group-line.no")).to_contain_text(
            f"Without a control ({len(tech['lacking'])})"
        )
        expect(card.locator(".group-line.unknown")).to_contain_text(
            f"Lists not held: unknown, not a gap ({len(tech['not_held'])})"
        )
        rows = card.locator("tbody tr").evaluate_all("rows => rows.map(r => r.dataset.country)")
        assert rows == [r["country"] for r in tech["rows"]]
    expect(page.locator("#brief .brief-head")).to_contain_text(
        "Export Controls and Human Rights Initiative subscribers"
    )
    _shot(page, "task-echri-brief")


def test_the_landing_overview(server: str, page: Page) -> None:
    """The page opens on the overview: each figure is the one the API's analyses give."""
    page.goto(f"{server}/")
    expect(page.locator("#overview-view")).to_be_visible()
    overview = httpx.get(f"{server}/dashboard/overview", timeout=60).json()
    coverage = httpx.get(f"{server}/coverage", params={"limit": 1}, timeout=60).json()
    lacking = httpx.get(
        f"{server}/divergences",
        params={"jurisdiction": ["IN", "wassenaar"], "limit": 1},
        timeout=60,
    ).json()
    # Divergences by kind: India's bar says the rows of the India / Wassenaar comparison.
    india = page.locator('#overview-kinds tr[data-jurisdiction="IN"]')
    expect(india.locator(".num")).to_have_text(f"{lacking['total']:,}")
    expect(india.locator("a")).to_have_attribute("href", "#compare?j=IN,wassenaar")
    # Coverage by jurisdiction, as /coverage sums it up.
    for summary in coverage["jurisdictions"]:
        row = page.locator(f'#overview-coverage tr[data-jurisdiction="{summary["jurisdiction"]}"]')
        expect(row).to_contain_text(f"{summary['percent']:.1f}%")
        expect(row).to_contain_text(f"{summary['controlled']:,} of {summary['comparable']:,}")
    chips = page.locator("#overview-without li").evaluate_all("l => l.map(i => i.dataset.country)")
    assert sorted(chips) == sorted(coverage["members_without_list"])
    expect(page.locator('#overview-without li[data-country="JP"]')).to_have_text("Japan")
    # The copies' known gaps: the US CCL held is a third party's JSON that may lack items,
    # paragraphs and notes (its source.yaml), and the comparison meets that 1,091 times.
    us = next(s for s in overview["sources"] if s["list_id"].startswith("list:us:"))
    row = page.locator(f'#overview-sources tr[data-list="{us["list_id"]}"]')
    expect(row).to_contain_text("may lack items, paragraphs, notes")
    expect(row).to_contain_text(
        f"{us['not_held_in_copy']:,} Wassenaar entries cannot be compared because of the copy"
    )
    expect(page.locator("#overview-sources tbody tr")).to_have_count(len(overview["sources"]))
    _shot(page, "overview")
    _arabic(page, "overview")
    # Back to it from another view, by its link.
    page.click("#nav-compare")
    expect(page.locator("#compare-view")).to_be_visible()
    page.click("#nav-overview")
    expect(page.locator("#overview-view")).to_be_visible()
    expect(page.locator("#nav-overview")).to_have_attribute("aria-current", "page")


def test_unknown_things_in_the_address_are_said(server: str, browser: Browser) -> None:
    # Its own page: the unknown entry's 404 is reported on the console, as it should be.
    context = browser.new_context(viewport={"width": 1400, "height": 1150}, locale="en-GB")
    page = context.new_page()
    page.goto(f"{server}/#compare?j=US,XX&tech=tech:nothing")
    expect(page.locator("#form-error")).to_contain_text(
        "The address names jurisdictions the graph does not hold: XX."
    )
    expect(page.locator("#form-error")).to_contain_text("tech:nothing")
    page.goto(f"{server}/#entry/entry:nowhere:5A002")
    expect(page.locator("#entry-status")).to_contain_text("No entry “entry:nowhere:5A002”")
    page.goto(f"{server}/#document/doc:0000000000000000")
    expect(page.locator("#documents-status")).to_have_text(
        "No document “doc:0000000000000000” in the graph."
    )
    page.goto(f"{server}/#lacks/ZZ")
    expect(page.locator("#lacks-status")).to_have_text("No country “ZZ” in the graph.")
    page.goto(f"{server}/#brief?kind=state&j=XX&against=wassenaar")
    expect(page.locator("#brief-status")).to_have_text(
        "The address names “XX”, which the graph does not hold."
    )
    expect(page.locator("#brief")).to_be_empty()
    # A regime no brief is measured against (MTCR): said, and Wassenaar's brief shown.
    page.goto(f"{server}/#brief?kind=state&j=IN&against=mtcr")
    expect(page.locator("#brief-status")).to_contain_text(
        "A brief is not measured against Missile Technology Control Regime: "
        "Wassenaar Arrangement is used instead."
    )
    expect(page.locator("#brief .brief-head")).to_contain_text("India against Wassenaar 2025")
    context.close()


def test_an_arabic_article_leads_to_the_controls_it_concerns(server: str, page: Page) -> None:
    """ar-2021-12-03-us-surveillance-export-campaign.txt: "إن الولايات المتحدة تخطط لبدء حملة
    عالمية من شأنها تقييد تصدير أدوات المراقبة للأنظمة الاستبدادية" (the US plans a campaign
    restricting the export of surveillance tools); it names Singapore, for which no list is held."""
    docs = httpx.get(f"{server}/documents", params={"language": "ar"}, timeout=60).json()
    (doc,) = [
        d for d in docs["items"] if d["source"].endswith("us-surveillance-export-campaign.txt")
    ]
    controls = httpx.get(f"{server}/documents/{doc['id']}/controls", timeout=60).json()
    us = next(
        c
        for c in controls["controls"]
        if (c["technology"], c["jurisdiction"]) == ("tech:surveillance", "US")
    )
    page.goto(f"{server}/#documents")
    page.click(f'a[href="#document/{quote(doc["id"], safe="")}"]')
    # The title in its language, right to left inside the English page.
    head = page.locator("#document-head")
    expect(head).to_have_text(doc["title"])
    expect(head).to_have_attribute("dir", "rtl")
    expect(head).to_have_attribute("lang", "ar")
    card = page.locator('.tech-controls[data-tech="tech:surveillance"]')
    expect(card.locator("h2")).to_contain_text("Controls covering Surveillance")
    us_row = card.locator("tr", has=page.locator('th:text-is("United States")'))
    expect(us_row).to_contain_text(f"{len(us['entries'])} entries cover it")
    expect(us_row.locator("a")).to_have_count(len(us["entries"]))
    singapore = card.locator("tr", has=page.locator('th:text-is("Singapore")'))
    expect(singapore).to_have_attribute("data-state", "no-list-held")
    expect(singapore).to_contain_text("no list held: nothing is known of its controls")
    (div,) = [d for d in controls["divergences"] if d["technology"] == "tech:surveillance"]
    compare = card.locator("a.compare-link")
    expect(compare).to_have_attribute(
        "href", f"#compare?j={'%2C'.join(div['jurisdictions'])}&tech=tech%3Asurveillance"
    )
    _shot(page, "document")
    _arabic(page, "document")
    # From the article to a control entry of the US list.
    first = us["entries"][0]["entry"]
    us_row = card.locator("tr", has=page.locator('th:text-is("United States")'))
    us_row.locator(f'a[href="#entry/{quote(first["id"], safe="")}"]').click()
    expect(page.locator("#entry-view")).to_be_visible()
    expect(page.locator("#entry-head")).to_contain_text(first["code"])
    # And back to the document, then on to the comparison it offers.
    page.go_back()
    expect(compare).to_be_visible()
    compare.click()
    expect(page.locator("#compare-view")).to_be_visible()
    expect(page.locator("#summary")).to_contain_text("Surveillance")


# --- changes between editions, and an entry's timeline --------------------------------------


def test_what_changed_between_two_wassenaar_editions(server: str, page: Page) -> None:
    """The 2025 list (WA-LIST (25) 1 Corr., p. 20) ends 1.C.11 with "e. Iodine pentafluoride
    (CAS 7783-66-6)."; the 2021 list's Category 1 (wa-list-2021-12-22/03_Cat-1.doc) ends it
    with "d. Nitroguanidine (NQ) (CAS 556-88-7).": 1.C.11.e was added between the two."""
    page.goto(f"{server}/")
    page.click("#nav-changes")
    sentence = page.locator("#changes-sentence")
    expect(sentence).to_be_visible()
    # By default the reference list, its two newest editions.
    assert page.url.endswith("#changes?list=wassenaar&from=2021&to=2025")
    pair = {"after": "list:wassenaar:2025", "before": "list:wassenaar:2021"}
    api = httpx.get(f"{server}/changes", params={**pair, "limit": 20}, timeout=60).json()
    counts = api["counts"]
    total = sum(counts.values())
    assert total == api["total"] > 0
    expect(sentence).to_have_text(
        f"{total:,} entries changed: {counts.get('added', 0)} added, "
        f"{counts.get('removed', 0)} removed, {counts.get('renumbered', 0)} renumbered, "
        f"{counts.get('changed', 0)} with another text or other fields."
    )
    for kind, n in counts.items():
        expect(page.locator(f'#changes-kinds button[data-kind="{kind}"]')).to_contain_text(f"{n:,}")
    # Per category, as /changes counts them over all pages; together they are every change.
    assert sum(sum(k.values()) for k in api["categories"].values()) == total
    for category, kinds in api["categories"].items():
        row = page.locator(f'#changes-counts tr[data-category="{category}"]')
        for kind, n in kinds.items():
            expect(row.locator(f'td[data-kind="{kind}"]')).to_have_text(f"{n:,}")
        expect(row.locator("td.total")).to_have_text(f"{sum(kinds.values()):,}")
    # Each edition by its name, its date and a link to its official text; never its id.
    lists = {x["list_id"]: x for x in httpx.get(f"{server}/lists", timeout=60).json()["items"]}
    for list_id, name, day in [(pair["before"], "Wassenaar 2021", "Dec 22, 2021"),
                               (pair["after"], "Wassenaar 2025", "Jan 15, 2026")]:  # fmt: skip
        edition = page.locator(f'#changes-summary li[data-list="{list_id}"]')
        expect(edition).to_contain_text(f"{name} — Edition of {day}")
        expect(edition.locator("a")).to_have_attribute("href", lists[list_id]["source_url"])
    expect(page.locator("#changes-view")).not_to_contain_text("list:wassenaar")
    # The rows of the first page, in the API's order, then the next page.
    rows = page.locator("#changes-items li.change")
    codes = rows.evaluate_all("items => items.map(i => i.dataset.code)")
    assert codes == [r["canonical"] for r in api["items"]]
    expect(page.locator("#changes-shown")).to_have_text(f"20 of {total:,} shown")
    page.click("#changes-more")
    expect(rows).to_have_count(40)

    # What was added in Category 1: the view's rows are the API's.
    page.click('#changes-kinds button[data-kind="added"]')
    # The page redrawn for the kind chosen before a category is chosen in it.
    expect(page.locator('#changes-kinds button[data-kind="added"]')).to_have_attribute(
        "aria-pressed", "true"
    )
    page.click('#changes-counts tr[data-category="1"] button')
    expect(page.locator("#changes-counts tr.selected")).to_have_attribute("data-category", "1")
    params: dict[str, str | int] = {**pair, "change": "added", "category": "1", "limit": 20}
    added = httpx.get(f"{server}/changes", params=params, timeout=60).json()
    expect(rows).to_have_count(added["total"])
    codes = rows.evaluate_all("items => items.map(i => i.dataset.code)")
    assert codes == [r["canonical"] for r in added["items"]]
    assert "1C011.e" in codes
    iodine = page.locator('#changes-items li.change[data-code="1C011.e"]')
    expect(iodine.locator(".change-kind")).to_have_text("Added")
    expect(iodine.locator('.side[data-list="list:wassenaar:2021"]')).to_contain_text(
        "Not in this edition."
    )
    expect(iodine.locator('.side[data-list="list:wassenaar:2025"]')).to_contain_text(
        "Iodine pentafluoride (CAS 7783-66-6)."
    )
    _shot(page, "changes")
    page.select_option("#lang", "ar")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("#changes-title")).to_have_text("التغييرات بين الإصدارات")
    expect(iodine.locator(".change-kind")).to_have_text("مُضاف")
    _shot(page, "changes-ar")
    page.select_option("#lang", "en")

    # The added entry's page: its timeline is /entries/{id}/timeline's.
    iodine.locator("a", has_text="1.C.11.e").click()
    expect(page.locator("#entry-head")).to_contain_text("1.C.11.e")
    timeline = httpx.get(
        f"{server}/entries/entry:wassenaar:2025:1C011.e/timeline", timeout=60
    ).json()
    assert [s["change"] for s in timeline["steps"]] == ["absent", "added"]
    steps = page.locator("#entry-timeline ol.timeline li")
    expect(steps).to_have_count(len(timeline["steps"]))
    shown = steps.evaluate_all("items => items.map(i => [i.dataset.list, i.dataset.change])")
    assert shown == [[s["edition"]["list_id"], s["change"]] for s in timeline["steps"]]
    expect(steps.nth(0)).to_contain_text("Wassenaar 2021 — Dec 22, 2021")
    expect(steps.nth(0)).to_contain_text("not in this edition")
    expect(steps.nth(1)).to_contain_text("added")
    expect(steps.nth(1)).to_have_attribute("aria-current", "true")
    what = steps.nth(1).locator("a.timeline-changes")
    expect(what).to_have_attribute("href", "#changes?list=wassenaar&from=2021&to=2025&code=1C011.e")
    _shot(page, "entry-timeline")
    page.select_option("#lang", "ar")
    expect(page.locator("#entry-timeline h2")).to_have_text("في كل إصدار محفوظ من Wassenaar")
    _shot(page, "entry-timeline-ar")
    page.select_option("#lang", "en")
    # From the timeline back to that edition's change, the entry's alone.
    page.locator("#entry-timeline a.timeline-changes").click()
    expect(page.locator("#changes-code")).to_contain_text("1C011.e")
    expect(rows).to_have_count(1)
    expect(rows.first).to_have_attribute("data-code", "1C011.e")


def test_an_eu_entry_across_three_editions(server: str, page: Page) -> None:
    """5A002 is in the three EU editions held (2021, 2022, 2025): its timeline says how it
    went, each step as /entries/{id}/timeline gives it."""
    entry = "entry:eu:2025-11-15:5A002"
    timeline = httpx.get(f"{server}/entries/{entry}/timeline", timeout=60).json()
    page.goto(f"{server}/#entry/{quote(entry, safe='')}")
    steps = page.locator("#entry-timeline ol.timeline li")
    expect(steps).to_have_count(3)
    shown = steps.evaluate_all("items => items.map(i => [i.dataset.list, i.dataset.change])")
    assert shown == [[s["edition"]["list_id"], s["change"]] for s in timeline["steps"]]
    assert [s[0] for s in shown] == ["list:eu:2021", "list:eu:2022-05-05", "list:eu:2025-11-15"]
    expect(page.locator("#entry-timeline h2")).to_have_text("In each edition held of EU Annex I")
    for i, step in enumerate(timeline["steps"]):
        link = steps.nth(i).locator("a.timeline-changes")
        expect(link).to_have_count(1 if step["change"] in ("added", "changed", "renumbered") else 0)
    # The 2025 step leads to the changes of 5A002 and its sub-entries from 2022 to 2025.
    assert timeline["steps"][2]["change"] == "changed"
    steps.nth(2).locator("a.timeline-changes").click()
    rows = page.locator("#changes-items li.change")
    expect(page.locator("#changes-code-input")).to_have_value("5A002")
    params: dict[str, str | int] = {
        "after": "list:eu:2025-11-15",
        "before": "list:eu:2022-05-05",
        "code_prefix": "5A002",
        "limit": 20,
    }
    api = httpx.get(f"{server}/changes", params=params, timeout=60).json()
    expect(rows).to_have_count(api["total"])
    codes = rows.evaluate_all("items => items.map(i => i.dataset.code)")
    assert codes == [r["canonical"] for r in api["items"]]

    # A code typed in the form: 2B352 from 2021 to 2022. The 2022 consolidated text (p. 156)
    # gives 2B352.f.2 a new note, "Note 2: 2B352.f.2. includes any isolator meeting all of
    # the above mentioned characteristics, regardless of its intended use and its
    # designation."; the 2021 text (Norway's Liste II) has two notes, the second now Note 3.
    page.select_option("#changes-from", "2021")
    page.select_option("#changes-to", "2022-05-05")
    page.fill("#changes-code-input", "2B352")
    page.click("#changes-button")
    expect(page.locator("#changes-code")).to_contain_text("2B352")
    params = {"after": "list:eu:2022-05-05", "before": "list:eu:2021", "code_prefix": "2B352"}
    api = httpx.get(f"{server}/changes", params=params, timeout=60).json()
    expect(rows).to_have_count(api["total"])
    codes = rows.evaluate_all("items => items.map(i => i.dataset.code)")
    assert codes == [r["canonical"] for r in api["items"]]
    # The counts are the code's: one category, 2.
    assert list(api["categories"]) == ["2"]
    expect(page.locator("#changes-counts tbody tr")).to_have_count(1)
    expect(page.locator('#changes-counts tr[data-category="2"] td.total')).to_have_text(
        str(api["total"])
    )
    isolator = page.locator('#changes-items li.change[data-code="2B352.f.2"]')
    expect(isolator.locator(".facts")).to_contain_text("What changed: notes.")
    isolator.locator("details.lines summary").click()
    expect(isolator.locator("details.lines ins")).to_contain_text(
        ["includes any isolator meeting all of the above mentioned characteristics"]
    )


def test_the_changes_view_says_what_the_address_names_wrongly(server: str, page: Page) -> None:
    page.goto(f"{server}/#changes?list=zz")
    expect(page.locator("#changes-status")).to_have_text(
        "The address names a list the graph does not hold: “zz”."
    )
    expect(page.locator("#changes")).to_be_empty()
    # SCOMET: one edition held, which is said rather than "no change".
    page.goto(f"{server}/#changes?list=in")
    expect(page.locator("#changes-single")).to_contain_text(
        "Only one edition of SCOMET is held (SCOMET 2024, edition of Sep 2, 2024)"
    )
    expect(page.locator("#changes-sentence")).to_have_count(0)
    # An edition not held: said, and the two newest compared instead.
    page.goto(f"{server}/#changes?list=eu&from=2019")
    expect(page.locator("#changes-status")).to_contain_text(
        "EU Annex I: no edition “2019” is held (editions held: EU Annex I 2021, "
        "EU Annex I 2022, EU Annex I 2025); the two newest are compared instead."
    )
    expect(page.locator("#changes-summary")).to_contain_text(
        "What changed from EU Annex I 2022 to EU Annex I 2025"
    )
    # Editions given the wrong way round, an unknown kind: both said.
    page.goto(f"{server}/#changes?list=eu&from=2025&to=2021&kind=moved")
    status = page.locator("#changes-status")
    expect(status).to_contain_text("they are compared the other way round")
    expect(status).to_contain_text("an unknown kind of change: “moved”")
    expect(page.locator("#changes-summary")).to_contain_text(
        "What changed from EU Annex I 2021 to EU Annex I 2025"
    )
    api = httpx.get(
        f"{server}/changes",
        params={"after": "list:eu:2025-11-15", "before": "list:eu:2021", "limit": 1},
        timeout=60,
    ).json()
    expect(page.locator("#changes-shown")).to_have_text(f"20 of {api['total']:,} shown")
