"""Workable: the widget account payload mapped onto the posting item."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import parse_qs

from crawler.items import validation_reason
from crawler.spiders import workable

FIXTURES = Path(__file__).parent / "fixtures_workable"


def jobs() -> list[dict]:
    return json.loads((FIXTURES / "account.json").read_text(encoding="utf-8"))["jobs"]


def test_account_url_asks_for_details():
    assert workable.account_url("http://127.0.0.1:9/workable", "lakeside") == (
        "http://127.0.0.1:9/workable/api/v1/widget/accounts/lakeside?details=true")


def test_job_maps_shortcode_place_type_and_description():
    item = workable.posting(jobs()[0], "lakeside", "Lakeside Family Clinic")
    assert item["source_id"] == "A1B2C3D4E5"
    assert item["location"] == "Boise, ID"
    assert item["employment_type"] == "part_time"
    assert item["remote"] is False
    assert "phlebotomy" in item["description_html"]


def test_date_only_published_on_becomes_midnight_utc():
    assert workable.posting(jobs()[0], "lakeside", "x")["posted_at"] == "2026-03-14T00:00:00Z"


def test_missing_published_on_falls_back_to_created_at():
    assert workable.posting(jobs()[1], "lakeside", "x")["posted_at"] == "2026-02-01T00:00:00Z"


def test_blank_place_and_type_become_null_not_empty_strings():
    item = workable.posting(jobs()[1], "lakeside", "x")
    assert (item["location"], item["employment_type"]) == (None, None)
    assert item["remote"] is True


# --- whole crawls against the fixture server -------------------------------------------------

from crawler.fixtures.server import Fault  # noqa: E402
from crawler.fixtures.shapes.workable import shortcode  # noqa: E402
from crawler.spiders.workable import WorkableSpider  # noqa: E402
from tests.crawler.conftest import posting  # noqa: E402


def account(count: int, name: str = "lakeside") -> list[dict]:
    return [posting("workable", name, n, city="Boise", state="ID", postal_code=None)
            for n in range(1, count + 1)]


def test_crawl_reads_every_job_of_each_account_with_details(serve, run_crawl):
    server = serve(account(4) + account(2, "hillcrest"))

    def check(result):
        assert sorted(i["source_id"] for i in result.landed) == sorted(shortcode(p) for p in server.postings)
        assert all("Room patients" in i["description_text"] for i in result.landed)
        assert all(parse_qs(h.query).get("details") == ["true"] for h in server.hits_for("/workable/*"))
        assert {(i["board"], i["state"]) for i in result.landed} == {("lakeside", "ID"), ("hillcrest", "ID")}

    return run_crawl(WorkableSpider, boards="lakeside,hillcrest", base_url=server.source_url("workable")).addCallback(check)


def test_pay_stays_in_the_text_and_is_not_made_structured(serve, run_crawl):
    server = serve(account(1))

    def check(result):
        assert result.landed[0]["pay"] is None
        assert "$19.50 to $23.00 per hour" in result.landed[0]["description_text"]

    return run_crawl(WorkableSpider, boards="lakeside", base_url=server.source_url("workable")).addCallback(check)


def test_empty_account_is_complete_with_no_postings(serve, run_crawl):
    server = serve([], boards={"workable": ["quiet"]})

    def check(result):
        assert result.landed == [] and result.run_record["boards"]["quiet"]["complete"] is True

    return run_crawl(WorkableSpider, boards="quiet", base_url=server.source_url("workable")).addCallback(check)


def test_404_account_is_reported_and_the_others_still_land(serve, run_crawl):
    server = serve(account(2))

    def check(result):
        assert len(result.landed) == 2
        assert "404" in result.run_record["boards"]["gone"]["error"]

    return run_crawl(WorkableSpider, boards="gone,lakeside", base_url=server.source_url("workable")).addCallback(check)


def test_malformed_account_json_fails_that_account_only(serve, run_crawl):
    server = serve(account(2) + account(1, "broken"),
                            faults=[Fault("/workable/api/v1/widget/accounts/broken", "malformed_json")])

    def check(result):
        assert {i["board"] for i in result.landed} == {"lakeside"} and len(result.landed) == 2
        assert "malformed" in result.run_record["boards"]["broken"]["error"]

    return run_crawl(WorkableSpider, boards="broken,lakeside", base_url=server.source_url("workable")).addCallback(check)


def test_job_without_shortcode_fails_validation_naming_source_id():
    item = workable.posting({"title": "Medical Assistant", "url": "https://apply.workable.com/j/x"}, "odd", "Odd")
    item.update(tags={}, run_id="r", synthetic=True, city=None, state=None, postal_code=None)
    assert "source_id" in validation_reason(item)


def test_scrapy_crawl_with_O_writes_valid_postings(serve, crawl):
    server = serve([posting("workable", "acme", n) for n in range(1, 3)])
    result = crawl("workable", server.source_url("workable"))
    assert result.returncode == 0, result.log
    assert len(result.items) == 2 and all(validation_reason(item) is None for item in result.items)
    assert result.items[0]["posted_at"] == "2026-03-14T00:00:00Z"  # Workable gives the date only


def test_job_without_shortcode_is_quarantined_and_the_rest_land(serve, run_crawl):
    postings = account(2) + [posting("workable", "lakeside", 3, omit=["shortcode"])]
    server = serve(postings)

    def check(result):
        assert sorted(i["source_id"] for i in result.landed) == sorted(shortcode(p) for p in postings[:2])
        assert len(result.quarantined) == 1 and "source_id" in result.quarantined[0]["reason"]

    return run_crawl(WorkableSpider, boards="lakeside", base_url=server.source_url("workable")).addCallback(check)
