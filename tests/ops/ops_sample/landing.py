"""Writes `<run_id>.jsonl.part`, renames it to `.jsonl` on close, then writes `<run_id>.run.json`."""

import json
import os
import secrets
from datetime import UTC, datetime
from pathlib import Path


class SampleLandingPipeline:
    @classmethod
    def from_crawler(cls, crawler):
        pipeline = cls()
        pipeline.crawler = crawler
        return pipeline

    def open_spider(self, spider=None):
        name = self.crawler.spider.name
        self.run_id = f"{name}-{datetime.now(UTC):%Y%m%dT%H%M%SZ}-{secrets.token_hex(3)}"
        self.folder = Path(self.crawler.settings.get("LANDING_DIR")) / name
        self.folder.mkdir(parents=True, exist_ok=True)
        self.part = self.folder / f"{self.run_id}.jsonl.part"
        self.handle = open(self.part, "w", encoding="utf-8")
        self.started = datetime.now(UTC).isoformat()

    def process_item(self, item, spider=None):
        self.handle.write(json.dumps(dict(item, run_id=self.run_id)) + "\n")
        return item

    def close_spider(self, spider=None):
        self.handle.close()
        os.replace(self.part, self.folder / f"{self.run_id}.jsonl")
        stats = {key: value for key, value in self.crawler.stats.get_stats().items()
                 if isinstance(value, (int, float, str))}
        record = {"run_id": self.run_id, "spider": self.crawler.spider.name, "started_at": self.started,
                  "finished_at": datetime.now(UTC).isoformat(), "finish_reason": "finished", "stats": stats}
        (self.folder / f"{self.run_id}.run.json").write_text(json.dumps(record), encoding="utf-8")
