"""CareerOneStop (NLx): state-by-state searches, paging, detail calls, missing descriptions, secrets."""

from __future__ import annotations

import json
import logging
from urllib.parse import unquote, urlsplit

import pytest

from crawler.fixtures.server import Fault
from crawler.fixtures.shapes.careeronestop import has_description, jv_id
from crawler.spiders import careeronestop
from crawler.spiders.careeronestop import CareerOneStopSpider
from tests.crawler.conftest import posting

TOKEN, USER_ID = "t0ken-SYNTHETIC-9f8e7d6c5b4a", "uid-SYNTHETIC-4242"


@pytest.fixture
def credentials(monkeypatch):
    monkeypatch.setenv("MA_DEMAND_CAREERONESTOP_TOKEN", TOKEN)
    monkeypatch.setenv("MA_DEMAND_CAREERONESTOP_USER_ID", USER_ID)


def state_jobs(state: str, count: int, start: int = 1, title: str = "Medical Assistant", **extra) -> list[dict]:
    return [posting("careeronestop", "nlx", n, title=title, state=state, city="Springfield",
                    employer=f"Clinic {n} (synthetic)", **extra) for n in range(start, start + count)]


def path_parts(hit) -> list[str]:
    return [unquote(part) for part in hit.path.split("/") if part]


# --- the mapping, on hand-written records ------------------------------------------------------

def test_search_path_holds_keyword_state_offset_and_size_but_not_the_user_id():
    url = careeronestop.search_url("https://api.example", "31-9092.00", "OK", 200, 100, 30)
    assert urlsplit(url).path == "/v2/jobsearch/user-id/31-9092.00/OK/0/0/0/200/100/30"
    assert careeronestop.with_user_id(url, "me") .startswith("https://api.example/v2/jobsearch/me/31-9092.00/")


def test_words_are_escaped_in_the_keyword_segment():
    assert "/medical%20assistant/TX/" in careeronestop.search_url("https://api.example", "medical assistant", "TX", 0)


def test_listing_without_description_is_marked_missing_and_month_day_year_is_read():
    item = careeronestop.posting({"JvId": "AB12", "JobTitle": "Medical Assistant", "Company": "Clinic",
                                  "AccquisitionDate": "3/14/2026", "URL": "https://jobs.example/AB12",
                                  "Location": "Tulsa, OK"}, "nlx-OK")
    assert item["description_missing"] is True and item["description_text"] == ""
    assert item["posted_at"] == "2026-03-14T00:00:00Z" and item["location"] == "Tulsa, OK"


def test_detail_description_in_plain_text_becomes_html_and_clears_the_mark():
    item = careeronestop.posting({"JvId": "1", "JobTitle": "MA", "Company": "C", "URL": "https://x.example/1",
                                  "Description": "Rooms patients & takes vitals."}, "nlx-OK")
    assert item["description_missing"] is False
    assert item["description_html"] == "<p>Rooms patients &amp; takes vitals.</p>"


def test_detail_wrapped_in_a_jobs_list_is_read_too():
    assert careeronestop.detail_job({"Jobs": [{"JvId": "1"}]}) == {"JvId": "1"}


def test_an_unknown_state_argument_fails_naming_it():
    from crawler.arguments import SpiderArgumentError
    with pytest.raises(SpiderArgumentError, match="states"):
        CareerOneStopSpider(states="OK,ZZ")


# --- whole crawls against the fixture server -------------------------------------------------

def test_each_state_is_searched_by_code_and_words_paged_and_each_job_landed_once(serve, run_crawl, credentials):
    ok, tx = state_jobs("OK", 7), state_jobs("TX", 2, start=20)
    server = serve(ok + tx + state_jobs("KS", 3, start=40))

    def check(result):
        assert sorted(i["source_id"] for i in result.landed) == sorted(jv_id(p) for p in ok + tx)
        searches = [path_parts(h) for h in server.hits_for("/careeronestop/v2/jobsearch/*/*/*/*/*/*/*/*/*")]
        assert {(p[4], p[5]) for p in searches} == {(k, s) for k in ("31-9092.00", "medical assistant") for s in ("OK", "TX")}
        assert sorted(p[9] for p in searches if p[4:6] == ["31-9092.00", "OK"]) == ["0", "3", "6"]
        assert len(server.hits_for("/careeronestop/v2/jobsearch/*/*")) - len(searches) == 9  # one detail per job
        assert {i["state"] for i in result.landed} == {"OK", "TX"}
        assert all(result.run_record["boards"][b]["complete"] for b in ("nlx-OK", "nlx-TX"))

    return run_crawl(CareerOneStopSpider, base_url=server.source_url("careeronestop"), states="OK,TX",
                     page_size="3").addCallback(check)


def test_detail_without_description_lands_the_listing_marked_description_missing(serve, run_crawl, credentials):
    jobs = state_jobs("OK", 8)
    server = serve(jobs)

    def check(result):
        missing = {i["source_id"] for i in result.landed if i["description_missing"]}
        assert missing == {jv_id(p) for p in jobs if not has_description(p)} and missing
        full = [i for i in result.landed if not i["description_missing"]]
        assert full and all("vitals" in i["description_text"] for i in full)

    return run_crawl(CareerOneStopSpider, base_url=server.source_url("careeronestop"), states="OK").addCallback(check)


def test_failed_detail_keeps_the_listing_and_titles_that_rule_themselves_out_get_no_detail_call(
        serve, run_crawl, credentials):
    kept = state_jobs("OK", 2)
    other = state_jobs("OK", 1, start=9, title="Software Engineer", is_ma=False, description_html="<p>Supports medical assistant tools.</p>")
    server = serve(kept + other, faults=[Fault(f"*/{jv_id(p)}", "server_error") for p in kept])

    def check(result):
        assert sorted(i["source_id"] for i in result.landed) == sorted(jv_id(p) for p in kept)
        assert all(i["description_missing"] for i in result.landed)
        assert not [h for h in server.hits_for("/careeronestop/v2/jobsearch/*/*") if jv_id(other[0]) in h.path]
        assert result.stats.get("postings/skipped") == 1

    return run_crawl(CareerOneStopSpider, base_url=server.source_url("careeronestop"), states="OK").addCallback(check)


def test_retry_after_on_a_search_holds_the_host_then_the_crawl_goes_on(serve, run_crawl, credentials):
    server = serve(state_jobs("OK", 2), faults=[Fault("/careeronestop/v2/jobsearch/*/31-9092.00/*", "too_many_requests",
                                                      times=1, retry_after=1)])

    def check(result):
        assert len(result.landed) == 2 and result.stats.get("retry_after/honoured") == 1
        limited = [h for h in server.hits if h.status == 429]
        later = [h for h in server.hits if h.at > limited[0].at and "31-9092.00" in h.path]
        assert later and later[0].at - limited[0].at >= 0.9

    return run_crawl(CareerOneStopSpider, base_url=server.source_url("careeronestop"), states="OK").addCallback(check)


def test_without_token_and_user_id_it_says_how_to_register_in_one_line_and_requests_nothing(
        serve, run_crawl, monkeypatch, caplog):
    monkeypatch.delenv("MA_DEMAND_CAREERONESTOP_TOKEN", raising=False)
    monkeypatch.setenv("MA_DEMAND_CAREERONESTOP_USER_ID", USER_ID)
    server = serve(state_jobs("OK", 2))
    caplog.set_level(logging.INFO)

    def check(result):
        assert result.landed == [] and result.stats.get("finish_reason") == "finished"
        assert not server.hits_for("/careeronestop/*")
        lines = [r.getMessage() for r in caplog.records if "MA_DEMAND_CAREERONESTOP_TOKEN" in r.getMessage()]
        assert len(lines) == 1 and "registration" in lines[0] and "careeronestop.org/Developers/WebAPI" in lines[0]
        assert "Traceback" not in caplog.text

    return run_crawl(CareerOneStopSpider, base_url=server.source_url("careeronestop"), states="OK").addCallback(check)


def test_token_and_user_id_reach_the_api_only_never_a_log_a_stored_request_or_a_landing_file(
        serve, run_crawl, credentials, caplog):
    leaky = state_jobs("OK", 1)[0]
    leaky["description_html"] = f"<p>Medical assistant. Echoed by a careless feed: {TOKEN} {USER_ID}</p>"
    server = serve([leaky] + state_jobs("OK", 1, start=2), faults=[Fault(f"*/{jv_id(leaky)}", "server_error", times=1)])
    caplog.set_level(logging.DEBUG)
    scheduled = []

    def on_scheduled(request, **_):
        scheduled.append(request.url + json.dumps(dict(request.headers.to_unicode_dict())))

    def check(result):
        wire = [(url, headers) for url, headers in result.sent if "/jobsearch/" in url]
        assert wire and all(headers["Authorization"] == f"Bearer {TOKEN}" and f"/jobsearch/{USER_ID}/" in url
                            for url, headers in wire)
        assert len(result.landed) == 2 and "[redacted]" in result.landing_text
        for text in (result.landing_text, json.dumps(result.feed), caplog.text, json.dumps(result.run_record),
                     "".join(scheduled)):
            assert TOKEN not in text and USER_ID not in text
        assert any("/jobsearch/user-id/" in line for line in scheduled)

    return run_crawl(CareerOneStopSpider, base_url=server.source_url("careeronestop"), states="OK",
                     on_scheduled=on_scheduled).addCallback(check)


def test_malformed_page_fails_its_state_only_and_a_listing_without_url_is_quarantined(serve, run_crawl, credentials):
    broken = state_jobs("TX", 1, start=30, omit=["URL"])
    server = serve(state_jobs("OK", 2) + broken, faults=[Fault("/careeronestop/v2/jobsearch/*/*/KS/*", "malformed_json")])

    def check(result):
        assert len(result.landed) == 2
        assert "malformed response" in result.run_record["boards"]["nlx-KS"]["error"]
        assert "user-id" in result.run_record["boards"]["nlx-KS"]["error"]
        assert result.run_record["boards"]["nlx-OK"]["complete"] is True
        assert len(result.quarantined) == 1 and result.quarantined[0]["reason"].startswith("url")

    return run_crawl(CareerOneStopSpider, base_url=server.source_url("careeronestop"), states="OK,KS,TX").addCallback(check)


def test_robots_txt_disallowing_the_api_means_no_search_is_sent(serve, run_crawl, credentials):
    server = serve(state_jobs("OK", 2), disallow=["/careeronestop/v2/"])

    def check(result):
        assert result.landed == [] and not server.hits_for("/careeronestop/*")
        assert result.stats.get("downloader/exception_type_count/scrapy.exceptions.IgnoreRequest", 0) == 2

    return run_crawl(CareerOneStopSpider, base_url=server.source_url("careeronestop"), states="OK").addCallback(check)


def test_ma_demand_settings_shows_the_token_and_user_id_only_as_set(credentials, capsys):
    from ma_demand import main

    assert main(["settings"]) == 0
    out = capsys.readouterr().out
    assert "MA_DEMAND_CAREERONESTOP_TOKEN=(set)" in out and "MA_DEMAND_CAREERONESTOP_USER_ID=(set)" in out
    assert TOKEN not in out and USER_ID not in out
