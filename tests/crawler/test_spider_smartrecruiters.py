"""SmartRecruiters: list paging and the detail payload mapped onto the posting item."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from crawler.spiders import smartrecruiters
from crawler.items import validation_reason
from crawler.spiders.base import MalformedPayload

FIXTURES = Path(__file__).parent / "fixtures_smartrecruiters"


def load(name: str) -> dict:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def test_list_url_pages_by_offset_and_never_asks_more_than_100():
    url = smartrecruiters.list_url("http://127.0.0.1:9/smartrecruiters/", "riverbend-health", offset=200)
    assert url == "http://127.0.0.1:9/smartrecruiters/v1/companies/riverbend-health/postings?offset=200&limit=100"


def test_detail_maps_title_location_dates_and_type():
    item = smartrecruiters.posting(load("detail.json"), "riverbend-health", None)
    assert item["source_id"] == "744000000000101"
    assert item["title"] == "Certified Medical Assistant - Family Medicine"
    assert item["employer"] == "Riverbend Health"
    assert item["location"] == "Tulsa, OK 74103"
    assert item["posted_at"] == "2026-03-14T15:02:00Z"
    assert item["employment_type"] == "full_time"
    assert item["url"].startswith("https://jobs.smartrecruiters.com/riverbend-health/744000000000101")


def test_description_joins_non_empty_sections_under_their_titles():
    html = smartrecruiters.description_html(load("detail.json"))
    assert "<h3>Qualifications</h3>" in html and "CMA (AAMA) required" in html
    assert "Additional Information" not in html


def test_posting_api_pay_is_never_invented():
    assert smartrecruiters.posting(load("detail.json"), "riverbend-health", None)["pay"] is None


def test_malformed_list_payload_is_reported_as_such():
    with pytest.raises(MalformedPayload):
        smartrecruiters.list_entries({"offset": 0, "content": "nope"})


def test_registry_employer_fills_in_when_the_payload_has_no_company():
    detail = load("detail.json")
    del detail["company"]
    assert smartrecruiters.posting(detail, "riverbend-health", "Riverbend (registry)")["employer"] == "Riverbend (registry)"


# --- whole crawls against the fixture server -------------------------------------------------

from crawler.fixtures.server import Fault  # noqa: E402
from crawler.fixtures.shapes.smartrecruiters import posting_id  # noqa: E402
from crawler.spiders.smartrecruiters import SmartRecruitersSpider  # noqa: E402
from tests.crawler.conftest import posting  # noqa: E402

DETAIL = "/smartrecruiters/v1/companies/riverbend-health/postings/{}"


def board(count: int, name: str = "riverbend-health", **extra) -> list[dict]:
    return [posting("smartrecruiters", name, n, **extra) for n in range(1, count + 1)]


def test_crawl_pages_by_offset_and_lands_every_ma_posting(serve, run_crawl):
    postings = board(5) + [posting("smartrecruiters", "riverbend-health", 900, title="Software Engineer")]
    server = serve(postings)

    def check(result):
        assert sorted(i["source_id"] for i in result.landed) == sorted(posting_id(p) for p in postings[:5])
        assert sorted(int(parse_qs(h.query)["offset"][0]) for h in server.hits_for("*/postings")) == [0, 2, 4]
        assert not server.hits_for(DETAIL.format(posting_id(postings[-1])))  # no detail call for a non-MA job
        assert result.stats.get("postings/skipped") == 1
        assert len(result.feed) == 5 and result.landed[0]["state"] == "OK"
        assert result.run_record["boards"]["riverbend-health"]["complete"] is True

    return run_crawl(SmartRecruitersSpider, boards="riverbend-health", base_url=server.source_url("smartrecruiters"),
                     page_size="2").addCallback(check)


def test_page_size_above_the_api_maximum_asks_for_100():
    assert SmartRecruitersSpider(boards="acme", page_size="500").page_limit == 100
    assert SmartRecruitersSpider(boards="acme").page_limit == 100


def test_empty_board_is_complete_with_no_postings(serve, run_crawl):
    server = serve([], boards={"smartrecruiters": ["quiet-clinic"]})

    def check(result):
        assert result.landed == [] and result.stats.get("log_count/ERROR", 0) == 0
        assert result.run_record["boards"]["quiet-clinic"]["complete"] is True

    return run_crawl(SmartRecruitersSpider, boards="quiet-clinic", base_url=server.source_url("smartrecruiters")).addCallback(check)


def test_404_board_is_reported_and_the_other_board_still_lands(serve, run_crawl):
    server = serve(board(3))

    def check(result):
        assert len(result.landed) == 3
        assert "404" in result.run_record["boards"]["gone-clinic"]["error"]
        assert result.run_record["boards"]["riverbend-health"]["complete"] is True

    return run_crawl(SmartRecruitersSpider, boards="gone-clinic,riverbend-health",
                     base_url=server.source_url("smartrecruiters")).addCallback(check)


def test_malformed_detail_json_keeps_that_posting_from_its_list_entry(serve, run_crawl):
    postings = board(3)
    broken = posting_id(postings[1])
    server = serve(postings, faults=[Fault(DETAIL.format(broken), "malformed_json")])

    def check(result):
        landed = {i["source_id"]: i for i in result.landed}
        assert sorted(landed) == sorted(posting_id(p) for p in postings)
        assert landed[broken]["description_text"] == "" and "Room patients" in landed[posting_id(postings[0])]["description_text"]
        assert landed[broken]["url"] == f"https://jobs.smartrecruiters.com/riverbend-health/{broken}"

    return run_crawl(SmartRecruitersSpider, boards="riverbend-health", base_url=server.source_url("smartrecruiters")).addCallback(check)


def test_dead_detail_call_keeps_the_posting_from_its_list_entry(serve, run_crawl):
    postings = board(2)
    server = serve(postings, faults=[Fault(DETAIL.format(posting_id(postings[0])), "server_error")])

    def check(result):
        assert sorted(i["source_id"] for i in result.landed) == sorted(posting_id(p) for p in postings)
        assert result.stats.get("requests/fallback_used") == 1

    return run_crawl(SmartRecruitersSpider, boards="riverbend-health", base_url=server.source_url("smartrecruiters"),
                     settings={"RETRY_TIMES": 0}).addCallback(check)


def test_detail_missing_id_and_name_fails_validation_naming_the_fields():
    item = smartrecruiters.posting({"location": {"city": "Tulsa"}}, "riverbend-health", "Riverbend")
    item.update(description_text="", tags={}, run_id="r", synthetic=True, city=None, state=None, postal_code=None)
    reason = validation_reason(item)
    assert "source_id" in reason and "title" in reason


def test_scrapy_crawl_with_O_writes_valid_postings(serve, crawl):
    server = serve([posting("smartrecruiters", "acme", n) for n in range(1, 4)])
    result = crawl("smartrecruiters", server.source_url("smartrecruiters"), args={"page_size": 2})
    assert result.returncode == 0, result.log
    assert len(result.items) == 3 and all(validation_reason(item) is None for item in result.items)
    assert result.record["boards"]["acme"]["complete"] is True


def test_list_entry_without_an_id_is_quarantined_and_the_rest_land(serve, run_crawl):
    postings = board(2) + [posting("smartrecruiters", "riverbend-health", 3, omit=["id"])]
    server = serve(postings)

    def check(result):
        assert sorted(i["source_id"] for i in result.landed) == sorted(posting_id(p) for p in postings[:2])
        assert len(result.quarantined) == 1 and "source_id" in result.quarantined[0]["reason"]

    return run_crawl(SmartRecruitersSpider, boards="riverbend-health", base_url=server.source_url("smartrecruiters")).addCallback(check)
