"""Turn a claim metric's rows into an observed value, a 95% interval, n and a verdict; and, with the
tagger's measured error (tagger_error.py), a corrected value, an interval that includes that error, and
"inconclusive" where that interval reaches across a threshold the verdict depends on.

The row shape depends on the claim's kind (see registry.toml):
share (posting_id, hit), share_difference (posting_id, grp, hit), pay_difference (posting_id, grp, value),
pay_level (posting_id, value, reference), top_codes (posting_id, code).

Every claim is read twice (`evaluate`): raw, each posting counting once, and weighted, each posting
counting its post-stratification weight (posting_weights, warehouse/claims/weighting.py). The kinds
read a weight column `w` (1 for raw); a weighted interval uses Kish's effective sample size.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from warehouse.claims import statistics
from warehouse.claims.tagger_error import ClaimError
from warehouse.claims.units import format_interval, format_value

SUPPORTED, PARTLY, CONTRADICTED, TOO_LITTLE = "supported", "partly supported", "contradicted", "too little data"
INCONCLUSIVE = "inconclusive"
VERDICTS = (SUPPORTED, PARTLY, CONTRADICTED, INCONCLUSIVE, TOO_LITTLE)
UNMEASURED = ClaimError("unmeasured")
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
    corrected: float | None = None           # the observed value corrected for the tagger's error
    ci_low_with_error: float | None = None   # 95% interval with sampling and the tagger's error
    ci_high_with_error: float | None = None
    error_share: float | None = None         # the share of that interval's width from the tagger's error
    weighted: Result | None = None           # the same claim weighted to MA employment by state


def evaluate(con, kind: str, sql: str, min_n: int, options: dict[str, Any],
             error: ClaimError = UNMEASURED, shown: frozenset[str] | set[str] = frozenset()) -> Result:
    """Run the metric `sql` on `con` and read it by its kind, raw and weighted; aggregation happens in DuckDB.

    The metric runs once, into a temporary table that the kind's queries then read. Without a
    measured `error` the interval with error is the sampling interval and the detail says why.
    Example postings already `shown` for another claim are chosen only when no other will do.
    The weighted reading (`Result.weighted`) counts only postings with a weight in posting_weights.
    """
    con.execute(f"CREATE OR REPLACE TEMP TABLE claim_metric AS {sql.strip().rstrip(';')}")
    con.execute("CREATE OR REPLACE TEMP TABLE claim_examples_shown AS SELECT unnest(?::VARCHAR[]) AS posting_id",
                [sorted(shown)])
    try:
        result = _read(con, kind, "SELECT *, 1 AS w FROM claim_metric", min_n, options, error, weighted=False)
        weighted_sql = ("SELECT m.*, pw.weight AS w FROM claim_metric m JOIN posting_weights pw USING (posting_id) "
                        "WHERE pw.weight > 0")
        result.weighted = _read(con, kind, weighted_sql, min_n, options, error, weighted=True)
        result.weighted.examples = list(result.examples)
        postings, effective = con.execute(
            f"SELECT count(*), sum(w) * sum(w) / nullif(sum(w * w), 0) FROM "
            f"(SELECT posting_id, any_value(w) AS w FROM ({weighted_sql}) GROUP BY posting_id)").fetchone()
        result.weighted.n = postings
        result.weighted.detail["n_effective"] = effective
    finally:
        con.execute("DROP TABLE IF EXISTS claim_metric")
        con.execute("DROP TABLE IF EXISTS claim_examples_shown")
    return result


def _read(con, kind, sql, min_n, options, error, *, weighted: bool) -> Result:
    result = _KINDS[kind](con, sql, min_n, options, error, weighted)
    if result.ci_low_with_error is None:
        result.corrected, result.ci_low_with_error, result.ci_high_with_error = (
            result.observed, result.ci_low, result.ci_high)
    elif error.measured:
        result.error_share = statistics.error_share((result.ci_low, result.ci_high),
                                                    (result.ci_low_with_error, result.ci_high_with_error))
    result.detail["tagger_error"] = error.describe()
    return result


def _effective(total, total_squared) -> float:
    """Kish's effective sample size of weights with this sum and sum of squares (n when all are 1)."""
    return total * total / total_squared if total_squared else 0.0


def _across(low, high, thresholds: list[float]) -> list[float]:
    return [t for t in thresholds if low is not None and high is not None and low < t <= high]


def _inconclusive(result: Result, kind: str, thresholds: list[float]) -> None:
    """Make a measured verdict "inconclusive" when the tagger's error takes its interval across a
    threshold of its rule: one the interval with error reaches across and the sampling interval does not."""
    low, high = result.ci_low_with_error, result.ci_high_with_error
    if result.verdict == TOO_LITTLE:
        return
    crossed = sorted(set(_across(low, high, thresholds)) - set(_across(result.ci_low, result.ci_high, thresholds)))
    if crossed:
        result.verdict = INCONCLUSIVE
        result.detail["inconclusive_reason"] = (
            f"with the tagger's error the interval ({format_interval(kind, low, high)}) reaches across "
            f"{' and '.join(format_value(kind, t) for t in crossed)}, where the verdict changes")


# The verdict rule of each kind, in words: one row per kind, read by describe() (stored beside each
# claim), the methods page and docs/methods.md. Columns: supported, partly supported, contradicted.
RULES = {
    "share": ("share >= supported_at", "share >= partly_at", "share below partly_at"),
    "share_difference": ("the 95% interval of share(a) - share(b) lies above 0",
                         "the interval includes 0 and the difference is above 0",
                         "the interval lies below 0 (an interval that includes 0 with a difference at or below 0 "
                         "is inconclusive: the postings neither show the difference nor rule it out)"),
    "pay_difference": ("the 95% bootstrap interval of median hourly pay (a) - (b) lies above 0",
                       "the interval includes 0 and the difference is above 0",
                       "the interval lies below 0 (an interval that includes 0 with a difference at or below 0 "
                       "is inconclusive)"),
    "pay_level": ("the median posted hourly pay is within tolerance of the BLS figure, or the BLS figure is inside "
                  "its interval", "within 2 x tolerance", "further away"),
    "top_codes": ("every expected code ranks within the top len(expected) named", "at least half of them do",
                  "fewer do"),
}


def describe(kind: str, min_n: int, options: dict[str, Any]) -> str:
    """The rule in words, stored beside the claim."""
    tolerance = options.get("tolerance", 0.1)
    filled = {"supported_at": f"{options.get('supported_at')}", "partly_at": f"{options.get('partly_at')}",
              "2 x tolerance": f"{2 * tolerance:.0%}", "tolerance": f"{tolerance:.0%}",
              "len(expected)": f"{len(options.get('expected', []))}"}
    supported, partly, contradicted = RULES[kind]
    if kind == "top_codes":
        supported = supported.replace("every expected code ranks", "each of " + ", ".join(options.get("expected", [])) + " ranks")
    words = []
    for text in (supported, partly, contradicted):
        for name, value in filled.items():
            text = text.replace(name, value)
        words.append(text)
    return (f"supported when {words[0]}, partly supported when {words[1]}, contradicted when {words[2]}; "
            f"too little data below n = {min_n}; inconclusive when the tagger's measured error "
            f"takes the interval across a threshold of this rule that the sampling interval does not reach")


def _examples(con, sql, where, closest_to: float | None = None):
    """EXAMPLES posting ids of the metric rows matching `where`, spread over sources and employers.

    Taken in rounds: each round one posting from every source, each source going through its employers
    before it repeats one; postings another claim already shows come last. Within that order a fixed
    hash of the id decides (or, with `closest_to`, the value nearest it), so the choice is repeatable."""
    nearest = "h" if closest_to is None else f"abs(value - {float(closest_to)!r}), h"
    value = "NULL" if closest_to is None else "min(value)"
    return [row[0] for row in con.execute(f"""
        WITH matching AS (
            SELECT posting_id, {value} AS value, hash(posting_id) AS h FROM ({sql}) WHERE {where} GROUP BY posting_id
        ), placed AS (
            SELECT m.posting_id, m.value, m.h, coalesce(p.source, '') AS source, coalesce(p.employer, '') AS employer,
                   m.posting_id IN (SELECT posting_id FROM claim_examples_shown) AS shown
            FROM matching m LEFT JOIN postings p USING (posting_id)
        ), ranked AS (
            SELECT *, row_number() OVER (PARTITION BY shown, source, employer ORDER BY {nearest}) AS employer_turn
            FROM placed
        )
        SELECT posting_id FROM (
            SELECT *, row_number() OVER (PARTITION BY shown, source ORDER BY employer_turn, {nearest}) AS source_turn
            FROM ranked)
        ORDER BY shown, source_turn, {nearest}, posting_id LIMIT {EXAMPLES}""").fetchall()]


def _share_band(value, options):
    return SUPPORTED if value >= options["supported_at"] else PARTLY if value >= options["partly_at"] else CONTRADICTED


def _share(con, sql, min_n, options, error, weighted=False):
    count, total, total_squared, weighted_hits = con.execute(
        f"SELECT count(*), sum(w), sum(w * w), coalesce(sum(w) FILTER (hit), 0) FROM ({sql})").fetchone()
    examples = [] if weighted else _examples(con, sql, "hit")
    if weighted:  # the hits among the effective postings
        n = _effective(total, total_squared)
        hits = weighted_hits * n / total if total else 0
    else:
        n, hits = count, int(weighted_hits)
    low, high = statistics.wilson(hits, n)
    observed = weighted_hits / total if total else None
    result = Result(observed, low, high, count, TOO_LITTLE, list(examples), {"hits": hits})
    if not error.measured or not n:
        result.verdict = TOO_LITTLE if n < min_n else _share_band(observed, options)
        return result
    rates = error.misclassification()
    result.corrected = statistics.rogan_gladen(observed, rates.sensitivity or 1.0, rates.specificity or 1.0)
    result.ci_low_with_error, result.ci_high_with_error, undefined = statistics.share_with_error(hits, n, rates)
    result.detail["undefined_draws"] = undefined
    point = observed if np.isnan(result.corrected) else result.corrected
    result.verdict = TOO_LITTLE if n < min_n else _share_band(point, options)
    _inconclusive(result, "share", [options["supported_at"], options["partly_at"]])
    return result


def _difference_verdict(kind, observed, low, high, n_a, n_b, min_n):
    """The difference rule (RULES): the verdict, and why when it is inconclusive."""
    if min(n_a, n_b) < min_n:
        return TOO_LITTLE, None
    if low > 0:
        return SUPPORTED, None
    if high < 0:
        return CONTRADICTED, None
    if observed > 0:
        return PARTLY, None
    return INCONCLUSIVE, (f"the 95% interval ({format_interval(kind, low, high)}) includes 0: the postings neither "
                          "show the difference the guide claims nor rule it out")


def _difference_result(kind, observed, low, high, n, n_a, n_b, min_n, examples, detail) -> Result:
    verdict, reason = _difference_verdict(kind, observed, low, high, n_a, n_b, min_n)
    if reason:
        detail["inconclusive_reason"] = reason
    return Result(observed, low, high, n, verdict, list(examples), detail)


def _group_counts(con, sql, group, weighted):
    """(n, hits) of a group: postings and hits, or for weights the effective n and hits in it."""
    total, total_squared, weighted_hits = con.execute(
        f"SELECT sum(w), sum(w * w), coalesce(sum(w) FILTER (hit), 0) FROM ({sql}) WHERE grp = '{group}'").fetchone()
    if not total:
        return 0, 0
    if not weighted:
        return int(total), int(weighted_hits)
    n = _effective(total, total_squared)
    return n, weighted_hits * n / total


def _share_difference(con, sql, min_n, options, error, weighted=False):
    (n_a, hits_a), (n_b, hits_b) = _group_counts(con, sql, "a", weighted), _group_counts(con, sql, "b", weighted)
    examples = [] if weighted else _examples(con, sql, "grp = 'a' AND hit")
    observed = hits_a / n_a - hits_b / n_b if n_a and n_b else None
    low, high = statistics.newcombe(hits_a, n_a, hits_b, n_b)
    detail = {"n_a": n_a, "n_b": n_b, "share_a": hits_a / n_a if n_a else None,
              "share_b": hits_b / n_b if n_b else None}
    if not (n_a and n_b):
        return Result(observed, low, high, n_a + n_b, TOO_LITTLE, list(examples), detail)
    result = _difference_result("share_difference", observed, low, high, n_a + n_b, n_a, n_b, min_n, examples, detail)
    if error.measured and n_a and n_b:
        rates = error.misclassification()
        se, sp = rates.sensitivity or 1.0, rates.specificity or 1.0
        result.corrected = statistics.rogan_gladen(hits_a / n_a, se, sp) - statistics.rogan_gladen(hits_b / n_b, se, sp)
        result.ci_low_with_error, result.ci_high_with_error = statistics.share_difference_with_error(
            hits_a, n_a, hits_b, n_b, rates)
        _inconclusive(result, "share_difference", [0.0])
    return result


def _values(con, sql, group=None, weighted=False):
    """The distinct values (sorted) and how many postings have each: pay has few distinct values.
    Weighted: each value's summed weight, and the sample's effective size."""
    where = "" if group is None else f"AND grp = '{group}'"
    data = con.execute(f"SELECT value, count(*) AS n, sum(w)::DOUBLE AS weight, sum(w * w)::DOUBLE AS squared "
                       f"FROM ({sql}) WHERE value IS NOT NULL {where} GROUP BY value ORDER BY value").fetchnumpy()
    values = np.asarray(data["value"], dtype=float)
    if not weighted:
        return statistics.Sample(values, np.asarray(data["n"], dtype=np.int64))
    weights = np.asarray(data["weight"], dtype=float)
    return statistics.Sample(values, weights, _effective(weights.sum(), np.asarray(data["squared"]).sum()))


def _pay_difference(con, sql, min_n, options, error, weighted=False):
    a, b = _values(con, sql, "a", weighted), _values(con, sql, "b", weighted)
    n = con.execute(f"SELECT count(*) FROM ({sql})").fetchone()[0]
    examples = [] if weighted else _examples(con, sql, "grp = 'a'")
    detail = {"n_a": a.n, "n_b": b.n}
    if a.n == 0 or b.n == 0:
        return Result(None, None, None, n, TOO_LITTLE, [], detail)
    observed = a.median() - b.median()
    low, high = statistics.bootstrap_median_difference(a, b)
    detail.update(median_a=a.median(), median_b=b.median())
    result = _difference_result("pay_difference", observed, low, high, n, a.n, b.n, min_n, examples, detail)
    if error.measured:
        rate = error.wrong_rate()
        (down_a, up_a), (down_b, up_b) = statistics.median_shift(a, rate), statistics.median_shift(b, rate)
        result.corrected = observed
        result.ci_low_with_error, result.ci_high_with_error = low - down_a - up_b, high + up_a + down_b
        _inconclusive(result, "pay_difference", [0.0])
    return result


def _pay_level(con, sql, min_n, options, error, weighted=False):
    values = _values(con, sql, weighted=weighted)
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
    examples = [] if weighted else _examples(con, sql, "value IS NOT NULL", closest_to=observed)
    result = Result(observed, low, high, values.n, verdict, examples, {"reference": reference, "gap": gap})
    if error.measured and gap is not None:
        down, up = statistics.median_shift(values, error.wrong_rate())
        result.corrected, result.ci_low_with_error, result.ci_high_with_error = observed, low - down, high + up
        _inconclusive(result, "pay_level", [reference * (1 + sign * k * tolerance) for sign in (-1, 1) for k in (1, 2)])
    return result


def _ranking_verdict(counts: dict[str, float], expected: list[str]) -> tuple[str, int]:
    """The top_codes verdict from each code's count: how many expected codes rank in the top len(expected)."""
    ranking = [code for code, _ in sorted(counts.items(), key=lambda item: (-item[1], item[0]))]
    top = set(ranking[:len(expected)])
    in_top = sum(1 for code in expected if code in top)
    return (SUPPORTED if in_top == len(expected) else PARTLY if in_top * 2 >= len(expected) else CONTRADICTED), in_top


def _top_codes(con, sql, min_n, options, error, weighted=False):
    expected = list(options["expected"])
    if weighted:  # a code's count is the summed weight of the postings naming it
        counts = dict(con.execute(f"SELECT code, sum(w) FROM (SELECT DISTINCT posting_id, code, w FROM ({sql})) "
                                  f"GROUP BY code").fetchall())
        total, total_squared, weighted_hits = con.execute(
            f"SELECT sum(w), sum(w * w), coalesce(sum(w) FILTER (hit), 0) FROM (SELECT posting_id, any_value(w) AS w, "
            f"bool_or(code IN (SELECT unnest(?))) AS hit FROM ({sql}) GROUP BY posting_id)", [expected]).fetchone()
        n = _effective(total, total_squared) if total else 0
        hits = weighted_hits * n / total if total else 0
    else:
        counts = dict(con.execute(f"SELECT code, count(DISTINCT posting_id) FROM ({sql}) GROUP BY code").fetchall())
        n, hits = con.execute(
            f"SELECT count(DISTINCT posting_id), count(DISTINCT posting_id) FILTER (code IN (SELECT unnest(?))) "
            f"FROM ({sql})", [expected]).fetchone()
        total = n
    listed = ", ".join("'" + code.replace("'", "''") + "'" for code in expected) or "NULL"
    examples = [] if weighted else _examples(con, sql, f"code IN ({listed})")
    ranking = [code for code, _ in sorted(counts.items(), key=lambda item: (-item[1], item[0]))]
    low, high = statistics.wilson(hits, n)
    verdict, in_top = _ranking_verdict(counts, expected)
    detail = {"ranking": [{"code": code, "postings": counts[code], "share": counts[code] / total}
                          for code in ranking[:15]],
              "expected_in_top": in_top}
    result = Result(hits / n if n else None, low, high, n, TOO_LITTLE if n < min_n else verdict, list(examples), detail)
    if error.measured and n:
        rates = error.misclassification()
        result.corrected = statistics.rogan_gladen(result.observed, rates.sensitivity or 1.0, rates.specificity or 1.0)
        result.ci_low_with_error, result.ci_high_with_error, _ = statistics.share_with_error(hits, n, rates)
        precision_low, recall_low = error.code_bounds()
        bounds = {code: statistics.count_bounds(count, precision_low, recall_low) for code, count in counts.items()}
        worst, worst_in_top = _ranking_verdict(
            {code: bounds[code][0 if code in expected else 1] for code in counts}, expected)
        best, best_in_top = _ranking_verdict(
            {code: bounds[code][1 if code in expected else 0] for code in counts}, expected)
        if result.verdict != TOO_LITTLE and worst != best:
            result.verdict = INCONCLUSIVE
            result.detail["inconclusive_reason"] = (
                f"within the tagger's code precision (at least {precision_low:.0%}) and recall (at least "
                f"{recall_low:.0%}) between {worst_in_top} and {best_in_top} of the {len(expected)} expected codes "
                f"rank in the top {len(expected)}")
    return result


_KINDS = {"share": _share, "share_difference": _share_difference, "pay_difference": _pay_difference,
          "pay_level": _pay_level, "top_codes": _top_codes}
