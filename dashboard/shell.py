"""The frame around every page: navigation, the demo-data banner, the global filter bar, and the
callbacks that keep the filters, the URL and the navigation links in step.

The URL's query string is the single source of the filters: changing a control writes it, opening
a bookmarked URL sets the controls from it, and the `filters` store that every page reads follows it.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode

import dash_bootstrap_components as dbc
from dash import ALL, Input, Output, State, ctx, dcc, html, no_update

from dashboard import filters as global_filters
from dashboard.vocabulary import seniority_rank
from dashboard.warehouse_data import Warehouse

FILTER_CONTROLS = ("state", "source", "specialty", "seniority")


def layout(warehouse: Warehouse, pages) -> html.Div:
    """The app layout, built per page load so the banner and the filter options follow the warehouse."""
    options = filter_options(warehouse)
    return html.Div([
        dcc.Location(id="url", refresh="callback-nav"),
        dcc.Store(id="filters"),
        dbc.Navbar(dbc.Container([
            dbc.NavbarBrand("MA demand", href="/"),
            dbc.Nav([dbc.NavLink(page.NAME, href=page.PATH, id={"type": "nav", "path": page.PATH})
                     for page in pages if getattr(page, "IN_NAV", True)], className="flex-wrap"),
        ], fluid=True), color="light", dark=False, className="mb-2 border-bottom"),
        dbc.Container([
            demo_banner(warehouse),
            filter_bar(options),
            html.Div(id="page-content", className="mt-3"),
        ], fluid=True),
    ])


def demo_banner(warehouse: Warehouse):
    if not warehouse.synthetic:
        return html.Div(id="demo-banner", hidden=True)
    return dbc.Alert(
        [html.Strong("Demo data: synthetic postings"),
         " — every posting here was generated for the demo; no figure describes a real employer."],
        id="demo-banner", color="warning", className="py-2",
    )


def filter_options(warehouse: Warehouse) -> dict[str, list]:
    frame = warehouse.frame(
        "SELECT 'state' AS k, state AS v FROM dashboard_posting_cube GROUP BY ALL UNION ALL "
        "SELECT 'source', source FROM dashboard_posting_cube GROUP BY ALL UNION ALL "
        "SELECT 'specialty', specialty FROM dashboard_posting_cube GROUP BY ALL UNION ALL "
        "SELECT 'seniority', seniority FROM dashboard_posting_cube GROUP BY ALL")
    bounds = warehouse.frame("SELECT min(week) AS lo, max(week) + 6 AS hi FROM dashboard_trend_weeks")
    options = {key: sorted(str(v) for v in frame.loc[frame["k"] == key, "v"] if v is not None) for key in FILTER_CONTROLS}
    options["seniority"].sort(key=seniority_rank)  # ladder order (guide.toml), not alphabetical
    options["dates"] = [None if v is None or str(v) == "NaT" else str(v)[:10] for v in bounds.iloc[0]]
    return options


def filter_bar(options: dict[str, list]) -> dbc.Row:
    low, high = options["dates"]
    return dbc.Row([
        dbc.Col([html.Label("Posted between", htmlFor="filter-dates", className="form-label small mb-0"),
                 dcc.DatePickerRange(id="filter-dates", min_date_allowed=low, display_format="YYYY-MM-DD",
                                     clearable=True)], md=3),
        *[dbc.Col([html.Label(key.capitalize(), htmlFor=f"filter-{key}", className="form-label small mb-0"),
                   dcc.Dropdown(id=f"filter-{key}", options=options[key], multi=True, placeholder="all")],
                  md=2 if key != "source" else 1, className="flex-grow-1")
          for key in FILTER_CONTROLS],
    ], className="g-2 align-items-end", id="filter-bar")


def register(app, pages, warehouse: Warehouse) -> None:
    """Callbacks: URL <-> controls <-> filters store, navigation links, and routing."""
    by_path = {page.PATH: page for page in pages}

    @app.callback(
        Output("url", "search"), Output("filters", "data"),
        Output("filter-dates", "start_date"), Output("filter-dates", "end_date"),
        *[Output(f"filter-{key}", "value") for key in FILTER_CONTROLS],
        Input("url", "search"),
        Input("filter-dates", "start_date"), Input("filter-dates", "end_date"),
        *[Input(f"filter-{key}", "value") for key in FILTER_CONTROLS],
    )
    def sync_filters(search, start, end, *values):
        if ctx.triggered_id in (None, "url"):
            chosen = global_filters.from_query(search)
            controls = [chosen.start, chosen.end] + [list(getattr(chosen, key)) or None for key in FILTER_CONTROLS]
            return no_update, chosen.to_dict(), *controls
        chosen = global_filters.Filters.from_dict(
            {"start": start, "end": end, **dict(zip(FILTER_CONTROLS, values))})
        return _with_filters(search, chosen), chosen.to_dict(), *([no_update] * (2 + len(FILTER_CONTROLS)))

    @app.callback(Output({"type": "nav", "path": ALL}, "href"), Output({"type": "nav", "path": ALL}, "active"),
                  Input("filters", "data"), Input("url", "pathname"),
                  State({"type": "nav", "path": ALL}, "id"))
    def carry_filters_in_links(data, pathname, ids):
        # The page as well as the filters: following a link changes which one is active.
        query = global_filters.to_query(global_filters.Filters.from_dict(data))
        return [item["path"] + query for item in ids], [item["path"] == (pathname or "/") for item in ids]

    unfiltered = {page.PATH for page in pages if not getattr(page, "FILTERED", True)}

    @app.callback(Output("filter-bar", "style"), Input("url", "pathname"))
    def show_filter_bar(pathname):
        """Pages the filters do not apply to (FILTERED = False) show no filter bar."""
        return {"display": "none"} if (pathname or "/") in unfiltered else {}

    @app.callback(Output("page-content", "children"), Input("url", "pathname"), State("url", "search"))
    def route(pathname, search):
        page = by_path.get(pathname or "/")
        if page is None:
            return dbc.Alert(f"No page at {pathname}. Pick one from the menu above.", color="secondary")
        return page.layout(search, warehouse)


def _with_filters(search: str | None, chosen: global_filters.Filters) -> str:
    """`search` with its filter keys replaced by `chosen`, other keys (such as a posting id) kept."""
    keep = [(k, v) for k, v in parse_qsl((search or "").lstrip("?"))
            if k not in ("start", "end", *global_filters.LIST_KEYS)]
    query = global_filters.to_query(chosen).lstrip("?")
    extra = urlencode(keep)
    joined = "&".join(part for part in (query, extra) if part)
    return "?" + joined if joined else ""
