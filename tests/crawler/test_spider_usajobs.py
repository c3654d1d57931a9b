"""USAJOBS: search paging, pay intervals, the title filter and secret scrubbing."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from crawler.items import validation_reason
from crawler.spiders import usajobs

FIXTURES = Path(__file__).parent / "fixtures_usajobs"


def page() -> dict:
    return json.loads((FIXTURES / "search_page.json").read_text(encoding="utf-8"))


def test_search_asks_for_both_ma_series():
    query = parse_qs(urlsplit(usajobs.search_url("http://127.0.0.1:9/usajobs", page=3)).query)
    assert query["JobCategoryCode"] == ["0640;0679"]
    assert query["Page"] == ["3"]


def test_annual_pay_strings_with_commas_become_a_year_range():
    item = usajobs.posting(page()["SearchResult"]["SearchResultItems"][0], "federal")
    assert item["pay"] == {"min": 41000.0, "max": 53000.0, "period": "year", "currency": "USD", "source": "structured"}


def test_per_hour_code_gives_an_hourly_range_and_intermittent_is_per_diem():
    item = usajobs.posting(page()["SearchResult"]["SearchResultItems"][1], "federal")
    assert item["pay"]["period"] == "hour" and item["pay"]["min"] == 19.5
    assert item["employment_type"] == "per_diem"


def test_without_compensation_or_biweekly_codes_give_no_pay():
    assert usajobs.pay([{"MinimumRange": "0", "MaximumRange": "0", "RateIntervalCode": "WC"}]) is None
    assert usajobs.pay([{"MinimumRange": "1900", "MaximumRange": "2100", "RateIntervalCode": "BW"}]) is None


def test_naive_publication_date_is_read_as_utc():
    item = usajobs.posting(page()["SearchResult"]["SearchResultItems"][1], "federal")
    assert item["posted_at"] == "2026-03-15T08:30:00Z"


def test_duties_list_and_plain_text_become_escaped_html():
    html = usajobs.description_html(page()["SearchResult"]["SearchResultItems"][0]["MatchedObjectDescriptor"])
    assert "<h3>Duties</h3><p>Takes vital signs.</p><p>Rooms patients.</p>" in html
    assert "Synthetic summary &amp; more." in html


def test_title_filter_keeps_ma_titles_and_drops_others_in_the_series():
    assert usajobs.is_ma_title("Health Technician (CMA)")
    assert usajobs.is_ma_title("Medical Support Assistant (Advanced)")
    assert not usajobs.is_ma_title("Pharmacy Technician")


def test_scrub_removes_key_and_email_however_deeply_nested():
    payload = {"a": ["token SECRET-KEY-1 here", {"ops@example.org": "x"}], "n": 3}
    assert usajobs.scrub(payload, ("SECRET-KEY-1", "ops@example.org")) == {
        "a": ["token [redacted] here", {"[redacted]": "x"}], "n": 3}


def test_headers_carry_the_key_and_the_email_as_user_agent():
    assert usajobs.request_headers("k", "me@example.org") == {"Authorization-Key": "k", "User-Agent": "me@example.org"}


# --- whole crawls against the fixture server -------------------------------------------------

import logging  # noqa: E402

from crawler.fixtures.server import Fault  # noqa: E402
from crawler.fixtures.shapes.usajobs import control_number  # noqa: E402
from crawler.spiders.usajobs import UsajobsSpider  # noqa: E402
from tests.crawler.conftest import posting  # noqa: E402

KEY, EMAIL = "k3y-SYNTHETIC-0123456789abcdef", "operator@ma-demand.example"


@pytest.fixture
def credentials(monkeypatch):
    monkeypatch.setenv("USAJOBS_API_KEY", KEY)
    monkeypatch.setenv("USAJOBS_EMAIL", EMAIL)


def federal(count: int, title: str = "Health Technician (CMA)", start: int = 1) -> list[dict]:
    return [posting("usajobs", "indian-health-service", n, title=title,
                    employer="Indian Health Service (synthetic)") for n in range(start, start + count)]


def test_crawl_pages_through_the_search_and_keeps_ma_titles_only(serve, run_crawl, credentials):
    kept = federal(5) + federal(2, "Medical Support Assistant (CMA)", start=50)
    server = serve(kept + federal(2, "Pharmacy Technician", start=80) + federal(1, "Registered Nurse", start=90))

    def check(result):
        assert sorted(i["source_id"] for i in result.landed) == sorted(control_number(p) for p in kept)
        assert sorted(parse_qs(h.query)["Page"][0] for h in server.hits_for("/usajobs/api/Search")) == ["1", "2", "3"]
        assert result.stats.get("postings/skipped") == 2  # 9 postings in series 0640/0679, 4 per page
        assert {(i["pay"]["period"], i["state"]) for i in result.landed} == {("hour", "OK")}

    return run_crawl(UsajobsSpider, base_url=server.source_url("usajobs"), page_size="4").addCallback(check)


def test_without_a_key_it_says_so_in_one_line_and_requests_nothing(serve, run_crawl, monkeypatch, caplog):
    monkeypatch.delenv("USAJOBS_API_KEY", raising=False)
    monkeypatch.delenv("USAJOBS_EMAIL", raising=False)
    server = serve(federal(2))
    caplog.set_level(logging.INFO)

    def check(result):
        assert result.landed == [] and result.stats.get("finish_reason") == "finished"
        assert not server.hits_for("/usajobs/*")
        lines = [r.getMessage() for r in caplog.records if "USAJOBS_API_KEY" in r.getMessage()]
        assert len(lines) == 1 and "developer.usajobs.gov" in lines[0]

    return run_crawl(UsajobsSpider, base_url=server.source_url("usajobs")).addCallback(check)


def test_key_and_email_are_sent_as_headers_but_never_logged_or_landed(serve, run_crawl, credentials, caplog):
    leaky = federal(1)[0]
    leaky["description_html"] = f"<p>Medical assistant duties. Echoed by a careless proxy: {KEY} / {EMAIL}</p>"
    server = serve([leaky] + federal(1, start=2))
    caplog.set_level(logging.DEBUG)

    def check(result):
        searches = [headers for url, headers in result.sent if "/api/Search" in url]
        assert searches and searches[0]["Authorization-Key"] == KEY and searches[0]["User-Agent"] == EMAIL
        assert len(result.landed) == 2 and "[redacted]" in result.landing_text
        assert KEY not in result.landing_text and EMAIL not in result.landing_text
        assert KEY not in json.dumps(result.feed) and EMAIL not in json.dumps(result.feed)
        assert KEY not in caplog.text and EMAIL not in caplog.text

    return run_crawl(UsajobsSpider, base_url=server.source_url("usajobs")).addCallback(check)


def test_requests_never_carry_the_key_while_they_can_be_stored_or_retried(serve, run_crawl, credentials):
    from crawler.fixtures.server import Fault
    server = serve(federal(2), faults=[Fault("/usajobs/api/Search", "server_error", times=1)])
    scheduled = []

    def on_scheduled(request, **_):
        scheduled.append(dict(request.headers.to_unicode_dict()))

    def check(result):
        assert len(result.landed) == 2  # the 500 was retried, with the key, and succeeded
        searches = [headers for url, headers in result.sent if "/api/Search" in url]
        assert len(searches) == 2 and all(h["Authorization-Key"] == KEY for h in searches)
        assert len(scheduled) == 2 and not any(KEY in json.dumps(h) or EMAIL in json.dumps(h) for h in scheduled)

    deferred = run_crawl(UsajobsSpider, base_url=server.source_url("usajobs"), on_scheduled=on_scheduled)
    return deferred.addCallback(check)


def test_empty_search_is_complete_with_no_postings(serve, run_crawl, credentials):
    server = serve([])

    def check(result):
        assert result.landed == [] and result.run_record["boards"]["series-0640-0679"]["complete"] is True

    return run_crawl(UsajobsSpider, base_url=server.source_url("usajobs")).addCallback(check)


def test_404_search_endpoint_is_reported_without_a_crash(serve, run_crawl, credentials):
    server = serve(federal(2))

    def check(result):
        assert result.landed == [] and result.stats.get("finish_reason") == "finished"
        assert "404" in result.run_record["boards"]["series-0640-0679"]["error"]

    return run_crawl(UsajobsSpider, base_url=server.source_url("usajobs") + "/moved").addCallback(check)


def test_malformed_second_page_keeps_the_first_page(serve, run_crawl, credentials):
    # Faults match the path only: the first search answer uses up a one-time 10 ms delay and
    # passes; every later one is malformed.
    server = serve(federal(6), faults=[Fault("/usajobs/api/Search", "slow", times=1, delay=0.01),
                                                Fault("/usajobs/api/Search", "malformed_json")])

    def check(result):
        assert sorted(i["source_id"] for i in result.landed) == sorted(control_number(p) for p in server.postings[:3])
        assert "malformed" in result.run_record["boards"]["series-0640-0679"]["error"]

    return run_crawl(UsajobsSpider, base_url=server.source_url("usajobs"), page_size="3").addCallback(check)


def test_item_without_title_or_url_fails_validation_naming_them():
    item = usajobs.posting({"MatchedObjectId": "1", "MatchedObjectDescriptor": {}}, "federal")
    item.update(tags={}, run_id="r", synthetic=True, city=None, state=None, postal_code=None, remote=None)
    reason = validation_reason(item)
    assert "url" in reason and "title" in reason


def test_scrapy_crawl_with_O_writes_valid_postings_and_keeps_the_key_out_of_the_log(serve, crawl, credentials):
    server = serve(federal(3))
    result = crawl("usajobs", server.source_url("usajobs"), boards=None, settings={"LOG_LEVEL": "DEBUG"})
    assert result.returncode == 0, result.log
    assert len(result.items) == 3 and all(validation_reason(item) is None for item in result.items)
    assert KEY not in result.log and EMAIL not in result.log



def test_announcement_without_position_uri_is_quarantined_and_the_rest_land(serve, run_crawl, credentials):
    postings = federal(2) + [posting("usajobs", "indian-health-service", 3, title="Health Technician (CMA)",
                                     omit=["PositionURI"])]
    server = serve(postings)

    def check(result):
        assert sorted(i["source_id"] for i in result.landed) == sorted(control_number(p) for p in postings[:2])
        assert len(result.quarantined) == 1 and "url" in result.quarantined[0]["reason"]

    return run_crawl(UsajobsSpider, base_url=server.source_url("usajobs")).addCallback(check)
