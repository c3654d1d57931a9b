"""Workable public widget API: one call per account, with `details=true` for the descriptions.

Shape (research notes sources.md §5): `GET /api/v1/widget/accounts/{slug}?details=true` returns
the account `name` and every published job in `jobs[]`, with date-only `published_on`. There
is no pay field, so `pay` stays null: pay is left to the text.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from pipeline.text import html_to_text

from crawler.normalize import employment_type, now_iso, utc_iso
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


def posting_item(job: dict, board: str, employer: str | None) -> dict:
    """The posting item for one entry of `jobs[]`."""
    locations = job.get("locations") if isinstance(job.get("locations"), list) else []
    place = locations[0] if locations and isinstance(locations[0], dict) else {}
    city = job.get("city") or place.get("city") or None
    state = job.get("state") or place.get("region") or None
    markup = job.get("description") or job.get("full_description") or None
    return {
        "source": "workable",
        "source_id": str(job.get("shortcode") or ""),
        "board": board,
        "url": job.get("url") or job.get("shortlink") or "",
        "title": (job.get("title") or "").strip(),
        "employer": employer,
        # City and state (a code or a name) as one string: the enrich pipeline parses it.
        "location": ", ".join(part for part in (city, state) if part) or None,
        "remote": job.get("telecommuting") if isinstance(job.get("telecommuting"), bool) else None,
        # Workable gives a date only ('2026-03-14'): read as midnight UTC.
        "posted_at": utc_iso(job.get("published_on") or job.get("created_at")),
        "updated_at": None,
        "employment_type": employment_type(job.get("employment_type")),
        "description_html": markup,
        "description_text": html_to_text(markup),
        "pay": None,
        "raw": job,
        "fetched_at": now_iso(),
    }


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
            yield posting_item(job, board, employer)
