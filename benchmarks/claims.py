"""Benchmark: refresh every claim on a warehouse built by benchmarks.load.

    .venv/bin/python -m benchmarks.claims [--postings 1000000] [--workdir /tmp/ma-demand-bench]

Times `warehouse.claims.refresh(con)` alone (the step a load runs before its swap), on a copy of the
benchmark warehouse so the original stays as it was.
"""

from __future__ import annotations

import argparse
import shutil
import time
from pathlib import Path

import duckdb

from warehouse import claims


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postings", type=int, default=1_000_000)
    parser.add_argument("--workdir", default="/tmp/ma-demand-bench")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    source = Path(args.workdir) / f"warehouse-{args.postings}.duckdb"
    if not source.exists():
        raise SystemExit(f"no {source}: run `python -m benchmarks.load --postings {args.postings}` first")
    copy = source.with_name(source.name + ".claims-bench")
    shutil.copyfile(source, copy)
    try:
        with duckdb.connect(str(copy)) as con:
            population = con.execute("SELECT count(*) FROM v_claim_population").fetchone()[0]
            times = []
            for attempt in range(args.repeat):
                started = time.perf_counter()
                count = claims.refresh(con)
                times.append(time.perf_counter() - started)
                print(f"  refresh {attempt + 1}: {count} claims in {times[-1]:.2f} s", flush=True)
            print(f"\nsummary: {count} claims over {population:,} unique MA postings: best {min(times):.2f} s, "
                  f"worst {max(times):.2f} s")
            for row in con.execute("SELECT claim_id, verdict, n FROM claim_results ORDER BY claim_id").fetchall():
                print(f"  {row[0]:42} {row[1]:17} n={row[2]:,}")
    finally:
        copy.unlink(missing_ok=True)


if __name__ == "__main__":
    main()
