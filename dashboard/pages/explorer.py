"""Postings explorer: every unique MA posting in a grid that stays fast at a million rows (AG Grid's
infinite row model: each block of rows is one LIMIT/OFFSET query with the grid's sort and filters),
the selected posting with its evidence highlighted, and CSV download of the filtered set."""

from __future__ import annotations

import json
from urllib.parse import urlencode

import dash_ag_grid as dag
import dash_bootstrap_components as dbc
from dash import Input, Output, State, html, no_update

from dashboard import explorer_query
from dashboard.filters import Filters, to_query
from dashboard.pages.frame import heading
from dashboard.pages.posting import view

PATH, NAME = "/explorer", "Postings"
NUMBER = {"filter": "agNumberColumnFilter", "filterParams": {"buttons": ["reset"]}}
DOLLARS = {**NUMBER, "valueFormatter": {"function": "params.value == null ? '' : '$' + Number(params.value).toFixed(2)"},
           "type": "rightAligned"}
TEXT = {"filter": "agTextColumnFilter", "filterParams": {"buttons": ["reset"], "debounceMs": 400}}
COLUMNS = [
    {"field": "posted", "headerName": "Posted", "width": 120, "sort": "desc"},
    {"field": "title", "headerName": "Title", "flex": 2, **TEXT},
    {"field": "employer", "headerName": "Employer", "flex": 2, "minWidth": 150, **TEXT},
    {"field": "city", "headerName": "City", "width": 130, **TEXT},
    {"field": "state", "headerName": "State", "width": 90, **TEXT},
    {"field": "source", "headerName": "Source", "width": 130, **TEXT},
    {"field": "specialty", "headerName": "Specialty", "width": 140, **TEXT},
    {"field": "seniority", "headerName": "Seniority", "width": 120, **TEXT},
    {"field": "pay_hourly_min", "headerName": "Pay min $/h", "width": 130, **DOLLARS},
    {"field": "pay_hourly_max", "headerName": "Pay max $/h", "width": 130, **DOLLARS},
]
# Headers wrap instead of being cut; the grid fills the window below the page's heading and filters
# (never under 480 px), in compact rows: 17 postings at once in a 1400x1000 window, 22 on a full-HD screen.
DEFAULT_COLUMN = {"sortable": True, "resizable": True, "minWidth": 110, "wrapHeaderText": True, "autoHeaderHeight": True}
GRID_STYLE = {"height": "max(480px, calc(100vh - 310px))"}


def layout(search=None, warehouse=None):
    return html.Div([
        heading("Postings explorer", "Unique MA postings matching the filters. Sort and filter in the column headers; "
                "click a row to read the posting with its evidence highlighted."),
        dbc.Row([dbc.Col(html.Div(id="explorer-count", className="text-muted")),
                 dbc.Col(html.A("Download CSV of the filtered set", id="explorer-download", href="/download/postings.csv",
                                className="btn btn-outline-primary btn-sm float-end"))]),
        dag.AgGrid(id="explorer-grid", columnDefs=COLUMNS, rowModelType="infinite",
                   defaultColDef=DEFAULT_COLUMN, getRowId="params.data.posting_id",
                   dashGridOptions={"cacheBlockSize": 100, "maxBlocksInCache": 20, "rowSelection": "single",
                                    "rowHeight": 28},
                   style=GRID_STYLE, className="mt-2"),
        html.Div(id="explorer-posting", className="mt-3"),
    ])


def register(app, warehouse) -> None:
    @app.callback(Output("explorer-grid", "getRowsResponse"), Output("explorer-count", "children"),
                  Input("explorer-grid", "getRowsRequest"), State("filters", "data"))
    @warehouse.memoized
    def rows(request, data):
        if not request:
            return no_update, no_update
        rows_sql, params, count_sql, count_params = explorer_query.page_query(Filters.from_dict(data), request)
        found = warehouse.frame(rows_sql, params)
        count = int(warehouse.frame(count_sql, count_params).iloc[0, 0])
        found["posted"] = found["posted"].astype(str)
        records = json.loads(found.to_json(orient="records", date_format="iso"))
        return {"rowData": records, "rowCount": count}, f"{count:,} postings match"

    @app.callback(Output("explorer-grid", "getRowsRequest"), Input("filters", "data"),
                  State("explorer-grid", "getRowsRequest"), prevent_initial_call=True)
    def refresh_on_filters(_data, request):
        # A new global filter restarts the grid from its first block.
        return {**(request or {}), "startRow": 0, "endRow": 100}

    @app.callback(Output("explorer-download", "href"), Input("filters", "data"), Input("explorer-grid", "filterModel"))
    def download_link(data, filter_model):
        query = to_query(Filters.from_dict(data)).lstrip("?")
        grid = urlencode({"grid": json.dumps(filter_model)}) if filter_model else ""
        joined = "&".join(part for part in (query, grid) if part)
        return "/download/postings.csv" + ("?" + joined if joined else "")

    @app.callback(Output("explorer-posting", "children"), Input("explorer-grid", "cellClicked"), prevent_initial_call=True)
    def open_posting(clicked):
        if not clicked or not clicked.get("rowId"):
            return no_update
        return view(warehouse, clicked["rowId"])
