"""Every dashboard response carries a Content-Security-Policy, X-Frame-Options and X-Content-Type-Options."""

from __future__ import annotations

import pytest

from dashboard.app import create_app
from dashboard.server import require_basic_auth

PATHS = ["/", "/pay", "/posting?id=greenhouse:p000", "/_dash-layout", "/_dash-dependencies",
         "/assets/dashboard.css", "/download/postings.csv", "/no-such-page"]


@pytest.fixture(scope="module")
def app(warehouse_file):
    return create_app(warehouse_file)


def directives(policy: str) -> dict[str, list[str]]:
    return {part.split()[0]: part.split()[1:] for part in (p.strip() for p in policy.split(";")) if part}


@pytest.mark.parametrize("path", PATHS)
def test_every_response_carries_the_security_headers(app, path):
    response = app.server.test_client().get(path)
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    policy = directives(response.headers["Content-Security-Policy"])
    assert policy["default-src"] == ["'self'"] and policy["connect-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"] and policy["object-src"] == ["'none'"]
    # Scripts: our own files and the hashes of Dash's inline scripts; no inline script or eval otherwise.
    assert policy["script-src"][0] == "'self'" and all(s.startswith("'sha256-") for s in policy["script-src"][1:])


def test_the_policy_hashes_the_inline_script_the_page_runs(app):
    page = app.server.test_client().get("/").get_data(as_text=True)
    assert "new DashRenderer" in page
    assert set(app.csp_hashes()) <= set(directives(app.server.test_client().get("/").headers["Content-Security-Policy"])["script-src"])


def test_a_refused_request_carries_the_headers_too(warehouse_file):
    guarded = create_app(warehouse_file)
    require_basic_auth(guarded.server, "analyst", "s3cret")
    response = guarded.server.test_client().get("/")
    assert response.status_code == 401
    assert response.headers["X-Frame-Options"] == "DENY" and "Content-Security-Policy" in response.headers
