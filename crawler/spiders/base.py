"""What every board spider shares: arguments, board bookkeeping, error handling, paging.

A source's spider only says where its API is (`default_base_url`, `probe_url`), how to ask for
a board (`board_requests`) and how one record maps onto a posting item (the plain function
`posting(record, board, employer=None, url=None)` in its module, built with
`crawler.items.posting_item`). This base class:
- reads `-a boards=` (default: the registry's enabled boards) and `-a base_url=` (default:
  the real API host), validated by `crawler.arguments`; accepts Scrapyd's extra arguments;
- sends every request through `board_request`, so it knows when a board has been read
  completely (no outstanding request, no failure) and says so in the run record;
- turns a 404 board, a timeout or a malformed payload into one log line and a counted
  failure of that board, while the crawl goes on.
"""

from __future__ import annotations

import json
import logging
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Any, ClassVar

import scrapy
from scrapy.spidermiddlewares.httperror import HttpError

from crawler.arguments import BoardArguments, parse_arguments
from crawler.registry import load_registry

logger = logging.getLogger(__name__)

# The fixture server sends this header: postings it serves are synthetic demo data.
SYNTHETIC_HEADER = b"X-Ma-Demand-Synthetic"


class MalformedPayload(ValueError):
    """The response is not the JSON (or HTML) shape the source documents."""


class BoardSpider(scrapy.Spider):
    """Base for spiders that read one or more employer boards of one source."""

    default_base_url: ClassVar[str] = ""  # the source's real API root; `-a base_url=` replaces it
    arguments_model: ClassVar[type[BoardArguments]] = BoardArguments

    @classmethod
    def probe_url(cls, base_url: str, board: str) -> str | None:
        """One cheap request that shows whether `board` answers under the API root `base_url`
        (`ma-demand sources probe`); None when the source has no such request."""
        return None

    def __init__(self, name: str | None = None, **kwargs: Any):
        known = set(self.arguments_model.model_fields)
        arguments = parse_arguments(self.arguments_model, self.name, {k: v for k, v in kwargs.items() if k in known})
        super().__init__(name, **{k: v for k, v in kwargs.items() if k not in known})
        self.arguments = arguments
        self.source = self.name
        self.base_url = arguments.base_url or self.default_base_url
        self.registry = load_registry(arguments.registry)
        self.boards = arguments.boards if arguments.boards is not None else [
            board.token for board in self.registry.boards_for(self.source)]
        self.board_status: dict[str, dict[str, Any]] = {}
        self._pending: Counter[str] = Counter()

    async def start(self):
        if not self.boards:
            logger.warning("%s: no boards to crawl: the registry enables none for this source; pass -a boards=TOKEN,...",
                           self.name)
            return
        for board in self.boards:
            self.board_status[board] = {"employer": self.employer(board), "complete": False, "error": None}
            for request in self.board_requests(board):
                yield request

    # -- what a source's spider provides -------------------------------------------------

    def board_requests(self, board: str) -> Iterable[scrapy.Request]:
        """The first request(s) for one board, made with `board_request`."""
        raise NotImplementedError

    # -- shared behaviour ------------------------------------------------------------------

    def employer(self, board: str) -> str:
        """The employer's name from the registry, else the board token."""
        return self.registry.employer(self.source, board) or board

    def board_request(self, board: str, url: str, handler: str, *, context: dict | None = None,
                      fallback: dict | None = None, **kwargs: Any) -> scrapy.Request:
        """A request whose response goes to `self.<handler>(response, board, **context)`.

        `fallback`, if given, is the item to yield when this request fails for good (e.g. a
        posting whose optional detail call died): the board stays complete.
        """
        self._pending[board] += 1
        meta = dict(kwargs.pop("meta", {}) or {})
        meta["fallback"] = fallback
        return scrapy.Request(
            url, callback=self._on_response, errback=self._on_error, dont_filter=True, meta=meta,
            cb_kwargs={"board": board, "handler": handler, "context": context or {}}, **kwargs,
        )

    def json_payload(self, response) -> Any:
        """The response body as JSON, or MalformedPayload with a short reason."""
        try:
            return json.loads(response.text)
        except (ValueError, AttributeError) as error:
            raise MalformedPayload(f"not JSON ({str(error)[:80]})") from None

    @staticmethod
    def next_offset(offset: int, received: int, page_size: int, total: int | None = None) -> int | None:
        """The offset of the next page, or None when this page was the last.

        A page shorter than `page_size` is the last; so is one that reaches `total` when the
        source reports it (SmartRecruiters `totalFound`, USAJOBS `SearchResultCountAll`).
        """
        following = offset + received
        if received < page_size or received == 0:
            return None
        if total is not None and following >= total:
            return None
        return following

    def count_fetched(self, board: str, count: int = 1) -> None:
        self.crawler.stats.inc_value(f"boards/{board}/fetched", count)
        self.crawler.stats.inc_value("postings/fetched", count)

    def already_landed(self, source_id: str) -> bool:
        """True when a resumed run has this posting in its landing file already."""
        run = getattr(self, "landing_run", None)
        return bool(run and run.is_landed(self.source, str(source_id)))

    def _on_response(self, response, board: str, handler: str, context: dict) -> Iterator[Any]:
        synthetic = self.arguments.synthetic or response.headers.get(SYNTHETIC_HEADER) == b"true"
        try:
            for output in getattr(self, handler)(response, board, **context):
                if synthetic and isinstance(output, dict):
                    output["synthetic"] = True
                yield output
        except MalformedPayload as error:
            fallback = response.meta.get("fallback")
            if fallback is not None:
                logger.warning("%s: board %s: malformed response from %s (%s); keeping the posting without it",
                               self.name, board, response.url, error)
                yield fallback
            else:
                self._board_failed(board, f"malformed response from {response.url}: {error}")
        except Exception as error:  # a bug in a mapping must not stop the other boards
            logger.exception("%s: board %s: %s failed on %s", self.name, board, handler, response.url)
            self._board_failed(board, f"{type(error).__name__} in {handler}: {error}", log=False)
        finally:
            self._settle(board)

    def _on_error(self, failure) -> Iterator[Any]:
        request = failure.request
        board = request.cb_kwargs["board"]
        try:
            fallback = request.meta.get("fallback")
            if fallback is not None:
                if self.arguments.synthetic:
                    fallback["synthetic"] = True
                logger.warning("%s: board %s: %s failed (%s); keeping the posting without it",
                               self.name, board, request.url, _describe(failure))
                self.crawler.stats.inc_value("requests/fallback_used")
                yield fallback
            else:
                self._board_failed(board, f"{_describe(failure)} at {request.url}")
        finally:
            self._settle(board)

    def _board_failed(self, board: str, reason: str, log: bool = True) -> None:
        status = self.board_status.setdefault(board, {"employer": self.employer(board), "complete": False})
        if not status.get("error"):
            status["error"] = reason
            self.crawler.stats.inc_value("boards/failed")
        if log:
            logger.warning("%s: board %s not crawled completely: %s", self.name, board, reason)

    def _settle(self, board: str) -> None:
        self._pending[board] = max(0, self._pending[board] - 1)
        status = self.board_status.setdefault(board, {"employer": self.employer(board), "complete": False, "error": None})
        if self._pending[board] == 0 and not status.get("error"):
            status["complete"] = True


def _describe(failure) -> str:
    if failure.check(HttpError):
        status = failure.value.response.status
        return "board not found (HTTP 404)" if status == 404 else f"HTTP {status}"
    error = failure.value
    return f"{type(error).__name__}: {str(error)[:120]}".rstrip(": ")
