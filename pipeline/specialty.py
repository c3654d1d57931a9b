"""The clinical specialty of a posting: the title's when it names one, else the description's.

In the description, the specialty named most often wins (ties: the first named), so a
dermatology practice that mentions "primary care referrals" once stays dermatology.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import Sequence

from pipeline.lexicon import load, terms
from pipeline.matcher import Hit

_LIST_GAP = 20  # at most this many characters between two specialties of one list


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


@cache
def _list_words() -> tuple[frozenset[str], frozenset[str]]:
    data = load("specialties.toml")
    return frozenset(data["list_joiners"]), frozenset(data["list_others"])


@cache
def _next_word_weights() -> dict[str, int]:
    data = load("specialties.toml")
    return {**{word: 0 for word in data["program_words"]}, **{word: 2 for word in data["setting_words"]}}


def _weight(hit: Hit, lowered: str) -> int:
    """How much a mention counts: by the word after it (setting_words 2, program_words 0, else 1)."""
    if not lowered:
        return 1
    following = lowered[hit.end:hit.end + 16].split(maxsplit=1)
    return _next_word_weights().get(following[0].strip(".,;:()") if following else "", 1)


def _in_lists(hits: Sequence[Hit], lowered: str) -> set[int]:
    """The indexes of hits that stand in a list with a different specialty."""
    joiners, others = _list_words()
    listed: set[int] = set()
    for index, hit in enumerate(hits if "specialt" in lowered else ()):  # "primary care and specialty offices"
        after = lowered[hit.end:hit.end + _LIST_GAP].replace(",", " , ").replace("/", " / ").split()
        before = lowered[max(0, hit.start - _LIST_GAP):hit.start].split()
        while after and after[0] in joiners:
            after = after[1:]
        if (after and after[0] in others and after != lowered[hit.end:hit.end + _LIST_GAP].split()) or (
                before and any(word.strip(":,") in others for word in before[-2:])):
            listed.add(index)
    for index in range(1, len(hits)):
        left, right = hits[index - 1], hits[index]
        if left.term.id == right.term.id or right.start - left.end > _LIST_GAP:
            continue
        gap = lowered[left.end:right.start].replace(",", " , ").replace("/", " / ").split()
        # short words between them are other services' abbreviations ("orthopedic, ENT, GI and eye cases")
        if "\n" not in lowered[left.end:right.start] and all(word in joiners or len(word) <= 3 for word in gap):
            listed.update((index - 1, index))
    return listed


def from_hits(hits: Sequence[Hit], lowered: str = "") -> tuple[str | None, list[str]]:
    """(specialty id, spans) named most in the description hits, or (None, []); hits in a list of
    several specialties do not count, and each mention counts by the word after it (`_weight`)."""
    if lowered:
        listed = _in_lists(hits, lowered)
        hits = [hit for index, hit in enumerate(hits) if index not in listed]
    if not hits:
        return None, []
    counts: dict[str, int] = {}  # in first-named order, which breaks ties
    for hit in hits:
        counts[hit.term.id] = counts.get(hit.term.id, 0) + _weight(hit, lowered)
    chosen = max(counts, key=counts.__getitem__)
    if not counts[chosen]:
        return None, []
    return chosen, [hit.span for hit in hits if hit.term.id == chosen]
