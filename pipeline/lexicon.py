"""Load the versioned vocabulary files under pipeline/vocabulary/ once, at import.

The tagger's knowledge (credentials, EHR systems, skills, specialties, languages, title and
requirement cues) is data, not code: adding an alias is a one-line change to a TOML file.
`VOCABULARY_VERSION` joins the files' own versions so a tag records which vocabulary made it.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

# Read as package resources, so the vocabulary also loads from a zipped egg (Scrapyd).
VOCABULARY = resources.files("pipeline") / "vocabulary"
TERM_FILES = {
    "certifications": "certifications.toml",
    "ehr": "ehr.toml",
    "skills": "skills.toml",
    "specialty": "specialties.toml",
    "languages": "languages.toml",
    "education": "education.toml",
}


@dataclass(frozen=True, slots=True)
class Term:
    """One canonical entry: its id, the dimension it tags, and the context rules its hits obey."""

    dimension: str
    id: str
    aliases: tuple[str, ...]
    category: str | None = None
    cased: bool = False
    cased_phrases: bool = False  # `cased = "phrases"`: the rule holds for aliases of several words too
    needs: tuple[str, ...] = ()
    veto: tuple[str, ...] = ()
    title_aliases: tuple[str, ...] = ()
    rank: int = 0


@cache
def load(name: str) -> dict[str, Any]:
    """The parsed TOML file `name` from the vocabulary folder."""
    return tomllib.loads((VOCABULARY / name).read_text(encoding="utf-8"))


@cache
def terms() -> tuple[Term, ...]:
    """Every term of every dimension, in file order."""
    found: list[Term] = []
    for dimension, filename in TERM_FILES.items():
        data = load(filename)
        default_needs = tuple(word.lower() for word in data.get("defaults_needs", ()))
        for entry in data["term"]:
            found.append(Term(
                dimension=dimension,
                id=entry["id"],
                aliases=tuple(entry["aliases"]),
                category=entry.get("category"),
                cased=bool(entry.get("cased", False)), cased_phrases=entry.get("cased") == "phrases",
                needs=tuple(word.lower() for word in entry.get("needs", ())) or default_needs,
                veto=tuple(word.lower() for word in entry.get("veto", ())),
                title_aliases=tuple(entry.get("title_aliases", ())),
                rank=int(entry.get("rank", 0)),
            ))
    return tuple(found)


def vocabulary_version() -> str:
    """The versions of all vocabulary files, joined: changes whenever any file's version does."""
    names = sorted(TERM_FILES.values()) + ["titles.toml", "requirement.toml", "pay.toml", "experience.toml"]
    versions = sorted({load(name).get("version", "0") for name in names})
    return "+".join(versions)
