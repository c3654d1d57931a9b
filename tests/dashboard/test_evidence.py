"""Evidence highlighting splits text into plain and matched pieces, keeping every character."""

from __future__ import annotations

from dashboard.evidence import segments


def test_every_occurrence_is_marked_case_insensitively_and_text_is_kept_whole():
    text = "CMA required. A cma or RMA is fine. Epic."
    pieces = segments(text, {"CMA": "CMA", "Epic": "epic"})
    assert "".join(piece for piece, _ in pieces) == text
    assert [(piece, code) for piece, code in pieces if code] == [("CMA", "CMA"), ("cma", "CMA"), ("Epic", "epic")]


def test_longer_span_wins_where_two_overlap():
    pieces = segments("BLS required within 30 days", {"BLS": "BLS", "BLS required within 30 days": "BLS"})
    assert pieces == [("BLS required within 30 days", "BLS")]


def test_no_spans_gives_the_text_unmarked():
    assert segments("<script>x</script>", {}) == [("<script>x</script>", None)]
