"""`ma-demand demo`: the whole path, offline, on synthetic postings.

A flow across parts, so it lives at the top beside the CLI:
1. Crawl: synthetic postings on a local fixture server, crawled by the real spiders
   (`crawler.demo_crawl`).
2. Load the landing files into the demo warehouse (`python -m warehouse.load_and_compact`).
3. Serve the dashboard (`dashboard.commands.serve_dashboard`), or with --no-serve print a
   summary and stop.

The demo warehouse holds synthetic postings only; it is rebuilt on every run and never mixed
with a real warehouse.
"""

from __future__ import annotations

import argparse
import logging
import shutil
import time
from pathlib import Path

from crawler.crawl_plan import new_crawl_id
from crawler.demo_crawl import crawl_demo
from crawler.runlog import configure_run_logging
from ma_demand_scheduled_run import positive_int, run_load_step
from ma_demand_settings import UserError, setting


def prepare_warehouse(db: Path) -> None:
    """Remove an earlier demo warehouse; refuse to touch a warehouse of real postings."""
    if not db.exists():
        return
    from warehouse.reader import is_synthetic

    if not is_synthetic(db):
        raise UserError(f"{db} holds real postings; give the demo its own file with --db")
    db.unlink()


def run_demo(db: Path, port: int, serve: bool, postings: int = 2400, only: list[str] | None = None,
             parallel: int = 2, out=None) -> int:
    started = time.monotonic()
    data = Path(setting("data_dir"))
    log = configure_run_logging(data, new_crawl_id().replace("crawl-", "demo-", 1), stderr_level=logging.WARNING)
    landing = data / "demo" / "landing"
    shutil.rmtree(landing, ignore_errors=True)
    prepare_warehouse(db)
    crawled = crawl_demo(landing, data / "demo" / "sources.toml", postings, only, parallel, out)
    print(f"loading {landing} into {db} ...", file=out, flush=True)
    summary = run_load_step(db, landing, log)
    if not summary["ok"]:
        raise UserError(f"demo load failed: {summary['error']}")
    counts = per_source_counts(db)
    print_counts(counts, crawled.fetched_by_source, out)
    total = [sum(row[column] for row in counts.values()) for column in range(3)]
    print(f"demo ready in {time.monotonic() - started:.0f} s: {crawled.fetched} postings fetched, {total[0]} kept "
          f"by the crawl's relevance filter, {total[1]} MA, {total[2]} unique MA (what the dashboard's charts count) "
          f"in {db} (synthetic data)", file=out, flush=True)
    if not serve:
        return 0
    from dashboard.commands import serve_dashboard

    print(f"serving the dashboard at http://127.0.0.1:{port} (Ctrl-C to stop)", file=out, flush=True)
    return serve_dashboard(db, port=port)


def per_source_counts(db: Path) -> dict[str, tuple[int, int, int]]:
    """Per source: postings in the warehouse (those the crawl kept), MA postings, unique MA postings."""
    from warehouse import reader

    rows = reader.query_rows(db, "SELECT source, count(*), count(*) FILTER (WHERE is_ma), "
                                 "count(*) FILTER (WHERE is_ma AND is_canonical) FROM postings GROUP BY source")
    return {source: (kept, ma, unique_ma) for source, kept, ma, unique_ma in sorted(rows)}


def print_counts(counts: dict[str, tuple[int, int, int]], fetched: dict[str, int], out=None) -> None:
    """The table of what was counted at each step, per source, in the dashboard's terms."""
    print(f"  {'source':16} {'fetched':>8} {'kept':>6} {'MA':>6} {'unique MA':>10}", file=out)
    for source, (kept, ma, unique_ma) in counts.items():
        print(f"  {source:16} {fetched.get(source, 0):>8} {kept:>6} {ma:>6} {unique_ma:>10}", file=out)
    print("  (kept: MA and MA-adjacent titles the crawl keeps; MA: tagged as MA jobs; "
          "unique MA: near-duplicates removed)", file=out, flush=True)


def _demo_command(args: argparse.Namespace) -> int:
    only = [name.strip() for name in (args.spiders or "").split(",") if name.strip()]
    return run_demo(db=Path(args.db or setting("demo_db")), port=args.port, serve=not args.no_serve,
                    postings=args.postings, only=only, parallel=positive_int(setting("crawl_parallel"), "MA_DEMAND_CRAWL_PARALLEL"))


def register(subparsers) -> None:
    demo = subparsers.add_parser(
        "demo", help="Offline demo: synthetic postings -> real spiders -> warehouse -> dashboard.",
        description="Start the fixture server with synthetic postings on 127.0.0.1, run every spider "
                    "against it, load the warehouse and serve the dashboard (or, with --no-serve, "
                    "print a summary and stop).",
    )
    demo.add_argument("--no-serve", action="store_true", help="stop after the load and print a summary")
    demo.add_argument("--db", default=None, help="warehouse file (default: $MA_DEMAND_DEMO_DB or data/demo.duckdb; "
                                                 "the read-only commands read it until data/warehouse.duckdb exists)")
    demo.add_argument("--port", type=int, default=8050, help="dashboard port (default: 8050)")
    demo.add_argument("--postings", type=int, default=2400, help="synthetic postings to generate (default: 2400)")
    demo.add_argument("--spiders", metavar="NAME,NAME", help="crawl only these sources (default: every spider)")
    demo.set_defaults(handler=_demo_command)
