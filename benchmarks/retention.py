"""Benchmark: compacting loaded landing files into Parquet, against gzip of the same files.

    .venv/bin/python -m benchmarks.retention [--runs 30] [--items 1000]

Writes synthetic landing runs (postings of realistic size: ~2 KB of text, tags, raw payload)
into a temporary folder, marks them loaded in a real DuckDB warehouse, compacts them with
`warehouse.retention.compact`, and prints time, throughput and size against `gzip -6` of the
same JSON Lines (what an operator would otherwise do with old files).
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import shutil
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import duckdb

from warehouse.load import prepare
from warehouse.retention import archive_dir, compact

WORDS = ("patient", "vitals", "EHR", "Epic", "rooming", "phlebotomy", "CMA", "schedule", "clinic", "injections",
         "BLS", "bilingual", "front", "back", "office", "referrals", "insurance", "chart", "EKG", "specimens")


def _posting(rng: random.Random, run_id: str, number: int) -> dict:
    text = " ".join(rng.choice(WORDS) for _ in range(300))
    return {"source": "greenhouse", "source_id": f"{number}", "board": f"board-{number % 40}",
            "url": f"https://example.invalid/jobs/{number}", "title": "Medical Assistant", "employer": "Synthetic Clinic",
            "location": "Tulsa, OK", "city": "Tulsa", "state": "OK", "postal_code": "74103", "remote": False,
            "posted_at": "2026-08-01T00:00:00Z", "description_html": f"<p>{text}</p>", "description_text": text,
            "pay": {"min": 18.0, "max": 22.0, "period": "hour", "currency": "USD", "source": "structured"},
            "tags": {"is_ma": True, "certifications": [{"code": "CMA", "requirement": "required"}], "ehr": ["epic"]},
            "raw": {"id": number, "content": text[:500]}, "fetched_at": "2026-08-01T03:00:00Z", "run_id": run_id,
            "synthetic": True}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--items", type=int, default=1000)
    args = parser.parse_args()
    rng = random.Random(1)
    with tempfile.TemporaryDirectory() as folder:
        landing = Path(folder) / "data" / "landing"
        (landing / "greenhouse").mkdir(parents=True)
        start = datetime(2026, 8, 1, 3, tzinfo=UTC)
        run_ids = [f"greenhouse-{start + timedelta(days=day):%Y%m%dT%H%M%SZ}-{day:06x}" for day in range(args.runs)]
        print(f"writing {args.runs} runs x {args.items} postings ...", flush=True)
        for run_id in run_ids:
            rows = "".join(json.dumps(_posting(rng, run_id, n)) + "\n" for n in range(args.items))
            (landing / "greenhouse" / f"{run_id}.jsonl").write_text(rows)
            (landing / "greenhouse" / f"{run_id}.run.json").write_text(json.dumps({"run_id": run_id}))
        db = Path(folder) / "warehouse.duckdb"
        con = duckdb.connect(str(db))
        prepare(con)
        con.executemany("INSERT INTO crawl_runs (run_id, spider) VALUES (?, 'greenhouse')", [[r] for r in run_ids])
        con.close()
        jsonl_bytes = sum(p.stat().st_size for p in landing.glob("*/*.jsonl"))

        copy = Path(folder) / "gzip-copy"
        shutil.copytree(landing, copy)
        began = time.perf_counter()
        gzip_bytes = 0
        for path in copy.glob("*/*.jsonl"):
            data = gzip.compress(path.read_bytes(), compresslevel=6)
            gzip_bytes += len(data)
        gzip_seconds = time.perf_counter() - began

        print("compacting ...", flush=True)
        began = time.perf_counter()
        report = compact(landing, db, older_than_days=1, now=datetime(2026, 11, 25, tzinfo=UTC))
        seconds = time.perf_counter() - began
        parquet_bytes = sum(p.stat().st_size for p in archive_dir(landing).glob("*/*.parquet"))
        items = args.runs * args.items
        print(f"\n{items} postings in {args.runs} runs, {jsonl_bytes / 1e6:.1f} MB of JSON Lines")
        print(f"compact -> Parquet: {seconds:.2f} s ({items / seconds:,.0f} postings/s), "
              f"{parquet_bytes / 1e6:.1f} MB ({jsonl_bytes / parquet_bytes:.1f}x smaller), {report.runs} runs")
        print(f"gzip -6 of the same files: {gzip_seconds:.2f} s, {gzip_bytes / 1e6:.1f} MB "
              f"({jsonl_bytes / gzip_bytes:.1f}x smaller)")


if __name__ == "__main__":
    main()
