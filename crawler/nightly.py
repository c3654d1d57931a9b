"""`ma-demand crawl`: the one scheduled command. Crawl the enabled sources, load, refresh claims.

The run, step by step: take the run lock (`crawler.lock`), run each spider as its own
`scrapy crawl` subprocess (`crawler.schedule`), then run the load step
(`python -m warehouse.load_step`) as a subprocess too, so the crawler never opens the DuckDB
file itself. Everything is written to the run record `<data>/runs/<run_id>.json`, read by
`ma-demand status`.

Exit statuses (docs/operations.md):
  0  crawled and loaded; sources that were down are warnings in the run record and on stderr
  1  the run failed: no source landed anything, or the load failed
  2  a usage or configuration fault (unknown spider, bad registry, bad option)
  3  refused: another crawl holds the lock
  130 interrupted
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from ma_demand_settings import UserError
from crawler.lock import LockHeld, RunLock
from crawler.runlog import close_run_logging, configure_run_logging, spider_logger
from crawler.schedule import SpiderJob, SpiderResult, run_spiders

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_LOCKED = 0, 1, 2, 3


def new_crawl_id(now: datetime | None = None) -> str:
    moment = (now or datetime.now(UTC)).astimezone(UTC)
    return f"crawl-{moment:%Y%m%dT%H%M%SZ}-{secrets.token_hex(3)}"


@dataclass
class CrawlPlan:
    """What one scheduled run does; built from the CLI options and the settings."""

    spiders: list[str]
    data_dir: Path
    landing: Path
    db: Path
    redis_url: str = ""
    redis_crawl: str = ""
    parallel: int = 2
    timeout: float = 3600.0
    retention_days: float = 0.0
    load: bool = True
    arguments: dict[str, dict[str, str]] = field(default_factory=dict)  # -a per spider, "*" for all
    settings: dict[str, str] = field(default_factory=dict)  # -s for every spider
    run_id: str = field(default_factory=new_crawl_id)

    def jobs(self) -> list[SpiderJob]:
        settings = dict(self.settings)
        if self.redis_url:
            from crawler.distributed import redis_settings

            settings.update(redis_settings(self.redis_url, self.redis_crawl or None))
        common = self.arguments.get("*", {})
        return [SpiderJob(name, {**common, **self.arguments.get(name, {})}, settings) for name in self.spiders]


def available_spiders() -> list[str]:
    """Spider names Scrapy can load from crawler.spiders."""
    from scrapy.settings import Settings
    from scrapy.spiderloader import SpiderLoader

    from crawler.schedule import SETTINGS_MODULE

    settings = Settings()
    settings.setmodule(os.environ.get("SCRAPY_SETTINGS_MODULE", SETTINGS_MODULE), priority="project")
    return sorted(SpiderLoader.from_settings(settings).list())


def enabled_spiders() -> list[str]:
    """Spiders with at least one enabled board in the source registry."""
    from crawler.registry import RegistryError, load_registry

    try:
        registry = load_registry()
    except RegistryError as error:
        raise UserError(str(error)) from None
    enabled = {board.source for board in registry.boards if board.enabled}
    return [name for name in available_spiders() if name in enabled]


def choose_spiders(requested: list[str]) -> list[str]:
    if not requested:
        chosen = enabled_spiders()
        if not chosen:
            raise UserError("no spider has an enabled board in crawler/sources.toml; nothing to crawl")
        return chosen
    known = available_spiders()
    unknown = [name for name in requested if name not in known]
    if unknown:
        raise UserError(f"unknown spider {', '.join(unknown)}; known: {', '.join(known) or 'none'}")
    return list(dict.fromkeys(requested))


def execute(plan: CrawlPlan) -> int:
    """Run the plan under the lock; write the run record; return the exit status."""
    log = configure_run_logging(plan.data_dir, plan.run_id)
    lock = RunLock(plan.data_dir / "crawl.lock", plan.run_id)
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
        return _run_locked(plan, log)
    except KeyboardInterrupt:
        log.error("interrupted: spiders stopped, lock released; landing files written so far are kept")
        raise
    finally:
        signal.signal(signal.SIGTERM, previous)
        lock.release()
        close_run_logging()


def _run_locked(plan: CrawlPlan, log) -> int:
    started = time.monotonic()
    record: dict = {"run_id": plan.run_id, "started_at": _now(), "spiders": plan.spiders,
                    "redis": bool(plan.redis_url), "sources": [], "load": None}
    total = len(plan.spiders)
    log.info("crawling %d source%s: %s", total, "" if total == 1 else "s", ", ".join(plan.spiders))
    done = []

    def progress(result: SpiderResult) -> None:
        done.append(result)
        line = f"[{len(done)}/{total}] {result.spider}: {result.items} postings in {result.seconds:.1f} s"
        spider_logger(result.spider).log(30 if result.status == "warning" else 20,
                                         line + (f"; warning: {result.reason}" if result.reason else ""))

    results = run_spiders(plan.jobs(), plan.landing, parallel=plan.parallel, timeout=plan.timeout, on_done=progress,
                          expect_items=not plan.redis_url)
    record["sources"] = [result.as_record() for result in results]
    warnings = [f"{result.spider}: {result.reason}" for result in results if result.status != "ok"]
    status, reason = "ok", ""
    if all(result.status != "ok" and result.items == 0 for result in results):  # every source down
        status, reason = "failed", "no source returned postings: " + "; ".join(warnings)
    elif plan.load:
        record["load"] = load_step(plan, log)
        if not record["load"].get("ok"):
            status, reason = "failed", f"load failed: {record['load'].get('error', 'unknown error')}"
    if status == "ok" and warnings:
        status = "warning"
    record.update(status=status, reason=reason, warnings=warnings, finished_at=_now(),
                  seconds=round(time.monotonic() - started, 2))
    path = write_run_record(plan.data_dir, record)
    items = sum(result.items for result in results)
    summary = (f"{plan.run_id}: {status}; {items} postings from {sum(r.landed for r in results)}/{total} sources"
               f"{'; ' + str(len(warnings)) + ' warning(s)' if warnings else ''}; record {path}")
    if status == "failed":
        log.error("%s; %s", summary, reason)
        print(f"ma-demand crawl: {reason}", file=sys.stderr)
        return EXIT_FAILED
    log.info(summary)
    return EXIT_OK


def load_step(plan: CrawlPlan, log) -> dict:
    """Run `python -m warehouse.load_step` and return its JSON summary (`ok` false on failure)."""
    command = [sys.executable, "-m", "warehouse.load_step", "--db", str(plan.db), "--landing", str(plan.landing)]
    if plan.retention_days > 0:
        command += ["--compact-older-than", str(plan.retention_days)]
    log.info("loading %s into %s", plan.landing, plan.db)
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
