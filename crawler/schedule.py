"""Run spiders as `scrapy crawl` subprocesses, a few at a time, and judge each one's run.

One process per spider keeps a crash, a hang or a Twisted reactor that cannot restart from
taking the other sources down with it. Each subprocess writes its own landing files
(docs/contracts.md §2); this module finds the run records it produced and turns them into a
`SpiderResult`: `ok`, or `warning` with a one-line reason (source down, no postings, errors in
the log, a failed health monitor). A warning never stops the other spiders. The Scrapy log
of every subprocess is copied, line by line, into the run log (`crawler.runlog`).

A spider does not outlive the run that started it: on Linux each subprocess asks the kernel for
SIGTERM when its parent dies (prctl PR_SET_PDEATHSIG), so a run killed with SIGKILL leaves no
spider crawling beside the next run; `on_start` hears every spider's PID (the run lock lists them).
"""

from __future__ import annotations

import ctypes
import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from crawler.runlog import spider_logger
from crawler.unreachable import cause_in_stats

# The project settings; SCRAPY_SETTINGS_MODULE in the environment names another project.
SETTINGS_MODULE = "crawler.settings"
SCRAPY_LOG_FORMAT = "%(levelname)s %(name)s: %(message)s"
_LEVELS = {"DEBUG": 10, "INFO": 20, "WARNING": 30, "ERROR": 40, "CRITICAL": 50}
# prctl(2): PR_SET_PDEATHSIG, the signal a process gets when the thread that started it ends.
_PR_SET_PDEATHSIG = 1
_LIBC = ctypes.CDLL(None, use_errno=True) if sys.platform.startswith("linux") else None
# Stats that mean a source did not answer as it should (Scrapy's own stat names).
TROUBLE_STATS = ("log_count/ERROR", "downloader/exception_count", "spider_exceptions/count")


@dataclass(frozen=True)
class SpiderJob:
    """One `scrapy crawl NAME -a K=V -s K=V` to run."""

    spider: str
    arguments: dict[str, str] = field(default_factory=dict)
    settings: dict[str, str] = field(default_factory=dict)
    environment: dict[str, str] = field(default_factory=dict)  # for this spider's process only


@dataclass
class SpiderResult:
    spider: str
    status: str  # ok | warning
    reason: str
    exit_code: int | None
    seconds: float
    runs: list[dict] = field(default_factory=list)  # the run records it wrote
    items: int = 0
    quarantined: int = 0

    @property
    def landed(self) -> bool:
        return bool(self.runs)

    def as_record(self) -> dict:
        return {"spider": self.spider, "status": self.status, "reason": self.reason,
                "exit_code": self.exit_code, "seconds": round(self.seconds, 2), "items": self.items,
                "quarantined": self.quarantined, "run_ids": [run.get("run_id") for run in self.runs]}


def scrapy_command(job: SpiderJob, landing: Path) -> list[str]:
    command = [sys.executable, "-m", "scrapy", "crawl", job.spider,
               "-s", f"LANDING_DIR={landing}", "-s", f"LOG_FORMAT={SCRAPY_LOG_FORMAT}"]
    for name, value in job.arguments.items():
        command += ["-a", f"{name}={value}"]
    for name, value in job.settings.items():
        command += ["-s", f"{name}={value}"]
    return command


def run_records(folder: Path) -> set[Path]:
    return set(folder.glob("*.run.json")) if folder.is_dir() else set()


def run_spiders(jobs: Iterable[SpiderJob], landing: str | Path, *, parallel: int = 2, timeout: float = 3600.0,
                on_done: Callable[[SpiderResult], None] | None = None,
                environment: dict[str, str] | None = None, expect_items: bool = True,
                on_start: Callable[[int], None] | None = None) -> list[SpiderResult]:
    """Run every job, at most `parallel` at once; results in the order the jobs were given.
    `on_start(pid)` is called as each spider process starts.

    `expect_items=False` (a worker of a shared Redis crawl, which may find the work done)
    does not count a run without postings as a warning.
    """
    landing = Path(landing).resolve()
    pending = list(jobs)
    order = {job.spider: number for number, job in enumerate(pending)}
    running: list[_Running] = []
    results: list[SpiderResult] = []
    try:
        while pending or running:
            while pending and len(running) < max(1, parallel):
                running.append(_Running.start(pending.pop(0), landing, environment, expect_items))
                if on_start:
                    on_start(running[-1].process.pid)
            time.sleep(0.05)
            for process in list(running):
                result = process.poll(timeout)
                if result is not None:
                    running.remove(process)
                    results.append(result)
                    if on_done:
                        on_done(result)
    except BaseException:
        # Interrupted or stopped: stop the spiders too (Scrapy closes cleanly on SIGTERM).
        for process in running:
            process.stop()
        raise
    return sorted(results, key=lambda result: order[result.spider])


def _die_with_parent(parent: int) -> Callable[[], None]:
    """A preexec_fn: the child gets SIGTERM when `parent` dies (Scrapy then closes its files cleanly)."""
    def arrange() -> None:
        _LIBC.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
        if os.getppid() != parent:  # the parent died before the request took effect
            os._exit(1)
    return arrange


class _Running:
    """One spider subprocess and the thread that copies its log."""

    def __init__(self, job: SpiderJob, landing: Path, process: subprocess.Popen, before: set[Path],
                 expect_items: bool):
        self.job = job
        self.expect_items = expect_items
        self.landing = landing
        self.process = process
        self.before = before
        self.started = time.monotonic()
        self.last_error = ""
        self.log = spider_logger(job.spider)
        self.reader = threading.Thread(target=self._copy_log, daemon=True)
        self.reader.start()

    @classmethod
    def start(cls, job: SpiderJob, landing: Path, environment: dict[str, str] | None, expect_items: bool) -> _Running:
        env = dict(os.environ, **(environment or {}), **job.environment)
        env.setdefault("SCRAPY_SETTINGS_MODULE", SETTINGS_MODULE)
        before = run_records(landing / job.spider)
        command = scrapy_command(job, landing)
        spider_logger(job.spider).info("starting: %s", " ".join(command[1:]))
        process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.PIPE, text=True, errors="replace", env=env,
                                   preexec_fn=_die_with_parent(os.getpid()) if _LIBC else None)
        return cls(job, landing, process, before, expect_items)

    def _copy_log(self) -> None:
        for line in self.process.stderr:
            line = line.rstrip()
            if not line:
                continue
            level = _LEVELS.get(line.split(" ", 1)[0], 10)
            if level >= 40:
                self.last_error = line
            # Scrapy's own lines go to the file only; the spider's summary line says what went wrong.
            self.log.debug("scrapy: %s", line)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def poll(self, timeout: float) -> SpiderResult | None:
        code = self.process.poll()
        if code is None and time.monotonic() - self.started > timeout:
            self.log.warning("no end after %.0f s: stopping it", timeout)
            self.stop()
            code = self.process.returncode
            self.last_error = f"stopped after the {timeout:.0f} s time limit"
        if code is None:
            return None
        self.reader.join(5)
        return judge(self.job.spider, code, self._new_records(), time.monotonic() - self.started, self.last_error,
                     expect_items=self.expect_items)

    def _new_records(self) -> list[dict]:
        records = []
        for path in sorted(run_records(self.landing / self.job.spider) - self.before):
            try:
                record = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, json.JSONDecodeError):
                continue
            record.setdefault("run_id", path.name.removesuffix(".run.json"))
            record["landing_file"] = str(path.with_name(path.name.removesuffix(".run.json") + ".jsonl"))
            records.append(record)
        return records


def judge(spider: str, exit_code: int, records: list[dict], seconds: float, last_error: str = "",
          expect_items: bool = True) -> SpiderResult:
    """ok, or warning with the first reason found; a source that wrote nothing is a warning too."""
    items = sum(_count_lines(Path(record["landing_file"])) for record in records)
    quarantined = sum(int(record.get("quarantined") or 0) for record in records)
    result = SpiderResult(spider, "ok", "", exit_code, seconds, records, items, quarantined)
    reasons = []
    if not records:
        reasons.append(f"no landing file (scrapy exit {exit_code})" + (f": {last_error}" if last_error else ""))
    elif exit_code != 0:
        reasons.append(f"scrapy exit {exit_code}")
    for record in records:
        finish = record.get("finish_reason")
        if finish and finish != "finished":
            reasons.append(f"finished early ({finish})")
        stats = record.get("stats") or {}
        trouble = {name: stats[name] for name in TROUBLE_STATS if stats.get(name)}
        if trouble:
            reasons.append(", ".join(f"{name}={value}" for name, value in trouble.items()))
        failed = failed_monitors(record)
        if failed:
            reasons.append("failed checks: " + ", ".join(failed))
    if records and items == 0 and expect_items:
        reasons.append("no postings landed")
        cause = unreachable_cause(records)
        if cause:  # the one thing to say: the checks and error counts above all follow from it
            reasons = [f"no postings: could not reach the source: {cause}"]
    if reasons:
        result.status, result.reason = "warning", "; ".join(dict.fromkeys(reasons))
    return result


def unreachable_cause(records: list[dict]) -> str:
    """Why the runs' requests got no answer (DNS, refused, timeout) or an HTTP error status; "" when neither."""
    network, statuses = [], []
    for record in records:
        for cause in cause_in_stats(record.get("stats") or {}):
            (statuses if cause.startswith("HTTP ") else network).append(cause)
    failing = sorted({status for cause in statuses for status in cause.removeprefix("HTTP ").split(", ")})
    return "; ".join(dict.fromkeys(network + (["HTTP " + ", ".join(failing)] if failing else [])))


def failed_monitors(record: dict) -> list[str]:
    """Names of failed Spidermon monitors in a run record (docs/contracts.md §2, "Run record").

    The crawler writes a list of `{"monitor", "status": OK|FAIL|ERROR|SKIPPED, "error"}`; a
    mapping of name to status, or `{"passed": false}` entries, are read too.
    """
    monitors = record.get("monitors") or []
    entries = monitors.items() if isinstance(monitors, dict) else enumerate(monitors)
    failed = []
    for key, outcome in entries:
        if isinstance(outcome, dict):
            name = outcome.get("monitor") or outcome.get("name") or str(key)
            bad = str(outcome.get("status", "")).upper() in {"FAIL", "FAILED", "ERROR"} or outcome.get("passed") is False
        else:
            name, bad = str(key), str(outcome).upper() in {"FAIL", "FAILED", "ERROR"}
        if bad:
            failed.append(str(name))
    return failed


def _count_lines(path: Path) -> int:
    try:
        with open(path, "rb") as handle:
            return sum(1 for line in handle if line.strip())
    except OSError:
        return 0
