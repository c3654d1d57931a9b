"""Workable public widget API: one call per account, with `details=true` for the descriptions.

Shape (research notes sources.md §5): `GET /api/v1/widget/accounts/{slug}?details=true` returns
the account `name` and every published job in `jobs[]`, with date-only `published_on`. There
is no pay field, so `pay` stays null: pay is left to the text.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from crawler.items import posting_item
from crawler.normalize import employment_type
from crawler.spiders.base import BoardSpider, MalformedPayload


def account_url(base_url: str, slug: str, details: bool = True) -> str:
    """The account's jobs; with `details`, their descriptions too."""
    url = f"{base_url.rstrip('/')}/api/v1/widget/accounts/{slug}"
    return url + "?" + urlencode({"details": "true"}) if details else url


def account_jobs(payload: Any) -> list[dict]:
    """The `jobs` of one account payload, or MalformedPayload."""
    if not isinstance(payload, dict) or not isinstance(payload.get("jobs"), list):
        raise MalformedPayload("expected an object with a 'jobs' list")
    return [job for job in payload["jobs"] if isinstance(job, dict)]


def posting(record: dict, board: str | None, employer: str | None = None, url: str | None = None) -> dict:
    """The posting item for one entry of `jobs[]`."""
    locations = record.get("locations") if isinstance(record.get("locations"), list) else []
    place = locations[0] if locations and isinstance(locations[0], dict) else {}
    city = record.get("city") or place.get("city") or None
    state = record.get("state") or place.get("region") or None
    return posting_item(
        "workable", record, source_id=record.get("shortcode") or None, board=board,
        url=record.get("url") or record.get("shortlink") or url, title=record.get("title"), employer=employer,
        # City and state (a code or a name) as one string: the enrich pipeline parses it.
        location=", ".join(part for part in (city, state) if part), remote=record.get("telecommuting"),
        # Workable gives a date only ('2026-03-14'): read as midnight UTC.
        posted_at=record.get("published_on") or record.get("created_at"),
        employment_type=employment_type(record.get("employment_type")),
        description_html=record.get("description") or record.get("full_description"))


class WorkableSpider(BoardSpider):
    """`scrapy crawl workable -a boards=SLUG,... [-a base_url=...]`."""

    name = "workable"
    default_base_url = "https://apply.workable.com"

    @classmethod
    def probe_url(cls, base_url, board):
        return account_url(base_url, board, details=False)

    def board_requests(self, board):
        yield self.board_request(board, account_url(self.base_url, board), "parse_account")

    def parse_account(self, response, board):
        payload = self.json_payload(response)
        jobs = account_jobs(payload)
        self.count_fetched(board, len(jobs))
        employer = self.registry.employer(self.source, board) or payload.get("name") or board
        for job in jobs:
            yield posting(job, board, employer)
