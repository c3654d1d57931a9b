"""Lever Postings API: one site per board, paged with skip/limit.

Shape (research notes sources.md §2): `GET /v0/postings/{site}?mode=json&skip=N&limit=M`
returns a JSON array; a page shorter than the limit is the last. `createdAt` is epoch
milliseconds; pay is `salaryRange {min, max, currency, interval}`.
"""

from __future__ import annotations

from typing import Any

from crawler.items import posting_item
from crawler.normalize import employment_type, epoch_ms_iso, pay_period, structured_pay
from crawler.spiders.base import BoardSpider, MalformedPayload

PAGE_SIZE = 100


def postings_from_page(payload: Any, board: str, employer: str) -> list[dict]:
    """Map one page of the postings list onto posting items."""
    if not isinstance(payload, list):
        raise MalformedPayload("expected a JSON array of postings")
    return [posting(entry, board, employer) for entry in payload if isinstance(entry, dict)]


def posting(record: dict, board: str | None, employer: str | None = None, url: str | None = None) -> dict:
    """Map one entry of the postings list onto a posting item."""
    categories = record.get("categories") if isinstance(record.get("categories"), dict) else {}
    salary = record.get("salaryRange") if isinstance(record.get("salaryRange"), dict) else {}
    workplace = record.get("workplaceType")
    return posting_item(
        "lever", record, source_id=record.get("id"), board=board, url=record.get("hostedUrl") or url,
        title=record.get("text"), employer=employer, location=categories.get("location"),
        remote=True if workplace == "remote" else (False if workplace in ("on-site", "hybrid") else None),
        posted_at=epoch_ms_iso(record.get("createdAt")),
        employment_type=employment_type(categories.get("commitment")),
        description_html=_full_description(record),
        pay=structured_pay(salary.get("min"), salary.get("max"), pay_period(salary.get("interval")),
                           salary.get("currency")) if salary else None)


def _full_description(entry: dict) -> str | None:
    """Lever splits the text: opening/description, then titled lists, then `additional`."""
    parts = [entry.get("description") or ""]
    for block in entry.get("lists") or []:
        if isinstance(block, dict):
            parts.append(f"<h3>{block.get('text') or ''}</h3><ul>{block.get('content') or ''}</ul>")
    parts.append(entry.get("additional") or "")
    html = "".join(part for part in parts if part)
    return html or None


def postings_url(base_url: str, board: str, skip: int, limit: int) -> str:
    return f"{base_url.rstrip('/')}/v0/postings/{board}?mode=json&skip={skip}&limit={limit}"


class LeverSpider(BoardSpider):
    name = "lever"
    default_base_url = "https://api.lever.co"

    @classmethod
    def probe_url(cls, base_url, board):
        return postings_url(base_url, board, 0, 1)

    @property
    def page_size(self) -> int:
        return self.arguments.page_size or PAGE_SIZE

    def board_requests(self, board):
        yield self._page_request(board, 0)

    def _page_request(self, board: str, skip: int):
        url = postings_url(self.base_url, board, skip, self.page_size)
        return self.board_request(board, url, "parse_page", context={"skip": skip})

    def parse_page(self, response, board, skip):
        payload = self.json_payload(response)
        items = postings_from_page(payload, board, self.employer(board))
        self.count_fetched(board, len(items))
        yield from items
        following = self.next_offset(skip, len(payload), self.page_size)
        if following is not None:
            yield self._page_request(board, following)
