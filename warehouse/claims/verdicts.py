"""Turn a claim metric's rows into an observed value, a 95% interval, n and a verdict.

The row shape depends on the claim's kind (see registry.toml):
share (posting_id, hit), share_difference (posting_id, grp, hit), pay_difference (posting_id, grp, value),
pay_level (posting_id, value, reference), top_codes (posting_id, code).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from warehouse.claims import statistics

SUPPORTED, PARTLY, CONTRADICTED, TOO_LITTLE = "supported", "partly supported", "contradicted", "too little data"
EXAMPLES = 5


@dataclass
class Result:
    observed: float | None
    ci_low: float | None
    ci_high: float | None
    n: int
    verdict: str
    examples: list[str]
    detail: dict[str, Any] = field(default_factory=dict)


def evaluate(con, kind: str, sql: str, min_n: int, options: dict[str, Any]) -> Result:
    """Run the metric `sql` on `con` and read it by its kind; aggregation happens in DuckDB.

    The metric runs once, into a temporary table that the kind's queries then read.
    """
    con.execute(f"CREATE OR REPLACE TEMP TABLE claim_metric AS {sql.strip().rstrip(';')}")
    try:
        return _KINDS[kind](con, "SELECT * FROM claim_metric", min_n, options)
    finally:
        con.execute("DROP TABLE IF EXISTS claim_metric")


def describe(kind: str, min_n: int, options: dict[str, Any]) -> str:
    """The rule in words, stored beside the claim."""
    rules = {
        "share": f"supported when the share is >= {options.get('supported_at')}, partly supported when >= "
                 f"{options.get('partly_at')}, else contradicted",
        "share_difference": "supported when the 95% interval of share(a) - share(b) lies above 0, partly supported "
                            "when the difference is above 0, else contradicted",
        "pay_difference": "supported when the 95% bootstrap interval of median hourly pay (a) - (b) lies above 0, "
                          "partly supported when the difference is above 0, else contradicted",
        "pay_level": f"supported when the median posted hourly pay is within {options.get('tolerance', 0.1):.0%} of "
                     f"the BLS figure, partly supported within {2 * options.get('tolerance', 0.1):.0%}, else contradicted",
        "top_codes": f"supported when {', '.join(options.get('expected', []))} all rank within the top "
                     f"{len(options.get('expected', []))} named, partly supported when at least half do, else contradicted",
    }
    return f"{rules[kind]}; too little data below n = {min_n}"


def _examples(con, sql, where):
    """The first EXAMPLES posting ids (in id order) of the metric rows matching `where`."""
    return [row[0] for row in con.execute(
        f"SELECT DISTINCT posting_id FROM ({sql}) WHERE {where} ORDER BY posting_id LIMIT {EXAMPLES}").fetchall()]


def _share(con, sql, min_n, options):
    n, hits = con.execute(f"SELECT count(*), count(*) FILTER (hit) FROM ({sql})").fetchone()
    examples = _examples(con, sql, "hit")
    low, high = statistics.wilson(hits, n)
    observed = hits / n if n else None
    verdict = TOO_LITTLE if n < min_n else (
        SUPPORTED if observed >= options["supported_at"] else PARTLY if observed >= options["partly_at"] else CONTRADICTED)
    return Result(observed, low, high, n, verdict, list(examples), {"hits": hits})


def _difference_verdict(observed, low, n_a, n_b, min_n):
    if min(n_a, n_b) < min_n:
        return TOO_LITTLE
    return SUPPORTED if low is not None and low > 0 else PARTLY if observed > 0 else CONTRADICTED


def _share_difference(con, sql, min_n, options):
    n_a, hits_a, n_b, hits_b = con.execute(
        f"SELECT count(*) FILTER (grp = 'a'), count(*) FILTER (grp = 'a' AND hit), count(*) FILTER (grp = 'b'), "
        f"count(*) FILTER (grp = 'b' AND hit) FROM ({sql})").fetchone()
    examples = _examples(con, sql, "grp = 'a' AND hit")
    observed = hits_a / n_a - hits_b / n_b if n_a and n_b else None
    low, high = statistics.newcombe(hits_a, n_a, hits_b, n_b)
    verdict = _difference_verdict(observed, low, n_a, n_b, min_n)
    detail = {"n_a": n_a, "n_b": n_b, "share_a": hits_a / n_a if n_a else None,
              "share_b": hits_b / n_b if n_b else None}
    return Result(observed, low, high, n_a + n_b, verdict, list(examples), detail)


def _values(con, sql, group=None):
    """The distinct values (sorted) and how many postings have each: pay has few distinct values."""
    where = "" if group is None else f"AND grp = '{group}'"
    data = con.execute(f"SELECT value, count(*) AS n FROM ({sql}) WHERE value IS NOT NULL {where} "
                       f"GROUP BY value ORDER BY value").fetchnumpy()
    return statistics.Sample(np.asarray(data["value"], dtype=float), np.asarray(data["n"], dtype=np.int64))


def _pay_difference(con, sql, min_n, options):
    a, b = _values(con, sql, "a"), _values(con, sql, "b")
    n = con.execute(f"SELECT count(*) FROM ({sql})").fetchone()[0]
    examples = _examples(con, sql, "grp = 'a'")
    detail = {"n_a": a.n, "n_b": b.n}
    if a.n == 0 or b.n == 0:
        return Result(None, None, None, n, TOO_LITTLE, [], detail)
    observed = a.median() - b.median()
    low, high = statistics.bootstrap_median_difference(a, b)
    detail.update(median_a=a.median(), median_b=b.median())
    return Result(observed, low, high, n, _difference_verdict(observed, low, a.n, b.n, min_n),
                  list(examples), detail)


def _pay_level(con, sql, min_n, options):
    values = _values(con, sql)
    reference = con.execute(f"SELECT any_value(reference) FROM ({sql})").fetchone()[0]
    if values.n == 0:
        return Result(None, None, None, 0, TOO_LITTLE, [], {"reference": reference})
    observed = values.median()
    low, high = statistics.bootstrap_median(values)
    tolerance = options.get("tolerance", 0.1)
    gap = abs(observed / reference - 1) if reference else None
    if values.n < min_n or gap is None:
        verdict = TOO_LITTLE
    elif gap <= tolerance or low <= reference <= high:
        verdict = SUPPORTED
    else:
        verdict = PARTLY if gap <= 2 * tolerance else CONTRADICTED
    examples = [row[0] for row in con.execute(
        f"SELECT posting_id FROM ({sql}) WHERE value IS NOT NULL ORDER BY abs(value - ?), posting_id LIMIT {EXAMPLES}",
        [observed]).fetchall()]
    return Result(observed, low, high, values.n, verdict, examples, {"reference": reference, "gap": gap})


def _top_codes(con, sql, min_n, options):
    expected = list(options["expected"])
    counts = dict(con.execute(f"SELECT code, count(DISTINCT posting_id) FROM ({sql}) GROUP BY code").fetchall())
    n, hits = con.execute(
        f"SELECT count(DISTINCT posting_id), count(DISTINCT posting_id) FILTER (code IN (SELECT unnest(?))) "
        f"FROM ({sql})", [expected]).fetchone()
    listed = ", ".join("'" + code.replace("'", "''") + "'" for code in expected) or "NULL"
    examples = _examples(con, sql, f"code IN ({listed})")
    ranking = [code for code, _ in sorted(counts.items(), key=lambda item: (-item[1], item[0]))]
    low, high = statistics.wilson(hits, n)
    top = set(ranking[:len(expected)])
    in_top = sum(1 for code in expected if code in top)
    if n < min_n:
        verdict = TOO_LITTLE
    else:
        verdict = SUPPORTED if in_top == len(expected) else PARTLY if in_top * 2 >= len(expected) else CONTRADICTED
    detail = {"ranking": [{"code": code, "postings": counts[code], "share": counts[code] / n} for code in ranking[:15]],
              "expected_in_top": in_top}
    return Result(hits / n if n else None, low, high, n, verdict, list(examples), detail)


_KINDS = {"share": _share, "share_difference": _share_difference, "pay_difference": _pay_difference,
          "pay_level": _pay_level, "top_codes": _top_codes}
