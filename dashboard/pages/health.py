"""Data and crawl health: each source's last crawl, items, errors and quarantined records, raw vs
unique postings, coverage by state beside OEWS MA employment (dashboard/coverage.py), and the facts
of this warehouse build (load id, when, synthetic or not)."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import Input, Output, html

from dashboard import coverage
from dashboard.filters import Filters
from dashboard.pages.frame import heading

PATH, NAME = "/health", "Data health"


def layout(search=None, warehouse=None):
    return html.Div([
        heading("Data and crawl health", "Where the postings come from and how the last crawls went. "
                "Not filtered: this page describes the whole warehouse."),
        html.Div(id="health-body"),
    ])


def register(app, warehouse) -> None:
    @app.callback(Output("health-body", "children"), Input("filters", "data"))
    @warehouse.memoized
    def update(_data):
        meta = warehouse.meta()
        return [
            dbc.Row([dbc.Col(fact(name, meta.get(key, "—")), md=3) for key, name in
                     (("load_id", "Load id"), ("built_at", "Built at"), ("synthetic", "Synthetic data"),
                      ("tagger_version", "Tagger version"))], className="mb-3"),
            coverage.panel(warehouse, table_open=True),
            html.H3("Postings: raw and unique", className="h6"), counts_table(warehouse),
            html.H3("Sources and their last crawl", className="h6 mt-3"), sources_table(warehouse),
            html.H3("Last 20 crawl runs", className="h6 mt-3"), runs_table(warehouse),
        ]

    warehouse.warm_on_start(update, Filters().to_dict())


def fact(name, value):
    return dbc.Card(dbc.CardBody([html.Div(name, className="small text-muted"), html.Div(str(value), className="fw-bold")]))


def table(frame, table_id):
    if frame.empty:
        return html.P("Nothing recorded yet.", className="text-muted", id=table_id)
    return dbc.Table([html.Thead(html.Tr([html.Th(c) for c in frame.columns])),
                      html.Tbody([html.Tr([html.Td(cell(v)) for v in row])
                                  for row in frame.itertuples(index=False)])], size="sm", hover=True, id=table_id)


def cell(value) -> str:
    """Table text: blanks for missing values, whole numbers without a trailing .0."""
    if value is None or value != value:
        return ""
    if isinstance(value, float) and value.is_integer():
        return f"{int(value):,}"
    return str(value)


def counts_table(warehouse):
    note = html.P("postings_kept: the postings the crawl kept (MA and MA-adjacent titles; the boards listed more); "
                  "ma_postings: those tagged as MA jobs; unique_ma_postings: near-duplicates removed, what the "
                  "charts count.", className="small text-muted mb-1", id="health-counts-note")
    return html.Div([note, counts_by_source(warehouse)])


def counts_by_source(warehouse):
    return table(warehouse.frame(
        # Every posting in the warehouse passed the crawl's relevance filter: these are the kept ones.
        "SELECT source, count(*) AS postings_kept, count(*) FILTER (WHERE is_ma) AS ma_postings, "
        "count(*) FILTER (WHERE is_ma AND is_canonical) AS unique_ma_postings, "
        "count(*) FILTER (WHERE is_ma AND is_canonical AND active) AS active_unique_ma "
        "FROM postings GROUP BY source ORDER BY source"), "health-counts")


def sources_table(warehouse):
    return table(warehouse.frame(
        "SELECT spider AS source, count(*) AS runs, max(finished_at) AS last_crawl, "
        "arg_max(finish_reason, finished_at) AS last_finish, sum(items) AS items, sum(errors) AS errors, "
        "sum(quarantined) AS quarantined FROM crawl_runs GROUP BY spider ORDER BY spider"), "health-sources")


def runs_table(warehouse):
    return table(warehouse.frame(
        "SELECT run_id, spider, started_at, finished_at, finish_reason, items, skipped, quarantined, errors "
        "FROM crawl_runs ORDER BY started_at DESC NULLS LAST LIMIT 20"), "health-runs")
