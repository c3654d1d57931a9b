"""JobPosting spider: schema.org JobPosting (JSON-LD and microdata) on employers' career pages.

Starts from `-a start_urls=` (careers pages) or `-a sitemap_urls=`; reads every page's
structured data with extruct and follows only links on the employer's own host whose path
looks like a job page, so it never wanders onto job boards or other sites (research notes
sources.md §10). `baseSalary` is employer-stated structured pay with a `unitText` period.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import extruct
from pydantic import field_validator
from scrapy.utils.sitemap import Sitemap

from crawler.arguments import BoardArguments, http_urls
from crawler.items import posting_item
from crawler.normalize import employment_type, pay_period, structured_pay
from crawler.spiders.base import BoardSpider, MalformedPayload

JOB_PATH = re.compile(r"/(jobs?|careers?|positions?|openings?|vacanc(y|ies)|opportunit(y|ies)|requisitions?)(/|$|\?|-)", re.I)
NOT_A_PAGE = re.compile(r"\.(pdf|jpe?g|png|gif|svg|css|js|zip|docx?)$", re.I)
SYNTAXES = ("json-ld", "microdata")


def job_postings(html_text: str, url: str) -> list[dict]:
    """Every JobPosting object on the page, JSON-LD first; one broken syntax does not hide the other."""
    found: list[dict] = []
    for syntax in SYNTAXES:
        try:
            data = extruct.extract(html_text, base_url=url, syntaxes=[syntax], uniform=True, errors="strict")
        except Exception:  # extruct raises whatever its parsers raise on broken markup
            continue
        for node in data.get(syntax, []):
            found.extend(_walk(node))
    return found


def _walk(node) -> list[dict]:
    """JobPosting nodes inside a JSON-LD value: plain objects, lists and `@graph` containers."""
    if isinstance(node, list):
        return [found for child in node for found in _walk(child)]
    if not isinstance(node, dict):
        return []
    types = node.get("@type")
    types = types if isinstance(types, list) else [types]
    if any(isinstance(t, str) and t.rsplit("/", 1)[-1] == "JobPosting" for t in types):
        return [node]
    return _walk(node.get("@graph", []))


def same_site(url: str, site_url: str) -> bool:
    """True when `url` is on the employer's own host (a leading `www.` aside)."""
    host, site = _host(url), _host(site_url)
    return bool(host) and (host == site or host.endswith("." + site) or site.endswith("." + host))


def looks_like_job_page(url: str) -> bool:
    path = urlsplit(url).path
    return bool(JOB_PATH.search(path)) and not NOT_A_PAGE.search(path)


def board_of(site_url: str) -> str:
    """A careers site's board name: its host and path, e.g. 'example.org/careers'."""
    parts = urlsplit(site_url)
    return (parts.netloc + parts.path).rstrip("/")


def posting(record: dict, board: str | None, employer: str | None = None, url: str | None = None) -> dict:
    """The posting item for one JobPosting object found on the page at `url`."""
    return job_posting_item("jobposting", record, board, employer, url)


def job_posting_item(source: str, record: dict, board: str | None, employer: str | None, url: str | None) -> dict:
    """A JobPosting object as the posting item of `source` (this spider, or the careersite spider)."""
    url = url or ""
    place = _first(record.get("jobLocation"))
    address = _first(place.get("address")) if isinstance(place, dict) else None
    address = address if isinstance(address, dict) else {}
    organization = _first(record.get("hiringOrganization"))
    organization_name = organization.get("name") if isinstance(organization, dict) else organization
    city, state, postal = (_text(address.get(k)) for k in ("addressLocality", "addressRegion", "postalCode"))
    salary = base_salary(record.get("baseSalary"))
    return posting_item(
        source, record, source_id=source_id(record, url, board or ""), board=board, url=url,
        title=_text(record.get("title")), employer=_text(organization_name) or employer,
        # Locality, region (a code or a name) and ZIP as one string: the enrich pipeline parses it.
        location=", ".join(part for part in (city, " ".join(p for p in (state, postal) if p)) if part),
        remote=True if "TELECOMMUTE" in str(record.get("jobLocationType") or "").upper() else None,
        posted_at=_text(record.get("datePosted")), employment_type=employment_type(_first(record.get("employmentType"))),
        description_html=_text(record.get("description")),
        pay=salary and structured_pay(salary["min"], salary["max"], pay_period(salary["unit"]), salary["currency"]))


def source_id(posting: dict, url: str, board: str) -> str:
    """The employer's identifier for the job, scoped by the careers site (one host may serve
    several employers); the page URL when there is none."""
    identifier = _first(posting.get("identifier"))
    value = identifier.get("value") if isinstance(identifier, dict) else identifier
    if value not in (None, ""):
        return f"{board}:{value}"
    parts = urlsplit(url)
    return parts.netloc + parts.path + (f"?{parts.query}" if parts.query else "")


def base_salary(salary) -> dict | None:
    """`baseSalary` as {min, max, unit, currency} (unit still the source's unitText), or None."""
    salary = _first(salary)
    if not isinstance(salary, dict):
        return None
    value = salary.get("value")
    if isinstance(value, dict):
        low = value.get("minValue", value.get("value"))
        high = value.get("maxValue", value.get("value"))
        unit = value.get("unitText") or salary.get("unitText")
    else:
        low = high = value
        unit = salary.get("unitText")
    return {"min": low, "max": high, "unit": unit, "currency": salary.get("currency") or salary.get("salaryCurrency")}


def _first(value):
    if isinstance(value, list):
        return value[0] if value else None
    return value


def _text(value) -> str | None:
    value = _first(value)
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _host(url: str) -> str:
    host = (urlsplit(url).hostname or "").lower()
    return host[4:] if host.startswith("www.") else host


class JobPostingArguments(BoardArguments):
    start_urls: list[str] | None = None
    sitemap_urls: list[str] | None = None

    _split_urls = field_validator("start_urls", "sitemap_urls", mode="before")(http_urls)


class JobPostingSpider(BoardSpider):
    """`scrapy crawl jobposting -a start_urls=https://example.org/careers/ | -a sitemap_urls=.../sitemap.xml`.

    Without either, it crawls `-a boards=` (default: the registry's enabled `jobposting` boards),
    each token a careers page without its scheme (`careers.example.org/jobs`, fetched over
    https) or, with `-a base_url=`, a path below that root (how the demo reaches the fixtures).
    """

    name = "jobposting"
    arguments_model = JobPostingArguments
    # Listing pages are followed at most this many links deep from a start page (careers pages paginate).
    max_link_depth = 10

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        pages = [(url, "parse_page") for url in self.arguments.start_urls or []]
        sitemaps = [(url, "parse_sitemap") for url in self.arguments.sitemap_urls or []]
        self.sites = {board_of(url): (url, handler) for url, handler in pages + sitemaps}
        if not self.sites:
            root = self.arguments.base_url or "https:/"
            self.sites = {board: (f"{root}/{board}/", "parse_page") for board in self.boards}
        self.boards = list(self.sites)
        self._seen: set[str] = set()

    def board_requests(self, board):
        url, handler = self.sites[board]
        context = {"site": url, "depth": 0} if handler == "parse_page" else {"site": url}
        yield self._request(board, url, handler, context)

    def _request(self, board: str, url: str, handler: str, context: dict):
        self._seen.add(url)
        return self.board_request(board, url, handler, context=context)

    def parse_sitemap(self, response, board, site):
        try:
            sitemap = Sitemap(response.body)
            entries = list(sitemap)
        except Exception as error:  # lxml raises several types on a body that is not XML
            raise MalformedPayload(f"not a sitemap ({str(error)[:80]})") from None
        for entry in entries:
            url = entry.get("loc", "")
            if url in self._seen or not same_site(url, site):
                continue
            if sitemap.type == "sitemapindex":
                yield self._request(board, url, "parse_sitemap", {"site": site})
            elif looks_like_job_page(url):
                yield self._request(board, url, "parse_page", {"site": site, "depth": self.max_link_depth})

    def parse_page(self, response, board, site, depth):
        if not hasattr(response, "text"):  # a PDF or image behind a job-looking link
            return
        postings = job_postings(response.text, response.url)
        self.count_fetched(board, len(postings))
        for found in postings:
            yield posting(found, board, self.employer(board), response.url)
        if postings or depth >= self.max_link_depth:
            return
        for link in response.css("a::attr(href)").getall():
            url = response.urljoin(link).split("#", 1)[0]
            if url not in self._seen and same_site(url, site) and looks_like_job_page(url):
                yield self._request(board, url, "parse_page", {"site": site, "depth": depth + 1})
