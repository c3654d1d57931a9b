"""The tagger's error per claim, measured on the held-out labelled postings (tests/pipeline/heldout/).

Each labelled posting is loaded twice into a real warehouse: once with the tagger's tags, once with
its hand labels in place of the fields the held-out set labels (fields it does not label keep the
tagger's value). Every claim's own metric SQL then runs on both warehouses, and the per-posting
results are compared by the claim's error model (registry.toml, `error_model`):

  misclassification  share claims: the confusion counts of `hit` on postings in the population of both
  code_detection     top_codes claims: the same for "names an expected code", and code-level
                     true/false positives and false negatives among the claim's codes
  pay_parse          pay claims: postings whose value (and group) differs, or is in one warehouse only
  unmeasured         the claim's fields are not labelled; nothing is counted

The counts (never tuned on: the set is held out) go to warehouse/claims/tagger_error.toml with the
tagger version, which the claims read at every refresh.
Run: .venv/bin/python -m benchmarks.tagger_error [--write]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
from pathlib import Path

import duckdb

from benchmarks.tagger_accuracy import load_labelled, score
from pipeline import TAGGER_VERSION, tag
from pipeline.text import html_to_text
from warehouse import claims, load
from warehouse.claims import tagger_error

HELDOUT = Path(__file__).resolve().parent.parent / "tests" / "pipeline" / "heldout"
RUN_ID = "heldout-20260101T000000Z-000000"
# The held-out set's labels and the tag field each one stands for.
LABELLED_FIELDS = ("is_ma", "certifications", "ehr", "pay", "seniority", "experience_years_min", "experience_band",
                   "specialty", "languages", "education")


def labelled_tags(expect: dict, tagged: dict) -> dict:
    """The tagger's tags with every labelled field replaced by its hand label."""
    tags = dict(tagged)
    tags["is_ma"] = expect["is_ma"]
    tags["certifications"] = [
        {"code": code, "requirement": level.split("/")[0],
         "within_months": float(level.split("/")[1]) if "/" in level else None}
        for code, level in expect["certifications"].items()]
    tags["ehr"] = list(expect["ehr"])
    low, high = expect["pay"] if expect["pay"] else (None, None)
    tags["pay"] = None if expect["pay"] is None else {
        "min": low, "max": high, "period": "hour", "currency": "USD", "hourly_min": low, "hourly_max": high,
        "source": "text"}
    tags["seniority"] = expect["seniority"]
    tags["experience_years_min"] = expect["experience_years"]
    tags["experience_band"] = expect["experience_band"]
    tags["specialty"] = expect["specialty"]
    tags["languages"] = list(expect["languages"])
    tags["education"] = expect["education"]
    return tags


def _item(row: dict, tags: dict) -> dict:
    return {"source": "heldout", "source_id": row["id"], "board": "heldout", "url": f"heldout:{row['id']}",
            "title": row["title"], "employer": "held-out set", "location": row.get("location"),
            "description_html": row["description"], "description_text": html_to_text(row["description"]),
            "pay": None, "tags": tags, "raw": {}, "fetched_at": "2026-01-01T00:00:00Z", "run_id": RUN_ID,
            "synthetic": False}


def _warehouse(folder: Path, name: str, items: list[dict]) -> Path:
    """A real warehouse loaded from `items` through the landing folder."""
    landing = folder / name / "landing" / "heldout"
    landing.mkdir(parents=True)
    lines = "".join(json.dumps(item, ensure_ascii=False) + "\n" for item in items)
    (landing / f"{RUN_ID}.jsonl").write_text(lines, encoding="utf-8")
    db = folder / name / "warehouse.duckdb"
    load.load(db, landing.parent, progress=lambda _: None)
    return db


def _rows(db: Path, sql: str) -> list[dict]:
    """The metric's rows, by column name."""
    with duckdb.connect(str(db), read_only=True) as con:
        cursor = con.execute(sql.strip().rstrip(";"))
        names = [column[0] for column in cursor.description]
        return [dict(zip(names, row)) for row in cursor.fetchall()]


def _misclassification(tagged: list[dict], labelled: list[dict]) -> dict:
    """Confusion counts of `hit` on posting ids in both populations."""
    by_tags = {row["posting_id"]: bool(row["hit"]) for row in tagged}
    by_labels = {row["posting_id"]: bool(row["hit"]) for row in labelled}
    both = by_tags.keys() & by_labels.keys()
    pairs = [(by_labels[i], by_tags[i]) for i in both]
    return {"in_both": len(both), "tags_only": len(by_tags.keys() - both), "labels_only": len(by_labels.keys() - both),
            "true_positive": sum(truth and found for truth, found in pairs),
            "false_negative": sum(truth and not found for truth, found in pairs),
            "true_negative": sum(not truth and not found for truth, found in pairs),
            "false_positive": sum(not truth and found for truth, found in pairs)}


def _code_detection(tagged: list[dict], labelled: list[dict], expected: list[str]) -> dict:
    """"Names an expected code" as a hit among postings naming any code, and code-level detection counts."""
    def codes(rows):
        found: dict[str, set] = {}
        for row in rows:
            found.setdefault(row["posting_id"], set()).add(row["code"])
        return found
    def hits(found):
        return [{"posting_id": i, "hit": bool(c & set(expected))} for i, c in found.items()]
    by_tags, by_labels = codes(tagged), codes(labelled)
    counts = _misclassification(hits(by_tags), hits(by_labels))
    ids = by_tags.keys() | by_labels.keys()
    counts["code_true_positive"] = sum(len(by_tags.get(i, set()) & by_labels.get(i, set())) for i in ids)
    counts["code_false_positive"] = sum(len(by_tags.get(i, set()) - by_labels.get(i, set())) for i in ids)
    counts["code_false_negative"] = sum(len(by_labels.get(i, set()) - by_tags.get(i, set())) for i in ids)
    return counts


def _pay_parse(tagged: list[dict], labelled: list[dict]) -> dict:
    """Postings with a value in either warehouse, and those counted wrong: in one warehouse only, in
    another group (pay differences), or with a value not the same to the cent."""
    def values(rows):
        return {row["posting_id"]: row for row in rows if row["value"] is not None}
    by_tags, by_labels = values(tagged), values(labelled)
    ids = by_tags.keys() | by_labels.keys()
    def same(a, b):
        return a.get("grp") == b.get("grp") and abs(a["value"] - b["value"]) < 0.005
    wrong = sum(1 for i in ids if i not in by_tags or i not in by_labels or not same(by_tags[i], by_labels[i]))
    return {"values": len(ids), "wrong": wrong}


def _field_counts(rows: list[dict]) -> dict[str, dict[str, int]]:
    """Per-field counts from benchmarks.tagger_accuracy: tp/fp/fn for sets, right/total for the others."""
    tallies, _ = score(rows)
    fields = {}
    for name, tally in tallies.items():
        if tally.total:
            fields[name] = {"right": tally.right, "total": tally.total}
        elif tally.tp + tally.fp + tally.fn:
            fields[name] = {"true_positive": tally.tp, "false_positive": tally.fp, "false_negative": tally.fn}
    return fields


def measure(folder: Path = HELDOUT) -> dict:
    """Everything the data file holds, computed now on the held-out set in `folder`."""
    rows = load_labelled(folder)
    digest = hashlib.sha256()
    for path in sorted(folder.glob("*.jsonl")):
        digest.update(path.read_bytes())
    tagged_items, labelled_items = [], []
    for row in rows:
        tags = tag(row)
        tagged_items.append(_item(row, tags))
        labelled_items.append(_item(row, labelled_tags(row["expect"], tags)))
    measured: dict[str, dict] = {}
    with tempfile.TemporaryDirectory(prefix="tagger-error-") as temporary:
        by_tags = _warehouse(Path(temporary), "tags", tagged_items)
        by_labels = _warehouse(Path(temporary), "labels", labelled_items)
        for claim in claims.registry():
            model = claim.options["error_model"]
            entry: dict = {"model": model}
            if model != "unmeasured":
                tagged, labelled = _rows(by_tags, claim.metric_sql), _rows(by_labels, claim.metric_sql)
                if model == "misclassification":
                    entry.update(_misclassification(tagged, labelled))
                elif model == "code_detection":
                    entry.update(_code_detection(tagged, labelled, list(claim.options["expected"])))
                elif model == "pay_parse":
                    entry.update(_pay_parse(tagged, labelled))
                else:
                    raise ValueError(f"{claim.id}: unknown error_model {model!r}")
            measured[claim.id] = entry
    return {"tagger_version": TAGGER_VERSION, "heldout_postings": len(rows),
            "heldout_sha256": digest.hexdigest(), "labelled_fields": list(LABELLED_FIELDS),
            "fields": _field_counts(rows), "claims": measured}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help=f"write {tagger_error.DATA_FILE}")
    args = parser.parse_args()
    text = tagger_error.to_toml(measure())
    if args.write:
        tagger_error.DATA_FILE.write_text(text, encoding="utf-8")
        print(f"wrote {tagger_error.DATA_FILE}")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
