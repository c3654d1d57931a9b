"""Ashby public Job Posting API: the whole board in one call, with compensation.

Shape (research notes sources.md §3): `GET /posting-api/job-board/{board}?includeCompensation=true`
returns `{"jobs": [...]}`; jobs with `isListed: false` are not public and are skipped. Pay is
the first Salary component of `compensation.compensationTiers`.
"""

from __future__ import annotations

from typing import Any

from crawler.items import posting_item
from crawler.normalize import employment_type, pay_period, structured_pay
from crawler.spiders.base import BoardSpider, MalformedPayload


def postings_from_board(payload: Any, board: str, employer: str) -> tuple[list[dict], int]:
    """Posting items of the listed jobs, and how many unlisted jobs were skipped."""
    if not isinstance(payload, dict) or not isinstance(payload.get("jobs"), list):
        raise MalformedPayload("expected an object with a 'jobs' list")
    jobs = [job for job in payload["jobs"] if isinstance(job, dict)]
    listed = [job for job in jobs if job.get("isListed", True) is not False]
    return [posting(job, board, employer) for job in listed], len(jobs) - len(listed)


def posting(record: dict, board: str | None, employer: str | None = None, url: str | None = None) -> dict:
    """Map one listed Ashby job onto a posting item."""
    address = (record.get("address") or {}).get("postalAddress") or {}
    region = address.get("addressRegion")
    return posting_item(
        "ashby", record, source_id=record.get("id"), board=board, url=record.get("jobUrl") or url,
        title=record.get("title"), employer=employer, location=record.get("location"),
        city=address.get("addressLocality"),
        state=region if isinstance(region, str) and len(region) == 2 and region.isupper() else None,
        postal_code=address.get("postalCode"), remote=record.get("isRemote"),
        posted_at=record.get("publishedAt"), employment_type=employment_type(record.get("employmentType")),
        description_html=record.get("descriptionHtml"), plain_text=record.get("descriptionPlain"),
        pay=pay_from_compensation(record.get("compensation")))


def pay_from_compensation(compensation: Any) -> dict | None:
    """The first Salary component with an amount; equity, bonus and commission are not pay."""
    if not isinstance(compensation, dict):
        return None
    for tier in compensation.get("compensationTiers") or []:
        for component in (tier or {}).get("components") or []:
            if not isinstance(component, dict) or component.get("compensationType") != "Salary":
                continue
            pay = structured_pay(component.get("minValue"), component.get("maxValue"),
                                 pay_period(component.get("interval")), component.get("currencyCode"))
            if pay:
                return pay
    return None


def board_url(base_url: str, board: str) -> str:
    return f"{base_url.rstrip('/')}/posting-api/job-board/{board}"


class AshbySpider(BoardSpider):
    name = "ashby"
    default_base_url = "https://api.ashbyhq.com"

    @classmethod
    def probe_url(cls, base_url, board):
        return board_url(base_url, board)

    def board_requests(self, board):
        yield self.board_request(board, board_url(self.base_url, board) + "?includeCompensation=true", "parse_board")

    def parse_board(self, response, board):
        items, unlisted = postings_from_board(self.json_payload(response), board, self.employer(board))
        self.count_fetched(board, len(items))
        if unlisted:
            self.crawler.stats.inc_value(f"boards/{board}/unlisted", unlisted)
        yield from items
