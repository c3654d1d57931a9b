"""The clinical specialty of a posting: the title's when it names one, else the description's.

In the description, the specialty named most often wins (ties: the first named), so a
dermatology practice that mentions "primary care referrals" once stays dermatology.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from pipeline.lexicon import terms
from pipeline.matcher import Hit


@cache
def _title_patterns() -> list[tuple[str, re.Pattern]]:
    patterns = []
    for term in terms():
        if term.dimension == "specialty":
            aliases = "|".join(re.escape(alias) for alias in term.aliases)
            exact = "|".join(re.escape(alias) for alias in term.title_aliases)
            pattern = rf"(?i:\b(?:{aliases})\b)" + (rf"|\b(?:{exact})\b" if exact else "")
            patterns.append((term.id, re.compile(pattern)))
    return patterns


@lru_cache(maxsize=16384)
def from_title(title: str) -> tuple[str | None, str | None]:
    """(specialty id, matched span) named in the title, or (None, None)."""
    best = None
    for specialty_id, pattern in _title_patterns():
        match = pattern.search(title)
        if match and (best is None or match.start() < best[1]):
            best = (specialty_id, match.start(), match.group(0))
    return (best[0], best[2]) if best else (None, None)


def from_hits(hits: list[Hit]) -> tuple[str | None, list[str]]:
    """(specialty id, spans) named most in the description hits, or (None, [])."""
    if not hits:
        return None, []
    counts: dict[str, int] = {}  # in first-named order, which breaks ties
    for hit in hits:
        counts[hit.term.id] = counts.get(hit.term.id, 0) + 1
    chosen = max(counts, key=counts.__getitem__)
    return chosen, [hit.span for hit in hits if hit.term.id == chosen]
