"""Pay: posted hourly pay against the BLS percentiles the guide quotes; certification and specialty
premiums with intervals; the share of postings that state pay, by state."""

from __future__ import annotations

import dash_bootstrap_components as dbc
import plotly.graph_objects as go
from dash import Input, Output, html

from dashboard import cube, figures
from dashboard.filters import Filters
from dashboard.pages.frame import graph, heading
from dashboard.statistics import difference_interval
from dashboard.vocabulary import min_n

PATH, NAME = "/pay", "Pay"
BLS_LINES = (("annual_p10", "BLS 10th"), ("annual_p25", "25th"), ("annual_median", "median"),
             ("annual_p75", "75th"), ("annual_p90", "90th"))


def layout(search=None, warehouse=None):
    return html.Div([
        heading("Posted pay", "Hourly pay midpoints stated in postings (structured or in the text), beside the BLS "
                "figures the guide quotes (annual / 2080)."),
        dbc.Row([graph("pay-histogram", md=12), graph("pay-premiums"), graph("pay-stated")]),
    ])


def register(app, warehouse) -> None:
    @app.callback(Output("pay-histogram", "figure"), Output("pay-premiums", "figure"), Output("pay-stated", "figure"),
                  Input("filters", "data"))
    @warehouse.memoized
    def update(data):
        chosen = Filters.from_dict(data)
        counts = cube.posting_sets(warehouse, chosen, [("ma_cert",), ("specialty",), ("state",)])
        return (histogram(warehouse, chosen), premiums(counts[("ma_cert",)], counts[("specialty",)]),
                stated_by_state(counts[("state",)]))

    warehouse.warm_on_start(update, Filters().to_dict())


def histogram(warehouse, chosen):
    frame = cube.pay_histogram(warehouse, chosen)
    what = "Posted hourly pay (midpoint of the stated range), with the guide's BLS percentiles"
    if frame.empty:
        return figures.empty(what, "no posting under these filters states pay")
    figure = go.Figure(go.Bar(x=frame["bucket"] + 0.25, y=frame["postings"], width=0.5, name="postings",
                              hovertemplate="$%{x:.2f}/h: %{y} postings<extra></extra>"))
    reference = cube.guide_pay(warehouse)
    for measure, name in BLS_LINES:
        if measure in reference:
            figure.add_vline(x=reference[measure], line_dash="dash", line_color="#198754",
                             annotation_text=f"{name} ${reference[measure]:.2f}", annotation_textangle=-90)
    figure.update_layout(xaxis_tickprefix="$")
    if frame["postings"].max() <= 10:  # a few postings: Plotly would tick 0.2, 0.5 postings
        figure.update_yaxes(dtick=1, tickformat="d")
    return figures.titled(figure, what, int(frame["postings"].sum()), x="Hourly pay (USD)", y="Postings")


def premiums(cert, specialty):
    """Mean-pay differences with intervals; `cert` and `specialty` are cube sums per group."""
    what = "Pay premium: difference in mean $/h, 95% interval"
    rows = []

    def side(frame):
        return float(frame["with_pay"].sum()), float(frame["pay_sum"].sum()), float(frame["pay_sumsq"].sum())

    base_cert = side(cert[cert["ma_cert"] == "none"])
    asked = side(cert[cert["ma_cert"].isin(["required", "preferred"])])
    rows.append(("MA credential required or preferred vs not named", asked, base_cert))
    base_specialty = side(specialty[specialty["specialty"].isin(["(none)", "family_medicine", "primary_care", "internal_medicine"])])
    for name in specialty.sort_values("with_pay", ascending=False)["specialty"]:
        if name in ("(none)", "family_medicine", "primary_care", "internal_medicine"):
            continue
        rows.append((f"{name} vs primary care / unspecified", side(specialty[specialty["specialty"] == name]), base_specialty))
    rows = [(name, a, b, difference_interval(a, b)) for name, a, b in rows[:10]]
    rows = [r for r in rows if r[3][0] == r[3][0]]  # drop NaN (fewer than two paid postings a side)
    if not rows:
        return figures.empty(what, "too few postings state pay under these filters")
    figure = go.Figure(go.Scatter(
        x=[r[3][0] for r in rows], y=[r[0] for r in rows], mode="markers",
        marker={"size": 10, "color": ["#0d6efd" if min(r[1][0], r[2][0]) >= min_n() else "#adb5bd" for r in rows]},
        error_x={"type": "data", "symmetric": False, "array": [r[3][2] - r[3][0] for r in rows],
                 "arrayminus": [r[3][0] - r[3][1] for r in rows]},
        customdata=[[int(r[1][0]), int(r[2][0])] for r in rows],
        hovertemplate="%{y}: %{x:+.2f} $/h (n=%{customdata[0]} vs %{customdata[1]})<extra></extra>"))
    figure.add_vline(x=0, line_color="#6c757d")
    figure.update_layout(xaxis_tickprefix="$")
    n = int(sum(r[1][0] for r in rows[:1]) + sum(r[2][0] for r in rows[:1]))
    return figures.titled(figure, what, n, x="Difference in mean hourly pay (USD)",
                          y="Group", height=440)


def stated_by_state(frame):
    what = "Share of postings that state pay, by state"
    if frame.empty:
        return figures.empty(what, "no postings match these filters")
    frame = frame.assign(share=frame["with_pay"] / frame["postings"]).sort_values("share", ascending=False)
    figure = go.Figure(go.Bar(x=frame["state"], y=frame["share"], customdata=frame["postings"],
                              hovertemplate="%{x}: %{y:.0%} of %{customdata} postings<extra></extra>"))
    figure.update_layout(yaxis_tickformat=".0%")
    return figures.titled(figure, what, int(frame["postings"].sum()), x="State", y="Share stating pay", height=440)
