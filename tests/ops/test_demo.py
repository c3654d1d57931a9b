"""`ma-demand demo --no-serve`: synthetic postings -> fixture server -> real spiders -> warehouse."""

from __future__ import annotations

import os
import re

import duckdb
import pytest
from ops_sample.harness import ma_demand

from crawler.fixtures.synthetic import employer_boards
from warehouse import reader


def _demo_env(tmp_path) -> dict:
    env = {key: value for key, value in os.environ.items() if key != "SCRAPY_SETTINGS_MODULE"}
    env["MA_DEMAND_DATA_DIR"] = str(tmp_path / "data")
    return env


@pytest.fixture(scope="module")
def small_demo(tmp_path_factory):
    """`ma-demand demo --no-serve` on 150 postings of two sources: the warehouse and the finished process."""
    folder = tmp_path_factory.mktemp("small-demo")
    db = folder / "demo.duckdb"
    result = ma_demand(["demo", "--no-serve", "--db", str(db), "--postings", "150", "--spiders", "greenhouse,lever"],
                       _demo_env(folder))
    assert result.returncode == 0, result.stderr
    return db, result


def test_demo_without_serving_crawls_loads_and_summarises(small_demo):
    db, result = small_demo
    summary = re.search(r"(\d+) postings fetched, (\d+) kept by the crawl's relevance filter, (\d+) MA, "
                        r"(\d+) unique MA \(what the dashboard's charts count\)", result.stdout)
    assert summary, result.stdout
    fetched, kept, ma, unique_ma = map(int, summary.groups())
    assert 0 < unique_ma <= ma <= kept < fetched
    rows = reader.query_rows(db, "SELECT count(*), count(*) FILTER (WHERE is_ma), bool_and(synthetic) FROM postings")
    assert rows == [(kept, ma, True)]
    assert reader.query_rows(db, "SELECT count(*) FROM v_claim_population") == [(unique_ma,)]
    assert reader.meta(db)["synthetic"] == "true"
    assert "crawling 2 sources: greenhouse, lever" in result.stdout
    # Per source, each count is named and matches the warehouse: fetched, kept, MA, unique MA.
    per_source = dict(reader.query_rows(db, "SELECT source, [count(*), count(*) FILTER (WHERE is_ma), count(*) FILTER "
                                            "(WHERE is_ma AND is_canonical)] FROM postings GROUP BY source"))
    for source, (source_kept, source_ma, source_unique) in per_source.items():
        assert re.search(rf"^  {source} +\d+ +{source_kept} +{source_ma} +{source_unique}$", result.stdout, re.M)
        # Greenhouse and lever are crawled on every simulated date: one progress line each time.
        assert len(re.findall(rf"^  {source} +\d+ of +\d+ postings fetched kept", result.stdout, re.M)) == 3
    sources = reader.query_rows(db, "SELECT DISTINCT source FROM postings ORDER BY 1")
    assert sources == [("greenhouse",), ("lever",)]
    # Lever payloads carry no company name: the demo's registry of synthetic employers names them.
    employers = {row[0] for row in reader.query_rows(db, "SELECT DISTINCT employer FROM postings WHERE source = 'lever'")}
    assert employers and employers <= {board["employer"] for board in employer_boards()}


def test_demo_refuses_to_overwrite_a_warehouse_of_real_postings(tmp_path):
    db = tmp_path / "real.duckdb"
    con = duckdb.connect(str(db))
    con.execute("CREATE TABLE warehouse_meta (key VARCHAR, value VARCHAR)")
    con.execute("INSERT INTO warehouse_meta VALUES ('synthetic', 'false')")
    con.close()
    result = ma_demand(["demo", "--no-serve", "--db", str(db), "--postings", "50"], _demo_env(tmp_path))
    assert result.returncode == 2
    assert result.stderr.strip() == f"ma-demand demo: {db} holds real postings; give the demo its own file with --db"
    assert db.exists()


def test_the_demo_lands_its_postings_over_weekly_crawl_dates(small_demo):
    db, result = small_demo
    started = [row[0] for row in reader.query_rows(db, "SELECT DISTINCT started_at FROM crawl_runs ORDER BY 1")]
    assert len(started) == 3 and {(later - earlier).days for earlier, later in zip(started, started[1:])} == {7}
    weeks = reader.query_rows(db, "SELECT count(DISTINCT date_trunc('week', first_seen)), count(*) FILTER (WHERE removed_at "
                                  "IS NOT NULL), count(*) FILTER (WHERE posted_at > first_seen) FROM postings")
    first_seen_weeks, removed, posted_after_seen = weeks[0]
    assert first_seen_weeks >= 2 and removed > 0
    assert posted_after_seen == 0  # no posting is found before its posting date
    assert re.search(r"^crawl of 2026-\d\d-\d\d: greenhouse, lever$", result.stdout, re.M)

