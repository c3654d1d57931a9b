"""Certifications: for each credential, the share of postings that require it, prefer it, require it
within N months, or only mention it; the same by specialty and by state."""

from __future__ import annotations

import dash_bootstrap_components as dbc
import plotly.graph_objects as go
from dash import Input, Output, html

from dashboard import cube, figures
from dashboard.filters import Filters
from dashboard.pages.frame import graph, heading
from dashboard.vocabulary import label, ma_credentials

PATH, NAME = "/certifications", "Certifications"
LEVELS = (("required", False, "required"), ("required", True, "required within N months"),
          ("preferred", None, "preferred"), ("mentioned", None, "mentioned only"))


def layout(search=None, warehouse=None):
    return html.Div([
        heading("Certifications employers ask for",
                "Share of unique MA postings naming each credential, by how firmly they ask for it."),
        dbc.Row([graph("cert-levels", md=12), graph("cert-specialty"), graph("cert-state")]),
    ])


def register(app, warehouse) -> None:
    @app.callback(Output("cert-levels", "figure"), Output("cert-specialty", "figure"),
                  Output("cert-state", "figure"), Input("filters", "data"))
    @warehouse.memoized
    def update(data):
        chosen = Filters.from_dict(data)
        tags = cube.tag_sets(warehouse, chosen, "certification",
                             [("code", "requirement", "timed"), ("code", "specialty"), ("code", "state")])
        counts = cube.posting_sets(warehouse, chosen, [(), ("specialty",), ("state",)])
        n = int(counts[()]["postings"].sum()) if not counts[()].empty else 0
        return (levels_figure(tags[("code", "requirement", "timed")], n),
                by_figure(tags[("code", "specialty")], counts[("specialty",)], "specialty"),
                by_figure(tags[("code", "state")], counts[("state",)], "state"))

    warehouse.warm_on_start(update, Filters().to_dict())


def levels_figure(frame, n):
    """Stacked shares per credential; `frame` has code, requirement, timed, postings."""
    if frame.empty or not n:
        return figures.empty("Certifications named in postings", "no postings match these filters")
    order = frame.groupby("code")["postings"].sum().sort_values(ascending=False).index.tolist()
    figure = go.Figure()
    for requirement, timed, name in LEVELS:
        part = frame[frame["requirement"] == requirement]
        if timed is not None:
            part = part[part["timed"] == timed]
        shares = part.groupby("code")["postings"].sum().reindex(order, fill_value=0) / n
        figure.add_bar(name=name, x=[label(c) for c in order], y=shares.values)
    figure.update_layout(barmode="stack", yaxis_tickformat=".0%")
    return figures.titled(figure, "Share of postings naming each credential, by requirement level", n,
                          x="Credential", y="Share of postings")


def by_figure(frame, counts, dimension):
    """Heatmap of credential shares per `dimension` value; `counts` holds postings per value."""
    totals = counts.set_index(dimension)["postings"]
    what = f"Credential named, share of postings by {dimension}"
    if frame.empty:
        return figures.empty(what, "no postings match these filters")
    codes = [c for c in ma_credentials() + ["BLS", "CPR"] if c in set(frame["code"])]
    top_rows = totals.sort_values(ascending=False).index[:15].tolist()
    grid = frame.pivot_table(index=dimension, columns="code", values="postings", aggfunc="sum").reindex(
        index=top_rows, columns=codes).fillna(0)
    shares = grid.div(totals.reindex(top_rows), axis=0)
    figure = go.Figure(go.Heatmap(z=shares.values, x=[label(c) for c in codes], y=list(shares.index),
                                  colorscale="Blues", zmin=0, zmax=1, colorbar={"tickformat": ".0%", "title": "share"},
                                  hovertemplate="%{y}, %{x}: %{z:.1%}<extra></extra>"))
    return figures.titled(figure, what + " (largest 15)", int(totals.sum()),
                          x="Credential", y=dimension.capitalize(), height=460)
