"""Test harness for the operations tests: a local job-board server and ways to run ma-demand."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
REPO = HERE.parent.parent
JOBS_PER_BOARD = 6


class BoardServer:
    """Serves `/<spider>/<board>/jobs.json` and `/<spider>/<board>/jobs/<n>.json`; counts every fetch.

    `clients`: hold every page until requests with that many different User-Agent headers have come
    (one per worker), so workers that start a few seconds apart on a loaded machine still share the work.
    """

    def __init__(self, delay: float = 0.0, clients: int = 0):
        self.delay = delay
        self.hits: Counter[str] = Counter()
        self.clients_here = threading.Event()
        self.agents: set[str] = set()
        if clients <= 1:
            self.clients_here.set()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                server.hits[self.path] += 1
                server.agents.add(self.headers.get("User-Agent", ""))
                if len(server.agents) >= clients:
                    server.clients_here.set()
                server.clients_here.wait(60)
                if server.delay:
                    time.sleep(server.delay)
                parts = self.path.strip("/").split("/")
                if len(parts) == 3 and parts[2] == "jobs.json":
                    spider, board = parts[0], parts[1]
                    body = {"jobs": [{"url": f"/{spider}/{board}/jobs/{n}.json"} for n in range(JOBS_PER_BOARD)]}
                elif len(parts) == 4 and parts[2] == "jobs":
                    spider, board, number = parts[0], parts[1], parts[3].removesuffix(".json")
                    body = {"id": f"{board}-{number}", "title": f"Medical Assistant {number} ({board})"}
                else:
                    self.send_error(404)
                    return
                data = json.dumps(body).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


def dead_url() -> str:
    """A URL on 127.0.0.1 where nothing listens."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}"


def sample_environment(tmp_path: Path) -> dict:
    """Environment that points Scrapy at the sample project and ma-demand at a temp data folder."""
    env = dict(os.environ)
    env.update({
        "SCRAPY_SETTINGS_MODULE": "ops_sample.settings",
        "PYTHONPATH": os.pathsep.join([str(HERE), str(REPO), env.get("PYTHONPATH", "")]),
        "MA_DEMAND_DATA_DIR": str(tmp_path / "data"),
        "MA_DEMAND_LANDING": str(tmp_path / "data" / "landing"),
        "MA_DEMAND_DB": str(tmp_path / "data" / "warehouse.duckdb"),
        "MA_DEMAND_RETENTION_DAYS": "0",
    })
    return env


def ma_demand(args: list[str], env: dict, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "ma_demand", *args], env=env, cwd=REPO,
                          capture_output=True, text=True, timeout=120, **kwargs)


def landed_items(landing: Path, spider: str) -> list[dict]:
    rows = []
    for path in sorted((landing / spider).glob("*.jsonl")):
        rows += [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    return rows


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port: int, seconds: float = 20.0) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            if time.monotonic() > deadline:
                raise TimeoutError(f"nothing listens on 127.0.0.1:{port} after {seconds} s")
            time.sleep(0.1)


def scrapy_crawl(spider: str, env: dict, *options: str) -> subprocess.Popen:
    """Start a plain `scrapy crawl` of the sample project."""
    return subprocess.Popen([sys.executable, "-m", "scrapy", "crawl", spider, *options], env=env, cwd=REPO,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
