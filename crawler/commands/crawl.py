"""`scrapy crawl NAME`: Scrapy's own command, exiting 1 when the run could not reach its source.

Scrapy's command exits non-zero only when the crawler fails to start; a crawl whose every request
failed (DNS, refused, timeout, HTTP errors) ends "finished" and exits 0. The landing pipeline marks
such a run on the crawler (`failed_crawl`, with the cause in words), and this command turns the
mark into exit code 1, so a cron job or a shell `&&` sees the failure.
"""

from __future__ import annotations

import sys

from scrapy.commands.crawl import Command as ScrapyCrawl


class Command(ScrapyCrawl):
    def _create_crawler(self, spidercls):
        self.crawler = super()._create_crawler(spidercls)
        return self.crawler

    def run(self, args, opts) -> None:
        super().run(args, opts)
        failed = getattr(getattr(self, "crawler", None), "failed_crawl", None)
        if failed:
            print(f"scrapy crawl: {failed}", file=sys.stderr)  # the last line, under Scrapy's closing stats
            self.exitcode = 1
