"""The coverage panel: whom the postings represent. A summary line (how many postings sit in states with
an OEWS Medical Assistant employment figure, what share of US MA jobs those states hold, postings per
1,000 MA jobs, the top 10 employers' share) and, state by state, postings beside MA jobs
(v_coverage_summary and v_coverage_by_state, warehouse/sql/marts/020_coverage.sql).

Shown on the scorecard's header (summary, the table folded) and on the data-health page (table open).
"""

from __future__ import annotations

import dash_bootstrap_components as dbc
from urllib.parse import urlparse

from dash import html

from warehouse.claims.units import missing

STATE_COLUMNS = ("State", "Unique MA postings", "MA jobs (OEWS)", "Postings per 1,000 MA jobs",
                 "Top 10 employers' share", "Release", "Source")


def summary(warehouse) -> dict:
    frame = warehouse.frame("SELECT * FROM v_coverage_summary")
    return {} if frame.empty else frame.iloc[0].to_dict()


def states(warehouse):
    return warehouse.frame(
        "SELECT state, postings, ma_jobs, postings_per_1000_ma_jobs, top10_employer_share, release, source_url, note "
        "FROM v_coverage_by_state ORDER BY postings DESC, ma_jobs DESC NULLS LAST, state")


def _number(value, pattern: str = "{:,.0f}", empty: str = "—") -> str:
    return empty if missing(value) else pattern.format(value)


def summary_line(facts: dict) -> str:
    """The summary in one sentence, or what is missing for it."""
    if not facts or not facts.get("postings"):
        return "No unique MA postings yet: coverage is measured after the first load."
    weighted = int(facts.get("states_weighted") or 0)
    if not weighted:
        return (f"None of the {int(facts['postings']):,} unique MA postings is in a state with an OEWS MA "
                "employment figure shipped, so no claim can be weighted to MA jobs yet.")
    return (f"{int(facts['postings_in_weighted_states']):,} of {int(facts['postings']):,} unique MA postings are in "
            f"the {weighted} states with an OEWS MA employment figure ({facts['releases']}); those states hold "
            f"{_number(facts.get('share_of_us_ma_jobs'), '{:.0%}')} of US MA jobs "
            f"({_number(facts.get('ma_jobs_in_weighted_states'))} of {_number(facts.get('us_ma_jobs'))}). "
            f"There: {_number(facts.get('postings_per_1000_ma_jobs'), '{:.2f}')} postings per 1,000 MA jobs. "
            f"The top 10 employers posted {_number(facts.get('top10_employer_share'), '{:.0%}')} of all postings.")


def gaps_line(facts: dict) -> str:
    """States the weighting leaves out, said as such (never imputed)."""
    if not facts or not facts.get("postings"):
        return ""
    parts = []
    if facts.get("states_without_figure"):
        count = int(facts["states_without_figure"])
        parts.append(f"{count} {'state with postings has' if count == 1 else 'states with postings have'} no OEWS "
                     "figure shipped (their postings count raw only)")
    if facts.get("states_with_figure_no_postings"):
        count = int(facts["states_with_figure_no_postings"])
        parts.append(f"{count} {'state with a figure has' if count == 1 else 'states with a figure have'} none "
                     "collected (not imputed)")
    without_state = int(facts["postings"]) - int(facts.get("postings_with_state") or 0)
    if without_state:
        parts.append(f"{without_state:,} {'posting names' if without_state == 1 else 'postings name'} no state")
    return "; ".join(parts) + ("." if parts else "")


def state_table(warehouse) -> dbc.Table:
    rows = []
    for row in states(warehouse).itertuples(index=False):
        source = (html.A(urlparse(row.source_url).netloc or row.source_url, href=row.source_url, target="_blank",
                         rel="noopener noreferrer") if not missing(row.source_url) else "")
        ratio = _number(row.postings_per_1000_ma_jobs, "{:.2f}", empty="unknown")
        rows.append(html.Tr([html.Td(row.state), html.Td(f"{int(row.postings):,}"),
                             html.Td(_number(row.ma_jobs, empty="no OEWS figure shipped")), html.Td(ratio),
                             html.Td(_number(row.top10_employer_share, "{:.0%}")), html.Td(row.release or ""),
                             html.Td(source)]))
    return dbc.Table([html.Thead(html.Tr([html.Th(c) for c in STATE_COLUMNS])), html.Tbody(rows)],
                     size="sm", hover=True, responsive=True, id="coverage-states")


def panel(warehouse, *, table_open: bool) -> dbc.Card:
    """The panel: summary, gaps, and the state table (folded unless `table_open`)."""
    facts = summary(warehouse)
    gaps = gaps_line(facts)
    table = state_table(warehouse)
    body = [html.H3("Coverage: postings beside where MA jobs are", className="h6"),
            html.P(summary_line(facts), className="mb-1", id="coverage-summary"),
            html.P(gaps, className="small text-muted mb-1", id="coverage-gaps") if gaps else None,
            table if table_open else html.Details([html.Summary("State by state", className="small"), table])]
    return dbc.Card(dbc.CardBody(body), className="mb-3", id="coverage-panel")
