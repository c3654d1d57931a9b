"""Export warehouse tables and views to Parquet or CSV files, one file per table.

Reads through a read-only connection and writes with Arrow, so an export never blocks a load.
"""

from __future__ import annotations

import re
from pathlib import Path

import pyarrow.csv as pa_csv
import pyarrow.parquet as pq

from ma_demand_settings import UserError
from warehouse import reader

DEFAULT_TABLES = ("postings", "posting_tags", "pay", "duplicate_groups", "sources", "crawl_runs", "claims",
                  "claim_results", "bls_reference", "warehouse_meta", "v_certification_demand", "v_ehr_share",
                  "v_pay", "v_claims", "posting_weights", "v_coverage_by_state")
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def export(db, out: str | Path, output_format: str = "parquet", tables: list[str] | None = None) -> list[str]:
    """Write OUT/<table>.<format> for each table; returns one line per file written."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    with reader.connect(db) as con:
        existing = {row[0] for row in con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_catalog = current_database()").fetchall()}
        lines = []
        for table in tables or DEFAULT_TABLES:
            if not _NAME.match(table) or table not in existing:
                raise UserError(f"no table or view named {table!r} in the warehouse")
            data = con.sql(f'SELECT * FROM "{table}"').to_arrow_table()
            target = out / f"{table}.{output_format}"
            if output_format == "parquet":
                pq.write_table(data, target)
            else:
                data = data.select([i for i, field in enumerate(data.schema)
                                    if not str(field.type).startswith(("list", "struct", "map"))]) \
                    if any(str(f.type).startswith(("list", "struct", "map")) for f in data.schema) else data
                pa_csv.write_csv(data, target)
            lines.append(f"{target}: {data.num_rows:,} rows")
    return lines
