"""Every page over the warehouse `ma-demand demo` builds (real spiders, real loader, 2,400 synthetic
postings), in headless Chromium: the demo banner, no console errors, every claim measured, and
charts with data. The screenshots in docs/screenshots are taken here, so they show what `make run`
shows: `make screenshots` runs this file with MA_DEMAND_SCREENSHOTS=1 to rewrite them; a plain test run
leaves the tracked files alone."""

from __future__ import annotations

import base64
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from tests.dashboard.test_browser import NAV_PAGES, SCREENSHOTS, console_errors, wait_for, wait_until_rendered
from warehouse import reader
from warehouse.claims import registry

pytestmark = [pytest.mark.browser, pytest.mark.slow]
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def demo_warehouse(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("demo")
    db = folder / "demo.duckdb"
    env = {key: value for key, value in os.environ.items() if key != "SCRAPY_SETTINGS_MODULE"}
    env["MA_DEMAND_DATA_DIR"] = str(folder / "data")
    result = subprocess.run([sys.executable, "-c", "import ma_demand, sys; sys.exit(ma_demand.main(sys.argv[1:]))",
                             "demo", "--no-serve", "--db", str(db)],
                            cwd=REPO, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-2000:]
    return db


@pytest.fixture(scope="module")
def demo_url(demo_warehouse):
    from werkzeug.serving import make_server

    from dashboard.app import create_app

    server = make_server("127.0.0.1", 0, create_app(demo_warehouse).server, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def save_full_page(driver, name: str) -> None:
    """A screenshot of the whole page, not only the window (Chrome DevTools captureBeyondViewport)."""
    if os.environ.get("MA_DEMAND_SCREENSHOTS", "0") != "1":
        return
    metrics = driver.execute_cdp_cmd("Page.getLayoutMetrics", {})
    width = int(driver.execute_script("return window.innerWidth"))  # the capture lays out without a scrollbar
    height = min(int(metrics["cssContentSize"]["height"]), 3000)
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {
        "format": "png", "captureBeyondViewport": True,
        "clip": {"x": 0, "y": 0, "width": width, "height": height, "scale": 1}})
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    (SCREENSHOTS / f"{name}.png").write_bytes(base64.b64decode(shot["data"]))


def test_the_demo_warehouse_measures_every_claim(demo_warehouse):
    measured = dict(reader.query_rows(demo_warehouse, "SELECT claim_id, verdict FROM claim_results"))
    assert set(measured) == {claim.id for claim in registry()}
    assert "too little data" not in measured.values()


@pytest.mark.parametrize("page", NAV_PAGES, ids=[page.NAME for page in NAV_PAGES])
def test_every_page_of_the_demo_shows_data_without_console_errors(browser, demo_url, page):
    browser.get_log("browser")
    browser.get(demo_url + page.PATH)
    wait_until_rendered(browser, timeout=30)
    assert "Demo data: synthetic postings" in browser.find_element(By.ID, "demo-banner").text
    WebDriverWait(browser, 30).until(lambda d: not d.find_elements(By.CSS_SELECTOR, "[data-dash-is-loading='true']"))
    body = browser.find_element(By.ID, "page-content").text
    assert "No claim results yet" not in body and "no postings" not in body.lower()
    if page.PATH == "/explorer":
        WebDriverWait(browser, 15).until(lambda d: "postings match" in d.find_element(By.ID, "explorer-count").text)
        wait_for(browser, ".ag-row[row-id] .ag-cell[col-id='title']")
    assert console_errors(browser) == []
    save_full_page(browser, page.PATH.strip("/") or "scorecard")


def test_the_demo_trends_page_draws_the_weeks_of_its_simulated_crawls(browser, demo_url):
    browser.get(demo_url + "/trends")
    wait_until_rendered(browser, timeout=30)
    drawn = WebDriverWait(browser, 30).until(lambda d: d.execute_script(
        "const g = document.querySelector('#trend-new .js-plotly-plot'); return g && g._fullData && "
        "g._fullData.length && Array.from(g._fullData[0].y).filter(v => v > 0).length;"))
    assert drawn >= 2
    assert "a trend needs crawls in at least two weeks" not in browser.find_element(By.ID, "page-content").text


def test_the_demo_methods_page_gives_each_claims_measured_tagger_error(browser, demo_url):
    browser.get(demo_url + "/methods")
    wait_for(browser, "#methods-claims tbody tr", timeout=30)
    claims_text = browser.find_element(By.ID, "methods-claims").text
    assert "sensitivity" in claims_text and "held-out values wrong" in claims_text
    assert "not measured: the held-out set labels no skills" in claims_text
    assert console_errors(browser) == []


def test_a_demo_posting_shows_its_evidence_highlighted(browser, demo_url, demo_warehouse):
    posting_id = reader.query_rows(
        demo_warehouse, "SELECT posting_id FROM posting_tags WHERE dimension = 'certification' AND requirement = 'required' "
                        "ORDER BY posting_id LIMIT 1")[0][0]
    browser.get(f"{demo_url}/posting?id={posting_id}")
    wait_for(browser, "#posting-text mark", timeout=30)
    assert browser.find_elements(By.CSS_SELECTOR, "#posting-text mark")
    assert console_errors(browser) == []
    save_full_page(browser, "posting")


def test_the_demo_weights_every_claim_to_ma_jobs_by_state(demo_warehouse):
    rows = reader.query_rows(demo_warehouse, "SELECT r.weighted_verdict, r.weighted_n, r.weighted_n_effective, c.min_n "
                                             "FROM claim_results r JOIN claims c USING (claim_id)")
    assert all(0 < effective <= n for _, n, effective, _ in rows)
    # too little data only where weighting leaves fewer effective postings than the claim's min n
    assert all((verdict == "too little data") == (effective < min_n) for verdict, _, effective, min_n in rows)
    assert sum(verdict != "too little data" for verdict, *_ in rows) > len(rows) // 2
    states, weighted = reader.query_rows(demo_warehouse, "SELECT states_with_postings, states_weighted "
                                                         "FROM v_coverage_summary")[0]
    assert states > weighted > 5  # the demo spreads over more states than the shipped figures cover


def test_the_demo_scorecard_shows_the_coverage_panel_and_both_verdicts(browser, demo_url):
    browser.get(demo_url + "/")
    wait_for(browser, "#claims td.weighted .weighted-verdict", timeout=30)
    assert "states with an OEWS MA employment figure" in browser.find_element(By.ID, "coverage-summary").text
    assert len(browser.find_elements(By.CSS_SELECTOR, "#claims .weighted-verdict")) == len(registry())
