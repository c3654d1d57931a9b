"""Scale-out: N worker processes on N machines split one crawl through Redis (scrapy-redis).

With `REDIS_URL` set (`scrapy crawl NAME -s REDIS_URL=redis://host:6379/0`, or
`ma-demand crawl --redis URL`), every worker uses one shared request queue and one shared
duplicate filter in Redis. Each worker generates the same start requests; the first one to
offer a request enqueues it, the others find it already seen, and every worker takes requests
from the shared queue, so each page is fetched once by whichever worker is free. Each worker
writes its own landing file (its own run id); one `ma-demand load` merges them.

Workers agree on one crawl through the crawl key `MA_DEMAND_REDIS_CRAWL` (default: today's UTC
date, so workers started by the same nightly timer agree without configuration). Keys are
`ma-demand:<crawl>:<spider>:requests|dupefilter`; they outlive a worker that finishes early
(so a late worker does not refetch what was done) and expire after `MA_DEMAND_REDIS_TTL`
seconds (default two days), so tomorrow's crawl starts clean.

`RedisScaleOut` is a Scrapy add-on listed in crawler/settings.py: without REDIS_URL it does nothing.
"""

from __future__ import annotations

from datetime import UTC, datetime

from scrapy_redis.scheduler import Scheduler

DEFAULT_TTL_SECONDS = 2 * 24 * 3600


def default_crawl_key(now: datetime | None = None) -> str:
    return f"{(now or datetime.now(UTC)).astimezone(UTC):%Y%m%d}"


def redis_settings(url: str, crawl_key: str | None = None, ttl: int = DEFAULT_TTL_SECONDS) -> dict[str, str]:
    """The Scrapy settings that make a spider one worker of the shared crawl `crawl_key`."""
    prefix = f"ma-demand:{crawl_key or default_crawl_key()}:%(spider)s"
    return {
        "REDIS_URL": url,
        "MA_DEMAND_REDIS_CRAWL": crawl_key or default_crawl_key(),
        "MA_DEMAND_REDIS_TTL": str(ttl),
        "SCHEDULER": "crawler.distributed.SharedScheduler",
        "DUPEFILTER_CLASS": "scrapy_redis.dupefilter.RFPDupeFilter",
        "SCHEDULER_QUEUE_CLASS": "scrapy_redis.queue.PriorityQueue",
        "SCHEDULER_QUEUE_KEY": f"{prefix}:requests",
        "SCHEDULER_DUPEFILTER_KEY": f"{prefix}:dupefilter",
        # Keep the queue and filter when one worker closes: the others are still using them.
        "SCHEDULER_PERSIST": "True",
    }


class RedisScaleOut:
    """Scrapy add-on: turns on the shared scheduler when REDIS_URL is set, else does nothing."""

    def update_settings(self, settings) -> None:
        url = settings.get("REDIS_URL")
        if not url:
            return
        crawl_key = settings.get("MA_DEMAND_REDIS_CRAWL") or None
        ttl = settings.getint("MA_DEMAND_REDIS_TTL", DEFAULT_TTL_SECONDS)
        for name, value in redis_settings(url, crawl_key, ttl).items():
            settings.set(name, value, priority="addon")


class SharedScheduler(Scheduler):
    """scrapy-redis's scheduler, with two changes for several workers running one crawl.

    - Start requests are checked against the shared filter even when marked `dont_filter`:
      every worker makes the same start requests, and only one of them may fetch each.
      Other `dont_filter` requests (retries) still pass, as in Scrapy.
    - On close, the queue and filter keys get an expiry instead of being deleted.
    """

    @classmethod
    def from_crawler(cls, crawler):
        scheduler = super().from_crawler(crawler)
        scheduler.ttl = crawler.settings.getint("MA_DEMAND_REDIS_TTL", DEFAULT_TTL_SECONDS)
        return scheduler

    def enqueue_request(self, request):
        if request.dont_filter and request.meta.get("is_start_request") and self.df.request_seen(request):
            self.df.log(request, self.spider)
            return False
        return super().enqueue_request(request)

    def close(self, reason):
        super().close(reason)
        for key in (self.queue.key, self.df.key):
            self.server.expire(key, self.ttl)
