"""`ma-demand crawl`: the one scheduled command. Crawl the enabled sources, load, refresh claims.

A flow across parts, so it lives at the top beside the CLI. The run, step by step: take the run
lock (`crawler.lock`), crawl (`crawler.crawl_plan`: each spider its own `scrapy crawl`
subprocess), then run the load step (`python -m warehouse.load_and_compact`) as a subprocess
too, so that the process that runs the spiders never opens the DuckDB file. Everything is
written to the run record `<data>/runs/<run_id>.json`, read by `ma-demand status`.

Exit statuses (docs/operations.md):
  0  crawled and loaded; sources that were down are warnings in the run record and on stderr
  1  the run failed: no source landed anything, or the load failed
  2  a usage or configuration fault (unknown spider, bad registry, bad option)
  3  refused: another crawl holds the lock
  130 interrupted
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from crawler.crawl_plan import CrawlPlan, choose_spiders, crawl
from crawler.lock import LockHeld, RunLock
from crawler.runlog import close_run_logging, configure_run_logging
from ma_demand_settings import UserError, setting

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_LOCKED = 0, 1, 2, 3


@dataclass
class ScheduledRun:
    """One scheduled run: a crawl, then (unless `load` is false) the load of what it landed."""

    crawl: CrawlPlan
    data_dir: Path
    db: Path
    retention_days: float = 0.0
    load: bool = True

    @property
    def run_id(self) -> str:
        return self.crawl.run_id


def execute(run: ScheduledRun) -> int:
    """Run it under the lock; write the run record; return the exit status."""
    log = configure_run_logging(run.data_dir, run.run_id)
    lock = RunLock(run.data_dir / "crawl.lock", run.run_id)
    try:
        lock.acquire()
    except LockHeld as error:
        log.error("refused: %s", error)
        print(f"ma-demand crawl: refused: {error}", file=sys.stderr)
        close_run_logging()
        return EXIT_LOCKED
    previous = signal.signal(signal.SIGTERM, _stop_on_sigterm)
    try:
        if lock.cleared:
            log.warning("cleared a stale lock left by %s, which is no longer running", lock.cleared.describe())
        return _run_locked(run, log, lock)
    except KeyboardInterrupt:
        log.error("interrupted: spiders stopped, lock released; landing files written so far are kept")
        raise
    finally:
        signal.signal(signal.SIGTERM, previous)
        lock.release()
        close_run_logging()


def _run_locked(run: ScheduledRun, log: logging.Logger, lock: RunLock) -> int:
    started = time.monotonic()
    plan = run.crawl
    record: dict = {"run_id": run.run_id, "started_at": _now(), "spiders": plan.spiders,
                    "redis": bool(plan.redis_url), "sources": [], "load": None}
    results = crawl(plan, log, on_start=lock.add_member)
    record["sources"] = [result.as_record() for result in results]
    warnings = [f"{result.spider}: {result.reason}" for result in results if result.status != "ok"]
    status, reason = "ok", ""
    if all(result.status != "ok" and result.items == 0 for result in results):  # every source down
        status, reason = "failed", "no source returned postings: " + "; ".join(warnings)
    elif run.load:
        record["load"] = run_load_step(run.db, plan.landing, log, compact_older_than=run.retention_days)
        if not record["load"].get("ok"):
            status, reason = "failed", f"load failed: {record['load'].get('error', 'unknown error')}"
    if status == "ok" and warnings:
        status = "warning"
    record.update(status=status, reason=reason, warnings=warnings, finished_at=_now(),
                  seconds=round(time.monotonic() - started, 2))
    path = write_run_record(run.data_dir, record)
    items = sum(result.items for result in results)
    total = len(plan.spiders)
    summary = (f"{run.run_id}: {status}; {items} postings landed (MA and MA-adjacent titles) "
               f"from {sum(r.landed for r in results)}/{total} sources"
               f"{'; ' + str(len(warnings)) + ' warning(s)' if warnings else ''}; record {path}")
    if status == "failed":
        log.error("%s; %s", summary, reason)
        print(f"ma-demand crawl: {reason}", file=sys.stderr)
        return EXIT_FAILED
    log.info(summary)
    return EXIT_OK


def run_load_step(db: Path, landing: Path, log: logging.Logger, *, compact_older_than: float = 0.0) -> dict:
    """Run `python -m warehouse.load_and_compact` and return its JSON summary (`ok` false on failure)."""
    command = [sys.executable, "-m", "warehouse.load_and_compact", "--db", str(db), "--landing", str(landing)]
    if compact_older_than > 0:
        command += ["--compact-older-than", str(compact_older_than)]
    log.info("loading %s into %s", landing, db)
    process = subprocess.run(command, capture_output=True, text=True, errors="replace",
                             env=dict(os.environ))
    for line in process.stderr.splitlines():
        if line.strip():
            log.debug("load: %s", line)
    summary = last_json(process.stdout)
    if process.returncode != 0:
        error = summary.get("error") or (process.stderr.strip().splitlines() or [f"exit {process.returncode}"])[-1]
        return {"ok": False, "exit_code": process.returncode, "error": error}
    summary.setdefault("ok", True)
    log.info("loaded: %s", ", ".join(f"{k}={v}" for k, v in summary.items() if k != "ok"))
    return summary


def write_run_record(data_dir: Path, record: dict) -> Path:
    folder = data_dir / "runs"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{record['run_id']}.json"
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(json.dumps(record, indent=2, default=str) + "\n", encoding="utf-8")
    os.replace(temporary, path)
    return path


def last_json(text: str) -> dict:
    """The last line of `text` that is a JSON object (a step's summary), else {}."""
    for line in reversed(text.splitlines()):
        try:
            value = json.loads(line)
        except json.JSONDecodeError:
            continue
        if isinstance(value, dict):
            return value
    return {}


def _stop_on_sigterm(signum, frame) -> None:
    """systemd and kill send SIGTERM: stop like Ctrl-C, so the lock is released and spiders stopped."""
    raise KeyboardInterrupt


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _crawl_command(args: argparse.Namespace) -> int:
    plan = CrawlPlan(
        spiders=choose_spiders(args.spiders), landing=Path(args.landing or setting("landing")),
        redis_url=args.redis or setting("redis_url"), redis_crawl=args.redis_crawl or "",
        parallel=positive_int(args.parallel or setting("crawl_parallel"), "--parallel"),
        timeout=float(setting("spider_timeout_s")),
        settings=dict(_pair(text, "-s") for text in args.set or []),
        arguments=_spider_arguments(args.argument or []),
    )
    return execute(ScheduledRun(plan, data_dir=Path(args.data_dir or setting("data_dir")),
                                db=Path(args.db or setting("db")),
                                retention_days=float(setting("retention_days")), load=not args.no_load))


def _spider_arguments(texts: list[str]) -> dict[str, dict[str, str]]:
    """`-a NAME=VALUE` for every spider, `-a SPIDER:NAME=VALUE` for one; keyed by spider ('*' = all)."""
    arguments: dict[str, dict[str, str]] = {}
    for text in texts:
        name, value = _pair(text, "-a")
        spider, _, name = name.rpartition(":")
        arguments.setdefault(spider or "*", {})[name] = value
    return arguments


def _pair(text: str, option: str) -> tuple[str, str]:
    name, sep, value = text.partition("=")
    if not sep or not name:
        raise UserError(f"{option} takes NAME=VALUE, not {text!r}")
    return name, value


def positive_int(text: str, option: str) -> int:
    """`text` as a whole number of at least 1; `option` names it in the error."""
    try:
        value = int(text)
    except ValueError:
        raise UserError(f"{option} must be a whole number, not {text!r}") from None
    if value < 1:
        raise UserError(f"{option} must be at least 1")
    return value


def register(subparsers) -> None:
    crawl_parser = subparsers.add_parser(
        "crawl", help="The scheduled run: crawl the enabled sources, load, refresh the claims.",
        description="Crawl the sources enabled in crawler/sources.toml (or the SPIDERs named), load the "
                    "landing files into the warehouse and refresh the claims. One run at a time (a lock "
                    "under the data folder). Exit status: 0 done (down sources are warnings), 1 failed "
                    "(nothing landed, or the load failed), 2 usage or configuration fault, 3 another run "
                    "holds the lock, 130 interrupted.",
    )
    crawl_parser.add_argument("spiders", nargs="*", metavar="SPIDER",
                              help="spiders to run (default: every enabled source)")
    crawl_parser.add_argument("--redis", metavar="URL", help="share one scheduler and duplicate filter in Redis "
                              "with other workers (default: MA_DEMAND_REDIS_URL; empty = run alone)")
    crawl_parser.add_argument("--redis-crawl", metavar="KEY",
                              help="crawl key the workers share (default: today's UTC date)")
    crawl_parser.add_argument("--parallel", metavar="N", help="spiders run at once (default: MA_DEMAND_CRAWL_PARALLEL)")
    crawl_parser.add_argument("--no-load", action="store_true", help="crawl only; leave loading to another machine")
    crawl_parser.add_argument("-s", "--set", action="append", metavar="NAME=VALUE",
                              help="Scrapy setting for every spider")
    crawl_parser.add_argument("-a", "--argument", action="append", metavar="[SPIDER:]NAME=VALUE",
                              help="spider argument, for every spider or for SPIDER only "
                                   "(e.g. -a greenhouse:boards=acme)")
    crawl_parser.add_argument("--data-dir", help="data folder (default: MA_DEMAND_DATA_DIR)")
    crawl_parser.add_argument("--landing", help="landing folder (default: MA_DEMAND_LANDING)")
    crawl_parser.add_argument("--db", help="warehouse file (default: MA_DEMAND_DB)")
    crawl_parser.set_defaults(handler=_crawl_command)
