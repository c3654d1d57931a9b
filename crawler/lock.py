"""The run lock: at most one scheduled crawl per data folder at a time.

A lock is a small JSON file (`<data>/crawl.lock`) created with O_EXCL, holding the owner's
PID, host and run id, and the PIDs of the spider processes the run started (`members`). A
second run finds it and is refused. A run that was killed leaves its file behind; the next run
sees that no process of that run (owner or spider) is alive on this host, says so, clears the
stale file and takes the lock. While a spider of a killed run still lives (it stops when its
parent dies, crawler/schedule.py, but closing its files takes a moment) the lock holds. A lock held from another host (shared storage) is never
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
    members: tuple[int, ...] = ()

    def describe(self) -> str:
        return f"run {self.run_id} (PID {self.pid} on {self.host}, since {self.started_at})"

    def alive(self) -> list[int]:
        """The PIDs of this run (owner first, then its spiders) that are alive on this machine."""
        return [pid for pid in (self.pid, *self.members) if pid_is_alive(pid)]


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
    return not _is_zombie(pid)


def _is_zombie(pid: int) -> bool:
    """True for a process that has ended and waits to be reaped (Linux /proc; elsewhere: False)."""
    try:
        status = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return status.rpartition(")")[2].split()[:1] == ["Z"]


def read_owner(path: Path) -> LockOwner | None:
    """The owner written in a lock file; None when the file is gone or unreadable."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        members = tuple(int(pid) for pid in data.get("members", []))
        return LockOwner(int(data["pid"]), str(data["host"]), str(data["run_id"]), str(data["started_at"]), members)
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
            if owner.host != socket.gethostname():
                raise LockHeld(f"another crawl is running: {owner.describe()}; lock file {self.path}")
            alive = owner.alive()
            if alive:
                still = "" if owner.pid in alive else f": its PID is gone but its spider(s) {alive} still run"
                raise LockHeld(f"another crawl is running: {owner.describe()}{still}; lock file {self.path}")
            self.cleared = owner
            self._clear_stale(owner)
        raise LockHeld(f"could not take the lock {self.path}: it keeps reappearing")

    def add_member(self, pid: int) -> None:
        """List a process of this run (a spider) in the lock, so the lock holds while it lives."""
        owner = read_owner(self.path)
        if not self._held or owner is None or owner.pid != os.getpid() or owner.run_id != self.run_id:
            return
        self._write({**self._fields(owner), "members": [*owner.members, pid]})

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
                 "started_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"), "members": []}
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            json.dump(owner, handle)
            handle.flush()
            os.fsync(handle.fileno())
        return True

    def _write(self, owner: dict) -> None:
        """Replace the held lock file's content at once (a reader sees the old or the new file whole)."""
        fresh = self.path.with_name(f"{self.path.name}.{os.getpid()}.new")
        fresh.write_text(json.dumps(owner), encoding="utf-8")
        os.replace(fresh, self.path)

    @staticmethod
    def _fields(owner: LockOwner) -> dict:
        return {"pid": owner.pid, "host": owner.host, "run_id": owner.run_id, "started_at": owner.started_at,
                "members": list(owner.members)}

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
