"""`ma-demand sql`: SELECT only, no file access, time and memory limits, row and byte caps."""

from __future__ import annotations

import io
import time

import pytest

import ma_demand
from ma_demand_settings import UserError
from warehouse import sandbox


@pytest.mark.parametrize("query", [
    "DELETE FROM postings",
    "CREATE TABLE stolen AS SELECT 1",
    "CREATE TEMP TABLE scratch AS SELECT 1",
    "CREATE TABLE memory.main.scratch (a INTEGER)",
    "INSERT INTO memory.main.scratch VALUES (1)",
    "UPDATE warehouse_meta SET value = 'false'",
    "COPY postings TO 'out.csv'",
    "COPY (SELECT 1) TO '.tmp/out.csv'",
    "EXPORT DATABASE '.tmp/export'",
    "ATTACH '.tmp/other.duckdb' AS other",
    "ATTACH ':memory:' AS scratch",
    "DETACH warehouse",
    "USE memory",
    "SET enable_external_access = true",
    "SET VARIABLE x = 1",
    "PRAGMA table_info('postings')",
    "CALL pragma_version()",
    "CHECKPOINT",
    "LOAD httpfs",
    "INSTALL httpfs",
    "EXPLAIN ANALYZE COPY (SELECT 1) TO '.tmp/out.csv'",
    "CREATE MACRO twice(x) AS 2 * x",
    "BEGIN TRANSACTION",
])
def test_every_statement_but_select_is_refused_in_one_line(built_shared, tmp_path, monkeypatch, query):
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".tmp").mkdir()
    with pytest.raises(UserError, match=r"^refused: only SELECT queries run here, not [A-Z_]+ ") as refused:
        sandbox.run(built_shared, query)
    assert "\n" not in str(refused.value)
    assert sorted(path.name for path in tmp_path.rglob("*")) == [".tmp"]


@pytest.mark.parametrize("query", [
    "WITH n AS (SELECT 2 AS v) SELECT v FROM n",
    "FROM (SELECT 2 AS v)",
    "VALUES (2)",
    "SELECT count(*) > 0 FROM (DESCRIBE postings)",
    "SELECT 2 UNION SELECT 2",
])
def test_select_in_its_other_forms_runs(built_shared, query):
    assert sandbox.run(built_shared, query).rows[0][0] in (2, True)


@pytest.mark.parametrize("query", [
    "SELECT * FROM read_csv('/etc/passwd')",
    "SELECT * FROM read_text('/etc/hostname')",
    "SELECT * FROM read_csv('.tmp/planted.csv')",
    "SELECT * FROM read_text('.tmp/planted.csv')",
    "SELECT * FROM read_csv('{tmp}/.tmp/planted.csv')",
    "SELECT * FROM glob('.tmp/*')",
    "SELECT * FROM read_parquet('.tmp/*.parquet')",
])
def test_no_file_can_be_read_even_in_the_working_folders_tmp(built_shared, tmp_path, monkeypatch, query):
    # DuckDB's default temp directory is <cwd>/.tmp; with external access off it used to stay readable.
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".tmp").mkdir()
    (tmp_path / ".tmp" / "planted.csv").write_text("secret\nplanted\n")
    with pytest.raises(UserError, match="refused: queries cannot read or write files"):
        sandbox.run(built_shared, query.format(tmp=tmp_path))


def test_the_query_connection_allows_no_directory_and_no_temp_files(built_shared, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".tmp").mkdir()
    result = sandbox.run(built_shared, "SELECT current_setting('allowed_directories'), current_setting('allowed_paths'), "
                                       "current_setting('temp_directory'), current_setting('enable_external_access'), "
                                       "current_setting('lock_configuration'), current_setting('memory_limit')",
                         memory_limit_mb=300)
    allowed, paths, temp, external, locked, memory = result.rows[0]
    assert (allowed, temp, external, locked) == ([], "", False, True)
    # DuckDB itself allows the attached warehouse file (read-only here) and its WAL names, nothing else.
    assert paths and all(path.startswith(str(built_shared)) for path in paths)
    assert memory.startswith("300") or memory.startswith("314")  # 300 MiB, shown in MiB or MB


def test_a_query_past_the_time_limit_is_stopped(built_shared):
    with pytest.raises(UserError, match="300 ms time limit"):
        sandbox.run(built_shared, "SELECT count(*) FROM range(100000000000) a", time_limit_ms=300)


def test_rows_past_the_limit_are_cut_and_reported_truncated(built_shared):
    result = sandbox.run(built_shared, "SELECT * FROM range(50) r(i)", max_rows=10)
    assert len(result.rows) == 10 and result.truncated
    assert not sandbox.run(built_shared, "SELECT * FROM range(10) r(i)", max_rows=10).truncated


def test_the_sql_command_prints_rows_and_exits_2_on_a_refused_query(built_shared, capsys):
    assert ma_demand.main(["sql", "--db", str(built_shared), "--format", "csv",
                           "SELECT claim_id FROM v_claims ORDER BY 1 LIMIT 2"]) == 0
    assert capsys.readouterr().out.splitlines() == ["claim_id", "certification_pay_premium",
                                                    "certification_preferred_often_required"]
    assert ma_demand.main(["sql", "--db", str(built_shared), "DROP TABLE postings"]) == 2
    assert capsys.readouterr().err.startswith("ma-demand sql: refused")


@pytest.mark.parametrize("query", ["", "   ", "-- comment", "/* only a comment */\n"])
def test_an_empty_query_is_refused_in_one_line_with_exit_2(built_shared, capsys, query):
    assert ma_demand.main(["sql", "--db", str(built_shared), query]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.splitlines() == ['ma-demand sql: no SQL statement given (the query is empty or only '
                                         'comments), e.g. "SELECT * FROM v_claims"']


def test_more_than_one_statement_is_refused_in_one_line_and_none_runs(built_shared, capsys):
    assert ma_demand.main(["sql", "--db", str(built_shared), "SELECT 1; SELECT 2"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.splitlines() == ["ma-demand sql: one statement at a time: the query holds 2 statements "
                                         "separated by ';'"]


def test_one_statement_with_a_trailing_semicolon_or_comment_runs(built_shared):
    assert sandbox.run(built_shared, "SELECT 42 AS answer; -- the one").rows == [(42,)]


def test_a_repeat_bomb_is_stopped_by_the_memory_limit_in_bounded_time(built_shared):
    # 120 rows of 100 MB each: DuckDB builds them as one vector, outside its own memory accounting.
    started = time.monotonic()
    with pytest.raises(UserError, match=r"^query stopped: it needs more than the 256 MB memory limit "
                                        r"\(setting sql_memory_limit_mb\)"):
        sandbox.run(built_shared, "SELECT repeat('x', 100000000) FROM range(120)", memory_limit_mb=256,
                    time_limit_ms=60000)
    assert time.monotonic() - started < 30  # about 1 s on an idle machine; the old sandbox took 30 s and 12 GB


def test_a_query_that_outgrows_the_memory_limit_in_duckdb_is_stopped(built_shared):
    with pytest.raises(UserError, match="256 MB memory limit"):
        sandbox.run(built_shared, "SELECT list(range) FROM range(200000000)", memory_limit_mb=256, time_limit_ms=60000)


def test_output_stops_at_the_byte_limit_and_says_which_setting_raises_it(built_shared, capsys):
    result = sandbox.run(built_shared, "SELECT repeat('x', 1000000) AS filler FROM range(100)", max_bytes=3_500_000)
    assert len(result.rows) == 3 and result.stopped_at == "bytes"
    sandbox.print_result(result, "csv")
    assert capsys.readouterr().err.splitlines() == [
        "3 row(s); stopped at the output limit of 3,500,000 bytes (setting sql_max_output_bytes, or --max-bytes)"]


def test_the_sql_command_names_the_row_limit_setting_when_it_stops_there(built_shared, capsys):
    assert ma_demand.main(["sql", "--db", str(built_shared), "--format", "csv", "--max-rows", "3",
                           "SELECT * FROM range(10) r(i)"]) == 0
    captured = capsys.readouterr()
    assert captured.out.splitlines() == ["i", "0", "1", "2"]
    assert captured.err.splitlines() == ["3 row(s); stopped at the row limit of 3 (setting max_returned_rows, or --max-rows)"]


def test_the_time_limit_covers_printing(built_shared):
    class SlowSink(io.StringIO):
        def write(self, text):
            time.sleep(0.05)
            return super().write(text)

    result = sandbox.run(built_shared, "SELECT * FROM range(200) r(i)", time_limit_ms=30000)
    result.deadline = time.monotonic() + 1  # as if the query had used all but a second of its limit
    sink = SlowSink()
    started = time.monotonic()
    with pytest.raises(UserError, match=r"^query stopped after the 30000 ms time limit while printing "
                                        r"\(setting sql_time_limit_ms, or --time-limit-ms\)$"):
        sandbox.print_result(result, "csv", sink)
    assert time.monotonic() - started < 2
    assert 0 < len(sink.getvalue().splitlines()) < 200


def test_the_sql_command_ends_a_memory_bomb_in_one_line_with_exit_2(built_shared, capsys):
    assert ma_demand.main(["sql", "--db", str(built_shared), "--memory-limit-mb", "256", "--time-limit-ms", "60000",
                           "SELECT repeat('x', 100000000) FROM range(120)"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert len(captured.err.splitlines()) == 1 and "memory limit (setting sql_memory_limit_mb)" in captured.err
