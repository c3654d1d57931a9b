"""Tag many postings on several cores, results in input order.

Tagging is per posting with no shared state, so `ma-demand tag --jobs N` and `ma-demand retag`
hand postings to N worker processes in chunks and read the tag records back in the order the
postings came. Workers are started with "spawn", not "fork": the caller may hold threads (DuckDB's,
during a retag), and a forked child would inherit their locks. Each worker builds the vocabulary
automaton once, so a few hundred postings are tagged in the calling process instead. A worker
that dies (killed, out of memory) ends the run with `WorkerDied` (one killed in the middle of
sending a result can still leave the executor waiting: the pipe then holds half a message), and
workers leave by themselves when their parent is killed.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import threading
import time
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import islice
from typing import Any, Iterable, Iterator

import orjson

from pipeline.tagger import tag

# Below this many postings the workers' start-up (0.1-0.2 s: a fresh interpreter importing the
# tagger and building its automaton) costs about what they save (2,000 postings: 0.89 s on one
# process, 0.68 s on two).
MIN_PARALLEL = 500
_CHUNK = 64  # postings per task sent to a worker
_AHEAD = 4  # chunks in flight per worker: enough to keep them busy, and memory bounded on endless input


class WorkerDied(RuntimeError):
    """A tagging process ended before its postings were tagged."""


def available_cores() -> int:
    """How many cores this process may run on (its affinity, not the machine's count)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def tag_json(record: Any) -> str:
    """The tag record of one posting as one JSON line (without the newline).

    orjson writes it (a tenth of the json module's cost); a record it refuses (a string it cannot
    encode) is written by the json module instead."""
    tagged = tag(record)
    try:
        return orjson.dumps(tagged).decode()
    except TypeError:
        return json.dumps(tagged, ensure_ascii=False)


def _exit_with_parent(parent: int) -> None:
    """Worker start-up: leave when the parent is gone (killed outright, it cannot tell the workers)."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


def tag_json_chunk(records: list[Any]) -> list[str]:
    """`tag_json` of each record of a chunk (what one worker task does)."""
    return [tag_json(record) for record in records]


def tag_json_many(records: Iterable[Any], jobs: int = 1, *, expected: int | None = None) -> Iterator[str]:
    """`tag_json` of every record, in order, on `jobs` processes.

    `expected` is how many records are coming, when the caller knows: with fewer than
    MIN_PARALLEL, or with `jobs` <= 1, everything runs here. Records of unknown number start the
    workers at once (the caller asked for them).
    """
    if jobs <= 1 or (expected is not None and expected < MIN_PARALLEL):
        for record in records:
            yield tag_json(record)
        return
    source = iter(records)
    with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("spawn"),
                             initializer=_exit_with_parent, initargs=(os.getpid(),)) as pool:
        pending: deque = deque()
        try:
            while chunk := list(islice(source, _CHUNK)):
                pending.append(pool.submit(tag_json_chunk, chunk))
                if len(pending) >= jobs * _AHEAD:
                    yield from pending.popleft().result()
            while pending:
                yield from pending.popleft().result()
        except BrokenProcessPool as error:
            raise WorkerDied(f"a tagging process died ({error}); nothing after it was written") from None
