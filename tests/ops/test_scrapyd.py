"""Scrapyd: the egg holds the crawl and no more; deploy it with scrapyd-deploy and schedule a spider."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.parse
import urllib.request
import zipfile
from pathlib import Path

import pytest
from ops_sample.harness import HERE, REPO, free_port, wait_for_port

from crawler.egg import build_egg
from tests.conftest import require_executable

BIN = Path(sys.executable).parent


def test_the_egg_holds_the_crawler_and_pipeline_and_nothing_else(tmp_path):
    egg = build_egg(tmp_path / "crawler.egg", version="1")
    names = zipfile.ZipFile(egg).namelist()
    top = {name.split("/")[0] for name in names if not name.startswith("EGG-INFO")}
    assert top == {"crawler", "pipeline", "ma_demand_settings.py"}
    assert not [name for name in names if "/fixtures/" in name or "__pycache__" in name]
    assert "pipeline/matcher.py" in names
    assert not [name for name in names if name.endswith((".so", ".c", ".pyx"))]  # a zipped egg cannot load C code
    entry_points = zipfile.ZipFile(egg).read("EGG-INFO/entry_points.txt").decode()
    assert "settings = crawler.settings" in entry_points
    assert not (REPO / "setup.py").exists()


@pytest.fixture
def scrapyd(tmp_path):
    executable = require_executable("scrapyd") if not (BIN / "scrapyd").exists() else str(BIN / "scrapyd")
    port = free_port()
    home = tmp_path / "scrapyd"
    home.mkdir()
    (home / "scrapyd.conf").write_text(f"""[scrapyd]
bind_address = 127.0.0.1
http_port = {port}
eggs_dir = {home / 'eggs'}
logs_dir = {home / 'logs'}
items_dir = {home / 'items'}
dbs_dir = {home / 'dbs'}
poll_interval = 0.2
max_proc = 2
""")
    process = subprocess.Popen([executable], cwd=home, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for_port(port)
        yield f"http://127.0.0.1:{port}/", home
    finally:
        process.terminate()
        process.wait(10)


def _get(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.load(response)


def _post(url: str, fields: list[tuple[str, str]]) -> dict:
    data = urllib.parse.urlencode(fields).encode()
    with urllib.request.urlopen(url, data=data, timeout=10) as response:
        return json.load(response)


def test_the_deployed_crawler_runs_greenhouse_through_schedule_json_and_lands_its_items(scrapyd, tmp_path):
    from crawler.fixtures.server import FixtureServer
    from crawler.fixtures.shapes.greenhouse import job_id
    from crawler.fixtures.synthetic import generate

    url, home = scrapyd
    postings = [p for p in generate(400) if p["ats"] == "greenhouse"]
    board = postings[0]["board"]
    on_board = {str(job_id(p)) for p in postings if p["board"] == board}
    egg = build_egg(tmp_path / "crawler.egg", version="1")
    env = dict(os.environ, MA_DEMAND_SCRAPYD_URL=url, MA_DEMAND_SCRAPYD_USERNAME="", MA_DEMAND_SCRAPYD_PASSWORD="")
    deploy = subprocess.run([str(BIN / "scrapyd-deploy"), "remote", "--egg", str(egg), "--version", "1"],
                            cwd=REPO, env=env, capture_output=True, text=True, timeout=60)
    assert deploy.returncode == 0, deploy.stderr
    assert json.loads(deploy.stdout.strip().splitlines()[-1])["status"] == "ok", deploy.stdout
    assert "greenhouse" in _get(url + "listspiders.json?project=ma_demand")["spiders"]

    with FixtureServer(postings) as server:
        job = _post(url + "schedule.json", [
            ("project", "ma_demand"), ("spider", "greenhouse"), ("base_url", server.source_url("greenhouse")),
            ("boards", board), ("setting", f"LANDING_DIR={tmp_path / 'landing'}"), ("setting", "DOWNLOAD_DELAY=0"),
            ("setting", "AUTOTHROTTLE_ENABLED=False")])
        assert job["status"] == "ok"
        _wait_until_finished(url, job["jobid"])
    items_file = home / "items" / "ma_demand" / "greenhouse" / f"{job['jobid']}.jl"
    fed = [json.loads(line) for line in items_file.read_text().splitlines()]
    (landing_file,) = (tmp_path / "landing" / "greenhouse").glob("greenhouse-*.jsonl")
    landed = [json.loads(line) for line in landing_file.read_text().splitlines()]
    landed_ids = {item["source_id"] for item in landed}
    assert landed_ids and landed_ids <= on_board  # MA postings of that board only (non-MA are filtered out)
    assert {item["source_id"] for item in fed} == landed_ids
    assert all(item["source"] == "greenhouse" and item["board"] == board for item in landed)


def _wait_until_finished(url: str, job_id: str) -> None:
    deadline = time.monotonic() + 90
    while not any(j["id"] == job_id for j in _get(url + "listjobs.json?project=ma_demand")["finished"]):
        assert time.monotonic() < deadline, "the Scrapyd job never finished"
        time.sleep(0.3)
