"""A crawl killed with SIGKILL and resumed with the same JOBDIR lands each posting exactly once."""

from __future__ import annotations

import json
import signal
import subprocess
import time

from tests.crawler.conftest import REPO, crawl_env, posting, scrapy_command


def _lines(path):
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()] if path.exists() else []


def test_sigkill_then_resume_gives_each_posting_exactly_once(serve, tmp_path):
    postings = [posting("lever", "acme", n) for n in range(1, 25)]
    server = serve(postings)
    landing, job_dir = tmp_path / "landing", tmp_path / "job"
    settings = {"JOBDIR": str(job_dir), "DOWNLOAD_DELAY": "0.15"}
    command = scrapy_command("lever", server.source_url("lever"), tmp_path / "first.jsonl", "acme", settings,
                             {"page_size": 1})
    first = subprocess.Popen(command, cwd=REPO, env=crawl_env(landing),
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    folder = landing / "lever"
    deadline = time.time() + 30
    while time.time() < deadline:
        parts = list(folder.glob("*.jsonl.part")) if folder.exists() else []
        if parts and len(_lines(parts[0])) >= 5:
            break
        time.sleep(0.05)
    first.send_signal(signal.SIGKILL)
    first.wait(timeout=10)
    part = next(folder.glob("*.jsonl.part"))
    run_id = part.name.removesuffix(".jsonl.part")
    landed_before = len(_lines(part))
    assert 5 <= landed_before < len(postings)
    with open(part, "a") as handle:  # a kill can tear the last line
        handle.write('{"source": "lever", "source_id": "torn')

    resumed = subprocess.run(scrapy_command("lever", server.source_url("lever"), tmp_path / "second.jsonl", "acme",
                                            {**settings, "DOWNLOAD_DELAY": "0"}, {"page_size": 1}),
                             cwd=REPO, env=crawl_env(landing), capture_output=True, text=True, timeout=60)
    assert resumed.returncode == 0, resumed.stderr
    assert not list(folder.glob("*.part"))
    landed = _lines(folder / f"{run_id}.jsonl")
    ids = [item["source_id"] for item in landed]
    assert len(ids) == len(postings) == len(set(ids))
    assert {item["run_id"] for item in landed} == {run_id}
    record = json.loads((folder / f"{run_id}.run.json").read_text())
    assert record["resumed"] is True and record["postings"] == len(postings)
    assert record["boards"]["acme"]["kept"] == len(postings) and record["boards"]["acme"]["complete"] is True
    assert sorted(p.name for p in folder.iterdir()) == [f"{run_id}.jsonl", f"{run_id}.run.json"]
