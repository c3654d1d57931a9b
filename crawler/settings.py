"""Scrapy settings for ma-demand: polite by default, every value commented.

The crawler reads public job-board APIs run by employers' applicant-tracking systems.
Politeness is not optional here: robots.txt is obeyed, one or two requests per host at a
time, AutoThrottle slows down when a host slows down, Retry-After is honoured on 429/503,
and the User-Agent names the project and a contact address (MA_DEMAND_CONTACT).
Override any value for one run with `scrapy crawl NAME -s SETTING=value`.
"""

from __future__ import annotations

from ma_demand_settings import setting

BOT_NAME = "ma-demand"
SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"

# Who we are and how to reach the operator; USAJOBS requires an e-mail here too.
CONTACT = setting("contact")
USER_AGENT = f"ma-demand/0.1 (Medical Assistant job-demand research; +mailto:{CONTACT})"

# Obey robots.txt on every host, including API hosts.
ROBOTSTXT_OBEY = True

# At most two requests in flight per host, eight overall: public APIs, not a load test.
CONCURRENT_REQUESTS = 8
CONCURRENT_REQUESTS_PER_DOMAIN = 2

# At least one second between requests to a host (Scrapy adds +-50% jitter).
DOWNLOAD_DELAY = 1.0

# AutoThrottle raises the delay when a host answers slowly, never below DOWNLOAD_DELAY.
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 60.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0

# Give up on one response after 30 s; the request is retried like a 5xx.
DOWNLOAD_TIMEOUT = 30

# Retries: 3 attempts in all for 5xx, 408, 429 and network errors, each after a growing pause
# (RETRY_BACKOFF_BASE * 2**attempt, at most RETRY_BACKOFF_MAX seconds). A Retry-After header on
# 429/503 replaces the pause and holds the whole host; one longer than RETRY_AFTER_MAX gives up.
RETRY_ENABLED = True
RETRY_TIMES = 2
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
RETRY_BACKOFF_BASE = 2.0
RETRY_BACKOFF_MAX = 60.0
RETRY_AFTER_MAX = 600.0

DOWNLOADER_MIDDLEWARES = {
    # Replaced by PoliteRetryMiddleware, which adds Retry-After and backoff.
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "crawler.middlewares.retry.PoliteRetryMiddleware": 550,
}

# Item pipelines, in order: drop non-MA postings, add parsed location and tags, validate against
# the posting schema (bad records go to quarantine), then write the run's landing file.
ITEM_PIPELINES = {
    "crawler.pipelines.relevance.RelevancePipeline": 100,
    "crawler.pipelines.enrich.EnrichPipeline": 200,
    "crawler.pipelines.validation.ValidationPipeline": 300,
    "crawler.pipelines.landing_writer.LandingPipeline": 900,
}

# Landing folder: one JSON Lines file per run under <landing>/<spider>/ (MA_DEMAND_LANDING).
LANDING_DIR = setting("landing")

# The time a run records (its run id, started and finished, each posting's fetched_at), as ISO UTC;
# empty: the clock's. Only `ma-demand demo` sets it, to land its synthetic crawls on several dates.
CRAWL_TIME = ""

# Dropped postings are logged in one line, without the whole payload.
LOG_FORMATTER = "crawler.logformatter.PostingLogFormatter"
LOG_LEVEL = "INFO"

# Crawl health: Spidermon runs these checks when the spider closes; results go into the run record.
EXTENSIONS = {
    "spidermon.contrib.scrapy.extensions.Spidermon": 500,
    # A download that fails for a network fault (DNS, refused, timed out) is logged in one line, no traceback.
    "crawler.unreachable.QuietNetworkErrors": 100,
}
SPIDERMON_ENABLED = True
SPIDERMON_SPIDER_CLOSE_MONITORS = ("crawler.monitors.CrawlHealthMonitorSuite",)
# Fewer items than this over the whole run fails the item-count monitor.
SPIDERMON_MIN_ITEMS = 1
# More ERROR log lines than this fails the error-count monitor.
SPIDERMON_MAX_ERRORS = 0
# Share of items that must carry each field.
SPIDERMON_ADD_FIELD_COVERAGE = True
SPIDERMON_FIELD_COVERAGE_SKIP_IF_NO_ITEM = True
SPIDERMON_FIELD_COVERAGE_RULES = {
    "dict/title": 1.0,
    "dict/url": 1.0,
    "dict/description_text": 1.0,
    "dict/state": 0.5,
    "dict/posted_at": 0.5,
}

# Scale-out (off unless REDIS_URL is set): with `-s REDIS_URL=redis://host:6379/0` the workers of one
# crawl share a request queue and duplicate filter in Redis (crawler/distributed.py, docs/operations.md).
ADDONS = {"crawler.distributed.RedisScaleOut": 0}

# HTTP cache (off): turn on while developing a spider to replay responses offline.
HTTPCACHE_ENABLED = False

FEED_EXPORT_ENCODING = "utf-8"
# `-o`/`-O FILE` writes no file for a run that got no items, as the landing files do.
FEED_STORE_EMPTY = False

# Project commands: `scrapy crawl` exits 1 when the run could not reach its source (crawler/commands/crawl.py).
COMMANDS_MODULE = "crawler.commands"
