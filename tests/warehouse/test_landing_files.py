"""Finding landing files: each identified by its SHA-256, taken from the run record when it can be trusted."""

from __future__ import annotations

import hashlib
import json

from crawler.landing_run import LandingRun
from warehouse import landing_files

RECORDED = "ab" * 32


def _items_and_record(tmp_path, record: dict):
    folder = tmp_path / "lever"
    folder.mkdir(parents=True)
    items = folder / "lever-run.jsonl"
    items.write_text('{"source": "lever", "source_id": "1"}\n', encoding="utf-8")
    (folder / "lever-run.run.json").write_text(json.dumps(record), encoding="utf-8")
    return items


def _digest(tmp_path, name: str) -> str:
    return {f.relative: f.sha256 for f in landing_files.discover(tmp_path)}[name]


def test_an_items_file_takes_the_digest_its_run_record_gives_when_the_size_matches(tmp_path):
    items = _items_and_record(tmp_path, {"items_file": "lever-run.jsonl", "items_sha256": RECORDED,
                                         "items_bytes": 38})
    assert items.stat().st_size == 38
    assert _digest(tmp_path, "lever/lever-run.jsonl") == RECORDED


def test_an_items_file_of_another_size_than_recorded_is_hashed(tmp_path):
    items = _items_and_record(tmp_path, {"items_sha256": RECORDED, "items_bytes": 37})
    assert _digest(tmp_path, "lever/lever-run.jsonl") == hashlib.sha256(items.read_bytes()).hexdigest()


def test_an_items_file_whose_record_has_no_digest_is_hashed(tmp_path):
    items = _items_and_record(tmp_path, {"run_id": "lever-run", "finish_reason": "finished"})
    assert _digest(tmp_path, "lever/lever-run.jsonl") == hashlib.sha256(items.read_bytes()).hexdigest()


def test_a_record_naming_another_items_file_is_not_trusted(tmp_path):
    items = _items_and_record(tmp_path, {"items_file": "other.jsonl", "items_sha256": RECORDED, "items_bytes": 38})
    assert _digest(tmp_path, "lever/lever-run.jsonl") == hashlib.sha256(items.read_bytes()).hexdigest()


def test_the_digest_the_crawler_records_is_the_files_sha256(tmp_path):
    run = LandingRun.open(tmp_path, "lever")
    for number in range(3):
        run.write({"source": "lever", "source_id": str(number), "board": "acme", "title": "Asistente Médica"})
    run.finish({"run_id": run.run_id, "items_file": run.items_path.name})
    found = {f.relative: f for f in landing_files.discover(tmp_path)}
    items = found[f"lever/{run.run_id}.jsonl"]
    assert items.sha256 == hashlib.sha256(run.items_path.read_bytes()).hexdigest()
    assert items.size == run.items_path.stat().st_size
