"""The crawl filter: keep MA and MA-adjacent postings, drop the rest cheaply.

A posting is kept when its title is an MA title, names an MA-adjacent role (leads, coordinators,
medical office, phlebotomy, ophthalmic and optometric staff, practice managers), or its title is a
vague care title ("Patient Care Coordinator", "Clinic Associate") and its text talks about MAs. Costs a few regular-expression searches on the title and one
substring search on the lowered text; the tagger's `is_ma` then decides precisely.
"""

from __future__ import annotations

import re

from pipeline.title import is_ma_title

_ADJACENT_TITLE = re.compile(
    r"\b(?:clinical|clinic)\s+(?:coordinator|supervisor|lead|team\s+lead|operations)|\bteam\s+lead\b|\bpractice\s+manager\b"
    r"|\bmedical\s+(?:office|receptionist|secretary|front\s+desk)|\bphlebotom|\bophthalm|\boptometr|\bpatient\s+care\s+coordinator\b"
    r"|\bpatient\s+service\s+rep|\bfront\s+desk\b.*\b(?:medical|clinic)|\bclinic\s+assistant\b",
    re.I,
)
# Titles vague enough that the text decides ("Patient Care Coordinator", "Clinic Associate").
_CARE_TITLE = re.compile(r"clinic|medical|patient|health|\bcare\b|office|coordinator|\blead\b|supervisor|technician"
                         r"|\btech\b|assistant|associate|specialist|float|per\s+diem", re.I)
_TEXT_CUES = ("medical assistant", "certified medical", " cma ", "(cma)", "ccma", "medical assisting")


def is_relevant(title: str, text: str = "") -> bool:
    """Keep this posting at the crawl? True for MA and MA-adjacent roles."""
    title = title if isinstance(title, str) else ""
    text = text if isinstance(text, str) else ""
    if is_ma_title(title) or _ADJACENT_TITLE.search(title):
        return True
    if not _CARE_TITLE.search(title):
        return False
    lowered = text[:20000].lower()
    return any(cue in lowered for cue in _TEXT_CUES)


def title_may_be_relevant(title: str) -> bool:
    """Could a posting with this title be kept once its text is read? False only when the title
    alone rules it out, so a crawler may skip fetching such a posting's page or detail."""
    title = title if isinstance(title, str) else ""
    return bool(is_ma_title(title) or _ADJACENT_TITLE.search(title) or _CARE_TITLE.search(title))
