"""Medical Assistant employment by state (BLS OEWS, SOC 31-9092), shipped as data so coverage and the
weighted claims work offline: warehouse/data/oews_ma_state_employment.csv, one row per figure with its
release and the address it was read from. States without a row have no figure: their coverage is
unknown, never guessed. `ma-demand bls fetch` stores the BLS API's own state figures in bls_reference;
the view state_ma_employment (sql/marts/020_coverage.sql) prefers those to this file.

Rebuilt on every build, before the SQL layers run (`warehouse.layers.run_layer(con, "raw")`).
"""

from __future__ import annotations

import csv
from pathlib import Path

import duckdb

DATA = Path(__file__).with_name("data") / "oews_ma_state_employment.csv"
COLUMNS = ("area_code", "employment", "release", "source_url", "source_kind")


def rows(path: Path = DATA) -> list[dict[str, str]]:
    """The file's figures; lines starting with '#' are notes."""
    with open(path, encoding="utf-8", newline="") as source:
        lines = [line for line in source if not line.startswith("#")]
    return list(csv.DictReader(lines))


def build_table(con: duckdb.DuckDBPyConnection, path: Path = DATA) -> None:
    """(Re)create oews_state_employment in `con` from the shipped file."""
    con.execute("CREATE OR REPLACE TABLE oews_state_employment (area_code VARCHAR PRIMARY KEY, "
                "employment DOUBLE NOT NULL, release VARCHAR NOT NULL, source_url VARCHAR NOT NULL, "
                "source_kind VARCHAR)")
    con.executemany("INSERT INTO oews_state_employment VALUES (?, ?, ?, ?, ?)",
                    [(r["area_code"].strip().upper(), float(r["employment"]), r["release"], r["source_url"],
                      r["source_kind"]) for r in rows(path)])
