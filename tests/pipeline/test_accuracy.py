"""The tagger meets the issue's accuracy bars on the hand-labelled postings."""

from __future__ import annotations

from benchmarks.tagger_accuracy import BARS, headline, load_labelled, score


def test_labelled_set_has_at_least_150_postings_with_is_ma_and_certification_labels():
    rows = load_labelled()
    assert len(rows) >= 150
    assert len({row["id"] for row in rows}) == len(rows)
    assert all("is_ma" in row["expect"] for row in rows)
    assert sum(not row["expect"]["is_ma"] for row in rows) >= 30


def test_tagger_meets_the_accuracy_bars_on_the_labelled_set():
    tallies, misses = score(load_labelled())
    figures = headline(tallies)
    below = {name: round(value, 3) for name, value in figures.items() if value < BARS[name]}
    assert not below, f"below the bar: {below}; misses: {misses[:20]}"
