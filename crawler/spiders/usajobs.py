"""USAJOBS spider: the federal Search API mapped onto the posting item.

Searches occupational series 0640 (Health Aid and Technician) and 0679 (Medical Support
Assistance) and keeps titles that name an MA role (research notes sources.md §6). The API
wants the key in `Authorization-Key` and the registered e-mail as `User-Agent`; both come only
from the environment (USAJOBS_API_KEY, USAJOBS_EMAIL), are sent as headers and are scrubbed
from anything kept. Pay arrives as strings in `PositionRemuneration[]` with a RateIntervalCode.
"""

from __future__ import annotations

import html
import os
import re
from datetime import datetime, timezone
from urllib.parse import urlencode

import scrapy

from crawler.spiders.smartrecruiters import json_payload

KEY_VARIABLE = "USAJOBS_API_KEY"
EMAIL_VARIABLE = "USAJOBS_EMAIL"
SERIES = ("0640", "0679")
RESULTS_PER_PAGE = 500
REDACTED = "[redacted]"
# Title filter inside the two series: MA roles and their federal names.
MA_TITLE = re.compile(
    r"medical assistant|\bCMA\b|health technician|medical support assistant|clinical assistant|"
    r"health aid|medical technician \(ma\)", re.I)
# Remuneration rate interval codes (codelist/remunerationrateintervalcodes) onto item periods.
# BW (bi-weekly), WC (without compensation), FB (fee basis) and others have no period: no pay.
RATE_PERIODS = {"PH": "hour", "PD": "day", "PW": "week", "PM": "month", "PA": "year"}
SCHEDULES = {"full-time": "full_time", "part-time": "part_time", "intermittent": "per_diem",
             "shift work": "full_time", "job sharing": "part_time"}


def search_url(base_url: str, page: int = 1, per_page: int = RESULTS_PER_PAGE) -> str:
    query = {"JobCategoryCode": ";".join(SERIES), "Fields": "Full", "Page": page, "ResultsPerPage": per_page}
    return f"{base_url.rstrip('/')}/api/Search?" + urlencode(query)


def request_headers(key: str, email: str) -> dict[str, str]:
    """The headers the API requires: the key and the registered e-mail as User-Agent."""
    return {"Authorization-Key": key, "User-Agent": email}


def next_page(payload: dict, page: int, per_page: int = RESULTS_PER_PAGE) -> int | None:
    """The page after `page`, or None when the search is exhausted."""
    result = payload.get("SearchResult") or {}
    items = result.get("SearchResultItems") or []
    pages = int((result.get("UserArea") or {}).get("NumberOfPages") or 0)
    total = int(result.get("SearchResultCountAll") or 0)
    if not items or page * per_page >= total or (pages and page >= pages):
        return None
    return page + 1


def is_ma_title(title: str | None) -> bool:
    return bool(MA_TITLE.search(title or ""))


def pay(remuneration: list[dict] | None) -> dict | None:
    """Structured pay from the first remuneration entry with a usable interval code."""
    for entry in remuneration or []:
        period = RATE_PERIODS.get((entry.get("RateIntervalCode") or "").upper())
        low, high = _money(entry.get("MinimumRange")), _money(entry.get("MaximumRange"))
        if period and (low or high):
            return {"min": low or high, "max": high or low, "period": period, "currency": "USD", "source": "structured"}
    return None


def description_html(descriptor: dict) -> str | None:
    """Summary, duties, qualifications and education as one HTML document."""
    details = ((descriptor.get("UserArea") or {}).get("Details")) or {}
    duties = details.get("MajorDuties")
    blocks = [
        ("Summary", details.get("JobSummary")),
        ("Duties", duties if isinstance(duties, list) else [duties] if duties else []),
        ("Qualifications", descriptor.get("QualificationSummary")),
        ("Education", details.get("Education")),
        ("Requirements", details.get("Requirements")),
    ]
    parts = []
    for heading, body in blocks:
        chunks = body if isinstance(body, list) else [body]
        chunks = [chunk for chunk in chunks if chunk]
        if chunks:
            parts.append(f"<h3>{heading}</h3>" + "".join(_as_html(chunk) for chunk in chunks))
    return "\n".join(parts) or None


def posting_item(result_item: dict, secrets: tuple[str, ...] = ()) -> dict:
    """The source-specific fields of the posting item for one `SearchResultItems` entry, secrets scrubbed."""
    descriptor = result_item.get("MatchedObjectDescriptor") or {}
    places = descriptor.get("PositionLocation") or [{}]
    schedule = ((descriptor.get("PositionSchedule") or [{}])[0].get("Name") or "").lower()
    offering = ((descriptor.get("PositionOfferingType") or [{}])[0].get("Name") or "").lower()
    organization = descriptor.get("OrganizationName")
    return scrub({
        "source": "usajobs",
        "source_id": result_item.get("MatchedObjectId") or descriptor.get("PositionID"),
        "board": _slug(organization),
        "url": descriptor.get("PositionURI"),
        "title": descriptor.get("PositionTitle"),
        "employer": organization,
        "location": descriptor.get("PositionLocationDisplay") or places[0].get("LocationName"),
        "city": None,
        "state": None,
        "postal_code": None,
        "remote": None,
        "posted_at": _naive_utc(descriptor.get("PublicationStartDate")),
        "updated_at": None,
        "employment_type": "temporary" if offering == "temporary" else SCHEDULES.get(schedule),
        "description_html": description_html(descriptor),
        "pay": pay(descriptor.get("PositionRemuneration")),
        "raw": result_item,
    }, secrets)


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


def _money(text) -> float | None:
    try:
        number = float(str(text).replace(",", "").replace("$", ""))
    except (TypeError, ValueError):
        return None
    return number if number > 0 else None


def _naive_utc(value: str | None) -> str | None:
    """USAJOBS timestamps have no zone ('2026-03-14T00:00:00.0000'); they are read as UTC."""
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value[:19])
    except ValueError:
        return None
    return moment.replace(tzinfo=timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _as_html(text: str) -> str:
    return text if "<" in text else f"<p>{html.escape(text)}</p>"


def _slug(text: str | None) -> str | None:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or None if text else None


class UsajobsSpider(scrapy.Spider):
    """`USAJOBS_API_KEY=... USAJOBS_EMAIL=... scrapy crawl usajobs [-a base_url=http://127.0.0.1:PORT/usajobs]`."""

    name = "usajobs"
    default_base_url = "https://data.usajobs.gov"

    def __init__(self, base_url: str = "", results_per_page: str | int = RESULTS_PER_PAGE, **kwargs):
        super().__init__(**kwargs)
        self.base_url = (base_url or self.default_base_url).rstrip("/")
        self.per_page = max(1, min(RESULTS_PER_PAGE, int(results_per_page)))
        self._key = os.environ.get(KEY_VARIABLE, "").strip()
        self._email = os.environ.get(EMAIL_VARIABLE, "").strip()

    async def start(self):
        if not (self._key and self._email):
            self.logger.warning(
                "usajobs: %s and %s are not both set; nothing crawled (get a key at developer.usajobs.gov)",
                KEY_VARIABLE, EMAIL_VARIABLE)
            return
        yield self._page_request(1)

    def _page_request(self, page: int):
        return scrapy.Request(search_url(self.base_url, page, self.per_page), headers=request_headers(self._key, self._email),
                              callback=self.parse_page, errback=self.search_failed, cb_kwargs={"page": page})

    def parse_page(self, response, page: int):
        payload = json_payload(response, self)
        if payload is None:
            return
        for entry in (payload.get("SearchResult") or {}).get("SearchResultItems") or []:
            title = (entry.get("MatchedObjectDescriptor") or {}).get("PositionTitle")
            if is_ma_title(title):
                yield posting_item(entry, (self._key, self._email))
            else:
                self.crawler.stats.inc_value("usajobs/skipped_title")
        following = next_page(payload, page, self.per_page)
        if following is not None:
            yield self._page_request(following)

    def search_failed(self, failure):
        self.logger.error("usajobs: search page failed: %s", failure.getErrorMessage())
