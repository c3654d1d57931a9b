"""The career-site registry (`career_sites.toml`): health systems, physician groups and clinic chains
whose own career sites the `careersite` spider may read, with where each fact came from.

Every entry names the organisation, the states it hires in, its career-site root (or
"unverified" when no public source showed it), the applicant-tracking system behind the site
where known, the evidence, the permission (robots.txt and terms) and a status. An entry is
crawled by default only when `enabled`; `ma-demand sources probe --career-sites` checks a
candidate's robots.txt, sitemap and JobPosting markup before anyone enables it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from crawler.registry import STATUSES, RegistryError, read_toml

KINDS = ("health_system", "physician_group", "clinic_chain", "community_health")
UNVERIFIED = "unverified"
STATE_CODES = frozenset(
    "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND "
    "OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY PR".split())
REQUIRED = ("name", "kind", "root", "ats", "evidence", "permission", "status")


@dataclass(frozen=True)
class CareerSite:
    name: str
    kind: str
    states: tuple[str, ...]
    root: str  # the career site's address, or "unverified"
    ats: str  # the applicant-tracking system behind the site, or "unknown"
    evidence: str
    permission: str
    status: str
    enabled: bool = False
    note: str = ""

    @property
    def token(self) -> str:
        """The site's board token: its name as a slug ('Mayo Clinic' -> 'mayo-clinic')."""
        return slug(self.name)

    @property
    def root_known(self) -> bool:
        return self.root != UNVERIFIED


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower().replace("&", " and ")).strip("-")


def load_career_sites(path: str | Path | None = None) -> list[CareerSite]:
    """Read and check the registry; a fault raises RegistryError naming the entry and field."""
    data = read_toml(path, "career_sites.toml", "career-site registry")
    sites = [_site(entry, number) for number, entry in enumerate(data.get("site", []), start=1)]
    seen: set[str] = set()
    for site in sites:
        if site.token in seen:
            raise RegistryError(f"career site {site.name!r} is listed twice")
        seen.add(site.token)
    return sites


def _site(entry: dict, number: int) -> CareerSite:
    where = f"site #{number} ({entry.get('name', '?')})"
    values = {}
    for key in REQUIRED:
        value = entry.get(key)
        if not isinstance(value, str) or not value.strip():
            raise RegistryError(f"{where}: {key} is missing or empty")
        values[key] = value.strip()
    if values["status"] not in STATUSES:
        raise RegistryError(f"{where}: status must be one of {', '.join(STATUSES)}, not {values['status']!r}")
    if values["kind"] not in KINDS:
        raise RegistryError(f"{where}: kind must be one of {', '.join(KINDS)}, not {values['kind']!r}")
    if values["root"] != UNVERIFIED and not re.match(r"^https://[^/\s]+/", values["root"]):
        raise RegistryError(f"{where}: root must be an https:// address ending in '/' or {UNVERIFIED!r}")
    states = entry.get("states")
    if not isinstance(states, list) or not states or any(state not in STATE_CODES for state in states):
        raise RegistryError(f"{where}: states must be a non-empty list of state codes")
    enabled = entry.get("enabled", False)
    if not isinstance(enabled, bool) or (enabled and values["root"] == UNVERIFIED):
        raise RegistryError(f"{where}: enabled must be true or false, and false while the root is unverified")
    return CareerSite(states=tuple(states), enabled=enabled, note=str(entry.get("note", "")), **values)
