"""Each guide claim computed on a small hand-made warehouse whose answers are known.

The warehouse: 40 entry-level, 20 lead and 10 plain-title MA postings that state no level (the claim
population), plus non-MA postings and duplicate copies that every claim must ignore. Tags and pay are
set per posting range below. These are the sampling-only answers: the tagger's error is left out
(NO_TAGGER_ERROR); its effect is pinned in test_tagger_error.py.
"""

from __future__ import annotations

import duckdb
import numpy as np
import pytest

from pipeline import TAGGER_VERSION
from warehouse import claims, layers, load
from warehouse.claims import statistics, verdicts

NO_TAGGER_ERROR = {"tagger_version": TAGGER_VERSION, "claims": {}}  # a data file that measured nothing

ENTRY = [f"e{i}" for i in range(1, 41)]
LEAD = [f"l{i}" for i in range(1, 21)]
IGNORED = [f"n{i}" for i in range(1, 6)] + [f"d{i}" for i in range(1, 4)]  # non-MA, non-canonical copies


def _tags(con, dimension, code, posting_ids, requirement=None, category=None):
    for posting_id in posting_ids:
        con.execute("INSERT INTO posting_tags VALUES (?, ?, ?, ?, ?, NULL, NULL, 'test')",
                    [posting_id, dimension, code, category, requirement])


def _posting(con, posting_id, title, seniority, *, is_ma=True, canonical=True, specialty=None,
             experience=None, education=None, years=2.0, band="0-2"):
    con.execute("""INSERT INTO postings (posting_id, source, source_id, title, title_normalized, first_seen,
                   last_seen, active, is_ma, seniority, specialty, experience_years_min, experience_band,
                   experience_requirement, education, is_canonical, synthetic)
                   VALUES (?, 'test', ?, ?, lower(?), TIMESTAMP '2026-03-01', TIMESTAMP '2026-03-01', true, ?, ?, ?,
                           ?, ?, ?, ?, ?, true)""",
                [posting_id, posting_id, title, title, is_ma, seniority, specialty,
                 None if experience is None else years, None if experience is None else band, experience, education,
                 canonical])


def _pay(con, posting_ids, hourly):
    for posting_id in posting_ids:
        con.execute("INSERT INTO pay VALUES (?, ?, ?, 'hour', 'USD', ?, ?, ?, ?, 'structured')",
                    [posting_id, hourly, hourly, hourly, hourly, hourly, hourly * 2080])


def hand_made_warehouse(path):
    """The hand-made warehouse described above, open, before any claim is computed."""
    con = duckdb.connect(str(path))
    load.prepare(con)
    layers.run_layer(con, "marts")
    for i, posting_id in enumerate(ENTRY, start=1):
        _posting(con, posting_id, "Medical Assistant" if i <= 30 else "Patient Care Coordinator", "entry",
                 experience="required" if i <= 24 else None,
                 education="ma_program" if i <= 10 else "high_school" if i <= 30 else None)
    for i, posting_id in enumerate(LEAD, start=1):
        _posting(con, posting_id, "Lead Medical Assistant" if i <= 12 else "MA Coordinator", "lead",
                 specialty="dermatology" if i <= 10 else None, experience="required", years=4.0, band="3-5")
    for i in range(1, 11):  # plain titles: they state no level, so no entry-level claim counts them
        _posting(con, f"u{i}", "Medical Assistant", None)
    for posting_id in IGNORED:
        _posting(con, posting_id, "Medical Assistant", "entry", is_ma=posting_id.startswith("d"),
                 canonical=posting_id.startswith("n"))
    _tags(con, "certification", "BLS", ENTRY[:36] + LEAD[:18] + IGNORED, "required")
    _tags(con, "certification", "CMA", ENTRY[:20] + IGNORED, "required")
    _tags(con, "certification", "RMA", ENTRY[20:25], "preferred")
    _tags(con, "certification", "CCMA", ENTRY[25:30], "mentioned")
    _tags(con, "ehr", "epic", ENTRY[:20])
    _tags(con, "ehr", "oracle_health", ENTRY[20:30])
    _tags(con, "ehr", "nextgen", LEAD[:15] + IGNORED)
    _tags(con, "ehr", "eclinicalworks", ENTRY[30:35])
    _tags(con, "ehr", "athenahealth", ENTRY[35:37])
    _tags(con, "skill", "vital_signs", ENTRY, category="clinical")
    _tags(con, "skill", "medical_coding", LEAD[:15], category="administrative")
    _tags(con, "skill", "prior_authorization", ENTRY[:4], category="administrative")
    _pay(con, ENTRY, 16.5)
    _pay(con, LEAD, 26.0)
    _pay(con, IGNORED, 99.0)
    return con


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    con = hand_made_warehouse(tmp_path_factory.mktemp("claims") / "hand.duckdb")
    claims.refresh(con, NO_TAGGER_ERROR)
    found = {row[0]: row[1:] for row in con.execute(
        "SELECT claim_id, observed, ci_low, ci_high, n, verdict, example_posting_ids, detail FROM claim_results").fetchall()}
    con.close()
    return found


EXPECTED = {  # claim: (observed, n, verdict, hits for a Wilson interval or None)
    "cpr_bls_nearly_universal": (54 / 70, 70, "partly supported", 54),  # 10 plain-title postings name none
    "certification_preferred_often_required": (25 / 70, 70, "partly supported", 25),
    "cma_rma_most_named_credentials": (25 / 30, 30, "partly supported", 25),  # CCMA ties RMA and sorts first
    "ehr_big_four_most_common": (37 / 52, 52, "partly supported", 37),        # nextgen outranks eClinicalWorks
    "entry_titles": (30 / 40, 40, "supported", 30),
    "mid_career_titles": (12 / 20, 20, "supported", 12),
    "no_experience_at_entry": (16 / 40, 40, "partly supported", 16),
    "postsecondary_certificate_entry": (10 / 30, 30, "partly supported", 10),
    "core_clinical_skills": (40 / 70, 70, "partly supported", 40),
    "posted_pay_within_bls_range": (20 / 60, 60, "contradicted", 20),
    "entry_pay_near_p10_p25": (1.0, 24, "supported", 24),                 # the 24 asking 0-2 years
    "years_3_5_pay_near_median": (26.0, 20, "contradicted", None),          # 22% over $21.25
    "lead_senior_pay_75th": (1.0, 20, "supported", 20),
    "coding_prior_auth_mid_career": (15 / 20 - 4 / 40, 60, "supported", None),
    "certification_pay_premium": (16.5 - 26.0, 55, "contradicted", None),  # b: 20 leads + 10 entry
    "specialty_pay_premium": (26.0 - 16.5, 60, "too little data", None),      # only 10 specialty postings
    "posted_pay_near_bls_median": (16.5, 60, "contradicted", None),           # 22% under $21.25
}


def test_every_claim_in_the_registry_has_a_known_answer_here():
    assert {claim.id for claim in claims.registry()} == set(EXPECTED)


@pytest.mark.parametrize("claim_id", sorted(EXPECTED))
def test_claim_on_the_hand_made_warehouse(results, claim_id):
    observed, n, verdict, hits = EXPECTED[claim_id]
    got_observed, low, high, got_n, got_verdict, examples, _ = results[claim_id]
    assert (got_observed, got_n, got_verdict) == (pytest.approx(observed), n, verdict)
    if hits is not None:
        assert (low, high) == pytest.approx(statistics.wilson(hits, n))
    assert low <= got_observed <= high
    assert examples and not any(e.startswith(("n", "d")) for e in examples)


def test_share_difference_uses_the_newcombe_interval(results):
    _, low, high, *_ = results["coding_prior_auth_mid_career"]
    assert (low, high) == pytest.approx(statistics.newcombe(15, 20, 4, 40))


def test_a_pay_difference_bootstrap_interval_lies_on_the_side_the_data_shows(results):
    _, low, high, *_ = results["certification_pay_premium"]
    assert low == pytest.approx(-9.5) and -9.5 < high < 0


def test_wilson_matches_newcombes_published_intervals():
    assert statistics.wilson(81, 263) == pytest.approx((0.2553, 0.3662), abs=1e-4)
    assert statistics.wilson(15, 148) == pytest.approx((0.0624, 0.1605), abs=1e-4)
    assert statistics.wilson(0, 20) == pytest.approx((0.0, 0.1611), abs=1e-4)
    assert statistics.wilson(0, 0) == (None, None)


def test_newcombe_difference_matches_the_published_example():
    assert statistics.newcombe(56, 70, 48, 80) == pytest.approx((0.0524, 0.3339), abs=1e-4)


def test_a_samples_median_from_counts_is_numpys_median():
    rng = np.random.default_rng(1)
    for size in (1, 2, 7, 8, 101):
        values = np.round(rng.uniform(15, 30, size), 1)
        distinct, counts = np.unique(values, return_counts=True)
        assert statistics.Sample(distinct, counts).median() == pytest.approx(float(np.median(values)))


def test_resampling_counts_gives_the_interval_resampling_values_gives():
    rng = np.random.default_rng(2)
    values = np.round(rng.normal(21, 3, 3000), 0)
    distinct, counts = np.unique(values, return_counts=True)
    fast = statistics.bootstrap_median(statistics.Sample(distinct, counts), draws=4000)
    slow = np.percentile([np.median(rng.choice(values, size=len(values))) for _ in range(4000)], [2.5, 97.5])
    assert fast == pytest.approx(tuple(slow), abs=0.51)  # values are whole dollars: within one step


# The verdict rule at its edges, on metric rows built in a real DuckDB (verdicts.RULES).

def _rows(groups: dict[str, list]) -> str:
    """A metric query over literal rows: {group: [hit or value, ...]} -> (posting_id, grp, hit|value)."""
    values = ", ".join(f"('{grp}{i}', '{grp}', {value})" for grp, items in groups.items()
                       for i, value in enumerate(items))
    return f"SELECT * FROM (VALUES {values}) AS t(posting_id, grp, x)"


def _empty_warehouse():
    con = duckdb.connect()
    load.prepare(con)
    return con


def _share_verdict(claim_id: str, hits: int, n: int) -> str:
    claim = next(c for c in claims.registry() if c.id == claim_id)
    sql = f"SELECT 'p' || i AS posting_id, i < {hits} AS hit FROM range({n}) t(i)"
    return verdicts.evaluate(_empty_warehouse(), claim.kind, sql, claim.min_n, claim.options).verdict


def test_nearly_every_posting_at_about_half_is_contradicted():
    assert _share_verdict("cpr_bls_nearly_universal", 503, 1000) == "contradicted"
    assert _share_verdict("cpr_bls_nearly_universal", 749, 1000) == "contradicted"
    assert _share_verdict("cpr_bls_nearly_universal", 750, 1000) == "partly supported"
    assert _share_verdict("cpr_bls_nearly_universal", 900, 1000) == "supported"


def _difference(kind: str, groups: dict[str, list]):
    column = "x AS hit" if kind == "share_difference" else "x AS value"
    sql = f"SELECT posting_id, grp, {column} FROM ({_rows(groups)})"
    return verdicts.evaluate(_empty_warehouse(), kind, sql, 20, {})


def test_a_pay_difference_whose_interval_touches_zero_is_inconclusive_not_contradicted():
    # a: 30 at $10; b: 14 at $10 and 16 at $11, median $11: -$1, and resampled b medians of $10 reach 0.
    result = _difference("pay_difference", {"a": [10.0] * 30, "b": [10.0] * 14 + [11.0] * 16})
    assert result.observed == -1.0 and result.ci_low == -1.0 and result.ci_high == 0.0
    assert result.verdict == "inconclusive"
    assert "includes 0" in result.detail["inconclusive_reason"]


def test_a_pay_difference_whose_interval_lies_below_zero_is_contradicted():
    result = _difference("pay_difference", {"a": [10.0] * 30, "b": [11.0] * 30})
    assert result.ci_high < 0 and result.verdict == "contradicted"


def test_a_share_difference_across_zero_is_partly_supported_above_zero_and_inconclusive_below():
    above = _difference("share_difference", {"a": ["true"] * 11 + ["false"] * 19, "b": ["true"] * 10 + ["false"] * 20})
    below = _difference("share_difference", {"a": ["true"] * 10 + ["false"] * 20, "b": ["true"] * 11 + ["false"] * 19})
    assert above.ci_low < 0 < above.ci_high and above.verdict == "partly supported"
    assert below.ci_low < 0 < below.ci_high and below.verdict == "inconclusive"


def test_a_share_difference_wholly_below_zero_is_contradicted_and_wholly_above_supported():
    below = _difference("share_difference", {"a": ["false"] * 30, "b": ["true"] * 30})
    above = _difference("share_difference", {"a": ["true"] * 30, "b": ["false"] * 30})
    assert (below.verdict, above.verdict) == ("contradicted", "supported")


@pytest.fixture(scope="module")
def spread_results(tmp_path_factory):
    """The hand-made warehouse with three sources (by id letter) and seven employers (by id number)."""
    con = hand_made_warehouse(tmp_path_factory.mktemp("spread") / "hand.duckdb")
    con.execute("UPDATE postings SET source = CASE left(posting_id, 1) WHEN 'e' THEN 'greenhouse' WHEN 'l' THEN 'lever' "
                "ELSE 'ashby' END, employer = 'Clinic ' || (CAST(regexp_extract(posting_id, '[0-9]+') AS INT) % 7)")
    claims.refresh(con, NO_TAGGER_ERROR)
    found = {claim_id: examples for claim_id, examples in con.execute(
        "SELECT claim_id, example_posting_ids FROM claim_results").fetchall()}
    placed = dict(con.execute("SELECT posting_id, (source, employer) FROM postings").fetchall())
    con.close()
    return found, placed


def test_example_postings_are_spread_over_sources_and_employers(spread_results):
    found, placed = spread_results
    examples = found["cpr_bls_nearly_universal"]  # BLS: 36 entry postings (greenhouse) and 18 leads (lever)
    assert len(examples) == 5
    assert {placed[e][0] for e in examples} == {"greenhouse", "lever"}
    assert len({placed[e][1] for e in examples}) >= 4


def test_each_claim_shows_example_postings_no_earlier_claim_shows(spread_results):
    found, _ = spread_results
    first, second = found["cpr_bls_nearly_universal"], found["certification_preferred_often_required"]
    assert first and second and not set(first) & set(second)
    shown = [e for claim in claims.registry() for e in found[claim.id]]
    assert len(set(shown)) >= 0.7 * len(shown)  # 17 claims x 5 over 70 postings: some must repeat
