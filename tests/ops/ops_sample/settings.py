"""Settings of the operations-test project: fast, local, landing files in LANDING_DIR."""

BOT_NAME = "ops-sample"
SPIDER_MODULES = ["ops_sample.spiders"]
ROBOTSTXT_OBEY = False
DOWNLOAD_DELAY = 0
RETRY_TIMES = 0
DOWNLOAD_TIMEOUT = 10
CONCURRENT_REQUESTS = 4
LOG_LEVEL = "INFO"
ITEM_PIPELINES = {"ops_sample.landing.SampleLandingPipeline": 900}
ADDONS = {"crawler.distributed.RedisScaleOut": 0}
LANDING_DIR = "data/landing"
TELNETCONSOLE_ENABLED = False
