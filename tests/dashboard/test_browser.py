"""The dashboard in headless Chromium: every page loads without console errors, filters change the
figures and the URL, the evidence view highlights matches, and posting text never runs as HTML."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from dashboard.pages import PAGES
from tests.dashboard.conftest import XSS_ID

pytestmark = pytest.mark.browser
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"  # written by test_demo_screens.py
NAV_PAGES = [page for page in PAGES if getattr(page, "IN_NAV", True)]


def wait_for(driver, css: str, timeout: float = 15):
    return WebDriverWait(driver, timeout).until(EC.presence_of_element_located((By.CSS_SELECTOR, css)))


def wait_until_rendered(driver, timeout: float = 15):
    """Page content present, and no Dash callback still pending."""
    wait_for(driver, "#page-content > *", timeout)
    WebDriverWait(driver, timeout).until(lambda d: d.execute_script(
        "return !document.querySelector('[data-dash-is-loading=\"true\"]') && "
        "document.querySelectorAll('.js-plotly-plot, table, .ag-root, #posting-view').length > 0"))


def console_errors(driver) -> list[str]:
    return [entry["message"] for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


def figure_data(driver, graph_id: str):
    return driver.execute_script(
        f"const g = document.querySelector('#{graph_id} .js-plotly-plot'); return g && JSON.stringify(g.data);")


@pytest.mark.parametrize("page", NAV_PAGES, ids=[page.NAME for page in NAV_PAGES])
def test_every_page_loads_without_console_errors(browser, dashboard_url, page):
    browser.get_log("browser")
    browser.get(dashboard_url + page.PATH)
    wait_until_rendered(browser)
    assert "Demo data: synthetic postings" in browser.find_element(By.ID, "demo-banner").text
    assert console_errors(browser) == []


def test_state_filter_changes_the_figures_and_the_url(browser, dashboard_url):
    browser.get(dashboard_url + "/certifications")
    wait_until_rendered(browser)
    WebDriverWait(browser, 15).until(lambda d: figure_data(d, "cert-levels"))
    before = figure_data(browser, "cert-levels")
    browser.find_element(By.ID, "filter-state").click()
    WebDriverWait(browser, 10).until(
        lambda d: [o for o in d.find_elements(By.CSS_SELECTOR, "[role='option']") if o.text.strip() == "TX"])[0].click()
    WebDriverWait(browser, 15).until(lambda d: "state=TX" in d.current_url)
    WebDriverWait(browser, 15).until(lambda d: figure_data(d, "cert-levels") not in (None, before))
    assert "n = 8 postings" in browser.find_element(By.ID, "cert-levels").text


def test_career_ladder_shows_not_stated_as_its_own_bar_by_level_and_by_years(browser, dashboard_url):
    browser.get(dashboard_url + "/ladder")
    wait_until_rendered(browser)
    WebDriverWait(browser, 15).until(lambda d: figure_data(d, "ladder-pay") and figure_data(d, "ladder-years"))
    levels = json.loads(figure_data(browser, "ladder-pay"))[0]["x"]
    bands = json.loads(figure_data(browser, "ladder-years"))[0]["x"]
    assert levels == ["entry", "mid", "(not stated)"]  # the lead postings state no pay
    assert bands == ["0-2", "3-5", "(not stated)"]


def test_bookmarked_url_sets_the_filters(browser, dashboard_url):
    browser.get(dashboard_url + "/pay?state=OK")
    wait_until_rendered(browser)
    WebDriverWait(browser, 15).until(lambda d: "n = " in d.find_element(By.ID, "pay-stated").text)
    assert "OK" in browser.find_element(By.ID, "filter-state").text
    assert "n = 8 postings" in browser.find_element(By.ID, "pay-stated").text


def test_posting_view_highlights_the_matched_evidence(browser, dashboard_url):
    browser.get(dashboard_url + "/posting?id=greenhouse:p000")
    wait_for(browser, "#posting-text mark")
    marked = {element.text for element in browser.find_elements(By.CSS_SELECTOR, "#posting-text mark")}
    assert {"CMA", "Epic", "BLS required within 30 days"} <= marked


def test_explorer_rows_open_the_posting_view(browser, dashboard_url):
    browser.get(dashboard_url + "/explorer")
    cell = wait_for(browser, ".ag-row[row-id] .ag-cell[col-id='title']")
    WebDriverWait(browser, 15).until(lambda d: "postings match" in d.find_element(By.ID, "explorer-count").text)
    assert browser.find_element(By.ID, "explorer-count").text == "49 postings match"
    cell.click()
    wait_for(browser, "#explorer-posting #posting-text mark")


def test_xss_posting_renders_as_harmless_text(browser, dashboard_url):
    browser.get(dashboard_url + f"/posting?id={XSS_ID}")
    text = wait_for(browser, "#posting-text")
    assert "<script>window.__xss = 1</script>" in text.text
    assert '<img src=x onerror="window.__xss = 2">' in text.text
    assert browser.find_elements(By.CSS_SELECTOR, "#posting-view script, #posting-view img") == []
    assert browser.execute_script("return window.__xss === undefined")
    assert "<b>MA</b>" in browser.find_element(By.CSS_SELECTOR, "#posting-view h3").text


def test_methods_page_explains_each_verdict_with_the_measured_tagger_error(browser, dashboard_url):
    from warehouse.claims import tagger_error

    browser.get(dashboard_url + "/methods")
    wait_for(browser, "#methods-claims tbody tr", timeout=30)
    steps = browser.find_element(By.ID, "methods-steps").text
    assert all(words in steps for words in ("Population", "Rogan-Gladen", "Inconclusive", "Sampling interval"))
    fields = browser.find_element(By.ID, "methods-fields").text
    assert "is_ma" in fields and "certifications" in fields
    held_out = tagger_error.read()["heldout_postings"]
    assert f"Measured on {held_out} held-out" in browser.find_element(By.ID, "methods-body").text
    # This hand-made warehouse's claim results carry no tagger error: the page says so instead of inventing one.
    assert "not measured: no held-out counts" in browser.find_element(By.ID, "methods-claims").text
    assert console_errors(browser) == []


def test_trends_after_one_crawl_say_so_in_words_instead_of_drawing(browser, one_crawl_url):
    browser.get(one_crawl_url + "/trends")
    wait_until_rendered(browser)
    WebDriverWait(browser, 15).until(lambda d: "two weeks" in d.find_element(By.ID, "trend-new").text)
    assert "week of 05 Jan 2026" in browser.find_element(By.ID, "trend-new").text
    assert json.loads(figure_data(browser, "trend-new")) == []
    assert json.loads(figure_data(browser, "trend-active")) == []


def test_trends_over_many_weeks_use_a_date_axis_at_week_granularity(browser, dashboard_url):
    browser.get(dashboard_url + "/trends")
    wait_until_rendered(browser)
    WebDriverWait(browser, 15).until(lambda d: figure_data(d, "trend-new") not in (None, "[]"))
    layout = json.loads(browser.execute_script(
        "return JSON.stringify(document.querySelector('#trend-new .js-plotly-plot').layout.xaxis)"))
    assert layout["type"] == "date" and layout["dtick"] in ("M1", 7 * 24 * 3600 * 1000)
    ticks = WebDriverWait(browser, 15).until(lambda d: d.execute_script(
        "return [...document.querySelectorAll('#trend-new .xtick text')].map(t => t.textContent)"))
    assert ticks and not any(":" in tick for tick in ticks)  # days, weeks or months, never clock times


def test_methods_page_gives_the_verdict_rule_of_each_kind_of_claim(browser, dashboard_url):
    browser.get(dashboard_url + "/methods")
    rules = wait_for(browser, "#methods-rules")
    rows = {row.find_element(By.TAG_NAME, "td").text: row.text for row in rules.find_elements(By.CSS_SELECTOR, "tbody tr")}
    assert set(rows) == {"share", "share difference", "pay difference", "pay level", "top codes"}
    assert "interval lies below 0" in rows["share difference"] and "inconclusive" in rows["pay difference"]


def test_the_bls_credential_reads_basic_life_support_on_the_certifications_page(browser, dashboard_url):
    browser.get(dashboard_url + "/certifications")
    wait_until_rendered(browser)
    WebDriverWait(browser, 15).until(lambda d: figure_data(d, "cert-levels"))
    names = {name for trace in json.loads(figure_data(browser, "cert-levels")) for name in trace["x"]}
    assert "BLS (Basic Life Support)" in names and "BLS" not in names


def test_posting_view_gives_education_and_experience_chips_and_no_link_for_a_synthetic_posting(browser, dashboard_url):
    browser.get(dashboard_url + "/posting?id=greenhouse:p000")
    chips = wait_for(browser, "#posting-chips").text
    assert "education: MA program (postsecondary certificate)" in chips
    assert "experience: 1+ years (required)" in chips
    assert "no original to link to" in browser.find_element(By.ID, "posting-original").text
    assert browser.find_elements(By.CSS_SELECTOR, "#posting-view a[href*='example.invalid']") == []


def test_the_scorecard_hides_the_filter_bar_the_filtered_pages_show(browser, dashboard_url):
    browser.get(dashboard_url + "/")
    wait_until_rendered(browser)
    WebDriverWait(browser, 15).until(lambda d: not d.find_element(By.ID, "filter-bar").is_displayed())
    browser.get(dashboard_url + "/pay")
    wait_until_rendered(browser)
    assert browser.find_element(By.ID, "filter-bar").is_displayed()



def test_the_scorecard_shows_coverage_and_both_verdicts_with_their_intervals(browser, dashboard_url):
    browser.get(dashboard_url + "/")
    wait_until_rendered(browser)
    wait_for(browser, "#coverage-panel")
    summary = browser.find_element(By.ID, "coverage-summary").text
    # (the states with a figure are those of warehouse/data/oews_ma_state_employment.csv that the fixture's postings name)
    assert "unique MA postings are in the 5 states with an OEWS MA employment figure" in summary
    assert "postings per 1,000 MA jobs" in summary and "top 10 employers" in summary
    assert "1 state with postings has no OEWS figure shipped" in browser.find_element(By.ID, "coverage-gaps").text
    rows = {row.find_element(By.CSS_SELECTOR, "td").text.split("\n")[0]: row
            for row in browser.find_elements(By.CSS_SELECTOR, "#claims tbody tr")}
    cpr = rows["CPR or BLS is nearly universal"]
    assert cpr.find_element(By.CSS_SELECTOR, ".verdict").text == "contradicted"
    weighted = cpr.find_element(By.CSS_SELECTOR, "td.weighted").text
    assert "81.0%" in weighted and "95%: 64.0% to 91.0%" in weighted and "with tagger error: 60.0% to 93.0%" in weighted
    assert "n 33, effective n 21" in weighted
    assert cpr.find_element(By.CSS_SELECTOR, ".weighted-verdict").text == "partly supported"
    assert "differs from the raw verdict (contradicted)" in weighted
    assert rows["Epic is among the most common EHRs"].find_elements(By.CSS_SELECTOR, ".verdict-differs") == []


def test_the_health_page_sets_each_states_postings_beside_its_ma_jobs(browser, dashboard_url):
    browser.get(dashboard_url + "/health")
    wait_until_rendered(browser)
    table = wait_for(browser, "#coverage-states")
    cells = {row.find_elements(By.TAG_NAME, "td")[0].text: [td.text for td in row.find_elements(By.TAG_NAME, "td")]
             for row in table.find_elements(By.CSS_SELECTOR, "tbody tr")}
    assert cells["TX"][1:4] == ["8", "66,720", f"{1000 * 8 / 66720:.2f}"]  # 48 postings over 6 states
    assert cells["OK"][2:4] == ["no OEWS figure shipped", "unknown"]
    assert cells["MN"][1:4] == ["0", "11,840", "0.00"]
    assert table.find_element(By.CSS_SELECTOR, "a[href*='medcareernow.com']").text == "medcareernow.com"


def test_methods_page_states_the_weighting_and_the_employer_cap_it_uses(browser, dashboard_url):
    from warehouse.claims import weighting

    browser.get(dashboard_url + "/methods")
    wait_until_rendered(browser)
    steps = wait_for(browser, "#methods-steps").text
    cap = f"{weighting.settings()['employer_cap']:g}"
    assert "Whom a verdict represents: raw and weighted" in steps
    assert f"one employer counts for at most {cap} postings" in steps and "Kish's effective sample size" in steps
