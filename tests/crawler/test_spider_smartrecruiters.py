"""SmartRecruiters: list paging and the detail payload mapped onto the posting item."""

from __future__ import annotations

import json
from pathlib import Path

from crawler.spiders import smartrecruiters

FIXTURES = Path(__file__).parent / "fixtures_smartrecruiters"


def load(name: str) -> dict:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def test_list_url_pages_by_offset_and_never_asks_more_than_100():
    url = smartrecruiters.list_url("http://127.0.0.1:9/smartrecruiters/", "riverbend-health", offset=200)
    assert url == "http://127.0.0.1:9/smartrecruiters/v1/companies/riverbend-health/postings?offset=200&limit=100"


def test_next_offset_follows_the_page_until_total_found():
    page = load("list_page.json")
    assert smartrecruiters.next_offset(page) == 2
    last = dict(page, offset=2, content=page["content"][:1])
    assert smartrecruiters.next_offset(last) is None


def test_next_offset_stops_on_an_empty_page_even_if_total_found_lies():
    assert smartrecruiters.next_offset({"offset": 0, "totalFound": 50, "content": []}) is None


def test_detail_maps_title_location_dates_and_type():
    item = smartrecruiters.posting_item(load("detail.json"), "riverbend-health", None)
    assert item["source_id"] == "744000000000101"
    assert item["title"] == "Certified Medical Assistant - Family Medicine"
    assert item["employer"] == "Riverbend Health"
    assert (item["city"], item["state"], item["postal_code"]) == ("Tulsa", "OK", "74103")
    assert item["posted_at"] == "2026-03-14T15:02:00Z"
    assert item["employment_type"] == "full_time"
    assert item["url"].startswith("https://jobs.smartrecruiters.com/riverbend-health/744000000000101")


def test_description_joins_non_empty_sections_under_their_titles():
    html = smartrecruiters.description_html(load("detail.json"))
    assert "<h3>Qualifications</h3>" in html and "CMA (AAMA) required" in html
    assert "Additional Information" not in html


def test_posting_api_pay_is_never_invented():
    assert smartrecruiters.posting_item(load("detail.json"), "riverbend-health", None)["pay"] is None


def test_registry_employer_fills_in_when_the_payload_has_no_company():
    detail = load("detail.json")
    del detail["company"]
    assert smartrecruiters.posting_item(detail, "riverbend-health", "Riverbend (registry)")["employer"] == "Riverbend (registry)"
