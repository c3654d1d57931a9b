"""Find every vocabulary term in a text in one pass, then keep the hits their context allows.

Every alias of every dimension becomes a key: lower-cased, punctuation read as spaces, padded
with a space each side; a single scan of the text in the same form yields only whole-word hits.
Each hit then passes its term's context rules (`cased`, `needs`, `veto`, within the hit's own
line), and per dimension the longest non-overlapping hits are kept. The scan is pyahocorasick's
(a compiled Aho-Corasick automaton that holds no rule of ours); the rules are the Python below.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import cache
from typing import NamedTuple

import ahocorasick

from pipeline.lexicon import Term, terms

CONTEXT_CHARS = 80
# A line end, or ".", "!" or "?" before a space. Written to start with its character class, so the
# engine skips to those characters instead of trying both branches at every one.
_SENTENCE_END = re.compile(r"[\n.!?](?:(?<=\n)| )")


class Hit(NamedTuple):
    """One accepted vocabulary hit: the term, and where it sits in the text."""

    term: Term
    start: int
    end: int
    span: str


# Every character that is not a letter or digit reads as a space, so that word boundaries are
# spaces in both the text and the keys; indices do not move (one character for one).
_WORD_TABLE = {code: (chr(code) if chr(code).isalnum() else " ") for code in range(128)}
_SPACED_SYMBOLS = "\u2022\u2013\u2014\u2018\u2019\u201c\u201d\u00b7\u00a0\u2026\u00ae\u2122\u00ab\u00bb"
_WORD_TABLE.update({ord(char): " " for char in _SPACED_SYMBOLS})
# The ASCII part as a byte table: bytes.translate over the UTF-8 form is the fast way to apply it
# (str.translate falls back to a dictionary lookup per character once a text holds one non-ASCII
# character); bytes from 0x80 up, the multi-byte characters, pass through unchanged.
_ASCII_WORD_BYTES = bytes(ord(_WORD_TABLE[code]) if code < 128 else code for code in range(256))


def words_only(lowered: str) -> str:
    """`lowered` with punctuation and whitespace turned into single spaces, same length."""
    words = lowered.encode("utf-8", "surrogatepass").translate(_ASCII_WORD_BYTES).decode("utf-8", "surrogatepass")
    if not words.isascii():
        for symbol in _SPACED_SYMBOLS:
            if symbol in words:
                words = words.replace(symbol, " ")
    return words


class _Rules(NamedTuple):
    """A term's context rules, with its word lists compiled once into patterns."""

    cased: bool
    near: bool  # any `needs` or `veto` words to look for around the hit
    needs: tuple[str, ...]
    veto: tuple[str, ...]
    any_need: re.Pattern | None
    any_veto: re.Pattern | None
    names: frozenset[str]  # the one-word aliases of the term's dimension ("spanish", "portuguese")


# Words that join names in a line of names only ("Portuguese or Spanish", "Epic / Cerner").
_NAME_JOINERS = frozenset({"or", "and", "/", "&", "y", "o", "e"})


class _Entry(NamedTuple):
    """What the automaton stores for one term under one key: worked out once, at build time."""

    back: int  # the key's length less one: a key ending at padded index e starts its word at original e - back
    term: Term
    dimension: str
    rules: _Rules | None
    several_words: bool  # only then can the span hold a "(" ("CMA (AAMA)")


@cache
def _entries() -> dict[str, tuple[_Entry, ...]]:
    """Every alias as a space-padded key, with the `_Entry`s of the terms that have it."""
    entries: dict[str, list[_Entry]] = {}
    for term in terms():
        for alias in term.aliases:
            key = " " + words_only(alias.lower()).strip() + " "
            found = entries.setdefault(key, [])
            if all(existing.term is not term for existing in found):
                # `cased` guards one-word names ("CMA", "Epic"); longer phrases only where the term says
                # so ("Certified Medical Assistant", the credential, beside the lower-case generic phrase)
                cased = term.cased and (term.cased_phrases or " " not in key.strip())
                near = bool(term.needs or term.veto)
                rules = _Rules(cased, near, term.needs, term.veto, _any_of(term.needs), _any_of(term.veto),
                               _one_word_names(term.dimension)) if (cased or near) else None
                found.append(_Entry(len(key) - 1, term, term.dimension, rules, " " in key.strip()))
    return {key: tuple(found) for key, found in entries.items()}


@cache
def _one_word_names(dimension: str) -> frozenset[str]:
    """The lower-cased one-word aliases of every term of `dimension`."""
    return frozenset(alias.lower() for term in terms() if term.dimension == dimension
                     for alias in term.aliases if " " not in alias.strip())


@cache
def automaton() -> ahocorasick.Automaton:
    """pyahocorasick's automaton over every key; each key maps to its `_Entry`s."""
    built = ahocorasick.Automaton()
    for key, found in _entries().items():
        built.add_word(key, found)
    built.make_automaton()
    return built


def _any_of(words: tuple[str, ...]) -> re.Pattern | None:
    """A pattern that finds any of `words` as plain substrings, or None for no words."""
    return re.compile("|".join(re.escape(word) for word in words)) if words else None


def lower_same_length(text: str) -> str:
    """`text` lower-cased with every index unchanged (a few characters grow when lowered)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(char if len(char.lower()) != 1 else char.lower() for char in text)


def find_hits(text: str, lowered: str) -> dict[str, list[Hit]]:
    """Accepted hits in `text` (with `lowered` its same-length lower-case form), by dimension, each in text order.

    The padded text " " + words + " " holds the original character i at index i + 1, so a key of
    length L ending at padded index e spans the original [e - L + 1, e - 1).
    """
    padded = " " + words_only(lowered) + " "
    # Hits arrive in order of their end. Per dimension, a hit that contains the previous one
    # replaces it (longest wins: "Certified Phlebotomy Technician" over "Phlebotomy"); a hit
    # that only overlaps it is dropped (leftmost wins).
    hits: defaultdict[str, list[Hit]] = defaultdict(list)  # a list is made only for a hit to go in it
    unordered: set[str] = set()
    make = tuple.__new__  # make(Hit, (term, start, end, span)): a Hit without NamedTuple's Python-level __new__
    # (The automaton's items are untyped; declared here, the compiled build reads them as native ints.)
    last: int
    entries: tuple[_Entry, ...]
    for last, entries in automaton().iter(padded):
        end = last - 1
        for back, term, dimension, rules, several_words in entries:
            start = last - back
            span = text[start:end]
            if rules is not None:
                if rules.cased and span == lowered[start:end]:
                    continue  # all lower case: "cma" in an e-mail address, "epic" the adjective
                if rules.near and not _context_allows(rules, lowered, start, end):
                    continue
            if several_words and "(" in span and text[end:end + 1] == ")" and ")" not in span:
                hit = make(Hit, (term, start, end + 1, span + ")"))  # "CMA (AAMA)": the bracket belongs to the span
            else:
                hit = make(Hit, (term, start, end, span))
            same = hits[dimension]
            if same and start < same[-1][2]:  # it overlaps the previous hit (a Hit is (term, start, end, span))
                if start <= same[-1][1]:
                    if len(same) > 1 and start < same[-2][1]:
                        unordered.add(dimension)  # it swallowed the previous hit and starts before the one before
                    same[-1] = hit
                continue
            same.append(hit)
    for dimension in unordered:
        hits[dimension].sort(key=_start)
    return dict(hits)


def _start(hit: Hit) -> int:
    return hit.start


def _context_allows(rules: _Rules, lowered: str, start: int, end: int) -> bool:
    """True when the hit's `needs` and `veto` words allow it."""
    window = None  # the hit's context_window, worked out only when a rule needs it
    if rules.veto:
        # The window lies inside the CONTEXT_CHARS either side: no veto word there, none in the window.
        near = lowered[max(0, start - CONTEXT_CHARS):end + CONTEXT_CHARS]
        for word in rules.veto:
            if word in near:
                window = context_window(lowered, start, end)
                if rules.any_veto.search(window):
                    return False
                break
    if rules.any_need is None:
        return True
    if window is None:
        window = context_window(lowered, start, end)
    name = lowered[start:end]
    rest = window.replace(name, "").strip(" .,;:!?()-\t")
    if not rest:
        return True  # the name alone on its line or in its sentence: "EHR\nEpic" or "... license. Epic."
    if len(rest) < 40 and all(word in _NAME_JOINERS or word in rules.names
                              for word in rest.replace(",", " ").replace("/", " / ").split()):
        return True  # names of its kind alone: "Preferred:\n- Portuguese or Spanish"
    need = rules.any_need.search(window)
    if need is None:
        return False
    # a need word counts only outside the name itself ("epic" does not vouch for "Epic")
    if need.group() not in name:
        return True  # the word found is one of `needs`, and the name cannot hold it
    return any(word in window and window.count(word) > (word in name) for word in rules.needs)


def context_window(lowered: str, start: int, end: int, reach: int = CONTEXT_CHARS) -> str:
    """The hit's own sentence (cut at line ends and ". ", "! ", "? "), at most `reach` characters either side."""
    low = max(0, start - reach)
    before = lowered[low:start]
    left = max(before.rfind("\n"), before.rfind(". "), before.rfind("! "), before.rfind("? "))
    window_start = low + left + 1 if left >= 0 else low
    high = min(len(lowered), end + reach)
    right = _SENTENCE_END.search(lowered, end, high)
    return lowered[window_start:right.start() if right else high]
