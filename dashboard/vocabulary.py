"""The dashboard's vocabulary and thresholds, read from guide.toml (labels, the guide's lists, min n)."""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

GUIDE_FILE = Path(__file__).with_name("guide.toml")


@cache
def guide() -> dict:
    return tomllib.loads(GUIDE_FILE.read_text(encoding="utf-8"))


def min_n() -> int:
    return int(guide()["min_n"])


def label(code: str) -> str:
    """A person's name for a code: from guide.toml, else the code with underscores as spaces."""
    return guide()["labels"].get(code) or str(code).replace("_", " ")


def seniority_rank(level: str) -> int:
    return rank("seniority_order", level)


def rank(order_name: str, value: str) -> int:
    """Where `value` stands in one of guide.toml's orders (e.g. seniority_order); unknown values come last."""
    order = guide()[order_name]["order"]
    return order.index(value) if value in order else len(order)
