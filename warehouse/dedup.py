"""Near-duplicate postings: MinHash signatures and LSH over word shingles (datasketch).

Exact duplicates (the same normalised title, location and text) already share a `text_hash`.
This step joins *different* texts that are nearly the same job: a re-post with a new requisition
number, an agency copy of an employer's ad. Signatures are computed once per distinct text and
kept in `text_fingerprints`; each build only signs texts it has not seen. Candidates are looked
up among postings with the same state and normalised title (a re-post keeps both), and joined texts form one group through
union-find. The result is `stg_text_groups(text_hash, group_hash)` for the core SQL.
"""

from __future__ import annotations

from collections.abc import Callable

import zlib

import duckdb
import numpy as np
import pyarrow as pa
from datasketch import MinHash, MinHashLSH

from pipeline.fingerprint import shingles

NUM_PERM = 64
SCHEME = "affine32"  # datasketch 2.x needs the scheme to rebuild a MinHash from stored values
HASH = zlib.crc32  # 32-bit shingle hash; ~3x faster than datasketch's default SHA-1
THRESHOLD = 0.8
_BATCH = 20_000


def sign_new_texts(con: duckdb.DuckDBPyConnection, progress: Callable[[str], None] = lambda _: None) -> int:
    """Compute and store MinHash signatures for MA texts that have none yet; returns how many."""
    result = con.execute("""
        SELECT DISTINCT ON (c.text_hash) c.text_hash, concat_ws(' ', r.title, r.description_text) AS text
        FROM stg_current c JOIN postings_raw r USING (posting_id, content_hash)
        WHERE coalesce(c.t.is_ma, false) AND c.text_hash IS NOT NULL
          AND c.text_hash NOT IN (SELECT text_hash FROM text_fingerprints)""")
    signed = 0
    while True:
        rows = result.fetchmany(_BATCH)
        if not rows:
            break
        hashes = [row[0] for row in rows]
        signatures = MinHash.bulk([shingles(row[1]) for row in rows], num_perm=NUM_PERM, scheme=SCHEME, hashfunc=HASH)
        table = pa.table({"text_hash": hashes,
                          "minhash": [m.hashvalues.astype(np.uint64).tolist() for m in signatures]})
        insert = con.cursor()
        insert.register("signed", table)
        insert.execute("INSERT INTO text_fingerprints SELECT text_hash, CAST(minhash AS UBIGINT[]) FROM signed")
        insert.close()
        signed += len(rows)
        progress(f"signed {signed:,} new texts for near-duplicate search")
    return signed


def group_texts(con: duckdb.DuckDBPyConnection) -> int:
    """Write stg_text_groups: each near-duplicate text mapped to its group's smallest text_hash."""
    rows = con.execute("""
        SELECT DISTINCT coalesce(c.state, '') || '|' || coalesce(c.t.title_normalized, ''), f.text_hash, f.minhash
        FROM stg_current c JOIN text_fingerprints f USING (text_hash)
        WHERE coalesce(c.t.is_ma, false)
        ORDER BY 1, 2""").fetchall()
    parent: dict[str, str] = {}

    def root(key: str) -> str:
        while parent.get(key, key) != key:
            parent[key] = parent.get(parent[key], parent[key])
            key = parent[key]
        return key

    lsh, current_block, signed = None, None, {}
    for block, text_hash, signature in rows:
        if block != current_block:
            lsh, current_block, signed = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM), block, {}
        minhash = MinHash(num_perm=NUM_PERM, hashvalues=np.array(signature, dtype=np.uint64), scheme=SCHEME, hashfunc=HASH)
        for other in lsh.query(minhash):
            if other == text_hash or minhash.jaccard(signed[other]) < THRESHOLD:
                continue  # LSH candidates are only likely matches: confirm the estimated Jaccard
            a, b = root(text_hash), root(other)
            if a != b:
                parent[max(a, b)] = min(a, b)
        if text_hash not in signed:
            lsh.insert(text_hash, minhash)
            signed[text_hash] = minhash
    pairs = [(key, root(key)) for key in parent if root(key) != key]
    table = pa.table({"text_hash": pa.array([p[0] for p in pairs], pa.string()),
                      "group_hash": pa.array([p[1] for p in pairs], pa.string())})
    con.register("text_groups", table)
    con.execute("CREATE OR REPLACE TABLE stg_text_groups AS SELECT * FROM text_groups")
    con.unregister("text_groups")
    return len(pairs)
