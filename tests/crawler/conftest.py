"""Crawl fixtures for the source spiders: a loopback server speaking each source's shape, and a crawl runner.

`shape_server(postings)` serves `/<source>/...` through `crawler.fixtures.shapes.<source>.respond`;
`traps` replace chosen paths with a canned (status, content type, body) to stage faults.
`run_crawl(SpiderClass, **spider_args)` crawls in-process and returns a Deferred firing with
the items, stats and the feed file written as `-O` would.
"""

from __future__ import annotations

import importlib
import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from scrapy import signals
from scrapy.utils.defer import deferred_from_coro
from scrapy.utils.test import get_crawler

FAST = {"DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_ENABLED": False, "ROBOTSTXT_OBEY": True, "LOG_LEVEL": "DEBUG",
        "RETRY_TIMES": 1, "DOWNLOAD_TIMEOUT": 5, "TELNETCONSOLE_ENABLED": False}


def synthetic_posting(number: int, board: str = "riverbend-health", title: str = "Medical Assistant", **extra) -> dict:
    """A hand-written synthetic posting in the shape of docs/contracts.md §3."""
    posting = {
        "ats": extra.pop("ats", "smartrecruiters"), "board": board, "employer": "Riverbend Health (synthetic)",
        "id": f"syn-{number:06d}", "title": title,
        "description_html": "<p>Synthetic posting. Room patients, take vitals, document in Epic.</p><ul><li>CMA preferred</li></ul>",
        "location": "Tulsa, OK 74103", "city": "Tulsa", "state": "OK", "postal_code": "74103", "remote": False,
        "posted_at": "2026-03-14T15:02:00Z", "updated_at": "2026-03-15T09:00:00Z", "employment_type": "full_time",
        "department": "Clinical Operations", "pay": {"min": 19.5, "max": 23.0, "period": "hour", "currency": "USD"},
        "is_ma": True,
    }
    posting.update(extra)
    return posting


@dataclass
class ShapeServer:
    postings: list[dict]
    traps: dict[str, tuple[int, str, str]] = field(default_factory=dict)
    requests: list[tuple[str, dict]] = field(default_factory=list)
    port: int = 0

    def url(self, source: str) -> str:
        return f"http://127.0.0.1:{self.port}/{source}"


def _handler(state: ShapeServer):
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (http.server's name)
            parts = urlsplit(self.path)
            state.requests.append((self.headers.get("Host", "") + self.path, dict(self.headers)))
            if parts.path in state.traps:
                status, kind, body = state.traps[parts.path]
            elif parts.path == "/robots.txt":
                status, kind, body = 404, "text/plain", "no robots.txt"
            else:
                status, kind, body = self._shape(parts)
            data = body.encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def _shape(self, parts):
            source, _, rest = parts.path.lstrip("/").partition("/")
            try:
                shape = importlib.import_module(f"crawler.fixtures.shapes.{source}")
            except ImportError:
                return 404, "application/json", "{}"
            root = f"http://{self.headers.get('Host')}/{source}"
            mine = [p for p in state.postings if p.get("ats") == source]
            arguments = (f"/{rest}", parse_qs(parts.query), mine, root)
            if source == "usajobs":
                answer = shape.respond(*arguments, headers=dict(self.headers))
            else:
                answer = shape.respond(*arguments)
            if len(answer) == 3:
                return answer
            status, body = answer
            return status, "application/json", json.dumps(body)

        def log_message(self, *args):
            pass

    return Handler


@pytest.fixture
def shape_server():
    servers = []

    def start(postings: list[dict], traps: dict | None = None) -> ShapeServer:
        state = ShapeServer(postings=postings, traps=dict(traps or {}))
        server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
        state.port = server.server_port
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return state

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


@dataclass
class CrawlResult:
    items: list[dict]
    stats: dict
    feed: list[dict]


@pytest.fixture
def run_crawl(tmp_path: Path):
    def run(spider_class, settings: dict | None = None, **spider_args):
        feed = tmp_path / f"{spider_class.name}-out.jsonl"
        crawler = get_crawler(spider_class, {**FAST, "FEEDS": {feed.as_uri(): {"format": "jsonlines"}}, **(settings or {})})
        items: list[dict] = []

        def on_item(item, **_):
            items.append(item)

        crawler.signals.connect(on_item, signal=signals.item_scraped)

        async def crawl():
            await crawler.crawl_async(**spider_args)
            lines = feed.read_text(encoding="utf-8").splitlines() if feed.exists() else []
            assert on_item  # keeps the handler alive until the crawl ends
            return CrawlResult(items=items, stats=crawler.stats.get_stats(), feed=[json.loads(line) for line in lines])

        return deferred_from_coro(crawl())

    return run
