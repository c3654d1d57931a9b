"""Run one analyst query on the warehouse: read-only, no file or network access, time and row limits.

`read_only` alone does not stop `COPY ... TO` or `read_csv('/etc/passwd')`, so the connection also
sets `enable_external_access = false` and `lock_configuration = true` once the warehouse is
attached (shared/research/ecosystem.md section 3.3). DuckDB has no statement timeout; a timer
interrupts the query instead. Limits come from the settings sql_time_limit_ms and max_returned_rows.
"""

from __future__ import annotations

import csv
import json
import sys
import threading
from dataclasses import dataclass

import duckdb

from ma_demand_settings import UserError, setting
from warehouse import reader


@dataclass
class QueryResult:
    columns: list[str]
    rows: list[tuple]
    truncated: bool


def run(db, query: str, *, time_limit_ms: int | None = None, max_rows: int | None = None) -> QueryResult:
    """Rows of `query` (at most `max_rows`); a refused or slow query raises UserError."""
    time_limit_ms = int(time_limit_ms or setting("sql_time_limit_ms"))
    max_rows = int(max_rows or setting("max_returned_rows"))
    con = reader.connect(db)
    try:
        con.execute("SET enable_external_access = false")
        con.execute("SET lock_configuration = true")
        _require_one_statement(con, query)
        timer = threading.Timer(time_limit_ms / 1000, con.interrupt)
        timer.start()
        try:
            cursor = con.execute(query)
            if cursor.description is None:
                return QueryResult([], [], False)
            columns = [column[0] for column in cursor.description]
            rows = cursor.fetchmany(max_rows + 1)
        except duckdb.InterruptException as error:
            raise UserError(f"query stopped after the {time_limit_ms} ms time limit") from error
        except duckdb.Error as error:
            raise UserError(_explain(error)) from error
        finally:
            timer.cancel()
        return QueryResult(columns, rows[:max_rows], len(rows) > max_rows)
    finally:
        con.close()


def _require_one_statement(con: duckdb.DuckDBPyConnection, query: str) -> None:
    """Refuse, in one line, a query that is empty (blank or only comments) or holds several statements."""
    try:
        count = len(con.extract_statements(query))
    except duckdb.Error as error:
        raise UserError(_explain(error)) from error
    if count == 0:
        raise UserError('no SQL statement given (the query is empty or only comments), e.g. "SELECT * FROM v_claims"')
    if count > 1:
        raise UserError(f"one statement at a time: the query holds {count} statements separated by ';'")


def _explain(error: duckdb.Error) -> str:
    text = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    if isinstance(error, duckdb.PermissionException) or "disabled by configuration" in text:
        return f"refused: queries cannot read or write files ({text})"
    if "read-only" in text.lower():
        return f"refused: the warehouse is read-only here ({text})"
    if "configuration has been locked" in text:
        return f"refused: settings are locked ({text})"
    return text


def print_result(result: QueryResult, output_format: str = "table", sink=None) -> None:
    sink = sink or sys.stdout
    if output_format == "csv":
        writer = csv.writer(sink)
        writer.writerow(result.columns)
        writer.writerows(result.rows)
    elif output_format == "json":
        for row in result.rows:
            sink.write(json.dumps(dict(zip(result.columns, row)), default=str) + "\n")
    else:
        cells = [[("NULL" if v is None else str(v)) for v in row] for row in result.rows]
        widths = [min(60, max([len(c)] + [len(r[i]) for r in cells])) for i, c in enumerate(result.columns)]
        sink.write("  ".join(c.ljust(w)[:w] for c, w in zip(result.columns, widths)).rstrip() + "\n")
        for row in cells:
            sink.write("  ".join(v.ljust(w)[:w] for v, w in zip(row, widths)).rstrip() + "\n")
    note = f"{len(result.rows)} row(s)" + (" (truncated at the row limit)" if result.truncated else "")
    print(note, file=sys.stderr)
