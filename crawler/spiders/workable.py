"""Workable spider: the public widget API (`details=true`) mapped onto the posting item.

One call per account returns every published job with its HTML description
(`/api/v1/widget/accounts/{slug}?details=true`, research notes sources.md §5). Dates are
date-only; there is no pay field, so `pay` stays null and pay is left to the text.
"""

from __future__ import annotations

from urllib.parse import urlencode

EMPLOYMENT_TYPES = {
    "full-time": "full_time", "full time": "full_time",
    "part-time": "part_time", "part time": "part_time",
    "contract": "contract", "temporary": "temporary",
    "internship": "internship", "per diem": "per_diem",
}


def account_url(base_url: str, slug: str) -> str:
    return f"{base_url.rstrip('/')}/api/v1/widget/accounts/{slug}?" + urlencode({"details": "true"})


def posting_item(job: dict, board: str, employer: str | None) -> dict:
    """The source-specific fields of the posting item for one entry of `jobs[]`."""
    location = (job.get("locations") or [{}])[0] or {}
    city = job.get("city") or location.get("city") or None
    state = job.get("state") or location.get("region") or None
    return {
        "source": "workable",
        "source_id": job.get("shortcode"),
        "board": board,
        "url": job.get("url") or job.get("shortlink"),
        "title": job.get("title"),
        "employer": employer,
        "location": ", ".join(part for part in (city, state) if part) or None,
        "city": city,
        "state": state,
        "postal_code": None,
        "remote": job.get("telecommuting"),
        "posted_at": _date_as_utc(job.get("published_on") or job.get("created_at")),
        "updated_at": None,
        "employment_type": EMPLOYMENT_TYPES.get((job.get("employment_type") or "").lower()),
        "description_html": job.get("description") or job.get("full_description"),
        "pay": None,
        "raw": job,
    }


def _date_as_utc(value: str | None) -> str | None:
    """Workable gives a date only ('2026-03-14'); it is read as midnight UTC."""
    if not value or len(value) < 10:
        return None
    return f"{value[:10]}T00:00:00Z"
