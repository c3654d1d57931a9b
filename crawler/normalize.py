"""Turn sources' dates, employment types and pay into the item schema's words.

Spelling variants live in `vocabulary.toml`; these functions only look them up, so every
spider normalises the same way and a new spelling is a one-line data change.
"""

from __future__ import annotations

import re
import tomllib
from datetime import UTC, datetime
from functools import cache
from importlib import resources
from typing import Any

_KEY_NOISE = re.compile(r"[\s_\-]+")


@cache
def _vocabulary() -> dict[str, dict[str, str]]:
    return tomllib.loads(resources.files("crawler").joinpath("vocabulary.toml").read_text("utf-8"))


def _key(label: str) -> str:
    return _KEY_NOISE.sub("", label.strip().lower())


def employment_type(label: Any) -> str | None:
    """`full_time`, `part_time`, ... for a source's label, None when unknown or absent."""
    if not isinstance(label, str) or not label.strip():
        return None
    return _vocabulary()["employment_type"].get(_key(label))


def pay_period(label: Any) -> str | None:
    """`hour`, `day`, `week`, `month` or `year` for a source's interval label, else None."""
    if not isinstance(label, str) or not label.strip():
        return None
    return _vocabulary()["pay_period"].get(_key(label))


def utc_iso(value: Any) -> str | None:
    """An ISO-8601 timestamp (with offset, 'Z', or a bare date) as UTC 'YYYY-mm-ddTHH:MM:SSZ'."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip().replace("Z", "+00:00").replace("z", "+00:00")
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def epoch_ms_iso(value: Any) -> str | None:
    """Epoch milliseconds (Lever's createdAt) as a UTC ISO-8601 timestamp."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    try:
        return datetime.fromtimestamp(value / 1000, tz=UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    except (OverflowError, OSError, ValueError):
        return None


def now_iso() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def structured_pay(low: Any, high: Any, period: str | None, currency: Any) -> dict | None:
    """The item's `pay` object from an employer-stated structured field, or None if unusable."""
    numbers = [_number(low), _number(high)]
    if period is None or all(number is None for number in numbers):
        return None
    low_value, high_value = numbers
    if low_value is not None and high_value is not None and high_value < low_value:
        low_value, high_value = high_value, low_value
    code = currency.strip().upper() if isinstance(currency, str) and currency.strip() else "USD"
    return {"min": low_value, "max": high_value, "period": period, "currency": code, "source": "structured"}


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value) if value > 0 else None
    if isinstance(value, str):
        try:
            number = float(value.replace(",", "").replace("$", "").strip())
        except ValueError:
            return None
        return number if number > 0 else None
    return None
