"""Run the dashboard app under gunicorn in-process (gunicorn's documented custom-application API),
with optional HTTP basic auth in front of every route."""

from __future__ import annotations

import base64
import hmac

from gunicorn.app.base import BaseApplication

from dashboard.app import create_app


class DashboardServer(BaseApplication):
    def __init__(self, wsgi_app, options: dict):
        self.wsgi_app, self.options = wsgi_app, options
        super().__init__()

    def load_config(self):
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        return self.wsgi_app


def run(db, *, host: str, port: int, workers: int, cache: str, credentials: tuple[str, str] | None) -> None:
    app = create_app(db, cache=cache)
    # Compute every page's unfiltered view into the (shared) cache before the workers start.
    warehouse = app.server.config["WAREHOUSE"]
    warehouse.warm()
    if credentials:
        require_basic_auth(app.server, *credentials)
    DashboardServer(app.server, {"bind": f"{host}:{port}", "workers": workers, "timeout": 60,
                                 "accesslog": None, "errorlog": "-", "loglevel": "warning"}).run()


def require_basic_auth(server, user: str, password: str) -> None:
    """Every request must carry `user:password` as HTTP basic auth."""
    from flask import Response, request

    expected = base64.b64encode(f"{user}:{password}".encode()).decode()

    @server.before_request
    def check():
        header = request.headers.get("Authorization", "")
        if not (header.startswith("Basic ") and hmac.compare_digest(header[6:], expected)):
            return Response("Authentication required.", 401, {"WWW-Authenticate": 'Basic realm="ma-demand"'})
        return None
