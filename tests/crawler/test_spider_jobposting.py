"""JobPosting: JSON-LD and microdata found with extruct, mapped onto the posting item; link policy."""

from __future__ import annotations

from pathlib import Path

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
    item = jobposting.posting_item(posting, URL, "synthetic-clinic.example/jobs", None)
    assert item["source_id"] == "careers.synthetic-clinic.example:REQ-7781"
    assert (item["city"], item["state"], item["postal_code"]) == ("Dayton", "OH", "45402")
    assert item["employer"] == "Synthetic Clinic"
    assert item["pay"] == {"min": 38000, "max": 44000, "unit": "YEAR", "currency": "USD"}


def test_microdata_is_read_even_when_the_page_json_ld_is_broken():
    found = jobposting.job_postings(read("microdata_page.html"), URL)
    assert [p["title"] for p in found] == ["Clinical Medical Assistant"]
    item = jobposting.posting_item(found[0], URL, "b", None)
    assert item["pay"] == {"min": "21", "max": "25.5", "unit": "HOUR", "currency": "USD"}
    assert item["employment_type"] == "PART_TIME"


def test_page_without_identifier_is_keyed_by_its_url():
    posting = jobposting.job_postings(read("microdata_page.html"), URL)[0]
    assert jobposting.source_id(posting, URL + "?src=feed") == "careers.synthetic-clinic.example/jobs/ma-2?src=feed"


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


# --- whole crawls against the loopback server -------------------------------------------------

from crawler.fixtures.shapes.jobposting import uses_microdata  # noqa: E402
from crawler.spiders.jobposting import JobPostingSpider  # noqa: E402
from tests.crawler.conftest import synthetic_posting  # noqa: E402


def site(count: int, board: str = "riverbend-health") -> list[dict]:
    return [synthetic_posting(n, board=board, ats="jobposting") for n in range(1, count + 1)]


def test_crawl_follows_careers_pages_and_reads_json_ld_and_microdata(shape_server, run_crawl):
    server = shape_server(site(23))

    def check(result):
        assert sorted(i["raw"]["identifier"]["value"] for i in result.items) == sorted(p["id"] for p in server.postings)
        assert any(uses_microdata(p) for p in server.postings)
        assert sum(1 for url, _ in server.requests if "careers/?page=" in url) == 2  # pages 2 and 3

    start = server.url("jobposting") + "/riverbend-health/careers/"
    return run_crawl(JobPostingSpider, start_urls=start).addCallback(check)


def test_off_domain_and_non_job_links_are_not_followed(shape_server, run_crawl):
    server = shape_server(site(2))

    def check(result):
        assert len(result.items) == 2
        assert not any(url.startswith("localhost") for url, _ in server.requests)
        assert not any(url.endswith("/about") for url, _ in server.requests)

    start = server.url("jobposting") + "/riverbend-health/careers/"
    return run_crawl(JobPostingSpider, start_urls=start).addCallback(check)


def test_sitemap_leads_to_every_job_page(shape_server, run_crawl):
    server = shape_server(site(4))

    def check(result):
        assert sorted(i["raw"]["identifier"]["value"] for i in result.items) == sorted(p["id"] for p in server.postings)

    return run_crawl(JobPostingSpider, sitemap_urls=server.url("jobposting") + "/riverbend-health/sitemap.xml").addCallback(check)


def test_careers_page_without_jobs_gives_no_items_and_no_error(shape_server, run_crawl):
    server = shape_server([])

    def check(result):
        assert result.items == [] and result.stats.get("log_count/ERROR", 0) == 0

    return run_crawl(JobPostingSpider, start_urls=server.url("jobposting") + "/quiet-clinic/careers/").addCallback(check)


def test_404_start_page_is_logged_and_other_sites_still_crawled(shape_server, run_crawl):
    server = shape_server(site(2))
    starts = [server.url("jobposting") + "/gone-clinic/careers/jobs/x", server.url("jobposting") + "/riverbend-health/careers/"]

    def check(result):
        assert len(result.items) == 2 and result.stats.get("log_count/ERROR", 0) == 1

    return run_crawl(JobPostingSpider, start_urls=",".join(starts)).addCallback(check)


def test_page_with_broken_json_ld_is_skipped_and_the_crawl_goes_on(shape_server, run_crawl):
    postings = site(2)
    broken_page = (200, "text/html", read("microdata_page.html").split("<body>")[0] + "<body><p>No microdata</p></body></html>")
    server = shape_server(postings, traps={f"/jobposting/riverbend-health/careers/jobs/{postings[0]['id']}": broken_page})

    def check(result):
        assert [i["raw"]["identifier"]["value"] for i in result.items] == [postings[1]["id"]]

    return run_crawl(JobPostingSpider, start_urls=server.url("jobposting") + "/riverbend-health/careers/").addCallback(check)


def test_job_posting_without_title_is_passed_on_for_quarantine(shape_server, run_crawl):
    page = ('<html><head><script type="application/ld+json">{"@context": "https://schema.org", "@type": "JobPosting", '
            '"identifier": {"value": "T-1"}, "description": "<p>x</p>"}</script></head><body></body></html>')
    server = shape_server([], traps={"/jobposting/odd/careers/jobs/t-1": (200, "text/html", page)})

    def check(result):
        assert [(i["title"], i["source_id"].endswith(":T-1")) for i in result.items] == [(None, True)]

    return run_crawl(JobPostingSpider, start_urls=server.url("jobposting") + "/odd/careers/jobs/t-1").addCallback(check)
