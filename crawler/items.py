"""The posting item: one schema for every source (docs/contracts.md §2), and its validation.

Spiders yield plain dicts with these fields; the validation pipeline checks each against
`Posting` and sends a record that fails to the run's quarantine file with the reason
`validation_reason` gives. The model is the single statement of the landing-file line.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

SOURCES = ("greenhouse", "lever", "ashby", "smartrecruiters", "workable", "usajobs", "jobposting")
EMPLOYMENT_TYPES = ("full_time", "part_time", "contract", "temporary", "per_diem", "internship")
PAY_PERIODS = ("hour", "day", "week", "month", "year")

FIELDS = (
    "source", "source_id", "board", "url", "title", "employer", "location", "city", "state",
    "postal_code", "remote", "posted_at", "updated_at", "employment_type", "description_html",
    "description_text", "pay", "tags", "raw", "fetched_at", "run_id", "synthetic", "fingerprint",
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
