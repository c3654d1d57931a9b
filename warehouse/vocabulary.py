"""Tables built from the tagger's vocabulary at load, so the SQL names no code of its own.

`credentials` (code, name, label, ma, administrative) holds every credential code of
pipeline/vocabulary/certifications.toml, read through `pipeline.lexicon.credentials()`; the
raw layer's `ma_credentials` and the marts select from it. Rebuilt on every build, before the
SQL layers run (`warehouse.layers.run_layer(con, "raw")`).
"""

from __future__ import annotations

import duckdb

from pipeline.lexicon import credentials


def build_tables(con: duckdb.DuckDBPyConnection) -> None:
    """(Re)create the vocabulary tables in `con`."""
    rows = list(credentials().values())
    con.execute("CREATE OR REPLACE TABLE credentials (code VARCHAR PRIMARY KEY, name VARCHAR NOT NULL, "
                "label VARCHAR NOT NULL, ma BOOLEAN NOT NULL, administrative BOOLEAN NOT NULL)")
    con.executemany("INSERT INTO credentials VALUES (?, ?, ?, ?, ?)",
                    [(c.code, c.name, c.label, c.ma, c.administrative) for c in rows])
