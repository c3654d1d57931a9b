"""Load the versioned vocabulary files under pipeline/vocabulary/ once, at import.

The tagger's knowledge (credentials, EHR systems, skills, specialties, languages, title and
requirement cues) is data, not code: adding an alias is a one-line change to a TOML file.
`vocabulary_version()` hashes the files' content so a tag records which vocabulary made it.
"""

from __future__ import annotations

import hashlib
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
        default_veto = tuple(word.lower() for word in data.get("defaults_veto", ()))
        for entry in data["term"]:
            found.append(Term(
                dimension=dimension,
                id=entry["id"],
                aliases=tuple(entry["aliases"]),
                category=entry.get("category"),
                cased=bool(entry.get("cased", False)), cased_phrases=entry.get("cased") == "phrases",
                needs=tuple(word.lower() for word in entry.get("needs", ())) or default_needs,
                veto=tuple(word.lower() for word in entry.get("veto", ())) + default_veto,
                title_aliases=tuple(entry.get("title_aliases", ())),
                rank=int(entry.get("rank", 0)),
            ))
    return tuple(found)


class VocabularyError(ValueError):
    """A vocabulary file states something twice, differently, or leaves out what it must say."""


@dataclass(frozen=True, slots=True)
class Credential:
    """What a credential code is: its full name, its chart label, and whether it is an MA credential."""

    code: str
    name: str
    label: str
    ma: bool = False
    administrative: bool = False


_CREDENTIAL_FIELDS = ("name", "label", "ma", "administrative")


def credentials_from(data: dict[str, Any], source: str = "certifications.toml") -> dict[str, Credential]:
    """Each code's Credential (in order of first appearance) from the parsed `data`.

    A code may have several [[term]] blocks (aliases with other context rules); each field is
    taken from whichever block states it, and two blocks stating it differently are an error.
    """
    stated: dict[str, dict[str, Any]] = {}
    for entry in data["term"]:
        fields = stated.setdefault(entry["id"], {})
        for field in _CREDENTIAL_FIELDS:
            if field not in entry:
                continue
            if field in fields and fields[field] != entry[field]:
                raise VocabularyError(f"{source}: {entry['id']} has two different {field}s: "
                                      f"{fields[field]!r} and {entry[field]!r}; keep one")
            fields[field] = entry[field]
    found = {}
    for code, fields in stated.items():
        if not isinstance(fields.get("name"), str) or not fields["name"].strip():
            raise VocabularyError(f"{source}: {code} has no name; add name = \"...\" to one of its [[term]] blocks")
        found[code] = Credential(code=code, name=fields["name"], label=fields.get("label") or code,
                                 ma=fields.get("ma") is True, administrative=fields.get("administrative") is True)
    return found


@cache
def credentials() -> dict[str, Credential]:
    """Every credential code of vocabulary/certifications.toml, in file order."""
    return credentials_from(load(TERM_FILES["certifications"]))


def ma_credentials() -> tuple[str, ...]:
    """The codes of the Medical Assistant credentials (MA_ANY, "a certified MA", among them), in file order."""
    return tuple(code for code, credential in credentials().items() if credential.ma)


def vocabulary_version() -> str:
    """A short hash of every vocabulary file's name and content: it changes whenever any of the data
    the rules read changes, so `ma-demand retag` knows which stored tags are stale (a file's own
    `version` line is for people; an edit that forgets to bump it still changes this)."""
    digest = hashlib.sha256()
    for entry in sorted((entry for entry in VOCABULARY.iterdir() if entry.name.endswith(".toml")), key=lambda e: e.name):
        digest.update(entry.name.encode() + b"\0" + entry.read_bytes() + b"\0")
    return digest.hexdigest()[:12]
