"""Queries over the dashboard marts for a set of global filters; every page asks through here."""

from __future__ import annotations

import pandas as pd

from dashboard.filters import Filters, mart_where
from dashboard.warehouse_data import Warehouse


def total(warehouse: Warehouse, filters: Filters) -> int:
    """Unique MA postings matching the filters."""
    where, params = mart_where(filters)
    frame = warehouse.frame(f"SELECT coalesce(sum(postings), 0) AS n FROM dashboard_posting_cube {where}", params)
    return int(frame["n"].iloc[0])


def postings_by(warehouse: Warehouse, filters: Filters, *dimensions: str) -> pd.DataFrame:
    """Postings, pay counts and pay sums grouped by the named cube columns."""
    where, params = mart_where(filters)
    keys = ", ".join(dimensions)
    return warehouse.frame(
        f"SELECT {keys}, sum(postings) AS postings, sum(active) AS active, sum(with_pay) AS with_pay, "
        f"sum(pay_sum) AS pay_sum, sum(pay_sumsq) AS pay_sumsq "
        f"FROM dashboard_posting_cube {where} GROUP BY {keys} ORDER BY {keys}", params)


def tags_by(warehouse: Warehouse, filters: Filters, dimension: str, *dimensions: str) -> pd.DataFrame:
    """Postings naming each code of `dimension`, grouped by code and the named cube columns."""
    where, params = mart_where(filters)
    where = (where + " AND " if where else "WHERE ") + "dimension = ?"
    keys = ", ".join(("code",) + dimensions)
    return warehouse.frame(
        f"SELECT {keys}, sum(postings) AS postings FROM dashboard_tag_cube {where} "
        f"GROUP BY {keys} ORDER BY {keys}", params + [dimension])


def pay_histogram(warehouse: Warehouse, filters: Filters, *dimensions: str) -> pd.DataFrame:
    where, params = mart_where(filters)
    keys = ", ".join(dimensions + ("bucket",))
    return warehouse.frame(
        f"SELECT {keys}, sum(postings) AS postings FROM dashboard_pay_histogram {where} "
        f"GROUP BY {keys} ORDER BY {keys}", params)


def guide_pay(warehouse: Warehouse) -> dict[str, float]:
    """The guide's BLS figures (bls_reference, origin guide), as hourly dollars keyed by measure."""
    frame = warehouse.frame(
        "SELECT measure, value, unit FROM bls_reference WHERE area_code = 'US' AND origin = 'guide' "
        "AND unit IN ('usd_per_year', 'usd_per_hour')")
    return {row.measure: (row.value / 2080 if row.unit == "usd_per_year" else row.value)
            for row in frame.itertuples()}


def grouped(warehouse: Warehouse, filters: Filters, table: str, sets: list[tuple[str, ...]],
            measures: str, extra: str = "", extra_params: tuple = ()) -> dict[tuple[str, ...], pd.DataFrame]:
    """Several groupings of one mart in one scan (GROUPING SETS): {grouping: frame of its columns + measures}."""
    where, params = mart_where(filters)
    if extra:
        where = (where + " AND " if where else "WHERE ") + extra
    columns = sorted({column for grouping in sets for column in grouping})
    if not columns:
        columns = ["month"]
    listed = ", ".join(columns)
    grouping_sets = ", ".join("(" + ", ".join(grouping) + ")" for grouping in sets)
    frame = warehouse.frame(
        f"SELECT {listed}, GROUPING({listed}) AS grouping_id, {measures} FROM {table} {where} "
        f"GROUP BY GROUPING SETS ({grouping_sets})", params + list(extra_params))
    answer = {}
    for grouping in sets:
        # GROUPING() sets a bit for each column that is aggregated away in that row's grouping.
        mask = sum(1 << (len(columns) - 1 - i) for i, column in enumerate(columns) if column not in grouping)
        part = frame[frame["grouping_id"] == mask]
        answer[grouping] = part[list(grouping) + [c for c in frame.columns if c not in columns and c != "grouping_id"]]
    return answer


def tag_sets(warehouse: Warehouse, filters: Filters, dimension: str, sets: list[tuple[str, ...]]):
    return grouped(warehouse, filters, "dashboard_tag_cube", sets, "sum(postings) AS postings",
                   "dimension = ?", (dimension,))


def posting_sets(warehouse: Warehouse, filters: Filters, sets: list[tuple[str, ...]]):
    return grouped(warehouse, filters, "dashboard_posting_cube", sets,
                   "sum(postings) AS postings, sum(active) AS active, sum(with_pay) AS with_pay, "
                   "sum(pay_sum) AS pay_sum, sum(pay_sumsq) AS pay_sumsq")
