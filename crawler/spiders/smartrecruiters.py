"""SmartRecruiters Posting API: offset-paged list calls, then one detail call per MA posting.

Shape (research notes sources.md §4): `GET /v1/companies/{id}/postings?offset=&limit=` (limit at
most 100) returns `content` and `totalFound`; it lacks the description, so each posting the
relevance filter will keep costs one detail call (`.../postings/{postingId}`), whose
`jobAd.sections` hold the HTML. Other postings go on from the list entry alone, to be counted
as skipped. The Posting API documents no pay field, so `pay` stays null: pay is left to the text.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from pipeline.relevance import is_relevant

from crawler.items import posting_item
from crawler.normalize import employment_type
from crawler.spiders.base import BoardSpider, MalformedPayload

PAGE_LIMIT = 100
PUBLIC_HOST = "https://jobs.smartrecruiters.com"
SECTION_ORDER = ("companyDescription", "jobDescription", "qualifications", "additionalInformation")


def list_url(base_url: str, company: str, offset: int = 0, limit: int = PAGE_LIMIT) -> str:
    return f"{base_url.rstrip('/')}/v1/companies/{company}/postings?" + urlencode({"offset": offset, "limit": limit})


def detail_url(base_url: str, company: str, posting_id: str) -> str:
    return f"{base_url.rstrip('/')}/v1/companies/{company}/postings/{posting_id}"


def list_entries(page: Any) -> list[dict]:
    """The `content` entries of one list page, or MalformedPayload."""
    if not isinstance(page, dict) or not isinstance(page.get("content"), list):
        raise MalformedPayload("expected an object with a 'content' list")
    return [entry for entry in page["content"] if isinstance(entry, dict)]


def description_html(detail: dict) -> str | None:
    """The job ad sections as one HTML document, each under its own heading."""
    sections = ((detail.get("jobAd") or {}).get("sections")) or {}
    parts = []
    for key in SECTION_ORDER:
        section = sections.get(key) or {}
        if section.get("text"):
            parts.append(f"<h3>{section.get('title') or ''}</h3>\n{section['text']}")
    return "\n".join(parts) or None


def posting(record: dict, board: str | None, employer: str | None = None, url: str | None = None) -> dict:
    """The posting item for one detail payload (or, lacking the detail, one list entry)."""
    location = record.get("location") if isinstance(record.get("location"), dict) else {}
    company = record.get("company") if isinstance(record.get("company"), dict) else {}
    kind = record.get("typeOfEmployment") if isinstance(record.get("typeOfEmployment"), dict) else {}
    return posting_item(
        "smartrecruiters", record, source_id=record.get("id"), board=board,
        url=record.get("postingUrl") or record.get("applyUrl") or url or _public_url(board, record.get("id")),
        title=record.get("name"), employer=company.get("name") or employer,
        # City, region (a code or a name) and ZIP as one string: the enrich pipeline parses it.
        location=_place(location) or location.get("fullLocation"), remote=location.get("remote"),
        posted_at=record.get("releasedDate"), employment_type=employment_type(kind.get("label")),
        description_html=description_html(record))


def _number(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _public_url(board: str, posting_id: Any) -> str:
    """The public job page; list entries lack `postingUrl`, but the page lives at this address."""
    return f"{PUBLIC_HOST}/{board}/{posting_id}" if posting_id is not None else ""


def _place(location: dict) -> str | None:
    region = " ".join(str(part) for part in (location.get("region"), location.get("postalCode")) if part)
    return ", ".join(str(part) for part in (location.get("city"), region) if part) or None


class SmartRecruitersSpider(BoardSpider):
    """`scrapy crawl smartrecruiters -a boards=COMPANY,... [-a base_url=...] [-a page_size=N]`."""

    name = "smartrecruiters"
    default_base_url = "https://api.smartrecruiters.com"

    @classmethod
    def probe_url(cls, base_url, board):
        return list_url(base_url, board, 0, 1)

    @property
    def page_limit(self) -> int:
        return min(self.arguments.page_size or PAGE_LIMIT, PAGE_LIMIT)

    def board_requests(self, board):
        yield self.board_request(board, list_url(self.base_url, board, 0, self.page_limit), "parse_list")

    def parse_list(self, response, board):
        page = self.json_payload(response)
        entries = list_entries(page)
        self.count_fetched(board, len(entries))
        for entry in entries:
            summary = posting(entry, board, self.employer(board))
            wanted = summary["source_id"] and is_relevant(summary["title"], "")
            if wanted and not self.already_landed(summary["source_id"]):
                url = detail_url(self.base_url, board, summary["source_id"])
                yield self.board_request(board, url, "parse_detail", fallback=summary)
            else:  # not an MA job (counted as skipped), or landed before a resume (not written twice)
                yield summary
        offset = self.next_offset(_number(page.get("offset")) or 0, len(entries), self.page_limit,
                                  _number(page.get("totalFound")))
        if offset is not None:
            yield self.board_request(board, list_url(self.base_url, board, offset, self.page_limit), "parse_list")

    def parse_detail(self, response, board):
        detail = self.json_payload(response)
        if not isinstance(detail, dict):
            raise MalformedPayload("expected a posting object")
        yield posting(detail, board, self.employer(board))
