"""Shared fixtures for crawler tests: hand-written postings, a fixture server, a real `scrapy crawl`.

`crawl(spider, server_url, boards=..., settings=..., args=...)` runs `scrapy crawl` in a
subprocess against the local fixture server with `-O out.jsonl` and returns the -O items,
the landing run record, the landing items and quarantine lines, and the log.
`run_crawl(SpiderClass, **spider_args)` crawls in-process with the project's settings and
pipelines, and its Deferred fires with an InProcessCrawl (items, stats, landing files, the
requests as sent).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from scrapy import signals
from scrapy.utils.defer import deferred_from_coro
from scrapy.utils.test import get_crawler

from crawler import settings as project_settings
from crawler.fixtures.server import FixtureServer

REPO = Path(__file__).resolve().parents[2]

# Fast but still real: no politeness delays against our own loopback server.
FAST = {"DOWNLOAD_DELAY": "0", "AUTOTHROTTLE_ENABLED": "False", "RETRY_BACKOFF_BASE": "0.05",
        "DOWNLOAD_TIMEOUT": "5", "SPIDERMON_MIN_ITEMS": "1"}


def posting(ats: str, board: str, number: int, title: str = "Medical Assistant", **extra) -> dict:
    """A small hand-written neutral posting (docs/contracts.md §3); synthetic, made for these tests."""
    base = {
        "ats": ats, "board": board, "employer": "Riverbend Health", "id": f"{ats[:2]}-{number:06d}",
        "title": title, "description_html": "<p>Room patients and take vitals.</p><ul><li>CMA or RMA required</li>"
                                            "<li>Epic experience preferred</li></ul>",
        "location": "Tulsa, OK 74103", "city": "Tulsa", "state": "OK", "postal_code": "74103", "remote": False,
        "posted_at": "2026-03-14T15:02:00Z", "updated_at": "2026-03-20T09:30:00Z", "employment_type": "full_time",
        "department": "Clinical Operations", "pay": {"min": 19.5, "max": 23.0, "period": "hour", "currency": "USD"},
        "is_ma": True,
    }
    base.update(extra)
    return base


@pytest.fixture
def serve():
    """Start a FixtureServer with the given postings and options; stopped after the test."""
    servers = []

    def start(postings, **options) -> FixtureServer:
        server = FixtureServer(postings, **options).start()
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()


@dataclass
class CrawlResult:
    returncode: int
    items: list[dict]
    landed: list[dict]
    record: dict | None
    quarantine: list[dict]
    log: str
    landing: Path


def _read_jsonl(path: Path) -> list[dict]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def scrapy_command(spider: str, base_url: str, out: Path, boards: str | None, settings: dict, args: dict) -> list[str]:
    command = [sys.executable, "-m", "scrapy", "crawl", spider, "-a", f"base_url={base_url}", "-O", str(out)]
    if boards is not None:
        command += ["-a", f"boards={boards}"]
    for key, value in args.items():
        command += ["-a", f"{key}={value}"]
    for key, value in {**FAST, **settings}.items():
        command += ["-s", f"{key}={value}"]
    return command


def crawl_env(landing: Path) -> dict:
    return {**os.environ, "MA_DEMAND_LANDING": str(landing), "MA_DEMAND_CONTACT": "tests@example.invalid"}


@pytest.fixture
def crawl(tmp_path):
    def run(spider: str, base_url: str, boards: str | None = "acme", settings: dict | None = None,
            args: dict | None = None, timeout: float = 60) -> CrawlResult:
        landing = tmp_path / "landing"
        out = tmp_path / f"{spider}-out.jsonl"
        done = subprocess.run(scrapy_command(spider, base_url, out, boards, settings or {}, args or {}),
                              cwd=REPO, env=crawl_env(landing), capture_output=True, text=True, timeout=timeout)
        folder = landing / spider
        records = sorted(folder.glob("*.run.json")) if folder.exists() else []
        record = json.loads(records[-1].read_text()) if records else None
        landed = _read_jsonl(folder / record["items_file"]) if record and record["items_file"] else []
        quarantine = _read_jsonl(folder / f"{record['run_id']}.quarantine.jsonl") if record else []
        return CrawlResult(done.returncode, _read_jsonl(out), landed, record, quarantine, done.stderr, landing)

    return run

# -- in-process crawls (faster; see the signals, e.g. the headers a request really carried) -------

IN_PROCESS_FAST = {"DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_ENABLED": False, "RETRY_BACKOFF_BASE": 0.01, "DOWNLOAD_TIMEOUT": 5,
                   "TELNETCONSOLE_ENABLED": False, "LOG_LEVEL": "DEBUG", "SPIDERMON_ENABLED": False, "EXTENSIONS": {}}


def _lines(paths: list[Path]) -> list[dict]:
    return [json.loads(line) for path in paths for line in path.read_text(encoding="utf-8").splitlines() if line]


@dataclass
class InProcessCrawl:
    items: list[dict]
    stats: dict
    feed: list[dict]
    landed: list[dict]
    quarantined: list[dict]
    run_record: dict
    landing_text: str
    sent: list[tuple[str, dict]]


@pytest.fixture
def run_crawl(tmp_path: Path):
    def run(spider_class, settings: dict | None = None, on_scheduled=None, **spider_args):
        landing = tmp_path / "landing"
        feed = tmp_path / f"{spider_class.name}-out.jsonl"
        project = {name: value for name, value in vars(project_settings).items() if name.isupper()}
        values = {**project, **IN_PROCESS_FAST, "LANDING_DIR": str(landing),
                  "FEEDS": {feed.as_uri(): {"format": "jsonlines"}}, **(settings or {})}
        crawler = get_crawler(spider_class, values)
        items: list[dict] = []

        def on_item(item, **_):
            items.append(item)

        sent: list[tuple[str, dict]] = []

        def on_request(request, **_):
            headers = {key.decode(): b", ".join(values).decode() for key, values in request.headers.items()}
            sent.append((request.url, headers))

        crawler.signals.connect(on_item, signal=signals.item_scraped)
        crawler.signals.connect(on_request, signal=signals.request_reached_downloader)
        if on_scheduled is not None:
            crawler.signals.connect(on_scheduled, signal=signals.request_scheduled)

        async def crawl():
            await crawler.crawl_async(**spider_args)
            assert on_item and on_request and (on_scheduled or True)  # keeps the handlers alive
            folder = landing / spider_class.name
            landed = sorted(folder.glob("*.jsonl"))
            landed = [path for path in landed if not path.name.endswith(".quarantine.jsonl")]
            records = sorted(folder.glob("*.run.json"))
            return InProcessCrawl(
                items=items, stats=crawler.stats.get_stats(),
                feed=_lines([feed]) if feed.exists() else [],
                landed=_lines(landed), quarantined=_lines(sorted(folder.glob("*.quarantine.jsonl"))),
                run_record=json.loads(records[0].read_text(encoding="utf-8")) if records else {},
                landing_text="".join(path.read_text(encoding="utf-8") for path in folder.glob("*") if path.is_file()),
                sent=sent,
            )

        return deferred_from_coro(crawl())

    return run
