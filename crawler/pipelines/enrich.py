"""Complete a posting at crawl time: parsed location, tags, run id, fetch time.

The spider maps only what its source says; this fills what every source needs the same way:
city / state / ZIP / remote from the location string when the source gave no parts, and the
tag record from `pipeline.tag()` on title + plain text + location (docs/contracts.md §1), and the
text fingerprint the warehouse deduplicates by (`pipeline.fingerprint`, docs/contracts.md §2).
"""

from __future__ import annotations

from pipeline import tag
from pipeline.fingerprint import fingerprint
from pipeline.location import parse_location

from crawler.normalize import now_iso

_DEFAULTS = {
    "board": None, "location": None, "city": None, "state": None, "postal_code": None, "remote": None,
    "posted_at": None, "updated_at": None, "employment_type": None, "description_html": None,
    "description_text": "", "pay": None, "raw": {}, "synthetic": False,
}


class EnrichPipeline:
    def __init__(self, crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_item(self, item):
        for field, default in _DEFAULTS.items():
            item.setdefault(field, default)
        # `ma-demand demo` crawls the synthetic fixture server with SYNTHETIC_POSTINGS=True.
        if self.crawler.settings.getbool("SYNTHETIC_POSTINGS"):
            item["synthetic"] = True
        if item["location"] and not (item["city"] or item["state"] or item["postal_code"]):
            parsed = parse_location(item["location"])
            for field in ("city", "state", "postal_code"):
                item[field] = parsed[field]
            if item["remote"] is None:
                item["remote"] = parsed["remote"]
        item["tags"] = tag({
            "id": f"{item.get('source')}:{item.get('source_id')}",
            "title": item.get("title") or "",
            "description": item["description_text"],
            "location": item["location"] or "",
        })
        item["fingerprint"] = fingerprint(item)
        item.setdefault("fetched_at", now_iso())
        if self.crawler.settings.get("CRAWL_TIME"):  # a simulated crawl date (`ma-demand demo`)
            item["fetched_at"] = self.crawler.settings.get("CRAWL_TIME")
        spider = self.crawler.spider
        item["run_id"] = getattr(spider, "run_id", None) or item.get("run_id") or "unrecorded"
        return item
