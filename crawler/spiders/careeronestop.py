"""CareerOneStop Web API: National Labor Exchange (NLx) postings, state by state.

NLx carries state job banks' postings and employers' direct feeds, so it reaches the health
systems and clinics that never post on the startup ATS boards. Shape (research notes sources.md
§8): `GET /v2/jobsearch/{userId}/{keyword}/{location}/{radius}/{sortColumns}/{sortOrder}/{startRecord}/{pageSize}/{days}`
lists `Jobs[{JvId, JobTitle, Company, AccquisitionDate, URL, Location}]` with a `JobCount`;
`GET /v2/jobsearch/{userId}/{JvId}` is one job's detail, read here for its description.

One board per state (`nlx-OK`): each state is searched by the MA O*NET code and by title words,
a job found by both is kept once. A listing whose title rules it out (`pipeline.relevance`) is
skipped without its detail call; a kept listing whose detail fails or carries no description is
landed with `description_missing: true`, so it counts for titles and geography only.

The token (Bearer header) and user id (a path segment) come only from the settings
careeronestop_token / careeronestop_user_id. Requests carry a placeholder for the user id and
no token while they can be stored or retried; `CredentialsMiddleware` puts both on at the
network and takes them off again, so neither reaches a log, JOBDIR, a landing file or an error.
"""

from __future__ import annotations

import html
import logging
from datetime import datetime
from urllib.parse import quote, urlsplit, urlunsplit

from pydantic import Field, field_validator
from pipeline.relevance import title_may_be_relevant

from crawler import settings as project_settings
from crawler.arguments import BoardArguments
from crawler.items import posting_item
from crawler.spiders.base import BoardSpider, MalformedPayload
from crawler.spiders.usajobs import scrub
from ma_demand_settings import SETTINGS, setting

logger = logging.getLogger(__name__)

TOKEN_SETTING, USER_SETTING = "careeronestop_token", "careeronestop_user_id"
USER_SLOT = "user-id"  # stands for the user id in every URL until the request is on the wire
CREDENTIALS_META = "careeronestop_credentials"
MA_ONET_CODE = "31-9092.00"  # O*NET-SOC Medical Assistants
KEYWORDS = (MA_ONET_CODE, "medical assistant")
PAGE_SIZE = 100  # the documented maximum was not in what we could read [U]
STATES = (
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS", "KY",
    "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH",
    "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY", "PR",
)
REGISTER = ("request a token and user id through the CareerOneStop Web API registration "
            "(careeronestop.org/Developers/WebAPI, approved by e-mail)")


def _env(name: str) -> str:
    return next(declared.env for declared in SETTINGS if declared.name == name)


def search_url(base_url: str, keyword: str, state: str, start: int, size: int = PAGE_SIZE, days: int = 30) -> str:
    """A list request with the user id left as USER_SLOT; radius 0 and default sort (0/0) [U]."""
    path = "/".join(quote(str(part), safe="") for part in
                    ("v2", "jobsearch", USER_SLOT, keyword, state, 0, 0, 0, start, size, days))
    return f"{base_url.rstrip('/')}/{path}?enableJobDescriptionSnippet=false&enableMetaData=false"


def detail_url(base_url: str, jv_id: str) -> str:
    return f"{base_url.rstrip('/')}/v2/jobsearch/{USER_SLOT}/{quote(jv_id, safe='')}"


def with_user_id(url: str, user_id: str) -> str:
    """`url` with the path segment after `jobsearch` set to `user_id` (or back to USER_SLOT)."""
    parts = urlsplit(url)
    segments = parts.path.split("/")
    if "jobsearch" in segments and segments.index("jobsearch") + 1 < len(segments):
        segments[segments.index("jobsearch") + 1] = quote(user_id, safe="")
    return urlunsplit(parts._replace(path="/".join(segments)))


def jobs(payload) -> tuple[list[dict], int | None]:
    """The `Jobs` of one list page and its `JobCount`, or MalformedPayload."""
    if not isinstance(payload, dict) or not isinstance(payload.get("Jobs", []), list):
        raise MalformedPayload("expected an object with a Jobs list")
    count = str(payload.get("JobCount") or "").replace(",", "")
    return [job for job in payload.get("Jobs") or [] if isinstance(job, dict)], int(count) if count.isdigit() else None


def detail_job(payload) -> dict:
    """The job of a detail answer: the object itself, or the first of its `Jobs` [U]."""
    if isinstance(payload, dict) and isinstance(payload.get("Jobs"), list) and payload["Jobs"]:
        payload = payload["Jobs"][0]
    if not isinstance(payload, dict):
        raise MalformedPayload("expected a job object")
    return payload


def posted_at(value) -> str | None:
    """`AccquisitionDate` as ISO: month/day/year as the site shows it, or ISO already [U]."""
    text = str(value or "").strip()
    for pattern in ("%m/%d/%Y", "%m/%d/%Y %I:%M:%S %p"):
        try:
            return datetime.strptime(text, pattern).strftime("%Y-%m-%dT00:00:00Z")
        except ValueError:
            continue
    return text or None


def description_of(job: dict) -> str | None:
    for key in ("Description", "JobDescription"):
        text = job.get(key)
        if isinstance(text, str) and text.strip():
            return text if "<" in text else f"<p>{html.escape(text)}</p>"
    return None


def posting(record: dict, board: str | None, employer: str | None = None, url: str | None = None) -> dict:
    """The posting item for one job (its listing entry, with the detail's fields when fetched)."""
    description = description_of(record)
    return posting_item(
        "careeronestop", record, source_id=record.get("JvId"), board=board, url=record.get("URL") or url,
        title=record.get("JobTitle"), employer=record.get("Company") or employer, location=record.get("Location"),
        posted_at=posted_at(record.get("AccquisitionDate")), description_html=description,
        description_missing=description is None)


class CareerOneStopArguments(BoardArguments):
    states: list[str] | None = Field(default=None, description="comma-separated state codes (default: every state)")
    days: int = Field(default=30, ge=1, le=60, description="postings acquired in the last N days")

    @field_validator("states", mode="before")
    @classmethod
    def _split_states(cls, value):
        if isinstance(value, str):
            value = [part.strip().upper() for part in value.split(",") if part.strip()]
        for state in value or []:
            if state not in STATES:
                raise ValueError(f"{state!r} is not a US state code")
        return value


class CredentialsMiddleware:
    """Put the token and user id on a request only on its way to the network, and take them off again.

    A waiting request may be pickled to disk (JOBDIR), a retry copies the request it retries and
    Scrapy logs request URLs; so the real URL and header exist only between this middleware's
    process_request and its process_response / process_exception (after the retry middleware's
    process_request, before its process_response: priority 560 > 550).
    """

    def __init__(self, crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_request(self, request):
        spider = self.crawler.spider
        if request.meta.get(CREDENTIALS_META) and getattr(spider, "credentials", None):
            token, user_id = spider.credentials
            request.headers["Authorization"] = f"Bearer {token}"
            request._set_url(with_user_id(request.url, user_id))

    def process_response(self, request, response):
        if request.meta.get(CREDENTIALS_META):
            self._strip(request)
            return response.replace(url=request.url)
        return response

    def process_exception(self, request, exception):
        self._strip(request)

    @staticmethod
    def _strip(request) -> None:
        if request.meta.get(CREDENTIALS_META):
            request.headers.pop("Authorization", None)
            request._set_url(with_user_id(request.url, USER_SLOT))


class CareerOneStopSpider(BoardSpider):
    """`MA_DEMAND_CAREERONESTOP_TOKEN=... MA_DEMAND_CAREERONESTOP_USER_ID=... scrapy crawl careeronestop
    [-a states=OK,TX] [-a days=30] [-a page_size=N] [-a base_url=...]`."""

    name = "careeronestop"
    default_base_url = "https://api.careeronestop.org"
    arguments_model = CareerOneStopArguments
    custom_settings = {
        "DOWNLOADER_MIDDLEWARES": {
            **project_settings.DOWNLOADER_MIDDLEWARES, "crawler.spiders.careeronestop.CredentialsMiddleware": 560},
        # A listing kept without its description (description_missing) is expected here, not a fault.
        "SPIDERMON_FIELD_COVERAGE_RULES": {**project_settings.SPIDERMON_FIELD_COVERAGE_RULES, "dict/description_text": 0.5},
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        token, user_id = setting(TOKEN_SETTING).strip(), setting(USER_SETTING).strip()
        self.credentials = (token, user_id) if token and user_id else None
        named = [board.removeprefix("nlx-") for board in self.arguments.boards or [] if board.startswith("nlx-")]
        states = self.arguments.states or [state for state in named if state in STATES] or STATES
        self.boards = [f"nlx-{state}" for state in states]
        self._seen: set[str] = set()

    @property
    def per_page(self) -> int:
        return min(self.arguments.page_size or PAGE_SIZE, PAGE_SIZE)

    def employer(self, board: str) -> str:
        return f"employers posting to NLx in {board.removeprefix('nlx-')}"

    async def start(self):
        if self.credentials is None:
            logger.warning("careeronestop: %s and %s are not both set, so nothing is crawled; %s",
                           _env(TOKEN_SETTING), _env(USER_SETTING), REGISTER)
            return
        async for request in super().start():
            yield request

    def board_requests(self, board):
        for keyword in KEYWORDS:
            yield self._page_request(board, keyword, 0)

    def _page_request(self, board: str, keyword: str, start: int):
        url = search_url(self.base_url, keyword, board.removeprefix("nlx-"), start, self.per_page, self.arguments.days)
        return self.board_request(board, url, "parse_page", context={"keyword": keyword, "start": start},
                                  meta={CREDENTIALS_META: True})

    def parse_page(self, response, board, keyword, start):
        entries, total = jobs(self.json_payload(response))
        self.count_fetched(board, len(entries))
        for entry in entries:
            key = str(entry.get("JvId") or "")
            if key and key in self._seen:
                continue
            self._seen.add(key)
            if not title_may_be_relevant(str(entry.get("JobTitle") or "")):
                self.crawler.stats.inc_value(f"boards/{board}/skipped")
                self.crawler.stats.inc_value("postings/skipped")
                continue
            listed = self._scrubbed(posting(entry, board))
            if not key or self.already_landed(key):
                yield listed  # without an id validation quarantines it; a landed one the landing run skips
                continue
            yield self.board_request(board, detail_url(self.base_url, key), "parse_detail", context={"entry": entry},
                                     fallback=listed, meta={CREDENTIALS_META: True})
        following = self.next_offset(start, len(entries), self.per_page, total)
        if following is not None:
            yield self._page_request(board, keyword, following)

    def parse_detail(self, response, board, entry):
        job = detail_job(self.json_payload(response))
        merged = {**entry, **{key: value for key, value in job.items() if value not in (None, "")}}
        yield self._scrubbed(posting(merged, board))

    def _scrubbed(self, item: dict) -> dict:
        return scrub(item, self.credentials or ())
