"""Coverage by state and the weighted claims, on a small hand-made warehouse whose answers are known.

MA employment (replacing the shipped file): US 10,000; CA 3,000; TX 1,000; NV 500 (no postings there).
Unique MA postings: CA 20 from "Big Clinic" (all hits) and 2 from "Small Clinic" (no hits); TX 3 from
"Solo Practice" (1 hit); OK 14 from 12 employers (no OEWS figure; none hits); 1 with no state. With the
employer cap of 5, Big Clinic counts for 5 postings in CA, so CA's capped postings are 7 and TX's 3.
"""

from __future__ import annotations

import duckdb
import pytest

from warehouse import layers, load
from warehouse.claims import statistics, verdicts, weighting

JOBS = {"US": 10000, "CA": 3000, "TX": 1000, "NV": 500}
HIT_SQL = "SELECT posting_id, title = 'Hit' AS hit FROM v_claim_population"


def _posting(con, posting_id, state, employer, hit=False, canonical=True):
    con.execute("""INSERT INTO postings (posting_id, source, source_id, employer, title, state, first_seen, last_seen,
                   active, is_ma, is_canonical, synthetic)
                   VALUES (?, 'test', ?, ?, ?, ?, TIMESTAMP '2026-03-01', TIMESTAMP '2026-03-01', true, true, ?, true)""",
                [posting_id, posting_id, employer, "Hit" if hit else "Medical Assistant", state, canonical])


def coverage_warehouse(path):
    con = duckdb.connect(str(path))
    load.prepare(con)
    layers.run_layer(con, "marts")
    con.execute("DELETE FROM oews_state_employment")
    con.executemany("INSERT INTO oews_state_employment VALUES (?, ?, 'May 2023 OEWS', 'https://example.test', 'test')",
                    list(JOBS.items()))
    for i in range(20):
        _posting(con, f"big{i}", "CA", "Big Clinic", hit=True)
    _posting(con, "big-copy", "CA", "Big Clinic", hit=True, canonical=False)  # a duplicate: never counted
    for i in range(2):
        _posting(con, f"small{i}", "CA", "Small Clinic")
    for i in range(3):
        _posting(con, f"solo{i}", "TX", "Solo Practice", hit=i == 0)
    for i in range(3):
        _posting(con, f"ok1-{i}", "OK", "Okay 1")
    for employer in range(2, 13):
        _posting(con, f"ok{employer}", "OK", f"Okay {employer}")
    _posting(con, "nowhere", None, None)
    return con


@pytest.fixture
def con(tmp_path):
    connection = coverage_warehouse(tmp_path / "coverage.duckdb")
    yield connection
    connection.close()


def test_coverage_by_state_sets_postings_beside_ma_jobs_with_the_ratio_per_1000(con):
    rows = {row[0]: row[1:] for row in con.execute(
        "SELECT state, postings, employers, ma_jobs, postings_per_1000_ma_jobs, top10_employer_share, note "
        "FROM v_coverage_by_state").fetchall()}
    assert rows["CA"] == (22, 2, 3000, pytest.approx(22 / 3), 1.0, None)
    assert rows["TX"] == (3, 1, 1000, pytest.approx(3.0), 1.0, None)
    assert rows["OK"] == (14, 12, None, None, pytest.approx(12 / 14), "no OEWS figure shipped")
    assert rows["NV"] == (0, 0, 500, 0.0, None, "no MA postings collected")
    assert set(rows) == {"CA", "TX", "OK", "NV"}


def test_coverage_summary_counts_the_states_and_us_jobs_the_weights_rest_on(con):
    columns = ["postings", "postings_with_state", "states_with_postings", "states_weighted", "states_without_figure",
               "states_with_figure_no_postings", "ma_jobs_in_weighted_states", "share_of_us_ma_jobs",
               "postings_per_1000_ma_jobs", "top10_employer_share"]
    row = dict(zip(columns, con.execute(f"SELECT {', '.join(columns)} FROM v_coverage_summary").fetchone()))
    assert row == {"postings": 40, "postings_with_state": 39, "states_with_postings": 3, "states_weighted": 2,
                   "states_without_figure": 1, "states_with_figure_no_postings": 1, "ma_jobs_in_weighted_states": 4000,
                   "share_of_us_ma_jobs": pytest.approx(0.4), "postings_per_1000_ma_jobs": pytest.approx(25 / 4),
                   # Big 20, Okay 1 and Solo 3 each, Small 2, then six employers with one posting: 34 of 40
                   "top10_employer_share": pytest.approx(34 / 40)}


def test_a_fetched_bls_figure_replaces_the_shipped_one(con):
    con.execute("INSERT INTO bls_reference VALUES ('31-9092', 'state', 'TX', 'employment', 2000, 'jobs', "
                "'May 2024 OEWS', 'bls_api', 'OEUS480000000000031909201', TIMESTAMP '2026-03-01')")
    assert con.execute("SELECT ma_jobs, release FROM v_coverage_by_state WHERE state = 'TX'").fetchone() == (
        2000, "May 2024 OEWS")


def test_weights_give_each_state_its_employment_share_and_cap_each_employer(con):
    weighting.build(con, employer_cap=5)
    factors = dict(con.execute("SELECT employer, any_value(employer_factor) FROM posting_weights GROUP BY 1").fetchall())
    assert factors == {"big clinic": 0.25, "small clinic": 1.0, "solo practice": 1.0}
    totals = dict(con.execute("SELECT state, sum(weight) FROM posting_weights GROUP BY state").fetchall())
    assert totals == {"CA": pytest.approx(10 * 0.75), "TX": pytest.approx(10 * 0.25)}  # 10 capped postings in all
    assert con.execute("SELECT count(*) FROM posting_weights WHERE state = 'OK' OR state IS NULL").fetchone()[0] == 0


def _weighted_share(cap_postings_big: float) -> float:
    """The weighted share by hand: within CA, Big Clinic's capped postings of all CA's; TX 1 of 3."""
    return 0.75 * cap_postings_big / (cap_postings_big + 2) + 0.25 * 1 / 3


def test_a_weighted_share_is_the_employment_weighted_share_with_a_kish_interval(con):
    weighting.build(con, employer_cap=5)
    result = verdicts.evaluate(con, "share", HIT_SQL, 5, {"supported_at": 0.9, "partly_at": 0.5})
    assert result.observed == pytest.approx(21 / 40) and result.n == 40  # raw: every unique posting once
    weighted = result.weighted
    assert weighted.observed == pytest.approx(_weighted_share(5))
    assert weighted.n == 25  # CA and TX; OK has no OEWS figure and one posting has no state
    weights = [0.25 * 0.75 / 0.7] * 20 + [0.75 / 0.7] * 2 + [0.25 / 0.3] * 3
    n_effective = sum(weights) ** 2 / sum(w * w for w in weights)
    assert weighted.detail["n_effective"] == pytest.approx(n_effective)
    low, high = statistics.wilson(weighted.observed * n_effective, n_effective)
    assert (weighted.ci_low, weighted.ci_high) == (pytest.approx(low), pytest.approx(high))
    assert weighted.verdict == "partly supported" and result.verdict == "partly supported"


def test_raising_the_employer_cap_lets_the_big_employer_count_for_all_its_postings(con):
    weighting.build(con, employer_cap=100)
    weighted = verdicts.evaluate(con, "share", HIT_SQL, 5, {"supported_at": 0.9, "partly_at": 0.5}).weighted
    assert weighted.observed == pytest.approx(_weighted_share(20))


def test_a_weighted_median_counts_each_posting_by_its_weight(con):
    weighting.build(con, employer_cap=5)
    sql = ("SELECT posting_id, CASE WHEN state = 'CA' THEN 20.0 ELSE 10.0 END::DOUBLE AS value, 15.0::DOUBLE AS reference "
           "FROM v_claim_population")
    result = verdicts.evaluate(con, "pay_level", sql, 5, {"tolerance": 0.1})
    assert result.observed == 20.0  # raw: 22 CA postings of 40 at $20
    assert result.weighted.observed == 20.0  # weighted: CA holds 0.75 of the weight
    sql = sql.replace("state = 'CA'", "coalesce(employer, '') <> 'Big Clinic'")  # Big Clinic's 20 at $10, the other 20 at $20
    result = verdicts.evaluate(con, "pay_level", sql, 5, {"tolerance": 0.1})
    assert result.observed == 15.0  # raw: half and half
    assert result.weighted.observed == 10.0  # weighted: Big Clinic holds 0.75 x 5/7 of the weight


def test_a_weighted_share_difference_compares_the_capped_shares_within_each_group(con):
    weighting.build(con, employer_cap=5)
    sql = ("SELECT posting_id, CASE WHEN state = 'CA' THEN 'a' ELSE 'b' END AS grp, title = 'Hit' AS hit "
           "FROM v_claim_population WHERE state IN ('CA', 'TX')")
    result = verdicts.evaluate(con, "share_difference", sql, 2, {})
    assert result.observed == pytest.approx(20 / 22 - 1 / 3)
    assert result.weighted.observed == pytest.approx(5 / 7 - 1 / 3)  # the cap acts within CA; TX is one employer


def test_a_weighted_ranking_counts_each_code_by_the_weight_of_the_postings_naming_it(con):
    weighting.build(con, employer_cap=5)
    sql = ("SELECT posting_id, CASE WHEN employer = 'Big Clinic' THEN 'X' ELSE 'Y' END AS code "
           "FROM v_claim_population WHERE state IN ('CA', 'TX')")
    result = verdicts.evaluate(con, "top_codes", sql, 2, {"expected": ["Y"]})
    assert [entry["code"] for entry in result.detail["ranking"]] == ["X", "Y"]  # raw: 20 postings vs 5
    ranking = result.weighted.detail["ranking"]
    assert [entry["code"] for entry in ranking] == ["X", "Y"]
    assert ranking[0]["share"] == pytest.approx(0.75 * 5 / 7)  # Big Clinic's weight: CA's share x its capped 5 of 7


def test_refresh_stores_both_readings_of_every_claim(con):
    from warehouse import claims

    claims.refresh(con, {"tagger_version": "test", "claims": {}})
    rows = con.execute("SELECT verdict, weighted_verdict, weighted_n, verdicts_differ FROM v_claims").fetchall()
    assert rows and all(weighted is not None and differ is not None for _, weighted, _, differ in rows)


def test_sources_prints_the_last_crawls_postings_per_source_and_per_state(built_shared, capsys):
    import ma_demand

    assert ma_demand.main(["sources", "--db", str(built_shared)]) == 0
    out = capsys.readouterr().out
    assert "source registry" in out  # the registry first (crawler/), then the warehouse's counts
    per_source = out.split("postings per source in the last crawl")[1].split("unique MA postings per state")[0]
    assert [line.split() for line in per_source.strip().splitlines()[2:]] == [
        ["greenhouse", "3", "3", "3"], ["lever", "1", "1", "0"]]
    assert "  OK               3   unknown     no OEWS figure" in out
