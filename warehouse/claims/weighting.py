"""Post-stratification weights: what each unique MA posting counts for in the weighted claims.

The raw claims count every posting once, so they describe the employers and states the crawl reached.
The weighted claims describe MA jobs: each state's postings together weigh what the state's share of
OEWS Medical Assistant employment is (state_ma_employment, sql/marts/020_coverage.sql), among the
states that have both postings and an employment figure. States without postings are reported on the
coverage view, not imputed; postings with no state, or in a state without a figure, get no weight.

Within a state an employer counts for at most `employer_cap` postings (registry.toml [weighting]): an
employer with n > cap postings there gives each of them cap / n. A health system reposting one role
forty times is one employer's demand, not forty.

weight(posting in state s) = employer factor x (employment share of s) / (capped posting share of s)
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import duckdb

REGISTRY = Path(__file__).with_name("registry.toml")

DEFAULT_EMPLOYER_CAP = 5


def settings() -> dict[str, Any]:
    """The [weighting] table of registry.toml, with its defaults."""
    with open(REGISTRY, "rb") as source:
        table = tomllib.load(source).get("weighting", {})
    return {"employer_cap": float(table.get("employer_cap", DEFAULT_EMPLOYER_CAP))}


WEIGHTS_SQL = """
INSERT INTO posting_weights
WITH jobs AS (
    SELECT area_code AS state, employment FROM state_ma_employment WHERE area_code <> 'US' AND employment > 0
), eligible AS (
    SELECT p.posting_id, p.state, coalesce(lower(trim(p.employer)), '') AS employer
    FROM v_title_population p JOIN jobs j USING (state)
), capped AS (
    SELECT *, count(*) OVER (PARTITION BY state, employer) AS employer_postings,
           least(1.0, $cap / count(*) OVER (PARTITION BY state, employer)) AS employer_factor
    FROM eligible
), by_state AS (
    SELECT state, sum(employer_factor) AS capped_postings FROM capped GROUP BY state
), shares AS (
    SELECT b.state, j.employment / sum(j.employment) OVER () AS employment_share,
           b.capped_postings / sum(b.capped_postings) OVER () AS posting_share
    FROM by_state b JOIN jobs j USING (state)
)
SELECT c.posting_id, c.state, c.employer, c.employer_postings, c.employer_factor, s.employment_share,
       s.posting_share, c.employer_factor * s.employment_share / s.posting_share AS weight
FROM capped c JOIN shares s USING (state)
"""


def build(con: duckdb.DuckDBPyConnection, employer_cap: float | None = None) -> int:
    """Refill posting_weights in `con`; returns the number of weighted postings."""
    cap = settings()["employer_cap"] if employer_cap is None else float(employer_cap)
    con.execute("DELETE FROM posting_weights")
    con.execute(WEIGHTS_SQL, {"cap": cap})
    return con.execute("SELECT count(*) FROM posting_weights").fetchone()[0]
