"""Tables built from the tagger's vocabulary at load, so the SQL names no code of its own.

`credentials` (code, name, label, ma, administrative) holds every credential code of
pipeline/vocabulary/certifications.toml, read through `pipeline.lexicon.credentials()`; the
raw layer's `ma_credentials` and the marts select from it. `us_states` (code, name) holds
pipeline/states.toml and `specialties` (code) the specialty ids of pipeline/vocabulary/specialties.toml:
a landed `state` or `tags.specialty` outside them is cleared (core/115_fill_cleared_values.sql).
Rebuilt on every build, before the SQL layers run (`warehouse.layers.run_layer(con, "raw")`).
"""

from __future__ import annotations

import duckdb

from pipeline.lexicon import credentials, terms
from pipeline.location import state_names


def build_tables(con: duckdb.DuckDBPyConnection) -> None:
    """(Re)create the vocabulary tables in `con`."""
    rows = list(credentials().values())
    con.execute("CREATE OR REPLACE TABLE credentials (code VARCHAR PRIMARY KEY, name VARCHAR NOT NULL, "
                "label VARCHAR NOT NULL, ma BOOLEAN NOT NULL, administrative BOOLEAN NOT NULL)")
    con.executemany("INSERT INTO credentials VALUES (?, ?, ?, ?, ?)",
                    [(c.code, c.name, c.label, c.ma, c.administrative) for c in rows])
    con.execute("CREATE OR REPLACE TABLE us_states (code VARCHAR PRIMARY KEY, name VARCHAR NOT NULL)")
    con.executemany("INSERT INTO us_states VALUES (?, ?)", list(state_names().items()))
    con.execute("CREATE OR REPLACE TABLE specialties (code VARCHAR PRIMARY KEY)")
    specialty_codes = dict.fromkeys(term.id for term in terms() if term.dimension == "specialty")
    con.executemany("INSERT INTO specialties VALUES (?)", [(code,) for code in specialty_codes])
