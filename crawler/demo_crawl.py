"""The demo's crawl, offline: synthetic postings served in each source's API shape, real spiders.

1. Generate the synthetic postings (`crawler.fixtures.synthetic.generate`) and serve them on
   127.0.0.1 in each source's API shape (`crawler.fixtures.server`).
2. Run the real spiders of every source that has one against it, each as its own
   `scrapy crawl NAME -a base_url=http://127.0.0.1:PORT/<source> -a boards=...`, with
   demo-only settings: the server is ours and local, so no download delay and no AutoThrottle.
3. Do it on several simulated crawl dates a week apart (the setting CRAWL_TIME), so the Trends
   page has weeks to draw. The weekly sources are crawled on every date: each crawl finds the
   postings posted since the last and no longer lists those whose time on the board is up (the
   warehouse marks them removed). The other sources join the registry one date or another, as a
   real registry grows, and are crawled once, finding every posting posted by then.

`ma-demand demo` (ma_demand_demo.py) calls `crawl_demo`, then loads the landing files and serves
the dashboard: those steps are not the crawler's.
"""

from __future__ import annotations

import json
import tomllib
import zlib
from dataclasses import dataclass, replace
from datetime import date, timedelta
from importlib import resources
from pathlib import Path

from crawler.schedule import SpiderJob, SpiderResult, run_spiders
from ma_demand_settings import UserError

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
# Simulated crawl dates, a week apart, the last on the Monday after the synthetic calendar's last
# posting day (crawler/fixtures/synthetic/market.toml `end`). Each spider run starts a process
# (about 3 s), so only the two largest sources are crawled weekly; each other source once, on the
# date (0 = the first) it joins the demo's registry (a source not named here: the first).
CRAWL_DATES = 3
WEEKLY_SOURCES = ("greenhouse", "lever")
JOINS_ON_DATE = {"ashby": 0, "jobposting": 0, "usajobs": 1, "smartrecruiters": 1, "workable": 2}
# A posting stays on its board for 1 to 4 weekly crawls (from a hash of its id).
MOST_WEEKS_LISTED = 4


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


def crawl_dates() -> list[str]:
    """The simulated crawl times, oldest first, as ISO UTC (06:00 on Mondays)."""
    from crawler.fixtures.synthetic_vocabulary import vocabulary

    last_posting_day = date.fromisoformat(vocabulary().market["end"])
    last = last_posting_day + timedelta(days=7 - last_posting_day.weekday())
    return [f"{last - timedelta(weeks=CRAWL_DATES - 1 - k):%Y-%m-%d}T06:00:00Z" for k in range(CRAWL_DATES)]


def listed_at(posting: dict, crawl: int, dates: list[str]) -> bool:
    """Whether the board lists `posting` on crawl number `crawl`: posted by then, its weeks not yet up;
    a source that is not crawled weekly is crawled on its one date only."""
    posted = posting.get("posted_at") or ""
    if posting["ats"] not in WEEKLY_SOURCES:
        return crawl == crawled_on(posting["ats"]) and posted <= dates[crawl]
    first = next((k for k, when in enumerate(dates) if posted <= when), None)
    if first is None:
        return False
    weeks = 1 + zlib.crc32(f"{posting['ats']}:{posting['id']}".encode()) % MOST_WEEKS_LISTED
    return first <= crawl < first + weeks


def crawled_on(source: str) -> int | None:
    """The one crawl date (its number) of a source that is not crawled weekly; None for a weekly one."""
    return None if source in WEEKLY_SOURCES else JOINS_ON_DATE.get(source, 0)


@dataclass
class DemoCrawl:
    fetched_by_source: dict[str, int]  # postings the fixture server offered to each spider, over every crawl
    kept: int  # posting lines the spiders landed over every crawl: MA and MA-adjacent titles (pipeline.relevance)

    @property
    def fetched(self) -> int:
        return sum(self.fetched_by_source.values())


def crawl_demo(landing: Path, registry: Path, postings: int = 2400, only: list[str] | None = None,
               parallel: int = 2, out=None) -> DemoCrawl:
    """Serve `postings` synthetic postings and crawl them into `landing` (every spider, or `only`)
    on each simulated crawl date."""
    from crawler.crawl_plan import available_spiders
    from crawler.fixtures.server import FixtureServer
    from crawler.fixtures.synthetic import generate

    print(f"generating {postings} synthetic postings ...", file=out, flush=True)
    generated = generate(n=postings)
    dates = crawl_dates()
    boards: dict[str, set[str]] = {}
    for posting in generated:
        boards.setdefault(posting["ats"], set()).add(posting["board"])
    # Every board stays known while it lists nothing: an empty board is not a missing one.
    server = FixtureServer([], boards={source: sorted(names) for source, names in boards.items()}).start()
    results, offered = [], set()
    try:
        spiders = available_spiders()
        unknown = sorted(set(only or []) - set(spiders))
        if unknown:
            raise UserError(f"unknown spider {', '.join(unknown)}; known: {', '.join(spiders)}")
        all_jobs = demo_jobs(generated, server.url, only or spiders, write_demo_registry(registry))
        missing = [] if only else sorted({p["ats"] for p in generated} - {job.spider for job in all_jobs})
        print(f"fixture server on {server.url}; crawling {len(all_jobs)} sources: {', '.join(j.spider for j in all_jobs)}"
              + (f" (no spider yet for {', '.join(missing)})" if missing else "")
              + f", on {len(dates)} simulated dates a week apart", file=out, flush=True)
        for crawl, when in enumerate(dates):
            listed = [posting for posting in generated if listed_at(posting, crawl, dates)]
            offered.update((posting["ats"], posting["id"]) for posting in listed)
            server.postings = listed
            jobs = [replace(job, settings={**job.settings, "CRAWL_TIME": when}) for job in all_jobs
                    if crawled_on(job.spider) in (None, crawl)]
            if not jobs:
                continue
            print(f"crawl of {when[:10]}: {', '.join(job.spider for job in jobs)}", file=out, flush=True)

            def progress(result: SpiderResult, listed=listed) -> None:
                note = f"  ! {result.reason}" if result.reason else ""
                print(f"  {result.spider:16} {result.items:5} of {served_count(listed, result.spider):5} postings "
                      f"fetched kept (MA and MA-adjacent titles)  {result.seconds:5.1f} s{note}", file=out, flush=True)

            results += run_spiders(jobs, landing, parallel=parallel, timeout=600, on_done=progress)
    finally:
        server.stop()
    if not any(result.items for result in results):
        raise UserError("the demo crawl landed no postings; see the warnings above")
    return DemoCrawl(fetched_by_source={job.spider: sum(1 for ats, _ in offered if ats == job.spider) for job in all_jobs},
                     kept=sum(result.items for result in results))


def served_count(postings: list[dict], source: str) -> int:
    return sum(1 for posting in postings if posting["ats"] == source)
