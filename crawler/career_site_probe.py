"""`ma-demand sources probe --career-sites`: may we read a candidate career site, and is there anything to read?

For one site it sends at most four polite requests, each to an address the site itself names,
never a guessed host: robots.txt (does it let our User-Agent read the career root, which
sitemaps does it name), the first of those sitemaps (an index leads to its first child sitemap,
one more request), and the first job page there that robots.txt allows and whose URL slug does
not rule the job out (does it carry schema.org JobPosting). A site without a verified root is
not contacted. The verdict is a report; enabling a site stays a reviewed change of
crawler/career_sites.toml after a person has read its terms.
"""

from __future__ import annotations

import time
import urllib.error
import urllib.request
from dataclasses import dataclass

from protego import Protego
from scrapy.utils.sitemap import Sitemap

from crawler.career_sites import CareerSite
from crawler.spiders.careersite import robots_url, sitemaps_from_robots, worth_fetching
from crawler.spiders.jobposting import job_postings, looks_like_job_page

MAX_BYTES = 10 * 1024 * 1024  # read no more of one answer than this


@dataclass(frozen=True)
class Probe:
    """What one probe found: `status` is ok, no-sitemap, no-jobposting, disallowed, unreachable or unverified."""

    status: str
    detail: str
    requests: int


def site_root(site: CareerSite, base_url: str | None) -> str:
    """The root to probe: the registry's, or `<base_url>/careersite/<token>/` against the fixture server."""
    return f"{base_url.rstrip('/')}/careersite/{site.token}/" if base_url else site.root


def probe_site(site: CareerSite, user_agent: str, base_url: str | None = None, timeout: float = 15.0,
               delay: float = 1.0) -> Probe:
    if not site.root_known and not base_url:
        return Probe("unverified", "no verified career-site root: not contacted", 0)
    root = site_root(site, base_url)
    fetch = _Fetcher(user_agent, timeout, delay)
    try:
        status, robots_txt = fetch(robots_url(root))
        rules = Protego.parse(robots_txt.decode("utf-8", "replace") if status == 200 else "")
        if not rules.can_fetch(root, user_agent):
            return Probe("disallowed", f"robots.txt disallows {root} for our User-Agent", fetch.count)
        sitemaps = sitemaps_from_robots(robots_txt if status == 200 else b"", root)
        named = "robots.txt names " + (f"{len(sitemaps)} sitemap(s)" if sitemaps else "no sitemap")
        sitemap_url = sitemaps[0] if sitemaps else root + "sitemap.xml"
        urls = _sitemap_urls(fetch, sitemap_url)
        if urls is None:
            return Probe("no-sitemap", f"{named}; no readable sitemap at {sitemap_url}", fetch.count)
        jobs = [url for url in urls if looks_like_job_page(url) and rules.can_fetch(url, user_agent)]
        wanted = [url for url in jobs if worth_fetching(url)]
        if not wanted:
            return Probe("no-jobposting", f"{named}; {len(urls)} sitemap URLs, none an allowed job page worth reading",
                         fetch.count)
        status, page = fetch(wanted[0])
        found = job_postings(page.decode("utf-8", "replace"), wanted[0]) if status == 200 else []
        summary = f"{named}; {len(jobs)} job URLs in the first sitemap; {wanted[0]}"
        if found:
            return Probe("ok", f"{summary} carries {len(found)} JobPosting", fetch.count)
        return Probe("no-jobposting", f"{summary} carries no JobPosting (HTTP {status})", fetch.count)
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        return Probe("unreachable", f"{getattr(error, 'reason', error)} ({root})", fetch.count)


def _sitemap_urls(fetch, url: str) -> list[str] | None:
    """The page URLs of the sitemap at `url` (an index: of its first child), or None when unreadable."""
    for _ in range(2):
        status, body = fetch(url)
        if status != 200:
            return None
        try:
            sitemap = Sitemap(body)
            locs = [entry.get("loc", "") for entry in sitemap if entry.get("loc")]
        except Exception:  # lxml raises several types on a body that is not XML
            return None
        if sitemap.type != "sitemapindex":
            return locs
        if not locs:
            return []
        url = locs[0]
    return None


class _Fetcher:
    """GET with our User-Agent, a pause between requests, at most MAX_BYTES; (status, body)."""

    def __init__(self, user_agent: str, timeout: float, delay: float):
        self.user_agent, self.timeout, self.delay = user_agent, timeout, delay
        self.count = 0

    def __call__(self, url: str) -> tuple[int, bytes]:
        if self.count and self.delay > 0:
            time.sleep(self.delay)
        self.count += 1
        request = urllib.request.Request(url, headers={"User-Agent": self.user_agent})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return response.status, response.read(MAX_BYTES)
        except urllib.error.HTTPError as error:
            return error.code, b""
