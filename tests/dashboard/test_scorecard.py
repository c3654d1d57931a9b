"""The scorecard writes each claim's value in its kind's unit and keeps the guide's order."""

from __future__ import annotations

import json

from dashboard.app import create_app
from dashboard.pages import scorecard
from warehouse.claims.units import format_interval, format_value
from dashboard.vocabulary import label
from warehouse.claims import registry


def test_values_are_written_in_the_unit_of_the_claims_kind():
    assert format_value("share", 0.4921) == "49.2%"
    assert format_value("top_codes", 1.0) == "100.0%"
    assert format_value("share_difference", -0.0512) == "-5.1 pts"
    assert format_value("share_difference", 0.031) == "+3.1 pts"
    assert format_value("share_difference", -0.0001) == "+0.0 pts"
    assert format_value("pay_difference", 0.875) == "+$0.88/h"
    assert format_value("pay_difference", -1.5) == "−$1.50/h"
    assert format_value("pay_level", 21.4) == "$21.40/h"
    assert format_value("share", float("nan")) == "—"
    assert format_interval("pay_level", 20.5, 21.25) == "$20.50/h to $21.25/h"
    assert format_interval("share", None, 0.4) == "—"


def test_detail_shows_the_ranking_the_groups_or_the_reference():
    ranking = json.dumps({"ranking": [{"code": code, "postings": 1, "share": 0.1} for code in ("CMA", "CCMA", "oracle_health")]})
    assert scorecard.detail_note("top_codes", ranking) == f"ranking: CMA, CCMA, {label('oracle_health')}"
    groups = json.dumps({"n_a": 120, "n_b": 300, "share_a": 0.25, "share_b": 0.2})
    assert scorecard.detail_note("share_difference", groups) == "25.0% vs 20.0% (n 120 vs 300)"
    medians = json.dumps({"n_a": 40, "n_b": 60, "median_a": 22.5, "median_b": 21.0})
    assert scorecard.detail_note("pay_difference", medians) == "medians $22.50 vs $21.00/h (n 40 vs 60)"
    assert scorecard.detail_note("pay_level", json.dumps({"reference": 21.25})) == "BLS median $21.25/h"
    assert scorecard.detail_note("share", None) == ""
    assert scorecard.detail_note("top_codes", "not json") == ""


def test_every_registered_claim_has_its_metric_in_words():
    claims = registry()
    assert len(claims) >= 16
    for claim in claims:
        assert len(claim.metric.split()) >= 6, claim.id
        assert not claim.metric.endswith(".sql"), claim.id


def test_claims_appear_in_registry_order_with_their_units(tmp_path):
    from pathlib import Path

    from warehouse import load

    landing = Path(__file__).resolve().parents[1] / "warehouse" / "landing"
    db = tmp_path / "warehouse.duckdb"
    load.load(db, landing, progress=lambda _message: None)
    table = scorecard.claims_table(create_app(db).server.config["WAREHOUSE"])
    rows = table.children[1].children
    claims = registry()
    assert [row.children[0].children[0].children for row in rows] == [claim.claim for claim in claims]
    by_kind = {}
    for claim, row in zip(claims, rows):
        by_kind.setdefault(claim.kind, row)  # the first claim of each kind
    observed = {kind: row.children[2].children[0].children for kind, row in by_kind.items()}
    assert observed["pay_level"].startswith("$") and observed["pay_level"].endswith("/h")
    assert observed["pay_difference"][0] in "+−" and observed["pay_difference"].endswith("/h")
    assert observed["share_difference"].endswith(" pts")
    assert observed["share"].endswith("%")


def test_an_inconclusive_claim_shows_its_own_colour_its_reason_and_the_error_share():
    from types import SimpleNamespace

    detail = json.dumps({"inconclusive_reason": "with the tagger's error the interval reaches across 80.0%"})
    row = SimpleNamespace(claim_id="cpr_bls_nearly_universal", claim="CPR", guide_section="s", metric="m", rule="r",
                          kind="share", min_n=30, observed=0.9, ci_low=0.8, ci_high=0.95, ci_low_with_error=0.7,
                          ci_high_with_error=1.0, error_share=0.5, n=60, verdict="inconclusive",
                          example_posting_ids=[], detail=detail)
    cells = scorecard.claim_row(row).children
    badge, reason = cells[6].children
    assert badge.color == "info" and badge.color not in {
        colour for verdict, colour in scorecard.VERDICT_COLOURS.items() if verdict != "inconclusive"}
    assert reason.children.children.endswith("reaches across 80.0%")
    assert cells[4].children[0].children == "70.0% to 100.0%"
    assert cells[4].children[1].children == "50% of the width is tagger error"
    unmeasured = scorecard.claim_row(SimpleNamespace(**{**vars(row), "verdict": "supported", "error_share": None}))
    assert unmeasured.children[4].children[1].children == "tagger error not measured"
    assert unmeasured.children[6].children[1] is None


def test_the_weighted_reading_shows_its_intervals_and_says_when_its_verdict_differs():
    from types import SimpleNamespace

    row = SimpleNamespace(claim_id="cpr_bls_nearly_universal", claim="CPR", guide_section="s", metric="m", rule="r",
                          kind="share", min_n=30, observed=0.77, ci_low=0.66, ci_high=0.85, ci_low_with_error=0.6,
                          ci_high_with_error=0.9, error_share=0.3, n=70, verdict="partly supported",
                          example_posting_ids=[], detail=None, weighted_observed=0.92, weighted_ci_low=0.8,
                          weighted_ci_high=0.97, weighted_ci_low_with_error=0.78, weighted_ci_high_with_error=0.98,
                          weighted_n=50, weighted_n_effective=31.6, weighted_verdict="supported")
    value, interval, with_error, n, badge, differs = scorecard.claim_row(row).children[7].children
    assert value.children == "92.0%" and interval.children == "95%: 80.0% to 97.0%"
    assert with_error.children == "with tagger error: 78.0% to 98.0%"
    assert n.children == "n 50, effective n 32" and badge.children == "supported"
    assert differs.children.children == "differs from the raw verdict (partly supported)"
    same = scorecard.claim_row(SimpleNamespace(**{**vars(row), "weighted_verdict": "partly supported"}))
    assert same.children[7].children[-1] is None
