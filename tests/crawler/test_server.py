"""The fixture server: real HTTP on 127.0.0.1, shapes found by name, faults on demand."""

from __future__ import annotations

import json
import subprocess
import sys
import urllib.error
import urllib.request

import pytest

from tests.crawler.conftest import REPO, posting


def _get(url: str):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def test_each_source_is_mounted_under_its_name_and_at_the_real_hosts_path(serve):
    server = serve([posting("greenhouse", "acme", 1), posting("lever", "acme", 2)])
    status, headers, body = _get(f"{server.url}/greenhouse/v1/boards/acme/jobs?content=true")
    assert status == 200 and headers["X-Ma-Demand-Synthetic"] == "true"
    assert json.loads(body)["jobs"][0]["content"].startswith("&lt;p&gt;")
    assert _get(f"{server.url}/v0/postings/acme?mode=json")[0] == 200
    assert _get(f"{server.url}/lever/v0/postings/nobody?mode=json")[0] == 404
    assert _get(f"{server.url}/nosuchsource/x")[0] == 404


def test_a_fault_answers_its_times_then_the_real_shape(serve):
    server = serve([posting("ashby", "acme", 1)],
                   faults=[{"path": "/ashby/*", "kind": "too_many_requests", "times": 2, "retry_after": 5}])
    first, second, third = (_get(f"{server.url}/ashby/posting-api/job-board/acme") for _ in range(3))
    assert first[0] == second[0] == 429 and first[1]["Retry-After"] == "5"
    assert third[0] == 200


def test_an_unknown_fault_kind_is_refused():
    from crawler.fixtures.server import Fault

    with pytest.raises(ValueError, match="fault kind"):
        Fault(path="/x", kind="explode")


def test_robots_txt_lists_the_disallowed_paths(serve):
    server = serve([], disallow=["/lever/"])
    assert _get(f"{server.url}/robots.txt")[2].decode() == "User-agent: *\nDisallow: /lever/\n"


def test_the_server_runs_as_a_process_and_prints_its_url(tmp_path):
    postings = tmp_path / "postings.jsonl"
    postings.write_text(json.dumps(posting("lever", "acme", 1)) + "\n")
    process = subprocess.Popen([sys.executable, "-m", "crawler.fixtures.server", "--postings", str(postings)],
                               cwd=REPO, stdout=subprocess.PIPE, text=True)
    try:
        line = process.stdout.readline()
        assert line.startswith("serving on http://127.0.0.1:")
        status, _, body = _get(line.split()[-1] + "/lever/v0/postings/acme?mode=json")
        assert status == 200 and json.loads(body)[0]["text"] == "Medical Assistant"
    finally:
        process.terminate()
        process.wait(timeout=10)
