"""A plain `scrapy crawl` that gets nothing: exit status 1, the cause in one line, no empty files.

A source that answers and lists nothing is not a failure: exit 0, and still no empty items file
(the run record says the board was crawled completely, which is what marks postings removed).
"""

from __future__ import annotations

import socket

from crawler.fixtures.server import Fault


def dead_url() -> str:
    """A URL on 127.0.0.1 where nothing listens."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}"


def items_files(result) -> list:
    folder = result.landing / "lever"
    return sorted(path.name for path in folder.glob("*.jsonl*")) if folder.exists() else []


def test_a_crawl_that_reaches_nothing_exits_1_names_the_cause_and_leaves_no_items_file(crawl, tmp_path):
    result = crawl("lever", dead_url() + "/lever", boards="acme", settings={"RETRY_TIMES": "0"})
    assert result.returncode == 1
    assert result.log.strip().splitlines()[-1] == (
        "scrapy crawl: lever landed no postings: could not reach the source: connection refused")
    assert items_files(result) == []
    assert not (tmp_path / "lever-out.jsonl").exists()  # -O wrote no empty feed either
    assert result.record["items_file"] is None and result.record["postings"] == 0


def test_a_board_answering_404_exits_1_naming_the_http_status(crawl, serve):
    server = serve([], boards={"lever": ["acme"]}, faults=[Fault("/lever/v0/postings/*", "not_found")])
    result = crawl("lever", server.source_url("lever"), boards="acme", settings={"RETRY_TIMES": "0"})
    assert result.returncode == 1
    assert result.log.strip().splitlines()[-1].endswith("could not reach the source: HTTP 404")
    assert items_files(result) == []


def test_a_reachable_board_that_lists_nothing_exits_0_without_an_empty_items_file(crawl, serve):
    server = serve([], boards={"lever": ["acme"]})
    result = crawl("lever", server.source_url("lever"), boards="acme")
    assert result.returncode == 0, result.log[-2000:]
    assert items_files(result) == []
    assert result.record["boards"]["acme"]["complete"] is True and result.record["items_file"] is None


def test_a_download_that_fails_for_a_network_fault_is_one_line_without_a_traceback(crawl):
    result = crawl("lever", dead_url() + "/lever", boards="acme", settings={"RETRY_TIMES": "0"})
    assert result.returncode == 1
    # (Spidermon's own report of its failed monitors stays: it is the crawl's health check.)
    assert "site-packages/twisted" not in result.log and "site-packages/scrapy" not in result.log
    assert any("Error downloading" in line and line.endswith("connection refused") for line in result.log.splitlines())
