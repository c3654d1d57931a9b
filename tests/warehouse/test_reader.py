"""The read-only helper the dashboard and analysts use."""

from __future__ import annotations

import os

import duckdb
import pytest

from ma_demand_settings import UserError
from warehouse import reader


def _make(path, value):
    with duckdb.connect(str(path)) as con:
        con.execute("CREATE TABLE warehouse_meta (key VARCHAR, value VARCHAR)")
        con.execute("INSERT INTO warehouse_meta VALUES ('load_id', ?)", [value])


def test_missing_warehouse_is_a_user_error_that_says_to_load(tmp_path):
    with pytest.raises(UserError, match="ma-demand load"):
        reader.query(tmp_path / "none.duckdb", "SELECT 1")


def test_new_connection_sees_the_swapped_in_file_while_an_old_one_is_open(tmp_path):
    live, built = tmp_path / "w.duckdb", tmp_path / "w.next.duckdb"
    _make(live, "first")
    _make(built, "second")
    old = reader.connect(live)
    try:
        os.replace(built, live)
        assert reader.meta(live) == {"load_id": "second"}
        assert old.execute("SELECT value FROM warehouse_meta").fetchone() == ("first",)
    finally:
        old.close()


def test_reader_connections_cannot_write(tmp_path):
    live = tmp_path / "w.duckdb"
    _make(live, "first")
    with reader.connect(live) as con, pytest.raises(duckdb.Error):
        con.execute("INSERT INTO warehouse_meta VALUES ('x', 'y')")
    assert reader.query(live, "SELECT count(*) AS n FROM warehouse_meta")["n"].tolist() == [1]
