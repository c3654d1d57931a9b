"""`ma-demand sql`: read-only, no file access, a time limit and a row limit."""

from __future__ import annotations

import pytest

import ma_demand
from ma_demand_settings import UserError
from warehouse import sandbox


@pytest.mark.parametrize("query", [
    "DELETE FROM postings",
    "CREATE TABLE stolen AS SELECT 1",
    "UPDATE warehouse_meta SET value = 'false'",
])
def test_sql_refuses_writes(built_shared, query):
    with pytest.raises(UserError, match="refused: the warehouse is read-only"):
        sandbox.run(built_shared, query)


@pytest.mark.parametrize("query", [
    "COPY postings TO '{tmp}/out.csv'",
    "SELECT * FROM read_csv('/etc/passwd')",
    "SELECT * FROM read_text('/etc/hostname')",
    "ATTACH '{tmp}/other.duckdb' AS other",
])
def test_sql_refuses_reading_or_writing_files(built_shared, tmp_path, query):
    with pytest.raises(UserError, match="refused"):
        sandbox.run(built_shared, query.format(tmp=tmp_path))
    assert not (tmp_path / "out.csv").exists() and not (tmp_path / "other.duckdb").exists()


def test_sql_cannot_turn_file_access_back_on(built_shared):
    with pytest.raises(UserError, match="settings are locked"):
        sandbox.run(built_shared, "SET enable_external_access = true")


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
