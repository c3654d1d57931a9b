"""Tag one posting: MA or not, title, credentials, EHR, skills, specialty, pay, experience, education.

`tag(record)` composes the modules of this package into the JSON object described in
docs/contracts.md §1 and never raises: any input (missing fields, bytes, lone surrogates, huge
or broken HTML) gives a well-formed result. Every tag carries the span that produced it under
`evidence` so the dashboard can highlight it. One Aho-Corasick pass finds all vocabulary hits;
the context rules run only around those hits.
"""

from __future__ import annotations

from functools import cache, lru_cache
from typing import Any, Sequence

from pipeline import certification, education, experience, pay, specialty, title
from pipeline.lexicon import TERM_FILES, Term, vocabulary_version
from pipeline.matcher import Hit, find_hits, lower_same_length
from pipeline.requirement import Layout
from pipeline.text import clean_string, html_to_text, looks_like_html

TAGGER_VERSION = "1.3.0+vocab." + vocabulary_version()
# Real postings are under 30 KB; past this the rest is boilerplate and only costs time.
MAX_TEXT_CHARS = 100_000
_EVIDENCE_PER_ID = 3
_NO_HITS: dict[str, tuple[Hit, ...]] = {dimension: () for dimension in TERM_FILES}  # read-only: shared by every call


def tag(record: Any) -> dict[str, Any]:
    """The tag record for one posting; never raises."""
    record = record if isinstance(record, dict) else {}
    try:
        return _tag(record)
    except Exception as error:  # a tagger bug must not lose the posting; the record says what failed
        result = empty(record.get("id"))
        result["tag_error"] = f"{type(error).__name__}: {error}"[:200]
        return result


def empty(posting_id: Any = None) -> dict[str, Any]:
    """The tag record of a posting with no text."""
    return {
        "id": _clean_id(posting_id), "is_ma": False, "title_normalized": "", "seniority": None,
        "track": "clinical", "specialty": None, "certifications": [], "ehr": [], "skills": [], "pay": None,
        "experience_years_min": None, "experience_band": None, "experience_requirement": None, "education": None, "bilingual": False,
        "languages": [], "evidence": {}, "tagger_version": TAGGER_VERSION,
    }


def description_text(record: dict) -> str:
    """The plain text of a record's description (HTML converted; crawler items carry it ready)."""
    ready = record.get("description_text")
    if isinstance(ready, str) and ready:
        return clean_string(ready)[:MAX_TEXT_CHARS]
    raw = clean_string(record.get("description") or record.get("description_html"))[: MAX_TEXT_CHARS * 3]
    return (html_to_text(raw) if looks_like_html(raw) else raw)[:MAX_TEXT_CHARS]


def _tag(record: dict) -> dict[str, Any]:
    posting_title = clean_string(record.get("title"))[:500]
    text = description_text(record)
    lowered = lower_same_length(text)
    by_dimension = _NO_HITS | find_hits(text, lowered)
    title_hits = _title_credentials(posting_title)
    needs_layout = by_dimension["certifications"] or by_dimension["education"] or "experience" in lowered
    layout = Layout(text, lowered) if needs_layout else None

    result = empty(record.get("id"))
    evidence: dict[str, Any] = {}
    result["is_ma"] = title.is_ma(posting_title, lowered)
    result["title_normalized"] = title.normalize(posting_title)
    result["seniority"] = title.seniority(posting_title, lowered)

    result["certifications"], evidence["certifications"] = certification.certifications(
        by_dimension["certifications"], title_hits, layout)
    result["ehr"], evidence["ehr"], _ = _ids(by_dimension["ehr"])
    skill_ids, evidence["skills"], skill_terms = _ids(by_dimension["skills"])
    skill_categories = [term.category for term in skill_terms]
    result["skills"] = [{"id": skill_id, "category": category} for skill_id, category in zip(skill_ids, skill_categories)]
    result["track"] = title.track(posting_title, lowered, skill_categories.count("clinical"),
                                  skill_categories.count("administrative"))

    specialty_id, span = specialty.from_title(posting_title)
    spans = [span] if span else []
    if specialty_id is None:
        specialty_id, spans = specialty.from_hits(by_dimension["specialty"], lowered)
    result["specialty"] = specialty_id
    evidence["specialty"] = spans[:_EVIDENCE_PER_ID]

    result["pay"], evidence["pay"] = _pay(record.get("pay"), text, lowered)
    years, requirement, evidence["experience"] = experience.parse(text, lowered, layout)
    result["experience_years_min"], result["experience_requirement"] = years, requirement
    result["experience_band"] = experience.band(years)
    result["education"], evidence["education"] = education.education(by_dimension["education"], layout)

    languages, evidence["languages"], _ = _ids(by_dimension["languages"])
    result["languages"] = languages
    result["bilingual"] = bool(languages) or "bilingual" in lowered or "bilingual" in posting_title.lower()
    result["evidence"] = {key: value for key, value in evidence.items() if value}
    return result


@lru_cache(maxsize=16384)
def _title_credentials(posting_title: str) -> list[Hit]:
    """Credential hits in a title (cached: crawls repeat titles)."""
    return find_hits(posting_title, lower_same_length(posting_title)).get("certifications", [])


def _ids(hits: Sequence[Hit]) -> tuple[list[str], dict[str, list[str]], list[Term]]:
    """Distinct term ids in first-hit order, up to three distinct spans for each, and their terms."""
    evidence: dict[str, list[str]] = {}
    found: list[Term] = []
    for term, _, _, span in hits:  # unpacked: a Hit is a tuple (term, start, end, span)
        spans = evidence.get(term.id)
        if spans is None:
            evidence[term.id] = [span]
            found.append(term)
        elif len(spans) < _EVIDENCE_PER_ID and span not in spans:
            spans.append(span)
    return list(evidence), evidence, found


def _pay(structured: Any, text: str, lowered: str) -> tuple[dict | None, list[str]]:
    parsed = pay.parse_structured(structured)
    if parsed:
        return parsed, []
    parsed, span = pay.parse_text(text, lowered)
    return parsed, [span] if span else []


def _clean_id(value: Any) -> Any:
    if value is None or isinstance(value, (int, float, bool)):
        return value
    return clean_string(value)
