"""SmartRecruiters: list paging and the detail payload mapped onto the posting item."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

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


# --- whole crawls against the loopback server -------------------------------------------------

from crawler.fixtures.shapes.smartrecruiters import posting_id  # noqa: E402
from crawler.spiders.smartrecruiters import SmartRecruitersSpider  # noqa: E402
from tests.crawler.conftest import synthetic_posting  # noqa: E402

EMPTY_PAGE = (200, "application/json", json.dumps({"offset": 0, "limit": 100, "totalFound": 0, "content": []}))


def board(count: int, name: str = "riverbend-health") -> list[dict]:
    return [synthetic_posting(n, board=name, ats="smartrecruiters") for n in range(1, count + 1)]


def test_crawl_pages_by_offset_and_fetches_every_detail(shape_server, run_crawl):
    server = shape_server(board(130))

    def check(result):
        assert sorted(i["source_id"] for i in result.items) == sorted(posting_id(p) for p in server.postings)
        offsets = sorted(int(parse_qs(urlsplit(u).query)["offset"][0]) for u, _ in server.requests if "offset=" in u)
        limits = {int(parse_qs(urlsplit(u).query)["limit"][0]) for u, _ in server.requests if "limit=" in u}
        assert offsets == [0, 100] and limits == {100}
        assert len(result.feed) == 130

    return run_crawl(SmartRecruitersSpider, boards="riverbend-health", base_url=server.url("smartrecruiters")).addCallback(check)


def test_empty_board_gives_no_items_and_no_error(shape_server, run_crawl):
    server = shape_server([], traps={"/smartrecruiters/v1/companies/quiet-clinic/postings": EMPTY_PAGE})

    def check(result):
        assert result.items == [] and result.stats.get("log_count/ERROR", 0) == 0

    return run_crawl(SmartRecruitersSpider, boards="quiet-clinic", base_url=server.url("smartrecruiters")).addCallback(check)


def test_404_board_does_not_stop_the_other_boards(shape_server, run_crawl):
    server = shape_server(board(3))

    def check(result):
        assert len(result.items) == 3
        assert result.stats.get("downloader/response_status_count/404", 0) >= 1

    return run_crawl(SmartRecruitersSpider, boards="gone-clinic,riverbend-health",
                     base_url=server.url("smartrecruiters")).addCallback(check)


def test_malformed_detail_json_skips_that_posting_only(shape_server, run_crawl):
    postings = board(3)
    broken = f"/smartrecruiters/v1/companies/riverbend-health/postings/{posting_id(postings[1])}"
    server = shape_server(postings, traps={broken: (200, "application/json", '{"id": "7440", "name": ')})

    def check(result):
        assert sorted(i["source_id"] for i in result.items) == sorted(posting_id(p) for p in (postings[0], postings[2]))
        assert result.stats.get("log_count/ERROR", 0) == 1

    return run_crawl(SmartRecruitersSpider, boards="riverbend-health", base_url=server.url("smartrecruiters")).addCallback(check)


def test_detail_without_a_name_is_passed_on_for_quarantine_not_dropped(shape_server, run_crawl):
    postings = board(1)
    path = f"/smartrecruiters/v1/companies/riverbend-health/postings/{posting_id(postings[0])}"
    server = shape_server(postings, traps={path: (200, "application/json", json.dumps({"id": posting_id(postings[0])}))})

    def check(result):
        assert [(i["source_id"], i["title"]) for i in result.items] == [(posting_id(postings[0]), None)]

    return run_crawl(SmartRecruitersSpider, boards="riverbend-health", base_url=server.url("smartrecruiters")).addCallback(check)
