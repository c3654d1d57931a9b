"""Subcommands `ma-demand crawl` (the scheduled run) and `ma-demand demo` (the offline demo)."""

from __future__ import annotations

import argparse
from pathlib import Path

from ma_demand_settings import UserError, setting


def _crawl(args: argparse.Namespace) -> int:
    from crawler.nightly import CrawlPlan, choose_spiders, execute

    data_dir = Path(args.data_dir or setting("data_dir"))
    plan = CrawlPlan(
        spiders=choose_spiders(args.spiders), data_dir=data_dir,
        landing=Path(args.landing or setting("landing")), db=Path(args.db or setting("db")),
        redis_url=args.redis or setting("redis_url"), redis_crawl=args.redis_crawl or "",
        parallel=_positive_int(args.parallel or setting("crawl_parallel"), "--parallel"),
        timeout=float(setting("spider_timeout_s")),
        retention_days=float(setting("retention_days")), load=not args.no_load,
        settings=dict(_pair(text, "-s") for text in args.set or []),
        arguments=_spider_arguments(args.argument or []),
    )
    return execute(plan)


def _demo(args: argparse.Namespace) -> int:
    from crawler.demo import run_demo

    only = [name.strip() for name in (args.spiders or "").split(",") if name.strip()]
    return run_demo(db=Path(args.db), port=args.port, serve=not args.no_serve, postings=args.postings,
                    only=only, parallel=_positive_int(setting("crawl_parallel"), "MA_DEMAND_CRAWL_PARALLEL"))


def _egg(args: argparse.Namespace) -> int:
    from crawler.egg import build_egg

    path = build_egg(args.output)
    print(path)
    return 0


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


def _positive_int(text: str, option: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise UserError(f"{option} must be a whole number, not {text!r}") from None
    if value < 1:
        raise UserError(f"{option} must be at least 1")
    return value


def register(subparsers) -> None:
    crawl = subparsers.add_parser(
        "crawl", help="The scheduled run: crawl the enabled sources, load, refresh the claims.",
        description="Crawl the sources enabled in crawler/sources.toml (or the SPIDERs named), load the "
                    "landing files into the warehouse and refresh the claims. One run at a time (a lock "
                    "under the data folder). Exit status: 0 done (down sources are warnings), 1 failed "
                    "(nothing landed, or the load failed), 2 usage or configuration fault, 3 another run "
                    "holds the lock, 130 interrupted.",
    )
    crawl.add_argument("spiders", nargs="*", metavar="SPIDER", help="spiders to run (default: every enabled source)")
    crawl.add_argument("--redis", metavar="URL", help="share one scheduler and duplicate filter in Redis with "
                       "other workers (default: MA_DEMAND_REDIS_URL; empty = run alone)")
    crawl.add_argument("--redis-crawl", metavar="KEY", help="crawl key the workers share (default: today's UTC date)")
    crawl.add_argument("--parallel", metavar="N", help="spiders run at once (default: MA_DEMAND_CRAWL_PARALLEL)")
    crawl.add_argument("--no-load", action="store_true", help="crawl only; leave loading to another machine")
    crawl.add_argument("-s", "--set", action="append", metavar="NAME=VALUE", help="Scrapy setting for every spider")
    crawl.add_argument("-a", "--argument", action="append", metavar="[SPIDER:]NAME=VALUE",
                       help="spider argument, for every spider or for SPIDER only (e.g. -a greenhouse:boards=acme)")
    crawl.add_argument("--data-dir", help="data folder (default: MA_DEMAND_DATA_DIR)")
    crawl.add_argument("--landing", help="landing folder (default: MA_DEMAND_LANDING)")
    crawl.add_argument("--db", help="warehouse file (default: MA_DEMAND_DB)")
    crawl.set_defaults(handler=_crawl)

    demo = subparsers.add_parser(
        "demo", help="Offline demo: synthetic postings -> real spiders -> warehouse -> dashboard.",
        description="Start the fixture server with synthetic postings on 127.0.0.1, run every spider "
                    "against it, load the warehouse and serve the dashboard (or, with --no-serve, "
                    "print a summary and stop).",
    )
    demo.add_argument("--no-serve", action="store_true", help="stop after the load and print a summary")
    demo.add_argument("--db", default="data/demo.duckdb", help="warehouse file (default: data/demo.duckdb)")
    demo.add_argument("--port", type=int, default=8050, help="dashboard port (default: 8050)")
    demo.add_argument("--postings", type=int, default=2400, help="synthetic postings to generate (default: 2400)")
    demo.add_argument("--spiders", metavar="NAME,NAME", help="crawl only these sources (default: every spider)")
    demo.set_defaults(handler=_demo)

    egg = subparsers.add_parser(
        "egg", help="Build the Scrapyd egg (crawler + pipeline only) and print its path.",
        description="Build the egg Scrapyd runs, holding crawler/ and pipeline/ only, without writing a "
                    "setup.py into the project. Deploy it: scrapyd-deploy TARGET --egg \"$(ma-demand egg)\".",
    )
    egg.add_argument("-o", "--output", default="build/ma-demand-crawler.egg",
                     help="where to write the egg (default: build/ma-demand-crawler.egg)")
    egg.set_defaults(handler=_egg)
