"""The dashboard over a warehouse built by the real loader from hand-written landing files."""

from __future__ import annotations

from pathlib import Path

import duckdb

from dashboard.app import create_app
from warehouse import load

LANDING = Path(__file__).resolve().parents[1] / "warehouse" / "landing"


def test_every_page_answers_on_a_loaded_warehouse(tmp_path):
    db = tmp_path / "warehouse.duckdb"
    load.load(db, LANDING, progress=lambda _message: None)
    with duckdb.connect(str(db), read_only=True) as con:
        tables = {row[0] for row in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
        unique_ma = con.execute("SELECT count(*) FROM postings WHERE is_ma AND is_canonical").fetchone()[0]
        cube_total = con.execute("SELECT sum(postings) FROM dashboard_posting_cube").fetchone()[0]
    assert {"dashboard_posting_cube", "dashboard_tag_cube", "dashboard_pay_histogram"} <= tables
    assert cube_total == unique_ma > 0
    app = create_app(db)
    assert app.server.config["WAREHOUSE"].warm() == 10  # one per page that warms, methods included
    client = app.server.test_client()
    assert client.get("/_dash-layout").status_code == 200
