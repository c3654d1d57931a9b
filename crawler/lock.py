"""The run lock: at most one scheduled crawl per data folder at a time.

A lock is a small JSON file (`<data>/crawl.lock`) created with O_EXCL, holding the owner's
PID, host and run id. A second run finds it and is refused. A run that was killed leaves its
file behind; the next run sees that the PID is no longer alive on this host, says so, clears
the stale file and takes the lock. A lock held from another host (shared storage) is never
cleared automatically, since its PID means nothing here.
"""

from __future__ import annotations

import json
import os
import socket
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path


class LockHeld(Exception):
    """Another live run holds the lock."""


@dataclass(frozen=True)
class LockOwner:
    pid: int
    host: str
    run_id: str
    started_at: str

    def describe(self) -> str:
        return f"run {self.run_id} (PID {self.pid} on {self.host}, since {self.started_at})"


def pid_is_alive(pid: int) -> bool:
    """True when a process with this PID exists on this machine."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # exists, owned by another user
        return True
    return True


def read_owner(path: Path) -> LockOwner | None:
    """The owner written in a lock file; None when the file is gone or unreadable."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return LockOwner(int(data["pid"]), str(data["host"]), str(data["run_id"]), str(data["started_at"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


class RunLock:
    """`with RunLock(path, run_id) as lock:` holds the lock for the block; `lock.cleared` names a stale owner."""

    def __init__(self, path: str | Path, run_id: str):
        self.path = Path(path)
        self.run_id = run_id
        self.cleared: LockOwner | None = None
        self._held = False

    def acquire(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        for _attempt in range(3):
            if self._create():
                self._held = True
                return
            owner = read_owner(self.path)
            if owner is None:
                # Half-written by a run killed between create and write, or removed meanwhile.
                self._clear_stale(None)
                continue
            if owner.host != socket.gethostname() or pid_is_alive(owner.pid):
                raise LockHeld(f"another crawl is running: {owner.describe()}; lock file {self.path}")
            self.cleared = owner
            self._clear_stale(owner)
        raise LockHeld(f"could not take the lock {self.path}: it keeps reappearing")

    def release(self) -> None:
        if self._held:
            owner = read_owner(self.path)
            if owner is not None and owner.pid == os.getpid() and owner.run_id == self.run_id:
                self.path.unlink(missing_ok=True)
            self._held = False

    def __enter__(self) -> RunLock:
        self.acquire()
        return self

    def __exit__(self, *exc_info) -> None:
        self.release()

    def _create(self) -> bool:
        try:
            descriptor = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
        except FileExistsError:
            return False
        owner = {"pid": os.getpid(), "host": socket.gethostname(), "run_id": self.run_id,
                 "started_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")}
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            json.dump(owner, handle)
            handle.flush()
            os.fsync(handle.fileno())
        return True

    def _clear_stale(self, stale: LockOwner | None) -> None:
        # Move the file aside, then check it is the one judged stale: if another run cleared it
        # and took the lock meanwhile, put that fresh lock back instead of deleting it.
        aside = self.path.with_name(f"{self.path.name}.stale-{os.getpid()}")
        try:
            os.replace(self.path, aside)
        except FileNotFoundError:
            return
        moved = read_owner(aside)
        if moved is not None and moved != stale:
            try:
                os.link(aside, self.path)
            except FileExistsError:
                pass
            aside.unlink(missing_ok=True)
            raise LockHeld(f"another crawl is running: {moved.describe()}; lock file {self.path}")
        aside.unlink(missing_ok=True)
