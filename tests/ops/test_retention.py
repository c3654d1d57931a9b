"""Retention: old, loaded landing runs move into monthly Parquet; nothing unloaded is touched."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pyarrow.parquet as pq

from warehouse.load import prepare
from warehouse.retention import archive_dir, compact, restore

NOW = datetime(2026, 11, 25, tzinfo=UTC)


def _warehouse(path: Path, loaded: list[str]) -> Path:
    con = duckdb.connect(str(path))
    prepare(con)
    for run_id in loaded:
        con.execute("INSERT INTO crawl_runs (run_id, spider) VALUES (?, 'greenhouse')", [run_id])
    con.close()
    return path


def _land(landing: Path, run_id: str, ids: list[str], quarantined: int = 0) -> None:
    folder = landing / "greenhouse"
    folder.mkdir(parents=True, exist_ok=True)
    rows = [{"source": "greenhouse", "source_id": i, "title": f"Medical Assistant {i}", "run_id": run_id,
             "pay": {"min": 19.0, "max": 23.0, "period": "hour"}, "tags": {"is_ma": True, "ehr": ["epic"]},
             "raw": {"id": i}, "remote": None} for i in ids]
    (folder / f"{run_id}.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    (folder / f"{run_id}.run.json").write_text(json.dumps({"run_id": run_id, "finish_reason": "finished"}))
    if quarantined:
        (folder / f"{run_id}.quarantine.jsonl").write_text(
            json.dumps({"reason": "title missing", "record": {"id": "bad"}}) + "\n")


OLD_A = "greenhouse-20260901T030000Z-aaaaaa"
OLD_B = "greenhouse-20260915T030000Z-bbbbbb"
OLD_UNLOADED = "greenhouse-20260920T030000Z-cccccc"
RECENT = "greenhouse-20261120T030000Z-dddddd"


def test_only_loaded_runs_older_than_the_age_are_compacted(tmp_path):
    landing = tmp_path / "data" / "landing"
    for run_id, ids in ((OLD_A, ["1", "2"]), (OLD_B, ["2", "3"]), (OLD_UNLOADED, ["4"]), (RECENT, ["5"])):
        _land(landing, run_id, ids, quarantined=1 if run_id == OLD_A else 0)
    db = _warehouse(tmp_path / "w.duckdb", [OLD_A, OLD_B, RECENT])

    report = compact(landing, db, older_than_days=30, now=NOW)

    assert (report.runs, report.items, report.skipped_not_loaded) == (2, 4, 1)
    left = sorted(path.name for path in (landing / "greenhouse").iterdir())
    assert left == sorted([f"{OLD_UNLOADED}.jsonl", f"{OLD_UNLOADED}.run.json", f"{RECENT}.jsonl", f"{RECENT}.run.json"])
    month = pq.read_table(archive_dir(landing) / "greenhouse" / "2026-09.parquet").to_pylist()
    assert sorted((row["run_id"], row["source_id"]) for row in month) == [
        (OLD_A, "1"), (OLD_A, "2"), (OLD_B, "2"), (OLD_B, "3")]
    assert json.loads(month[0]["tags"]) == {"is_ma": True, "ehr": ["epic"]}
    quarantine = pq.read_table(archive_dir(landing) / "greenhouse" / "2026-09.quarantine.parquet").to_pylist()
    assert [row["reason"] for row in quarantine] == ["title missing"]


def test_compacting_the_same_run_twice_does_not_duplicate_its_rows(tmp_path):
    landing = tmp_path / "landing"
    _land(landing, OLD_A, ["1", "2"])
    db = _warehouse(tmp_path / "w.duckdb", [OLD_A])
    compact(landing, db, older_than_days=30, now=NOW)
    _land(landing, OLD_A, ["1", "2"])  # as if a kill came after the Parquet write, before the delete
    compact(landing, db, older_than_days=30, now=NOW)
    rows = pq.read_table(archive_dir(landing) / "greenhouse" / "2026-09.parquet").to_pylist()
    assert sorted(row["source_id"] for row in rows) == ["1", "2"]


def test_without_a_warehouse_nothing_is_compacted(tmp_path):
    landing = tmp_path / "landing"
    _land(landing, OLD_A, ["1"])
    report = compact(landing, tmp_path / "missing.duckdb", older_than_days=1, now=NOW)
    assert (report.runs, report.skipped_not_loaded) == (0, 1)
    assert (landing / "greenhouse" / f"{OLD_A}.jsonl").exists()


def test_restore_writes_archived_runs_back_as_landing_files(tmp_path):
    landing = tmp_path / "landing"
    _land(landing, OLD_A, ["1", "2"])
    original = [json.loads(line) for line in (landing / "greenhouse" / f"{OLD_A}.jsonl").read_text().splitlines()]
    compact(landing, _warehouse(tmp_path / "w.duckdb", [OLD_A]), older_than_days=30, now=NOW)
    assert restore(archive_dir(landing), landing) == 1
    back = [json.loads(line) for line in (landing / "greenhouse" / f"{OLD_A}.jsonl").read_text().splitlines()]
    assert back == original
    assert json.loads((landing / "greenhouse" / f"{OLD_A}.run.json").read_text())["finish_reason"] == "finished"
