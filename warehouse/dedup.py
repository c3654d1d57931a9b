"""Near-duplicate postings: MinHash signatures and LSH banding over word shingles.

Exact duplicates (the same normalised title, location and text) already share a `text_hash`.
This step joins *different* texts that are nearly the same job: a re-post with a new requisition
number, an agency copy of an employer's ad. Each distinct text's signature is computed once and
kept in `text_signatures`: the crawler lands it with the item (`fingerprint.minhash`,
docs/contracts.md section 2), and this module signs only the MA texts that arrived without one
(older landing files). Candidates are texts that share one LSH band within a block (same state and
normalised title: a re-post keeps both); a candidate pair is joined when its estimated Jaccard
similarity reaches THRESHOLD, and joined texts form one group (connected components). The result
is `stg_text_groups(text_hash, group_hash)` for the core SQL.

Why not datasketch, the project's usual library: its MinHash and MinHashLSH work one text and one
Python object at a time, ~0.5 ms per text, which made this step minutes long at a million
postings. The signatures come from `pipeline.fingerprint.minhash` (numpy over a batch of texts)
and the banding here is array sorting; tests/warehouse/test_dedup.py checks the estimates against
exact Jaccard similarity and datasketch.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import duckdb
import numpy as np
import pyarrow as pa

from pipeline.fingerprint import EMPTY, MINHASH_SCHEME, NUM_BINS, minhash

THRESHOLD = 0.8
# 8 bands of 8 bins: a pair at Jaccard 0.8 shares a band with probability 0.77, at 0.9 with 0.99,
# at 0.4 with 0.005 (1 - (1 - J**8)**8). datasketch's choice for 64 permutations, 5 bands of 11,
# finds a 0.8 pair only 36% of the time.
BANDS, ROWS = 8, 8
# Texts sharing one band value are compared all pairwise up to this many; a larger bucket (a
# template posted hundreds of times) is compared along a chain instead, to stay linear.
_ALL_PAIRS_UP_TO = 64
_SIGN_BATCH = 16_384


def sign_new_texts(con: duckdb.DuckDBPyConnection, progress: Callable[[str], None] = lambda _: None) -> int:
    """Compute and store signatures for current MA texts that have none yet; returns how many."""
    result = con.execute("""
        SELECT DISTINCT ON (c.text_hash) c.text_hash, concat_ws(' ', r.title, r.description_text) AS text
        FROM stg_current c JOIN postings_raw r USING (posting_id, content_hash)
        WHERE coalesce(c.t.is_ma, false) AND c.text_hash IS NOT NULL
          AND c.text_hash NOT IN (SELECT text_hash FROM text_signatures)""")
    signed = 0
    with ThreadPoolExecutor(max_workers=2) as pool:  # numpy releases the GIL for the array work
        while rows := result.fetchmany(_SIGN_BATCH):
            halves = [rows[: len(rows) // 2], rows[len(rows) // 2:]]
            signatures = np.concatenate(list(pool.map(lambda part: minhash([r[1] for r in part]), halves)))
            table = pa.table({"text_hash": pa.array([r[0] for r in rows], pa.string()),
                              "minhash": pa.FixedSizeListArray.from_arrays(pa.array(signatures.ravel()), NUM_BINS)})
            insert = con.cursor()
            insert.register("signed", table)
            insert.execute("INSERT INTO text_signatures SELECT text_hash, minhash FROM signed")
            insert.close()
            signed += len(rows)
            progress(f"signed {signed:,} new texts for near-duplicate search")
    return signed


def store_landed_signatures(con: duckdb.DuckDBPyConnection, landed: str) -> int:
    """Keep the signatures the crawler landed (table `landed` has text_hash, minhash, scheme)."""
    before = con.execute("SELECT count(*) FROM text_signatures").fetchall()[0][0]
    con.execute(f"""
        INSERT INTO text_signatures
        SELECT text_hash, any_value(minhash) FROM {landed}
        WHERE minhash IS NOT NULL AND scheme = ? AND len(minhash) = {NUM_BINS} AND text_hash IS NOT NULL
          AND text_hash NOT IN (SELECT text_hash FROM text_signatures)
        GROUP BY text_hash""", [MINHASH_SCHEME])
    return con.execute("SELECT count(*) FROM text_signatures").fetchall()[0][0] - before


def group_texts(con: duckdb.DuckDBPyConnection) -> int:
    """Write stg_text_groups: each near-duplicate text mapped to its group's smallest text_hash."""
    table = con.sql("""
        WITH texts AS (
            SELECT DISTINCT coalesce(c.state, '') || '|' || coalesce(c.t.title_normalized, '') AS block, c.text_hash
            FROM stg_current c
            WHERE coalesce(c.t.is_ma, false) AND c.text_hash IS NOT NULL
        )
        SELECT dense_rank() OVER (ORDER BY t.text_hash) - 1 AS text, dense_rank() OVER (ORDER BY t.block) - 1 AS block,
               t.text_hash, s.minhash
        FROM texts t JOIN text_signatures s USING (text_hash)
        ORDER BY text""").to_arrow_table()
    text = table.column("text").to_numpy()
    hashes = table.column("text_hash").to_pylist()
    # One row per (block, text); a text's row number in `hashes` order is its index.
    names = [None] * (int(text.max()) + 1 if len(text) else 0)
    for index, name in zip(text.tolist(), hashes):
        names[index] = name
    signatures = np.asarray(table.column("minhash").combine_chunks().flatten(), np.uint32).reshape(-1, NUM_BINS)
    signed = ~(signatures == EMPTY).all(axis=1)  # a text without words is nobody's near-duplicate
    left, right = candidate_pairs(table.column("block").to_numpy()[signed], signatures[signed], text[signed])
    lookup = np.zeros(len(names), np.int64)
    lookup[text] = np.arange(len(text))
    similar = (signatures[lookup[left]] == signatures[lookup[right]]).mean(axis=1) >= THRESHOLD
    root = components(len(names), left[similar], right[similar])
    joined = np.flatnonzero(root != np.arange(len(names)))
    pairs = pa.table({"text_hash": pa.array([names[i] for i in joined], pa.string()),
                      "group_hash": pa.array([names[i] for i in root[joined]], pa.string())})
    con.register("text_groups", pairs)
    con.execute("CREATE OR REPLACE TABLE stg_text_groups AS SELECT * FROM text_groups")
    con.unregister("text_groups")
    return len(joined)


def _band_keys(block: np.ndarray, signatures: np.ndarray, band: int) -> np.ndarray:
    """One 64-bit key per row for (block, the band's bins): equal keys are LSH candidates."""
    key = block.astype(np.uint64) * np.uint64(0x9E3779B97F4A7C15) + np.uint64(band + 1)
    for column in signatures[:, band * ROWS:(band + 1) * ROWS].T:
        key ^= column.astype(np.uint64) + np.uint64(0x9E3779B97F4A7C15) + (key << np.uint64(6)) + (key >> np.uint64(2))
    return key


def candidate_pairs(block: np.ndarray, signatures: np.ndarray, text: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(left, right) text indices that share a band within a block, each pair once, left < right."""
    lefts, rights = [], []
    for band in range(BANDS):
        key = _band_keys(block, signatures, band)
        order = np.argsort(key)
        key, members = key[order], text[order]
        run = np.cumsum(np.concatenate(([True], key[1:] != key[:-1])))
        small = np.bincount(run)[run] <= _ALL_PAIRS_UP_TO
        for offset in range(1, _ALL_PAIRS_UP_TO):
            # Each member paired with the one `offset` places later in its run (runs are contiguous).
            first = np.flatnonzero(run[:-offset] == run[offset:])
            if offset > 1:
                first = first[small[first]]  # a large run: neighbours only
            if not len(first):
                break
            lefts.append(members[first])
            rights.append(members[first + offset])
    if not lefts:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    left, right = np.concatenate(lefts), np.concatenate(rights)
    left, right = np.minimum(left, right), np.maximum(left, right)
    keep = left != right
    pairs = np.unique(left[keep].astype(np.int64) << 32 | right[keep].astype(np.int64))
    return pairs >> 32, pairs & 0xFFFFFFFF


def components(count: int, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """For each of `count` nodes, the smallest node connected to it through the (left, right) edges."""
    root = np.arange(count)
    while True:
        smaller = np.minimum(root[left], root[right])
        before = root.copy()
        np.minimum.at(root, left, smaller)
        np.minimum.at(root, right, smaller)
        root = root[root]  # pointer jumping: follow each node's root to its root
        if np.array_equal(root, before):
            return root
