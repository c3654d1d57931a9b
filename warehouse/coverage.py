"""What the last crawl collected, per source and per state, for `ma-demand sources` (the CLI's top
layer prints it under the source registry; crawler/ never reads the warehouse).

The last crawl is each spider's latest run in crawl_runs; a posting counts when that run saw it
(posting_sightings). Per state it counts unique MA postings and sets them beside OEWS MA employment
(v_coverage_by_state, sql/marts/020_coverage.sql).
"""

from __future__ import annotations

import os

from warehouse import reader

LAST_RUNS = """
    SELECT run_id, spider, started_at FROM crawl_runs
    QUALIFY row_number() OVER (PARTITION BY spider ORDER BY started_at DESC NULLS LAST, run_id DESC) = 1
"""

BY_SOURCE = f"""
    WITH last_runs AS ({LAST_RUNS}),
    seen AS (SELECT DISTINCT s.posting_id FROM posting_sightings s JOIN last_runs USING (run_id))
    SELECT p.source, count(*) AS postings, count(*) FILTER (p.is_ma) AS ma_postings,
           count(*) FILTER (p.is_ma AND p.is_canonical) AS unique_ma_postings
    FROM postings p JOIN seen USING (posting_id)
    GROUP BY p.source ORDER BY unique_ma_postings DESC, p.source
"""

BY_STATE = f"""
    WITH last_runs AS ({LAST_RUNS}),
    seen AS (SELECT DISTINCT s.posting_id FROM posting_sightings s JOIN last_runs USING (run_id)),
    counted AS (
        SELECT coalesce(p.state, '(none)') AS state, count(*) AS unique_ma_postings
        FROM postings p JOIN seen USING (posting_id) WHERE p.is_ma AND p.is_canonical GROUP BY 1
    )
    SELECT c.state, c.unique_ma_postings, v.ma_jobs,
           CASE WHEN v.ma_jobs > 0 THEN 1000.0 * c.unique_ma_postings / v.ma_jobs END AS postings_per_1000_ma_jobs
    FROM counted c LEFT JOIN v_coverage_by_state v USING (state)
    ORDER BY c.unique_ma_postings DESC, c.state
"""


def last_crawl(db: str | os.PathLike[str]) -> tuple[list[tuple], list[tuple]]:
    """(rows per source, rows per state) of the last crawl."""
    with reader.connect(db) as con:
        return con.execute(BY_SOURCE).fetchall(), con.execute(BY_STATE).fetchall()


def render(by_source: list[tuple], by_state: list[tuple]) -> list[str]:
    """The two tables as lines of text."""
    if not by_source:
        return ["the warehouse holds no crawl yet: run `ma-demand crawl`, then `ma-demand load`"]
    lines = ["postings per source in the last crawl (each spider's latest run):",
             f"  {'source':18} {'postings':>9} {'MA':>7} {'unique MA':>10}"]
    lines += [f"  {source:18} {total:>9,} {ma:>7,} {unique:>10,}" for source, total, ma, unique in by_source]
    lines += ["", "unique MA postings per state in the last crawl, beside OEWS MA employment:",
              f"  {'state':7} {'unique MA':>10} {'MA jobs':>9} {'per 1,000 MA jobs':>18}"]
    for state, unique, jobs, ratio in by_state:
        jobs_text = "unknown" if jobs is None else f"{jobs:,.0f}"
        ratio_text = "no OEWS figure" if ratio is None else f"{ratio:.2f}"
        lines.append(f"  {state:7} {unique:>10,} {jobs_text:>9} {ratio_text:>18}")
    return lines
