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
    assert top == {"crawler", "pipeline", "ma_demand.py"}
    assert not [name for name in names if "/fixtures/" in name or "__pycache__" in name]
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


def test_a_deployed_spider_runs_through_schedule_json_and_yields_its_items(scrapyd, board_server, sample_env, tmp_path):
    url, home = scrapyd
    egg = build_egg(tmp_path / "sample.egg", version="1",
                    packages={"ops_sample": HERE / "ops_sample", "crawler": REPO / "crawler"},
                    settings="ops_sample.settings")
    env = dict(sample_env, MA_DEMAND_SCRAPYD_URL=url, MA_DEMAND_SCRAPYD_USERNAME="", MA_DEMAND_SCRAPYD_PASSWORD="")
    env.pop("SCRAPY_SETTINGS_MODULE")
    deploy = subprocess.run([str(BIN / "scrapyd-deploy"), "remote", "--egg", str(egg), "--version", "1"],
                            cwd=REPO, env=env, capture_output=True, text=True, timeout=60)
    assert deploy.returncode == 0, deploy.stderr
    assert json.loads(deploy.stdout.strip().splitlines()[-1])["status"] == "ok"
    assert _get(url + "listspiders.json?project=ma_demand")["spiders"] == ["alpha", "beta"]

    job = _post(url + "schedule.json", [("project", "ma_demand"), ("spider", "beta"), ("base_url", board_server.url),
                                        ("boards", "north"), ("setting", f"LANDING_DIR={tmp_path / 'landing'}")])
    assert job["status"] == "ok"
    deadline = time.monotonic() + 60
    while not any(j["id"] == job["jobid"] for j in _get(url + "listjobs.json?project=ma_demand")["finished"]):
        assert time.monotonic() < deadline, "the Scrapyd job never finished"
        time.sleep(0.3)
    items_file = home / "items" / "ma_demand" / "beta" / f"{job['jobid']}.jl"
    items = [json.loads(line) for line in items_file.read_text().splitlines()]
    assert sorted(item["source_id"] for item in items) == [f"north-{n}" for n in range(6)]
    assert len(list((tmp_path / "landing" / "beta").glob("beta-*.jsonl"))) == 1
