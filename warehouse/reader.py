"""Read the warehouse without ever standing in a load's way.

A load builds the next warehouse file beside the live one and swaps it in with an atomic
rename (warehouse/snapshot.py), so readers only need short-lived read-only connections:
open, query, close. Each connection attaches the file from a fresh in-memory database
instead of `duckdb.connect(path)`, because DuckDB caches database instances by path inside a
process: while any cached connection is open, a plain `connect(path)` would keep returning
the file that was swapped out. Attaching opens whatever file the path names now.

    from warehouse import reader
    frame = reader.query(db, "SELECT state, count(*) AS n FROM postings GROUP BY state")
    with reader.connect(db) as con:
        rows = con.execute("SELECT * FROM claim_results WHERE verdict = ?", ["supported"]).fetchall()
"""

from __future__ import annotations

import os
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import duckdb

from ma_demand_settings import UserError, is_set, setting

ALIAS = "warehouse"
# DuckDB draws its progress bar on standard output, terminal or not: a query past two seconds would
# write it into `ma-demand sql --format csv > out.csv`. Every connection of ours turns it off; the
# commands print their own progress on standard error. (A connection setting: not settable at connect.)
NO_PROGRESS_BAR = "SET enable_progress_bar = false"
# A plain read-only open can still meet a lock when someone holds the live file read-write
# (for example an analyst's `duckdb data/warehouse.duckdb` session); retry briefly, then say so.
_OPEN_ATTEMPTS = 5
_OPEN_BACKOFF_S = 0.05


def db_path(db: str | os.PathLike[str] | None = None) -> Path:
    """The warehouse file: `db` when given, else the `db` setting (MA_DEMAND_DB)."""
    return Path(db if db is not None else setting("db"))


def warehouse_to_read(db: str | os.PathLike[str] | None = None) -> tuple[Path, str | None]:
    """The warehouse a read-only command reads, and a note to print when it is the demo's.

    `db` when given, else the `db` setting; while that is left at its default and no such file
    exists yet, the demo's warehouse (`demo_db`), so the commands work right after `make run`.
    Commands that write never fall back: the demo's warehouse is never mixed with real postings.
    """
    if db is not None or is_set("db"):
        return db_path(db), None
    real, demo = Path(setting("db")), Path(setting("demo_db"))
    if real.exists() or not demo.is_file():
        return real, None
    return demo, f"reading the demo warehouse {demo} (synthetic postings): there is no {real} yet"


def connect(db: str | os.PathLike[str] | None = None, *, config: dict[str, Any] | None = None) -> duckdb.DuckDBPyConnection:
    """A new read-only connection to the warehouse; close it (or use `with`) when done.

    Raises `UserError` when there is no warehouse yet or its file is locked.
    """
    path = db_path(db)
    if not path.is_file():
        raise UserError(f"no warehouse at {path}; run `ma-demand load` (or `ma-demand demo`) first")
    literal = str(path).replace("'", "''")
    for attempt in range(_OPEN_ATTEMPTS):
        con = duckdb.connect(":memory:", config=config or {})
        try:
            con.execute(NO_PROGRESS_BAR)
            con.execute(f"ATTACH '{literal}' AS {ALIAS} (READ_ONLY)")
            con.execute(f"USE {ALIAS}")
            return con
        except duckdb.IOException as error:
            con.close()
            if attempt == _OPEN_ATTEMPTS - 1:
                raise UserError(f"cannot open {path} read-only: {_first_line(error)}") from error
            time.sleep(_OPEN_BACKOFF_S * (2 ** attempt))
        except BaseException:
            con.close()
            raise
    raise AssertionError("unreachable")


def query(db: str | os.PathLike[str] | None, sql: str, params: Sequence[Any] | dict[str, Any] | None = None):
    """Run one query on a short-lived read-only connection and return a pandas DataFrame."""
    with connect(db) as con:
        return con.execute(sql, params).df() if params is not None else con.execute(sql).df()


def query_rows(db: str | os.PathLike[str] | None, sql: str,
               params: Sequence[Any] | dict[str, Any] | None = None) -> list[tuple]:
    """Like `query`, but plain tuples (no pandas) for small lookups."""
    with connect(db) as con:
        return con.execute(sql, params).fetchall() if params is not None else con.execute(sql).fetchall()


def meta(db: str | os.PathLike[str] | None = None) -> dict[str, str]:
    """The warehouse_meta table as a dict: synthetic, load_id, built_at, tagger_version..."""
    return dict(query_rows(db, "SELECT key, value FROM warehouse_meta"))


def is_synthetic(db: str | os.PathLike[str]) -> bool:
    """True when warehouse_meta says the file holds synthetic (demo) postings only."""
    try:
        return meta(db).get("synthetic", "").lower() in {"true", "1", "yes"}
    except Exception:  # not a warehouse at all, or an older layout: treat as real
        return False


def _first_line(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__
