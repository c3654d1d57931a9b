"""Career sites: sitemaps from robots.txt, the URL-slug relevance filter, JobPosting pages, faults."""

from __future__ import annotations

from crawler.fixtures.server import Fault
from crawler.fixtures.shapes.careersite import job_path
from crawler.spiders import careersite
from crawler.spiders.careersite import CareerSiteSpider
from tests.crawler.conftest import posting

ROBOTS = b"""User-agent: *
Disallow: /search
Sitemap: https://careers.synthetic-health.example/sitemap_index.xml
Sitemap: https://careers.synthetic-health.example/jobs/sitemap.xml
Sitemap: https://cdn.elsewhere.example/sitemap.xml
"""


def site(count: int, board: str = "riverbend-health", start: int = 1, title: str = "Medical Assistant", **extra):
    return [posting("careersite", board, n, title=title, **extra) for n in range(start, start + count)]


def test_slug_words_of_the_last_segments_are_the_title():
    assert careersite.slug_title("https://x.example/job/12345/certified-medical-assistant") == "certified medical assistant"
    assert careersite.slug_title("https://x.example/en/job/Tulsa-OK/Medical-Assistant_R0123") == "Medical Assistant R"
    assert careersite.slug_title("https://x.example/riverbend-health/jobs/123") is None


def test_slugs_that_rule_the_job_out_are_not_fetched_and_undecidable_ones_are():
    assert careersite.worth_fetching("https://x.example/jobs/1/medical-assistant-family-medicine")
    assert careersite.worth_fetching("https://x.example/jobs/1/patient-care-coordinator")
    assert careersite.worth_fetching("https://x.example/jobs/1")
    assert not careersite.worth_fetching("https://x.example/jobs/1/software-engineer-ii")


def test_sitemaps_come_from_robots_txt_on_the_sites_own_host():
    root = "https://careers.synthetic-health.example/"
    assert careersite.sitemaps_from_robots(ROBOTS, root) == [
        "https://careers.synthetic-health.example/sitemap_index.xml",
        "https://careers.synthetic-health.example/jobs/sitemap.xml"]
    assert careersite.sitemaps_from_robots(ROBOTS, root + "jobs/") == ["https://careers.synthetic-health.example/jobs/sitemap.xml"]
    assert careersite.robots_url(root + "jobs/") == "https://careers.synthetic-health.example/robots.txt"


def test_a_career_site_posting_is_a_careersite_item():
    record = {"@type": "JobPosting", "title": "Medical Assistant", "identifier": {"value": "R1"},
              "hiringOrganization": {"name": "Synthetic Health"}}
    item = careersite.posting(record, "synthetic-health", None, "https://x.example/job/R1")
    assert item["source"] == "careersite" and item["source_id"] == "synthetic-health:R1"


# --- whole crawls against the fixture server -------------------------------------------------

def test_crawl_follows_robots_sitemaps_and_fetches_only_pages_the_slug_does_not_rule_out(serve, run_crawl):
    ma = site(30)
    other = site(6, start=100, title="Software Engineer", is_ma=False)
    server = serve(ma + other + site(2, board="hillcrest"))

    def check(result):
        assert sorted(i["raw"]["identifier"]["value"] for i in result.landed) == sorted(p["id"] for p in ma)
        fetched = {h.path for h in server.hits_for("/careersite/riverbend-health/jobs/*")}
        slugless = [p for p in other if not job_path(p).endswith("software-engineer")]
        assert fetched == {"/careersite" + job_path(p) for p in ma + slugless}
        assert result.stats.get("postings/skipped_by_url") == len(other) - len(slugless) > 0
        assert len(server.hits_for("/careersite/riverbend-health/sitemaps/jobs-*")) == 2
        assert not server.hits_for("/careersite/hillcrest/*")  # named in robots.txt, but another site's
        assert not server.hits_for("*/about")
        assert result.run_record["boards"]["riverbend-health"]["complete"] is True
        assert {i["employer"] for i in result.landed} == {"Riverbend Health"}

    return run_crawl(CareerSiteSpider, base_url=server.source_url("careersite"), boards="riverbend-health").addCallback(check)


def test_job_pages_robots_txt_disallows_are_not_fetched(serve, run_crawl):
    server = serve(site(3), disallow=["/careersite/riverbend-health/jobs/"])

    def check(result):
        assert result.landed == [] and not server.hits_for("*/jobs/*")
        assert server.hits_for("/careersite/riverbend-health/sitemaps/jobs-1.xml")
        assert result.stats.get("downloader/exception_type_count/scrapy.exceptions.IgnoreRequest", 0) == 3

    return run_crawl(CareerSiteSpider, base_url=server.source_url("careersite"), boards="riverbend-health").addCallback(check)


def test_retry_after_on_a_job_page_holds_the_host_and_the_page_is_read_after(serve, run_crawl):
    jobs = site(2)
    server = serve(jobs, faults=[Fault("/careersite" + job_path(jobs[0]), "too_many_requests", times=1, retry_after=1)])

    def check(result):
        assert len(result.landed) == 2 and result.stats.get("retry_after/honoured") == 1
        hits = server.hits_for("/careersite" + job_path(jobs[0]))
        assert [h.status for h in hits] == [429, 200] and hits[1].at - hits[0].at >= 0.9

    return run_crawl(CareerSiteSpider, base_url=server.source_url("careersite"), boards="riverbend-health").addCallback(check)


def test_malformed_sitemap_fails_that_site_only(serve, run_crawl):
    server = serve(site(2) + site(2, board="hillcrest", start=10),
                   faults=[Fault("/careersite/hillcrest/sitemaps/jobs-1.xml", "malformed_json")])

    def check(result):
        boards = result.run_record["boards"]
        assert "not a sitemap" in boards["hillcrest"]["error"] and boards["riverbend-health"]["complete"] is True
        assert len(result.landed) == 2 and result.stats.get("finish_reason") == "finished"

    return run_crawl(CareerSiteSpider, base_url=server.source_url("careersite"),
                     boards="riverbend-health,hillcrest").addCallback(check)


def test_a_posting_whose_markup_breaks_the_schema_is_quarantined_with_its_reason(serve, run_crawl):
    bad = site(1, start=7, pay={"min": 19.0, "max": 23.0, "period": "hour", "currency": "US Dollars"})
    server = serve(site(2) + bad)

    def check(result):
        assert len(result.landed) == 2
        assert len(result.quarantined) == 1 and result.quarantined[0]["reason"].startswith("pay.currency")

    return run_crawl(CareerSiteSpider, base_url=server.source_url("careersite"), boards="riverbend-health").addCallback(check)


def test_without_a_robots_txt_the_conventional_sitemap_is_tried(serve, run_crawl):
    server = serve(site(1), faults=[Fault("/robots.txt", "not_found")])

    def check(result):
        assert server.hits_for("/careersite/riverbend-health/sitemap.xml")
        assert result.landed == []  # this fixture site has only sitemap_index.xml

    return run_crawl(CareerSiteSpider, base_url=server.source_url("careersite"), boards="riverbend-health").addCallback(check)


def test_max_pages_bounds_the_job_pages_read_per_site(serve, run_crawl):
    server = serve(site(6))

    def check(result):
        assert len(server.hits_for("/careersite/riverbend-health/jobs/*")) == 2
        assert result.stats.get("boards/riverbend-health/over_max_pages") == 4

    return run_crawl(CareerSiteSpider, base_url=server.source_url("careersite"), boards="riverbend-health",
                     max_pages="2").addCallback(check)
