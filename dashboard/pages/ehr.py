"""EHR systems: how many postings name each system (with Wilson intervals), the four the guide
names marked; by specialty, by state, and over time."""

from __future__ import annotations

import dash_bootstrap_components as dbc
import plotly.graph_objects as go
from dash import Input, Output, html

from dashboard import cube, figures
from dashboard.filters import Filters
from dashboard.pages.frame import graph, heading
from dashboard.statistics import wilson
from dashboard.vocabulary import guide, label

PATH, NAME = "/ehr", "EHR systems"


def layout(search=None, warehouse=None):
    return html.Div([
        heading("EHR systems named in postings",
                "Share of unique MA postings naming each system; the guide's four (Epic, Cerner, eClinicalWorks, "
                "athenahealth) are marked ★."),
        dbc.Row([graph("ehr-ranking", md=12), graph("ehr-specialty"), graph("ehr-trend")]),
    ])


def register(app, warehouse) -> None:
    @app.callback(Output("ehr-ranking", "figure"), Output("ehr-specialty", "figure"), Output("ehr-trend", "figure"),
                  Input("filters", "data"))
    @warehouse.memoized
    def update(data):
        chosen = Filters.from_dict(data)
        tags = cube.tag_sets(warehouse, chosen, "ehr", [("code",), ("code", "specialty"), ("code", "month")])
        counts = cube.posting_sets(warehouse, chosen, [(), ("specialty",), ("month",)])
        n = int(counts[()]["postings"].sum()) if not counts[()].empty else 0
        return (ranking(tags[("code",)], n), by_specialty(tags[("code", "specialty")], counts[("specialty",)]),
                over_time(tags[("code", "month")], counts[("month",)]))

    warehouse.warm_on_start(update, Filters().to_dict())


def ranking(frame, n):
    what = "Share of postings naming each EHR system, with 95% intervals"
    if frame.empty or not n:
        return figures.empty(what, "no postings match these filters")
    frame = frame.groupby("code", as_index=False)["postings"].sum().sort_values("postings")
    marked = set(guide()["guide_ehr"])
    intervals = [wilson(hits, n) for hits in frame["postings"]]
    shares = frame["postings"] / n
    figure = go.Figure(go.Bar(
        x=shares, y=[("★ " if c in marked else "") + label(c) for c in frame["code"]], orientation="h",
        marker_color=["#0d6efd" if c in marked else "#adb5bd" for c in frame["code"]],
        error_x={"type": "data", "symmetric": False,
                 "array": [hi - s for (lo, hi), s in zip(intervals, shares)],
                 "arrayminus": [s - lo for (lo, hi), s in zip(intervals, shares)]},
        customdata=frame["postings"], hovertemplate="%{y}: %{x:.1%} (%{customdata} postings)<extra></extra>"))
    figure.update_layout(xaxis_tickformat=".0%")
    return figures.titled(figure, what, n, x="Share of postings", y="EHR system (★ named by the guide)",
                          height=max(360, 24 * len(frame) + 120))


def by_specialty(frame, counts):
    totals = counts.set_index("specialty")["postings"]
    what = "EHR named, share of postings by specialty"
    if frame.empty:
        return figures.empty(what, "no postings match these filters")
    rows = totals.sort_values(ascending=False).index[:12].tolist()
    codes = frame.groupby("code")["postings"].sum().sort_values(ascending=False).index[:8].tolist()
    grid = frame.pivot_table(index="specialty", columns="code", values="postings", aggfunc="sum").reindex(
        index=rows, columns=codes).fillna(0).div(totals.reindex(rows), axis=0)
    figure = go.Figure(go.Heatmap(z=grid.values, x=[label(c) for c in codes], y=rows, colorscale="Blues",
                                  colorbar={"tickformat": ".0%", "title": "share"},
                                  hovertemplate="%{y}, %{x}: %{z:.1%}<extra></extra>"))
    return figures.titled(figure, what, int(totals.sum()), x="EHR system", y="Specialty", height=440)


def over_time(frame, totals):
    what = "Top five EHRs, share of postings by month"
    if frame.empty:
        return figures.empty(what, "no postings match these filters")
    monthly_totals = totals.groupby("month")["postings"].sum()
    codes = frame.groupby("code")["postings"].sum().sort_values(ascending=False).index[:5]
    figure = go.Figure()
    for code in codes:
        series = frame[frame["code"] == code].groupby("month")["postings"].sum().reindex(monthly_totals.index, fill_value=0)
        figure.add_scatter(x=monthly_totals.index, y=series / monthly_totals, mode="lines+markers", name=label(code))
    figure.update_layout(yaxis_tickformat=".0%")
    return figures.titled(figure, what, int(monthly_totals.sum()), x="Month posted", y="Share of postings", height=440)
