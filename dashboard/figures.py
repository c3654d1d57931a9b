"""Figure conventions: every chart says what it shows, labels its axes, and shows its n.

A chart whose n is under the minimum (guide.toml `min_n`) still draws, but says so in its title.
"""

from __future__ import annotations

import plotly.graph_objects as go

from dashboard.vocabulary import min_n


def titled(figure: go.Figure, what: str, n: int, *, x: str, y: str, height: int = 380) -> go.Figure:
    """Set the title (what it shows, n, and a warning when n is small) and the axis labels."""
    note = f"n = {n:,} postings"
    if n < min_n():
        note += f" — under the minimum of {min_n()}: too few postings to read much into"
    figure.update_layout(
        title={"text": f"{what}<br><sup>{note}</sup>", "x": 0.01},
        xaxis_title=x, yaxis_title=y, height=height, margin={"l": 60, "r": 20, "t": 70, "b": 50},
        template="plotly_white", legend={"orientation": "h", "y": -0.2},
    )
    return figure


def empty(what: str, reason: str) -> go.Figure:
    """A placeholder figure that says why there is nothing to draw."""
    figure = go.Figure()
    figure.update_layout(
        title={"text": f"{what}<br><sup>{reason}</sup>", "x": 0.01}, template="plotly_white", height=300,
        xaxis={"visible": False}, yaxis={"visible": False},
    )
    return figure


def n_text(n: int) -> str:
    """A short caption naming n, with the small-n warning when it applies."""
    return f"n = {n:,}" + (f" (under the minimum of {min_n()})" if n < min_n() else "")
