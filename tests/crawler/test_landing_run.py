"""Landing files: written whole or not at all, resumable, each posting and quarantine entry once."""

from __future__ import annotations

import hashlib
import json

from crawler.landing_run import LandingRun
from crawler.spiders.base import BoardSpider


def _item(number: int) -> dict:
    return {"source": "lever", "source_id": str(number), "board": "acme"}


def test_a_run_is_a_part_file_until_it_finishes(tmp_path):
    run = LandingRun.open(tmp_path, "lever")
    assert run.write(_item(1)) and not run.write(_item(1))
    assert run.part_path.exists() and not run.items_path.exists()
    run.finish({"run_id": run.run_id})
    assert not run.part_path.exists()
    assert [json.loads(line)["source_id"] for line in run.items_path.read_text().splitlines()] == ["1"]
    record = json.loads(run.record_path.read_text())
    assert record == {"run_id": run.run_id, "items_sha256": record["items_sha256"], "items_bytes": record["items_bytes"]}


def test_the_run_record_names_the_items_files_digest_and_size(tmp_path):
    run = LandingRun.open(tmp_path, "lever")
    run.write(_item(1))
    run.write({**_item(2), "title": "Médical Assistant"})  # non-ASCII: the digest is of the UTF-8 bytes
    run.finish({"run_id": run.run_id})
    record = json.loads(run.record_path.read_text())
    data = run.items_path.read_bytes()
    assert record["items_bytes"] == len(data)
    assert record["items_sha256"] == hashlib.sha256(data).hexdigest()


def test_a_resumed_run_records_the_digest_of_the_whole_file_without_the_torn_line(tmp_path):
    first = LandingRun.open(tmp_path / "landing", "lever", tmp_path / "job")
    first.write(_item(1))
    first.suspend()
    with open(first.part_path, "a", encoding="utf-8") as part:
        part.write('{"source": "lever", "source_id": "torn')  # a kill in the middle of a line
    again = LandingRun.open(tmp_path / "landing", "lever", tmp_path / "job")
    again.write(_item(2))
    again.finish({})
    record = json.loads(again.record_path.read_text())
    data = again.items_path.read_bytes()
    assert [json.loads(line)["source_id"] for line in data.decode().splitlines()] == ["1", "2"]
    assert (record["items_sha256"], record["items_bytes"]) == (hashlib.sha256(data).hexdigest(), len(data))


def test_the_same_job_dir_continues_the_run_and_skips_what_is_landed(tmp_path):
    first = LandingRun.open(tmp_path / "landing", "lever", tmp_path / "job")
    first.write(_item(1))
    first.quarantine("url: missing", _item(9))
    first.suspend()
    again = LandingRun.open(tmp_path / "landing", "lever", tmp_path / "job")
    assert again.run_id == first.run_id and again.resumed
    assert again.is_landed("lever", "1") and not again.write(_item(1)) and again.write(_item(2))
    again.quarantine("url: missing", _item(9))
    assert again.quarantined == 1
    again.finish({})
    assert not (tmp_path / "job" / "landing-run.json").exists()
    fresh = LandingRun.open(tmp_path / "landing", "lever", tmp_path / "job")
    assert fresh.run_id != first.run_id and not fresh.resumed


def test_next_offset_stops_at_a_short_page_or_the_reported_total():
    assert BoardSpider.next_offset(0, 100, 100) == 100
    assert BoardSpider.next_offset(100, 40, 100) is None
    assert BoardSpider.next_offset(100, 100, 100, total=200) is None
    assert BoardSpider.next_offset(0, 0, 100) is None
