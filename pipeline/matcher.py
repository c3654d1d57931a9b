"""Find every vocabulary term in a text in one pass, then keep the hits their context allows.

One Aho-Corasick automaton (pyahocorasick, C) holds every alias of every dimension, lower-cased,
punctuation read as spaces and padded with a space each side; a single scan of the text in the
same form yields only whole-word hits. Python then checks each term's context rules (`cased`, `needs`, `veto`, within the hit's own line)
and keeps, per dimension, the longest non-overlapping hits. This is what makes the tagger fast:
per-pattern regular expressions over a 3 KB posting cost a hundred times more.
"""

from __future__ import annotations

from functools import cache
from typing import NamedTuple

import ahocorasick

from pipeline.lexicon import Term, terms

CONTEXT_CHARS = 80


class Hit(NamedTuple):
    """One accepted vocabulary hit: the term, and where it sits in the text."""

    term: Term
    start: int
    end: int
    span: str


# Every character that is not a letter or digit reads as a space, so that word boundaries are
# spaces in both the text and the keys; indices do not move (one character for one).
_WORD_TABLE = {code: (chr(code) if chr(code).isalnum() else " ") for code in range(128)}
_WORD_TABLE.update({ord(char): " " for char in "\u2022\u2013\u2014\u2018\u2019\u201c\u201d\u00b7\u00a0\u2026\u00ae\u2122\u00ab\u00bb"})


def words_only(lowered: str) -> str:
    """`lowered` with punctuation and whitespace turned into single spaces, same length."""
    return lowered.translate(_WORD_TABLE)


@cache
def automaton() -> ahocorasick.Automaton:
    """The automaton over every alias, space-padded; each key maps to its (length, term) pairs."""
    entries: dict[str, list[tuple[int, Term, bool, bool]]] = {}
    for term in terms():
        for alias in term.aliases:
            key = " " + words_only(alias.lower()).strip() + " "
            pairs = entries.setdefault(key, [])
            if all(existing is not term for _, existing, _, _ in pairs):
                # `cased` guards one-word names only ("CMA", "Epic"); longer phrases are specific enough
                cased = term.cased and " " not in key.strip()
                pairs.append((len(key), term, cased, bool(cased or term.needs or term.veto)))
    built = ahocorasick.Automaton()
    for key, pairs in entries.items():
        built.add_word(key, tuple(pairs))
    built.make_automaton()
    return built


def lower_same_length(text: str) -> str:
    """`text` lower-cased with every index unchanged (a few characters grow when lowered)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(char if len(char.lower()) != 1 else char.lower() for char in text)


def find_hits(text: str, lowered: str) -> list[Hit]:
    """Accepted hits in `text` (with `lowered` its same-length lower-case form), in text order.

    The padded text " " + words + " " holds the original character i at index i + 1, so a key of
    length L ending at padded index e spans the original [e - L + 1, e - 1).
    """
    padded = " " + words_only(lowered) + " "
    # Hits arrive in order of their end. Per dimension, a hit that contains the previous one
    # replaces it (longest wins: "Certified Phlebotomy Technician" over "Phlebotomy"); a hit
    # that only overlaps it is dropped (leftmost wins).
    hits: list[Hit] = []
    last_by_dimension: dict[str, int] = {}
    for last, pairs in automaton().iter(padded):
        end = last - 1
        for length, term, cased, has_rules in pairs:
            start = last - length + 1
            if has_rules and not _context_allows(term, cased, text, lowered, start, end):
                continue
            previous_index = last_by_dimension.get(term.dimension)
            if previous_index is not None:
                previous = hits[previous_index]
                if start <= previous.start:
                    hits[previous_index] = Hit(term, start, end, text[start:end])
                    continue
                if start < previous.end:
                    continue
            if text[end:end + 1] == ")" and "(" in text[start:end] and ")" not in text[start:end]:
                end += 1  # "CMA (AAMA)": the closing bracket read as a space belongs to the span
            last_by_dimension[term.dimension] = len(hits)
            hits.append(Hit(term, start, end, text[start:end]))
    if len(last_by_dimension) > 1:
        hits.sort(key=_start)
    return hits


def _start(hit: Hit) -> int:
    return hit.start


def _context_allows(term: Term, cased: bool, text: str, lowered: str, start: int, end: int) -> bool:
    if cased and text[start:end] == lowered[start:end]:
        return False
    if not term.needs and not term.veto:
        return True
    window = context_window(lowered, start, end)
    if term.veto and any(word in window for word in term.veto):
        return False
    if term.needs:
        if not window.replace(lowered[start:end], "").strip(" .,;:!?()-\t"):
            return True  # the name alone on its line or in its sentence: "EHR\nEpic" or "... license. Epic."
        return any(word in window for word in term.needs if window.count(word) > (word in lowered[start:end]))
    return True


def context_window(lowered: str, start: int, end: int, reach: int = CONTEXT_CHARS) -> str:
    """The hit's own sentence (cut at line ends and ". ", "! ", "? "), at most `reach` characters either side."""
    low = max(0, start - reach)
    left = max(lowered.rfind("\n", low, start), lowered.rfind(". ", low, start), lowered.rfind("! ", low, start),
               lowered.rfind("? ", low, start))
    window_start = left + 1 if left >= 0 else low
    high = min(len(lowered), end + reach)
    right = [index for index in (lowered.find("\n", end, high), lowered.find(". ", end, high),
                                 lowered.find("! ", end, high), lowered.find("? ", end, high)) if index >= 0]
    return lowered[window_start:min(right) if right else high]
