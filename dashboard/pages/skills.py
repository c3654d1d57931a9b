"""Skills: clinical, administrative and soft skills named in postings; which go together; how the
mix changes with seniority."""

from __future__ import annotations

import dash_bootstrap_components as dbc
import plotly.graph_objects as go
from dash import Input, Output, html

from dashboard import cube, figures
from dashboard.filters import Filters
from dashboard.pages.frame import graph, heading
from dashboard.vocabulary import label, seniority_rank

PATH, NAME = "/skills", "Skills"


def layout(search=None, warehouse=None):
    return html.Div([
        heading("Skills employers name", "Clinical, administrative and soft skills in unique MA postings."),
        dbc.Row([graph("skills-share", md=12), graph("skills-pairs"), graph("skills-seniority")]),
    ])


def register(app, warehouse) -> None:
    @app.callback(Output("skills-share", "figure"), Output("skills-pairs", "figure"),
                  Output("skills-seniority", "figure"), Input("filters", "data"))
    @warehouse.memoized
    def update(data):
        chosen = Filters.from_dict(data)
        tags = cube.tag_sets(warehouse, chosen, "skill", [("code", "category"), ("code", "seniority")])
        counts = cube.posting_sets(warehouse, chosen, [(), ("seniority",)])
        n = int(counts[()]["postings"].sum()) if not counts[()].empty else 0
        return (shares(tags[("code", "category")], n), pairs(warehouse, chosen),
                by_seniority(tags[("code", "seniority")], counts[("seniority",)]))

    warehouse.warm_on_start(update, Filters().to_dict())


def shares(frame, n):
    what = "Share of postings naming each skill, by category"
    if frame.empty or not n:
        return figures.empty(what, "no postings match these filters")
    frame = frame.groupby(["code", "category"], as_index=False)["postings"].sum().sort_values("postings", ascending=False)
    figure = go.Figure()
    for category in ("clinical", "administrative", "soft"):
        part = frame[frame["category"] == category]
        figure.add_bar(name=category, x=[label(c) for c in part["code"]], y=part["postings"] / n)
    figure.update_layout(yaxis_tickformat=".0%")
    return figures.titled(figure, what, n, x="Skill", y="Share of postings")


def pairs(warehouse, chosen):
    conditions, params = [], []
    for key in ("specialty", "seniority"):
        values = getattr(chosen, key)
        if values:
            conditions.append(f"{key} IN ({', '.join('?' for _ in values)})")
            params.extend(values)
    where = ("WHERE " + " AND ".join(conditions)) if conditions else ""
    frame = warehouse.frame(f"SELECT code_a, code_b, sum(postings) AS postings FROM dashboard_skill_pairs {where} "
                            "GROUP BY ALL ORDER BY postings DESC LIMIT 15", params)
    what = "Skill pairs named together (specialty, seniority filters only)"
    if frame.empty:
        return figures.empty(what, "no postings name two skills under these filters")
    frame = frame.iloc[::-1]
    figure = go.Figure(go.Bar(x=frame["postings"], y=[f"{label(a)} + {label(b)}" for a, b in zip(frame["code_a"], frame["code_b"])],
                              orientation="h"))
    return figures.titled(figure, what, int(frame["postings"].max()), x="Postings naming both", y="Skill pair",
                          height=440)


def by_seniority(frame, counts):
    totals = counts.set_index("seniority")["postings"]
    what = "Skill named, share of postings by seniority"
    if frame.empty:
        return figures.empty(what, "no postings match these filters")
    levels = sorted(totals.index, key=seniority_rank)
    codes = frame.groupby("code")["postings"].sum().sort_values(ascending=False).index[:15].tolist()
    grid = frame.pivot_table(index="seniority", columns="code", values="postings", aggfunc="sum").reindex(
        index=levels, columns=codes).fillna(0).div(totals.reindex(levels), axis=0)
    figure = go.Figure(go.Heatmap(z=grid.values, x=[label(c) for c in codes], y=levels, colorscale="Greens",
                                  colorbar={"tickformat": ".0%", "title": "share"},
                                  hovertemplate="%{y}, %{x}: %{z:.1%}<extra></extra>"))
    return figures.titled(figure, what, int(totals.sum()), x="Skill", y="Seniority", height=440)
