"""Pieces every page layout shares: the heading with its one-line purpose, and graph cards."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

GRAPH_CONFIG = {"displaylogo": False}


def heading(title: str, purpose: str) -> html.Div:
    return html.Div([html.H2(title, className="h4 mb-1"), html.P(purpose, className="text-muted mb-2")])


def graph(graph_id: str, md: int = 6, config: dict | None = None) -> dbc.Col:
    return dbc.Col(dbc.Card(dbc.CardBody(dcc.Graph(id=graph_id, config=config or GRAPH_CONFIG))), md=md, className="mb-3")
