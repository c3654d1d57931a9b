"""Bad input and unkind servers: the crawl goes on, the fault is counted, nothing valid is lost."""

from __future__ import annotations

from tests.crawler.conftest import posting


def test_a_404_board_is_reported_incomplete_while_the_other_board_lands(serve, crawl):
    server = serve([posting("greenhouse", "acme", 1)])
    result = crawl("greenhouse", server.source_url("greenhouse"), boards="gone-clinic,acme")
    assert result.returncode == 0, result.log
    assert [item["board"] for item in result.items] == ["acme"]
    gone = result.record["boards"]["gone-clinic"]
    assert gone["complete"] is False and "404" in gone["error"]
    assert result.record["boards"]["acme"]["complete"] is True
    assert result.log.count("board gone-clinic not crawled completely") == 1


def test_malformed_json_fails_that_board_in_one_line_and_the_crawl_goes_on(serve, crawl):
    server = serve([posting("lever", "acme", 1), posting("lever", "other", 2)],
                   faults=[{"path": "/lever/v0/postings/other", "kind": "malformed_json"}])
    result = crawl("lever", server.source_url("lever"), boards="other,acme")
    assert result.returncode == 0, result.log
    assert [item["board"] for item in result.items] == ["acme"]
    assert "malformed response" in result.record["boards"]["other"]["error"]
    assert result.record["boards"]["other"]["complete"] is False


def test_a_truncated_pay_call_keeps_the_posting_without_pay(serve, crawl):
    server = serve([posting("greenhouse", "acme", 1)],
                   faults=[{"path": "/greenhouse/v1/boards/acme/jobs/*", "kind": "truncated"}])
    result = crawl("greenhouse", server.source_url("greenhouse"))
    assert len(result.items) == 1 and result.items[0]["pay"] is None
    assert result.record["boards"]["acme"]["complete"] is True


def test_broken_html_still_gives_readable_text(serve, crawl):
    broken = "<div><p>Medical Assistant needed<li>Take vitals<li>Draw blood</ul><b>Bilingual a plus"
    server = serve([posting("ashby", "acme", 1, description_html=broken)])
    result = crawl("ashby", server.source_url("ashby"))
    text = result.items[0]["description_text"]
    assert "Take vitals" in text and "Draw blood" in text and "<" not in text


def test_a_posting_missing_its_url_goes_to_quarantine_with_the_reason(serve, crawl):
    server = serve([posting("lever", "acme", 1), posting("lever", "acme", 2, omit=["url"])])
    result = crawl("lever", server.source_url("lever"))
    assert result.returncode == 0, result.log
    assert len(result.items) == 1
    assert len(result.quarantine) == 1
    assert result.quarantine[0]["reason"].startswith("url:")
    assert result.quarantine[0]["record"]["source_id"]
    assert result.record["quarantined"] == 1
    assert result.record["boards"]["acme"]["quarantined"] == 1


def test_429_with_retry_after_waits_that_long_before_asking_again(serve, crawl):
    server = serve([posting("ashby", "acme", 1)],
                   faults=[{"path": "/ashby/posting-api/job-board/acme", "kind": "too_many_requests",
                            "times": 1, "retry_after": 1}])
    result = crawl("ashby", server.source_url("ashby"))
    hits = server.hits_for("/ashby/posting-api/job-board/acme")
    assert [hit.status for hit in hits] == [429, 200]
    assert hits[1].at - hits[0].at >= 0.9
    assert len(result.items) == 1
    assert result.record["stats"]["retry_after/honoured"] == 1


def test_503_with_retry_after_holds_the_whole_host(serve, crawl):
    boards = ["acme", "beta", "gamma", "delta"]
    server = serve([posting("lever", board, n) for n, board in enumerate(boards, start=1)],
                   faults=[{"path": "/lever/v0/postings/acme", "kind": "unavailable", "times": 1, "retry_after": 1}])
    result = crawl("lever", server.source_url("lever"), boards=",".join(boards),
                   settings={"CONCURRENT_REQUESTS_PER_DOMAIN": "1", "DOWNLOAD_DELAY": "0.5"})
    assert len(result.items) == 4
    first_503 = server.hits_for("/lever/v0/postings/acme")[0]
    later = [hit for hit in server.hits_for("/lever/v0/postings/*") if hit.at > first_503.at]
    assert len(later) == 4
    # At most the one request already on the wire when the 503 arrived goes before Retry-After.
    assert sum(1 for hit in later if hit.at - first_503.at < 0.9) <= 1


def test_500_then_success_is_retried_and_lands(serve, crawl):
    server = serve([posting("greenhouse", "acme", 1)],
                   faults=[{"path": "/greenhouse/v1/boards/acme/jobs", "kind": "server_error", "times": 1}])
    result = crawl("greenhouse", server.source_url("greenhouse"))
    assert [hit.status for hit in server.hits_for("/greenhouse/v1/boards/acme/jobs")] == [500, 200]
    assert len(result.items) == 1
    assert result.record["boards"]["acme"]["complete"] is True
    assert result.record["stats"]["retry/count"] == 1


def test_a_response_slower_than_the_timeout_is_retried(serve, crawl):
    server = serve([posting("ashby", "acme", 1)],
                   faults=[{"path": "/ashby/posting-api/job-board/acme", "kind": "slow", "times": 1, "delay": 2}])
    result = crawl("ashby", server.source_url("ashby"), settings={"DOWNLOAD_TIMEOUT": "1"})
    assert len(result.items) == 1
    assert result.record["stats"]["retry/count"] == 1
    assert any("TimeoutError" in key for key in result.record["stats"])


def test_robots_txt_disallow_is_obeyed(serve, crawl):
    server = serve([posting("greenhouse", "acme", 1)], disallow=["/greenhouse/"])
    result = crawl("greenhouse", server.source_url("greenhouse"))
    assert result.items == []
    assert server.hits_for("/greenhouse/*") == []
    assert [hit.path for hit in server.hits] == ["/robots.txt"]
    assert result.record["stats"]["robotstxt/forbidden"] == 1
    assert result.record["boards"]["acme"]["complete"] is False
