"""Trends: unique MA postings first seen per week, and postings active over time.

A trend needs postings seen in at least two weeks; until the crawls span two weeks the page says so
in words instead of drawing one bar on an axis of sub-second ticks.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import dash_bootstrap_components as dbc
import plotly.graph_objects as go
from dash import Input, Output, html

from dashboard import figures
from dashboard.filters import Filters, mart_where
from dashboard.pages.frame import graph, heading

PATH, NAME = "/trends", "Trends"
WEEK_MS = 7 * 24 * 3600 * 1000  # a week on a Plotly date axis, in milliseconds


def layout(search=None, warehouse=None):
    return html.Div([
        heading("Trends", "New postings per week (by the week a crawl first saw them) and postings still listed."),
        dbc.Row([graph("trend-new", md=12), graph("trend-active", md=12)]),
    ])


def register(app, warehouse) -> None:
    @app.callback(Output("trend-new", "figure"), Output("trend-active", "figure"), Input("filters", "data"))
    @warehouse.memoized
    def update(data):
        chosen = Filters.from_dict(data)
        # Active postings are a running sum from the first week, so the date range is applied afterwards.
        where, params = mart_where(replace(chosen, start=None, end=None), period="week")
        frame = warehouse.frame(f"SELECT week, sum(first_seen) AS first_seen, sum(removed) AS removed "
                                f"FROM dashboard_trend_weeks {where} GROUP BY week ORDER BY week", params)
        if frame.empty:
            empty = figures.empty("Postings per week", "no postings match these filters")
            return empty, empty
        frame["active"] = (frame["first_seen"] - frame["removed"]).cumsum()
        frame["week"] = frame["week"].astype("datetime64[ns]")
        seen_weeks = frame.loc[frame["first_seen"] > 0, "week"]
        if seen_weeks.nunique() < 2:
            return _one_week(seen_weeks, int(frame["first_seen"].sum()))
        if chosen.start:
            frame = frame[frame["week"] >= _week_of(chosen.start)]
        if chosen.end:
            frame = frame[frame["week"] <= pd.Timestamp(chosen.end)]
        new = go.Figure(go.Bar(x=frame["week"], y=frame["first_seen"], name="first seen", width=WEEK_MS * 0.8))
        active = go.Figure(go.Scatter(x=frame["week"], y=frame["active"], mode="lines+markers", name="active"))
        n = int(frame["first_seen"].sum())
        new = figures.titled(new, "Unique MA postings first seen, per week", n, x="Week first seen", y="Postings")
        active = figures.titled(active, "Unique MA postings active (listed and not yet removed), per week",
                                int(frame["active"].iloc[-1]) if len(frame) else 0, x="Week", y="Active postings")
        for figure in (new, active):
            _week_axis(figure, frame["week"])
        active.update_yaxes(rangemode="tozero")
        return new, active

    warehouse.warm_on_start(update, Filters().to_dict())


def _one_week(weeks: pd.Series, n: int) -> tuple[go.Figure, go.Figure]:
    """Words instead of charts: every matching posting was first seen in the same week."""
    when = f"the week of {weeks.iloc[0]:%d %b %Y}" if len(weeks) else "no week"
    reason = (f"all {n:,} postings were first seen in {when}: a trend needs crawls in at least two weeks, "
              "and each later crawl adds a week")
    return (figures.empty("Unique MA postings first seen, per week", reason),
            figures.empty("Unique MA postings active, per week", "one crawl week so far: nothing to draw over time"))


def _week_axis(figure: go.Figure, weeks: pd.Series) -> None:
    """A date axis at week granularity: one tick a week when few, else one a month; never hours."""
    span_weeks = (weeks.max() - weeks.min()).days // 7 + 1
    if span_weeks <= 12:
        figure.update_xaxes(type="date", dtick=WEEK_MS, tick0=weeks.min(), tickformat="%d %b %Y")
    else:
        figure.update_xaxes(type="date", dtick="M1", tickformat="%b %Y")


def _week_of(day: str) -> pd.Timestamp:
    stamp = pd.Timestamp(day)
    return stamp - pd.Timedelta(days=stamp.weekday())
