"""Benchmark: load N synthetic postings from landing files into a new warehouse; time and peak memory.

    .venv/bin/python -m benchmarks.load [--postings 1000000] [--workdir /tmp/ma-demand-bench] [--plain]

Writes the landing files at set-up (reused across runs), loads them once from scratch, then loads
again (a no-op through the manifest), and prints the stage times the loader reports. Peak memory
is the process's maximum resident set (DuckDB runs in-process, so it is included); the machine's
load average is printed before and after, since the cores may be shared. `--plain` writes items
without the crawler's `fingerprint`, as older landing files are, so the load computes it.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import time
from pathlib import Path

from benchmarks.landing_items import write_landing
from warehouse import load


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postings", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--workdir", default="/tmp/ma-demand-bench")
    parser.add_argument("--plain", action="store_true", help="landing items without the crawler's fingerprint")
    args = parser.parse_args(argv)
    workdir = Path(args.workdir)
    landing = workdir / f"landing-{args.postings}{'-plain' if args.plain else ''}"
    print(f"set-up: writing {args.postings:,} synthetic postings to {landing}", flush=True)
    write_landing(landing, args.postings, runs=args.runs, fingerprints=not args.plain)
    print("load average before: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()), flush=True)
    size = sum(p.stat().st_size for p in landing.rglob("*.jsonl"))
    db = workdir / f"warehouse-{args.postings}{'-plain' if args.plain else ''}.duckdb"
    for stale in workdir.glob(f"{db.name}*"):
        stale.unlink()
    started = time.perf_counter()

    def progress(message: str) -> None:
        print(f"  {time.perf_counter() - started:7.1f} s  {message}", flush=True)

    summary = load.load(db, landing, progress=progress)
    first = time.perf_counter() - started
    started_again = time.perf_counter()
    again = load.load(db, landing, progress=lambda _: None)
    second = time.perf_counter() - started_again
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print("load average after: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    print(summary.line())
    print(f"\nsummary: {args.postings:,} postings ({size / 1e9:.2f} GB of landing JSON) loaded in {first:.1f} s "
          f"({args.postings / first:,.0f} postings/s); peak memory {peak_mb:,.0f} MB; "
          f"warehouse {db.stat().st_size / 1e9:.2f} GB; reload of the same files {second:.1f} s "
          f"({again.files_new} new files)")


if __name__ == "__main__":
    main()
