"""JobPosting: JSON-LD and microdata found with extruct, mapped onto the posting item; link policy."""

from __future__ import annotations

from pathlib import Path

import pytest

from crawler.items import validation_reason
from crawler.spiders import jobposting

FIXTURES = Path(__file__).parent / "fixtures_jobposting"
URL = "https://careers.synthetic-clinic.example/jobs/ma-2"


def read(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def test_job_posting_inside_a_graph_with_a_type_list_is_found():
    found = jobposting.job_postings(read("graph_page.html"), URL)
    assert [p["title"] for p in found] == ["Medical Assistant II"]


def test_graph_posting_maps_identifier_place_and_yearly_salary():
    posting = jobposting.job_postings(read("graph_page.html"), URL)[0]
    item = jobposting.posting(posting, "synthetic-clinic.example/jobs", None, URL)
    assert item["source_id"] == "synthetic-clinic.example/jobs:REQ-7781"
    assert item["location"] == "Dayton, OH 45402"
    assert item["employer"] == "Synthetic Clinic"
    assert item["posted_at"] == "2026-04-02T12:00:00Z"
    assert item["pay"] == {"min": 38000.0, "max": 44000.0, "period": "year", "currency": "USD", "source": "structured"}


def test_microdata_is_read_even_when_the_page_json_ld_is_broken():
    found = jobposting.job_postings(read("microdata_page.html"), URL)
    assert [p["title"] for p in found] == ["Clinical Medical Assistant"]
    item = jobposting.posting(found[0], "b", None, URL)
    assert item["pay"] == {"min": 21.0, "max": 25.5, "period": "hour", "currency": "USD", "source": "structured"}
    assert item["employment_type"] == "part_time"


def test_page_without_identifier_is_keyed_by_its_url():
    posting = jobposting.job_postings(read("microdata_page.html"), URL)[0]
    assert jobposting.source_id(posting, URL + "?src=feed", "b") == "careers.synthetic-clinic.example/jobs/ma-2?src=feed"


def test_only_the_employers_own_host_counts_as_the_same_site():
    site = "https://www.synthetic-clinic.example/careers/"
    assert jobposting.same_site("https://synthetic-clinic.example/jobs/1", site)
    assert jobposting.same_site("https://careers.synthetic-clinic.example/jobs/1", site)
    assert not jobposting.same_site("https://boards.example-ats.example/jobs/1", site)
    assert not jobposting.same_site("http://localhost:8000/jobs/1", "http://127.0.0.1:8000/careers/")


def test_job_looking_paths_are_followed_and_others_not():
    assert jobposting.looks_like_job_page("https://x.example/careers/jobs/123")
    assert jobposting.looks_like_job_page("https://x.example/job-openings?id=4")
    assert not jobposting.looks_like_job_page("https://x.example/about")
    assert not jobposting.looks_like_job_page("https://x.example/careers/benefits.pdf")


# --- whole crawls against the fixture server -------------------------------------------------

from crawler.fixtures.shapes.jobposting import uses_microdata  # noqa: E402
from crawler.spiders.jobposting import JobPostingSpider  # noqa: E402
from tests.crawler.conftest import posting  # noqa: E402


def site(count: int, board: str = "riverbend-health") -> list[dict]:
    return [posting("jobposting", board, n) for n in range(1, count + 1)]


def careers(server, board: str = "riverbend-health") -> str:
    return server.source_url("jobposting") + f"/{board}/careers/"


def test_crawl_follows_careers_pages_and_reads_json_ld_and_microdata(serve, run_crawl):
    server = serve(site(23))

    def check(result):
        assert sorted(i["raw"]["identifier"]["value"] for i in result.landed) == sorted(p["id"] for p in server.postings)
        assert any(uses_microdata(p) for p in server.postings)
        assert sorted(h.query for h in server.hits_for("/jobposting/riverbend-health/careers/")) == ["", "page=2", "page=3"]
        assert {(i["pay"]["period"], i["state"], i["employment_type"]) for i in result.landed} == {("hour", "OK", "full_time")}

    return run_crawl(JobPostingSpider, start_urls=careers(server)).addCallback(check)


def test_off_domain_and_non_job_links_are_not_followed(serve, run_crawl):
    server = serve(site(2))

    def check(result):
        assert len(result.landed) == 2
        assert not server.hits_for("*elsewhere*")  # the same server under the name localhost: another host
        assert not server.hits_for("*/about")

    return run_crawl(JobPostingSpider, start_urls=careers(server)).addCallback(check)


def test_job_pages_robots_txt_disallows_are_not_fetched(serve, run_crawl):
    server = serve(site(3), disallow=["/jobposting/riverbend-health/careers/jobs/"])

    def check(result):
        assert result.landed == []
        assert server.hits_for("/jobposting/riverbend-health/careers/") and not server.hits_for("*/careers/jobs/*")
        assert result.stats.get("downloader/exception_type_count/scrapy.exceptions.IgnoreRequest", 0) == 3

    return run_crawl(JobPostingSpider, start_urls=careers(server)).addCallback(check)


def test_sitemap_leads_to_every_job_page(serve, run_crawl):
    server = serve(site(4))

    def check(result):
        assert sorted(i["raw"]["identifier"]["value"] for i in result.landed) == sorted(p["id"] for p in server.postings)

    sitemap = server.source_url("jobposting") + "/riverbend-health/sitemap.xml"
    return run_crawl(JobPostingSpider, sitemap_urls=sitemap).addCallback(check)


def test_board_tokens_below_a_base_url_are_crawled_like_the_other_sources(serve, run_crawl):
    server = serve(site(3) + site(2, board="hillcrest"))

    def check(result):
        assert {(i["board"], i["raw"]["identifier"]["value"]) for i in result.landed} == {
            (p["board"], p["id"]) for p in server.postings}
        assert all(result.run_record["boards"][board]["complete"] for board in ("riverbend-health", "hillcrest"))

    return run_crawl(JobPostingSpider, boards="riverbend-health,hillcrest",
                     base_url=server.source_url("jobposting")).addCallback(check)


def test_broken_sitemap_is_reported_without_a_crash(serve, run_crawl):
    from crawler.fixtures.server import Fault
    server = serve(site(2), faults=[Fault("/jobposting/riverbend-health/sitemap.xml", "malformed_json")])

    def check(result):
        assert result.landed == [] and result.stats.get("finish_reason") == "finished"
        errors = [status["error"] for status in result.run_record["boards"].values()]
        assert len(errors) == 1 and "not a sitemap" in errors[0]

    sitemap = server.source_url("jobposting") + "/riverbend-health/sitemap.xml"
    return run_crawl(JobPostingSpider, sitemap_urls=sitemap).addCallback(check)


def test_careers_site_without_jobs_is_complete_with_no_postings(serve, run_crawl):
    server = serve([], boards={"jobposting": ["quiet-clinic"]})

    def check(result):
        assert result.landed == [] and result.stats.get("log_count/ERROR", 0) == 0
        assert all(status["complete"] for status in result.run_record["boards"].values())

    return run_crawl(JobPostingSpider, start_urls=careers(server, "quiet-clinic")).addCallback(check)


def test_404_start_page_is_reported_and_other_sites_still_crawled(serve, run_crawl):
    server = serve(site(2))

    def check(result):
        assert len(result.landed) == 2
        errors = [status["error"] for status in result.run_record["boards"].values() if status.get("error")]
        assert len(errors) == 1 and "404" in errors[0]

    return run_crawl(JobPostingSpider, start_urls=careers(server, "gone-clinic") + "," + careers(server)).addCallback(check)


def test_truncated_job_page_is_skipped_and_the_crawl_goes_on(serve, run_crawl):
    from crawler.fixtures.server import Fault
    postings = site(4)
    server = serve(postings, faults=[Fault(f"/jobposting/riverbend-health/careers/jobs/{postings[0]['id']}", "truncated")])

    def check(result):
        assert sorted(i["raw"]["identifier"]["value"] for i in result.landed) == sorted(p["id"] for p in postings[1:])

    return run_crawl(JobPostingSpider, start_urls=careers(server)).addCallback(check)


def test_bad_start_url_argument_fails_at_once_naming_it():
    from crawler.arguments import SpiderArgumentError
    with pytest.raises(SpiderArgumentError, match="start_urls"):
        JobPostingSpider(start_urls="ftp://example.org/careers")


def test_posting_without_title_fails_validation_naming_it():
    posting = {"@type": "JobPosting", "identifier": {"value": "T-1"}, "description": "<p>x</p>"}
    item = jobposting.posting(posting, "x.example", "X", "https://x.example/jobs/t-1")
    item.update(tags={}, run_id="r", synthetic=True, city=None, state=None, postal_code=None)
    assert "title" in validation_reason(item)


def test_scrapy_crawl_with_O_writes_valid_postings(serve, crawl):
    server = serve(site(3))
    result = crawl("jobposting", server.source_url("jobposting"), boards=None, args={"start_urls": careers(server)})
    assert result.returncode == 0, result.log
    assert len(result.items) == 3 and all(validation_reason(item) is None for item in result.items)
