"""SmartRecruiters spider: the Posting API's list and detail calls mapped onto the posting item.

The list call (`/v1/companies/{id}/postings?offset=&limit=`, limit at most 100) pages by offset
until `totalFound` is reached; it lacks the description, so each posting costs one detail call
(`.../postings/{postingId}`), whose `jobAd.sections` hold the HTML. The Posting API documents no
pay field (research notes sources.md §4), so `pay` stays null and pay is left to the text.
"""

from __future__ import annotations

from datetime import datetime, timezone
import json
from urllib.parse import urlencode

import scrapy

PAGE_LIMIT = 100
SECTION_ORDER = ("companyDescription", "jobDescription", "qualifications", "additionalInformation")
EMPLOYMENT_TYPES = {
    "full-time": "full_time", "full time": "full_time", "permanent": "full_time",
    "part-time": "part_time", "part time": "part_time",
    "contract": "contract", "contractor": "contract",
    "temporary": "temporary", "per diem": "per_diem", "prn": "per_diem",
    "internship": "internship", "intern": "internship",
}


def list_url(base_url: str, company: str, offset: int = 0, limit: int = PAGE_LIMIT) -> str:
    return f"{base_url.rstrip('/')}/v1/companies/{company}/postings?" + urlencode({"offset": offset, "limit": limit})


def detail_url(base_url: str, company: str, posting_id: str) -> str:
    return f"{base_url.rstrip('/')}/v1/companies/{company}/postings/{posting_id}"


def next_offset(page: dict) -> int | None:
    """Offset of the page after `page`, or None when the list is exhausted."""
    content = page.get("content") or []
    reached = int(page.get("offset") or 0) + len(content)
    if not content or reached >= int(page.get("totalFound") or 0):
        return None
    return reached


def description_html(detail: dict) -> str | None:
    """The job ad sections as one HTML document, each under its own heading."""
    sections = ((detail.get("jobAd") or {}).get("sections")) or {}
    parts = []
    for key in SECTION_ORDER:
        section = sections.get(key) or {}
        if section.get("text"):
            parts.append(f"<h3>{section.get('title') or ''}</h3>\n{section['text']}")
    return "\n".join(parts) or None


def posting_item(detail: dict, board: str, employer: str | None) -> dict:
    """The source-specific fields of the posting item for one detail payload."""
    location = detail.get("location") or {}
    company = detail.get("company") or {}
    return {
        "source": "smartrecruiters",
        "source_id": str(detail["id"]) if detail.get("id") is not None else None,
        "board": board,
        "url": detail.get("postingUrl") or detail.get("applyUrl"),
        "title": detail.get("name"),
        "employer": company.get("name") or employer,
        "location": location.get("fullLocation") or _join(location.get("city"), location.get("region")),
        "city": location.get("city"),
        "state": location.get("region"),
        "postal_code": location.get("postalCode"),
        "remote": location.get("remote"),
        "posted_at": utc_iso(detail.get("releasedDate")),
        "updated_at": None,
        "employment_type": EMPLOYMENT_TYPES.get(((detail.get("typeOfEmployment") or {}).get("label") or "").lower()),
        "description_html": description_html(detail),
        "pay": None,
        "raw": detail,
    }


def utc_iso(value: str | None) -> str | None:
    """An ISO-8601 timestamp normalised to UTC ('Z'); a naive one is taken as UTC."""
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _join(*parts: str | None) -> str | None:
    return ", ".join(p for p in parts if p) or None


class SmartRecruitersSpider(scrapy.Spider):
    """`scrapy crawl smartrecruiters -a boards=acme,globex [-a base_url=http://127.0.0.1:PORT/smartrecruiters]`."""

    name = "smartrecruiters"
    default_base_url = "https://api.smartrecruiters.com"

    def __init__(self, boards: str = "", base_url: str = "", **kwargs):
        super().__init__(**kwargs)
        self.boards = [b.strip() for b in boards.split(",") if b.strip()]
        self.base_url = (base_url or self.default_base_url).rstrip("/")

    async def start(self):
        for board in self.boards:
            yield scrapy.Request(list_url(self.base_url, board), callback=self.parse_list,
                                 errback=self.board_failed, cb_kwargs={"board": board})

    def parse_list(self, response, board: str):
        page = json_payload(response, self)
        if page is None:
            return
        for entry in page.get("content") or []:
            if entry.get("id"):
                yield scrapy.Request(detail_url(self.base_url, board, entry["id"]), callback=self.parse_detail,
                                     errback=self.board_failed, cb_kwargs={"board": board})
        offset = next_offset(page)
        if offset is not None:
            yield scrapy.Request(list_url(self.base_url, board, offset), callback=self.parse_list,
                                 errback=self.board_failed, cb_kwargs={"board": board})

    def parse_detail(self, response, board: str):
        detail = json_payload(response, self)
        if detail is not None:
            yield posting_item(detail, board, None)

    def board_failed(self, failure):
        self.logger.error("smartrecruiters: %s failed: %s", failure.request.url, failure.getErrorMessage())


def json_payload(response, spider):
    """The response body as a JSON object, or None (logged in one line) when it is not one."""
    try:
        payload = json.loads(response.text)
    except ValueError as error:
        spider.logger.error("%s: %s is not JSON (%s); skipped", spider.name, response.url, error)
        return None
    if not isinstance(payload, dict):
        spider.logger.error("%s: %s is not a JSON object; skipped", spider.name, response.url)
        return None
    return payload
