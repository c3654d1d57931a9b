"""Career-site spider: employers' own career sites, read from the sitemaps their robots.txt names.

Health systems, physician groups and clinic chains post most MA jobs on their own sites
(crawler/career_sites.toml), and those sites mark each job page up with schema.org JobPosting
for search engines (research notes sources.md §10). Per site (one board) the spider reads
robots.txt, takes the `Sitemap:` URLs it names on the site's own host (else the conventional
`<root>sitemap.xml`), walks sitemap indexes, and fetches only entries that look like job pages
and whose URL slug does not already rule the job out (`pipeline.relevance.title_may_be_relevant`
on the slug's words: `/job/123/registered-nurse` is skipped, `/job/123` is fetched). Each page's
JobPosting objects (JSON-LD and microdata, through extruct as the `jobposting` spider reads them)
become posting items. robots.txt is obeyed for every request (Scrapy's RobotsTxtMiddleware), one
request per host at a time on top of the project's delay and AutoThrottle, and at most
`-a max_pages=` job pages per site.
"""

from __future__ import annotations

import logging
import re
from urllib.parse import unquote, urlsplit

from pydantic import Field, field_validator
from scrapy.utils.gz import gunzip
from scrapy.utils.sitemap import Sitemap, sitemap_urls_from_robots

from crawler.arguments import BoardArguments, SpiderArgumentError, http_urls
from crawler.career_sites import load_career_sites, slug
from crawler.registry import RegistryError
from crawler.spiders.base import BoardSpider, MalformedPayload
from crawler.spiders.jobposting import job_posting_item, job_postings, looks_like_job_page, same_site
from pipeline.relevance import title_may_be_relevant

logger = logging.getLogger(__name__)

MAX_SITEMAP_BYTES = 50 * 1024 * 1024  # the sitemaps.org limit for one (uncompressed) sitemap file
WORD = re.compile(r"[A-Za-z]+")


def slug_title(url: str) -> str | None:
    """The words of a job URL's title slug ('/job/123/certified-medical-assistant' -> 'certified medical
    assistant'), from its last two path segments; None when neither reads as a slug of words."""
    for segment in reversed([part for part in unquote(urlsplit(url).path).split("/") if part][-2:]):
        words = WORD.findall(segment)
        if len(words) >= 2 and re.search(r"[A-Za-z][-_+][A-Za-z0-9]", segment):
            return " ".join(words)
    return None


def worth_fetching(url: str) -> bool:
    """True unless the URL's slug alone shows the job is not an MA or MA-adjacent role."""
    title = slug_title(url)
    return title is None or title_may_be_relevant(title)


def robots_url(root: str) -> str:
    parts = urlsplit(root)
    return f"{parts.scheme}://{parts.netloc}/robots.txt"


def sitemaps_from_robots(robots_txt: bytes, root: str) -> list[str]:
    """The `Sitemap:` URLs of robots.txt on the root's host; those under the root's path first.

    One host may serve several sites (the fixture server does): when some sitemaps lie below
    the root's path, only those are the site's.
    """
    found = [url for url in sitemap_urls_from_robots(robots_txt, base_url=root) if same_site(url, root)]
    found = [url for url in found if (urlsplit(url).hostname or "") == (urlsplit(root).hostname or "")] or found
    below = [url for url in found if urlsplit(url).path.startswith(urlsplit(root).path)]
    return list(dict.fromkeys(below or found))


def posting(record: dict, board: str | None, employer: str | None = None, url: str | None = None) -> dict:
    """The posting item for one JobPosting object on a career-site page."""
    return job_posting_item("careersite", record, board, employer, url)


class CareerSiteArguments(BoardArguments):
    roots: list[str] | None = Field(default=None, description="comma-separated career-site roots (https://host/path/)")
    career_sites: str | None = Field(default=None, description="career-site registry instead of crawler/career_sites.toml")
    max_pages: int = Field(default=2000, ge=1, description="most job pages fetched per site")

    _split_roots = field_validator("roots", mode="before")(http_urls)


class CareerSiteSpider(BoardSpider):
    """`scrapy crawl careersite [-a boards=SITE,...] [-a roots=https://careers.example.org/] [-a max_pages=N]`.

    Boards are career-site registry tokens (the organisation's name as a slug, `ma-demand sources
    --career-sites`); default: the enabled sites. With `-a base_url=` a board's root is
    `<base_url>/<board>/` (how the tests and the demo reach the fixture server).
    """

    name = "careersite"
    custom_settings = {"CONCURRENT_REQUESTS_PER_DOMAIN": 1}

    arguments_model = CareerSiteArguments

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        try:
            sites = {site.token: site for site in load_career_sites(self.arguments.career_sites)}
        except RegistryError as error:
            raise SpiderArgumentError(f"spider careersite: {error}") from None
        self.names = {token: site.name for token, site in sites.items()}
        if self.arguments.roots:
            self.roots = {slug(urlsplit(url).netloc + urlsplit(url).path): url.rstrip("/") + "/"
                          for url in self.arguments.roots}
        elif self.arguments.base_url:
            self.roots = {board: f"{self.arguments.base_url}/{board}/" for board in self.arguments.boards or []}
        else:
            chosen = self.arguments.boards or [token for token, site in sites.items() if site.enabled]
            unknown = [token for token in chosen if token not in sites or not sites[token].root_known]
            if unknown:
                raise SpiderArgumentError(f"spider careersite: argument boards: no verified root for "
                                          f"{', '.join(unknown)} in the career-site registry")
            self.roots = {token: sites[token].root for token in chosen}
        self.boards = list(self.roots)
        self._seen: set[str] = set()
        self._pages: dict[str, int] = {}

    def employer(self, board: str) -> str:
        return self.names.get(board) or super().employer(board)

    def board_requests(self, board):
        root = self.roots[board]
        # No robots.txt (404) means no Sitemap lines, not a dead site: the conventional sitemap is tried.
        yield self._request(board, robots_url(root), "parse_robots", {"root": root}, handle_httpstatus_list=[404])

    def _request(self, board: str, url: str, handler: str, context: dict, **meta):
        self._seen.add(url)
        return self.board_request(board, url, handler, context=context, meta=meta)

    def parse_robots(self, response, board, root):
        robots_txt = response.body if response.status == 200 else b""
        sitemaps = sitemaps_from_robots(robots_txt, root) or [root + "sitemap.xml"]
        for url in sitemaps:
            if url not in self._seen:
                yield self._request(board, url, "parse_sitemap", {"root": root})

    def parse_sitemap(self, response, board, root):
        body = response.body
        if body[:2] == b"\x1f\x8b":
            try:
                body = gunzip(body, max_size=MAX_SITEMAP_BYTES)
            except Exception as error:  # a truncated or oversized gzip stream
                raise MalformedPayload(f"not a gzip sitemap ({str(error)[:80]})") from None
        try:
            sitemap = Sitemap(body)
            entries = list(sitemap)
        except Exception as error:  # lxml raises several types on a body that is not XML
            raise MalformedPayload(f"not a sitemap ({str(error)[:80]})") from None
        for entry in entries:
            url = entry.get("loc", "")
            if not url or url in self._seen or not same_site(url, root):
                continue
            if sitemap.type == "sitemapindex":
                yield self._request(board, url, "parse_sitemap", {"root": root})
            elif not looks_like_job_page(url):
                continue
            elif not worth_fetching(url):
                self._seen.add(url)
                self.crawler.stats.inc_value(f"boards/{board}/skipped_by_url")
                self.crawler.stats.inc_value("postings/skipped_by_url")
            elif self._pages.get(board, 0) < self.arguments.max_pages:
                self._pages[board] = self._pages.get(board, 0) + 1
                yield self._request(board, url, "parse_page", {})
            else:
                self.crawler.stats.inc_value(f"boards/{board}/over_max_pages")

    def parse_page(self, response, board):
        if not hasattr(response, "text"):  # a PDF or image behind a job-looking link
            return
        found = job_postings(response.text, response.url)
        self.count_fetched(board, len(found))
        for record in found:
            yield posting(record, board, self.employer(board), response.url)
