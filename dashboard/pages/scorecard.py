"""Scorecard: each of the guide's claims, the observed value with its 95% interval and n, a verdict
badge and links to example postings. Claims are measured on the whole warehouse at load time, so
the global filters do not apply here (the page says so)."""

from __future__ import annotations

import math

import dash_bootstrap_components as dbc
from dash import Input, Output, dcc, html

from dashboard.filters import Filters
from dashboard.pages.frame import heading

PATH, NAME = "/", "Scorecard"
VERDICT_COLOURS = {"supported": "success", "partly supported": "warning", "contradicted": "danger",
                   "too little data": "secondary"}


def layout(search=None, warehouse=None):
    return html.Div([
        heading("Scorecard: the guide's claims against the postings",
                "Each claim in our words, what the postings show (95% interval, n), and the verdict. "
                "Measured on all unique MA postings at the last load; the filters above do not apply here."),
        html.Div(id="scorecard-table"),
    ])


def register(app, warehouse) -> None:
    @app.callback(Output("scorecard-table", "children"), Input("filters", "data"))
    @warehouse.memoized
    def show_claims(_filters):
        frame = claim_rows(warehouse)
        if frame.empty:
            return dbc.Alert("No claim results yet: run `ma-demand load` to measure the guide's claims.", color="info")
        return dbc.Table([html.Thead(html.Tr([html.Th(h) for h in
                                              ("Claim", "Guide section", "Observed", "95% interval", "n", "Verdict", "Evidence")])),
                          html.Tbody([claim_row(row) for row in frame.itertuples()])],
                         bordered=False, hover=True, responsive=True, size="sm", id="claims")

    warehouse.warm_on_start(show_claims, Filters().to_dict())


def claim_rows(warehouse):
    return warehouse.frame(
        "SELECT c.claim_id, c.claim, c.guide_section, c.metric, c.min_n, r.observed, r.ci_low, r.ci_high, r.n, "
        "r.verdict, r.example_posting_ids FROM claims c LEFT JOIN ("
        "  SELECT * FROM claim_results QUALIFY row_number() OVER (PARTITION BY claim_id ORDER BY computed_at DESC) = 1"
        ") r USING (claim_id) ORDER BY c.claim_id")


def claim_row(row) -> html.Tr:
    verdict = row.verdict or "too little data"
    examples = [] if _missing(row.example_posting_ids) else list(row.example_posting_ids)
    return html.Tr([
        html.Td([html.Div(row.claim), html.Small(row.metric or "", className="text-muted")]),
        html.Td(row.guide_section or ""),
        html.Td(number(row.observed)),
        html.Td(f"{number(row.ci_low)} – {number(row.ci_high)}" if not _missing(row.ci_low) else "—"),
        html.Td(f"{int(row.n):,}" if not _missing(row.n) else "0"),
        html.Td(dbc.Badge(verdict, color=VERDICT_COLOURS.get(verdict, "secondary"), className="verdict")),
        html.Td([dcc.Link(f"posting {i + 1}", href=f"/posting?id={posting_id}", className="me-2")
                 for i, posting_id in enumerate(examples[:3])] or "—"),
    ])


def number(value) -> str:
    """A share as a percentage, anything else (pay, years) as a number."""
    if _missing(value):
        return "—"
    return f"{value:.1%}" if 0 <= value <= 1 else f"{value:,.2f}"


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))
