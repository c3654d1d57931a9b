"""Find every vocabulary term in a text in one pass, then keep the hits their context allows.

One Aho-Corasick automaton (pyahocorasick, C) holds every alias of every dimension, lower-cased;
a single scan of the lower-cased text yields all candidate hits. Python then checks word
boundaries and each term's context rules (`cased`, `needs`, `veto`, within the hit's own line)
and keeps, per dimension, the longest non-overlapping hits. This is what makes the tagger fast:
per-pattern regular expressions over a 3 KB posting cost a hundred times more.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import ahocorasick

from pipeline.lexicon import Term, terms

CONTEXT_CHARS = 80


@dataclass(frozen=True, slots=True)
class Hit:
    """One accepted vocabulary hit: the term, and where it sits in the text."""

    term: Term
    start: int
    end: int
    span: str


@cache
def automaton() -> ahocorasick.Automaton:
    """The automaton over every alias; each key maps to the (length, term) pairs it spells."""
    entries: dict[str, list[tuple[int, Term]]] = {}
    for term in terms():
        for alias in term.aliases:
            key = alias.lower()
            pairs = entries.setdefault(key, [])
            if all(existing is not term for _, existing in pairs):
                pairs.append((len(key), term))
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
    """Accepted hits in `text` (with `lowered` its same-length lower-case form), in text order."""
    size = len(lowered)
    candidates = []
    for last, pairs in automaton().iter(lowered):
        end = last + 1
        if end < size and lowered[end].isalnum():
            continue
        for length, term in pairs:
            start = end - length
            if start > 0 and lowered[start - 1].isalnum():
                continue
            if _context_allows(term, text, lowered, start, end):
                candidates.append((start, -end, term))
    candidates.sort(key=lambda candidate: (candidate[0], candidate[1]))
    taken_until: dict[str, int] = {}
    hits = []
    for start, negative_end, term in candidates:
        if start < taken_until.get(term.dimension, -1):
            continue
        taken_until[term.dimension] = -negative_end
        hits.append(Hit(term, start, -negative_end, text[start:-negative_end]))
    return hits


def _context_allows(term: Term, text: str, lowered: str, start: int, end: int) -> bool:
    if term.cased and text[start:end] == lowered[start:end]:
        return False
    if not term.needs and not term.veto:
        return True
    window = context_window(lowered, start, end)
    if term.veto and any(word in window for word in term.veto):
        return False
    if term.needs:
        return any(word in window for word in term.needs if window.count(word) > (word in lowered[start:end]))
    return True


def context_window(lowered: str, start: int, end: int, reach: int = CONTEXT_CHARS) -> str:
    """The hit's own line, at most `reach` characters either side of it."""
    line_start = lowered.rfind("\n", max(0, start - reach), start) + 1 or max(0, start - reach)
    line_end = lowered.find("\n", end, end + reach)
    if line_end < 0:
        line_end = min(len(lowered), end + reach)
    return lowered[max(line_start, start - reach):line_end]
