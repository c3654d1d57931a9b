"""SQL for the postings explorer: the global filters plus AG Grid's sort and filter models, turned
into one parameterised query over unique MA postings. Column names come only from EXPLORER_COLUMNS,
so nothing a browser sends is ever spliced into SQL."""

from __future__ import annotations

from dashboard.filters import Filters, postings_where

# Grid column -> SQL expression over postings.
EXPLORER_COLUMNS = {
    "posted": "CAST(coalesce(posted_at, first_seen) AS DATE)",
    "title": "title", "employer": "employer", "city": "city", "state": "state", "source": "source",
    "specialty": "specialty", "seniority": "seniority",
    "pay_hourly_min": "round(pay_hourly_min, 2)", "pay_hourly_max": "round(pay_hourly_max, 2)",
    "active": "active", "posting_id": "posting_id", "url": "url",
}
TEXT_OPERATORS = {"contains": ("ILIKE", "%{}%"), "notContains": ("NOT ILIKE", "%{}%"), "equals": ("ILIKE", "{}"),
                  "notEqual": ("NOT ILIKE", "{}"), "startsWith": ("ILIKE", "{}%"), "endsWith": ("ILIKE", "%{}")}
NUMBER_OPERATORS = {"equals": "=", "notEqual": "<>", "greaterThan": ">", "greaterThanOrEqual": ">=",
                    "lessThan": "<", "lessThanOrEqual": "<="}
MAX_PAGE = 1000


def where(filters: Filters, filter_model: dict | None) -> tuple[str, list]:
    """The WHERE clause for the global filters and the grid's column filters."""
    clause, params = postings_where(filters)
    for column, model in (filter_model or {}).items():
        condition = _column_condition(column, model, params)
        if condition:
            clause += " AND " + condition
    return clause, params


def order_by(sort_model: list | None) -> str:
    parts = [f"{EXPLORER_COLUMNS[item['colId']]} {'DESC' if item.get('sort') == 'desc' else 'ASC'} NULLS LAST"
             for item in (sort_model or []) if item.get("colId") in EXPLORER_COLUMNS]
    return "ORDER BY " + ", ".join(parts + ["posting_id"])


def select_list() -> str:
    return ", ".join(f"{expression} AS {name}" for name, expression in EXPLORER_COLUMNS.items())


def page_query(filters: Filters, request: dict) -> tuple[str, list, str, list]:
    """(rows SQL, params, count SQL, params) for one infinite-row-model block request."""
    clause, params = where(filters, request.get("filterModel"))
    start = max(0, int(request.get("startRow") or 0))
    size = max(1, min(MAX_PAGE, int(request.get("endRow") or start + 100) - start))
    rows = f"SELECT {select_list()} FROM postings {clause} {order_by(request.get('sortModel'))} LIMIT {size} OFFSET {start}"
    return rows, params, f"SELECT count(*) FROM postings {clause}", list(params)


def _column_condition(column: str, model: dict, params: list) -> str | None:
    if column not in EXPLORER_COLUMNS or not isinstance(model, dict):
        return None
    if "conditions" in model:  # two conditions joined by AND / OR
        parts = [c for c in (_column_condition(column, sub, params) for sub in model["conditions"]) if c]
        joiner = " OR " if str(model.get("operator", "AND")).upper() == "OR" else " AND "
        return "(" + joiner.join(parts) + ")" if parts else None
    expression, kind, operator = EXPLORER_COLUMNS[column], model.get("filterType"), model.get("type")
    if kind == "text" and operator in TEXT_OPERATORS and model.get("filter") is not None:
        sql_operator, pattern = TEXT_OPERATORS[operator]
        params.append(pattern.format(str(model["filter"]).replace("%", r"\%").replace("_", r"\_")))
        return f"CAST({expression} AS VARCHAR) {sql_operator} ? ESCAPE '\\'"
    if kind == "number" and operator == "inRange":
        params.extend([float(model["filter"]), float(model["filterTo"])])
        return f"{expression} BETWEEN ? AND ?"
    if kind == "number" and operator in NUMBER_OPERATORS and model.get("filter") is not None:
        params.append(float(model["filter"]))
        return f"{expression} {NUMBER_OPERATORS[operator]} ?"
    if kind == "number" and operator in ("blank", "notBlank"):
        return f"{expression} IS {'NOT ' if operator == 'notBlank' else ''}NULL"
    return None
