"""The warehouse's subcommands as a user runs them: one summary line, one-line errors, exit 2."""

from __future__ import annotations

import socket

import pytest

import ma_demand
from warehouse import bls


def test_load_prints_one_summary_line_and_a_second_load_says_nothing_new(tmp_path, landing, capsys):
    db = tmp_path / "w.duckdb"
    assert ma_demand.main(["load", "--db", str(db), "--landing", str(landing)]) == 0
    first = capsys.readouterr()
    assert first.out.startswith("loaded 7 files (3 runs, 7 items, 6 new versions, 1 quarantined)")
    assert "reading 3 item files" in first.err
    assert ma_demand.main(["load", "--db", str(db), "--landing", str(landing)]) == 0
    assert capsys.readouterr().out.startswith("nothing new to load (7 landing files already loaded)")


def test_claims_lists_every_claim_in_guide_order_with_its_verdict_in_units(built_shared, capsys):
    from warehouse.claims import registry

    assert ma_demand.main(["claims", "--db", str(built_shared)]) == 0
    header, *lines, _weighting_note, _synthetic_note = capsys.readouterr().out.splitlines()
    assert header.split()[:3] == ["claim", "verdict", "observed"]
    assert [line.split()[0] for line in lines[::2]] == [claim.id for claim in registry()]
    assert all(line.startswith("  weighted to MA jobs by state") for line in lines[1::2])
    lines = lines[::2]
    assert all("too little data" in line for line in lines)
    by_id = {line.split()[0]: line for line in lines}
    assert "/h" in by_id["posted_pay_near_bls_median"] and "%" in by_id["cpr_bls_nearly_universal"]


def test_claims_on_synthetic_postings_says_so_in_one_line_below_the_table(built_shared, capsys):
    assert ma_demand.main(["claims", "--db", str(built_shared)]) == 0
    last = capsys.readouterr().out.splitlines()[-1]
    assert last == ("synthetic data: these are the demo's made-up postings, so the verdicts say nothing "
                    "about real employers")


def test_claims_prints_the_interval_with_the_tagger_error_and_its_share(tmp_path, capsys):
    """On the hand-made warehouse of test_claims with the real tagger_error.toml, through the CLI."""
    from warehouse import claims
    from warehouse.claims import verdicts

    from .test_claims import hand_made_warehouse

    db = tmp_path / "hand.duckdb"
    con = hand_made_warehouse(db)
    claims.refresh(con)
    stored = dict(con.execute("SELECT claim_id, verdict FROM claim_results").fetchall())
    con.close()
    assert ma_demand.main(["claims", "--db", str(db)]) == 0
    header, *lines = capsys.readouterr().out.splitlines()
    assert "interval with tagger error" in header and header.rstrip().endswith("tagger error share")
    weighted = [line for line in lines if line.startswith("  weighted to MA jobs by state")]
    assert len(weighted) == len(stored)  # each claim's weighted reading on the line below it
    assert all(" too little data " in line for line in weighted)  # the hand-made postings name no state
    lines = [line for line in lines if not line.startswith(("  weighted", "raw: "))]
    by_id = {line.split()[0]: line for line in lines}
    assert set(by_id) == set(stored)  # and no synthetic-data line: this warehouse's postings are not the demo's
    assert "inconclusive" in stored.values()
    for claim_id, verdict in stored.items():
        assert f" {verdict} " in by_id[claim_id] and verdict in verdicts.VERDICTS
    assert by_id["core_clinical_skills"].endswith("not measured")          # no skill labels held out
    assert by_id["cpr_bls_nearly_universal"].endswith("of width") and " 70 " in by_id["cpr_bls_nearly_universal"]


def test_claims_on_a_warehouse_older_than_the_tagger_error_says_refresh_in_one_line(tmp_path, capsys):
    import duckdb

    db = tmp_path / "old.duckdb"
    with duckdb.connect(str(db)) as con:
        con.execute("CREATE TABLE claims (claim_id VARCHAR, kind VARCHAR)")
        con.execute("CREATE TABLE claim_results (claim_id VARCHAR, verdict VARCHAR, observed DOUBLE, ci_low DOUBLE, "
                    "ci_high DOUBLE, n BIGINT, detail JSON)")
    assert ma_demand.main(["claims", "--db", str(db)]) == 2
    assert "claims --refresh" in capsys.readouterr().err.strip().splitlines()[-1]


def test_bls_fetch_without_a_key_fails_in_one_line(built_shared, monkeypatch, capsys):
    monkeypatch.delenv("BLS_API_KEY", raising=False)
    assert ma_demand.main(["bls", "fetch", "--db", str(built_shared)]) == 2
    assert capsys.readouterr().err.strip().count("\n") == 0


def test_bls_fetch_with_the_api_unreachable_fails_in_one_line(built_shared, monkeypatch, capsys):
    with socket.socket() as probe:  # a local port with nothing listening
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    monkeypatch.setenv("BLS_API_KEY", "test-key")
    monkeypatch.setattr(bls, "API", f"http://127.0.0.1:{port}/publicAPI/v2/timeseries/data/")
    assert ma_demand.main(["bls", "fetch", "--db", str(built_shared), "--states", "TX"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("ma-demand bls: cannot reach the BLS API") and err.count("\n") == 1


def test_bls_series_ids_follow_the_oews_layout():
    ids = bls.series_ids(["CA"])
    assert ids["OEUN000000000000031909213"] == ("national", "US", "annual_median")
    assert ids["OEUS060000000000031909213"] == ("state", "CA", "annual_median")


def test_retag_rewrites_tags_from_stored_text_when_forced(tmp_path, landing):
    from warehouse import load, reader, retag

    db = tmp_path / "w.duckdb"
    load.load(db, landing, progress=lambda _: None)
    summary = retag.retag(db, force=True, progress=lambda _: None)
    assert summary.retagged == 6
    assert reader.query_rows(db, "SELECT count(*) FROM postings_raw WHERE tags ->> 'tagger_version' = ?",
                             [summary.tagger_version]) == [(6,)]
    assert retag.retag(db, progress=lambda _: None).retagged == 0


def test_retag_brings_a_warehouse_of_an_older_tagger_to_stated_seniority_and_refreshes_the_claims(
        tmp_path, landing, capsys):
    import pipeline
    from warehouse import load, reader

    db = tmp_path / "w.duckdb"
    load.load(db, landing, progress=lambda _: None)  # the landing tags are tagger 0.1.0's: plain titles "entry"
    before = reader.query_rows(db, "SELECT count(*) FILTER (seniority = 'entry'), max(computed_at) "
                                   "FROM postings, claim_results")
    assert before[0][0] > 0
    assert ma_demand.main(["retag", "--db", str(db)]) == 0
    assert capsys.readouterr().out.startswith("re-tagged 6 versions with tagger " + pipeline.TAGGER_VERSION)
    rows = reader.query_rows(db, "SELECT title, seniority, tagger_version FROM postings ORDER BY title")
    assert {version for *_, version in rows} == {pipeline.TAGGER_VERSION}
    assert {title: level for title, level, _ in rows} == {
        "Certified Medical Assistant": None, "Lead Medical Assistant": "lead", "Medical Assistant": None,
        "Registered Nurse": None}
    assert reader.query_rows(db, "SELECT min(computed_at) FROM claim_results")[0][0] > before[0][1]


def test_retag_on_worker_processes_stores_what_one_process_would(tmp_path, landing, monkeypatch):
    from pipeline import parallel
    from warehouse import load, reader, retag

    db = tmp_path / "w.duckdb"
    load.load(db, landing, progress=lambda _: None)
    query = "SELECT posting_id, content_hash, CAST(tags AS VARCHAR) FROM postings_raw ORDER BY ALL"
    monkeypatch.setattr(retag, "_BATCH", 4)  # several stored batches from one stream of results
    assert retag.retag(db, force=True, jobs=1, progress=lambda _: None).retagged == 6
    alone = reader.query_rows(db, query)
    monkeypatch.setattr(parallel, "MIN_PARALLEL", 0)  # start the workers even for six versions
    assert retag.retag(db, force=True, jobs=2, progress=lambda _: None).retagged == 6
    assert reader.query_rows(db, query) == alone


def test_retag_refuses_zero_jobs_in_one_line(tmp_path, capsys):
    assert ma_demand.main(["retag", "--db", str(tmp_path / "w.duckdb"), "--jobs", "0"]) == 2
    assert capsys.readouterr().err.strip().count("\n") == 0


@pytest.mark.parametrize("command", ["load", "retag", "sql", "export", "claims"])
def test_every_warehouse_command_has_help(command, capsys):
    with pytest.raises(SystemExit) as exit_info:
        ma_demand.main([command, "--help"])
    assert exit_info.value.code == 0 and "--db" in capsys.readouterr().out


def test_the_top_level_help_lists_the_warehouse_commands(capsys):
    with pytest.raises(SystemExit) as exit_info:
        ma_demand.main(["--help"])
    out = capsys.readouterr().out
    assert exit_info.value.code == 0 and all(name in out for name in ("load", "retag", "sql", "export", "claims", "bls"))
