"""Trends: unique MA postings first seen per week, and postings active over time."""

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
        if chosen.start:
            frame = frame[frame["week"] >= _week_of(chosen.start)]
        if chosen.end:
            frame = frame[frame["week"] <= pd.Timestamp(chosen.end)]
        new = go.Figure(go.Bar(x=frame["week"], y=frame["first_seen"], name="first seen"))
        active = go.Figure(go.Scatter(x=frame["week"], y=frame["active"], mode="lines", name="active"))
        n = int(frame["first_seen"].sum())
        return (figures.titled(new, "Unique MA postings first seen, per week", n, x="Week first seen", y="Postings"),
                figures.titled(active, "Unique MA postings active (listed and not yet removed), per week",
                               int(frame["active"].iloc[-1]) if len(frame) else 0, x="Week", y="Active postings"))

    warehouse.warm_on_start(update, Filters().to_dict())


def _week_of(day: str) -> pd.Timestamp:
    stamp = pd.Timestamp(day)
    return stamp - pd.Timedelta(days=stamp.weekday())
