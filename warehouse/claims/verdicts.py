"""Turn a claim metric's rows into an observed value, a 95% interval, n and a verdict.

The row shape depends on the claim's kind (see registry.toml):
share (posting_id, hit), share_difference (posting_id, grp, hit), pay_difference (posting_id, grp, value),
pay_level (posting_id, value, reference), top_codes (posting_id, code).
"""

from __future__ import annotations

from collections import Counter
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


def evaluate(kind: str, rows: list[tuple], min_n: int, options: dict[str, Any]) -> Result:
    return _KINDS[kind](rows, min_n, options)


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


def _share(rows, min_n, options):
    n = len(rows)
    hits = [row[0] for row in rows if row[1]]
    low, high = statistics.wilson(len(hits), n)
    observed = len(hits) / n if n else None
    verdict = TOO_LITTLE if n < min_n else (
        SUPPORTED if observed >= options["supported_at"] else PARTLY if observed >= options["partly_at"] else CONTRADICTED)
    return Result(observed, low, high, n, verdict, sorted(hits)[:EXAMPLES], {"hits": len(hits)})


def _difference_verdict(observed, low, n_a, n_b, min_n):
    if min(n_a, n_b) < min_n:
        return TOO_LITTLE
    return SUPPORTED if low is not None and low > 0 else PARTLY if observed > 0 else CONTRADICTED


def _share_difference(rows, min_n, options):
    a = [row for row in rows if row[1] == "a"]
    b = [row for row in rows if row[1] == "b"]
    hits_a, hits_b = sum(1 for row in a if row[2]), sum(1 for row in b if row[2])
    observed = hits_a / len(a) - hits_b / len(b) if a and b else None
    low, high = statistics.newcombe(hits_a, len(a), hits_b, len(b))
    verdict = _difference_verdict(observed, low, len(a), len(b), min_n)
    examples = sorted(row[0] for row in a if row[2])[:EXAMPLES]
    detail = {"n_a": len(a), "n_b": len(b), "share_a": hits_a / len(a) if a else None,
              "share_b": hits_b / len(b) if b else None}
    return Result(observed, low, high, len(rows), verdict, examples, detail)


def _pay_difference(rows, min_n, options):
    a = np.array([row[2] for row in rows if row[1] == "a" and row[2] is not None], dtype=float)
    b = np.array([row[2] for row in rows if row[1] == "b" and row[2] is not None], dtype=float)
    detail = {"n_a": int(len(a)), "n_b": int(len(b))}
    if len(a) == 0 or len(b) == 0:
        return Result(None, None, None, len(rows), TOO_LITTLE, [], detail)
    observed = float(np.median(a) - np.median(b))
    low, high = statistics.bootstrap_median_difference(a, b)
    detail.update(median_a=float(np.median(a)), median_b=float(np.median(b)))
    examples = sorted(row[0] for row in rows if row[1] == "a")[:EXAMPLES]
    return Result(observed, low, high, len(rows), _difference_verdict(observed, low, len(a), len(b), min_n),
                  examples, detail)


def _pay_level(rows, min_n, options):
    values = np.array([row[1] for row in rows if row[1] is not None], dtype=float)
    reference = next((row[2] for row in rows if row[2] is not None), None)
    if len(values) == 0:
        return Result(None, None, None, 0, TOO_LITTLE, [], {"reference": reference})
    observed = float(np.median(values))
    low, high = statistics.bootstrap_median(values)
    tolerance = options.get("tolerance", 0.1)
    gap = abs(observed / reference - 1) if reference else None
    if len(values) < min_n or gap is None:
        verdict = TOO_LITTLE
    elif gap <= tolerance or low <= reference <= high:
        verdict = SUPPORTED
    else:
        verdict = PARTLY if gap <= 2 * tolerance else CONTRADICTED
    examples = [row[0] for row in sorted(rows, key=lambda row: abs((row[1] or 0) - observed))[:EXAMPLES]]
    return Result(observed, low, high, len(values), verdict, examples, {"reference": reference, "gap": gap})


def _top_codes(rows, min_n, options):
    expected = list(options["expected"])
    postings: dict[str, set[str]] = {}
    for posting_id, code in rows:
        postings.setdefault(posting_id, set()).add(code)
    n = len(postings)
    counts = Counter(code for codes in postings.values() for code in codes)
    ranking = [code for code, _ in sorted(counts.items(), key=lambda item: (-item[1], item[0]))]
    hits = sorted(p for p, codes in postings.items() if codes & set(expected))
    low, high = statistics.wilson(len(hits), n)
    top = set(ranking[:len(expected)])
    in_top = sum(1 for code in expected if code in top)
    if n < min_n:
        verdict = TOO_LITTLE
    else:
        verdict = SUPPORTED if in_top == len(expected) else PARTLY if in_top * 2 >= len(expected) else CONTRADICTED
    detail = {"ranking": [{"code": code, "postings": counts[code], "share": counts[code] / n} for code in ranking[:15]],
              "expected_in_top": in_top}
    return Result(len(hits) / n if n else None, low, high, n, verdict, hits[:EXAMPLES], detail)


_KINDS = {"share": _share, "share_difference": _share_difference, "pay_difference": _pay_difference,
          "pay_level": _pay_level, "top_codes": _top_codes}
