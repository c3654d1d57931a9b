"""Why a crawl could not reach its source, in words: DNS, refused, timed out, or an HTTP status.

Read from Scrapy's own stats (`downloader/exception_type_count/<module.Class>` and
`downloader/response_status_count/<status>`), so the landing pipeline (for a plain `scrapy crawl`)
and the crawl scheduler (for `ma-demand crawl`) name a dead source the same way.
"""

from __future__ import annotations

import logging

# The exception classes of Scrapy 2.13+ and of Twisted, by the last part of their name.
UNREACHABLE_CAUSES = {
    "CannotResolveHostError": "DNS lookup failed (is the network down?)",
    "DNSLookupError": "DNS lookup failed (is the network down?)",
    "DownloadConnectionRefusedError": "connection refused",
    "ConnectionRefusedError": "connection refused",
    "DownloadTimeoutError": "timed out",
    "TimeoutError": "timed out",
    "TCPTimedOutError": "timed out",
}


def cause_in_stats(stats: dict) -> list[str]:
    """The causes one run's stats show, network failures first, then failing HTTP statuses."""
    causes, statuses = [], []
    for name, count in stats.items():
        if name.startswith("downloader/exception_type_count/") and count:
            exception = name.rsplit(".", 1)[-1]
            causes.append(UNREACHABLE_CAUSES.get(exception, exception))
        elif name.startswith("downloader/response_status_count/") and count:
            statuses.append(name.rsplit("/", 1)[-1])
    failing = sorted({status for status in statuses if not status.startswith(("2", "3"))})
    if failing:
        causes.append("HTTP " + ", ".join(failing))
    return list(dict.fromkeys(causes))


# Scrapy logs a failed download with the exception's whole traceback; for a network fault (not a bug)
# one line says all there is to say.
_QUIETED_LOGGERS = ("scrapy.core.scraper", "scrapy.downloadermiddlewares.robotstxt", "scrapy.core.engine")


class OneLineNetworkErrors(logging.Filter):
    """Turn a log record whose exception is a network fault (UNREACHABLE_CAUSES) into one line: the
    message and the cause, without the traceback. Other records pass unchanged."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and record.exc_info[1] is not None:
            exception = record.exc_info[1]
            cause = UNREACHABLE_CAUSES.get(type(exception).__name__)
            if cause is not None:
                record.msg = f"{record.getMessage()}: {cause}"
                record.args = ()
                record.exc_info = record.exc_text = None
        return True


class QuietNetworkErrors:
    """Extension: installs OneLineNetworkErrors on the loggers that report failed downloads."""

    def __init__(self) -> None:
        self.filter = OneLineNetworkErrors()
        for name in _QUIETED_LOGGERS:
            logging.getLogger(name).addFilter(self.filter)

    @classmethod
    def from_crawler(cls, crawler) -> "QuietNetworkErrors":
        return cls()
