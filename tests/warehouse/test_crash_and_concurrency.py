"""A load killed at any moment loses nothing, and readers never fail while loads run."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.landing_items import write_landing
from warehouse import load

from .conftest import quiet, snapshot_rows

REPO = Path(__file__).resolve().parents[2]
LOAD = "import sys; from warehouse import load; load.load(sys.argv[1], sys.argv[2], progress=lambda m: print(m, flush=True))"
READ_LOOP = """
import sys, time
from pathlib import Path
from warehouse import reader
stop, queries, deadline = Path(sys.argv[2]), 0, time.monotonic() + 120
while not stop.exists() and time.monotonic() < deadline:
    n = reader.query_rows(sys.argv[1], "SELECT count(*) FROM postings")[0][0]
    assert n > 0
    queries += 1
print(queries)
"""


def _python(*args: str, **kwargs) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", *args], cwd=REPO, text=True, **kwargs)


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    return write_landing(tmp_path_factory.mktemp("landing"), 900, runs=3)


@pytest.fixture(scope="module")
def clean_rows(tmp_path_factory, generated) -> dict:
    clean = tmp_path_factory.mktemp("clean") / "clean.duckdb"
    load.load(clean, generated, progress=quiet)
    return snapshot_rows(clean)


@pytest.mark.slow
@pytest.mark.parametrize("kill_after", ["merged", "core tables built", "claims refreshed"])
def test_sigkill_during_a_load_then_loading_again_equals_one_clean_load(tmp_path, generated, clean_rows, kill_after):
    db = tmp_path / "killed.duckdb"
    process = _python(LOAD, str(db), str(generated), stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    for line in process.stdout:
        if line.startswith(kill_after):
            os.kill(process.pid, signal.SIGKILL)
            break
    process.wait(timeout=60)
    assert process.returncode == -signal.SIGKILL
    assert not db.exists()  # the first build never reached the swap
    load.load(db, generated, progress=quiet)
    assert snapshot_rows(db) == clean_rows


@pytest.mark.slow
def test_sigkill_during_a_second_load_keeps_the_first_warehouse_readable(tmp_path, generated, landing):
    db = tmp_path / "w.duckdb"
    load.load(db, landing, progress=quiet)
    first = snapshot_rows(db)
    process = _python(LOAD, str(db), str(generated), stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    for line in process.stdout:
        if line.startswith("merged"):
            os.kill(process.pid, signal.SIGKILL)
            break
    process.wait(timeout=60)
    assert snapshot_rows(db) == first


@pytest.mark.slow
def test_a_reader_querying_in_a_loop_never_fails_while_loads_run(tmp_path, generated, landing):
    db = tmp_path / "w.duckdb"
    load.load(db, landing, progress=quiet)
    stop = tmp_path / "stop"
    reading = _python(READ_LOOP, str(db), str(stop), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    runs = sorted(generated.rglob("*.jsonl"))
    for loads in range(3):
        step = tmp_path / f"step{loads}"
        for item_file in runs[: loads % len(runs) + 1]:
            target = step / item_file.relative_to(generated)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(item_file.read_bytes())
        load.load(db, step, progress=quiet)
    stop.touch()
    out, err = reading.communicate(timeout=60)
    assert reading.returncode == 0, err
    assert int(out) > 10
