"""`load(db, landing)`: merge new landing files into the warehouse in one build, then swap it in.

One build (warehouse/snapshot.py) = copy the live warehouse, merge every landing file the
manifest has not seen (by SHA-256), rebuild staging, dedup, core and marts, refresh the claims,
record warehouse_meta, checkpoint, rename over the live file. Loading the same files twice
changes nothing; a load killed at any moment leaves the previous warehouse in place, and the
next load redoes the whole merge from it.
"""

from __future__ import annotations

import os
import sys
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import duckdb

from ma_demand_settings import UserError, setting
from warehouse import claims, dedup, ingest, landing_files, layers, reader, runs, snapshot

Progress = Callable[[str], None]


@dataclass
class LoadSummary:
    load_id: str
    db: str
    files_new: int = 0
    files_skipped: int = 0
    runs: int = 0
    items: int = 0
    new_versions: int = 0
    quarantined: int = 0
    postings: int = 0
    unique_postings: int = 0
    ma_postings: int = 0
    unique_ma_postings: int = 0  # the population the claims and the dashboard's charts count
    active_postings: int = 0
    claims: int = 0
    seconds: float = 0.0
    warnings: list[str] = field(default_factory=list)

    def line(self) -> str:
        """The one-line summary a load prints."""
        if not self.files_new:
            head = f"nothing new to load ({self.files_skipped} landing files already loaded)"
        else:
            head = (f"loaded {self.files_new} files ({self.runs} runs, {self.items:,} items, "
                    f"{self.new_versions:,} new versions, {self.quarantined:,} quarantined)")
        return (f"{head}; warehouse {self.db}: {self.postings:,} postings ({self.unique_postings:,} unique, "
                f"{self.active_postings:,} active), {self.ma_postings:,} MA, {self.unique_ma_postings:,} unique MA "
                f"(what the claims and charts count); {self.claims} claims; "
                f"{self.seconds:.1f} s")


def _stderr(message: str) -> None:
    print(f"  {message}", file=sys.stderr, flush=True)


# Core tables every build refills whole. Warehouses built before they lost their PRIMARY KEY keep
# the index, and refilling an indexed table is slow (deleting and re-inserting a million keys took
# 41 s instead of 0.35 s, docs/performance.md), so such a table is dropped and created again.
_REFILLED = ("postings", "pay", "duplicate_groups")


# DuckDB's memory limit while the near-duplicate search runs: DuckDB gives back the rest of its buffers
# while the search's numpy arrays are alive. At a million postings the load's peak fell from 1.85 GB
# to 1.30 GB, in the same time (docs/performance.md, "Warehouse").
DEDUP_MEMORY_LIMIT = "400MB"


def prepare(con: duckdb.DuckDBPyConnection) -> None:
    """Create any missing table (raw layer and the core table definitions)."""
    layers.run_layer(con, "raw")
    keyed = con.execute("SELECT DISTINCT table_name FROM duckdb_constraints() WHERE constraint_type = 'PRIMARY KEY' "
                        "AND database_name = current_database() AND table_name IN (SELECT unnest(?))",
                        [list(_REFILLED)]).fetchall()
    for (table,) in keyed:
        con.execute(f"DROP TABLE {table}")
    layers.run_layer(con, "core", prefix="0")


def rebuild(con: duckdb.DuckDBPyConnection, progress: Progress = _stderr, *, load_id: str | None = None) -> None:
    """Rebuild every derived table from the raw ones: staging, dedup, core, marts, claims, meta."""
    layers.run_layer(con, "staging")
    progress("staging built")
    dedup.sign_new_texts(con, progress)
    con.execute(f"SET memory_limit = '{DEDUP_MEMORY_LIMIT}'")
    try:
        groups = dedup.group_texts(con)
    finally:
        con.execute(f"SET memory_limit = '{snapshot.MEMORY_LIMIT}'")
    progress(f"near-duplicate search joined {groups:,} texts to groups")
    layers.run_layer(con, "core", prefix="1")
    progress("core tables built")
    layers.run_layer(con, "marts")
    progress("marts built")
    claims.refresh(con)
    progress("claims refreshed")
    write_meta(con, load_id or uuid.uuid4().hex[:12])


def refresh_claims(db: str | os.PathLike[str] | None = None) -> int:
    """Recompute the claims of `db` (default: the `db` setting) in a new build, swapped in like a load;
    returns the number of claim results."""
    with snapshot.next_build(reader.db_path(db)) as build:
        prepare(build)
        rebuild(build, lambda _: None)
        return build.execute("SELECT count(*) FROM claim_results").fetchall()[0][0]


def write_meta(con: duckdb.DuckDBPyConnection, load_id: str) -> None:
    from pipeline import TAGGER_VERSION

    synthetic = con.execute("SELECT coalesce(bool_or(synthetic), false) FROM postings_raw").fetchall()[0][0]
    rows = {"synthetic": "true" if synthetic else "false", "load_id": load_id,
            "built_at": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "tagger_version": TAGGER_VERSION, "schema_version": "1"}
    con.execute("DELETE FROM warehouse_meta")
    con.execute("INSERT INTO warehouse_meta SELECT unnest(?), unnest(?)", [list(rows), list(rows.values())])


def load(db: str | os.PathLike[str] | None = None, landing_dir: str | os.PathLike[str] | None = None,
         progress: Progress = _stderr) -> LoadSummary:
    """Merge new landing files into `db` (default: the `db` and `landing` settings)."""
    started = time.perf_counter()
    db_path = Path(db if db is not None else setting("db"))
    landing_path = Path(landing_dir if landing_dir is not None else setting("landing"))
    if landing_dir is not None and not landing_path.is_dir():
        raise UserError(f"landing folder {landing_path} does not exist")
    summary = LoadSummary(load_id=datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ-") + uuid.uuid4().hex[:6],
                          db=str(db_path))
    found = landing_files.discover(landing_path)
    progress(f"found {len(found)} landing files in {landing_path}")
    if db_path.exists() and not _new_files(db_path, found):
        summary.files_skipped = len(found)
        with reader.connect(db_path) as con:
            _count(con, summary)
        summary.seconds = time.perf_counter() - started
        return summary
    with snapshot.next_build(db_path) as con:
        prepare(con)
        known = {row[0] for row in con.execute("SELECT sha256 FROM load_manifest").fetchall()}
        new = [f for f in found if f.sha256 not in known]
        summary.files_skipped = len(found) - len(new)
        _merge(con, new, summary, progress)
        rebuild(con, progress, load_id=summary.load_id)
        _count(con, summary)
        _warn_of_cleared_values(con, summary)
    summary.seconds = time.perf_counter() - started
    return summary


def _new_files(db_path: Path, found: list[landing_files.LandingFile]) -> list[landing_files.LandingFile]:
    """The landing files the live warehouse's manifest does not list."""
    try:
        known = {row[0] for row in reader.query_rows(db_path, "SELECT sha256 FROM load_manifest")}
    except duckdb.Error:
        return found
    return [f for f in found if f.sha256 not in known]


def _merge(con: duckdb.DuckDBPyConnection, new: list[landing_files.LandingFile], summary: LoadSummary,
           progress: Progress) -> None:
    loaded: list[tuple[landing_files.LandingFile, int]] = []
    quarantined_before = con.execute("SELECT count(*) FROM quarantine").fetchall()[0][0]
    for run_file in (f for f in new if f.kind == landing_files.RUN):
        try:
            runs.merge_run(con, run_file)
            summary.runs += 1
            loaded.append((run_file, 1))
        except runs.BadRunRecord as error:
            summary.warnings.append(str(error))
    item_files = [f for f in new if f.kind == landing_files.ITEMS]
    if item_files:
        progress(f"reading {len(item_files)} item files ({sum(f.size for f in item_files) / 1e6:,.0f} MB)")
        counts, warnings = ingest.merge_items(con, item_files)
        summary.warnings += warnings
        summary.items, summary.new_versions = counts["items"], counts["new_versions"]
        progress(f"merged {counts['items']:,} items: {counts['new_versions']:,} new versions")
        loaded += [(f, 0) for f in item_files]
    for quarantine_file in (f for f in new if f.kind == landing_files.QUARANTINE):
        loaded.append((quarantine_file, ingest.merge_quarantine(con, quarantine_file)))
    summary.quarantined = con.execute("SELECT count(*) FROM quarantine").fetchall()[0][0] - quarantined_before
    summary.files_new = len(loaded)
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    for landing_file, rows in loaded:
        con.execute("INSERT OR REPLACE INTO load_manifest VALUES (?, ?, ?, ?, ?, ?, ?)",
                    [landing_file.sha256, landing_file.relative, landing_file.kind, landing_file.run_id,
                     rows, summary.load_id, now])


def _warn_of_cleared_values(con: duckdb.DuckDBPyConnection, summary: LoadSummary) -> None:
    for field, postings in con.execute("SELECT field, count(*) FROM cleared_values GROUP BY field ORDER BY field").fetchall():
        summary.warnings.append(f"{postings:,} postings load without their {field}: the landed value is not in its "
                                "vocabulary (table cleared_values has the values and why)")


def _count(con: duckdb.DuckDBPyConnection, summary: LoadSummary) -> None:
    (summary.postings, summary.unique_postings, summary.ma_postings, summary.unique_ma_postings,
     summary.active_postings) = con.execute(
        "SELECT count(*), count(*) FILTER (is_canonical), count(*) FILTER (is_ma), "
        "count(*) FILTER (is_ma AND is_canonical), count(*) FILTER (active) FROM postings").fetchall()[0]
    summary.claims = con.execute("SELECT count(*) FROM claim_results").fetchall()[0][0]
