"""`ma-demand retag`: re-tag stored posting text with the current tagger, without recrawling.

Every version in postings_raw keeps the text it was fetched with and the tagger version that
tagged it. When `pipeline.TAGGER_VERSION` changes, this re-runs `pipeline.tag()` on each version
tagged by another version, stores the new tags, and rebuilds the warehouse (one build, swapped in).
Postings are tagged on every core this process may use (`--jobs`), stored in batches.
"""

from __future__ import annotations

import sys
import time
from collections import deque
from dataclasses import dataclass

import pyarrow as pa

import pipeline
from pipeline.parallel import available_cores, tag_json_many
from warehouse import load, reader, snapshot

_BATCH = 10_000


@dataclass
class RetagSummary:
    tagger_version: str
    retagged: int
    seconds: float

    def line(self) -> str:
        if not self.retagged:
            return f"every stored version is already tagged by tagger {self.tagger_version}; nothing to do"
        return f"re-tagged {self.retagged:,} versions with tagger {self.tagger_version} in {self.seconds:.1f} s"


def retag(db=None, *, force: bool = False, jobs: int | None = None,
          progress=lambda m: print(f"  {m}", file=sys.stderr)) -> RetagSummary:
    """Re-tag every stored version tagged by another tagger version (all of them with `force`)."""
    started = time.perf_counter()
    version = pipeline.TAGGER_VERSION
    jobs = jobs or available_cores()
    db_path = reader.db_path(db)
    stale_sql = "FROM postings_raw WHERE ? OR tagger_version IS DISTINCT FROM ?"
    stale = reader.query_rows(db_path, f"SELECT count(*) {stale_sql}", [force, version])[0][0]
    if not stale:
        return RetagSummary(version, 0, time.perf_counter() - started)
    done = 0
    with snapshot.next_build(db_path) as con:
        load.prepare(con)
        result = snapshot.cursor(con).execute(
            f"SELECT posting_id, content_hash, title, description_text, location {stale_sql}", [force, version])
        keys: deque = deque()  # (posting_id, content_hash) of each posting sent, in order

        def postings():
            while rows := result.fetchmany(_BATCH):
                for row in rows:
                    keys.append((row[0], row[1]))
                    yield {"id": row[0], "title": row[2], "description": row[3], "location": row[4]}

        batch: dict[str, list] = {"posting_id": [], "content_hash": [], "tags": []}
        for tagged in tag_json_many(postings(), jobs, expected=stale):
            posting_id, content_hash = keys.popleft()
            batch["posting_id"].append(posting_id)
            batch["content_hash"].append(content_hash)
            batch["tags"].append(tagged)
            if len(batch["tags"]) >= _BATCH:
                done += _store(con, batch, version)
                progress(f"re-tagged {done:,} of {stale:,} versions")
        if batch["tags"]:
            done += _store(con, batch, version)
            progress(f"re-tagged {done:,} of {stale:,} versions")
        load.rebuild(con, progress)
    return RetagSummary(version, done, time.perf_counter() - started)


def _store(con, batch: dict[str, list], version: str) -> int:
    """Write one batch of new tags into postings_raw, and empty the batch."""
    con.register("retagged", pa.table(batch))
    con.execute("""UPDATE postings_raw SET tags = CAST(n.tags AS JSON), tagger_version = ?
                   FROM retagged n
                   WHERE postings_raw.posting_id = n.posting_id AND postings_raw.content_hash = n.content_hash""",
                [version])
    con.unregister("retagged")
    stored = len(batch["tags"])
    for values in batch.values():
        values.clear()
    return stored
