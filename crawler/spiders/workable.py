"""Workable spider: the public widget API (`details=true`) mapped onto the posting item.

One call per account returns every published job with its HTML description
(`/api/v1/widget/accounts/{slug}?details=true`, research notes sources.md §5). Dates are
date-only; there is no pay field, so `pay` stays null and pay is left to the text.
"""

from __future__ import annotations

from urllib.parse import urlencode

import scrapy

from crawler.spiders.smartrecruiters import json_payload

EMPLOYMENT_TYPES = {
    "full-time": "full_time", "full time": "full_time",
    "part-time": "part_time", "part time": "part_time",
    "contract": "contract", "temporary": "temporary",
    "internship": "internship", "per diem": "per_diem",
}


def account_url(base_url: str, slug: str) -> str:
    return f"{base_url.rstrip('/')}/api/v1/widget/accounts/{slug}?" + urlencode({"details": "true"})


def posting_item(job: dict, board: str, employer: str | None) -> dict:
    """The source-specific fields of the posting item for one entry of `jobs[]`."""
    location = (job.get("locations") or [{}])[0] or {}
    city = job.get("city") or location.get("city") or None
    state = job.get("state") or location.get("region") or None
    return {
        "source": "workable",
        "source_id": job.get("shortcode"),
        "board": board,
        "url": job.get("url") or job.get("shortlink"),
        "title": job.get("title"),
        "employer": employer,
        "location": ", ".join(part for part in (city, state) if part) or None,
        "city": city,
        "state": state,
        "postal_code": None,
        "remote": job.get("telecommuting"),
        "posted_at": _date_as_utc(job.get("published_on") or job.get("created_at")),
        "updated_at": None,
        "employment_type": EMPLOYMENT_TYPES.get((job.get("employment_type") or "").lower()),
        "description_html": job.get("description") or job.get("full_description"),
        "pay": None,
        "raw": job,
    }


def _date_as_utc(value: str | None) -> str | None:
    """Workable gives a date only ('2026-03-14'); it is read as midnight UTC."""
    if not value or len(value) < 10:
        return None
    return f"{value[:10]}T00:00:00Z"


class WorkableSpider(scrapy.Spider):
    """`scrapy crawl workable -a boards=acme [-a base_url=http://127.0.0.1:PORT/workable]`."""

    name = "workable"
    default_base_url = "https://apply.workable.com"

    def __init__(self, boards: str = "", base_url: str = "", **kwargs):
        super().__init__(**kwargs)
        self.boards = [b.strip() for b in boards.split(",") if b.strip()]
        self.base_url = (base_url or self.default_base_url).rstrip("/")

    async def start(self):
        for board in self.boards:
            yield scrapy.Request(account_url(self.base_url, board), callback=self.parse_account,
                                 errback=self.board_failed, cb_kwargs={"board": board})

    def parse_account(self, response, board: str):
        account = json_payload(response, self)
        if account is None:
            return
        for job in account.get("jobs") or []:
            yield posting_item(job, board, account.get("name"))

    def board_failed(self, failure):
        self.logger.error("workable: %s failed: %s", failure.request.url, failure.getErrorMessage())
