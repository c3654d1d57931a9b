"""Judging one spider's run from the run records it wrote."""

from __future__ import annotations

import json

import pytest

from crawler.schedule import failed_monitors, judge


def _record(tmp_path, **fields) -> dict:
    items = tmp_path / "greenhouse-20261125T031700Z-abcdef.jsonl"
    items.write_text("".join(json.dumps({"source_id": str(n)}) + "\n" for n in range(fields.pop("items", 3))))
    return {"run_id": items.stem, "finish_reason": "finished", "stats": {}, "landing_file": str(items), **fields}


def test_a_clean_run_with_postings_is_ok(tmp_path):
    result = judge("greenhouse", 0, [_record(tmp_path)], 1.0)
    assert (result.status, result.reason, result.items) == ("ok", "", 3)


def test_a_failed_spidermon_check_makes_the_run_a_warning_naming_the_check(tmp_path):
    monitors = [{"monitor": "Item count", "status": "OK", "error": None},
                {"monitor": "Field coverage", "status": "FAIL", "error": "title 0.4 < 1.0"}]
    result = judge("greenhouse", 0, [_record(tmp_path, monitors=monitors)], 1.0)
    assert result.status == "warning" and result.reason == "failed checks: Field coverage"


def test_no_run_record_is_a_warning_that_quotes_the_last_error_line(tmp_path):
    result = judge("lever", 1, [], 2.0, "ERROR scrapy.core.engine: boom")
    assert result.status == "warning"
    assert result.reason == "no landing file (scrapy exit 1): ERROR scrapy.core.engine: boom"


def test_a_run_without_postings_is_a_warning_unless_a_shared_crawl_found_the_work_done(tmp_path):
    alone = judge("lever", 0, [_record(tmp_path, items=0)], 1.0)
    shared = judge("lever", 0, [_record(tmp_path, items=0)], 1.0, expect_items=False)
    assert (alone.status, alone.reason) == ("warning", "no postings landed")
    assert (shared.status, shared.reason) == ("ok", "")


def test_monitor_results_are_read_in_every_shape_the_records_use():
    assert failed_monitors({"monitors": {"Item count": "FAIL", "Errors": "OK"}}) == ["Item count"]
    assert failed_monitors({"monitors": [{"name": "Errors", "passed": False}]}) == ["Errors"]
    assert failed_monitors({"monitors": None}) == []


@pytest.mark.parametrize(("stats", "cause"), [
    ({"downloader/exception_type_count/scrapy.exceptions.CannotResolveHostError": 2},
     "DNS lookup failed (is the network down?)"),
    ({"downloader/exception_type_count/twisted.internet.error.DNSLookupError": 2},
     "DNS lookup failed (is the network down?)"),
    ({"downloader/exception_type_count/scrapy.exceptions.DownloadConnectionRefusedError": 2}, "connection refused"),
    ({"downloader/exception_type_count/scrapy.exceptions.DownloadTimeoutError": 1}, "timed out"),
    ({"downloader/response_status_count/404": 1, "downloader/response_status_count/503": 3}, "HTTP 404, 503"),
])
def test_a_run_that_landed_nothing_names_why_the_source_was_unreachable_in_words(tmp_path, stats, cause):
    stats = {"log_count/ERROR": 3, "downloader/exception_count": 2, **stats}
    monitors = [{"monitor": "Extracted Items Monitor/test_stat_monitor", "status": "FAIL", "error": "0 < 1"}]
    result = judge("lever", 0, [_record(tmp_path, items=0, stats=stats, monitors=monitors)], 1.0)
    assert (result.status, result.reason) == ("warning", f"no postings: could not reach the source: {cause}")


def test_a_run_with_postings_and_some_errors_still_lists_its_error_counts(tmp_path):
    stats = {"downloader/exception_count": 1,
             "downloader/exception_type_count/scrapy.exceptions.DownloadTimeoutError": 1}
    result = judge("lever", 0, [_record(tmp_path, stats=stats)], 1.0)
    assert (result.status, result.reason) == ("warning", "downloader/exception_count=1")
