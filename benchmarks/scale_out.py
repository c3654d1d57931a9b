"""Benchmark: one crawl split over 1, 2 and 3 worker processes through Redis.

    .venv/bin/python -m benchmarks.scale_out [--boards 30] [--delay 0.1]

Uses the small test project in tests/ops/ops_sample (each board lists 6 postings, each
posting is its own request) against a local server that answers every request after
`--delay` seconds, with two requests in flight per worker (a polite per-host limit). Needs
redis-server. Prints wall time, pages per second and how the postings split over the workers.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TESTS = Path(__file__).resolve().parent.parent / "tests" / "ops"
sys.path.insert(0, str(TESTS))

from ops_sample.harness import (BoardServer, free_port, landed_items, sample_environment,  # noqa: E402
                                scrapy_crawl, wait_for_port)


def run(workers: int, boards: str, delay: float, redis_url: str, folder: Path, key: str) -> tuple[float, list[int], int]:
    server = BoardServer(delay=delay)
    env = dict(sample_environment(folder), OPS_SAMPLE_URL=server.url)
    shared = ["-s", f"REDIS_URL={redis_url}", "-s", f"MA_DEMAND_REDIS_CRAWL={key}"] if workers > 1 else []
    began = time.perf_counter()
    processes = [scrapy_crawl("alpha", env, "-a", f"boards={boards}", "-s", f"LANDING_DIR={folder / f'w{n}'}",
                              "-s", "CONCURRENT_REQUESTS=2", *shared) for n in range(workers)]
    for process in processes:
        process.wait()
    seconds = time.perf_counter() - began
    server.close()
    counts = [len(landed_items(folder / f"w{n}", "alpha")) for n in range(workers)]
    return seconds, counts, sum(server.hits.values())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--boards", type=int, default=30)
    parser.add_argument("--delay", type=float, default=0.1)
    args = parser.parse_args()
    executable = shutil.which("redis-server")
    if not executable:
        sys.exit("redis-server is not installed")
    boards = ",".join(f"board{n}" for n in range(args.boards))
    with tempfile.TemporaryDirectory() as folder:
        port = free_port()
        redis = subprocess.Popen([executable, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                                  "--dir", folder], stdout=subprocess.DEVNULL)
        try:
            wait_for_port(port)
            print(f"{args.boards} boards x 6 postings, {args.delay * 1000:.0f} ms per response, 2 requests in flight per worker")
            for workers in (1, 2, 3):
                seconds, counts, pages = run(workers, boards, args.delay, f"redis://127.0.0.1:{port}/0",
                                             Path(folder) / f"run{workers}", f"bench-{workers}")
                print(f"{workers} worker(s): {seconds:5.2f} s wall, {pages} pages fetched ({pages / seconds:.0f}/s), "
                      f"postings per worker {counts} (total {sum(counts)})", flush=True)
        finally:
            redis.terminate()
            redis.wait()


if __name__ == "__main__":
    main()
