"""`ma-demand demo`: the whole path, offline, on synthetic postings.

1. Generate the synthetic postings (`crawler.fixtures.synthetic.generate`) and serve them on
   127.0.0.1 in each source's API shape (`crawler.fixtures.server`).
2. Run the real spiders of every source that has one against it, each as its own
   `scrapy crawl NAME -a base_url=http://127.0.0.1:PORT/<source> -a boards=...`, with
   demo-only settings: the server is ours and local, so no download delay and no AutoThrottle.
3. Load the landing files into the demo warehouse (`python -m warehouse.load_step`).
4. Serve the dashboard (`ma-demand serve`), or with --no-serve print a summary and stop.

The demo warehouse holds synthetic postings only; it is rebuilt on every run and never mixed
with a real warehouse.
"""

from __future__ import annotations

import json
import logging
import shutil
import tomllib
from importlib import resources
import subprocess
import sys
import time
from pathlib import Path

import ma_demand
from ma_demand_settings import UserError, setting
from crawler.nightly import last_json, new_crawl_id
from crawler.runlog import configure_run_logging
from crawler.schedule import SpiderJob, SpiderResult, run_spiders

# Our own local server: crawl it as fast as it answers.
DEMO_SETTINGS = {
    "DOWNLOAD_DELAY": "0",
    "AUTOTHROTTLE_ENABLED": "False",
    "CONCURRENT_REQUESTS": "32",
    "CONCURRENT_REQUESTS_PER_DOMAIN": "16",
    "RETRY_TIMES": "1",
    "LOG_LEVEL": "INFO",
    # Every item is marked synthetic (crawler/pipelines/enrich.py), and so is the warehouse.
    "SYNTHETIC_POSTINGS": "True",
}


def demo_arguments() -> dict:
    return tomllib.loads(resources.files("crawler").joinpath("demo_arguments.toml").read_text(encoding="utf-8"))


def spider_arguments(table: dict, base: str, boards: list[str]) -> dict[str, str]:
    """Fill one source's argument templates (crawler/demo_arguments.toml)."""
    filled = {}
    for name, template in table.items():
        if not isinstance(template, str):
            continue
        if "{board}" in template:
            filled[name] = ",".join(template.format(base=base, board=board) for board in boards)
        else:
            filled[name] = template.format(base=base, boards=",".join(boards))
    return filled


def write_demo_registry(path: Path) -> Path:
    """A source registry of the synthetic employers' boards, so the spiders name each employer
    as they would from crawler/sources.toml (Lever and Ashby payloads carry no company name)."""
    from crawler.fixtures.synthetic import employer_boards

    lines = ["# The synthetic employers' boards, written by `ma-demand demo` for its spiders.", "version = 1", ""]
    for board in employer_boards():
        lines += ["[[board]]", f"source = {json.dumps(board['ats'])}", f"token = {json.dumps(board['board'])}",
                  f"employer = {json.dumps(board['employer'])}", 'status = "candidate"', "enabled = false",
                  'permission = "synthetic demo postings on the local fixture server"', ""]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def demo_jobs(postings: list[dict], base_url: str, spiders: list[str], registry: Path | None = None) -> list[SpiderJob]:
    """One job per source that has both postings and a spider, pointed at that source's boards."""
    boards: dict[str, set[str]] = {}
    for posting in postings:
        boards.setdefault(posting["ats"], set()).add(posting["board"])
    table = demo_arguments()
    jobs = []
    for source in sorted(boards):
        if source not in spiders:
            continue
        entry = table.get(source, table["default"])
        arguments = spider_arguments(entry, f"{base_url}/{source}", sorted(boards[source]))
        if registry is not None:
            arguments["registry"] = str(registry)
        jobs.append(SpiderJob(source, arguments, DEMO_SETTINGS, dict(entry.get("env", {}))))
    return jobs


def prepare_warehouse(db: Path) -> None:
    """Remove an earlier demo warehouse; refuse to touch a warehouse of real postings."""
    if not db.exists():
        return
    from warehouse.load_step import is_synthetic_warehouse

    if not is_synthetic_warehouse(db):
        raise UserError(f"{db} holds real postings; give the demo its own file with --db")
    db.unlink()


def run_demo(db: Path, port: int, serve: bool, postings: int = 2400, only: list[str] | None = None,
             parallel: int = 2, out=sys.stdout) -> int:
    from crawler.fixtures.synthetic import generate
    from crawler.nightly import available_spiders

    started = time.monotonic()
    data = Path(setting("data_dir"))
    configure_run_logging(data, new_crawl_id().replace("crawl-", "demo-", 1), stderr_level=logging.WARNING)
    landing = data / "demo" / "landing"
    shutil.rmtree(landing, ignore_errors=True)
    prepare_warehouse(db)
    print(f"generating {postings} synthetic postings ...", file=out, flush=True)
    generated = generate(n=postings)
    server = start_fixture_server(generated)
    try:
        spiders = available_spiders()
        unknown = sorted(set(only or []) - set(spiders))
        if unknown:
            raise UserError(f"unknown spider {', '.join(unknown)}; known: {', '.join(spiders)}")
        jobs = demo_jobs(generated, server.url, only or spiders, write_demo_registry(data / "demo" / "sources.toml"))
        missing = [] if only else sorted({p["ats"] for p in generated} - {job.spider for job in jobs})
        print(f"fixture server on {server.url}; crawling {len(jobs)} sources: {', '.join(j.spider for j in jobs)}"
              + (f" (no spider yet for {', '.join(missing)})" if missing else ""), file=out, flush=True)

        def progress(result: SpiderResult) -> None:
            note = f"  ! {result.reason}" if result.reason else ""
            print(f"  {result.spider:16} {result.items:5} MA postings kept  {result.seconds:5.1f} s{note}",
                  file=out, flush=True)

        results = run_spiders(jobs, landing, parallel=parallel, timeout=600, on_done=progress)
    finally:
        server.stop()
    if not any(result.items for result in results):
        raise UserError("the demo crawl landed no postings; see the warnings above")
    print(f"loading {landing} into {db} ...", file=out, flush=True)
    load = subprocess.run([sys.executable, "-m", "warehouse.load_step", "--db", str(db), "--landing", str(landing)],
                          capture_output=True, text=True)
    summary = last_json(load.stdout)
    if load.returncode != 0:
        raise UserError(f"demo load failed: {summary.get('error') or load.stderr.strip()[-300:]}")
    fetched = sum(served_count(generated, job.spider) for job in jobs)
    kept = sum(result.items for result in results)
    print(f"demo ready in {time.monotonic() - started:.0f} s: {fetched} postings fetched, {kept} MA postings kept, "
          f"{summary.get('postings_in_warehouse', '?')} rows loaded into {db} (synthetic data)", file=out, flush=True)
    if not serve:
        return 0
    print(f"serving the dashboard at http://127.0.0.1:{port} (Ctrl-C to stop)", file=out, flush=True)
    return ma_demand.main(["serve", "--db", str(db), "--port", str(port)])


def served_count(postings: list[dict], source: str) -> int:
    return sum(1 for posting in postings if posting["ats"] == source)


def start_fixture_server(postings: list[dict]):
    """Start `crawler.fixtures.server` on a free 127.0.0.1 port, in a thread; `.url` and `.stop()`."""
    from crawler.fixtures.server import FixtureServer

    return FixtureServer(postings, host="127.0.0.1", port=0).start()

