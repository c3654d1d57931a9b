"""Figure conventions: every chart says what it shows, labels its axes, and shows its n.

A chart whose n is under the minimum (guide.toml `min_n`) still draws, but says so in its title.
Every figure leaves through `titled` or `empty`, which escape all text that came from data: Plotly
draws a subset of HTML in any label (`<a href>` as a live link, `<b>`, `<br>`), so a value such as
a landed state must reach the chart as text, never as markup.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
import plotly.io as pio

from dashboard.vocabulary import min_n

# Plotly's named templates are deep-copied into every figure (~80 ms each); a few plain layout
# settings give the same clean look for nothing.
pio.templates.default = "none"
CLEAN = {"paper_bgcolor": "white", "plot_bgcolor": "white", "font": {"family": "system-ui, sans-serif", "size": 12},
         "colorway": ["#0d6efd", "#fd7e14", "#198754", "#6f42c1", "#dc3545", "#20c997", "#6c757d"]}
AXIS = {"gridcolor": "#e9ecef", "zerolinecolor": "#ced4da", "automargin": True}


# Trace properties whose strings Plotly draws as labels, legend entries or hover text.
LABEL_PROPERTIES = ("x", "y", "z", "text", "hovertext", "name", "labels", "customdata", "ids")


def escaped(text: object) -> str:
    """`text` with & < > as character references, which Plotly shows as the characters, not as markup."""
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def escape_labels(figure: go.Figure) -> go.Figure:
    """Escape every string in the traces' label properties, the tick texts and the annotations."""
    for trace in figure.data:
        for name in LABEL_PROPERTIES:
            if name in trace and trace[name] is not None:
                trace[name] = _escaped_values(trace[name])
    for axis in (key for key in figure.layout if key.startswith(("xaxis", "yaxis"))):
        if figure.layout[axis].ticktext is not None:
            figure.layout[axis].ticktext = _escaped_values(figure.layout[axis].ticktext)
    for annotation in figure.layout.annotations:
        if annotation.text is not None:
            annotation.text = escaped(annotation.text)
    return figure


def _escaped_values(value):
    if isinstance(value, str):
        return escaped(value)
    if isinstance(value, np.ndarray):
        return value if value.dtype.kind not in "OUS" else np.array([_escaped_values(v) for v in value], dtype=object)
    if isinstance(value, (list, tuple)):
        return [_escaped_values(v) for v in value]
    return value


def titled(figure: go.Figure, what: str, n: int, *, x: str, y: str, height: int = 380) -> go.Figure:
    """Set the title (what it shows, n, and a warning when n is small) and the axis labels; escape the labels."""
    note = f"n = {n:,} postings"
    if n < min_n():
        note += f" — under the minimum of {min_n()}: too few postings to read much into"
    escape_labels(figure)
    figure.update_layout(
        title={"text": f"{escaped(what)}<br><sup>{escaped(note)}</sup>", "x": 0.01},
        # The legend sits above the plot, right-aligned: below it, it would cover rotated tick labels.
        height=height, margin={"l": 60, "r": 20, "t": 90, "b": 50},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.01, "xanchor": "right", "x": 1}, **CLEAN,
    )
    figure.update_xaxes(title_text=escaped(x), **AXIS)
    figure.update_yaxes(title_text=escaped(y), **AXIS)
    return figure


def empty(what: str, reason: str) -> go.Figure:
    """A placeholder figure that says why there is nothing to draw."""
    figure = go.Figure()
    figure.update_layout(
        title={"text": f"{escaped(what)}<br><sup>{escaped(reason)}</sup>", "x": 0.01}, height=300, **CLEAN,
        xaxis={"visible": False}, yaxis={"visible": False},
    )
    return figure


def n_text(n: int) -> str:
    """A short caption naming n, with the small-n warning when it applies."""
    return f"n = {n:,}" + (f" (under the minimum of {min_n()})" if n < min_n() else "")
