"""The dashboard in a real browser: headless Chromium (Debian's package) driven by Playwright,
against ``harmonia serve`` on 127.0.0.1 over the real graph.

Saves ``artifacts/dashboard.png`` (a US / EU / Wassenaar comparison with its evidence open) and
``artifacts/dashboard-ar.png`` (the same page in Arabic, right to left).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Browser, Page, Route, expect, sync_playwright
from real_graph import real_graph_path

from bench.api import free_port

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

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``harmonia serve`` in a child process, stopped (by its pid) when the module ends."""
    port = free_port()
    env = {**os.environ, "HARMONIA_DB_PATH": str(real_graph_path())}
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
    page.goto(f"{server}/")
    # The page opens on a default comparison (US and EU), with rows from the API.
    expect(page.locator("li.divergence").first).to_be_visible()
    expect(page.locator("#summary")).to_contain_text("United States")

    # Choose a comparison: add the Wassenaar list, pick a technology, compare.
    page.check("#j-wassenaar")
    page.select_option("#technology", "tech:advanced-semiconductors")
    page.click("#compare-button")
    expect(page.locator("#summary")).to_contain_text("Advanced semiconductors")
    expect(page.locator("#status")).to_contain_text("US, EU, wassenaar")

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
    assert headers[1:] == ["US", "EU", "wassenaar"]
    expect(page.locator("table.matrix tbody tr").first).to_contain_text("%")

    # The evidence of the first row: codes, editions and full texts side by side.
    first = api["items"][0]
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
            expect(box).to_contain_text(edition["list_id"])
    expect(row.locator(".reason")).to_have_text(first["reason"])

    # A scope difference, opened from the keyboard: its texts differ word by word.
    scoped = page.locator('li.divergence[data-kind="scope-differs"]').first
    toggle = scoped.locator("button.evidence-toggle")
    toggle.focus()
    page.keyboard.press("Enter")
    expect(toggle).to_have_attribute("aria-expanded", "true")
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
    page.screenshot(path=str(ARTIFACTS / "dashboard-ar.png"))
    page.select_option("#lang", "fr")
    expect(page.locator("html")).to_have_attribute("dir", "ltr")
    expect(page.locator("#compare-title")).to_have_text("Comparer les contrôles à l'exportation")
    page.select_option("#lang", "en")


def test_country_page(server: str, page: Page) -> None:
    page.goto(f"{server}/#country/IN")
    expect(page.locator("#country")).to_contain_text("India")
    expect(page.locator("#country")).to_contain_text("list:in:2024-09-02")
    expect(page.locator("#country")).to_contain_text("Wassenaar Arrangement")
    expect(page.locator("#nav-country")).to_have_attribute("aria-current", "page")
    page.select_option("#country-pick", "FR")
    expect(page.locator("#country")).to_contain_text("list:eu:2025-11-15")
    expect(page.locator("#country")).to_contain_text("member state of the European Union")
    # From the country page to a comparison of its lists.
    page.click("#country a[href^='#compare']")
    expect(page.locator("li.divergence").first).to_be_visible()
    expect(page.locator("#summary")).to_contain_text("European Union")


def test_two_jurisdictions_are_required(server: str, page: Page) -> None:
    page.goto(f"{server}/")
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
