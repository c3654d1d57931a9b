"""Years of experience a posting asks for, and whether required or preferred.

"2+ years of experience" gives 2; "1-3 years" gives 1; "six months" gives 0.5; "no experience
necessary", "we will train" give 0; "entry-level" and "new grads welcome" state no years (None), nor
do years for a promotion or accepted in lieu of a credential. Silent postings give None. The level
comes from requirement.py (clause cue, else section heading); a years phrase with neither is
taken as required, which is how postings state it ("1 year of MA experience").
"""

from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple

from pipeline.lexicon import load
from pipeline.patterns import LoweredPattern
from pipeline.requirement import MENTIONED, PREFERRED, REQUIRED, Count, Layout, levels

_NONE_WORDS = ("experience", "experiencia", "train")  # "no experience", "sin experiencia", "we will train"
MAX_OCCURRENCES = 50


@cache
def _rules() -> dict:
    data = load("experience.toml")
    return {
        "years": LoweredPattern(data["years"]),
        "experience": LoweredPattern(data["experience_word"]),
        "none": LoweredPattern(data["none_needed"]),
        "not_experience": LoweredPattern(data["not_experience"]),
        "anchors": tuple(data["anchors"]),
        "numbers": load("requirement.toml")["number_words"],  # one table of number words for both
        "bands": tuple((float(lowest), label) for lowest, label in data["bands"]),
        # years in a clause about another step or a substitute are not asked of this job; the
        # requirement vocabulary's "elsewhere" phrases are the other steps ("promotion to", "most of our")
        "not_asked": tuple(data["not_asked"]) + tuple(load("requirement.toml")["elsewhere"]),
        "keeps_this_job": tuple(load("requirement.toml")["keeps_this_job"]),
        "scan_groups": _scan_groups(tuple(data["anchors"]) + _NONE_WORDS),
    }


class _ScanGroup(NamedTuple):
    """Window words found from one scan of the text for their common prefix `key`."""

    key: str
    members: tuple[str, ...]
    exclusive: bool  # no member starts another: at most one of them occurs at an index


def _scan_groups(words: tuple[str, ...]) -> dict[str, _ScanGroup]:
    """For each window word, the scan group it is found in.

    Three or more words that share their first three characters ("experience", "experiance",
    "exp.") are found from one scan for their common prefix ("exp"): a scan of a posting costs about
    the same whatever it looks for, so one for the group beats one a word. Two words ("years as",
    "year as") stay apart: their prefix ("year") occurs so often that stopping at each occurrence
    costs what the second scan saves. Any other word is its own key."""
    by_start: dict[str, list[str]] = {}
    for word in dict.fromkeys(words):
        by_start.setdefault(word[:3], []).append(word)
    groups = {}
    for members in [group for group in by_start.values() if len(group) >= 3] + [
            [word] for group in by_start.values() if len(group) < 3 for word in group]:
        key = members[0]
        for member in members[1:]:
            while not member.startswith(key):
                key = key[:-1]
        exclusive = not any(one != other and other.startswith(one) for one in members for other in members)
        group = _ScanGroup(key, tuple(members), exclusive)
        for member in members:
            groups[member] = group
    return groups


def band(years: Count | None) -> str | None:
    """The guide's experience band ("0-2", "3-5", "6+") of a minimum years figure; None for None."""
    if years is None:
        return None
    found = None
    for lowest, label in _rules()["bands"]:
        if years >= lowest:
            found = label
    return found


def parse(text: str, lowered: str, layout: Layout | None) -> tuple[Count | None, str | None, list[str]]:
    """(years_min, requirement, evidence spans) for the posting text."""
    rules = _rules()
    found: list[tuple[float, int, int, str]] = []
    seen: set[int] = set()
    known: dict[str, list[int]] = {}  # each window word's occurrences, found once
    for window_start, window_end in _windows(lowered, rules["anchors"], known=known):
        if (lowered.find("year", window_start, window_end) < 0 and lowered.find("yr", window_start, window_end) < 0
                and lowered.find("month", window_start, window_end) < 0 and lowered.find("año", window_start, window_end) < 0
                and lowered.find(" mes", window_start, window_end) < 0
                and lowered.find(" ano", window_start, window_end) < 0):  # (Spanish typed without the tilde: "1 ano")
            continue
        for match in rules["years"].finditer_in(lowered, window_start, window_end):
            if match.start() in seen:
                continue
            seen.add(match.start())
            if rules["not_experience"].on(lowered).match(lowered, match.end()) is not None:
                continue
            sentence = _sentence(lowered, match.start(), match.end())
            if not rules["experience"].first_in(sentence):
                continue
            if _not_asked(sentence, rules):
                continue
            amount = match.group(1).lower()
            value = float(amount) if amount[0].isdigit() else float(rules["numbers"][amount])
            if match.group(2).lower().startswith(("month", "mes")):
                value = round(value / 12, 2)
            if value <= 15:
                found.append((value, match.start(), match.end(), text[match.start():match.end()]))
    if found:
        found.sort(key=lambda item: item[1])
        layout = layout or Layout(text, lowered)
        found_levels = levels([(start, end) for _, start, end, _ in found], layout)
        ranked = [(level.requirement, value, span) for (value, _, _, span), level in zip(found, found_levels)]
        required = [item for item in ranked if item[0] in (REQUIRED, MENTIONED)]
        chosen = (required or ranked)[0]
        requirement = PREFERRED if chosen[0] == PREFERRED else REQUIRED
        years: Count = int(chosen[1]) if chosen[1] == int(chosen[1]) else chosen[1]
        return years, requirement, [span for _, _, span in ranked]
    for window_start, window_end in _windows(lowered, _NONE_WORDS, 45, known):
        none = rules["none"].first_in(lowered, window_start, window_end)
        if none:
            return 0, None, [text[none.start():none.end()]]
    return None, None, []


def _windows(lowered: str, words: tuple[str, ...], reach: int = 90,
             known: dict[str, list[int]] | None = None) -> list[tuple[int, int]]:
    """Merged (start, end) windows of `reach` characters around each occurrence of `words`.

    `known` keeps each word's occurrences, so a second call with the same word does not scan again.
    """
    known = {} if known is None else known
    spots: list[tuple[int, int]] = []
    size = len(lowered)
    groups = _rules()["scan_groups"]
    for word in words:
        if word not in known:
            _find_group(lowered, groups[word], known)
        after = len(word) + reach
        for index in known[word][:MAX_OCCURRENCES - len(spots)]:
            spots.append((index - reach if index > reach else 0, index + after if index + after < size else size))
    spots.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spots:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _find_group(lowered: str, group: _ScanGroup, known: dict[str, list[int]], limit: int = MAX_OCCURRENCES) -> None:
    """Put in `known` where each word of `group` occurs in `lowered` (overlapping occurrences too),
    the first `limit` of each."""
    key, members, exclusive = group
    if len(members) == 1:  # the word is its own key
        occurrences: list[int] = []
        known[key] = occurrences
        index = lowered.find(key)
        while index >= 0 and len(occurrences) < limit:
            occurrences.append(index)
            index = lowered.find(key, index + 1)
        return
    found: list[tuple[str, list[int]]] = [(member, []) for member in members]
    known.update(found)
    unfilled = len(members)  # members with fewer than `limit` occurrences: the scan stops when none is left
    index = lowered.find(key)
    while index >= 0 and unfilled:
        for member, occurrences in found:
            if lowered.startswith(member, index):
                if len(occurrences) < limit:
                    occurrences.append(index)
                    unfilled -= len(occurrences) == limit
                if exclusive:
                    break
        index = lowered.find(key, index + 1)


def _not_asked(sentence: str, rules: dict) -> bool:
    """True when the years in `sentence` are another step's or a substitute's, not this job's ask."""
    return any(phrase in sentence for phrase in rules["not_asked"]) and not any(
        phrase in sentence for phrase in rules["keeps_this_job"])


def _sentence(lowered: str, start: int, end: int) -> str:
    left = max(lowered.rfind("\n", 0, start), lowered.rfind(". ", max(0, start - 120), start), start - 120)
    # nothing past end + 120 is kept, so the search for the sentence's end stops there
    right_candidates = [index for index in (lowered.find("\n", end, end + 121), lowered.find(". ", end, end + 122))
                        if index >= 0]
    right = min(right_candidates + [end + 120])
    return lowered[max(0, left):min(right, end + 120)]
