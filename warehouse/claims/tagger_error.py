"""The tagger's measured error, as the claims read it: warehouse/claims/tagger_error.toml.

The file holds counts only (measured on the held-out labelled postings by
`python -m benchmarks.tagger_error --write`); the rates and their intervals are derived here and in
statistics.py. The warehouse never reads tests/ at run time: this file is what crosses over.
"""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from warehouse.claims import statistics

DATA_FILE = Path(__file__).with_name("tagger_error.toml")
HEADER = """\
# The tagger's error per claim, counted on the held-out labelled postings (tests/pipeline/heldout/).
# Written by `.venv/bin/python -m benchmarks.tagger_error --write`: do not edit by hand.
# tests/warehouse/test_tagger_error.py fails when it no longer matches what that command computes now.
# Models (registry.toml `error_model`, docs/methods.md): misclassification counts the claim's per-posting
# hit by tags vs by labels on postings in both populations; code_detection adds code-level counts;
# pay_parse counts postings whose pay value differs; unmeasured claims have no entry counts.
"""


def _value(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False) if not isinstance(value, bool) else str(value).lower()


def to_toml(data: dict[str, Any]) -> str:
    """`data` (flat keys, then `fields` and `claims` tables of scalars) as the data file's text."""
    lines = [HEADER]
    lines += [f"{key} = {_value(value)}" for key, value in data.items() if not isinstance(value, dict)]
    for table in ("fields", "claims"):
        for name, entry in data.get(table, {}).items():
            lines += ["", f"[{table}.{name}]"] + [f"{key} = {_value(value)}" for key, value in entry.items()]
    return "\n".join(lines) + "\n"


def read(path: Path = DATA_FILE) -> dict[str, Any] | None:
    """The data file's contents, or None when there is none."""
    if not path.exists():
        return None
    with open(path, "rb") as source:
        return tomllib.load(source)


def field_accuracy(data: dict[str, Any] | None) -> list[dict[str, Any]]:
    """One row per tag field: precision and recall (set fields) or accuracy, and the held-out n."""
    rows = []
    for name, counts in (data or {}).get("fields", {}).items():
        if "total" in counts:
            rows.append({"field": name, "precision": None, "recall": None,
                         "accuracy": counts["right"] / counts["total"] if counts["total"] else None,
                         "n": counts["total"]})
        else:
            tp, fp, fn = counts["true_positive"], counts["false_positive"], counts["false_negative"]
            rows.append({"field": name, "precision": tp / (tp + fp) if tp + fp else None,
                         "recall": tp / (tp + fn) if tp + fn else None, "accuracy": None, "n": tp + fn})
    return rows


@dataclass(frozen=True)
class ClaimError:
    """A claim's error model (registry.toml) and its held-out counts (the data file)."""

    model: str
    counts: dict[str, int] | None = None
    note: str | None = None
    stale: str | None = None

    @property
    def measured(self) -> bool:
        return self.model != "unmeasured" and self.counts is not None

    def misclassification(self) -> statistics.Misclassification:
        names = ("true_positive", "false_negative", "true_negative", "false_positive", "in_both", "tags_only")
        return statistics.Misclassification(*(int(self.counts.get(name, 0)) for name in names))

    def wrong_rate(self) -> float:
        """The 95% upper bound (Wilson) of the share of values the tagger gets wrong."""
        values, wrong = int(self.counts["values"]), int(self.counts["wrong"])
        return statistics.wilson(wrong, values)[1] if values else 1.0

    def code_bounds(self) -> tuple[float, float]:
        """The 95% lower bounds (Wilson) of code-level precision and recall."""
        tp = int(self.counts["code_true_positive"])
        precision = statistics.wilson(tp, tp + int(self.counts["code_false_positive"]))[0]
        recall = statistics.wilson(tp, tp + int(self.counts["code_false_negative"]))[0]
        return (1.0 if precision is None else precision), (1.0 if recall is None else recall)

    def describe(self) -> dict[str, Any]:
        """What the claim's detail says about the tagger's error."""
        described: dict[str, Any] = {"model": self.model, "measured": self.measured}
        if self.counts:
            described["counts"] = dict(self.counts)
        if self.measured and self.model in ("misclassification", "code_detection"):
            rates = self.misclassification()
            described.update(sensitivity=rates.sensitivity, specificity=rates.specificity, inclusion=rates.inclusion)
        if self.measured and self.model == "pay_parse":
            described["wrong_rate_high"] = self.wrong_rate()
        if self.measured and self.model == "code_detection":
            described["code_precision_low"], described["code_recall_low"] = self.code_bounds()
        for key in ("note", "stale"):
            if getattr(self, key):
                described[key] = getattr(self, key)
        return described


def for_claim(claim_id: str, options: dict[str, Any], data: dict[str, Any] | None,
              tagger_version: str) -> ClaimError:
    """The error a claim's interval takes in: its registry model with the data file's counts."""
    model = options.get("error_model", "unmeasured")
    note = options.get("error_note")
    if data is None:
        return ClaimError(model, None, note or f"{DATA_FILE.name} is missing: the tagger's error is not included")
    counts = data.get("claims", {}).get(claim_id)
    if model != "unmeasured" and (counts is None or counts.get("model") != model):
        return ClaimError(model, None, note or f"{DATA_FILE.name} has no {model} counts for this claim: "
                                               "run `python -m benchmarks.tagger_error --write`")
    stale = None
    if data.get("tagger_version") != tagger_version:
        stale = (f"measured on tagger {data.get('tagger_version')}, the current tagger is {tagger_version}: "
                 "run `python -m benchmarks.tagger_error --write`")
    counts = None if counts is None else {key: value for key, value in counts.items() if key != "model"}
    return ClaimError(model, counts or None, note, stale)
