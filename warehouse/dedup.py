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
import pyarrow.compute as pc

from pipeline.fingerprint import EMPTY, MINHASH_SCHEME, NUM_BINS, minhash
from warehouse import snapshot

THRESHOLD = 0.8
# 8 bands of 8 bins: a pair at Jaccard 0.8 shares a band with probability 0.77, at 0.9 with 0.99,
# at 0.4 with 0.005 (1 - (1 - J**8)**8). datasketch's choice for 64 permutations, 5 bands of 11,
# finds a 0.8 pair only 36% of the time.
BANDS, ROWS = 8, 8
# Texts sharing one band value are compared all pairwise up to this many; a larger bucket (a
# template posted hundreds of times) is compared along a chain instead, to stay linear.
_ALL_PAIRS_UP_TO = 64
_SIGN_BATCH = 16_384
_VERIFY_BATCH = 1 << 18


def sign_new_texts(con: duckdb.DuckDBPyConnection, progress: Callable[[str], None] = lambda _: None) -> int:
    """Compute and store signatures for current MA texts that have none yet; returns how many."""
    # The insert cursor is made first: making it runs a query on `con`, which would end the
    # streaming result below after its first batch.
    insert = snapshot.cursor(con)
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
            insert.register("signed", table)
            insert.execute("INSERT INTO text_signatures SELECT text_hash, minhash FROM signed")
            insert.unregister("signed")
            signed += len(rows)
            progress(f"signed {signed:,} new texts for near-duplicate search")
    insert.close()
    return signed


def store_landed_signatures(con: duckdb.DuckDBPyConnection, landed: str) -> int:
    """Keep the signatures the crawler landed (table `landed` has text_hash, minhash, scheme, usable)."""
    before = con.execute("SELECT count(*) FROM text_signatures").fetchall()[0][0]
    # One row per new text_hash, picked on the narrow columns, then its signature copied.
    con.execute(f"""
        INSERT INTO text_signatures
        SELECT text_hash, minhash FROM {landed}
        WHERE rowid IN (
            SELECT min(rowid) FROM {landed}
            WHERE usable AND scheme = ? AND len(minhash) = {NUM_BINS} AND text_hash IS NOT NULL
              AND text_hash NOT IN (SELECT text_hash FROM text_signatures)
            GROUP BY text_hash)""", [MINHASH_SCHEME])
    return con.execute("SELECT count(*) FROM text_signatures").fetchall()[0][0] - before


def group_texts(con: duckdb.DuckDBPyConnection) -> int:
    """Write stg_text_groups: each near-duplicate text mapped to its group's smallest text_hash."""
    table = con.sql("""
        WITH texts AS (
            SELECT DISTINCT text_hash, hash(coalesce(state, '') || '|' || coalesce(t.title_normalized, '')) AS block
            FROM stg_current WHERE coalesce(t.is_ma, false)
        )
        SELECT t.text_hash, t.block, s.minhash
        FROM texts t JOIN text_signatures s USING (text_hash)
        ORDER BY t.text_hash, t.block""").to_arrow_table()
    if not table.num_rows:
        con.execute("CREATE OR REPLACE TABLE stg_text_groups (text_hash VARCHAR, group_hash VARCHAR)")
        return 0
    # One row per (text, block), by text_hash: a text's index is its rank, so the smallest index
    # in a group is its smallest text_hash.
    hashes = table.column("text_hash").combine_chunks()
    changed = pc.not_equal(hashes[1:], hashes[:-1]).to_numpy(zero_copy_only=False)
    text = np.cumsum(np.concatenate(([False], changed)))
    names = hashes.filter(pa.array(np.concatenate(([True], changed))))  # each text's first row, in order
    # One copy of the signatures (combining the chunks first copied them twice).
    signatures = np.concatenate([chunk.flatten().to_numpy() for chunk in table.column("minhash").chunks])
    signatures = signatures.astype(np.uint32, copy=False).reshape(-1, NUM_BINS)
    block = table.column("block").to_numpy()
    del table, hashes
    signed = np.flatnonzero(~(signatures == EMPTY).all(axis=1))  # a text without words is nobody's near-duplicate
    if len(signed) < len(signatures):
        signatures, block = signatures[signed], block[signed]
    left, right = similar_pairs(block, signatures)
    del signatures
    root = components(len(names), text[signed[left]], text[signed[right]])
    joined = np.flatnonzero(root != np.arange(len(names)))
    pairs = pa.table({"text_hash": names.take(joined), "group_hash": names.take(root[joined])})
    con.register("text_groups", pairs)
    con.execute("CREATE OR REPLACE TABLE stg_text_groups AS SELECT * FROM text_groups")
    con.unregister("text_groups")
    return len(joined)


def _band_keys(block: np.ndarray, signatures: np.ndarray) -> np.ndarray:
    """(rows x BANDS) 64-bit keys for (block, the band's bins): equal keys are LSH candidates."""
    words = np.ascontiguousarray(signatures).view(np.uint64).reshape(len(signatures), BANDS, ROWS // 2)
    key = np.broadcast_to(block.astype(np.uint64)[:, None], (len(signatures), BANDS)).copy()
    key += np.arange(1, BANDS + 1, dtype=np.uint64)
    for column in range(ROWS // 2):
        key = (key ^ words[:, :, column]) * np.uint64(0x9E3779B97F4A7C15)
        key ^= key >> np.uint64(29)
    return key


def similar_pairs(block: np.ndarray, signatures: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(left, right) rows that share an LSH band within their block and agree on >= THRESHOLD of their bins.

    A pair sharing several bands may be listed more than once.
    """
    need = int(np.ceil(THRESHOLD * NUM_BINS))
    # Candidates are first compared on each bin's lowest byte (64 bytes a row instead of 256): two
    # equal bins have equal low bytes, so a pair that fails there fails in full, and only the few
    # that pass are compared on the full values.
    low_bytes = signatures.astype(np.uint8).view(np.uint64)  # the cast keeps each bin's low byte
    keys = _band_keys(block, signatures)

    def band_pairs(band: int) -> tuple[np.ndarray, np.ndarray]:
        left, right = _band_candidates(keys[:, band])
        lefts, rights = [np.zeros(0, np.int64)], [np.zeros(0, np.int64)]
        for start in range(0, len(left), _VERIFY_BATCH):
            a, b = left[start:start + _VERIFY_BATCH], right[start:start + _VERIFY_BATCH]
            maybe = _equal_bytes(low_bytes[a] ^ low_bytes[b]) >= need
            a, b = a[maybe], b[maybe]
            similar = (signatures[a] == signatures[b]).sum(axis=1) >= need
            lefts.append(a[similar])
            rights.append(b[similar])
        return np.concatenate(lefts), np.concatenate(rights)

    with ThreadPoolExecutor(max_workers=2) as pool:  # numpy releases the GIL for the array work
        found = list(pool.map(band_pairs, range(BANDS)))
    return np.concatenate([f[0] for f in found]), np.concatenate([f[1] for f in found])


_LOW7 = np.uint64(0x7F7F7F7F7F7F7F7F)


def _equal_bytes(difference: np.ndarray) -> np.ndarray:
    """Per row of 64-bit words (XORs of two byte strings), how many bytes are zero (i.e. were equal)."""
    high_bit_if_zero = ~(((difference & _LOW7) + _LOW7) | difference | _LOW7)
    return np.bitwise_count(high_bit_if_zero).sum(axis=1)


def _band_candidates(key: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Pairs of rows with equal keys: all pairs in a small bucket; in a large one, each row with the
    next one and with the bucket's first (linear, and still joins a chain of similar texts)."""
    order = np.argsort(key, kind="stable")
    key = key[order]
    starts = np.concatenate(([True], key[1:] != key[:-1]))
    run = np.cumsum(starts) - 1
    size = np.bincount(run)
    small = size[run] <= _ALL_PAIRS_UP_TO
    lefts, rights = [], []
    for offset in range(1, _ALL_PAIRS_UP_TO):
        # Each row paired with the one `offset` places later in its bucket (buckets are contiguous).
        first = np.flatnonzero(run[:-offset] == run[offset:])
        if offset > 1:
            first = first[small[first]]
        if not len(first):
            break
        lefts.append(order[first])
        rights.append(order[first + offset])
    large = np.flatnonzero(~small)
    if len(large):
        run_first = np.flatnonzero(starts)[run[large]]
        lefts.append(order[run_first])
        rights.append(order[large])
    if not lefts:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    return np.concatenate(lefts), np.concatenate(rights)


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
