"""Crawl fixtures for the source spiders: the project's fixture server and an in-process crawl.

`fixture_server(postings, boards=..., faults=...)` starts `crawler.fixtures.server.FixtureServer`
on 127.0.0.1. `run_crawl(SpiderClass, **spider_args)` crawls with the project's settings and
pipelines (relevance, enrich, validation, landing), without delays, writing landing files
and an `-O`-style feed under tmp_path; its Deferred fires with a CrawlResult.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest
from scrapy import signals
from scrapy.utils.defer import deferred_from_coro
from scrapy.utils.test import get_crawler

from crawler import settings as project_settings
from crawler.fixtures.server import FixtureServer

FAST = {"DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_ENABLED": False, "RETRY_BACKOFF_BASE": 0.01, "DOWNLOAD_TIMEOUT": 5,
        "TELNETCONSOLE_ENABLED": False, "LOG_LEVEL": "DEBUG", "SPIDERMON_ENABLED": False, "EXTENSIONS": {}}


def synthetic_posting(number: int, board: str = "riverbend-health", title: str = "Medical Assistant", **extra) -> dict:
    """A hand-written synthetic posting in the shape of docs/contracts.md §3."""
    posting = {
        "ats": "smartrecruiters", "board": board, "employer": "Riverbend Health (synthetic)",
        "id": f"syn-{number:06d}", "title": title,
        "description_html": "<p>Synthetic posting. Room patients, take vitals, document in Epic.</p><ul><li>CMA preferred</li></ul>",
        "location": "Tulsa, OK 74103", "city": "Tulsa", "state": "OK", "postal_code": "74103", "remote": False,
        "posted_at": "2026-03-14T15:02:00Z", "updated_at": "2026-03-15T09:00:00Z", "employment_type": "full_time",
        "department": "Clinical Operations", "pay": {"min": 19.5, "max": 23.0, "period": "hour", "currency": "USD"},
        "is_ma": True,
    }
    posting.update(extra)
    return posting


@pytest.fixture
def fixture_server():
    servers = []

    def start(postings: list[dict], **options) -> FixtureServer:
        server = FixtureServer(postings, **options).start()
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()


@dataclass
class CrawlResult:
    items: list[dict]
    stats: dict
    feed: list[dict]
    landed: list[dict]
    quarantined: list[dict]
    run_record: dict
    landing_text: str
    sent: list[tuple[str, dict]]


def _lines(paths: list[Path]) -> list[dict]:
    return [json.loads(line) for path in paths for line in path.read_text(encoding="utf-8").splitlines() if line]


@pytest.fixture
def run_crawl(tmp_path: Path):
    def run(spider_class, settings: dict | None = None, **spider_args):
        landing = tmp_path / "landing"
        feed = tmp_path / f"{spider_class.name}-out.jsonl"
        project = {name: value for name, value in vars(project_settings).items() if name.isupper()}
        values = {**project, **FAST, "LANDING_DIR": str(landing),
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

        async def crawl():
            await crawler.crawl_async(**spider_args)
            assert on_item and on_request  # keeps the handlers alive until the crawl ends
            folder = landing / spider_class.name
            landed = sorted(folder.glob("*.jsonl"))
            landed = [path for path in landed if not path.name.endswith(".quarantine.jsonl")]
            records = sorted(folder.glob("*.run.json"))
            return CrawlResult(
                items=items, stats=crawler.stats.get_stats(),
                feed=_lines([feed]) if feed.exists() else [],
                landed=_lines(landed), quarantined=_lines(sorted(folder.glob("*.quarantine.jsonl"))),
                run_record=json.loads(records[0].read_text(encoding="utf-8")) if records else {},
                landing_text="".join(path.read_text(encoding="utf-8") for path in folder.glob("*") if path.is_file()),
                sent=sent,
            )

        return deferred_from_coro(crawl())

    return run
