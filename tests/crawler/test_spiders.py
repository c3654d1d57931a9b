"""Each spider crawls the local fixture server for real (`scrapy crawl ... -O`) and lands valid postings."""

from __future__ import annotations

import subprocess
import sys

from crawler.items import validation_reason
from tests.crawler.conftest import REPO, posting


def test_scrapy_list_names_the_spiders():
    listed = subprocess.run([sys.executable, "-m", "scrapy", "list"], cwd=REPO, capture_output=True, text=True)
    assert listed.returncode == 0, listed.stderr
    assert {"greenhouse", "lever", "ashby", "careeronestop", "careersite"} <= set(listed.stdout.split())


def test_greenhouse_keeps_ma_postings_with_unescaped_html_and_pay_from_the_job_call(serve, crawl):
    server = serve([posting("greenhouse", "acme", 1),
                    posting("greenhouse", "acme", 2, title="Clinical Medical Assistant", pay=None),
                    posting("greenhouse", "acme", 3, title="Software Engineer", pay=None)])
    result = crawl("greenhouse", server.source_url("greenhouse"))
    assert result.returncode == 0, result.log
    assert sorted(item["title"] for item in result.items) == ["Clinical Medical Assistant", "Medical Assistant"]
    assert all(validation_reason(item) is None for item in result.items)
    first = next(item for item in result.items if item["title"] == "Medical Assistant")
    assert first["description_html"].startswith("<p>Room patients")
    assert "- CMA or RMA required" in first["description_text"]
    assert first["pay"] == {"min": 19.5, "max": 23.0, "period": "hour", "currency": "USD", "source": "structured"}
    assert (first["city"], first["state"], first["postal_code"]) == ("Tulsa", "OK", "74103")
    assert first["posted_at"] == "2026-03-14T15:02:00Z"
    assert first["tags"]["is_ma"] is True
    assert all(item["synthetic"] is True for item in result.items)  # the fixture server says so
    assert result.landed == result.items
    board = result.record["boards"]["acme"]
    assert (board["fetched"], board["kept"], board["skipped"], board["complete"]) == (3, 2, 1, True)
    assert len(server.hits_for("/greenhouse/v1/boards/acme/jobs/*")) == 2  # no pay call for the non-MA job
    assert {monitor["status"] for monitor in result.record["monitors"]} == {"OK"}


def test_lever_pages_with_skip_and_limit_and_reads_epoch_milliseconds(serve, crawl):
    server = serve([posting("lever", "acme", n, posted_at=f"2026-04-0{n}T12:00:00Z") for n in range(1, 6)])
    result = crawl("lever", server.source_url("lever"), args={"page_size": 2})
    assert result.returncode == 0, result.log
    assert len(result.items) == 5 and len({item["source_id"] for item in result.items}) == 5
    assert sorted(item["posted_at"] for item in result.items)[0] == "2026-04-01T12:00:00Z"
    assert {hit.query for hit in server.hits_for("/lever/v0/postings/acme")} == {
        f"mode=json&skip={skip}&limit=2" for skip in (0, 2, 4)}
    assert result.items[0]["pay"]["period"] == "hour"
    assert result.items[0]["employment_type"] == "full_time"
    assert result.record["boards"]["acme"]["complete"] is True


def test_ashby_skips_unlisted_jobs_and_reads_compensation_served_at_the_root_like_the_real_host(serve, crawl):
    server = serve([posting("ashby", "acme", 1, pay={"min": 42000, "max": 48000, "period": "year", "currency": "USD"}),
                    posting("ashby", "acme", 2, listed=False)])
    result = crawl("ashby", server.url)
    assert result.returncode == 0, result.log
    assert len(result.items) == 1
    assert result.items[0]["pay"] == {"min": 42000.0, "max": 48000.0, "period": "year", "currency": "USD",
                                      "source": "structured"}
    assert result.items[0]["state"] == "OK"
    assert "includeCompensation=true" in server.hits_for("/posting-api/job-board/acme")[0].query


def test_registry_boards_are_the_default_and_an_empty_board_is_complete(serve, crawl, tmp_path):
    registry = tmp_path / "sources.toml"
    registry.write_text('[[board]]\nsource = "greenhouse"\ntoken = "quiet-clinic"\nemployer = "Quiet Clinic"\n'
                        'status = "confirmed"\nenabled = true\npermission = "API documentation"\n'
                        '[[board]]\nsource = "greenhouse"\ntoken = "off-clinic"\nemployer = "Off"\n'
                        'status = "candidate"\nenabled = false\npermission = "API documentation"\n')
    server = serve([], boards={"greenhouse": ["quiet-clinic", "off-clinic"]})
    result = crawl("greenhouse", server.source_url("greenhouse"), boards=None, args={"registry": registry})
    assert result.returncode == 0, result.log
    assert result.items == [] and result.landed == []
    assert list(result.record["boards"]) == ["quiet-clinic"]
    assert result.record["boards"]["quiet-clinic"]["complete"] is True
    assert result.record["boards"]["quiet-clinic"]["employer"] == "Quiet Clinic"
    item_count = next(m for m in result.record["monitors"] if m["monitor"].startswith("Extracted Items"))
    assert item_count["status"] == "FAIL"


def test_a_bad_spider_argument_fails_naming_the_argument(serve, crawl):
    server = serve([])
    result = crawl("lever", server.source_url("lever"), args={"page_size": "many"})
    assert result.returncode != 0
    assert "argument page_size" in result.log
