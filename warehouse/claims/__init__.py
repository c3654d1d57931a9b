"""The career guide's claims, measured on the postings: registry.toml + one metric SQL per claim.

`refresh(con)` recomputes every claim inside a build (warehouse/load.py calls it before the swap;
`warehouse.load.refresh_claims(db)` rebuilds a warehouse around a fresh computation). Each result
carries the observed value, a 95% interval, n, the verdict and up to five example posting ids; and,
from the tagger's error measured on the held-out labelled postings (tagger_error.toml, tagger_error.py),
the corrected value, the interval with that error and the share of its width the error makes up.
Each claim is computed twice: raw (every unique posting once) and weighted to OEWS MA employment by
state with an employer cap (weighting.py); both readings carry their own interval and verdict.
"""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from warehouse.claims import tagger_error, verdicts, weighting

HERE = Path(__file__).parent
REGISTRY = HERE / "registry.toml"
METRICS = HERE / "metrics"


@dataclass(frozen=True)
class Claim:
    id: str
    claim: str
    guide_section: str
    kind: str
    metric: str
    min_n: int
    options: dict[str, Any] = field(default_factory=dict)

    @property
    def metric_sql(self) -> str:
        return (METRICS / f"{self.id}.sql").read_text(encoding="utf-8")


def registry() -> list[Claim]:
    """Every claim in registry.toml, in file order."""
    with open(REGISTRY, "rb") as source:
        entries = tomllib.load(source)["claim"]
    known = {"id", "claim", "guide_section", "kind", "metric", "min_n"}
    return [Claim(e["id"], e["claim"], e["guide_section"], e["kind"], e["metric"], int(e["min_n"]),
                  {k: v for k, v in e.items() if k not in known}) for e in entries]


def position(claim_id: str) -> int:
    """Where a claim stands in registry.toml (the guide's order); unknown ids come last."""
    order = {claim.id: number for number, claim in enumerate(registry())}
    return order.get(claim_id, len(order))


WEIGHTED_SCHEMA = [("weighted_observed", pa.float64()), ("weighted_ci_low", pa.float64()),
                   ("weighted_ci_high", pa.float64()), ("weighted_n", pa.int64()),
                   ("weighted_n_effective", pa.float64()), ("weighted_verdict", pa.string()),
                   ("weighted_corrected", pa.float64()), ("weighted_ci_low_with_error", pa.float64()),
                   ("weighted_ci_high_with_error", pa.float64())]


def _weighted_columns(weighted: verdicts.Result | None) -> dict[str, Any]:
    if weighted is None:
        return {name: None for name, _ in WEIGHTED_SCHEMA}
    return {"weighted_observed": weighted.observed, "weighted_ci_low": weighted.ci_low,
            "weighted_ci_high": weighted.ci_high, "weighted_n": weighted.n,
            "weighted_n_effective": weighted.detail.get("n_effective"), "weighted_verdict": weighted.verdict,
            "weighted_corrected": weighted.corrected, "weighted_ci_low_with_error": weighted.ci_low_with_error,
            "weighted_ci_high_with_error": weighted.ci_high_with_error}


def refresh(con: duckdb.DuckDBPyConnection, error_data: dict[str, Any] | None = None) -> int:
    """Recompute every claim inside a build; returns the number of results written.

    `error_data` is the tagger's measured error in the data file's shape (default: tagger_error.toml)."""
    from pipeline import TAGGER_VERSION

    if error_data is None:
        error_data = tagger_error.read()
    computed_at = datetime.now(timezone.utc).replace(tzinfo=None)
    weighting.build(con)
    claims, results, shown = [], [], set()
    for claim in registry():
        error = tagger_error.for_claim(claim.id, claim.options, error_data, TAGGER_VERSION)
        result = verdicts.evaluate(con, claim.kind, claim.metric_sql, claim.min_n, claim.options, error, shown)
        shown.update(result.examples)
        claims.append({"claim_id": claim.id, "claim": claim.claim, "guide_section": claim.guide_section,
                       "metric": claim.metric,
                       "rule": verdicts.describe(claim.kind, claim.min_n, claim.options), "min_n": claim.min_n,
                       "kind": claim.kind, "metric_sql": claim.metric_sql})
        results.append({"claim_id": claim.id, "computed_at": computed_at, "observed": result.observed,
                        "ci_low": result.ci_low, "ci_high": result.ci_high, "n": result.n,
                        "verdict": result.verdict, "example_posting_ids": result.examples,
                        "detail": json.dumps(result.detail), "corrected": result.corrected,
                        "ci_low_with_error": result.ci_low_with_error, "ci_high_with_error": result.ci_high_with_error,
                        "error_share": result.error_share, "error_model": error.model,
                        **_weighted_columns(result.weighted)})
    con.execute("DELETE FROM claims")
    con.execute("DELETE FROM claim_results")
    con.register("claim_rows", pa.Table.from_pylist(claims))
    con.execute("INSERT INTO claims BY NAME SELECT * FROM claim_rows")
    con.unregister("claim_rows")
    table = pa.Table.from_pylist(results, schema=pa.schema([
        ("claim_id", pa.string()), ("computed_at", pa.timestamp("us")), ("observed", pa.float64()),
        ("ci_low", pa.float64()), ("ci_high", pa.float64()), ("n", pa.int64()), ("verdict", pa.string()),
        ("example_posting_ids", pa.list_(pa.string())), ("detail", pa.string()), ("corrected", pa.float64()),
        ("ci_low_with_error", pa.float64()), ("ci_high_with_error", pa.float64()), ("error_share", pa.float64()),
        ("error_model", pa.string()), *WEIGHTED_SCHEMA]))
    con.register("result_rows", table)
    con.execute("INSERT INTO claim_results BY NAME SELECT * REPLACE (CAST(detail AS JSON) AS detail) FROM result_rows")
    con.unregister("result_rows")
    return len(results)
