"""Keep MA and MA-adjacent postings only; count what each board had that was skipped.

Employer boards carry every job they have; the decision is the tagger's
(`pipeline.relevance.is_relevant`), so the crawl and the warehouse agree on what an MA job is.
"""

from __future__ import annotations

from pipeline.relevance import is_relevant

from crawler.pipelines.drops import NotRelevant


class RelevancePipeline:
    def __init__(self, crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_item(self, item):
        title = str(item.get("title") or "")
        if is_relevant(title, str(item.get("description_text") or "")):
            return item
        self.crawler.stats.inc_value(f"boards/{item.get('board')}/skipped")
        self.crawler.stats.inc_value("postings/skipped")
        raise NotRelevant(f"not an MA posting: {title[:80]!r}")
