"""The explorer's SQL: AG Grid sort and filter models over a real DuckDB file, never spliced into SQL."""

from __future__ import annotations

from dashboard.explorer_query import page_query
from dashboard.filters import Filters
from warehouse import reader


def run(warehouse_file, request, filters=Filters()):
    rows_sql, params, count_sql, count_params = page_query(filters, request)
    rows = reader.query(warehouse_file, rows_sql, params)
    count = reader.query_rows(warehouse_file, count_sql, count_params)[0][0]
    return rows, count


def test_blocks_page_through_the_set_without_overlap(warehouse_file):
    first, count = run(warehouse_file, {"startRow": 0, "endRow": 20, "sortModel": [{"colId": "posted", "sort": "desc"}]})
    second, _ = run(warehouse_file, {"startRow": 20, "endRow": 40, "sortModel": [{"colId": "posted", "sort": "desc"}]})
    assert count == 49 and len(first) == 20 and len(second) == 20
    assert not set(first["posting_id"]) & set(second["posting_id"])
    assert first["posted"].max() >= second["posted"].max()


def test_text_filter_contains_narrows_to_matching_titles(warehouse_file):
    rows, count = run(warehouse_file, {"startRow": 0, "endRow": 100,
                                       "filterModel": {"title": {"filterType": "text", "type": "contains", "filter": "lead"}}})
    assert count == 12 and all("Lead" in title for title in rows["title"])


def test_number_filter_and_sort_on_pay(warehouse_file):
    rows, count = run(warehouse_file, {
        "startRow": 0, "endRow": 100, "sortModel": [{"colId": "pay_hourly_min", "sort": "asc"}],
        "filterModel": {"pay_hourly_min": {"filterType": "number", "type": "greaterThanOrEqual", "filter": 22}}})
    assert count > 0 and rows["pay_hourly_min"].min() >= 22
    assert list(rows["pay_hourly_min"]) == sorted(rows["pay_hourly_min"])


def test_global_filters_apply_to_the_grid(warehouse_file):
    _rows, count = run(warehouse_file, {"startRow": 0, "endRow": 100}, Filters(state=("TX",)))
    assert count == 8


def test_unknown_columns_and_sql_in_values_are_harmless(warehouse_file):
    rows, count = run(warehouse_file, {
        "startRow": 0, "endRow": 10, "sortModel": [{"colId": "1; DROP TABLE postings", "sort": "asc"}],
        "filterModel": {"nope) OR (1=1": {"filterType": "text", "type": "contains", "filter": "x"},
                        "title": {"filterType": "text", "type": "contains", "filter": "%' OR '1'='1"}}})
    assert count == 0 and rows.empty
    assert reader.query_rows(warehouse_file, "SELECT count(*) FROM postings")[0][0] == 51
