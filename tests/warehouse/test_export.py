"""`ma-demand export`: tables to Parquet or CSV through a read-only connection."""

from __future__ import annotations

import pyarrow.parquet as pq
import pytest

from ma_demand_settings import UserError
from warehouse import claims, export


def test_parquet_export_writes_every_row_of_each_table(built_shared, tmp_path):
    lines = export.export(built_shared, tmp_path / "out", "parquet", ["postings", "claim_results"])
    assert lines[0].endswith("postings.parquet: 5 rows")
    assert pq.read_table(tmp_path / "out" / "postings.parquet").num_rows == 5
    assert pq.read_table(tmp_path / "out" / "claim_results.parquet").num_rows == len(claims.registry())


def test_csv_export_writes_a_header_and_one_line_per_row(built_shared, tmp_path):
    export.export(built_shared, tmp_path / "out", "csv", ["pay"])
    lines = (tmp_path / "out" / "pay.csv").read_text().splitlines()
    assert lines[0].startswith('"posting_id"') and len(lines) == 1 + 4


def test_an_unknown_table_is_a_user_error(built_shared, tmp_path):
    with pytest.raises(UserError, match="no table or view named 'nope'"):
        export.export(built_shared, tmp_path, "csv", ["nope"])
