"""Scorecard: each of the guide's claims, the observed value with its 95% interval, the interval with
the tagger's measured error and how much of it that error makes up, n, a verdict badge (with the
reason when the tagger's error makes it inconclusive) and links to example postings. Beside the raw
reading (every unique posting once) each claim shows its reading weighted to OEWS MA employment by
state, with its own interval and verdict, and says when the two verdicts differ; the coverage panel on
top says whom the postings represent (dashboard/coverage.py). Claims are measured on the whole warehouse at load time, so
the global filters do not apply here (the page says so).

Values are written in the unit of the claim's kind (warehouse/claims/registry.toml): shares as
percentages, share differences in percentage points, pay in dollars an hour. Claims keep the
registry's order, which follows the guide.
"""

from __future__ import annotations

import json

import dash_bootstrap_components as dbc
from dash import Input, Output, dcc, html

from dashboard import coverage
from dashboard.filters import Filters
from dashboard.pages.frame import heading
from dashboard.vocabulary import label
from warehouse.claims import position
from warehouse.claims.units import format_interval, format_value, missing as _missing

PATH, NAME = "/", "Scorecard"
FILTERED = False  # claims are measured on the whole warehouse at load time: the filter bar is hidden here
VERDICT_COLOURS = {"supported": "success", "partly supported": "warning", "contradicted": "danger",
                   "inconclusive": "info", "too little data": "secondary"}


def layout(search=None, warehouse=None):
    return html.Div([
        heading("Scorecard: the guide's claims against the postings",
                "Each claim in our words, what the postings show (95% interval, n), and the verdict. "
                "Measured on all unique MA postings at the last load; the filters above do not apply here. "
                "The interval with tagger error adds the tagger's error measured on hand-labelled postings "
                "(see Methods). Hover a verdict for the rule that gives it. Weighted: each state's postings "
                "weigh its share of OEWS MA employment, each employer capped per state (see Methods)."),
        html.Div(id="scorecard-table"),
    ])


def register(app, warehouse) -> None:
    @app.callback(Output("scorecard-table", "children"), Input("filters", "data"))
    @warehouse.memoized
    def show_claims(_filters):
        return [coverage.panel(warehouse, table_open=False), claims_table(warehouse)]

    warehouse.warm_on_start(show_claims, Filters().to_dict())


def claims_table(warehouse):
    """The table of claims in the registry's order, or a note when nothing has been measured."""
    frame = claim_rows(warehouse)
    if frame.empty:
        return dbc.Alert("No claim results yet: run `ma-demand load` to measure the guide's claims.", color="info")
    rows = sorted(frame.itertuples(), key=lambda row: (position(row.claim_id), row.claim_id))
    return dbc.Table([html.Thead(html.Tr([html.Th(h) for h in
                                          ("Claim", "Guide section", "Observed", "95% interval", "With tagger error", "n", "Verdict",
                                           "Weighted to MA jobs by state", "Evidence")])),
                      html.Tbody([claim_row(row) for row in rows])],
                     bordered=False, hover=True, responsive=True, size="sm", id="claims")


def claim_rows(warehouse):
    return warehouse.frame(
        "SELECT c.claim_id, c.claim, c.guide_section, c.metric, c.rule, c.kind, c.min_n, r.observed, r.ci_low, "
        "r.ci_high, r.ci_low_with_error, r.ci_high_with_error, r.error_share, r.n, r.verdict, r.example_posting_ids, "
        "CAST(r.detail AS VARCHAR) AS detail, r.weighted_observed, r.weighted_ci_low, r.weighted_ci_high, "
        "r.weighted_ci_low_with_error, r.weighted_ci_high_with_error, r.weighted_n, r.weighted_n_effective, "
        "r.weighted_verdict FROM claims c LEFT JOIN ("
        "  SELECT * FROM claim_results QUALIFY row_number() OVER (PARTITION BY claim_id ORDER BY computed_at DESC) = 1"
        ") r USING (claim_id)")


def claim_row(row) -> html.Tr:
    verdict = row.verdict or "too little data"
    examples = [] if _missing(row.example_posting_ids) else list(row.example_posting_ids)
    kind = None if _missing(row.kind) else row.kind
    interval = format_interval(kind, row.ci_low, row.ci_high)
    note = detail_note(kind, row.detail)
    reason = inconclusive_reason(row.detail) if verdict == "inconclusive" else ""
    return html.Tr([
        html.Td([html.Div(row.claim), html.Small(row.metric or "", className="text-muted")]),
        html.Td(row.guide_section or ""),
        html.Td([html.Div(format_value(kind, row.observed), className="text-nowrap"),
                 html.Small(note, className="text-muted") if note else None]),
        html.Td(interval, className="text-nowrap"),
        html.Td([html.Div(format_interval(kind, row.ci_low_with_error, row.ci_high_with_error), className="text-nowrap"),
                 html.Small(error_share_note(row.error_share), className="text-muted")], className="with-error"),
        html.Td(f"{int(row.n):,}" if not _missing(row.n) else "0"),
        html.Td([dbc.Badge(verdict, color=VERDICT_COLOURS.get(verdict, "secondary"), className="verdict",
                           title=None if _missing(row.rule) else row.rule),
                 html.Div(html.Small(reason, className="text-muted"), className="verdict-reason") if reason else None]),
        weighted_cell(row, kind, verdict, None if _missing(row.rule) else row.rule),
        html.Td([dcc.Link(f"posting {i + 1}", href=f"/posting?id={posting_id}", className="me-2 text-nowrap")
                 for i, posting_id in enumerate(examples[:3])] or "—"),
    ])


def weighted_cell(row, kind, raw_verdict: str, rule: str | None) -> html.Td:
    """The weighted reading: value, its 95% interval (Kish effective n) and with the tagger's error, n,
    its verdict, and a warning when that verdict is not the raw one."""
    if _missing(getattr(row, "weighted_verdict", None)):
        return html.Td(html.Small("not computed: run `ma-demand claims --refresh`", className="text-muted"),
                       className="weighted")
    verdict = row.weighted_verdict
    n = 0 if _missing(row.weighted_n) else int(row.weighted_n)
    effective = 0 if _missing(row.weighted_n_effective) else row.weighted_n_effective
    return html.Td([
        html.Div(format_value(kind, row.weighted_observed), className="text-nowrap"),
        html.Small(f"95%: {format_interval(kind, row.weighted_ci_low, row.weighted_ci_high)}",
                   className="text-muted d-block text-nowrap"),
        html.Small(f"with tagger error: {format_interval(kind, row.weighted_ci_low_with_error, row.weighted_ci_high_with_error)}",
                   className="text-muted d-block text-nowrap"),
        html.Small(f"n {n:,}, effective n {effective:,.0f}", className="text-muted d-block"),
        dbc.Badge(verdict, color=VERDICT_COLOURS.get(verdict, "secondary"), className="verdict weighted-verdict",
                  title=rule),
        html.Div(html.Small(f"differs from the raw verdict ({raw_verdict})", className="text-danger fw-semibold"),
                 className="verdict-differs") if verdict != raw_verdict else None,
    ], className="weighted")


def error_share_note(share) -> str:
    """How much of the interval the tagger's error makes up, or that it is not measured."""
    return "tagger error not measured" if _missing(share) else f"{share:.0%} of the width is tagger error"


def _detail(detail) -> dict:
    if _missing(detail) or not detail:
        return {}
    try:
        return json.loads(detail) if isinstance(detail, str) else dict(detail)
    except (TypeError, ValueError):
        return {}


def inconclusive_reason(detail) -> str:
    """The one line that says why the verdict is open: the tagger's error, or a difference's interval around 0."""
    return _detail(detail).get("inconclusive_reason", "")


def detail_note(kind: str | None, detail) -> str:
    """One line from a result's detail: the ranking, the two groups' shares or medians, the reference."""
    data = _detail(detail)
    if kind == "top_codes" and data.get("ranking"):
        return "ranking: " + ", ".join(label(entry["code"]) for entry in data["ranking"][:6])
    if kind == "share_difference" and data.get("share_a") is not None and data.get("share_b") is not None:
        return f"{data['share_a']:.1%} vs {data['share_b']:.1%} (n {data['n_a']:,} vs {data['n_b']:,})"
    if kind == "pay_difference" and data.get("median_a") is not None:
        return (f"medians ${data['median_a']:,.2f} vs ${data['median_b']:,.2f}/h "
                f"(n {data['n_a']:,} vs {data['n_b']:,})")
    if kind == "pay_level" and data.get("reference") is not None:
        return f"BLS median ${data['reference']:,.2f}/h"
    return ""
