"""The education level a posting asks for: high_school, ma_program, associate or bachelor.

Among the levels the posting requires, the highest; when none is required, the lowest it names
(a "bachelor's preferred" posting still hires with less). Phrases are vocabulary terms
(vocabulary/education.toml) found in the matcher's single pass; levels come from requirement.py.
"""

from __future__ import annotations

from typing import Sequence

from pipeline.matcher import Hit
from pipeline.requirement import REQUIRED, Layout, levels


def education(hits: Sequence[Hit], layout: Layout | None) -> tuple[str | None, list[str]]:
    """(education level or None, evidence spans) from the education hits of a posting."""
    if not hits or layout is None:
        return None, []
    found_levels = levels([(hit.start, hit.end) for hit in hits], layout)
    required = [hit for hit, level in zip(hits, found_levels) if level.requirement == REQUIRED]
    if required:
        chosen = max(required, key=lambda hit: hit.term.rank)
    else:
        chosen = min(hits, key=lambda hit: hit.term.rank)
    spans = []
    for hit in hits:
        if hit.term.id == chosen.term.id and hit.span not in spans:
            spans.append(hit.span)
    return chosen.term.id, spans[:3]
