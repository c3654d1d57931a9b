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
from flask_caching import Cache

from dashboard import download, shell
from dashboard.pages import PAGES
from dashboard.warehouse_data import Warehouse

ASSETS = Path(__file__).with_name("assets")


def cache_config(spec: str | None) -> dict:
    """flask-caching settings from the `dashboard_cache` setting: empty = in-process memory,
    `redis://...` = Redis (shared by every worker), anything else = a folder of cache files."""
    spec = (spec or "").strip()
    if not spec:
        return {"CACHE_TYPE": "SimpleCache", "CACHE_DEFAULT_TIMEOUT": 0, "CACHE_THRESHOLD": 2000}
    if spec.startswith(("redis://", "rediss://")):
        return {"CACHE_TYPE": "RedisCache", "CACHE_REDIS_URL": spec, "CACHE_DEFAULT_TIMEOUT": 86400}
    return {"CACHE_TYPE": "FileSystemCache", "CACHE_DIR": spec, "CACHE_DEFAULT_TIMEOUT": 86400,
            "CACHE_THRESHOLD": 20000}


def create_app(db_path: str | os.PathLike[str], *, cache: str | None = None) -> Dash:
    """The dashboard for the warehouse at `db_path`, opened read-only per query."""
    app = Dash(
        __name__, assets_folder=str(ASSETS), title="MA demand", update_title=None,
        suppress_callback_exceptions=True, serve_locally=True,
    )
    app.scripts.config.serve_locally = True
    app.css.config.serve_locally = True
    result_cache = Cache(app.server, config=cache_config(cache))
    warehouse = Warehouse(db_path, cache=result_cache)
    app.server.config["WAREHOUSE"] = warehouse
    app.layout = lambda: shell.layout(warehouse, PAGES)
    shell.register(app, PAGES, warehouse)
    for page in PAGES:
        page.register(app, warehouse)
    download.register(app.server, warehouse)
    return app

