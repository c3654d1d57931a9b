"""Credentials a posting names, each with its requirement level and deadline.

Hits come from matcher.py (vocabulary/certifications.toml); levels from requirement.py. A code
named several times keeps its strongest level (required > preferred > mentioned) and the
shortest deadline. MA_ANY ("certified medical assistant", "MA certification") is dropped on a
line that names a specific MA credential: "Certified Medical Assistant (CMA)" is CMA.
A credential in the title ("CMA - Family Medicine") counts as required unless the text says otherwise;
a spelled-out one ("Certified Medical Assistant") only when the text names no other MA credential.
"""

from __future__ import annotations

from typing import Sequence

from pipeline.lexicon import credentials, ma_credentials
from pipeline.matcher import Hit
from pipeline.requirement import MENTIONED, PREFERRED, REQUIRED, Count, Layout, levels

# The specific clinical MA credentials (vocabulary/certifications.toml: `ma`, not `administrative`):
# naming one makes a generic MA_ANY hit on its line redundant.
MA_CREDENTIALS = frozenset(code for code in ma_credentials()
                           if code != "MA_ANY" and not credentials()[code].administrative)
_STRENGTH = {MENTIONED: 0, PREFERRED: 1, REQUIRED: 2}


def certifications(hits: Sequence[Hit], title_hits: Sequence[Hit], layout: Layout | None) -> tuple[list[dict], dict[str, list[str]]]:
    """(certification tags in first-named order, evidence spans by code)."""
    by_code: dict[str, dict] = {}
    evidence: dict[str, list[str]] = {}
    if hits and layout is not None:
        # Levels are read with every hit in place (a generic name can join a list: "RMA o Asistente
        # Médico Certificado (CMA) preferida"); the redundant generic hits are dropped after.
        keep = set(map(id, _without_redundant_generic(hits, layout)))
        for hit, level in zip(hits, levels([(hit.start, hit.end) for hit in hits], layout)):
            if id(hit) in keep:
                _merge(by_code, hit.term.id, level.requirement, level.within_months)
                _add_evidence(evidence, hit.term.id, hit.span)
    for hit in title_hits:
        # A title's "Certified Medical Assistant" (spelled out, not the code) is the generic name when
        # the text asks for other MA credentials ("Certified Medical Assistant" / "NCCT or NHA required").
        generic = hit.term.id == "MA_ANY" or (hit.term.id in MA_CREDENTIALS and " " in hit.span)
        if hit.term.id not in by_code and not (generic and by_code.keys() & MA_CREDENTIALS):
            _merge(by_code, hit.term.id, REQUIRED, None)
            _add_evidence(evidence, hit.term.id, hit.span)
    return list(by_code.values()), evidence


def _without_redundant_generic(hits: Sequence[Hit], layout: Layout | None) -> Sequence[Hit]:
    if layout is None:
        return hits
    for hit in hits:
        if hit.term.id == "MA_ANY":
            break
    else:
        return hits  # no generic "certified MA" hit: nothing to drop
    specific_lines = {layout.line_bounds(hit.start) for hit in hits if hit.term.id in MA_CREDENTIALS}
    return [hit for hit in hits if hit.term.id != "MA_ANY" or layout.line_bounds(hit.start) not in specific_lines]


def _merge(by_code: dict[str, dict], code: str, requirement: str, within_months: Count | None) -> None:
    current = by_code.get(code)
    if current is None:
        by_code[code] = {"code": code, "requirement": requirement, "within_months": within_months}
        return
    if _STRENGTH[requirement] > _STRENGTH[current["requirement"]]:
        current["requirement"] = requirement
    if within_months is not None and (current["within_months"] is None or within_months < current["within_months"]):
        current["within_months"] = within_months


def _add_evidence(evidence: dict[str, list[str]], code: str, span: str) -> None:
    spans = evidence.setdefault(code, [])
    if span not in spans and len(spans) < 3:
        spans.append(span)
