"""Decide whether a posting is a Medical Assistant role (first, title-based version)."""

from __future__ import annotations

import re

_MA_TITLE = re.compile(r"\b(medical|clinical|ophthalmic|podiatry|certified medical|back office|front office)\s+assistant\b|\bCMA\b|\bMA\b", re.I)
_NOT_MA = re.compile(r"\b(physician|dental|veterinary|nursing|nurse)\s+assistant\b|\bscribe\b|\bPA-C\b", re.I)


def is_ma_title(title: str) -> bool:
    """True when the title names an MA role and no excluded role."""
    return bool(_MA_TITLE.search(title or "")) and not _NOT_MA.search(title or "")


def is_relevant(title: str, text: str = "") -> bool:
    """Keep MA and MA-adjacent postings at the crawl."""
    return is_ma_title(title)
