"""Build the next warehouse beside the live one and swap it in atomically.

DuckDB lets one process write a file, and even a read-only open blocks a writer
(shared/research/ecosystem.md section 3.1). So no step ever writes the live file: a build copies
it to `<db>.next`, changes the copy, checkpoints and closes it, then `os.replace`s it over the
live name. Readers that opened the old file keep reading it; new ones open the new file. A build
killed at any moment leaves only a stale `.next`, which the next build deletes before starting
over from the live file. One build at a time, by an exclusive lock on `<db>.lock` (released by the
kernel if the process dies).
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

import ma_demand


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
                    raise ma_demand.UserError(f"another load of {db} has run for over {wait_s:.0f} s; try again later")
                if not announced:
                    print(f"waiting for another load of {db} to finish", file=sys.stderr)
                    announced = True
                time.sleep(0.2)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@contextmanager
def next_build(db: Path, *, memory_limit: str = "1GB") -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-write connection to a fresh copy of the live warehouse; swapped in when the block succeeds."""
    db = Path(db)
    with build_lock(db):
        target = _next_path(db)
        for stale in (target, target.with_name(target.name + ".wal")):
            stale.unlink(missing_ok=True)
        if db.exists():
            shutil.copyfile(db, target)
        con = duckdb.connect(str(target))
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
