"""Parse a posting's location string into city, state (USPS code), ZIP code and remote flag.

Pure function, no I/O: "Tulsa, OK 74103", "Austin, Texas", "Remote - US", "Boston, MA, United
States", "Hybrid: Denver, CO". State names and codes live in `states.toml` beside this file.
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from importlib import resources

_ZIP = re.compile(r"\b(\d{5})(?:-\d{4})?\b")
_REMOTE = re.compile(r"\b(remote|telecommute|work from home|wfh|virtual)\b", re.I)
_COUNTRY = re.compile(r"\b(united states( of america)?|usa|u\.s\.a?\.?|us)\s*$", re.I)
_PREFIX = re.compile(r"^\s*(hybrid|on-?site|in office|remote)\s*[-:–]\s*", re.I)
_SEPARATORS = re.compile(r"\s*[;|/]\s*")


@cache
def state_names() -> dict[str, str]:
    """USPS code -> name of every state, DC and territory in states.toml: the one list of valid `state` values."""
    return dict(tomllib.loads(resources.files("pipeline").joinpath("states.toml").read_text("utf-8"))["states"])


@cache
def _states() -> dict[str, str]:
    """Lower-cased state name or code -> USPS code."""
    table: dict[str, str] = {}
    for code, name in state_names().items():
        table[code.lower()] = code
        table[name.lower()] = code
    return table


def parse_location(text: str | None) -> dict:
    """{"city", "state", "postal_code", "remote"} for a location string; unknown parts are None."""
    result = {"city": None, "state": None, "postal_code": None, "remote": None}
    if not text or not str(text).strip():
        return result
    text = str(text).strip()
    if _REMOTE.search(text):
        result["remote"] = True
    first = _SEPARATORS.split(_PREFIX.sub("", text))[0]
    zip_match = _ZIP.search(first)
    if zip_match:
        result["postal_code"] = zip_match.group(1)
        first = (first[:zip_match.start()] + first[zip_match.end():]).strip(" ,")
    first = _COUNTRY.sub("", first).strip(" ,-")
    parts = [part.strip() for part in first.split(",") if part.strip()]
    states = _states()
    for index in range(len(parts) - 1, -1, -1):
        code = states.get(parts[index].lower().rstrip("."))
        if code:
            result["state"] = code
            city_parts = [p for p in parts[:index] if not _REMOTE.fullmatch(p)]
            if city_parts:
                result["city"] = city_parts[-1]
            break
    else:
        if len(parts) == 1 and not _REMOTE.search(parts[0]):
            words = parts[0].rsplit(" ", 1)
            if len(words) == 2 and words[1].lower() in states and words[1].isupper():
                result["city"], result["state"] = words[0], states[words[1].lower()]
    if result["remote"] is None and (result["city"] or result["state"]):
        result["remote"] = False
    return result
