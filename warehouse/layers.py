"""Run the layered SQL: every `.sql` file of a layer folder, in name order.

Layers: `raw` (tables the loads append to), `staging` (typed, current versions), `core` (the
entities: postings, posting_tags, pay, duplicate groups), `marts` (views and aggregates that the
dashboard and analysts read; the dashboard's own `dashboard_*.sql` files are picked up here too).
In `core`, files named `0*` define tables and files named `1*` fill the derived ones.
The raw layer starts with the tables built from the tagger's vocabulary (`warehouse/vocabulary.py`)
and the shipped OEWS state employment (`warehouse/oews.py`).
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from warehouse import oews, vocabulary

SQL_DIR = Path(__file__).with_name("sql")
LAYERS = ("raw", "staging", "core", "marts")


def files(layer: str, prefix: str = "") -> list[Path]:
    return sorted((SQL_DIR / layer).glob(f"{prefix}*.sql"))


def run_layer(con: duckdb.DuckDBPyConnection, layer: str, prefix: str = "") -> None:
    """Execute every file of `layer` (starting with `prefix`) in name order; a failing file names itself."""
    if layer == "raw":
        vocabulary.build_tables(con)
        oews.build_table(con)
    for path in files(layer, prefix):
        try:
            con.execute(path.read_text(encoding="utf-8"))
        except duckdb.Error as error:
            raise RuntimeError(f"{layer}/{path.name}: {error}") from error
