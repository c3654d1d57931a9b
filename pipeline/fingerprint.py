"""Text fingerprints for finding the same posting twice: an exact hash and MinHash shingles.

Two postings are exact duplicates when their normalised text is identical: lower case, every run
of characters other than a-z and 0-9 folded to one space. The warehouse computes the same
normalisation in SQL for bulk loads (warehouse/sql/staging); tests pin the two together.
Near-duplicates (a re-post with a changed requisition number, an agency copy) share most of
their word shingles, which MinHash estimates cheaply. Pure functions: no I/O.
"""

from __future__ import annotations

import hashlib
import re
from itertools import accumulate

_NOT_WORD = re.compile(r"[^a-z0-9]+")
SHINGLE_WORDS = 5


def normalize(text: str | None) -> str:
    """Lower-case `text` with every run of non-alphanumeric characters folded to one space."""
    return _NOT_WORD.sub(" ", (text or "").lower()).strip()


def text_hash(text: str | None) -> str:
    """MD5 hex digest of the normalised text: equal for exact duplicates."""
    return hashlib.md5(normalize(text).encode("utf-8")).hexdigest()


def shingles(text: str | None, size: int = SHINGLE_WORDS) -> set[bytes]:
    """The set of `size`-word shingles of the normalised text, as UTF-8 bytes (MinHash input).

    A text shorter than `size` words gives one shingle of all its words; an empty text gives none.
    """
    joined = normalize(text).encode("utf-8")
    if not joined:
        return set()
    # Each shingle is a slice of the normalised bytes, from a word's start to the end of the
    # word `size - 1` places later: no per-shingle join.
    starts = [0, *accumulate(len(word) + 1 for word in joined.split(b" "))][:-1]
    if len(starts) <= size:
        return {joined}
    ends = [start - 1 for start in starts[size:]] + [len(joined)]
    return {joined[starts[i]:ends[i]] for i in range(len(starts) - size + 1)}
