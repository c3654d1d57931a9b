"""Retention: compact old, already-loaded landing files into monthly Parquet archives.

Landing files are one JSON Lines file per crawl run; after months of nightly crawls they are
thousands of files and gigabytes of repeated JSON. `compact()` moves every run that is
(a) older than the retention age and (b) already loaded (its run id is in `crawl_runs`) into
`<archive>/<spider>/<YYYY-MM>.parquet` (zstd), one row per posting, nested fields (pay, tags,
raw) kept as JSON text. Run records go to `<archive>/<spider>/runs.jsonl` and quarantined
records to `<YYYY-MM>.quarantine.parquet`. The loader reads JSON Lines only, so nothing that
is not yet in the warehouse is ever compacted; `restore()` writes archived runs back as
landing files when a warehouse must be rebuilt from scratch.

Compaction is idempotent and safe to kill: a month file is rewritten whole to a temporary
name and renamed, rows of the runs being added are replaced rather than appended twice, and
the JSON Lines files are deleted only after the Parquet file holding them is in place.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

RUN_ID = re.compile(r"^(?P<spider>.+)-(?P<stamp>\d{8}T\d{6}Z)-[0-9a-f]{6}$")


@dataclass
class CompactReport:
    runs: int = 0
    items: int = 0
    bytes_before: int = 0
    bytes_after: int = 0
    skipped_not_loaded: int = 0


def archive_dir(landing: str | Path) -> Path:
    """The archive folder: `archive/` beside the landing folder."""
    return Path(landing).resolve().parent / "archive"


def run_time(run_id: str) -> datetime | None:
    match = RUN_ID.match(run_id)
    if not match:
        return None
    return datetime.strptime(match["stamp"], "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)


def loaded_run_ids(db: str | Path) -> set[str]:
    """Run ids the warehouse has loaded; empty when there is no warehouse yet."""
    if not Path(db).is_file():
        return set()
    from warehouse import reader

    return {row[0] for row in reader.query_rows(db, "SELECT run_id FROM crawl_runs")}


def compact(landing: str | Path, db: str | Path, *, older_than_days: float, now: datetime | None = None,
            archive: str | Path | None = None) -> CompactReport:
    """Move loaded runs older than `older_than_days` from JSON Lines into Parquet."""
    landing = Path(landing)
    archive = Path(archive) if archive else archive_dir(landing)
    cutoff = (now or datetime.now(UTC)) - timedelta(days=older_than_days)
    loaded = loaded_run_ids(db)
    report = CompactReport()
    batches: dict[tuple[str, str], list[Path]] = {}
    for items_path in sorted(landing.glob("*/*.jsonl")):
        if items_path.name.endswith(".quarantine.jsonl"):
            continue
        run_id = items_path.name.removesuffix(".jsonl")
        moment = run_time(run_id)
        if moment is None or moment >= cutoff:
            continue
        if run_id not in loaded:
            report.skipped_not_loaded += 1
            continue
        batches.setdefault((items_path.parent.name, f"{moment:%Y-%m}"), []).append(items_path)
    for (spider, month), paths in batches.items():
        _compact_month(archive / spider, month, paths, report)
    return report


def _compact_month(folder: Path, month: str, paths: list[Path], report: CompactReport) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    run_ids = {path.name.removesuffix(".jsonl") for path in paths}
    items, quarantined, records, originals = [], [], [], []
    for path in paths:
        run_id = path.name.removesuffix(".jsonl")
        record_path = path.with_name(f"{run_id}.run.json")
        quarantine_path = path.with_name(f"{run_id}.quarantine.jsonl")
        items += [_flatten(row) for row in _read_lines(path)]
        quarantined += [{"run_id": run_id, "reason": str(row.get("reason")), "record": json.dumps(row.get("record"))}
                        for row in _read_lines(quarantine_path)]
        if record_path.exists():
            records.append(json.loads(record_path.read_text(encoding="utf-8")) | {"run_id": run_id})
        originals += [p for p in (path, record_path, quarantine_path) if p.exists()]
    _merge_parquet(folder / f"{month}.parquet", items, run_ids)
    _merge_parquet(folder / f"{month}.quarantine.parquet", quarantined, run_ids)
    _merge_run_records(folder / "runs.jsonl", records)
    report.runs += len(paths)
    report.items += len(items)
    report.bytes_before += sum(p.stat().st_size for p in originals)
    for path in originals:
        path.unlink()
    report.bytes_after = sum(p.stat().st_size for p in folder.parent.glob("*/*") if p.is_file())


def _flatten(item: dict) -> dict:
    """Nested values become JSON text so every month file has one flat, stable schema."""
    return {key: json.dumps(value, ensure_ascii=False) if isinstance(value, (dict, list)) else value
            for key, value in item.items()}


def _read_lines(path: Path) -> list[dict]:
    if not path.exists():
        return []
    rows = []
    with open(path, encoding="utf-8", errors="replace") as handle:
        for line in handle:
            try:
                value = json.loads(line)
            except json.JSONDecodeError:
                continue
            if isinstance(value, dict):
                rows.append(value)
    return rows


def _merge_parquet(path: Path, rows: list[dict], run_ids: set[str]) -> None:
    if not rows and not path.exists():
        return
    tables = []
    if path.exists():
        existing = pq.read_table(path)
        keep = [run_id not in run_ids for run_id in existing.column("run_id").to_pylist()]
        tables.append(existing.filter(pa.array(keep, type=pa.bool_())))
    if rows:
        tables.append(pa.Table.from_pylist(rows))
    table = pa.concat_tables(tables, promote_options="permissive") if len(tables) > 1 else tables[0]
    temporary = path.with_name(path.name + ".tmp")
    pq.write_table(table, temporary, compression="zstd", compression_level=9)
    with open(temporary, "rb") as handle:
        os.fsync(handle.fileno())
    os.replace(temporary, path)


def _merge_run_records(path: Path, records: list[dict]) -> None:
    if not records:
        return
    kept = {row["run_id"]: row for row in _read_lines(path)}
    kept.update({record["run_id"]: record for record in records})
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text("".join(json.dumps(row, default=str) + "\n" for row in kept.values()), encoding="utf-8")
    os.replace(temporary, path)


def restore(archive: str | Path, landing: str | Path) -> int:
    """Write every archived run back as landing files (for a rebuild); returns the runs written."""
    archive, landing = Path(archive), Path(landing)
    written = 0
    for month_file in sorted(archive.glob("*/*.parquet")):
        if month_file.name.endswith(".quarantine.parquet"):
            continue
        spider = month_file.parent.name
        records = {row["run_id"]: row for row in _read_lines(month_file.parent / "runs.jsonl")}
        by_run: dict[str, list[dict]] = {}
        for row in pq.read_table(month_file).to_pylist():
            by_run.setdefault(row["run_id"], []).append(_unflatten(row))
        for run_id, rows in by_run.items():
            target = landing / spider / f"{run_id}.jsonl"
            if target.exists():
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            part = target.with_name(target.name + ".part")
            part.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8")
            os.replace(part, target)
            if run_id in records:
                target.with_name(f"{run_id}.run.json").write_text(json.dumps(records[run_id], indent=2), encoding="utf-8")
            written += 1
    return written


NESTED_FIELDS = ("pay", "tags", "raw", "fingerprint")


def _unflatten(row: dict) -> dict:
    return {key: json.loads(value) if key in NESTED_FIELDS and isinstance(value, str) else value
            for key, value in row.items()}
