"""`ma-demand crawl`: warnings for down sources, the run lock, stale locks, exit statuses."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from ops_sample.harness import JOBS_PER_BOARD, REPO, BoardServer, dead_url, landed_items, ma_demand

from crawler.lock import LockHeld, RunLock
from warehouse import reader


def _records(data: Path) -> list[dict]:
    return [json.loads(path.read_text()) for path in sorted((data / "runs").glob("crawl-*.json"))]


def test_a_source_that_is_down_is_a_warning_while_the_others_load(sample_env, tmp_path):
    from crawler.fixtures.server import FixtureServer
    from crawler.fixtures.synthetic import generate

    postings = [p for p in generate(150) if p["ats"] in ("greenhouse", "lever")]
    boards = {source: sorted({p["board"] for p in postings if p["ats"] == source}) for source in ("greenhouse", "lever")}
    env = {key: value for key, value in sample_env.items() if key != "SCRAPY_SETTINGS_MODULE"}
    with FixtureServer(postings) as server:
        result = ma_demand([
            "crawl", "greenhouse", "lever",
            "-a", f"greenhouse:base_url={server.source_url('greenhouse')}", "-a", f"greenhouse:boards={','.join(boards['greenhouse'])}",
            "-a", f"lever:base_url={dead_url()}/lever", "-a", f"lever:boards={','.join(boards['lever'])}",
            "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "RETRY_TIMES=0"], env)
    assert result.returncode == 0, result.stderr
    (record,) = _records(tmp_path / "data")
    assert record["status"] == "warning"
    by_spider = {source["spider"]: source for source in record["sources"]}
    assert by_spider["lever"]["status"] == "warning" and by_spider["lever"]["reason"] == (
        "no postings: could not reach the source: connection refused")
    assert by_spider["greenhouse"]["status"] == "ok" and by_spider["greenhouse"]["items"] > 0
    assert [line.split(":")[0] for line in record["warnings"]] == ["lever"]
    assert "WARNING" in result.stderr and "spider=lever" in result.stderr
    assert record["load"]["ok"] is True
    rows = reader.query_rows(tmp_path / "data" / "warehouse.duckdb",
                             "SELECT source, count(*) FROM postings GROUP BY source")
    assert rows == [("greenhouse", by_spider["greenhouse"]["items"])]


def test_a_run_where_every_source_is_down_fails_with_one_line(sample_env, tmp_path):
    env = dict(sample_env, OPS_SAMPLE_URL=dead_url())
    result = ma_demand(["crawl", "alpha", "--no-load"], env)
    assert result.returncode == 1
    reason = [line for line in result.stderr.splitlines() if line.startswith("ma-demand crawl:")]
    assert len(reason) == 1 and "no source returned postings" in reason[0]
    assert reason[0].endswith("could not reach the source: connection refused")
    assert "Monitor" not in reason[0] and "log_count" not in reason[0]
    assert _records(tmp_path / "data")[0]["status"] == "failed"


def test_an_unknown_spider_is_a_usage_error(sample_env):
    result = ma_demand(["crawl", "nosuchspider"], sample_env)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [result.stderr.strip()]
    assert "unknown spider nosuchspider" in result.stderr


def _wait_for(path: Path, seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while not path.exists():
        assert time.monotonic() < deadline, f"{path} never appeared"
        time.sleep(0.05)


def test_a_second_crawl_is_refused_while_the_first_holds_the_lock(sample_env, tmp_path):
    slow = BoardServer(delay=0.4)
    try:
        env = dict(sample_env, OPS_SAMPLE_URL=slow.url)
        first = subprocess.Popen([sys.executable, "-m", "ma_demand", "crawl", "alpha", "--no-load"], env=env,
                                 cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        _wait_for(tmp_path / "data" / "crawl.lock")
        second = ma_demand(["crawl", "beta", "--no-load"], env)
        assert second.returncode == 3
        assert "refused: another crawl is running" in second.stderr
        assert first.wait(60) == 0
    finally:
        slow.close()
    assert not (tmp_path / "data" / "crawl.lock").exists()
    assert [record["spiders"] for record in _records(tmp_path / "data")] == [["alpha"]]


def test_the_lock_left_by_a_killed_run_is_cleared_by_the_next_run(board_server, sample_env, tmp_path):
    slow = BoardServer(delay=2.0)
    try:
        env = dict(sample_env, OPS_SAMPLE_URL=slow.url)
        killed = subprocess.Popen([sys.executable, "-m", "ma_demand", "crawl", "alpha", "--no-load"], env=env,
                                  cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                  start_new_session=True)
        lock = tmp_path / "data" / "crawl.lock"
        _wait_for(lock)
        os.killpg(killed.pid, signal.SIGKILL)
        killed.wait()
    finally:
        slow.close()
    assert json.loads(lock.read_text())["pid"] == killed.pid
    result = ma_demand(["crawl", "beta", "--no-load"], dict(sample_env, OPS_SAMPLE_URL=board_server.url))
    assert result.returncode == 0, result.stderr
    assert f"cleared a stale lock left by run" in result.stderr and f"PID {killed.pid}" in result.stderr
    assert not lock.exists()


def test_a_lock_held_from_another_host_is_never_taken_over(tmp_path):
    path = tmp_path / "crawl.lock"
    path.write_text(json.dumps({"pid": 1, "host": socket.gethostname() + "-elsewhere", "run_id": "crawl-x",
                                "started_at": "2026-11-25T00:00:00Z"}))
    try:
        RunLock(path, "crawl-y").acquire()
    except LockHeld as error:
        assert "crawl-x" in str(error)
    else:
        raise AssertionError("a lock held on another host was taken over")
    assert json.loads(path.read_text())["run_id"] == "crawl-x"


def test_a_half_written_lock_file_is_treated_as_stale(tmp_path):
    path = tmp_path / "crawl.lock"
    path.write_text("{")
    with RunLock(path, "crawl-z"):
        assert json.loads(path.read_text())["run_id"] == "crawl-z"
    assert not path.exists()


def test_a_load_failure_fails_the_run_and_keeps_the_landing_files(board_server, sample_env, tmp_path):
    unusable = tmp_path / "not-a-file.duckdb"
    unusable.mkdir()
    env = dict(sample_env, OPS_SAMPLE_URL=board_server.url, MA_DEMAND_DB=str(unusable))
    result = ma_demand(["crawl", "beta"], env)
    assert result.returncode == 1
    reason = [line for line in result.stderr.splitlines() if line.startswith("ma-demand crawl:")]
    assert len(reason) == 1 and reason[0].startswith("ma-demand crawl: load failed: ")
    (record,) = _records(tmp_path / "data")
    assert record["status"] == "failed" and record["load"]["ok"] is False
    assert len(landed_items(tmp_path / "data" / "landing", "beta")) == 2 * JOBS_PER_BOARD


def test_a_stopped_crawl_stops_its_spiders_and_releases_the_lock(sample_env, tmp_path):
    slow = BoardServer(delay=0.8)
    try:
        env = dict(sample_env, OPS_SAMPLE_URL=slow.url)
        run = subprocess.Popen([sys.executable, "-m", "ma_demand", "crawl", "alpha", "--no-load"], env=env,
                               cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        _wait_for(tmp_path / "data" / "crawl.lock")
        deadline = time.monotonic() + 30
        while not slow.hits:
            assert time.monotonic() < deadline, "the spider never reached the server"
            time.sleep(0.05)
        run.send_signal(signal.SIGTERM)
        assert run.wait(60) == 130
    finally:
        slow.close()
    assert not (tmp_path / "data" / "crawl.lock").exists()
    assert "interrupted" in run.stderr.read()


def _children(pid: int) -> list[int]:
    """PIDs whose parent is `pid`, from /proc."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rpartition(")")[2].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="spiders follow their parent through prctl (Linux)")
def test_spiders_of_a_crawl_killed_with_sigkill_stop_and_the_lock_lists_them(sample_env, tmp_path):
    slow = BoardServer(delay=4.0)  # the crawl would go on for 20 s or more
    try:
        env = dict(sample_env, OPS_SAMPLE_URL=slow.url)
        parent = subprocess.Popen([sys.executable, "-m", "ma_demand", "crawl", "alpha", "beta", "--no-load"],
                                  env=env, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        lock = tmp_path / "data" / "crawl.lock"
        _wait_for(lock)
        deadline = time.monotonic() + 30
        while not slow.hits:
            assert time.monotonic() < deadline, "the spiders never reached the server"
            time.sleep(0.05)
        spiders = _children(parent.pid)
        assert spiders and set(json.loads(lock.read_text())["members"]) >= set(spiders)
        parent.send_signal(signal.SIGKILL)  # the parent only, as the OOM killer or `kill -9` would
        parent.wait()
        # Stopping takes at most the answer in flight (4 s) and closing the landing files.
        deadline = time.monotonic() + 12
        while any(_running(pid) for pid in spiders):
            assert time.monotonic() < deadline, f"spiders {spiders} outlived their killed parent"
            time.sleep(0.1)
    finally:
        slow.close()


def test_a_lock_whose_owner_is_gone_holds_while_a_spider_of_its_run_lives(tmp_path):
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    spider = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    path = tmp_path / "crawl.lock"
    path.write_text(json.dumps({"pid": gone.pid, "host": socket.gethostname(), "run_id": "crawl-killed",
                                "started_at": "2026-11-25T00:00:00Z", "members": [spider.pid]}))
    try:
        with pytest.raises(LockHeld, match=f"spider\\(s\\) \\[{spider.pid}\\] still run"):
            RunLock(path, "crawl-next").acquire()
    finally:
        spider.kill()
        spider.wait()
    with RunLock(path, "crawl-next") as taken:
        assert taken.cleared is not None and taken.cleared.run_id == "crawl-killed"


def test_the_data_dir_setting_alone_moves_the_landing_folder_and_the_warehouse(board_server, sample_env, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    env = {key: value for key, value in sample_env.items() if key not in ("MA_DEMAND_LANDING", "MA_DEMAND_DB")}
    env.update(MA_DEMAND_DATA_DIR=str(elsewhere), OPS_SAMPLE_URL=board_server.url)
    result = ma_demand(["crawl", "beta"], env)
    assert result.returncode == 0, result.stderr
    assert len(landed_items(elsewhere / "landing", "beta")) == 2 * JOBS_PER_BOARD
    assert reader.query_rows(elsewhere / "warehouse.duckdb", "SELECT count(*) FROM postings")[0][0] > 0
    assert not (Path(REPO) / "data" / "landing" / "beta").exists()
