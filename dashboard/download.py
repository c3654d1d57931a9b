"""CSV download of the explorer's filtered set: `/download/postings.csv?<filters>&grid=<filter model>`.

Streamed in batches from a read-only connection, so a million-row download never sits in memory.
A text cell that a spreadsheet would read as a formula (it starts with = + - @, a tab or a carriage
return) gets a leading single quote; numbers stay numbers, since only text cells are touched."""

from __future__ import annotations

import csv
import io
import json

from flask import Response, request

from dashboard import explorer_query
from dashboard.filters import from_query
from warehouse import reader

BATCH = 5000
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def register(server, warehouse) -> None:
    @server.route("/download/postings.csv")
    def postings_csv():
        filters = from_query(request.query_string.decode("utf-8", "replace"))
        try:
            grid = json.loads(request.args.get("grid") or "{}")
        except json.JSONDecodeError:
            grid = {}
        clause, params = explorer_query.where(filters, grid if isinstance(grid, dict) else {})
        sql = f"SELECT {explorer_query.select_list()} FROM postings {clause} ORDER BY posted DESC, posting_id"
        return Response(_rows(warehouse.path, sql, params), mimetype="text/csv",
                        headers={"Content-Disposition": "attachment; filename=ma-postings.csv"})


def _rows(path, sql, params):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    with reader.connect(path) as con:
        cursor = con.execute(sql, params)
        writer.writerow([column[0] for column in cursor.description])
        while True:
            batch = cursor.fetchmany(BATCH)
            if not batch:
                break
            writer.writerows([[neutralised(value) for value in row] for row in batch])
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
        yield buffer.getvalue()


def neutralised(value):
    """`value`, with a leading single quote when it is text a spreadsheet would run as a formula."""
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA_STARTS) else value
