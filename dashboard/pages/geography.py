"""Geography: a US state map of postings, median posted pay, or the share requiring an MA credential.

The metric is kept in the URL (`?metric=pay`) beside the filters, so a reload or a shared link shows
the same map. The state outlines come from dashboard/assets/topojson (plotly.js would otherwise fetch
them from a CDN)."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode

import dash_bootstrap_components as dbc
import plotly.graph_objects as go
from dash import Input, Output, State, html, no_update

from dashboard import cube, figures
from dashboard.filters import Filters
from dashboard.pages.frame import GRAPH_CONFIG, graph, heading
from dashboard.vocabulary import min_n

PATH, NAME = "/geography", "Geography"
MAP_CONFIG = {**GRAPH_CONFIG, "topojsonURL": "/assets/topojson/"}
METRICS = {"postings": "Unique MA postings", "pay": "Mean posted hourly pay (USD)",
           "cert_required": "Share requiring an MA credential (%)"}
DEFAULT_METRIC = "postings"
TOO_FEW_GREY = "#ced4da"  # states under min n on the pay and credential maps, as the page text says


def layout(search=None, warehouse=None):
    return html.Div([
        heading("Where the postings are", f"By state; states with fewer than {min_n()} postings are left grey for "
                "pay and credential share."),
        dbc.RadioItems(id="geo-metric", options=[{"label": v, "value": k} for k, v in METRICS.items()],
                       value=metric_in(search), inline=True, className="mb-2"),
        dbc.Row([graph("geo-map", md=12, config=MAP_CONFIG)]),
    ])


def metric_in(search: str | None) -> str:
    """The metric named in the URL's query string, else the default."""
    chosen = dict(parse_qsl((search or "").lstrip("?"))).get("metric")
    return chosen if chosen in METRICS else DEFAULT_METRIC


def with_metric(search: str | None, metric: str) -> str:
    """`search` with its `metric` key set (left out for the default), other keys kept in their order."""
    pairs = [(key, value) for key, value in parse_qsl((search or "").lstrip("?")) if key != "metric"]
    if metric != DEFAULT_METRIC:
        pairs.append(("metric", metric))
    return "?" + urlencode(pairs, safe=",") if pairs else ""


def register(app, warehouse) -> None:
    @app.callback(Output("geo-map", "figure"), Input("filters", "data"), Input("geo-metric", "value"))
    @warehouse.memoized
    def update(data, metric):
        return state_map(warehouse, Filters.from_dict(data), metric or DEFAULT_METRIC)

    @app.callback(Output("url", "search", allow_duplicate=True), Input("geo-metric", "value"), State("url", "search"),
                  prevent_initial_call=True)
    def keep_metric_in_url(metric, search):
        updated = with_metric(search, metric or DEFAULT_METRIC)
        return no_update if updated == (search or "") else updated

    warehouse.warm_on_start(update, Filters().to_dict(), DEFAULT_METRIC)


def state_map(warehouse, chosen, metric):
    frame = cube.postings_by(warehouse, chosen, "state", "ma_cert")
    what = METRICS.get(metric, METRICS[DEFAULT_METRIC]) + " by state"
    frame = frame[frame["state"].str.len() == 2]
    if frame.empty:
        return figures.empty(what, "no postings with a US state match these filters")
    by_state = frame.groupby("state").agg(postings=("postings", "sum"), with_pay=("with_pay", "sum"),
                                          pay_sum=("pay_sum", "sum"))
    by_state["required"] = frame[frame["ma_cert"] == "required"].groupby("state")["postings"].sum()
    by_state = by_state.fillna(0)
    if metric == "pay":
        # A mean pay is drawn from the postings that state pay, so those are the n.
        counted = by_state["with_pay"]
        values = (by_state["pay_sum"] / counted).where(counted >= min_n())
        colour, fmt, suffix = "Viridis", "$%{z:.2f}/h", ""
    elif metric == "cert_required":
        counted = by_state["postings"]
        values = (100 * by_state["required"] / counted).where(counted >= min_n())
        colour, fmt, suffix = "Blues", "%{z:.0f}%", "%"
    else:
        counted = by_state["postings"]
        values, colour, fmt, suffix = counted, "Blues", "%{z:,} postings", ""
    shown = values.notna()
    figure = go.Figure(go.Choropleth(
        locations=by_state.index[shown].tolist(), z=values[shown].tolist(), locationmode="USA-states",
        colorscale=colour, customdata=counted[shown].astype(int).tolist(), hovertemplate=f"%{{location}}: {fmt} (n=%{{customdata}})<extra></extra>",
        colorbar={"title": METRICS.get(metric, ""), "ticksuffix": suffix}, name="enough postings"))
    if not shown.all():
        figure.add_trace(go.Choropleth(
            locations=by_state.index[~shown].tolist(), z=[0] * int((~shown).sum()), locationmode="USA-states",
            colorscale=[[0, TOO_FEW_GREY], [1, TOO_FEW_GREY]], showscale=False,
            customdata=counted[~shown].astype(int).tolist(),
            hovertemplate=f"%{{location}}: under {min_n()} postings (n=%{{customdata}})<extra></extra>",
            name=f"under {min_n()} postings"))
    figure.update_layout(geo={"scope": "usa", "showlakes": False})
    return figures.titled(figure, what, int(counted.sum()), x="", y="", height=520)
