"""The posting item: one schema for every source (docs/contracts.md §2), its constructor and its validation.

Every spider builds its items with `posting_item`, which does the clean-up all sources share
(ids and text as stripped strings, timestamps in UTC, plain text from the HTML, the fetch time);
a spider's own code only says which field of its payload is which. The validation pipeline checks
each item against `Posting` and sends a record that fails to the run's quarantine file with the
reason `validation_reason` gives. The model is the single statement of the landing-file line.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pipeline.text import html_to_text
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from crawler.normalize import now_iso, utc_iso

SOURCES = ("greenhouse", "lever", "ashby", "smartrecruiters", "workable", "usajobs", "jobposting", "careeronestop",
           "careersite")
EMPLOYMENT_TYPES = ("full_time", "part_time", "contract", "temporary", "per_diem", "internship")
PAY_PERIODS = ("hour", "day", "week", "month", "year")

FIELDS = (
    "source", "source_id", "board", "url", "title", "employer", "location", "city", "state",
    "postal_code", "remote", "posted_at", "updated_at", "employment_type", "description_html",
    "description_text", "description_missing", "pay", "tags", "raw", "fetched_at", "run_id", "synthetic", "fingerprint",
)


class Pay(BaseModel):
    """Employer-stated structured pay; never an estimate, never parsed from text."""

    model_config = ConfigDict(extra="forbid")

    min: float | None = Field(ge=0)
    max: float | None = Field(ge=0)
    period: Literal[PAY_PERIODS]  # type: ignore[valid-type]
    currency: str = Field(min_length=3, max_length=3)
    source: Literal["structured"] = "structured"

    @field_validator("max")
    @classmethod
    def _max_not_below_min(cls, value: float | None, info: Any) -> float | None:
        low = info.data.get("min")
        if value is not None and low is not None and value < low:
            raise ValueError(f"max {value} is below min {low}")
        return value


class Fingerprint(BaseModel):
    """The text fingerprint the warehouse deduplicates by (`pipeline.fingerprint.fingerprint`)."""

    model_config = ConfigDict(extra="forbid")

    content_hash: str = Field(pattern=r"^[0-9a-f]{32}$")
    text_hash: str = Field(pattern=r"^[0-9a-f]{32}$")
    minhash: list[int] = Field(min_length=64, max_length=64)
    scheme: str = Field(min_length=1)


class Posting(BaseModel):
    """One line of a landing file."""

    model_config = ConfigDict(extra="forbid")

    source: Literal[SOURCES]  # type: ignore[valid-type]
    source_id: str = Field(min_length=1)
    board: str | None
    url: str = Field(pattern=r"^https?://")
    title: str = Field(min_length=1)
    employer: str = Field(min_length=1)
    location: str | None
    city: str | None
    state: str | None = Field(pattern=r"^[A-Z]{2}$")
    postal_code: str | None = Field(pattern=r"^\d{5}(-\d{4})?$")
    remote: bool | None
    posted_at: datetime | None
    updated_at: datetime | None
    employment_type: Literal[EMPLOYMENT_TYPES] | None  # type: ignore[valid-type]
    description_html: str | None
    description_text: str
    # True when the source gave a listing but no description (CareerOneStop without its detail call):
    # such a posting counts for titles and geography, never for requirement claims.
    description_missing: bool = False
    pay: Pay | None
    tags: dict[str, Any]
    raw: dict[str, Any]
    fetched_at: datetime
    run_id: str = Field(min_length=1)
    synthetic: bool
    fingerprint: Fingerprint | None = None

    @field_validator("title", "employer", "source_id")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("is blank")
        return value


def posting_item(source: str, record: dict, *, source_id: Any, board: str | None, url: Any, title: Any,
                 employer: Any, location: Any = None, city: Any = None, state: Any = None, postal_code: Any = None,
                 remote: Any = None, posted_at: Any = None, updated_at: Any = None, employment_type: str | None = None,
                 description_html: Any = None, plain_text: Any = None, pay: dict | None = None,
                 description_missing: bool = False) -> dict:
    """The posting item of one source `record` (kept as `raw`), from the values its spider picked out.

    Ids become strings ("" when absent) and the title is stripped; other text is kept as given
    (a changed byte is a new version, docs/contracts.md §2), but a blank or non-text value is None.
    Timestamps (ISO-8601, any offset, or a bare date) become UTC `YYYY-mm-ddTHH:MM:SSZ`, `remote`
    is kept only as a bool, and `description_text` is the HTML as plain text (or the source's own
    `plain_text` when the HTML gives none). Location parts, tags and fingerprints are left to the
    enrich pipeline. `description_missing` is true only when a spider kept a listing without its
    description (docs/contracts.md §2).
    """
    markup = _given(description_html)
    return {
        "source": source,
        "source_id": "" if source_id is None else str(source_id),
        "board": board,
        "url": _given(url) or "",
        "title": (_given(title) or "").strip(),
        "employer": _given(employer),
        "location": _given(location),
        "city": _given(city),
        "state": _given(state),
        "postal_code": _given(postal_code),
        "remote": remote if isinstance(remote, bool) else None,
        "posted_at": utc_iso(posted_at),
        "updated_at": utc_iso(updated_at),
        "employment_type": employment_type,
        "description_html": markup,
        "description_text": (html_to_text(markup) if markup else "") or _given(plain_text) or "",
        "pay": pay,
        "raw": record,
        "description_missing": bool(description_missing),
        "fetched_at": now_iso(),
    }


def _given(value: Any) -> str | None:
    """`value` when it is text that is not blank, else None."""
    return value if isinstance(value, str) and value.strip() else None


def validation_reason(record: dict[str, Any]) -> str | None:
    """None when `record` is a valid posting, else one line naming the first bad field."""
    try:
        Posting.model_validate(record)
    except ValidationError as error:
        problems = []
        for detail in error.errors()[:3]:
            where = ".".join(str(part) for part in detail["loc"]) or "record"
            problems.append(f"{where}: {detail['msg']}")
        more = "" if error.error_count() <= 3 else f" (+{error.error_count() - 3} more)"
        return "; ".join(problems) + more
    return None
