"""The tagger's measured error inside each verdict: the data file, the corrections, "inconclusive"."""

from __future__ import annotations

import json
import tomllib

import numpy as np
import pytest

from benchmarks import tagger_error as benchmark
from pipeline import TAGGER_VERSION
from warehouse import claims
from warehouse.claims import statistics, tagger_error

from .test_claims import hand_made_warehouse

PERFECT = {"true_positive": 400, "false_negative": 0, "true_negative": 400, "false_positive": 0,
           "in_both": 800, "tags_only": 0}


def _results(tmp_path, measured: dict) -> dict:
    """Every claim on the hand-made warehouse of test_claims, with these held-out counts per claim."""
    con = hand_made_warehouse(tmp_path / f"hand-{len(list(tmp_path.iterdir()))}.duckdb")
    claims.refresh(con, {"tagger_version": TAGGER_VERSION, "claims": measured})
    rows = con.execute("SELECT claim_id, verdict, observed, ci_low, ci_high, corrected, ci_low_with_error, "
                       "ci_high_with_error, error_share, detail FROM claim_results").fetchall()
    con.close()
    names = ("verdict", "observed", "ci_low", "ci_high", "corrected", "low", "high", "error_share", "detail")
    return {row[0]: dict(zip(names, row[1:]), detail=json.loads(row[-1])) for row in rows}


def test_the_data_file_matches_what_the_command_measures_now():
    """A tagger rule change that shifts its error fails here until `benchmarks.tagger_error --write` is run."""
    stored = tagger_error.read()
    assert stored is not None, "warehouse/claims/tagger_error.toml is missing"
    now = benchmark.measure()
    assert stored["tagger_version"] == TAGGER_VERSION, "tagger_error.toml is stale: rerun the command with --write"
    assert stored == tomllib.loads(tagger_error.to_toml(now))


def test_every_claim_declares_an_error_model_the_data_file_measures():
    stored = tagger_error.read()
    for claim in claims.registry():
        model = claim.options["error_model"]
        assert model in ("misclassification", "code_detection", "pay_parse", "unmeasured"), claim.id
        assert stored["claims"][claim.id]["model"] == model
        if model == "unmeasured":
            assert claim.options.get("error_note"), f"{claim.id} must say why its error is not measured"


def test_labelled_tags_replace_only_the_fields_the_heldout_set_labels():
    tagged = {"is_ma": False, "certifications": [], "ehr": ["epic"], "pay": None, "seniority": "entry",
              "experience_years_min": None, "specialty": None, "languages": [], "education": None,
              "skills": [{"id": "ekg", "category": "clinical"}], "title_normalized": "medical assistant"}
    expect = {"is_ma": True, "certifications": {"CMA": "required/3", "BLS": "preferred"}, "ehr": [],
              "pay": [18.0, None], "seniority": None, "experience_years": 1, "experience_band": "0-2", "specialty": "obgyn",
              "languages": ["spanish"], "education": "ma_program"}
    tags = benchmark.labelled_tags(expect, tagged)
    assert tags["certifications"] == [{"code": "CMA", "requirement": "required", "within_months": 3.0},
                                      {"code": "BLS", "requirement": "preferred", "within_months": None}]
    assert tags["pay"]["hourly_min"] == 18.0 and tags["pay"]["hourly_max"] is None
    assert (tags["is_ma"], tags["seniority"], tags["ehr"], tags["experience_years_min"]) == (True, None, [], 1)
    assert tags["skills"] == tagged["skills"] and tags["title_normalized"] == "medical assistant"


def test_rogan_gladen_undoes_a_known_misclassification():
    true_share, sensitivity, specificity = 0.3, 0.8, 0.9
    observed = true_share * sensitivity + (1 - true_share) * (1 - specificity)
    assert statistics.rogan_gladen(observed, sensitivity, specificity) == pytest.approx(true_share)
    assert statistics.rogan_gladen(0.01, 0.9, 0.9) == 0.0          # clipped, not negative
    assert np.isnan(statistics.rogan_gladen(0.5, 0.4, 0.5))         # Se + Sp <= 1 says nothing


def test_a_perfect_tagger_leaves_almost_only_sampling_error():
    low, high, _ = statistics.share_with_error(45, 60, statistics.Misclassification(**PERFECT))
    wilson = statistics.wilson(45, 60)
    assert low == pytest.approx(wilson[0], abs=0.02) and high == pytest.approx(wilson[1], abs=0.02)


def test_an_uncertain_sensitivity_widens_the_interval():
    few = statistics.Misclassification(8, 2, 10, 0, 20, 0)
    many = statistics.Misclassification(800, 200, 1000, 0, 2000, 0)
    few_low, few_high, _ = statistics.share_with_error(45, 60, few)
    many_low, many_high, _ = statistics.share_with_error(45, 60, many)
    assert few_high - few_low > many_high - many_low
    assert few_low <= statistics.rogan_gladen(0.75, 0.8, 1.0) <= few_high


def test_wrongly_included_postings_widen_the_share_towards_unknown():
    clean = statistics.Misclassification(**PERFECT)
    mixed = statistics.Misclassification(**{**PERFECT, "tags_only": 800})    # half the population is wrong
    clean_low, clean_high, _ = statistics.share_with_error(45, 60, clean)
    mixed_low, mixed_high, _ = statistics.share_with_error(45, 60, mixed)
    assert mixed_low < clean_low - 0.15 and mixed_high >= clean_high


def test_median_shift_moves_the_median_to_the_quantiles_the_wrong_share_reaches():
    sample = statistics.Sample(np.arange(1.0, 101.0), np.ones(100, dtype=np.int64))
    down, up = statistics.median_shift(sample, 0.1)
    assert sample.median() == 50.5 and down == pytest.approx(10.5) and up == pytest.approx(9.5)
    assert statistics.median_shift(sample, 0.0) == pytest.approx((0.5, 0.5), abs=0.51)


def test_share_claim_the_tagger_error_takes_across_a_threshold_is_inconclusive(tmp_path):
    # posted_pay_within_bls_range: 20 of 60 = 33%, sampling interval 22.7% to 45.9%, below 60%: contradicted.
    sure = {**PERFECT, "model": "misclassification"}
    unsure = {"model": "misclassification", "true_positive": 3, "false_negative": 3, "true_negative": 12,
              "false_positive": 0, "in_both": 18, "tags_only": 0}
    claim = "posted_pay_within_bls_range"
    assert _results(tmp_path, {claim: sure})[claim]["verdict"] == "contradicted"
    result = _results(tmp_path, {claim: unsure})[claim]
    assert result["verdict"] == "inconclusive"
    assert "60.0%" in result["detail"]["inconclusive_reason"]
    assert result["low"] < 0.6 <= result["high"] and result["error_share"] > 0.3
    assert result["corrected"] == pytest.approx(statistics.rogan_gladen(20 / 60, 0.5, 1.0))
    assert (result["ci_low"], result["ci_high"]) == pytest.approx(statistics.wilson(20, 60))  # kept beside it


def test_a_threshold_the_sampling_interval_already_crosses_keeps_the_verdict(tmp_path):
    # cpr_bls_nearly_universal: 54 of 70 = 77.1%, its sampling interval (66% to 86%) crosses 75% already.
    claim = "cpr_bls_nearly_universal"
    result = _results(tmp_path, {claim: {**PERFECT, "model": "misclassification"}})[claim]
    assert result["verdict"] == "partly supported" and result["low"] < 0.75 < result["high"]


def test_a_misparsed_pay_share_widens_the_median_and_the_difference(tmp_path):
    many_wrong = {"model": "pay_parse", "values": 100, "wrong": 30}
    results = _results(tmp_path, {"certification_pay_premium": many_wrong, "posted_pay_near_bls_median": many_wrong})
    premium, level = results["certification_pay_premium"], results["posted_pay_near_bls_median"]
    assert premium["low"] <= premium["ci_low"] and premium["high"] > 0 > premium["ci_high"]
    assert premium["verdict"] == "inconclusive"
    assert level["high"] == 26.0 and level["verdict"] == "inconclusive"   # 30% wrong can reach the lead pay


def test_ranking_that_can_swap_within_the_code_error_is_inconclusive(tmp_path):
    # cma_rma: CMA 20, CCMA 5, RMA 5 (the tie sorts CCMA first): partly supported; RMA and CCMA can swap.
    # ehr: epic 20, nextgen 15, oracle 10, eCW 5, athena 2: nextgen's lead over athena is far beyond the error.
    loose = {"model": "code_detection", **PERFECT, "code_true_positive": 10000, "code_false_positive": 1000,
             "code_false_negative": 1000}
    results = _results(tmp_path, {"cma_rma_most_named_credentials": loose, "ehr_big_four_most_common": loose})
    assert results["cma_rma_most_named_credentials"]["verdict"] == "inconclusive"
    assert "between 1 and 2 of the 2" in results["cma_rma_most_named_credentials"]["detail"]["inconclusive_reason"]
    assert results["ehr_big_four_most_common"]["verdict"] == "partly supported"


def test_an_unmeasured_claim_says_so_and_keeps_its_sampling_interval(tmp_path):
    result = _results(tmp_path, {})["core_clinical_skills"]  # 40 of 70
    assert result["verdict"] == "partly supported" and result["error_share"] is None
    assert (result["low"], result["high"]) == (result["ci_low"], result["ci_high"])
    assert "not measured" in result["detail"]["tagger_error"]["note"]


def test_a_data_file_from_another_tagger_version_is_reported_stale(tmp_path):
    con = hand_made_warehouse(tmp_path / "hand.duckdb")
    stored = tagger_error.read()
    claims.refresh(con, {**stored, "tagger_version": "0.0.1"})
    detail = json.loads(con.execute("SELECT detail FROM claim_results WHERE claim_id = 'cpr_bls_nearly_universal'")
                        .fetchone()[0])
    con.close()
    assert "0.0.1" in detail["tagger_error"]["stale"] and detail["tagger_error"]["measured"]
