"""Where the dashboard keeps cached answers: bytes under string keys, in memory, a private folder or Redis.

The cache holds only bytes the Warehouse encoded (Arrow IPC for frames, JSON for callback answers)
and never unpickles what it reads back: an entry someone else planted is at worst a miss. A folder
is used only when it is the dashboard user's own and no one else can write it (`private_folder`),
so nobody else can plant or swap entries there; the default folder lives under the data folder.
"""

from __future__ import annotations

import hashlib
import os
import stat
import threading
from collections import OrderedDict
from pathlib import Path

from ma_demand_settings import UserError

ENTRIES = 20000  # entries a folder or memory cache keeps; the oldest go first
SECONDS = 86400  # how long Redis keeps an entry


class MemoryCache:
    """In-process entries, for one worker."""

    def __init__(self, entries: int = 2000):
        self.entries, self._values, self._lock = entries, OrderedDict(), threading.Lock()

    def get(self, key: str) -> bytes | None:
        with self._lock:
            return self._values.get(key)

    def set(self, key: str, value: bytes) -> None:
        with self._lock:
            self._values[key] = value
            while len(self._values) > self.entries:
                self._values.popitem(last=False)


class FolderCache:
    """One file per entry in a private folder, shared by every worker on the machine."""

    def __init__(self, folder: str | os.PathLike[str], entries: int = ENTRIES):
        self.folder, self.entries, self._writes = private_folder(Path(folder)), entries, 0

    def _path(self, key: str) -> Path:
        return self.folder / (hashlib.sha256(key.encode()).hexdigest() + ".entry")

    def get(self, key: str) -> bytes | None:
        try:
            return self._path(key).read_bytes()
        except OSError:
            return None

    def set(self, key: str, value: bytes) -> None:
        target = self._path(key)
        partial = target.with_name(f"{target.name}.{os.getpid()}.{threading.get_ident()}.part")
        try:
            descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o600)
            with os.fdopen(descriptor, "wb") as sink:
                sink.write(value)
            os.replace(partial, target)
        except OSError:
            partial.unlink(missing_ok=True)
            return
        self._writes += 1
        if self._writes % 500 == 0:
            self._prune()

    def _prune(self) -> None:
        entries = sorted(self.folder.glob("*.entry"), key=lambda p: p.stat().st_mtime if p.exists() else 0)
        for old in entries[: max(0, len(entries) - self.entries)]:
            old.unlink(missing_ok=True)


class RedisCache:
    """Entries in Redis, shared by every worker that reaches it."""

    def __init__(self, url: str):
        import redis

        self._client = redis.Redis.from_url(url)

    def get(self, key: str) -> bytes | None:
        return self._client.get("ma-demand:dashboard:" + key)

    def set(self, key: str, value: bytes) -> None:
        self._client.set("ma-demand:dashboard:" + key, value, ex=SECONDS)


def open_cache(spec: str | None):
    """The cache the `dashboard_cache` setting names: empty = memory, `redis://...` = Redis, else a folder."""
    spec = (spec or "").strip()
    if not spec:
        return MemoryCache()
    if spec.startswith(("redis://", "rediss://")):
        return RedisCache(spec)
    return FolderCache(spec)


def private_folder(folder: Path) -> Path:
    """`folder`, created with mode 0700 if missing; UserError when it, or the folder holding it, is not
    safe: the folder must be a plain folder of this user that no one else can write, and its parent
    this user's or root's, writable by others only when sticky (like /tmp), so no one can swap it."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.mkdir(folder, 0o700)
    except FileExistsError:
        pass
    except OSError as error:
        raise UserError(f"cannot create the dashboard cache folder {folder}: {error.strerror}; "
                        "set MA_DEMAND_DASHBOARD_CACHE to a folder of yours") from None
    fault = _fault(os.lstat(folder), owners={os.geteuid()}, shared_if_sticky=False)
    if fault is None:
        parent = os.stat(folder.parent)
        fault = _fault(parent, owners={os.geteuid(), 0}, shared_if_sticky=True)
        fault = fault and f"is in {folder.parent}, which {fault}"
    if fault is None:
        return folder
    raise UserError(f"refusing the dashboard cache folder {folder}: it {fault}; remove it or set "
                    "MA_DEMAND_DASHBOARD_CACHE to a folder only you can write")


def _fault(found: os.stat_result, *, owners: set[int], shared_if_sticky: bool) -> str | None:
    if not stat.S_ISDIR(found.st_mode):
        return "is not a folder (a link or a file)"
    if found.st_uid not in owners:
        return f"belongs to another user (uid {found.st_uid})"
    if found.st_mode & (stat.S_IWGRP | stat.S_IWOTH) and not (shared_if_sticky and found.st_mode & stat.S_ISVTX):
        return f"can be written by other users (mode {stat.S_IMODE(found.st_mode):04o})"
    return None
