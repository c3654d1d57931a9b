"""Check every posting against the item schema; a bad one is quarantined, the crawl goes on."""

from __future__ import annotations

from crawler.items import validation_reason
from crawler.pipelines.drops import Quarantined


class ValidationPipeline:
    def __init__(self, crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_item(self, item):
        reason = validation_reason(dict(item))
        if reason is None:
            return item
        self.crawler.stats.inc_value(f"boards/{item.get('board')}/quarantined")
        self.crawler.stats.inc_value("postings/quarantined")
        raise Quarantined(reason, dict(item))
