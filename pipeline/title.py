"""Read a job title: is it an MA role, its normalised form, its seniority and its track.

Title patterns live in vocabulary/titles.toml. Results are cached per title: a crawl sees the
same few hundred titles over and over. A location tail (", MA 02118", "- Boston, MA")
is cut before matching so that Massachusetts never reads as Medical Assistant.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from pipeline.lexicon import load
from pipeline.patterns import PhraseSet

_CITY_STATE = re.compile(
    r"(?:[-–|@(]\s*[A-Z][a-z.']+(?:\s[A-Z][a-z.']+){0,2})?,\s*[A-Z]{2}(?![-\w])(?:\s+\d{5}(?:-\d{4})?)?\)?"
    r"|\b[A-Z]{2}\s+\d{5}(?:-\d{4})?")
_SPACES = re.compile(r"\s+")
_PUNCTUATION = re.compile(r"[^\w/&+\- ]+")
_BRACKETED = re.compile(r"\s*[(\[][^)\]]*[)\]]")
_TEXT_LEVEL_REACH = 40  # characters before a needed word (twice that after) an entry statement is looked for in
_TEXT_LEVEL_TRIES = 8  # occurrences of each needed word looked at
_SEPARATOR = re.compile(r"\s+[-–—|:]\s+|\s*[,|:]\s+")


def _compile(patterns: list[str]) -> re.Pattern:
    return re.compile("|".join(f"(?:{pattern})" for pattern in patterns), re.I)


@cache
def _rules() -> dict:
    data = load("titles.toml")
    return {
        "ma": _compile(data["ma"]),
        "not_ma": _compile(data["not_ma"]),
        "ma_when_text_says": _compile(data["ma_when_text_says"]),
        "ma_text_cues": PhraseSet([cue.lower() for cue in data["ma_text_cues"]]),
        "seniority": [(level, _compile(patterns)) for level, patterns in data["seniority"].items()],
        "seniority_text": [(word, level, _compile(patterns)) for level, by_word in data["seniority_text"].items()
                           for word, patterns in by_word.items()],
        "track": [(track, _compile(data["track"][track])) for track in ("hybrid", "administrative", "clinical")],
        "hybrid_text": PhraseSet(data["track"]["hybrid_text"]),
        "expand": [(re.compile(rf"(?<![\w-]){re.escape(short)}(?![\w-])"), long)
                   for short, long in sorted(data["normalize"]["expand"].items(), key=lambda item: -len(item[0]))],
        "role_words": re.compile(data["normalize"]["role_words"], re.I),
        "drop": _compile(data["normalize"]["drop"]),
    }


@lru_cache(maxsize=16384)
def without_location(title: str) -> str:
    """`title` with city/state/ZIP tails and ", MA" style pieces removed."""
    return _CITY_STATE.sub(" ", title).strip(" -–|,")


@lru_cache(maxsize=16384)
def is_ma_title(title: str) -> bool:
    """True when the title names an MA role and no excluded role."""
    core = without_location(title)
    return bool(_rules()["ma"].search(core)) and not _rules()["not_ma"].search(core)


def is_ma(title: str, lowered_text: str) -> bool:
    """True for MA roles: an MA title, or a lead/coordinator title whose text is about MAs."""
    verdict = _title_verdict(title)
    if verdict is None:
        return _rules()["ma_text_cues"].found_in(lowered_text)
    return verdict


@lru_cache(maxsize=16384)
def _title_verdict(title: str) -> bool | None:
    """True or False when the title decides; None when the text must (lead, coordinator...)."""
    core = without_location(title)
    if _rules()["not_ma"].search(core):
        return False
    if _rules()["ma"].search(core):
        return True
    if _rules()["ma_when_text_says"].search(core):
        return None
    return False


@lru_cache(maxsize=16384)
def normalize(title: str) -> str:
    """The role a title names, lower-case, without location, qualifiers or abbreviations:
    'Sr. MA - Dermatology (Per Diem) - Boston, MA' -> 'senior medical assistant'."""
    core = _role_head(without_location(title))
    words = _PUNCTUATION.sub(" ", _rules()["drop"].sub(" ", core.lower())).replace(" - ", " ")
    words = _SPACES.sub(" ", words).strip()
    for pattern, long in _rules()["expand"]:
        words = pattern.sub(long, words)
    return _SPACES.sub(" ", words).strip(" -/&+")


def _role_head(title: str) -> str:
    """`title` without bracketed parts and without what follows a separator, wherever what is
    left still names a role ('Medical Assistant (CMA) - Pediatrics' -> 'Medical Assistant')."""
    names_role = _rules()["role_words"].search
    unbracketed = _BRACKETED.sub(" ", title).strip()
    if unbracketed and names_role(unbracketed):
        title = unbracketed
    head = _SEPARATOR.split(title, maxsplit=1)[0]
    return head if names_role(head) else title


def seniority(title: str, lowered_text: str = "") -> str | None:
    """The level the posting states: entry | mid | senior | lead | supervisor | manager, from the title,
    else from an explicit statement in the text ("entry-level position", "new grads welcome");
    None when neither states one (a plain "Medical Assistant" states no level)."""
    stated = title_seniority(title)
    if stated is None and lowered_text:
        return _stated_in_text(lowered_text)
    return stated


def _stated_in_text(lowered: str) -> str | None:
    """The level an explicit statement in the text gives ("entry-level position"), or None. The
    patterns are tried only around the word each list is keyed by (titles.toml `seniority_text`), not on the whole text."""
    for word, level, pattern in _rules()["seniority_text"]:
        at = lowered.find(word)
        for _ in range(_TEXT_LEVEL_TRIES):
            if at < 0:
                break
            if pattern.search(lowered, max(0, at - _TEXT_LEVEL_REACH), at + 2 * _TEXT_LEVEL_REACH):
                return level
            at = lowered.find(word, at + len(word))
    return None


@lru_cache(maxsize=16384)
def title_seniority(title: str) -> str | None:
    """The level a title states, or None."""
    core = without_location(title)
    for level, pattern in _rules()["seniority"]:
        if pattern.search(core):
            return level
    return None


def hybrid_phrases() -> tuple[str, ...]:
    """The phrases that make a posting hybrid (front and back office), as written in titles.toml."""
    return _rules()["hybrid_text"].phrases


def track(title: str, lowered_text: str, clinical_skills: int, administrative_skills: int) -> str:
    """clinical | administrative | hybrid, from the title when it says, else from the text."""
    named = _track_in_title(title)
    if named:
        return named
    if _rules()["hybrid_text"].found_in(lowered_text):
        return "hybrid"
    if clinical_skills == 0 and administrative_skills > 0:
        return "administrative"
    return "clinical"


@lru_cache(maxsize=16384)
def _track_in_title(title: str) -> str | None:
    core = without_location(title)
    for name, pattern in _rules()["track"]:
        if pattern.search(core):
            return name
    return None
