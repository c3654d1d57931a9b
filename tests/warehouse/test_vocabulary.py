"""The warehouse's credential tables are built from the tagger's vocabulary at load, not listed in SQL."""

from __future__ import annotations

import duckdb

from pipeline import lexicon
from warehouse import layers, reader


def raw_layer() -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    layers.run_layer(con, "raw")
    return con


def test_the_credentials_table_holds_every_vocabulary_code_with_its_name_label_and_flags():
    rows = raw_layer().execute("SELECT code, name, label, ma, administrative FROM credentials").fetchall()
    expected = [(c.code, c.name, c.label, c.ma, c.administrative) for c in lexicon.credentials().values()]
    assert sorted(rows) == sorted(expected)


def test_ma_credentials_are_the_vocabulary_s_ma_codes_with_their_names():
    rows = raw_layer().execute("SELECT code, name FROM ma_credentials").fetchall()
    assert sorted(rows) == sorted((code, lexicon.credentials()[code].name) for code in lexicon.ma_credentials())


def test_a_loaded_warehouse_carries_the_credentials_table(built_shared):
    codes = {code for (code,) in reader.query_rows(built_shared, "SELECT code FROM credentials WHERE ma")}
    assert codes == set(lexicon.ma_credentials())
