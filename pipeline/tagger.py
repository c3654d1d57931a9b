"""Tag one posting: MA or not, certifications, EHR systems, pay (first, thin version)."""

from __future__ import annotations

import re
from typing import Any

from pipeline.relevance import is_ma_title
from pipeline.text import html_to_text

TAGGER_VERSION = "0.1.0"

_CERTS = {"CMA": r"\bCMA\b", "RMA": r"\bRMA\b", "CCMA": r"\bCCMA\b", "BLS": r"\bBLS\b", "CPR": r"\bCPR\b"}
_EHR = {"epic": r"\bEpic\b", "oracle_health": r"\bCerner\b", "eclinicalworks": r"\beClinicalWorks\b", "athenahealth": r"\bathena"}
_PAY = re.compile(r"\$(\d+(?:\.\d{2})?)\s*(?:-|to)\s*\$?(\d+(?:\.\d{2})?)\s*(?:/|per)\s*(hour|hr)", re.I)


def tag(record: dict[str, Any]) -> dict[str, Any]:
    """The tag record for one posting; never raises on odd input."""
    title = str(record.get("title") or "")
    text = html_to_text(str(record.get("description") or ""))
    certifications = [
        {"code": code, "requirement": "mentioned", "within_months": None}
        for code, pattern in _CERTS.items() if re.search(pattern, text)
    ]
    ehr = [code for code, pattern in _EHR.items() if re.search(pattern, text, re.I if code == "athenahealth" else 0)]
    pay = None
    match = _PAY.search(text)
    if match:
        low, high = float(match.group(1)), float(match.group(2))
        pay = {"min": low, "max": high, "period": "hour", "currency": "USD",
               "hourly_min": low, "hourly_max": high, "source": "text"}
    return {
        "id": record.get("id"), "is_ma": is_ma_title(title), "title_normalized": title.strip().lower(),
        "seniority": "entry", "track": "clinical", "specialty": None, "certifications": certifications,
        "ehr": ehr, "skills": [], "pay": pay, "experience_years_min": None, "experience_requirement": None,
        "education": None, "bilingual": False, "languages": [], "evidence": {}, "tagger_version": TAGGER_VERSION,
    }
