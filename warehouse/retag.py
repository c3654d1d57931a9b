"""`ma-demand retag`: re-tag stored posting text with the current tagger, without recrawling.

Every version in postings_raw keeps the text it was fetched with and the tagger version that
tagged it. When `pipeline.TAGGER_VERSION` changes, this re-runs `pipeline.tag()` on each version
tagged by another version, stores the new tags, and rebuilds the warehouse (one build, swapped in).
"""

from __future__ import annotations

import json
import sys
import time
from dataclasses import dataclass

import pyarrow as pa

import pipeline
from warehouse import loader, reader, snapshot

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


def retag(db=None, *, force: bool = False, progress=lambda m: print(f"  {m}", file=sys.stderr)) -> RetagSummary:
    started = time.perf_counter()
    version = pipeline.TAGGER_VERSION
    db_path = reader.db_path(db)
    stale_sql = "FROM postings_raw WHERE ? OR tagger_version IS DISTINCT FROM ?"
    if not reader.query_rows(db_path, f"SELECT count(*) {stale_sql}", [force, version])[0][0]:
        return RetagSummary(version, 0, time.perf_counter() - started)
    done = 0
    with snapshot.next_build(db_path) as con:
        loader.prepare(con)
        result = snapshot.cursor(con).execute(
            f"SELECT posting_id, content_hash, title, description_text, location {stale_sql}", [force, version])
        while rows := result.fetchmany(_BATCH):
            tags = [json.dumps(pipeline.tag({"id": r[0], "title": r[2], "description": r[3], "location": r[4]}))
                    for r in rows]
            con.register("retagged", pa.table({"posting_id": [r[0] for r in rows],
                                               "content_hash": [r[1] for r in rows], "tags": tags}))
            con.execute("""UPDATE postings_raw SET tags = CAST(n.tags AS JSON), tagger_version = ?
                           FROM retagged n
                           WHERE postings_raw.posting_id = n.posting_id AND postings_raw.content_hash = n.content_hash""",
                        [version])
            con.unregister("retagged")
            done += len(rows)
            progress(f"re-tagged {done:,} versions")
        loader.rebuild(con, progress)
    return RetagSummary(version, done, time.perf_counter() - started)
