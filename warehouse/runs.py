"""Merge a crawl run record (`<run_id>.run.json`) into crawl_runs and run_boards.

The record says which boards the run listed completely: a board counts as complete when the run
finished normally and the board entry neither reports an error nor says `"complete": false`.
Only complete crawls of a board can mark its missing postings as removed.
"""

from __future__ import annotations

import json
from typing import Any

import duckdb
import pyarrow as pa

from warehouse.landing_files import LandingFile


class BadRunRecord(ValueError):
    """The run record cannot be read; it is reported and left for a later load."""


def _boards(record: dict[str, Any]) -> list[dict[str, Any]]:
    boards = record.get("boards") or {}
    if isinstance(boards, list):
        boards = {str(entry.get("board")): entry for entry in boards if isinstance(entry, dict)}
    finished = record.get("finish_reason") == "finished"
    rows = []
    for board, counts in boards.items():
        counts = counts if isinstance(counts, dict) else {}
        error = counts.get("error")
        rows.append({
            "board": str(board), "fetched": _int(counts.get("fetched")), "kept": _int(counts.get("kept")),
            "skipped": _int(counts.get("skipped")),
            "complete": bool(finished and not error and counts.get("complete", True) is not False),
            "error": None if error is None else str(error),
        })
    return rows


def _int(value: Any) -> int | None:
    try:
        return None if value is None else int(value)
    except (TypeError, ValueError):
        return None


def _monitors_passed(record: dict[str, Any]) -> bool | None:
    monitors = record.get("monitors")
    if isinstance(monitors, dict) and "passed" in monitors:
        return bool(monitors["passed"])
    if isinstance(monitors, list) and monitors:
        return all(isinstance(m, dict) and m.get("passed", m.get("status") == "PASSED") for m in monitors)
    return None


def merge_run(con: duckdb.DuckDBPyConnection, landing_file: LandingFile) -> str:
    """Insert or replace one run's row and its boards; returns the run_id."""
    try:
        record = json.loads(landing_file.path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise BadRunRecord(f"{landing_file.relative}: not a readable JSON run record ({error})") from error
    if not isinstance(record, dict):
        raise BadRunRecord(f"{landing_file.relative}: run record is not a JSON object")
    run_id = str(record.get("run_id") or landing_file.run_id)
    spider = str(record.get("spider") or run_id.split("-")[0])
    stats = record.get("stats") if isinstance(record.get("stats"), dict) else {}
    boards = _boards(record)
    monitors = _monitors_passed(record)
    finished = record.get("finish_reason") == "finished"
    row = {
        "run_id": run_id, "spider": spider, "started_at": record.get("started_at"),
        "finished_at": record.get("finished_at"), "finish_reason": record.get("finish_reason"),
        "items": _int(stats.get("item_scraped_count")) if stats.get("item_scraped_count") is not None
        else sum(b["kept"] or 0 for b in boards),
        "skipped": sum(b["skipped"] or 0 for b in boards),
        "quarantined": _int(record.get("quarantined")),
        "errors": _int(stats.get("log_count/ERROR")) or 0,
        "health": json.dumps({"monitors": record.get("monitors"), "boards": record.get("boards"), "stats": stats}),
        "landing_file": landing_file.relative, "boards": len(boards),
        "boards_complete": sum(1 for b in boards if b["complete"]),
        "passed": bool(finished and monitors is not False), "synthetic": bool(record.get("synthetic", False)),
    }
    con.execute("DELETE FROM crawl_runs WHERE run_id = ?", [run_id])
    con.execute("DELETE FROM run_boards WHERE run_id = ?", [run_id])
    con.register("run_row", pa.Table.from_pylist([row]))
    con.execute("""INSERT INTO crawl_runs BY NAME
                   SELECT * REPLACE (CAST(TRY_CAST(started_at AS TIMESTAMPTZ) AS TIMESTAMP) AS started_at,
                                     CAST(TRY_CAST(finished_at AS TIMESTAMPTZ) AS TIMESTAMP) AS finished_at,
                                     CAST(health AS JSON) AS health)
                   FROM run_row""")
    con.unregister("run_row")
    if boards:
        con.register("board_rows", pa.Table.from_pylist([dict(b, run_id=run_id, source=spider) for b in boards]))
        con.execute("INSERT INTO run_boards BY NAME SELECT * FROM board_rows")
        con.unregister("board_rows")
    return run_id
