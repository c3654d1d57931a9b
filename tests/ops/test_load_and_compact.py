"""The load step of `ma-demand crawl`: load, then compact old loaded runs; a JSON summary on stdout."""

from __future__ import annotations

import json
import subprocess
import sys

from ops_sample.harness import REPO

from pipeline import tag
from warehouse import reader
from warehouse.retention import archive_dir

OLD_RUN = "greenhouse-20260801T031700Z-0a1b2c"


def _land_old_run(landing):
    folder = landing / "greenhouse"
    folder.mkdir(parents=True)
    items = []
    for number in range(3):
        text = "Medical Assistant. CMA required. Epic preferred."
        items.append({"source": "greenhouse", "source_id": str(number), "board": "riverbend", "url": f"https://x.invalid/{number}",
                      "title": "Medical Assistant", "employer": "Riverbend Health", "location": "Tulsa, OK",
                      "description_text": text, "tags": tag({"id": str(number), "title": "Medical Assistant",
                                                             "description": text}),
                      "raw": {}, "pay": None, "synthetic": True, "fetched_at": "2026-08-01T03:20:00Z", "run_id": OLD_RUN})
    (folder / f"{OLD_RUN}.jsonl").write_text("".join(json.dumps(item) + "\n" for item in items))
    (folder / f"{OLD_RUN}.run.json").write_text(json.dumps({
        "run_id": OLD_RUN, "spider": "greenhouse", "started_at": "2026-08-01T03:17:00Z",
        "finished_at": "2026-08-01T03:21:00Z", "finish_reason": "finished", "stats": {}, "quarantined": 0}))


def _load_step(db, landing, *options):
    return subprocess.run([sys.executable, "-m", "warehouse.load_and_compact", "--db", str(db), "--landing", str(landing),
                           *options], cwd=REPO, capture_output=True, text=True, timeout=120)


def test_the_load_step_loads_then_compacts_old_runs_and_a_second_load_changes_nothing(tmp_path):
    landing, db = tmp_path / "data" / "landing", tmp_path / "data" / "warehouse.duckdb"
    _land_old_run(landing)

    first = _load_step(db, landing, "--compact-older-than", "30")

    assert first.returncode == 0, first.stderr
    summary = json.loads(first.stdout.splitlines()[-1])
    assert summary["ok"] is True and summary["compacted_runs"] == 1 and summary["postings_in_warehouse"] == 3
    assert not (landing / "greenhouse" / f"{OLD_RUN}.jsonl").exists()
    assert (archive_dir(landing) / "greenhouse" / "2026-08.parquet").exists()
    again = _load_step(db, landing)
    assert again.returncode == 0 and json.loads(again.stdout.splitlines()[-1])["postings_in_warehouse"] == 3
    assert reader.query_rows(db, "SELECT count(*) FROM crawl_runs WHERE run_id = ?", [OLD_RUN]) == [(1,)]


def test_a_failing_load_prints_one_json_line_and_exits_1(tmp_path):
    result = _load_step(tmp_path / "w.duckdb", tmp_path / "no-such-landing")
    assert result.returncode == 1
    summary = json.loads(result.stdout.splitlines()[-1])
    assert summary["ok"] is False and "no-such-landing" in summary["error"]
