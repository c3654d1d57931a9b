"""Find the landing files a load can merge: complete item files, run records and quarantine files.

A crawl writes `<run_id>.jsonl.part` and renames it to `<run_id>.jsonl` when the run closes, then
writes `<run_id>.run.json` (docs/contracts.md section 2); `.part` files are never read. Each file
is identified by the SHA-256 of its bytes, which the load manifest records.
"""

from __future__ import annotations

import hashlib
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

ITEMS, RUN, QUARANTINE = "items", "run", "quarantine"


@dataclass(frozen=True)
class LandingFile:
    path: Path
    relative: str
    kind: str
    run_id: str
    sha256: str
    size: int


def kind_of(path: Path) -> tuple[str, str] | None:
    """(kind, run_id) for a landing file name, or None for anything else (e.g. `.part`)."""
    name = path.name
    if name.endswith(".quarantine.jsonl"):
        return QUARANTINE, name[: -len(".quarantine.jsonl")]
    if name.endswith(".run.json"):
        return RUN, name[: -len(".run.json")]
    if name.endswith(".jsonl"):
        return ITEMS, name[: -len(".jsonl")]
    return None


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as source:
        for block in iter(lambda: source.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def discover(landing: Path) -> list[LandingFile]:
    """Every complete landing file under `landing`, run records first, then by path."""
    if not landing.is_dir():
        return []
    paths = [(path, kind) for path in sorted(landing.rglob("*")) if path.is_file() and (kind := kind_of(path))]
    # hashlib releases the GIL while it hashes, so two threads hash two files at once.
    with ThreadPoolExecutor(max_workers=2) as pool:
        digests = list(pool.map(sha256_of, [path for path, _ in paths]))
    found = [LandingFile(path, path.relative_to(landing).as_posix(), kind[0], kind[1], digest, path.stat().st_size)
             for (path, kind), digest in zip(paths, digests)]
    order = {RUN: 0, ITEMS: 1, QUARANTINE: 2}
    return sorted(found, key=lambda f: (order[f.kind], f.relative))
