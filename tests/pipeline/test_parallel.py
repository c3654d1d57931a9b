"""pipeline.parallel: many postings on worker processes, results in input order, same as one process."""

from __future__ import annotations

import json
import subprocess
import sys
import time

from pipeline import parallel


def _postings(count: int) -> list[dict]:
    texts = ["CCMA preferred; BLS required.", "Athena Street clinic, front desk.", "Epic and Cerner. $19-$23 an hour",
             "<ul><li>RMA within 90 days</li></ul>", ""]
    return [{"id": number, "title": "MA" if number % 3 else "Physician Assistant", "description": texts[number % 5]}
            for number in range(count)]


def test_workers_return_every_record_in_input_order_identical_to_one_process():
    postings = _postings(500)
    alone = list(parallel.tag_json_many(postings, jobs=1))
    spread = list(parallel.tag_json_many(iter(postings), jobs=2))  # a one-pass iterator, as stdin is
    assert spread == alone
    assert [json.loads(line)["id"] for line in spread] == list(range(500))


def test_few_known_postings_are_tagged_in_this_process(monkeypatch):
    monkeypatch.setattr(parallel.multiprocessing, "get_context",
                        lambda *_: (_ for _ in ()).throw(AssertionError("no workers for a small input")))
    lines = list(parallel.tag_json_many(_postings(10), jobs=4, expected=10))
    assert len(lines) == 10 and json.loads(lines[0])["is_ma"] is False


def test_the_worker_count_follows_this_process_cpu_affinity():
    import os

    assert parallel.available_cores() == len(os.sched_getaffinity(0))


def test_a_worker_killed_mid_run_ends_the_run_with_worker_died():
    # In a fresh interpreter, so that only this run's workers are its children and a hang is a timeout.
    # A chunk takes about 0.1 s to tag and microseconds to send back, so the kill lands while the
    # workers compute, not while one writes a result (killed mid-write, it can leave the pipe unreadable).
    script = """
import multiprocessing, os, signal
from pipeline import parallel
text = "Room patients, take vital signs and greet them warmly. " * 400
results = parallel.tag_json_many([{"id": n, "title": "MA", "description": text} for n in range(3000)], jobs=2)
next(results)
for child in multiprocessing.active_children():
    os.kill(child.pid, signal.SIGKILL)
try:
    for _ in results:
        pass
except parallel.WorkerDied as error:
    print(error)
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.startswith("a tagging process died")


def test_workers_leave_when_their_parent_is_killed(tmp_path):
    script = """
import sys
from pipeline import parallel
results = parallel.tag_json_many(({"id": n, "title": "MA", "description": "Vitals."} for n in range(10**9)), jobs=2)
next(results)
import multiprocessing
print(" ".join(str(child.pid) for child in multiprocessing.active_children()), flush=True)
import os, signal
os.kill(os.getpid(), signal.SIGKILL)
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    workers = [int(pid) for pid in result.stdout.split()]
    assert len(workers) == 2
    deadline = time.monotonic() + 10
    while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not any(_alive(pid) for pid in workers)


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split(")")[-1].split()[0] != "Z"  # a zombie has exited
    except FileNotFoundError:
        return False
