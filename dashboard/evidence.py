"""Evidence highlighting: split a posting's text into plain and matched pieces.

The result is rendered as Dash components whose children are strings, so the text is always shown
as text: a posting that contains `<script>` shows the characters, never runs them."""

from __future__ import annotations

import re

from dash import html


def segments(text: str, spans: dict[str, str]) -> list[tuple[str, str | None]]:
    """(piece, code or None) in text order; every case-insensitive occurrence of each span is matched,
    longer spans first where two overlap."""
    wanted = sorted({span for span in spans if span and span.strip()}, key=len, reverse=True)
    if not text or not wanted:
        return [(text or "", None)]
    lowered = {span.lower(): code for span, code in spans.items() if span}
    pattern = re.compile("|".join(re.escape(span) for span in wanted), re.IGNORECASE)
    pieces, position = [], 0
    for match in pattern.finditer(text):
        if match.start() > position:
            pieces.append((text[position:match.start()], None))
        pieces.append((match.group(0), lowered.get(match.group(0).lower())))
        position = match.end()
    if position < len(text):
        pieces.append((text[position:], None))
    return pieces


def highlighted(text: str, spans: dict[str, str]) -> list:
    """Dash children: strings, and `<mark>` elements (titled with the tag code) for the matches."""
    return [html.Mark(piece, title=code, className="evidence") if code else piece
            for piece, code in segments(text, spans)]
