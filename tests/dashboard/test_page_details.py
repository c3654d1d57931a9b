"""Page details a first-time user trips over (issue 16), in headless Chromium: the geography maps'
grey states, metric in the URL, pay n and percent shares; the explorer's rows and headers; the
seniority filter's order; whole-number histogram ticks; the active nav link; the ladder's legend;
the data-health page's count labels."""

from __future__ import annotations

import json

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from dashboard.pages.geography import TOO_FEW_GREY
from dashboard.vocabulary import guide
from tests.dashboard.conftest import posting_rows
from tests.dashboard.test_browser import figure_data, wait_for, wait_until_rendered

pytestmark = pytest.mark.browser


def plotted(driver, graph_id: str) -> list[dict]:
    return json.loads(WebDriverWait(driver, 15).until(lambda d: figure_data(d, graph_id)))


def title_of(driver, graph_id: str) -> str:
    return WebDriverWait(driver, 15).until(lambda d: d.execute_script(
        f"const t = document.querySelector('#{graph_id} .gtitle'); return t && t.textContent;"))


def rgb(hex_colour: str) -> str:
    red, green, blue = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    return f"rgb({red}, {green}, {blue})"


def test_geography_leaves_states_under_the_minimum_grey_on_the_pay_map(browser, dashboard_url):
    browser.get(dashboard_url + "/geography?metric=pay")
    wait_until_rendered(browser)
    # Every state of the hand-made warehouse has 8 postings, under the minimum of 30.
    fills = WebDriverWait(browser, 15).until(lambda d: d.execute_script(
        "const p = [...document.querySelectorAll('#geo-map .choroplethlocation')]; "
        "return p.length === 6 && p.map(path => getComputedStyle(path).fill);"))
    assert set(fills) == {rgb(TOO_FEW_GREY)}
    assert "Mean posted hourly pay" in title_of(browser, "geo-map")


def test_geography_keeps_the_chosen_metric_in_the_url_across_a_reload(browser, dashboard_url):
    browser.get(dashboard_url + "/geography?state=TX")
    wait_until_rendered(browser)
    browser.find_element(By.CSS_SELECTOR, "#geo-metric input[value='cert_required']").click()
    WebDriverWait(browser, 15).until(lambda d: "metric=cert_required" in d.current_url)
    assert "state=TX" in browser.current_url
    browser.refresh()
    wait_until_rendered(browser)
    WebDriverWait(browser, 15).until(lambda d: "Share requiring an MA credential" in title_of(d, "geo-map"))
    assert browser.find_element(By.CSS_SELECTOR, "#geo-metric input[value='cert_required']").is_selected()


def test_geography_pay_map_counts_the_postings_with_pay_and_shares_read_in_percent(browser, one_state_url):
    unique_ma = [row for row in posting_rows() if row["is_ma"] and row["is_canonical"]]
    with_pay = sum(1 for row in unique_ma if row["pay_hourly_min"] is not None)
    assert with_pay < len(unique_ma)
    browser.get(one_state_url + "/geography?metric=pay")
    wait_until_rendered(browser)
    WebDriverWait(browser, 15).until(lambda d: f"n = {with_pay} postings" in title_of(d, "geo-map"))
    browser.get(one_state_url + "/geography?metric=cert_required")
    wait_until_rendered(browser)
    WebDriverWait(browser, 15).until(lambda d: "Share requiring" in title_of(d, "geo-map"))
    share = plotted(browser, "geo-map")[0]
    assert share["locations"] == ["TX"] and 1 < share["z"][0] <= 100
    assert share["colorbar"]["ticksuffix"] == "%"


def test_explorer_fills_the_window_with_rows_under_headers_that_fit(browser, dashboard_url):
    browser.get(dashboard_url + "/explorer")
    wait_for(browser, ".ag-row[row-id] .ag-cell[col-id='title']")
    grid_bottom, visible = browser.execute_script(
        "const view = document.querySelector('#explorer-grid .ag-body-viewport').getBoundingClientRect(); "
        "const bottom = Math.min(view.bottom, window.innerHeight); "
        "return [document.querySelector('#explorer-grid').getBoundingClientRect().bottom, "
        "[...document.querySelectorAll('#explorer-grid .ag-center-cols-container .ag-row')]"
        ".filter(row => row.getBoundingClientRect().bottom <= bottom).length];")
    assert grid_bottom <= browser.execute_script("return window.innerHeight")  # the grid ends in the window
    assert visible >= 16  # a 640 px grid of 42 px rows showed 12 of them in this window
    cut = browser.execute_script(
        "return [...document.querySelectorAll('#explorer-grid .ag-header-cell-text')]"
        ".filter(t => t.scrollWidth > t.clientWidth || t.scrollHeight > t.clientHeight + 1).map(t => t.textContent);")
    assert cut == []


def test_the_seniority_filter_lists_levels_in_ladder_order(browser, dashboard_url):
    browser.get(dashboard_url + "/skills")
    wait_until_rendered(browser)
    browser.find_element(By.ID, "filter-seniority").click()
    options = WebDriverWait(browser, 10).until(
        lambda d: [o.text.strip() for o in d.find_elements(By.CSS_SELECTOR, "[role='option']")])
    ladder = guide()["seniority_order"]["order"]
    assert sorted(options) == ["(not stated)", "entry", "lead", "mid"]
    assert options == sorted(options, key=ladder.index)


def test_the_pay_histogram_ticks_whole_postings_when_filtered(browser, dashboard_url):
    browser.get(dashboard_url + "/pay?state=OK")
    wait_until_rendered(browser)
    ticks = WebDriverWait(browser, 15).until(lambda d: d.execute_script(
        "return [...document.querySelectorAll('#pay-histogram .ytick text')].map(t => t.textContent);"))
    assert ticks and all(tick.replace(",", "").isdigit() for tick in ticks)


def test_the_active_nav_link_follows_the_page_when_filters_are_set(browser, dashboard_url):
    browser.get(dashboard_url + "/pay?state=TX")
    wait_until_rendered(browser)
    WebDriverWait(browser, 15).until(
        lambda d: d.find_element(By.CSS_SELECTOR, ".navbar a[href^='/skills']").get_attribute("href").endswith("state=TX"))
    browser.find_element(By.CSS_SELECTOR, ".navbar a[href^='/skills']").click()
    WebDriverWait(browser, 15).until(lambda d: "/skills?state=TX" in d.current_url)
    wait_until_rendered(browser)
    active = WebDriverWait(browser, 15).until(lambda d: [
        (a.get_attribute("href").split("/")[-1], a.value_of_css_property("color"))
        for a in d.find_elements(By.CSS_SELECTOR, ".navbar .nav-link.active")] or None)
    assert active == [("skills?state=TX", "rgba(13, 110, 253, 1)")]


def test_the_ladder_legends_sit_clear_of_the_chart_titles(browser, dashboard_url):
    browser.get(dashboard_url + "/ladder")
    wait_until_rendered(browser)
    for graph_id in ("ladder-pay", "ladder-years"):
        boxes = WebDriverWait(browser, 15).until(lambda d: d.execute_script(
            f"const g = document.querySelector('#{graph_id} .main-svg'); "
            f"const t = document.querySelector('#{graph_id} .gtitle'); "
            f"const l = document.querySelector('#{graph_id} .legend'); "
            "if (!g || !t || !l) return null; "
            "return [g, t, l].map(e => {const r = e.getBoundingClientRect(); "
            "return [r.left, r.top, r.right, r.bottom];});"))
        chart, title, legend = boxes
        overlaps = not (legend[2] <= title[0] or title[2] <= legend[0] or legend[3] <= title[1] or title[3] <= legend[1])
        assert not overlaps, graph_id
        assert title[2] <= chart[2], f"{graph_id}: the title runs past the chart"


def test_the_health_page_names_the_warehouse_count_the_postings_the_crawl_kept(browser, dashboard_url):
    browser.get(dashboard_url + "/health")
    headers = [th.text for th in wait_for(browser, "#health-counts").find_elements(By.TAG_NAME, "th")]
    assert headers[:2] == ["source", "postings_kept"]
    assert "postings_kept: the postings the crawl kept" in browser.find_element(By.ID, "health-counts-note").text
