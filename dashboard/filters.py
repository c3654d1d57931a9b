"""The global filters (date range, state, source, specialty, seniority) and their two forms.

Filters live in the page URL's query string so a view can be bookmarked and shared; this module
turns that string into a `Filters` value and back, and into SQL conditions over the dashboard marts
(which carry `month` or `week`, `state`, `source`, `specialty`, `seniority`) or over `postings` itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date
from urllib.parse import parse_qs, urlencode

LIST_KEYS = ("state", "source", "specialty", "seniority")


@dataclass(frozen=True)
class Filters:
    start: str | None = None          # ISO date, inclusive
    end: str | None = None            # ISO date, inclusive
    state: tuple[str, ...] = field(default_factory=tuple)
    source: tuple[str, ...] = field(default_factory=tuple)
    specialty: tuple[str, ...] = field(default_factory=tuple)
    seniority: tuple[str, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict:
        return {f.name: list(v) if isinstance(v := getattr(self, f.name), tuple) else v for f in fields(self)}

    @classmethod
    def from_dict(cls, data: dict | None) -> "Filters":
        data = data or {}
        return cls(start=_iso_date(data.get("start")), end=_iso_date(data.get("end")),
                   **{key: tuple(sorted({str(v) for v in (data.get(key) or []) if v})) for key in LIST_KEYS})

    def is_empty(self) -> bool:
        return self == Filters()


def from_query(search: str | None) -> Filters:
    """Filters from a URL query string such as `?state=TX,OK&start=2026-01-01`; unknown keys are ignored."""
    parsed = parse_qs((search or "").lstrip("?"))
    data: dict = {"start": (parsed.get("start") or [None])[0], "end": (parsed.get("end") or [None])[0]}
    for key in LIST_KEYS:
        data[key] = [item for value in parsed.get(key, []) for item in value.split(",") if item]
    return Filters.from_dict(data)


def to_query(filters: Filters) -> str:
    """The query string for `filters` (empty when nothing is filtered), keys in a fixed order."""
    pairs = [(key, value) for key, value in (("start", filters.start), ("end", filters.end)) if value]
    pairs += [(key, ",".join(getattr(filters, key))) for key in LIST_KEYS if getattr(filters, key)]
    return "?" + urlencode(pairs, safe=",") if pairs else ""


def mart_where(filters: Filters, *, period: str = "month") -> tuple[str, list]:
    """A WHERE clause (with its parameters) over a dashboard mart with a period column (`month` or
    `week`) and the dimension columns. A period belongs to the date range when any of its days does."""
    conditions, params = [], []
    if filters.start:
        conditions.append(f"{period} >= date_trunc('{period}', CAST(? AS DATE))")
        params.append(filters.start)
    if filters.end:
        conditions.append(f"{period} <= CAST(? AS DATE)")
        params.append(filters.end)
    for key in LIST_KEYS:
        values = getattr(filters, key)
        if values:
            conditions.append(f"{key} IN ({', '.join('?' for _ in values)})")
            params.extend(values)
    return ("WHERE " + " AND ".join(conditions)) if conditions else "", params


def postings_where(filters: Filters) -> tuple[str, list]:
    """Conditions over `postings` (unique MA postings only) matching what the marts count."""
    conditions = ["is_ma", "is_canonical"]
    params: list = []
    posted = "CAST(coalesce(posted_at, first_seen) AS DATE)"
    if filters.start:
        conditions.append(f"{posted} >= CAST(? AS DATE)")
        params.append(filters.start)
    if filters.end:
        conditions.append(f"{posted} <= CAST(? AS DATE)")
        params.append(filters.end)
    defaults = {"state": "(unknown)", "specialty": "(none)", "seniority": "(not stated)"}
    for key in LIST_KEYS:
        values = getattr(filters, key)
        if values:
            column = f"coalesce({key}, '{defaults[key]}')" if key in defaults else key
            conditions.append(f"{column} IN ({', '.join('?' for _ in values)})")
            params.extend(values)
    return "WHERE " + " AND ".join(conditions), params


def _iso_date(value) -> str | None:
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10]).isoformat()
    except ValueError:
        return None
