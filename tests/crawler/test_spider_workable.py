"""Workable: the widget account payload mapped onto the posting item."""

from __future__ import annotations

import json
from pathlib import Path

from crawler.spiders import workable

FIXTURES = Path(__file__).parent / "fixtures_workable"


def jobs() -> list[dict]:
    return json.loads((FIXTURES / "account.json").read_text(encoding="utf-8"))["jobs"]


def test_account_url_asks_for_details():
    assert workable.account_url("http://127.0.0.1:9/workable", "lakeside") == (
        "http://127.0.0.1:9/workable/api/v1/widget/accounts/lakeside?details=true")


def test_job_maps_shortcode_place_type_and_description():
    item = workable.posting_item(jobs()[0], "lakeside", "Lakeside Family Clinic")
    assert item["source_id"] == "A1B2C3D4E5"
    assert (item["city"], item["state"], item["location"]) == ("Boise", "ID", "Boise, ID")
    assert item["employment_type"] == "part_time"
    assert item["remote"] is False
    assert "phlebotomy" in item["description_html"]


def test_date_only_published_on_becomes_midnight_utc():
    assert workable.posting_item(jobs()[0], "lakeside", "x")["posted_at"] == "2026-03-14T00:00:00Z"


def test_missing_published_on_falls_back_to_created_at():
    assert workable.posting_item(jobs()[1], "lakeside", "x")["posted_at"] == "2026-02-01T00:00:00Z"


def test_blank_place_and_type_become_null_not_empty_strings():
    item = workable.posting_item(jobs()[1], "lakeside", "x")
    assert (item["city"], item["state"], item["location"], item["employment_type"]) == (None, None, None, None)
    assert item["remote"] is True


# --- whole crawls against the loopback server -------------------------------------------------

from crawler.fixtures.shapes.workable import shortcode  # noqa: E402
from crawler.spiders.workable import WorkableSpider  # noqa: E402
from tests.crawler.conftest import synthetic_posting  # noqa: E402

ACCOUNT = "/workable/api/v1/widget/accounts/{}"


def account(count: int, name: str = "lakeside") -> list[dict]:
    return [synthetic_posting(n, board=name, ats="workable") for n in range(1, count + 1)]


def test_crawl_reads_every_job_of_each_account_with_details(shape_server, run_crawl):
    server = shape_server(account(4) + account(2, "hillcrest"))

    def check(result):
        assert sorted(i["source_id"] for i in result.items) == sorted(shortcode(p) for p in server.postings)
        assert all(i["description_html"] and "Room patients" in i["description_html"] for i in result.items)
        assert all("details=true" in url for url, _ in server.requests if "/accounts/" in url)
        assert {i["board"] for i in result.items} == {"lakeside", "hillcrest"}

    return run_crawl(WorkableSpider, boards="lakeside,hillcrest", base_url=server.url("workable")).addCallback(check)


def test_pay_stays_in_the_text_and_is_not_made_structured(shape_server, run_crawl):
    server = shape_server(account(1))

    def check(result):
        assert result.items[0]["pay"] is None
        assert "$19.50 to $23.00 per hour" in result.items[0]["description_html"]

    return run_crawl(WorkableSpider, boards="lakeside", base_url=server.url("workable")).addCallback(check)


def test_empty_account_gives_no_items_and_no_error(shape_server, run_crawl):
    server = shape_server([], traps={ACCOUNT.format("quiet"): (200, "application/json", '{"name": "Quiet", "jobs": []}')})

    def check(result):
        assert result.items == [] and result.stats.get("log_count/ERROR", 0) == 0

    return run_crawl(WorkableSpider, boards="quiet", base_url=server.url("workable")).addCallback(check)


def test_404_account_does_not_stop_the_others(shape_server, run_crawl):
    server = shape_server(account(2))

    def check(result):
        assert len(result.items) == 2
        assert result.stats.get("log_count/ERROR", 0) == 1

    return run_crawl(WorkableSpider, boards="gone,lakeside", base_url=server.url("workable")).addCallback(check)


def test_malformed_account_json_is_logged_and_the_crawl_goes_on(shape_server, run_crawl):
    server = shape_server(account(2), traps={ACCOUNT.format("broken"): (200, "application/json", "<html>maintenance</html>")})

    def check(result):
        assert len(result.items) == 2
        assert result.stats.get("log_count/ERROR", 0) == 1

    return run_crawl(WorkableSpider, boards="broken,lakeside", base_url=server.url("workable")).addCallback(check)


def test_job_without_shortcode_is_passed_on_for_quarantine(shape_server, run_crawl):
    body = json.dumps({"name": "Odd", "jobs": [{"title": "Medical Assistant", "description": "<p>x</p>"}]})
    server = shape_server([], traps={ACCOUNT.format("odd"): (200, "application/json", body)})

    def check(result):
        assert [(i["source_id"], i["title"]) for i in result.items] == [(None, "Medical Assistant")]

    return run_crawl(WorkableSpider, boards="odd", base_url=server.url("workable")).addCallback(check)
