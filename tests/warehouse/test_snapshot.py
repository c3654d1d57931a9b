"""A build works on a copy of the live warehouse, attached with small row groups, and swaps it in."""

from __future__ import annotations

import subprocess
import sys

from warehouse import reader, snapshot


def test_a_build_writes_row_groups_of_the_builds_size(tmp_path):
    db = tmp_path / "w.duckdb"
    with snapshot.next_build(db) as con:
        con.execute("CREATE TABLE numbers AS SELECT range AS n FROM range(?)", [3 * snapshot.BUILD_ROW_GROUP_SIZE])
    groups = reader.query_rows(db, "SELECT count(DISTINCT row_group_id) FROM pragma_storage_info('numbers')")
    assert groups == [(3,)]


def test_a_second_cursor_of_a_build_sees_and_writes_the_warehouse(tmp_path):
    db = tmp_path / "w.duckdb"
    with snapshot.next_build(db) as con:
        con.execute("CREATE TABLE numbers (n INTEGER)")
        other = snapshot.cursor(con)
        other.execute("INSERT INTO numbers VALUES (1)")
        other.close()
    assert reader.query_rows(db, "SELECT n FROM numbers") == [(1,)]


def test_a_build_that_fails_leaves_the_live_warehouse_and_no_next_file(tmp_path):
    db = tmp_path / "w.duckdb"
    with snapshot.next_build(db) as con:
        con.execute("CREATE TABLE numbers AS SELECT 1 AS n")
    try:
        with snapshot.next_build(db) as con:
            con.execute("DELETE FROM numbers")
            raise RuntimeError("killed")
    except RuntimeError:
        pass
    assert reader.query_rows(db, "SELECT n FROM numbers") == [(1,)]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["w.duckdb", "w.duckdb.lock"]



def test_neither_builds_nor_readers_draw_duckdbs_progress_bar_on_standard_output(tmp_path):
    # DuckDB draws its bar on standard output, even into a pipe, once a query outlasts two seconds; so
    # `ma-demand sql --format csv > out.csv` would get it in the file. Run as a user's command runs,
    # with standard output a pipe (under pytest's capture DuckDB starts with the bar off anyway).
    db = str(tmp_path / "w.duckdb")
    script = f"""
from warehouse import reader, snapshot
setting = "SELECT current_setting('enable_progress_bar')"
with snapshot.next_build({db!r}) as con:
    print(con.execute(setting).fetchall()[0][0])
with reader.connect({db!r}) as con:
    print(con.execute(setting).fetchall()[0][0])
import duckdb
print(duckdb.connect().execute(setting).fetchall()[0][0])
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.split() == ["False", "False", "True"]  # ours off; DuckDB's default on
