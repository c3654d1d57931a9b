"""Write the run's landing files: postings, quarantine, and the run record.

Last in the item pipeline, so a posting reaches the landing file only once it is relevant,
tagged and valid. The run record is written on `spider_closed`, after Spidermon (an
extension, connected earlier) has put its monitor results on the spider. A run stopped by
a shutdown with a JOBDIR keeps its `.part` file to be resumed; any other close finishes it.
A run that landed nothing because the source could not be reached says why in one line and
marks the crawler failed, so `scrapy crawl` exits non-zero (crawler/commands/crawl.py).
"""

from __future__ import annotations

import logging

from scrapy import signals

from crawler.landing_run import LandingRun
from crawler.normalize import now_iso
from crawler.pipelines.drops import AlreadyLanded, Quarantined
from crawler.unreachable import cause_in_stats

logger = logging.getLogger(__name__)


class LandingPipeline:
    def __init__(self, crawler):
        self.crawler = crawler
        self.run: LandingRun | None = None

    @classmethod
    def from_crawler(cls, crawler):
        pipeline = cls(crawler)
        crawler.signals.connect(pipeline.item_dropped, signal=signals.item_dropped)
        crawler.signals.connect(pipeline.spider_closed, signal=signals.spider_closed)
        return pipeline

    def open_spider(self):
        spider = self.crawler.spider
        settings = self.crawler.settings
        self.run = LandingRun.open(settings.get("LANDING_DIR") or "data/landing", spider.name, settings.get("JOBDIR"),
                                   crawl_time=settings.get("CRAWL_TIME") or None)
        spider.run_id = self.run.run_id
        self.crawler.stats.inc_value("log_count/ERROR", 0)  # present even when zero, for the error monitor
        spider.landing_run = self.run
        if isinstance(getattr(spider, "state", None), dict):
            spider.state["run_id"] = self.run.run_id
        verb = "resuming" if self.run.resumed else "starting"
        logger.info("%s run %s: landing file %s (%d postings already landed)",
                    verb, self.run.run_id, self.run.part_path, len(self.run.landed))

    def process_item(self, item):
        if not self.run.write(dict(item)):
            raise AlreadyLanded(f"{item.get('source')}:{item.get('source_id')} is already in this run")
        self.crawler.stats.inc_value("postings/landed")
        return item

    def item_dropped(self, item, response, exception, spider=None):
        if isinstance(exception, Quarantined) and self.run is not None:
            self.run.quarantine(exception.reason, exception.record)

    def spider_closed(self, spider, reason):
        if self.run is None:
            return
        if reason == "shutdown" and self.crawler.settings.get("JOBDIR"):
            self.run.suspend()
            logger.info("run %s suspended: resume it with the same JOBDIR", self.run.run_id)
            return
        record = self.run_record(spider, reason)
        path = self.run.finish(record)
        if path is not None:
            logger.info("run %s landed %d postings in %s", self.run.run_id, len(self.run.landed), path)
            return
        causes = cause_in_stats(record["stats"]) + [
            f"board {board}: {entry['error']}" for board, entry in record["boards"].items() if entry.get("error")]
        if causes:
            # `scrapy crawl` exits non-zero for this run (crawler/commands/crawl.py).
            self.crawler.failed_crawl = f"{spider.name} landed no postings: could not reach the source: {causes[0]}"
            logger.error("%s", self.crawler.failed_crawl)
        else:
            logger.info("run %s landed no postings: the source answered and listed none", self.run.run_id)

    def run_record(self, spider, reason: str) -> dict:
        stats = self.crawler.stats.get_stats()
        boards = {}
        for board, status in getattr(spider, "board_status", {}).items():
            boards[board] = {
                "employer": status.get("employer"),
                "fetched": stats.get(f"boards/{board}/fetched", 0),
                "kept": self.run.landed_per_board.get(board, 0),
                "skipped": stats.get(f"boards/{board}/skipped", 0),
                "quarantined": stats.get(f"boards/{board}/quarantined", 0),
                "complete": bool(status.get("complete")) and not status.get("error"),
                "error": status.get("error"),
            }
        return {
            "run_id": self.run.run_id,
            "spider": spider.name,
            "source": getattr(spider, "source", spider.name),
            "started_at": self.run.started_at,
            "finished_at": self.crawler.settings.get("CRAWL_TIME") or now_iso(),
            "finish_reason": reason,
            "resumed": self.run.resumed,
            "items_file": self.run.items_path.name,
            "postings": len(self.run.landed),
            "quarantined": self.run.quarantined,
            "boards": boards,
            "monitors": getattr(spider, "monitor_results", None),
            "stats": {key: value for key, value in stats.items()
                      if _jsonable(value) and not key.startswith("spidermon_item_scraped_count")},
        }


def _jsonable(value) -> bool:
    return isinstance(value, str | int | float | bool | type(None)) or hasattr(value, "isoformat")
