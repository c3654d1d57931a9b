"""Tag records of a broad corpus, saved on one version of the code and compared on another.

A change made for speed must not change a tag. Save the records on the old code, compare on the
new one; every record that differs is listed field by field, compared as JSON text (so 3 and 3.0 differ). The corpus: benchmark postings
(benchmarks/tagger_corpus.py), the same postings as HTML, the labelled postings, and mutated copies
that reach the edge cases (upper and lower case, line breaks removed, cut at random, lines or
words shuffled, stray punctuation and digits). `tagger_version` is left out of the comparison.
Run: .venv/bin/python -m benchmarks.tagger_diff save /tmp/old-tags.json      (on the old code)
     .venv/bin/python -m benchmarks.tagger_diff compare /tmp/old-tags.json   (on the new code)
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

from benchmarks.tagger_accuracy import load_labelled
from benchmarks.tagger_corpus import as_html, postings
from pipeline import tag


def _mutated(posting: dict, chooser: random.Random) -> str:
    text = posting["description"]
    kind = chooser.randrange(7)
    if kind == 0:
        return text.upper()
    if kind == 1:
        return text.lower()
    if kind == 2:
        return text.replace("\n", " ")
    if kind == 3:
        start = chooser.randrange(len(text))
        return text[start:start + chooser.randint(1, 400)]
    if kind == 4:
        lines = text.split("\n")
        chooser.shuffle(lines)
        return "\n".join(lines)
    if kind == 5:
        words = text.split(" ")
        chooser.shuffle(words)
        return " ".join(words)
    characters = list(text)
    for _ in range(40):
        characters.insert(chooser.randrange(len(characters)), chooser.choice("$-.;:/()\n•–,!? 0123456789kK"))
    return "".join(characters)


def corpus(count: int = 6000, seed: int = 11) -> list[dict]:
    """The records to tag: benchmark postings, a quarter of them as HTML, the labelled set, mutations."""
    chooser = random.Random(seed)
    base = postings(count, seed=seed)
    records = list(base)
    records += [{"id": f"{item['id']}-html", "title": item["title"], "description": as_html(item["description"])}
                for item in base[: count // 4]]
    records += load_labelled()
    for number, item in enumerate(base[: count * 2 // 3]):
        title = chooser.choice([item["title"], item["title"].upper(), "Lead " + item["title"], "Clinic Coordinator", ""])
        records.append({"id": f"mutated-{number}", "title": title, "description": _mutated(item, chooser)})
    return records


def tags(records: list[dict]) -> list[dict]:
    found = []
    for record in records:
        result = tag(record)
        result.pop("tagger_version", None)
        found.append(json.loads(json.dumps(result)))  # the form a saved file gives back
    return found


def _exact(value) -> str:
    return json.dumps(value, sort_keys=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=["save", "compare"])
    parser.add_argument("path", type=Path)
    parser.add_argument("--count", type=int, default=6000, help="benchmark postings to start from (default 6000)")
    parser.add_argument("--show", type=int, default=10, help="differing records to list (default 10)")
    args = parser.parse_args()
    found = tags(corpus(args.count))
    if args.action == "save":
        args.path.write_text(json.dumps(found), encoding="utf-8")
        print(f"saved {len(found):,} tag records to {args.path}")
        return
    saved = json.loads(args.path.read_text(encoding="utf-8"))
    if len(saved) != len(found):
        sys.exit(f"{args.path} holds {len(saved):,} records, this corpus {len(found):,}: save and compare with the same --count")
    # Compared as JSON text, so that a type change shows (the JSON 3 turned into 3.0 is a change).
    differing = [(old, new) for old, new in zip(saved, found) if _exact(old) != _exact(new)]
    print(f"{len(found):,} tag records, {len(differing):,} differ from {args.path}")
    for old, new in differing[: args.show]:
        for field in sorted(set(old) | set(new)):
            if _exact(old.get(field)) != _exact(new.get(field)):
                print(f"  {old.get('id')}: {field}\n    was {old.get(field)!r}\n    now {new.get(field)!r}")
    if differing:
        sys.exit(1)


if __name__ == "__main__":
    main()
