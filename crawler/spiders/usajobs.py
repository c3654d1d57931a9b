"""USAJOBS Search API: federal MA postings in occupational series 0640 and 0679.

Shape (research notes sources.md §6): `GET /api/Search?JobCategoryCode=0640;0679&Page=&ResultsPerPage=`
returns `SearchResult.SearchResultItems[].MatchedObjectDescriptor`; pages run to
`UserArea.NumberOfPages`. Inside the two series only titles naming an MA role are kept.
The API wants the key in `Authorization-Key` and the registered e-mail as `User-Agent`; both
come only from the environment (USAJOBS_API_KEY, USAJOBS_EMAIL), are sent as headers and are
scrubbed from every item, so they never reach a log, a landing file or the warehouse. Pay
arrives as strings in `PositionRemuneration[]` with a RateIntervalCode.
"""

from __future__ import annotations

import html
import logging
import os
import re
from typing import Any
from urllib.parse import urlencode

from crawler import settings as project_settings
from crawler.items import posting_item
from crawler.normalize import employment_type, structured_pay
from crawler.spiders.base import BoardSpider, MalformedPayload

logger = logging.getLogger(__name__)

KEY_VARIABLE = "USAJOBS_API_KEY"
EMAIL_VARIABLE = "USAJOBS_EMAIL"
SERIES = ("0640", "0679")
RESULTS_PER_PAGE = 500
REDACTED = "[redacted]"
CREDENTIALS_META = "usajobs_credentials"
# Inside the two series, keep titles that name an MA role or its federal names.
MA_TITLE = re.compile(
    r"medical assistant|\bCMA\b|health technician|medical support assistant|clinical assistant|health aid", re.I)
# codelist/remunerationrateintervalcodes onto item periods. BW (bi-weekly), WC (without
# compensation), FB (fee basis) and the rest name no period the item knows: no structured pay.
RATE_PERIODS = {"PH": "hour", "PD": "day", "PW": "week", "PM": "month", "PA": "year"}
# PositionSchedule names the vocabulary does not know.
SCHEDULES = {"intermittent": "per_diem", "shift work": "full_time", "job sharing": "part_time"}


def search_url(base_url: str, page: int = 1, per_page: int = RESULTS_PER_PAGE) -> str:
    query = {"JobCategoryCode": ";".join(SERIES), "Fields": "Full", "Page": page, "ResultsPerPage": per_page}
    return f"{base_url.rstrip('/')}/api/Search?" + urlencode(query)


def request_headers(key: str, email: str) -> dict[str, str]:
    """The headers the API requires: the key, and the registered e-mail as User-Agent."""
    return {"Authorization-Key": key, "User-Agent": email}


def result_items(payload: Any) -> list[dict]:
    """The `SearchResultItems` of one page, or MalformedPayload."""
    result = payload.get("SearchResult") if isinstance(payload, dict) else None
    if not isinstance(result, dict) or not isinstance(result.get("SearchResultItems", []), list):
        raise MalformedPayload("expected an object with SearchResult.SearchResultItems")
    return [entry for entry in result.get("SearchResultItems", []) if isinstance(entry, dict)]


def is_ma_title(title: str | None) -> bool:
    return bool(MA_TITLE.search(title or ""))


def pay(remuneration: Any) -> dict | None:
    """Structured pay from the first remuneration entry with a usable interval code."""
    for entry in remuneration if isinstance(remuneration, list) else []:
        if not isinstance(entry, dict):
            continue
        period = RATE_PERIODS.get(str(entry.get("RateIntervalCode") or "").upper())
        found = structured_pay(entry.get("MinimumRange"), entry.get("MaximumRange"), period, "USD")
        if found:
            return found
    return None


def description_html(descriptor: dict) -> str | None:
    """Summary, duties, qualifications, education and requirements as one HTML document."""
    details = ((descriptor.get("UserArea") or {}).get("Details")) or {}
    blocks = (
        ("Summary", details.get("JobSummary")),
        ("Duties", details.get("MajorDuties")),
        ("Qualifications", descriptor.get("QualificationSummary")),
        ("Education", details.get("Education")),
        ("Requirements", details.get("Requirements")),
    )
    parts = []
    for heading, body in blocks:
        chunks = [chunk for chunk in (body if isinstance(body, list) else [body]) if isinstance(chunk, str) and chunk]
        if chunks:
            parts.append(f"<h3>{heading}</h3>" + "".join(_as_html(chunk) for chunk in chunks))
    return "\n".join(parts) or None


def posting(record: dict, board: str | None, employer: str | None = None, url: str | None = None) -> dict:
    """The posting item for one `SearchResultItems` entry (the spider scrubs the secrets from it)."""
    descriptor = record.get("MatchedObjectDescriptor") or {}
    places = descriptor.get("PositionLocation") or [{}]
    schedule = str(((descriptor.get("PositionSchedule") or [{}])[0] or {}).get("Name") or "")
    offering = str(((descriptor.get("PositionOfferingType") or [{}])[0] or {}).get("Name") or "")
    return posting_item(
        "usajobs", record, source_id=record.get("MatchedObjectId") or descriptor.get("PositionID") or None,
        board=board, url=descriptor.get("PositionURI") or url, title=descriptor.get("PositionTitle"),
        employer=descriptor.get("OrganizationName") or descriptor.get("DepartmentName") or employer or "",
        location=descriptor.get("PositionLocationDisplay") or places[0].get("LocationName"),
        posted_at=(descriptor.get("PublicationStartDate") or "")[:19],  # no zone given: read as UTC
        employment_type=("temporary" if offering.lower() == "temporary"
                         else SCHEDULES.get(schedule.lower()) or employment_type(schedule)),
        description_html=description_html(descriptor), pay=pay(descriptor.get("PositionRemuneration")))


def scrub(value, secrets: tuple[str, ...]):
    """`value` with every occurrence of a secret (key, e-mail) replaced, however deeply nested."""
    secrets = tuple(s for s in secrets if s)
    if not secrets:
        return value
    if isinstance(value, dict):
        return {scrub(k, secrets): scrub(v, secrets) for k, v in value.items()}
    if isinstance(value, list):
        return [scrub(v, secrets) for v in value]
    if isinstance(value, str):
        for secret in secrets:
            value = value.replace(secret, REDACTED)
    return value


def _as_html(text: str) -> str:
    return text if "<" in text else f"<p>{html.escape(text)}</p>"


class CredentialsMiddleware:
    """Put the key and e-mail on a request only on its way to the network, and take them off again.

    A request waiting in the scheduler may be pickled to disk (JOBDIR) and a retry copies the
    request it retries; so the headers are added here, after the scheduler, and removed from
    the request in process_response / process_exception, which run before the retry
    middleware (priority 550) sees the request.
    """

    def __init__(self, crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_request(self, request):
        spider = self.crawler.spider
        if request.meta.get(CREDENTIALS_META) and hasattr(spider, "credential_headers"):
            request.headers.update(spider.credential_headers())

    def process_response(self, request, response):
        self._strip(request)
        return response

    def process_exception(self, request, exception):
        self._strip(request)

    @staticmethod
    def _strip(request) -> None:
        if request.meta.get(CREDENTIALS_META):
            for name in ("Authorization-Key", "User-Agent"):
                request.headers.pop(name, None)


class UsajobsSpider(BoardSpider):
    """`USAJOBS_API_KEY=... USAJOBS_EMAIL=... scrapy crawl usajobs [-a base_url=...] [-a page_size=N]`.

    Its one "board" is the search itself (registry token `series-0640-0679`).
    """

    name = "usajobs"
    default_base_url = "https://data.usajobs.gov"
    custom_settings = {"DOWNLOADER_MIDDLEWARES": {
        **project_settings.DOWNLOADER_MIDDLEWARES, "crawler.spiders.usajobs.CredentialsMiddleware": 560}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._key = os.environ.get(KEY_VARIABLE, "").strip()
        self._email = os.environ.get(EMAIL_VARIABLE, "").strip()
        if not self.boards:
            self.boards = ["series-0640-0679"]

    @property
    def per_page(self) -> int:
        return min(self.arguments.page_size or RESULTS_PER_PAGE, RESULTS_PER_PAGE)

    async def start(self):
        if not (self._key and self._email):
            logger.warning("usajobs: %s and %s are not both set, so nothing is crawled; "
                           "request a key at developer.usajobs.gov", KEY_VARIABLE, EMAIL_VARIABLE)
            return
        async for request in super().start():
            yield request

    def board_requests(self, board):
        yield self._page_request(board, 1)

    def _page_request(self, board: str, page: int):
        return self.board_request(board, search_url(self.base_url, page, self.per_page), "parse_page",
                                  context={"page": page}, meta={CREDENTIALS_META: True})

    def credential_headers(self) -> dict[str, str]:
        return request_headers(self._key, self._email)

    def parse_page(self, response, board, page):
        payload = self.json_payload(response)
        entries = result_items(payload)
        self.count_fetched(board, len(entries))
        for entry in entries:
            if is_ma_title((entry.get("MatchedObjectDescriptor") or {}).get("PositionTitle")):
                yield scrub(posting(entry, board), (self._key, self._email))
            else:
                self.crawler.stats.inc_value(f"boards/{board}/skipped")
                self.crawler.stats.inc_value("postings/skipped")
        total = (payload.get("SearchResult") or {}).get("SearchResultCountAll")
        reached = self.next_offset((page - 1) * self.per_page, len(entries), self.per_page,
                                   int(total) if str(total or "").isdigit() else None)
        if reached is not None:
            yield self._page_request(board, page + 1)
