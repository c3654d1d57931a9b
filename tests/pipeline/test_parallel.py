"""pipeline.parallel: many postings on worker processes, results in input order, same as one process."""

from __future__ import annotations

import json
import multiprocessing
import os
import signal

import pytest

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


def test_a_worker_killed_mid_run_ends_the_run_with_worker_died_not_a_hang():
    results = parallel.tag_json_many(_postings(5000), jobs=2)  # far more chunks than are ever in flight
    next(results)
    for child in multiprocessing.active_children():
        os.kill(child.pid, signal.SIGKILL)
    with pytest.raises(parallel.WorkerDied, match="a tagging process died"):
        for _ in results:
            pass
