"""The coverage panel's gaps line says one state, one posting, in the singular."""

from __future__ import annotations

from dashboard.coverage import gaps_line


def test_the_gaps_line_says_one_state_and_one_posting_in_the_singular():
    line = gaps_line({"postings": 10, "postings_with_state": 9, "states_without_figure": 1,
                      "states_with_figure_no_postings": 1})
    assert line == ("1 state with postings has no OEWS figure shipped (their postings count raw only); "
                    "1 state with a figure has none collected (not imputed); 1 posting names no state.")


def test_the_gaps_line_counts_several_in_the_plural():
    line = gaps_line({"postings": 10, "postings_with_state": 7, "states_without_figure": 2,
                      "states_with_figure_no_postings": 15})
    assert line == ("2 states with postings have no OEWS figure shipped (their postings count raw only); "
                    "15 states with a figure have none collected (not imputed); 3 postings name no state.")
