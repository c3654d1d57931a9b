"""One crawl of several spiders: its id, the spiders it runs, their `scrapy crawl` jobs, and the run.

`ma-demand crawl` (ma_demand_scheduled_run.py) builds a `CrawlPlan` from its options and the
settings and runs it with `crawl(plan, log)`: each spider its own `scrapy crawl` subprocess
(`crawler.schedule`), writing landing files only. What happens to those files next is not the
crawler's business.
"""

from __future__ import annotations

import logging
import os
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from crawler.runlog import spider_logger
from crawler.schedule import SpiderJob, SpiderResult, run_spiders
from ma_demand_settings import UserError


def new_crawl_id(now: datetime | None = None) -> str:
    moment = (now or datetime.now(UTC)).astimezone(UTC)
    return f"crawl-{moment:%Y%m%dT%H%M%SZ}-{secrets.token_hex(3)}"


@dataclass
class CrawlPlan:
    """The spiders one crawl runs and how; built from the CLI options and the settings."""

    spiders: list[str]
    landing: Path
    redis_url: str = ""
    redis_crawl: str = ""
    parallel: int = 2
    timeout: float = 3600.0
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


def crawl(plan: CrawlPlan, log: logging.Logger,
          on_start: Callable[[int], None] | None = None) -> list[SpiderResult]:
    """Run every spider of the plan, logging one line per spider as it ends; `on_start(pid)` hears
    each spider process start."""
    total = len(plan.spiders)
    log.info("crawling %d source%s: %s", total, "" if total == 1 else "s", ", ".join(plan.spiders))
    done = []

    def progress(result: SpiderResult) -> None:
        done.append(result)
        line = f"[{len(done)}/{total}] {result.spider}: {result.items} postings in {result.seconds:.1f} s"
        spider_logger(result.spider).log(30 if result.status == "warning" else 20,
                                         line + (f"; warning: {result.reason}" if result.reason else ""))

    return run_spiders(plan.jobs(), plan.landing, parallel=plan.parallel, timeout=plan.timeout, on_done=progress,
                       expect_items=not plan.redis_url, on_start=on_start)
