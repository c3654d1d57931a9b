"""The dashboard's vocabulary and thresholds: guide.toml (EHR labels, the guide's lists, min n) and the
tagger's credential vocabulary (pipeline/vocabulary/certifications.toml: labels, which are MA credentials)."""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

from pipeline import lexicon

GUIDE_FILE = Path(__file__).with_name("guide.toml")


@cache
def guide() -> dict:
    return tomllib.loads(GUIDE_FILE.read_text(encoding="utf-8"))


def min_n() -> int:
    return int(guide()["min_n"])


def label(code: str) -> str:
    """A person's name for a code: guide.toml's, else the credential vocabulary's label, else the code
    with underscores as spaces."""
    credential = lexicon.credentials().get(code)
    return guide()["labels"].get(code) or (credential.label if credential else str(code).replace("_", " "))


def ma_credentials() -> list[str]:
    """The MA credential codes, in vocabulary order."""
    return list(lexicon.ma_credentials())


def seniority_rank(level: str) -> int:
    return rank("seniority_order", level)


def rank(order_name: str, value: str) -> int:
    """Where `value` stands in one of guide.toml's orders (e.g. seniority_order); unknown values come last."""
    order = guide()[order_name]["order"]
    return order.index(value) if value in order else len(order)
