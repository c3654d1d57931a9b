"""Career ladder: posted pay by the level a posting states and by the years of experience it asks,
against the guide's progression (entry / years 0-2 near the 10th-25th BLS percentile, mid-career /
years 3-5 near the median to 75th, senior / years 6+ at the 90th), and the common titles per level.
Postings that state no level, or no years, have their own "(not stated)" bar, never folded into entry."""

from __future__ import annotations

import textwrap

import dash_bootstrap_components as dbc
import plotly.graph_objects as go
from dash import Input, Output, html

from dashboard import cube, figures
from dashboard.filters import Filters
from dashboard.pages.frame import graph, heading
from dashboard.statistics import histogram_percentile
from dashboard.vocabulary import guide, min_n, rank, seniority_rank

PATH, NAME = "/ladder", "Career ladder"
NOT_STATED = "(not stated)"  # the marts' value where a posting states no level or no years


def layout(search=None, warehouse=None):
    return html.Div([
        heading("Career ladder: pay by stated level and by years asked, against the guide",
                "Posted hourly pay (25th–75th percentile, median) per level the posting states, and per years of "
                "experience it asks (the guide's Years 0-2, 3-5, 6+); shaded: the BLS band the guide puts that "
                "stage in. \"(not stated)\": the title names no level, or the posting asks no years."),
        dbc.Row([graph("ladder-pay"), graph("ladder-years")]),
        html.H3("Most common titles per level (all postings)", className="h6"),
        html.Div(id="ladder-titles"),
    ])


def register(app, warehouse) -> None:
    @app.callback(Output("ladder-pay", "figure"), Output("ladder-years", "figure"), Output("ladder-titles", "children"),
                  Input("filters", "data"))
    @warehouse.memoized
    def update(data):
        chosen = Filters.from_dict(data)
        return pay_figure(warehouse, chosen), years_figure(warehouse, chosen), titles_table(warehouse)

    warehouse.warm_on_start(update, Filters().to_dict())


def pay_figure(warehouse, chosen):
    return _ladder(warehouse, chosen, "seniority", "seniority_order", "ladder",
                   "Posted pay by stated level, against the guide's BLS bands", "Level the posting states")


def years_figure(warehouse, chosen):
    return _ladder(warehouse, chosen, "experience_band", "experience_band_order", "experience_ladder",
                   "Posted pay by years of experience asked, against the guide's BLS bands",
                   "Years of experience asked")


def _ladder(warehouse, chosen, dimension, order_name, bands_name, what, axis):
    """Median and quartiles of posted pay per value of `dimension`, over the guide's band for each."""
    frame = cube.pay_histogram(warehouse, chosen, dimension)
    if frame.empty:
        return figures.empty(what, "no posting under these filters states pay")
    reference = cube.guide_pay(warehouse)
    bands = guide()[bands_name]
    levels = sorted(frame[dimension].unique(), key=lambda value: rank(order_name, value))
    figure = go.Figure()
    stats = []
    for level in levels:
        part = frame[frame[dimension] == level]
        stats.append((level, int(part["postings"].sum()),
                      *(histogram_percentile(part["bucket"].tolist(), part["postings"].tolist(), q) for q in (0.25, 0.5, 0.75))))
    figure.add_scatter(
        x=[s[0] for s in stats], y=[s[3] for s in stats], mode="markers", name="median posted pay",
        marker={"size": 12, "color": [_colour(s[0], s[1]) for s in stats]},
        error_y={"type": "data", "symmetric": False, "array": [s[4] - s[3] for s in stats],
                 "arrayminus": [s[3] - s[2] for s in stats]},
        customdata=[s[1] for s in stats], hovertemplate="%{x}: median $%{y:.2f}/h (n=%{customdata})<extra></extra>")
    drawn = {level: _band(bands.get(level), reference) for level in levels}
    lows = [s[2] for s in stats] + [band[0] for band in drawn.values() if band]
    # The chart top: above every quartile and band, and far enough above an open band's floor that it shows.
    highs = [s[4] * 1.08 for s in stats] + [band[1] * 1.08 if band[1] is not None else band[0] * 1.15
                                            for band in drawn.values() if band]
    top = max(highs)
    for index, level in enumerate(levels):
        if not drawn[level]:
            continue
        low, high = drawn[level]
        figure.add_shape(type="rect", x0=index - 0.4, x1=index + 0.4, y0=low, y1=top if high is None else high,
                         fillcolor="rgba(25,135,84,0.18)", line_width=0)
        if high is None:
            figure.add_annotation(x=index, y=top, text="p90 and above", showarrow=False, yanchor="top",
                                  font={"size": 10, "color": "#198754"})
    figure.add_bar(x=[None], y=[None], name="the guide's BLS band", marker_color="rgba(25,135,84,0.35)")
    wrapped: dict[int, list[str]] = {}  # trace index -> its legend entry's lines, set after the labels are escaped
    for level in levels:
        why = guide().get("ladder_no_band", {}).get(level)
        if why:
            figure.add_scatter(x=[level], y=[top], mode="markers", marker={"symbol": "circle-open", "color": "#6c757d"},
                               name=f"{level}: {why}", hovertemplate=f"{level}: {why}<extra></extra>", cliponaxis=False)
            wrapped[len(figure.data) - 1] = textwrap.wrap(f"{level}: {why}", 60)  # a half-width legend
    small = [s[0] for s in stats if s[1] < min_n()]
    if small:
        figure.add_scatter(x=[None], y=[None], mode="markers", marker={"size": 12, "color": "#adb5bd"},
                           name=f"grey: under {min_n()} postings ({', '.join(small)})")
    figure.update_yaxes(range=[min(lows) * 0.92, top])
    figure.update_layout(yaxis_tickprefix="$")
    figure = figures.titled(figure, what, sum(s[1] for s in stats), x=axis, y="Hourly pay (USD)", height=520)
    for index, lines in wrapped.items():  # the line breaks are ours; the words in them are escaped
        figure.data[index].name = "<br>".join(figures.escaped(line) for line in lines)
    # The legend goes under the axis title: its entries (a level's reason for no band) are too long
    # to share the top with the title in a half-width chart.
    figure.update_layout(legend={"orientation": "h", "yanchor": "top", "y": -0.2, "xanchor": "left", "x": 0},
                         margin={"b": 150})
    return figure


def _band(measures, reference) -> tuple[float, float | None] | None:
    """A level's band in hourly dollars: (low, high), high None for "and above" ("top"); None without one."""
    if not measures or not all(m == "top" or m in reference for m in measures):
        return None
    low, high = measures
    return reference[low], None if high == "top" else reference[high]


def _colour(level, n):
    """Blue for a stated level with enough postings, orange for "(not stated)", grey under min n."""
    if n < min_n():
        return "#adb5bd"
    return "#fd7e14" if level == NOT_STATED else "#0d6efd"


def titles_table(warehouse):
    frame = warehouse.frame(
        "SELECT seniority, title, postings, with_pay, pay_mean FROM dashboard_ladder_titles "
        "QUALIFY row_number() OVER (PARTITION BY seniority ORDER BY postings DESC, title) <= 5")
    frame = frame.assign(rank=frame["seniority"].map(seniority_rank)).sort_values(["rank", "postings"], ascending=[True, False])
    return dbc.Table([html.Thead(html.Tr([html.Th(h) for h in ("Seniority", "Title", "Postings", "Mean posted pay")])),
                      html.Tbody([html.Tr([html.Td(r.seniority), html.Td(r.title), html.Td(f"{r.postings:,}"),
                                           html.Td(f"${r.pay_mean:.2f}/h (n={r.with_pay})" if r.with_pay else "—")])
                                  for r in frame.itertuples()])], size="sm", hover=True)
