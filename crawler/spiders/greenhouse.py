"""Greenhouse Job Board API: one call per board, plus a per-job call for stated pay.

Shape (research notes sources.md §1): `GET /v1/boards/{token}/jobs?content=true` returns the
whole board (`jobs`, `meta.total`), with `content` HTML-entity-escaped. Pay is only in the
single-job call with `pay_transparency=true` (`pay_input_ranges`, in cents); it is asked for
only for postings the relevance filter will keep and only when the list lacks it.
"""

from __future__ import annotations

import html
import re
from typing import Any

from pipeline.relevance import is_relevant

from crawler.items import posting_item
from crawler.normalize import pay_period, structured_pay, utc_iso
from crawler.spiders.base import BoardSpider, MalformedPayload

_WORDS = re.compile(r"[A-Za-z]+")


def postings_from_board(payload: Any, board: str, employer: str) -> list[dict]:
    """Map one board payload (the list call) onto posting items."""
    if not isinstance(payload, dict) or not isinstance(payload.get("jobs"), list):
        raise MalformedPayload("expected an object with a 'jobs' list")
    return [posting(job, board, employer) for job in payload["jobs"] if isinstance(job, dict)]


def posting(record: dict, board: str | None, employer: str | None = None, url: str | None = None) -> dict:
    """Map one Greenhouse job onto a posting item (pay from `pay_input_ranges` if present)."""
    content = record.get("content")
    location = record.get("location") if isinstance(record.get("location"), dict) else {}
    return posting_item(
        "greenhouse", record, source_id=record.get("id"), board=board, url=record.get("absolute_url") or url,
        title=record.get("title"), employer=record.get("company_name") or employer, location=location.get("name"),
        posted_at=utc_iso(record.get("first_published")) or record.get("updated_at"),
        updated_at=record.get("updated_at"),
        description_html=_unescape_once(content) if isinstance(content, str) else None,
        pay=pay_from_ranges(record.get("pay_input_ranges")))


def _unescape_once(content: str) -> str:
    """The list call escapes `content` ("&lt;p&gt;"); leave markup that arrives unescaped alone."""
    if "<" in content:  # escaped markup never holds a literal "<"
        return content
    return html.unescape(content)


def pay_from_ranges(ranges: Any) -> dict | None:
    """Structured pay from the first usable `pay_input_ranges` entry (amounts in cents)."""
    if not isinstance(ranges, list):
        return None
    for entry in ranges:
        if not isinstance(entry, dict):
            continue
        low, high = _dollars(entry.get("min_cents")), _dollars(entry.get("max_cents"))
        if low is None and high is None:
            continue
        period = _range_period(str(entry.get("title") or ""), low or high)
        pay = structured_pay(low, high, period, entry.get("currency_type"))
        if pay:
            return pay
    return None


def _dollars(cents: Any) -> float | None:
    if isinstance(cents, bool) or not isinstance(cents, int | float | str):
        return None
    try:
        return round(float(cents) / 100, 2)
    except ValueError:
        return None


def _range_period(title: str, amount: float) -> str:
    """Greenhouse ranges carry no interval field: read the range title, else the amount's size."""
    for word in _WORDS.findall(title):
        period = pay_period(word)
        if period:
            return period
    return "hour" if amount < 300 else "year"


def jobs_url(base_url: str, board: str) -> str:
    """The board's job list (and, with `/{id}` appended, one job)."""
    return f"{base_url.rstrip('/')}/v1/boards/{board}/jobs"


class GreenhouseSpider(BoardSpider):
    name = "greenhouse"
    default_base_url = "https://boards-api.greenhouse.io"

    @classmethod
    def probe_url(cls, base_url, board):
        return jobs_url(base_url, board)

    def board_requests(self, board):
        yield self.board_request(board, jobs_url(self.base_url, board) + "?content=true", "parse_board")

    def parse_board(self, response, board):
        items = postings_from_board(self.json_payload(response), board, self.employer(board))
        self.count_fetched(board, len(items))
        for item in items:
            wants_pay = item["pay"] is None and item["source_id"] and is_relevant(item["title"], item["description_text"])
            if wants_pay and not self.already_landed(item["source_id"]):
                url = f"{jobs_url(self.base_url, board)}/{item['source_id']}?pay_transparency=true"
                yield self.board_request(board, url, "parse_detail", context={"item": item}, fallback=item)
            else:
                yield item

    def parse_detail(self, response, board, item):
        detail = self.json_payload(response)
        if isinstance(detail, dict) and detail.get("pay_input_ranges"):
            item["pay"] = pay_from_ranges(detail["pay_input_ranges"])
            item["raw"] = {**item["raw"], "pay_input_ranges": detail["pay_input_ranges"]}
        yield item
