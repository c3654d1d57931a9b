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
import scrapy
from scrapy.utils.sitemap import Sitemap

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


def posting_item(posting: dict, url: str, board: str, employer: str | None) -> dict:
    """The source-specific fields of the posting item for one JobPosting object."""
    place = _first(posting.get("jobLocation")) or {}
    address = place.get("address") if isinstance(place, dict) else None
    address = _first(address) if isinstance(address, (dict, list)) else {}
    address = address if isinstance(address, dict) else {}
    organization = posting.get("hiringOrganization")
    organization_name = organization.get("name") if isinstance(organization, dict) else organization
    city, state, postal = (_text(address.get(k)) for k in ("addressLocality", "addressRegion", "postalCode"))
    location = ", ".join(part for part in (city, " ".join(p for p in (state, postal) if p)) if part) or None
    return {
        "source": "jobposting",
        "source_id": source_id(posting, url),
        "board": board,
        "url": url,
        "title": _text(posting.get("title")),
        "employer": _text(organization_name) or employer,
        "location": location,
        "city": city,
        "state": state,
        "postal_code": postal,
        "remote": True if "TELECOMMUTE" in str(posting.get("jobLocationType") or "").upper() else None,
        "posted_at": posting.get("datePosted"),
        "updated_at": None,
        "employment_type": _first(posting.get("employmentType")),
        "description_html": _text(posting.get("description")),
        "pay": base_salary(posting.get("baseSalary")),
        "raw": posting,
    }


def source_id(posting: dict, url: str) -> str:
    """The employer's identifier for the job, scoped by host; the page URL when there is none."""
    identifier = _first(posting.get("identifier"))
    value = identifier.get("value") if isinstance(identifier, dict) else identifier
    if value not in (None, ""):
        return f"{_host(url)}:{value}"
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


class JobPostingSpider(scrapy.Spider):
    """`scrapy crawl jobposting -a start_urls=https://example.org/careers/ [-a sitemap_urls=...]`."""

    name = "jobposting"
    # Listing pages are followed this many links deep from a start page (careers pages paginate).
    max_link_depth = 10

    def __init__(self, start_urls: str = "", sitemap_urls: str = "", **kwargs):
        super().__init__(**kwargs)
        self.site_urls = [u.strip() for u in start_urls.split(",") if u.strip()]
        self.sitemap_urls = [u.strip() for u in sitemap_urls.split(",") if u.strip()]

    async def start(self):
        for url in self.site_urls:
            yield scrapy.Request(url, callback=self.parse_page, errback=self.page_failed,
                                 cb_kwargs={"site": url, "depth": 0})
        for url in self.sitemap_urls:
            yield scrapy.Request(url, callback=self.parse_sitemap, errback=self.page_failed, cb_kwargs={"site": url})

    def parse_sitemap(self, response, site: str):
        sitemap = Sitemap(response.body)
        for entry in sitemap:
            url = entry.get("loc", "")
            if not same_site(url, site):
                continue
            if sitemap.type == "sitemapindex":
                yield scrapy.Request(url, callback=self.parse_sitemap, errback=self.page_failed, cb_kwargs={"site": site})
            elif looks_like_job_page(url):
                yield scrapy.Request(url, callback=self.parse_page, errback=self.page_failed,
                                     cb_kwargs={"site": site, "depth": self.max_link_depth})

    def parse_page(self, response, site: str, depth: int):
        postings = job_postings(response.text, response.url) if hasattr(response, "text") else []
        for posting in postings:
            yield posting_item(posting, response.url, board_of(site), None)
        if postings or depth >= self.max_link_depth:
            return
        for link in response.css("a::attr(href)").getall():
            url = response.urljoin(link)
            if same_site(url, site) and looks_like_job_page(url):
                yield scrapy.Request(url, callback=self.parse_page, errback=self.page_failed,
                                     cb_kwargs={"site": site, "depth": depth + 1})

    def page_failed(self, failure):
        self.logger.error("jobposting: %s failed: %s", failure.request.url, failure.getErrorMessage())
