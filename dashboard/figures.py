"""Figure conventions: every chart says what it shows, labels its axes, and shows its n.

A chart whose n is under the minimum (guide.toml `min_n`) still draws, but says so in its title.
"""

from __future__ import annotations

import plotly.graph_objects as go
import plotly.io as pio

from dashboard.vocabulary import min_n

# Plotly's named templates are deep-copied into every figure (~80 ms each); a few plain layout
# settings give the same clean look for nothing.
pio.templates.default = "none"
CLEAN = {"paper_bgcolor": "white", "plot_bgcolor": "white", "font": {"family": "system-ui, sans-serif", "size": 12},
         "colorway": ["#0d6efd", "#fd7e14", "#198754", "#6f42c1", "#dc3545", "#20c997", "#6c757d"]}
AXIS = {"gridcolor": "#e9ecef", "zerolinecolor": "#ced4da", "automargin": True}


def titled(figure: go.Figure, what: str, n: int, *, x: str, y: str, height: int = 380) -> go.Figure:
    """Set the title (what it shows, n, and a warning when n is small) and the axis labels."""
    note = f"n = {n:,} postings"
    if n < min_n():
        note += f" — under the minimum of {min_n()}: too few postings to read much into"
    figure.update_layout(
        title={"text": f"{what}<br><sup>{note}</sup>", "x": 0.01},
        # The legend sits above the plot, right-aligned: below it, it would cover rotated tick labels.
        height=height, margin={"l": 60, "r": 20, "t": 90, "b": 50},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.01, "xanchor": "right", "x": 1}, **CLEAN,
    )
    figure.update_xaxes(title_text=x, **AXIS)
    figure.update_yaxes(title_text=y, **AXIS)
    return figure


def empty(what: str, reason: str) -> go.Figure:
    """A placeholder figure that says why there is nothing to draw."""
    figure = go.Figure()
    figure.update_layout(
        title={"text": f"{what}<br><sup>{reason}</sup>", "x": 0.01}, height=300, **CLEAN,
        xaxis={"visible": False}, yaxis={"visible": False},
    )
    return figure


def n_text(n: int) -> str:
    """A short caption naming n, with the small-n warning when it applies."""
    return f"n = {n:,}" + (f" (under the minimum of {min_n()})" if n < min_n() else "")
