"""Retries that wait: Retry-After on 429/503 holds the host, other failures back off.

Scrapy's RetryMiddleware retries at once and ignores Retry-After (scrapy/scrapy#3849). This
subclass replaces it. When it retries, it stamps the new request with the earliest time it
may be sent; on 429/503 with Retry-After the whole host (download slot) waits that long.
`process_request` then awaits a reactor timer, never `time.sleep`, so other hosts go on.

Settings: RETRY_TIMES, RETRY_HTTP_CODES (as Scrapy), RETRY_BACKOFF_BASE and RETRY_BACKOFF_MAX
(pause = base * 2**attempt seconds, capped), RETRY_AFTER_MAX (a longer Retry-After gives up).
"""

from __future__ import annotations

import logging
import time
from email.utils import parsedate_to_datetime

from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.response import response_status_message

logger = logging.getLogger(__name__)

NOT_BEFORE = "ma_demand_not_before"


def retry_after_seconds(header: bytes | str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a Retry-After value (delta-seconds or an HTTP date), None if absent or bad."""
    if not header:
        return None
    text = header.decode("latin-1") if isinstance(header, bytes) else header
    text = text.strip()
    if text.isdigit():
        return float(text)
    try:
        moment = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if moment is None:
        return None
    return max(0.0, moment.timestamp() - (now if now is not None else time.time()))


class PoliteRetryMiddleware(RetryMiddleware):
    def __init__(self, settings):
        super().__init__(settings)
        self.backoff_base = settings.getfloat("RETRY_BACKOFF_BASE", 2.0)
        self.backoff_max = settings.getfloat("RETRY_BACKOFF_MAX", 60.0)
        self.retry_after_max = settings.getfloat("RETRY_AFTER_MAX", 600.0)
        self.host_wait_until: dict[str, float] = {}

    async def process_request(self, request):
        wait_until = max(request.meta.get(NOT_BEFORE, 0.0), self.host_wait_until.get(self._slot_key(request), 0.0))
        pause = wait_until - time.time()
        if pause > 0:
            await self._sleep(pause)
        return None

    def process_response(self, request, response):
        if request.meta.get("dont_retry", False) or response.status not in self.retry_http_codes:
            return response
        reason = response_status_message(response.status)
        pause = None
        if response.status in (429, 503):
            pause = retry_after_seconds(response.headers.get(b"Retry-After"))
            if pause is not None:
                if pause > self.retry_after_max:
                    logger.error("%s asks to wait %.0f s (Retry-After), over RETRY_AFTER_MAX=%.0f: giving up on %s",
                                 response.url, pause, self.retry_after_max, request.url)
                    self.crawler.stats.inc_value("retry_after/too_long")
                    return response
                self._hold_host(request, pause)
                self.crawler.stats.inc_value("retry_after/honoured")
                self.crawler.stats.max_value("retry_after/max_seconds", pause)
        retry = self._retry(request, reason)
        if retry is None:
            return response
        self._stamp(retry, pause if pause is not None else self._backoff(request))
        return retry

    def process_exception(self, request, exception):
        retry = super().process_exception(request, exception)
        if retry is not None:
            self._stamp(retry, self._backoff(request))
        return retry

    def _hold_host(self, request, pause: float) -> None:
        """Hold every request to this host for `pause` s: new ones here, queued ones in the slot.

        Requests already queued in the download slot passed `process_request` before the
        429 arrived, so the slot itself is slowed (delay = pause, no jitter) and restored after.
        A request already on the wire when the 429 arrived cannot be recalled.
        """
        key = self._slot_key(request)
        self.host_wait_until[key] = time.time() + pause
        engine = getattr(self.crawler, "engine", None)
        slot = engine.downloader.slots.get(key) if engine is not None and engine.downloader else None
        if slot is None:
            return
        saved = (slot.delay, slot.jitter)
        slot.delay, slot.jitter, slot.lastseen = pause, 0, time.monotonic()  # the slot clock is monotonic

        def restore():
            if slot.delay == pause:
                slot.delay, slot.jitter = saved

        from twisted.internet import reactor

        reactor.callLater(pause, restore)

    def _backoff(self, request) -> float:
        attempt = request.meta.get("retry_times", 0)
        return min(self.backoff_max, self.backoff_base * (2 ** attempt))

    def _stamp(self, retry, pause: float) -> None:
        retry.meta[NOT_BEFORE] = time.time() + pause
        retry.dont_filter = True

    def _slot_key(self, request) -> str:
        engine = getattr(self.crawler, "engine", None)
        if engine is not None and getattr(engine, "downloader", None) is not None:
            return engine.downloader.get_slot_key(request)
        return request.url.split("/")[2] if "//" in request.url else request.url

    @staticmethod
    async def _sleep(seconds: float) -> None:
        from twisted.internet import reactor, task

        await maybe_deferred_to_future(task.deferLater(reactor, seconds, lambda: None))
