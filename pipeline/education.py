"""The education level a posting asks for: high_school, ma_program, associate or bachelor.

Among the levels the posting requires, the highest; when none is required, the lowest it names
(a "bachelor's preferred" posting still hires with less). Phrases in vocabulary/education.toml.
"""

from __future__ import annotations

import re
from functools import cache

from pipeline.lexicon import load
from pipeline.requirement import REQUIRED, Layout, levels


_CUE_WORDS = ("school", "ged", "diploma", "degree", "program", "caahep", "abhes", "graduate", "bachelor", "associate",
              "hiset", "vocational", "aas", "hsd", "a.a.s")


@cache
def _patterns() -> list[tuple[str, re.Pattern]]:
    data = load("education.toml")["levels"]
    return [(level, re.compile("|".join(phrases), re.I)) for level, phrases in data.items()]


def parse(text: str, layout: Layout) -> tuple[str | None, list[str]]:
    """(education level or None, evidence spans)."""
    lowered = layout.lowered
    if not any(word in lowered for word in _CUE_WORDS):
        return None, []
    order = [level for level, _ in _patterns()]
    found: list[tuple[int, int, str, str]] = []
    for level, pattern in _patterns():
        for match in pattern.finditer(text):
            found.append((match.start(), match.end(), level, match.group(0)))
    if not found:
        return None, []
    found.sort()
    found_levels = levels([(start, end) for start, end, _, _ in found], layout)
    required = [level for (_, _, level, _), found_level in zip(found, found_levels) if found_level.requirement == REQUIRED]
    if required:
        chosen = max(required, key=order.index)
    else:
        chosen = min((level for _, _, level, _ in found), key=order.index)
    return chosen, [span for _, _, _, span in found]
