"""`ma-demand serve`: gunicorn serving the dashboard on 127.0.0.1, basic auth from the environment."""

from __future__ import annotations

import base64
import os
import socket
import subprocess
import sys
import time
from urllib.error import HTTPError, URLError
from urllib.request import Request, urlopen

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(url, auth=None):
    request = Request(url, headers={"Authorization": "Basic " + base64.b64encode(auth.encode()).decode()} if auth else {})
    with urlopen(request, timeout=5) as response:
        return response.status, response.read(), response.headers


@pytest.fixture
def served(warehouse_file):
    port = free_port()
    env = {**os.environ, "MA_DEMAND_DASHBOARD_PASSWORD": "s3cret", "MA_DEMAND_DASHBOARD_USER": "analyst"}
    process = subprocess.Popen([sys.executable, "-m", "ma_demand", "serve", "--db", warehouse_file, "--port", str(port),
                                "--workers", "2"], cwd=ROOT, env=env, stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 30
    while time.time() < deadline:
        try:
            get(url + "/_dash-layout", "analyst:s3cret")
            break
        except (URLError, ConnectionError):
            time.sleep(0.2)
    yield url, process
    process.terminate()
    process.wait(timeout=15)


def test_serve_runs_gunicorn_on_localhost_and_asks_for_the_password(served):
    url, process = served
    with pytest.raises(HTTPError) as refused:
        get(url + "/")
    assert refused.value.code == 401
    status, body, headers = get(url + "/_dash-layout", "analyst:s3cret")
    assert status == 200 and b"demo-banner" in body
    assert headers["Server"].startswith("gunicorn")
    status, page, _ = get(url + "/certifications", "analyst:s3cret")
    assert status == 200 and b"cdn" not in page.lower()


def test_serve_without_a_warehouse_is_one_line_and_exit_2(tmp_path):
    result = subprocess.run([sys.executable, "-m", "ma_demand", "serve", "--db", str(tmp_path / "none.duckdb")],
                            cwd=ROOT, capture_output=True, text=True, timeout=30)
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0 and "no warehouse at" in result.stderr


def test_csv_download_streams_the_filtered_set(dashboard_url):
    status, body, _ = get(dashboard_url + "/download/postings.csv?state=TX")
    lines = body.decode().strip().splitlines()
    assert status == 200 and lines[0].startswith("posted,title,employer")
    assert len(lines) == 1 + 8 and all(",TX," in line for line in lines[1:])


def test_serve_refuses_a_warehouse_without_the_dashboard_marts(tmp_path):
    import duckdb

    from warehouse import layers

    db = tmp_path / "old.duckdb"
    with duckdb.connect(str(db)) as con:
        layers.run_layer(con, "core", prefix="0")
    result = subprocess.run([sys.executable, "-m", "ma_demand", "serve", "--db", str(db)],
                            cwd=ROOT, capture_output=True, text=True, timeout=30)
    assert result.returncode == 2 and "no dashboard aggregates" in result.stderr
