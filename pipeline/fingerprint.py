"""Text fingerprints for finding the same posting twice: an exact hash and MinHash shingles.

Two postings are exact duplicates when their normalised text is identical: lower case, every run
of characters other than a-z and 0-9 folded to one space. The warehouse computes the same
normalisation in SQL for bulk loads (warehouse/sql/staging); tests pin the two together.
Near-duplicates (a re-post with a changed requisition number, an agency copy) share most of
their word shingles, which MinHash estimates cheaply. Pure functions: no I/O.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from itertools import accumulate

import numpy as np

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


# --- MinHash signatures, vectorised -------------------------------------------------------------
# One-permutation MinHash (Li, Owen & Zhang 2012) with rotation densification (Shrivastava 2017):
# every shingle is hashed once, the hash picks one of NUM_BINS bins, and each bin keeps its
# smallest value. Classic MinHash hashes every shingle NUM_BINS times; datasketch does that per
# text in Python, which at a million texts is minutes. Here a whole batch of texts is tokenised
# and hashed with numpy array operations over its UTF-8 bytes, so the same function serves the
# crawler (one item at a time) and the warehouse (older landing files, thousands at a time), and
# both produce identical signatures.
MINHASH_SCHEME = "oph64-w5-v1"  # landed with each signature; a different scheme is recomputed
NUM_BINS = 64
EMPTY = 0xFFFFFFFF  # a bin no shingle fell into (a text with no words keeps them all empty)
_WORD_BYTES = np.full(256, 32, np.uint8)  # byte -> lower-case ASCII letter or digit, else space
_WORD_BYTES[np.frombuffer(b"abcdefghijklmnopqrstuvwxyz0123456789", np.uint8)] = np.frombuffer(
    b"abcdefghijklmnopqrstuvwxyz0123456789", np.uint8)
_WORD_BYTES[np.frombuffer(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ", np.uint8)] = np.frombuffer(
    b"abcdefghijklmnopqrstuvwxyz", np.uint8)
_BASE = 0x27D4EB2F  # odd, so invertible modulo 2**32: a span's hash does not depend on where it starts
_BASE_INVERSE = pow(_BASE, -1, 2**32)
_CHUNK_TEXTS = 1024  # texts hashed together; small enough for the arrays to stay in cache


_POWERS: dict[int, np.ndarray] = {}


def _powers(base: int, count: int) -> np.ndarray:
    """base**0 .. base**(count - 1) modulo 2**32 (cached, grown as needed)."""
    cached = _POWERS.get(base)
    if cached is None or len(cached) < count:
        cached = np.full(max(count, 2 * len(cached) if cached is not None else 1 << 21), base, np.uint32)
        cached[0] = 1
        cached = _POWERS[base] = np.cumprod(cached, dtype=np.uint32)
    return cached[:count]


def _mix(h: np.ndarray) -> np.ndarray:
    """MurmurHash3's 32-bit finaliser: spreads a polynomial hash over all bits."""
    h = h ^ (h >> np.uint32(16))
    h *= np.uint32(0x85EBCA6B)
    h ^= h >> np.uint32(13)
    h *= np.uint32(0xC2B2AE35)
    return h ^ (h >> np.uint32(16))


def _shingle_hashes(data: np.ndarray, offsets: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(hash, text index) of every SHINGLE_WORDS-word shingle of the texts `data[offsets[i]:offsets[i+1]]`.

    The bytes are normalised as `normalize` does for ASCII (lower case, every run of other bytes one
    space); a shingle is hashed as the polynomial hash of its normalised bytes, so equal shingles
    hash equally wherever they occur.
    """
    texts = len(offsets) - 1
    spaced = _WORD_BYTES[data]
    is_space = spaced == 32
    # Put one space between texts, then drop every space that follows a space.
    starts = offsets[:-1][offsets[:-1] < len(data)]
    previous_space = np.empty_like(is_space)
    if len(is_space):
        previous_space[0] = True
        previous_space[1:] = is_space[:-1]
        previous_space[starts] = True
    keep = ~(is_space & previous_space)
    folded = spaced[keep]
    kept_before = np.zeros(len(data) + 1, np.int64)
    np.cumsum(keep, out=kept_before[1:])
    offsets = kept_before[offsets]
    is_word = folded != 32
    boundary = np.zeros(len(folded) + 1, bool)
    boundary[offsets] = True  # a text start or end ends the word before it
    word_start = is_word & (boundary[:-1] | np.concatenate(([True], ~is_word[:-1])))
    word_end = is_word & (boundary[1:] | np.concatenate((~is_word[1:], [True])))
    first_byte = np.flatnonzero(word_start)
    end_byte = np.flatnonzero(word_end) + 1
    text_of_word = np.searchsorted(offsets, first_byte, side="right") - 1
    words = np.bincount(text_of_word, minlength=texts)
    first_word = np.zeros(texts + 1, np.int64)
    np.cumsum(words, out=first_word[1:])
    # Text i has max(words - SHINGLE_WORDS + 1, 1) shingles (one of all its words when short; none when empty).
    shingles_per_text = np.where(words >= SHINGLE_WORDS, words - SHINGLE_WORDS + 1, np.minimum(words, 1))
    text_of_shingle = np.repeat(np.arange(texts), shingles_per_text)
    shingle_starts = np.zeros(texts + 1, np.int64)
    np.cumsum(shingles_per_text, out=shingle_starts[1:])
    position = np.arange(len(text_of_shingle)) - shingle_starts[text_of_shingle]
    first = first_word[text_of_shingle] + position
    last = np.minimum(first + SHINGLE_WORDS - 1, first_word[text_of_shingle + 1] - 1)
    begin, end = first_byte[first], end_byte[last]
    prefix = np.zeros(len(folded) + 1, np.uint32)
    np.cumsum(folded.astype(np.uint32) * _powers(_BASE, len(folded)), out=prefix[1:], dtype=np.uint32)
    hashes = (prefix[end] - prefix[begin]) * _powers(_BASE_INVERSE, len(folded) + 1)[begin]
    return _mix(hashes), text_of_shingle


def _bin_minima(hashes: np.ndarray, text_of_shingle: np.ndarray, texts: int) -> np.ndarray:
    signature = np.full(texts * NUM_BINS, EMPTY, np.uint32)
    if not len(hashes):
        return signature.reshape(texts, NUM_BINS)
    cell = text_of_shingle * NUM_BINS + (hashes & np.uint32(NUM_BINS - 1))
    order = np.argsort(cell, kind="stable")
    cell, values = cell[order], hashes[order] >> np.uint32(6)
    first = np.flatnonzero(np.concatenate(([True], cell[1:] != cell[:-1])))
    signature[cell[first]] = np.minimum.reduceat(values, first)
    return signature.reshape(texts, NUM_BINS)


def _densify(signature: np.ndarray) -> None:
    """Fill each empty bin with the value of a filled bin chosen by a fixed pseudo-random sequence.

    Shrivastava's "optimal densification" (ICML 2017): bin j tries bins _DONORS[0, j], _DONORS[1, j],
    ... and copies the first filled one, so two texts agree on a filled-in bin as often as on a
    real one and the agreement share still estimates the Jaccard similarity without bias.
    """
    rows = np.flatnonzero((signature == EMPTY).any(axis=1) & (signature != EMPTY).any(axis=1))
    if not len(rows):
        return
    part = signature[rows]
    filled = part != EMPTY
    todo = ~filled
    for donors in _DONORS:
        if not todo.any():
            break
        take = todo & filled[:, donors]
        part[take] = part[:, donors][take]
        todo &= ~take
    signature[rows] = part


_DONORS = (_mix(np.arange(1, 1 + 512 * NUM_BINS, dtype=np.uint32)) % NUM_BINS).reshape(512, NUM_BINS)


def minhash(texts: Sequence[str | None]) -> np.ndarray:
    """MinHash signatures (len(texts) x NUM_BINS, uint32) of the texts' word shingles.

    Two texts' estimated Jaccard similarity is the share of positions where their signatures agree.
    A text without words gets a signature of EMPTY values only.
    """
    signatures = np.full((len(texts), NUM_BINS), EMPTY, np.uint32)
    for start in range(0, len(texts), _CHUNK_TEXTS):
        chunk = [(text or "").encode("utf-8") for text in texts[start:start + _CHUNK_TEXTS]]
        offsets = np.zeros(len(chunk) + 1, np.int64)
        np.cumsum([len(b) for b in chunk], out=offsets[1:])
        data = np.frombuffer(b"".join(chunk), np.uint8)
        hashes, text_of_shingle = _shingle_hashes(data, offsets)
        signatures[start:start + len(chunk)] = _bin_minima(hashes, text_of_shingle, len(chunk))
    _densify(signatures)
    return signatures


# The fields whose change makes a new version of a posting, in the order they are hashed.
CONTENT_FIELDS = ("title", "employer", "location", "url", "posted_at", "updated_at", "employment_type",
                  "description_html", "description_text", "pay")


def content_hash(item: dict) -> str:
    """MD5 hex digest of the item's content fields, as the warehouse computes it in SQL.

    The fields that are present and not null, joined by the unit separator (chr(31)); a value that
    is not a string (pay is an object) as compact JSON, which is the text DuckDB reads it as.
    """
    parts = [value if isinstance(value, str) else json.dumps(value, separators=(",", ":"), ensure_ascii=False)
             for value in (item.get(name) for name in CONTENT_FIELDS) if value is not None]
    return hashlib.md5("\x1f".join(parts).encode("utf-8")).hexdigest()


def fingerprint(item: dict) -> dict:
    """The item's `fingerprint` (docs/contracts.md section 2): content hash, exact-text hash and MinHash signature.

    `text_hash` covers title + location + text (where a posting is, is part of which job it is);
    the signature covers title + text, so an agency copy that words the location differently is
    still near the employer's ad.
    """
    title, location, text = item.get("title"), item.get("location"), item.get("description_text")
    return {"content_hash": content_hash(item),
            "text_hash": text_hash(" ".join(p for p in (title, location, text) if p is not None)),
            "minhash": minhash([" ".join(p for p in (title, text) if p is not None)])[0].tolist(),
            "scheme": MINHASH_SCHEME}
