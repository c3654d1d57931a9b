"""The app factory: `create_app(db_path)` builds the multi-page dashboard over one warehouse file.

Pages are plain modules in dashboard/pages (PATH, NAME, layout(search, warehouse), register(app, warehouse));
routing is one callback on the URL path, so several apps can be built in one process (tests, the
benchmark) without Dash's global page registry. Every asset is served from dashboard/assets:
the app makes no request beyond its own host.
"""

from __future__ import annotations

import os
from pathlib import Path

from dash import Dash
from dashboard import download, response_headers, result_cache, shell
from dashboard.pages import PAGES
from dashboard.warehouse_data import Warehouse

ASSETS = Path(__file__).with_name("assets")


def create_app(db_path: str | os.PathLike[str], *, cache: str | None = None) -> Dash:
    """The dashboard for the warehouse at `db_path`, opened read-only per query; `cache` is the
    `dashboard_cache` setting's form (dashboard/result_cache.py)."""
    app = Dash(
        __name__, assets_folder=str(ASSETS), title="MA demand", update_title=None,
        suppress_callback_exceptions=True, serve_locally=True,
    )
    app.scripts.config.serve_locally = True
    app.css.config.serve_locally = True
    warehouse = Warehouse(db_path, cache=result_cache.open_cache(cache))
    app.server.config["WAREHOUSE"] = warehouse
    app.layout = lambda: shell.layout(warehouse, PAGES)
    shell.register(app, PAGES, warehouse)
    for page in PAGES:
        page.register(app, warehouse)
    download.register(app.server, warehouse)
    response_headers.register(app)  # last: the policy hashes every inline script registered above
    return app

