"""Geography: a US state map of postings, median posted pay, or the share requiring an MA credential.

The state outlines come from dashboard/assets/topojson (plotly.js would otherwise fetch them from a CDN)."""

from __future__ import annotations

import dash_bootstrap_components as dbc
import plotly.graph_objects as go
from dash import Input, Output, html

from dashboard import cube, figures
from dashboard.filters import Filters
from dashboard.pages.frame import GRAPH_CONFIG, graph, heading
from dashboard.vocabulary import min_n

PATH, NAME = "/geography", "Geography"
MAP_CONFIG = {**GRAPH_CONFIG, "topojsonURL": "/assets/topojson/"}
METRICS = {"postings": "Unique MA postings", "pay": "Mean posted hourly pay (USD)",
           "cert_required": "Share requiring an MA credential"}


def layout(search=None, warehouse=None):
    return html.Div([
        heading("Where the postings are", f"By state; states with fewer than {min_n()} postings are left grey for "
                "pay and credential share."),
        dbc.RadioItems(id="geo-metric", options=[{"label": v, "value": k} for k, v in METRICS.items()],
                       value="postings", inline=True, className="mb-2"),
        dbc.Row([graph("geo-map", md=12, config=MAP_CONFIG)]),
    ])


def register(app, warehouse) -> None:
    @app.callback(Output("geo-map", "figure"), Input("filters", "data"), Input("geo-metric", "value"))
    @warehouse.memoized
    def update(data, metric):
        return state_map(warehouse, Filters.from_dict(data), metric or "postings")

    warehouse.warm_on_start(update, Filters().to_dict(), "postings")


def state_map(warehouse, chosen, metric):
    frame = cube.postings_by(warehouse, chosen, "state", "ma_cert")
    what = METRICS.get(metric, METRICS["postings"]) + " by state"
    frame = frame[frame["state"].str.len() == 2]
    if frame.empty:
        return figures.empty(what, "no postings with a US state match these filters")
    by_state = frame.groupby("state").agg(postings=("postings", "sum"), with_pay=("with_pay", "sum"),
                                          pay_sum=("pay_sum", "sum"))
    by_state["required"] = frame[frame["ma_cert"] == "required"].groupby("state")["postings"].sum()
    by_state = by_state.fillna(0)
    if metric == "pay":
        values = (by_state["pay_sum"] / by_state["with_pay"]).where(by_state["with_pay"] >= min_n())
        colour, fmt = "Viridis", "$%{z:.2f}/h"
    elif metric == "cert_required":
        values = (by_state["required"] / by_state["postings"]).where(by_state["postings"] >= min_n())
        colour, fmt = "Blues", "%{z:.0%}"
    else:
        values, colour, fmt = by_state["postings"], "Blues", "%{z:,} postings"
    figure = go.Figure(go.Choropleth(
        locations=by_state.index, z=values, locationmode="USA-states", colorscale=colour,
        customdata=by_state["postings"], hovertemplate=f"%{{location}}: {fmt} (n=%{{customdata}})<extra></extra>",
        colorbar={"title": METRICS[metric] if metric in METRICS else ""}))
    figure.update_layout(geo={"scope": "usa", "showlakes": False})
    return figures.titled(figure, what, int(by_state["postings"].sum()), x="", y="", height=520)
