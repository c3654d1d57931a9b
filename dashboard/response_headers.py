"""Security headers on every dashboard response: a Content-Security-Policy, X-Frame-Options, X-Content-Type-Options.

The policy lets a page load and run only what the dashboard itself serves (its scripts, styles,
fonts, topojson and callbacks, all from its own host), so a value that got into a page as
markup could neither load nor send anything elsewhere. Scripts: our own files plus the hashes
of Dash's inline scripts (`Dash.csp_hashes`: the renderer's start-up line and any clientside
callback); no inline script or eval beyond those (every page renders with no CSP report in
headless Chromium, tests/dashboard/test_label_markup.py). Styles: plotly.js and the grid set
inline styles, hence 'unsafe-inline' for styles only. No page may be framed.
"""

from __future__ import annotations

from dash import Dash


def policy(app: Dash) -> str:
    """The Content-Security-Policy for `app`; call it once every callback is registered."""
    scripts = " ".join(["'self'", *app.csp_hashes()])
    return "; ".join([
        "default-src 'self'",
        f"script-src {scripts}",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ])


def register(app: Dash) -> None:
    """Add the headers to every response of `app`'s Flask server."""
    headers = {
        "Content-Security-Policy": policy(app),
        "X-Frame-Options": "DENY",
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
    }

    @app.server.after_request
    def add_headers(response):
        for name, value in headers.items():
            response.headers.setdefault(name, value)
        return response
