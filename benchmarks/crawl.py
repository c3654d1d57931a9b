"""Crawl throughput: a real `scrapy crawl` of the local fixture server, and the per-posting cost.

Two figures: (1) wall time and postings/s for the greenhouse and lever spiders crawling N
hand-made synthetic postings over 20 boards on 127.0.0.1 with politeness delays off (the
crawler's own ceiling; real crawls are bound by DOWNLOAD_DELAY, ~1 request/s per host);
(2) the in-process cost per posting of mapping + text + tags + validation, without HTTP.

Run: .venv/bin/python -m benchmarks.crawl [--postings 2000]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from crawler.fixtures.server import FixtureServer
from crawler.items import validation_reason
from crawler.spiders import greenhouse
from pipeline import tag

REPO = Path(__file__).resolve().parents[1]
TITLES = ["Medical Assistant", "Certified Medical Assistant", "Clinical Medical Assistant - Pediatrics",
          "Registered Nurse", "Billing Specialist", "Medical Assistant II"]


def make_postings(count: int, ats: str) -> list[dict]:
    """Synthetic postings made for this benchmark (not real employers)."""
    postings = []
    for number in range(count):
        postings.append({
            "ats": ats, "board": f"bench-{number % 20:02d}", "employer": f"Bench Clinic {number % 20}",
            "id": f"{ats[:2]}-{number:06d}", "title": TITLES[number % len(TITLES)],
            "description_html": "<p>Room patients, take vitals, update Epic.</p><ul><li>CMA or RMA required</li>"
                                "<li>BLS within 90 days</li><li>$19-$23 per hour</li></ul>" * 3,
            "location": "Tulsa, OK 74103", "posted_at": "2026-03-14T15:02:00Z", "updated_at": None,
            "employment_type": "full_time", "department": "Clinical",
            "pay": {"min": 19.0, "max": 23.0, "period": "hour", "currency": "USD"} if number % 2 else None,
            "is_ma": "Medical Assistant" in TITLES[number % len(TITLES)],
        })
    return postings


def crawl_once(spider: str, count: int) -> tuple[float, int]:
    with tempfile.TemporaryDirectory() as folder, FixtureServer(make_postings(count, spider)) as server:
        boards = ",".join(f"bench-{n:02d}" for n in range(20))
        command = [sys.executable, "-m", "scrapy", "crawl", spider, "-a", f"base_url={server.source_url(spider)}",
                   "-a", f"boards={boards}", "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False",
                   "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=8", "-s", "LOG_LEVEL=WARNING"]
        env = {**os.environ, "MA_DEMAND_LANDING": folder}
        started = time.perf_counter()
        subprocess.run(command, cwd=REPO, env=env, check=True, capture_output=True)
        elapsed = time.perf_counter() - started
        record = json.loads(next(Path(folder, spider).glob("*.run.json")).read_text())
        return elapsed, record["stats"].get("postings/fetched", 0)


def per_posting_cost(count: int) -> float:
    from crawler.fixtures.shapes.greenhouse import job

    jobs = [job(posting, content=True) for posting in make_postings(count, "greenhouse")]
    started = time.perf_counter()
    for entry in jobs:
        item = greenhouse.posting(entry, "bench", "Bench")
        item.update(city=None, state=None, postal_code=None, remote=None, run_id="bench", synthetic=True)
        item["tags"] = tag({"id": item["source_id"], "title": item["title"], "description": item["description_text"]})
        validation_reason(item)
    return (time.perf_counter() - started) / count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postings", type=int, default=2000, help="postings per crawl (default: 2000)")
    args = parser.parse_args(argv)
    print(f"in-process mapping + tags + validation over {args.postings} postings ...", flush=True)
    cost = per_posting_cost(args.postings)
    print(f"  {cost * 1000:.2f} ms per posting ({1 / cost:.0f} postings/s)")
    for spider in ("greenhouse", "lever"):
        print(f"scrapy crawl {spider}: {args.postings} postings over 20 boards on 127.0.0.1 ...", flush=True)
        elapsed, fetched = crawl_once(spider, args.postings)
        print(f"  {elapsed:.1f} s wall (incl. ~2-3 s start-up), {fetched} fetched, {fetched / elapsed:.0f} postings/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
