"""`ma-demand status`: last runs with their health, sizes, and postings per source."""

from __future__ import annotations

import json
import re
import duckdb
from ops_sample.harness import ma_demand

from warehouse.load import prepare



def _posting(con, source: str, number: int, active: bool, is_ma: bool) -> None:
    con.execute("""INSERT INTO postings (posting_id, source, source_id, first_seen, last_seen, active, is_ma)
                   VALUES (?, ?, ?, TIMESTAMP '2026-11-24 03:00:00', TIMESTAMP '2026-11-25 03:00:00', ?, ?)""",
                [f"{source}:{number}", source, str(number), active, is_ma])


def test_status_shows_runs_warnings_sizes_and_postings_per_source(sample_env, tmp_path):
    data = tmp_path / "data"
    (data / "runs").mkdir(parents=True)
    for run_id, status, warnings in (("crawl-20261124T030000Z-aaaaaa", "ok", []),
                                     ("crawl-20261125T030000Z-bbbbbb", "warning", ["lever: no landing file"])):
        (data / "runs" / f"{run_id}.json").write_text(json.dumps({
            "run_id": run_id, "status": status, "started_at": run_id[6:22], "warnings": warnings, "seconds": 12.5,
            "sources": [{"spider": "greenhouse", "items": 40, "run_ids": ["g"]},
                        {"spider": "lever", "items": 0, "run_ids": [] if warnings else ["l"]}]}))
    con = duckdb.connect(str(data / "warehouse.duckdb"))
    prepare(con)
    for number in range(3):
        _posting(con, "greenhouse", number, active=number < 2, is_ma=True)
    _posting(con, "lever", 9, active=True, is_ma=False)
    con.execute("""INSERT INTO crawl_runs (run_id, spider, started_at, finished_at, finish_reason, items, quarantined, errors)
                   VALUES ('greenhouse-20261125T031700Z-abcdef', 'greenhouse', TIMESTAMP '2026-11-25 03:17:00',
                           TIMESTAMP '2026-11-25 03:20:00', 'finished', 40, 2, 0)""")
    con.close()

    result = ma_demand(["status"], sample_env)

    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    newest = next(n for n, line in enumerate(lines) if "crawl-20261125T030000Z-bbbbbb" in line)
    assert "warning" in lines[newest] and "40 postings, 1/2 sources" in lines[newest]
    assert lines[newest + 1].strip() == "! lever: no landing file"
    assert newest < next(n for n, line in enumerate(lines) if "crawl-20261124T030000Z-aaaaaa" in line)
    size = (tmp_path / "data" / "warehouse.duckdb").stat().st_size
    assert any(re.fullmatch(rf"Warehouse: .*warehouse\.duckdb \({size / 1024 ** (1 if size < 1024 ** 2 else 2):.1f} [KM]B\)", line)
               for line in lines), lines
    assert [line.split()[:4] for line in lines if line.split()[:1] in (["greenhouse"], ["lever"])] == [
        ["greenhouse", "3", "2", "3"], ["lever", "1", "1", "0"]]
    spider_run = next(line for line in lines if "greenhouse-20261125T031700Z-abcdef" in line).split()
    assert spider_run[1:6] == ["finished", "40", "items", "2", "quarantined"]


def test_status_exits_1_when_the_last_run_failed(sample_env, tmp_path):
    runs = tmp_path / "data" / "runs"
    runs.mkdir(parents=True)
    (runs / "crawl-20261125T030000Z-cccccc.json").write_text(json.dumps(
        {"run_id": "crawl-20261125T030000Z-cccccc", "status": "failed", "reason": "load failed: disk full"}))
    result = ma_demand(["status"], sample_env)
    assert result.returncode == 1
    assert "! load failed: disk full" in result.stdout
    assert "no warehouse at" in result.stdout
