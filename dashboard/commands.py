"""`ma-demand serve`: the dashboard under gunicorn (a production WSGI server, not Dash's dev server).

Binds 127.0.0.1 by default. When MA_DEMAND_DASHBOARD_PASSWORD is set, every request needs HTTP basic
auth (user MA_DEMAND_DASHBOARD_USER); binding beyond localhost without it prints a warning.
"""

from __future__ import annotations

import argparse
import hashlib
import ipaddress
import sys
from pathlib import Path

from dashboard.result_cache import open_cache
from ma_demand_settings import UserError, setting


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "serve", help="Serve the dashboard (gunicorn) over a warehouse, read-only.",
        description="Serve the dashboard over the warehouse with gunicorn. Opens the warehouse read-only; "
                    "binds 127.0.0.1 unless told otherwise.")
    parser.add_argument("--db", default=None, help="warehouse file (default: $MA_DEMAND_DB or data/warehouse.duckdb; "
                                                   "before that exists, the demo's data/demo.duckdb)")
    parser.add_argument("--host", default=None, help="address to bind (default: $MA_DEMAND_HOST or 127.0.0.1)")
    parser.add_argument("--port", type=int, default=None, help="port (default: $MA_DEMAND_PORT or 8050)")
    parser.add_argument("--workers", type=int, default=None,
                        help="gunicorn worker processes (default: $MA_DEMAND_DASHBOARD_WORKERS or 2)")
    parser.set_defaults(handler=serve)


def serve(args: argparse.Namespace) -> int:
    from warehouse.reader import warehouse_to_read

    db, note = warehouse_to_read(args.db)
    if note:
        print(f"ma-demand serve: {note}", file=sys.stderr)
    return serve_dashboard(db, host=args.host, port=args.port, workers=args.workers)


def serve_dashboard(db: str | Path | None = None, *, host: str | None = None, port: int | None = None,
                    workers: int | None = None) -> int:
    """Serve the dashboard over `db` until stopped; a value left out comes from its setting."""
    db = Path(db or setting("db"))
    if not db.is_file():
        raise UserError(f"no warehouse at {db}; run `ma-demand load` or `ma-demand demo` first")
    require_dashboard_marts(db)
    host = host or setting("host")
    port = port if port is not None else int(setting("port"))
    workers = workers if workers is not None else int(setting("dashboard_workers"))
    if workers < 1:
        raise UserError("--workers must be at least 1")
    credentials = basic_auth_credentials()
    if not _is_loopback(host) and credentials is None:
        print(f"ma-demand serve: warning: binding {host} without basic auth; set MA_DEMAND_DASHBOARD_PASSWORD "
              "to require a password", file=sys.stderr)
    cache = setting("dashboard_cache") or (shared_cache_dir(db) if workers > 1 else "")
    open_cache(cache)  # refuses an unsafe cache folder before anything is served
    from dashboard.server import run
    print(f"serving {db} at http://{host}:{port}/ with {workers} worker(s); Ctrl-C to stop", file=sys.stderr)
    run(db, host=host, port=port, workers=workers, cache=cache, credentials=credentials)
    return 0


def require_dashboard_marts(db: Path) -> None:
    """Refuse, in one line, a warehouse built before the dashboard's marts existed."""
    from warehouse import reader

    found = reader.query_rows(db, "SELECT count(*) FROM duckdb_tables() WHERE table_name IN "
                                  "('dashboard_posting_cube', 'dashboard_tag_cube', 'dashboard_pay_histogram', "
                                  "'dashboard_trend_weeks', 'dashboard_skill_pairs', 'dashboard_ladder_titles')")[0][0]
    if found < 6:
        raise UserError(f"{db} has no dashboard aggregates (dashboard_* tables); rebuild it with the "
                                  "current `ma-demand load`")


def basic_auth_credentials() -> tuple[str, str] | None:
    password = setting("dashboard_password")
    return (setting("dashboard_user"), password) if password else None


def shared_cache_dir(db: Path) -> str:
    """The cache folder every worker serving `db` shares: private, under the data folder (not in a
    temp folder, where another user could create it first)."""
    digest = hashlib.sha1(str(db.resolve()).encode()).hexdigest()[:12]
    return str(Path(setting("data_dir")) / "cache" / f"dashboard-{digest}")


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
