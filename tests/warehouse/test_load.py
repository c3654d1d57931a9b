"""Loading landing files: idempotence, history windows, pay provenance, dedup, quarantine."""

from __future__ import annotations

import json
import shutil

import duckdb
import pytest

from ma_demand_settings import UserError
from warehouse import load, reader

from .conftest import LANDING, quiet, snapshot_rows


def rows(db, sql, params=None):
    return reader.query_rows(db, sql, params)


def test_loading_the_same_files_twice_changes_no_row(built, landing):
    before = snapshot_rows(built)
    summary = load.load(built, landing, progress=quiet)
    assert summary.files_new == 0 and summary.files_skipped == 7
    assert snapshot_rows(built) == before


def test_loading_file_by_file_equals_loading_everything_at_once(tmp_path, built_shared):
    step_landing, step_db = tmp_path / "steps", tmp_path / "steps.duckdb"
    for folder in ("greenhouse", "lever"):
        shutil.copytree(LANDING / folder, step_landing / folder)
        load.load(step_db, step_landing, progress=quiet)
    assert snapshot_rows(step_db) == snapshot_rows(built_shared)


def test_part_files_are_never_loaded(built_shared):
    assert rows(built_shared, "SELECT count(*) FROM load_manifest WHERE path LIKE '%.part'") == [(0,)]
    assert rows(built_shared, "SELECT count(*) FROM crawl_runs") == [(3,)]


def test_a_posting_missing_from_a_complete_board_crawl_is_removed_then(built_shared):
    assert rows(built_shared, "SELECT first_seen, last_seen, removed_at, active FROM postings WHERE posting_id = 'greenhouse:3'") \
        == [(*rows(built_shared, "SELECT TIMESTAMP '2026-03-01 06:01:09', TIMESTAMP '2026-03-01 06:01:09', "
                          "TIMESTAMP '2026-03-08 06:00:00', false")[0],)]
    assert rows(built_shared, "SELECT first_seen::VARCHAR, last_seen::VARCHAR, active FROM postings "
                       "WHERE posting_id = 'greenhouse:1'") == [("2026-03-01 06:01:00", "2026-03-08 06:01:00", True)]


def test_a_changed_posting_keeps_every_version_and_shows_the_latest(built_shared):
    assert rows(built_shared, "SELECT count(*) FROM postings_raw WHERE posting_id = 'greenhouse:2'") == [(2,)]
    assert rows(built_shared, "SELECT pay_min, pay_period FROM postings WHERE posting_id = 'greenhouse:2'") == [(41000.0, "year")]


def test_structured_pay_wins_text_pay_is_annualised_and_an_estimate_is_never_pay(built_shared):
    pay = dict((r[0], r[1:]) for r in rows(built_shared, "SELECT posting_id, hourly_min, hourly_max, pay_source FROM pay"))
    assert pay["greenhouse:1"] == (20.0, 24.0, "structured")
    assert pay["greenhouse:2"] == pytest.approx((41000 / 2080, 46000 / 2080, "text"))
    assert pay["greenhouse:4"] == (26.0, 26.0, "text")  # the $30 estimate is ignored


def test_an_exact_copy_on_another_source_joins_the_earlier_postings_group(built_shared):
    groups = dict((r[0], r[1:]) for r in rows(
        built_shared, "SELECT posting_id, duplicate_group_id, is_canonical, method FROM duplicate_groups"))
    assert groups["lever:9f1c"][0] == groups["greenhouse:1"][0]
    assert groups["greenhouse:1"][1:] == (True, "exact") and groups["lever:9f1c"][1:] == (False, "exact")
    assert rows(built_shared, "SELECT count(*), count(*) FILTER (is_canonical) FROM postings") == [(5, 4)]


def test_tags_are_stored_in_long_form_with_their_evidence(built_shared):
    tags = rows(built_shared, "SELECT dimension, code, category, requirement, evidence FROM posting_tags "
                       "WHERE posting_id = 'greenhouse:1' ORDER BY dimension, code")
    assert tags == [("certification", "BLS", None, "required", '["BLS required"]'),
                    ("certification", "CMA", None, "required", '["CMA required"]'),
                    ("ehr", "epic", None, None, '["Epic"]'),
                    ("skill", "rooming", "clinical", None, None),
                    ("skill", "vital_signs", "clinical", None, None)]


def test_a_language_tag_keeps_its_evidence_so_the_posting_view_can_highlight_it(built_shared):
    assert rows(built_shared, "SELECT code, evidence FROM posting_tags WHERE dimension = 'language'") == [
        ("spanish", '["Spanish"]')]


def test_crawler_quarantine_records_are_kept_with_their_reason(built_shared):
    assert rows(built_shared, "SELECT run_id, reason FROM quarantine") == [
        ("greenhouse-20260308T060000Z-d4e5f6", "missing title")]


def test_malformed_lines_are_quarantined_and_the_good_lines_still_load(tmp_path, landing):
    broken = landing / "greenhouse" / "greenhouse-20260310T060000Z-bad000.jsonl"
    good = json.loads((LANDING / "greenhouse" / "greenhouse-20260301T060000Z-a1b2c3.jsonl").read_text().splitlines()[0])
    good.update(source_id="77", run_id="greenhouse-20260310T060000Z-bad000")
    broken.write_text(json.dumps(good) + "\n{not json at all\n" + json.dumps({"source": "greenhouse"}) + "\n")
    db = tmp_path / "w.duckdb"
    summary = load.load(db, landing, progress=quiet)
    assert any("malformed" in warning for warning in summary.warnings)
    assert rows(db, "SELECT count(*) FROM postings WHERE posting_id = 'greenhouse:77'") == [(1,)]
    reasons = [r[0] for r in rows(db, "SELECT reason FROM quarantine WHERE landing_file LIKE '%bad000%' ORDER BY 1")]
    assert len(reasons) == 2 and reasons[0].startswith("line 2") and reasons[1].startswith("missing or empty source")


def test_near_duplicate_reposts_form_one_group_and_a_different_text_stays_apart(tmp_path):
    text = " ".join(f"duty{i} for patients in the clinic" for i in range(60))
    landing = tmp_path / "landing"
    other = " ".join(f"task{i} in a busy dermatology office" for i in range(60))
    items = (("greenhouse", "1", f"{text} Requisition 100."), ("lever", "x1", f"{text} Job number 200."),
             ("ashby", "a1", other))
    for source, number, description in items:
        folder = landing / source
        folder.mkdir(parents=True)
        item = {"source": source, "source_id": number, "title": "Medical Assistant", "location": "Austin, TX",
                "state": "TX", "description_text": description, "fetched_at": "2026-03-01T00:00:00Z",
                "run_id": f"{source}-20260301T000000Z-000001", "synthetic": True,
                "tags": {"is_ma": True, "title_normalized": "medical assistant", "tagger_version": "t"}}
        (folder / f"{source}-20260301T000000Z-000001.jsonl").write_text(json.dumps(item) + "\n")
    db = tmp_path / "w.duckdb"
    load.load(db, landing, progress=quiet)
    groups = dict(rows(db, "SELECT posting_id, duplicate_group_id FROM duplicate_groups"))
    assert groups["greenhouse:1"] == groups["lever:x1"] != groups["ashby:a1"]
    assert rows(db, "SELECT method, count(*) FROM duplicate_groups GROUP BY 1 ORDER BY 1") == [("near", 2), ("single", 1)]


def test_warehouse_meta_says_the_postings_are_synthetic(built_shared):
    meta = reader.meta(built_shared)
    assert meta["synthetic"] == "true" and meta["load_id"] and meta["built_at"].endswith("Z")


def test_a_missing_landing_folder_is_a_user_error(tmp_path):
    with pytest.raises(UserError, match="does not exist"):
        load.load(tmp_path / "w.duckdb", tmp_path / "nowhere", progress=quiet)


def test_the_build_leaves_no_next_file_or_wal_beside_the_warehouse(built_shared):
    assert sorted(p.name for p in built_shared.parent.iterdir() if p.name.startswith(built_shared.name)) == \
        ["warehouse.duckdb", "warehouse.duckdb.lock"]
    with duckdb.connect(str(built_shared), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM load_manifest").fetchone() == (7,)
