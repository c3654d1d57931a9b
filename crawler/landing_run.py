"""Landing files for one crawl run: written whole or not at all, resumable after a kill.

A run writes `<landing>/<spider>/<run_id>.jsonl.part`, one posting per line, flushed per line,
and renames it to `<run_id>.jsonl` when the run closes (or removes it when nothing was landed);
then it writes `<run_id>.run.json`.
Records that fail validation go to `<run_id>.quarantine.jsonl` with their reason.

With a JOBDIR, the run's identity is kept in `<JOBDIR>/landing-run.json` from the first
second, because Scrapy saves its own job state only on a clean stop. After a kill the next
start with the same JOBDIR continues the same run: it cuts a torn last line off the `.part`
file, remembers which postings are already landed (so they are not written twice), and
appends. This module knows files, not Scrapy.

The run record gets the items file's SHA-256 and size (`items_sha256`, `items_bytes`), computed
from the bytes as they are written (and from the kept bytes of a resumed `.part` file), so the
warehouse need not read gigabytes again to identify the file (docs/contracts.md section 2).
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

STATE_FILE = "landing-run.json"


def new_run_id(spider: str, now: datetime | None = None) -> str:
    """`<spider>-<UTC YYYYmmddTHHMMSSZ>-<6 hex>` (docs/contracts.md §2)."""
    moment = (now or datetime.now(UTC)).astimezone(UTC)
    return f"{spider}-{moment:%Y%m%dT%H%M%SZ}-{secrets.token_hex(3)}"


def write_json_atomically(path: Path, data: Any) -> None:
    """Write JSON to a temporary sibling and rename it over `path`."""
    temporary = path.with_name(path.name + ".tmp")
    with open(temporary, "w", encoding="utf-8") as handle:
        json.dump(data, handle, ensure_ascii=False, indent=2, default=str)
        handle.write("\n")
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)


class LandingRun:
    """The files of one run of one spider."""

    def __init__(self, landing_dir: str | Path, spider: str, run_id: str, started_at: str,
                 state_path: Path | None = None, resumed: bool = False):
        self.folder = Path(landing_dir) / spider
        self.spider = spider
        self.run_id = run_id
        self.started_at = started_at
        self.state_path = state_path
        self.resumed = resumed
        self.landed: set[tuple[str, str]] = set()
        self.landed_per_board: Counter[str] = Counter()
        self.quarantined = 0
        self._quarantined_keys: set[tuple[str, str]] = set()
        self._items_digest = hashlib.sha256()
        self.items_bytes = 0
        self.folder.mkdir(parents=True, exist_ok=True)
        if resumed:
            self._recover_part_file()
        self._items = open(self.part_path, "ab")
        self._quarantine = None

    @classmethod
    def open(cls, landing_dir: str | Path, spider: str, job_dir: str | Path | None = None,
             crawl_time: str | None = None) -> LandingRun:
        """Continue the unfinished run recorded in `job_dir`, or start a new one (at `crawl_time`, an
        ISO UTC time, when given: the demo's simulated crawl dates; else now)."""
        state_path = Path(job_dir) / STATE_FILE if job_dir else None
        if state_path and state_path.exists():
            try:
                state = json.loads(state_path.read_text(encoding="utf-8"))
            except (OSError, json.JSONDecodeError):
                state = None
            if state and state.get("spider") == spider and state.get("run_id"):
                return cls(landing_dir, spider, state["run_id"], state.get("started_at") or _now(),
                           state_path=state_path, resumed=True)
        moment = datetime.fromisoformat(crawl_time) if crawl_time else None
        run = cls(landing_dir, spider, new_run_id(spider, moment), crawl_time or _now(), state_path=state_path)
        if state_path:
            state_path.parent.mkdir(parents=True, exist_ok=True)
            write_json_atomically(state_path, {"spider": spider, "run_id": run.run_id, "started_at": run.started_at,
                                               "landing": str(Path(landing_dir).resolve())})
        return run

    @property
    def part_path(self) -> Path:
        return self.folder / f"{self.run_id}.jsonl.part"

    @property
    def items_path(self) -> Path:
        return self.folder / f"{self.run_id}.jsonl"

    @property
    def record_path(self) -> Path:
        return self.folder / f"{self.run_id}.run.json"

    @property
    def quarantine_path(self) -> Path:
        return self.folder / f"{self.run_id}.quarantine.jsonl"

    def is_landed(self, source: str, source_id: str) -> bool:
        return (source, source_id) in self.landed

    def write(self, item: dict[str, Any]) -> bool:
        """Append one posting; False (nothing written) when it is already in this run."""
        key = (str(item.get("source")), str(item.get("source_id")))
        if key in self.landed:
            return False
        line = (json.dumps(item, ensure_ascii=False, default=str) + "\n").encode("utf-8")
        self._items.write(line)
        self._items.flush()
        self._items_digest.update(line)
        self.items_bytes += len(line)
        self.landed.add(key)
        self.landed_per_board[str(item.get("board"))] += 1
        return True

    def quarantine(self, reason: str, record: Any) -> None:
        """Append a record that failed validation, once per run (a resumed run meets it again)."""
        key = _quarantine_key(reason, record)
        if key in self._quarantined_keys:
            return
        self._quarantined_keys.add(key)
        if self._quarantine is None:
            self._quarantine = open(self.quarantine_path, "a", encoding="utf-8")
        self._quarantine.write(json.dumps({"reason": reason, "record": record}, ensure_ascii=False, default=str) + "\n")
        self._quarantine.flush()
        self.quarantined += 1

    def suspend(self) -> None:
        """Close the files but keep the run open, to be resumed with the same JOBDIR."""
        self._close_files()

    @property
    def items_sha256(self) -> str:
        """SHA-256 (hex) of the bytes written to the items file so far."""
        return self._items_digest.hexdigest()

    def finish(self, record: dict[str, Any]) -> Path | None:
        """Rename the `.part` file into place, then write the run record; returns the items path.

        The record is written with the items file's `items_sha256` and `items_bytes` added. A run
        that landed nothing leaves no items file (its record says `"items_file": null`): an empty
        file would only stand for a crawl that found nothing.
        """
        self._close_files()
        if self.landed:
            os.replace(self.part_path, self.items_path)
        else:
            self.part_path.unlink(missing_ok=True)
            record = {**record, "items_file": None}
        write_json_atomically(self.record_path, {**record, "items_sha256": self.items_sha256,
                                                 "items_bytes": self.items_bytes})
        if self.state_path and self.state_path.exists():
            self.state_path.unlink()
        return self.items_path if self.landed else None

    def _close_files(self) -> None:
        for handle in (self._items, self._quarantine):
            if handle is not None and not handle.closed:
                handle.flush()
                os.fsync(handle.fileno())
                handle.close()

    def _recover_part_file(self) -> None:
        """Drop a line torn by a kill, then learn which postings are already landed."""
        if not self.part_path.exists():
            return
        with open(self.part_path, "rb+") as handle:
            data = handle.read()
            end = data.rfind(b"\n") + 1
            if end != len(data):
                handle.truncate(end)
        self._items_digest.update(data[:end])
        self.items_bytes = end
        for line in data[:end].decode("utf-8", errors="replace").splitlines():
            try:
                item = json.loads(line)
            except json.JSONDecodeError:
                continue
            self.landed.add((str(item.get("source")), str(item.get("source_id"))))
            self.landed_per_board[str(item.get("board"))] += 1
        if self.quarantine_path.exists():
            with open(self.quarantine_path, encoding="utf-8", errors="replace") as handle:
                for line in handle:
                    try:
                        entry = json.loads(line)
                    except json.JSONDecodeError:
                        continue
                    self._quarantined_keys.add(_quarantine_key(entry.get("reason"), entry.get("record")))
            self.quarantined = len(self._quarantined_keys)


def _quarantine_key(reason: Any, record: Any) -> tuple[str, str]:
    if isinstance(record, dict):
        return (f"{record.get('source')}:{record.get('source_id')}", str(reason))
    return (json.dumps(record, sort_keys=True, default=str), str(reason))


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
