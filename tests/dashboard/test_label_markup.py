"""Markup in a state or specialty never becomes a live link or bold text in a chart, and the page's
Content-Security-Policy is in force, in headless Chromium.

Two ways in: crafted landing files loaded for real (the load clears the values, the postings stay),
and a warehouse written by hand with the values in place (the charts escape every label)."""

from __future__ import annotations

import json
import shutil

import pytest
from selenium.webdriver.support.ui import WebDriverWait

from tests.dashboard.conftest import build_warehouse, posting_rows, serve_dashboard
from tests.dashboard.test_browser import console_errors, wait_until_rendered
from tests.warehouse.conftest import LANDING, quiet

pytestmark = pytest.mark.browser
LINK = '<a href="https://evil.example">x</a>'
BOLD = "<b>cardiology</b>"
RUN = "greenhouse-20260310T060000Z-mark00"
# Every chart's SVG: a link Plotly drew (<a> inside the SVG), or a bold span (<b> becomes font-weight: bold).
MARKUP_DRAWN = """
    const svgs = [...document.querySelectorAll('.js-plotly-plot svg')];
    return {links: svgs.flatMap(s => [...s.querySelectorAll('a')]).length,
            bold: svgs.flatMap(s => [...s.querySelectorAll('tspan, text')])
                      .filter(t => /bold/.test(t.getAttribute('style') || '')).length,
            text: svgs.map(s => s.textContent).join(' ')};"""


@pytest.fixture(scope="module")
def loaded_warehouse(tmp_path_factory) -> str:
    """A warehouse loaded from landing files that carry markup in state and specialty."""
    from warehouse import load

    folder = tmp_path_factory.mktemp("markup-load")
    shutil.copytree(LANDING, folder / "landing")
    good = json.loads((LANDING / "greenhouse" / "greenhouse-20260301T060000Z-a1b2c3.jsonl").read_text().splitlines()[0])
    crafted = [{**good, "source_id": "link", "run_id": RUN, "state": LINK},
               {**good, "source_id": "bold", "run_id": RUN, "tags": {**good["tags"], "specialty": BOLD}}]
    (folder / "landing" / "greenhouse" / f"{RUN}.jsonl").write_text("".join(json.dumps(i) + "\n" for i in crafted))
    db = folder / "warehouse.duckdb"
    load.load(db, folder / "landing", progress=quiet)
    return str(db)


@pytest.fixture(scope="module")
def loaded_url(loaded_warehouse):
    yield from serve_dashboard(loaded_warehouse)


@pytest.fixture(scope="module")
def hand_made_url(tmp_path_factory):
    """The dashboard over a warehouse written by hand, the markup values in postings themselves."""
    rows = posting_rows()
    for row in rows[:12]:
        row["state"] = LINK
    for row in rows[12:24]:
        row["specialty"] = BOLD
    yield from serve_dashboard(build_warehouse(tmp_path_factory.mktemp("markup-hand") / "warehouse.duckdb", rows))


def drawn(browser, url: str, path: str, graph_id: str) -> dict:
    browser.get_log("browser")
    browser.get(url + path)
    wait_until_rendered(browser)
    WebDriverWait(browser, 15).until(lambda d: "n = " in d.find_element("id", graph_id).text)
    return browser.execute_script(MARKUP_DRAWN)


@pytest.mark.parametrize("path, graph_id", [("/pay", "pay-stated"), ("/ehr", "ehr-specialty"),
                                            ("/certifications", "cert-specialty")])
def test_markup_from_landing_files_reaches_no_chart(browser, loaded_url, path, graph_id):
    found = drawn(browser, loaded_url, path, graph_id)
    assert (found["links"], found["bold"]) == (0, 0)
    assert "evil.example" not in found["text"] and "<b>" not in found["text"]
    assert console_errors(browser) == []


def test_the_loaded_postings_are_kept_with_the_field_cleared(loaded_warehouse):
    from warehouse import reader

    assert reader.query_rows(loaded_warehouse, "SELECT source_id, state, specialty, is_ma FROM postings "
                                               "WHERE source_id IN ('bold', 'link') ORDER BY 1") == [
        ("bold", "OK", None, True), ("link", None, None, True)]
    assert reader.query_rows(loaded_warehouse, "SELECT field, value FROM cleared_values ORDER BY 1") == [
        ("specialty", BOLD), ("state", LINK)]


@pytest.mark.parametrize("path, graph_id, shown", [("/pay", "pay-stated", LINK), ("/ehr", "ehr-specialty", BOLD)])
def test_a_markup_label_in_the_warehouse_is_drawn_as_plain_text(browser, hand_made_url, path, graph_id, shown):
    found = drawn(browser, hand_made_url, path, graph_id)
    assert (found["links"], found["bold"]) == (0, 0)
    assert shown in found["text"]  # the characters themselves, as text
    assert console_errors(browser) == []


def test_the_browser_enforces_the_content_security_policy(browser, dashboard_url):
    browser.get(dashboard_url + "/")
    wait_until_rendered(browser)
    browser.get_log("browser")
    ran = browser.execute_script("""
        const planted = document.createElement('script');
        planted.textContent = 'window.__planted = 1';
        document.body.appendChild(planted);
        return window.__planted === 1;""")
    assert ran is False
    assert any("Content Security Policy" in entry["message"] for entry in browser.get_log("browser"))
