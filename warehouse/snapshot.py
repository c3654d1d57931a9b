"""Build the next warehouse beside the live one and swap it in atomically.

DuckDB lets one process write a file, and even a read-only open blocks a writer
(shared/research/ecosystem.md section 3.1). So no step ever writes the live file: a build copies
it to `<db>.next`, changes the copy, checkpoints and closes it, then `os.replace`s it over the
live name. Readers that opened the old file keep reading it; new ones open the new file. A build
killed at any moment leaves only a stale `.next`, which the next build deletes before starting
over from the live file. One build at a time, by an exclusive lock on `<db>.lock` (released by the
kernel if the process dies).

The build attaches the copy with small row groups (BUILD_ROW_GROUP_SIZE), which only ATTACH can set.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from ma_demand_settings import UserError
from warehouse import reader


# DuckDB's memory limit for a build. The near-duplicate search lowers it while its numpy arrays are
# alive (warehouse/load.py), so that the two together stay well under the 2 GB bar.
MEMORY_LIMIT = "1GB"
# Rows per row group in the tables a build writes (DuckDB's default is 122,880). A thread inserting
# into postings_raw holds one row group of HTML, text, payload and tags uncompressed until it is full:
# ~600 MB per thread at the default, more than the memory limit allows for two threads, so DuckDB
# swapped buffers out and in. At 16,384 pass 2 of a million-posting load took 13.9 s instead of 22.7 s,
# and the whole load 51 s instead of 63 s (docs/performance.md, "Warehouse"). Readers read any size.
BUILD_ROW_GROUP_SIZE = 16_384


def _next_path(db: Path) -> Path:
    return db.with_name(db.name + ".next")


@contextmanager
def build_lock(db: Path, wait_s: float = 600.0) -> Iterator[None]:
    """Hold the one-build-at-a-time lock for `db`; wait up to `wait_s` for another build to finish."""
    db.parent.mkdir(parents=True, exist_ok=True)
    with open(db.with_name(db.name + ".lock"), "a+") as handle:
        deadline = time.monotonic() + wait_s
        announced = False
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise UserError(f"another load of {db} has run for over {wait_s:.0f} s; try again later")
                if not announced:
                    print(f"waiting for another load of {db} to finish", file=sys.stderr)
                    announced = True
                time.sleep(0.2)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@contextmanager
def next_build(db: Path, *, memory_limit: str = MEMORY_LIMIT) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-write connection to a fresh copy of the live warehouse; swapped in when the block succeeds."""
    db = Path(db)
    with build_lock(db):
        target = _next_path(db)
        for stale in (target, target.with_name(target.name + ".wal")):
            stale.unlink(missing_ok=True)
        if db.exists():
            shutil.copyfile(db, target)
        con = _open(target)
        try:
            con.execute(f"SET memory_limit = '{memory_limit}'")
            con.execute("SET preserve_insertion_order = false")
            con.execute("SET TimeZone = 'UTC'")
            yield con
            con.execute("CHECKPOINT")
        except BaseException:
            con.close()
            target.unlink(missing_ok=True)
            raise
        con.close()
        os.replace(target, db)
        _sync_folder(db.parent)


def cursor(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """A second cursor on `con` whose default database is `con`'s: a cursor does not inherit `USE`,
    and a build's warehouse is attached, not the connection's own database."""
    database = con.execute("SELECT current_database()").fetchall()[0][0]
    other = con.cursor()
    other.execute('USE "{}"'.format(database.replace('"', '""')))
    return other


def _open(path: Path) -> duckdb.DuckDBPyConnection:
    """A read-write connection to `path`, attached as `warehouse` (as readers do) with the build's row-group size."""
    literal = str(path).replace("'", "''")
    con = duckdb.connect(":memory:")
    try:
        con.execute(reader.NO_PROGRESS_BAR)
        con.execute(f"SET temp_directory = '{literal}.tmp'")  # where `duckdb.connect(path)` would spill
        con.execute(f"ATTACH '{literal}' AS warehouse (ROW_GROUP_SIZE {BUILD_ROW_GROUP_SIZE})")
        con.execute("USE warehouse")
    except BaseException:
        con.close()
        raise
    return con


def _sync_folder(folder: Path) -> None:
    """Make the rename durable (best effort: not every filesystem allows fsync on a folder)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
