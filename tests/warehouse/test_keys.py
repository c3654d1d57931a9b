"""Keys hold without PRIMARY KEY indexes: the loader and the core SQL keep every key unique."""

from __future__ import annotations

import json
import shutil

import duckdb
import pytest

from warehouse import load, reader

from .conftest import LANDING, quiet, snapshot_rows

KEYS = {
    "postings_raw": "posting_id, content_hash",
    "posting_sightings": "posting_id, run_id",
    "text_signatures": "text_hash",
    "postings": "posting_id",
    "pay": "posting_id",
    "duplicate_groups": "posting_id",
    "posting_tags": "posting_id, dimension, code",
}


def duplicated_keys(db) -> dict[str, int]:
    return {table: reader.query_rows(db, f"SELECT count(*) FROM (SELECT {key} FROM {table} GROUP BY ALL "
                                         f"HAVING count(*) > 1)")[0][0]
            for table, key in KEYS.items()}


@pytest.fixture
def repeating_landing(tmp_path):
    """The hand-written landing files, plus a run that fetched every posting of an earlier run again
    (same content) and lists one posting twice at the same fetch time, and a later run."""
    landing = tmp_path / "landing"
    shutil.copytree(LANDING, landing)
    first = landing / "greenhouse" / "greenhouse-20260301T060000Z-a1b2c3.jsonl"
    lines = [json.loads(line) for line in first.read_text().splitlines()]
    again = []
    for item in lines:
        item["run_id"] = "greenhouse-20260302T060000Z-abcdef"
        item["fetched_at"] = "2026-03-02T06:00:00Z"
        again.append(item)
    again.append(dict(again[0]))  # the same line twice: same file, posting and fetch time
    changed = dict(again[1], description_text="A changed text.", fetched_at="2026-03-02T06:00:00Z")
    again.append(changed)  # and the same posting and fetch time with other content
    (landing / "greenhouse" / "greenhouse-20260302T060000Z-abcdef.jsonl").write_text(
        "".join(json.dumps(item) + "\n" for item in again))
    return landing


def test_every_key_is_unique_after_one_load(tmp_path, repeating_landing):
    db = tmp_path / "w.duckdb"
    load.load(db, repeating_landing, progress=quiet)
    assert duplicated_keys(db) == {table: 0 for table in KEYS}


def test_every_key_is_unique_after_loading_run_by_run(tmp_path, repeating_landing):
    db, step = tmp_path / "steps.duckdb", tmp_path / "step"
    for path in sorted(repeating_landing.rglob("*.json*")):
        target = step / path.relative_to(repeating_landing)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
        load.load(db, step, progress=quiet)
    assert duplicated_keys(db) == {table: 0 for table in KEYS}


def test_a_line_repeated_in_one_file_is_one_version_and_a_changed_one_is_another(tmp_path, repeating_landing,
                                                                                 built_shared):
    db = tmp_path / "w.duckdb"
    load.load(db, repeating_landing, progress=quiet)
    first_run = (LANDING / "greenhouse" / "greenhouse-20260301T060000Z-a1b2c3.jsonl").read_text().splitlines()
    repeated, changed = (f"greenhouse:{json.loads(line)['source_id']}" for line in first_run[:2])
    count = "SELECT posting_id, count(*) FROM postings_raw GROUP BY 1"
    versions, before = dict(reader.query_rows(db, count)), dict(reader.query_rows(built_shared, count))
    assert versions[repeated] == before[repeated]  # fetched again, twice in one file: no new version
    assert versions[changed] == before[changed] + 1
    assert reader.query_rows(db, "SELECT count(*) FROM posting_sightings "
                                 "WHERE run_id = 'greenhouse-20260302T060000Z-abcdef'") == [(len(first_run),)]


def test_a_code_the_tagger_lists_twice_is_one_tag_row_with_its_first_entry(tmp_path):
    landing = tmp_path / "landing"
    shutil.copytree(LANDING, landing)
    path = landing / "greenhouse" / "greenhouse-20260301T060000Z-a1b2c3.jsonl"
    lines = [json.loads(line) for line in path.read_text().splitlines()]
    tags = lines[0]["tags"]
    tags["certifications"] = [{"code": "CMA", "requirement": "required", "within_months": None},
                              {"code": "CMA", "requirement": "preferred", "within_months": None}]
    tags["ehr"] = ["epic", "epic"]
    path.write_text("".join(json.dumps(line) + "\n" for line in lines))
    db = tmp_path / "w.duckdb"
    load.load(db, landing, progress=quiet)
    posting = f"greenhouse:{lines[0]['source_id']}"
    assert reader.query_rows(db, "SELECT dimension, code, requirement FROM posting_tags WHERE posting_id = ? "
                                 "AND dimension IN ('certification', 'ehr') ORDER BY 1, 2", [posting]) == [
        ("certification", "CMA", "required"), ("ehr", "epic", None)]


def test_a_warehouse_whose_core_tables_still_have_primary_keys_loses_them_and_loads_the_same(tmp_path, built_shared):
    landing = tmp_path / "landing"
    shutil.copytree(LANDING / "greenhouse", landing / "greenhouse")
    db = tmp_path / "old.duckdb"
    load.load(db, landing, progress=quiet)
    with duckdb.connect(str(db)) as con:  # as the first warehouses were built
        for table in ("postings", "pay", "duplicate_groups"):
            con.execute(f"CREATE OR REPLACE TABLE {table} AS FROM {table}")
            con.execute(f"ALTER TABLE {table} ADD PRIMARY KEY (posting_id)")
    shutil.copytree(LANDING / "lever", landing / "lever")
    load.load(db, landing, progress=quiet)
    keyed = reader.query_rows(db, "SELECT table_name FROM duckdb_constraints() WHERE constraint_type = 'PRIMARY KEY' "
                                  "AND table_name IN ('postings', 'pay', 'duplicate_groups')")
    assert keyed == []
    assert snapshot_rows(db) == snapshot_rows(built_shared)
