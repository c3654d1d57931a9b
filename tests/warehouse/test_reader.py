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


@pytest.fixture
def fresh_data_dir(monkeypatch, tmp_path):
    for name in ("MA_DEMAND_DB", "MA_DEMAND_DEMO_DB"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("MA_DEMAND_DATA_DIR", str(tmp_path))
    return tmp_path


def test_before_any_crawl_the_read_commands_read_the_demo_warehouse_and_say_so(fresh_data_dir):
    _make(fresh_data_dir / "demo.duckdb", "demo")
    path, note = reader.warehouse_to_read()
    assert path == fresh_data_dir / "demo.duckdb"
    assert note == (f"reading the demo warehouse {fresh_data_dir / 'demo.duckdb'} (synthetic postings): "
                    f"there is no {fresh_data_dir / 'warehouse.duckdb'} yet")


def test_once_the_warehouse_exists_it_is_read_and_not_the_demo_s(fresh_data_dir):
    _make(fresh_data_dir / "demo.duckdb", "demo")
    _make(fresh_data_dir / "warehouse.duckdb", "real")
    assert reader.warehouse_to_read() == (fresh_data_dir / "warehouse.duckdb", None)


def test_a_warehouse_named_by_db_or_ma_demand_db_is_never_swapped_for_the_demo_s(fresh_data_dir, monkeypatch):
    _make(fresh_data_dir / "demo.duckdb", "demo")
    missing = fresh_data_dir / "missing.duckdb"
    assert reader.warehouse_to_read(missing) == (missing, None)
    monkeypatch.setenv("MA_DEMAND_DB", str(missing))
    assert reader.warehouse_to_read() == (missing, None)
