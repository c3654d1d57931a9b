"""Why a crawl could not reach its source, in words: DNS, refused, timed out, or an HTTP status.

Read from Scrapy's own stats (`downloader/exception_type_count/<module.Class>` and
`downloader/response_status_count/<status>`), so the landing pipeline (for a plain `scrapy crawl`)
and the crawl scheduler (for `ma-demand crawl`) name a dead source the same way.
"""

from __future__ import annotations

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
