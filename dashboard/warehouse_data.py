"""Cached, read-only queries on the warehouse, keyed on the warehouse's load id.

Every query runs on a short-lived read-only connection (warehouse.reader), so the dashboard never
holds a lock a load needs. Results are cached (flask-caching) under the load id from
warehouse_meta: a new load swaps in a new file with a new load id, and every cached answer of the
old one simply stops being asked for. Entries are bytes: frames as Arrow IPC, callback answers as
JSON (what Dash sends the browser anyway), never pickles (dashboard/result_cache.py). The load id itself is re-read only when the file changes
(its inode, size or modification time), so a cache hit costs one `stat`, not a connection.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import threading
from contextlib import contextmanager
from pathlib import Path

import pandas as pd
import pyarrow as pa
from plotly.io.json import to_json_plotly

from ma_demand_settings import UserError
from warehouse import reader


class Warehouse:
    """Query access for the dashboard: `frame(sql, params)` answers from the cache when it can."""

    def __init__(self, db_path: str | os.PathLike[str], cache=None):
        self.path = Path(db_path)
        self.cache = cache
        self._lock = threading.Lock()
        self._file_key: tuple | None = None
        self._meta: dict[str, str] = {}
        self._local = threading.local()
        self._warmers: list[tuple] = []

    def meta(self) -> dict[str, str]:
        """warehouse_meta as a dict (synthetic, load_id, built_at...), re-read when the file changes."""
        try:
            stat = self.path.stat()
        except FileNotFoundError as error:
            raise UserError(f"no warehouse at {self.path}; run `ma-demand load` or `ma-demand demo` first") from error
        key = (stat.st_ino, stat.st_size, stat.st_mtime_ns)
        with self._lock:
            if key != self._file_key:
                self._meta = reader.meta(self.path)
                self._file_key = key
            return dict(self._meta)

    @property
    def load_id(self) -> str:
        return self.meta().get("load_id") or "unknown-load"

    @property
    def synthetic(self) -> bool:
        return str(self.meta().get("synthetic", "")).lower() in {"true", "1", "yes"}

    def frame(self, sql: str, params: list | tuple = ()) -> pd.DataFrame:
        """The query's result as a DataFrame, from the cache for this load when present."""
        key = self._cache_key(sql, params)
        cached = self._cached(key, _frame_from_bytes)
        if cached is not None:
            return cached
        con = getattr(self._local, "connection", None)
        if con is not None:
            result = con.execute(sql, list(params)).df()
        else:
            result = reader.query(self.path, sql, list(params))
        self._store(key, result, _frame_to_bytes)
        return result

    @contextmanager
    def session(self):
        """Within the block, uncached queries of this thread share one read-only connection, opened on
        first use and closed at the end (opening one costs tens of milliseconds on a large file)."""
        opened = []

        def connection():
            if not opened:
                opened.append(reader.connect(self.path))
            return opened[0]

        self._local.connection = _Lazy(connection)
        try:
            yield self
        finally:
            self._local.connection = None
            if opened:
                opened[0].close()

    def memoized(self, function):
        """Wrap a callback: its whole answer is cached per load id and arguments, and its queries
        share one connection."""
        @functools.wraps(function)
        def wrapper(*args):
            key = self._cache_key(function.__module__ + "." + function.__qualname__, args)
            cached = self._cached(key, json.loads)
            if cached is not None:
                return cached
            with self.session():
                answer = function(*args)
            self._store(key, answer, lambda value: to_json_plotly(value).encode())
            return answer
        return wrapper

    def warm_on_start(self, function, *args) -> None:
        """Ask `warm()` to compute `function(*args)` (a memoized callback's default view) ahead of use."""
        self._warmers.append((function, args))

    def warm(self) -> int:
        """Compute every registered default view into the cache; returns how many."""
        for function, args in self._warmers:
            function(*args)
        return len(self._warmers)

    def rows(self, sql: str, params: list | tuple = ()) -> list[tuple]:
        """Uncached plain rows (for the postings explorer, whose requests rarely repeat)."""
        return reader.query_rows(self.path, sql, list(params))

    def has_table(self, name: str) -> bool:
        found = self.frame("SELECT count(*) AS n FROM duckdb_tables() WHERE table_name = ?", [name])
        return bool(found["n"].iloc[0])

    def _cached(self, key: str, decode):
        """The decoded entry under `key`, or None when there is none or it does not decode."""
        found = self.cache.get(key) if self.cache is not None else None
        if found is None:
            return None
        try:
            return decode(found)
        except (ValueError, TypeError, pa.ArrowException):
            return None

    def _store(self, key: str, value, encode) -> None:
        if self.cache is None:
            return
        try:
            self.cache.set(key, encode(value))
        except (ValueError, TypeError, pa.ArrowException):
            pass  # a value with no Arrow or JSON form is simply not cached

    def _cache_key(self, sql: str, params) -> str:
        digest = hashlib.sha1(json.dumps([sql, list(params)], default=str).encode()).hexdigest()
        return f"{self.load_id}:{digest}"


def _frame_to_bytes(frame: pd.DataFrame) -> bytes:
    table = pa.Table.from_pandas(frame)
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    return sink.getvalue().to_pybytes()


def _frame_from_bytes(data: bytes) -> pd.DataFrame:
    return pa.ipc.open_stream(data).read_all().to_pandas()


class _Lazy:
    """A connection opened on first `execute`."""

    def __init__(self, opener):
        self._opener = opener

    def execute(self, *args):
        return self._opener().execute(*args)
