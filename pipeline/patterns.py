"""Vocabulary regular expressions compiled for the lower-cased text the rules read.

The rules match cue patterns (requirement, experience) on text the tagger has already
lower-cased. On ASCII text a pattern written in lower case needs no re.IGNORECASE, and a pattern
whose every alternative starts a word ("\\bmust\\b", "\\b(?:one|two)") need only be tried where a
word starts: together several times faster, with the same matches. Text with other characters keeps
the case-insensitive form, whose case folding has special cases ("ſ" reads as "s"). A short ASCII
text searched whole is first checked for the words every match holds one of (`_needed_words`).
"""

from __future__ import annotations

import re
from re import _constants as sre_constants, _parser as sre_parser  # type: ignore[attr-defined]  # the standard library's own reading of a pattern
from typing import Iterable

_WORD_START = re.compile(r"[a-z0-9]|\\d|\\w")
_LOOKBEHINDS = re.compile(r"^(?:\(\?<[=!][^()\\]*\))+")  # plain ones: no group or escape inside
_MAY_BE_EMPTY = re.compile(r"(?:\?|\*|\{0(?:,\d*)?\})\??")  # a quantifier that allows no repeat


class LoweredPattern:
    """A case-insensitive pattern, with a faster equivalent for lower-cased ASCII text.

    `alternatives` is one pattern, a list of them, or named lists ({"required": [...]}) that
    become named groups (`match.lastgroup` says which list matched).
    """

    def __init__(self, alternatives: str | list[str] | dict[str, list[str]]) -> None:
        groups: dict[str | None, list[str]] = {name: group for name, group in alternatives.items()} if isinstance(
            alternatives, dict) else {
            None: [alternatives] if isinstance(alternatives, str) else alternatives}
        every = [alternative for group in groups.values() for alternative in group]
        self.any_text = re.compile(_joined(groups), re.I)
        self.word_starts = False  # ascii_text matches only where a word starts
        self._looks_behind = "(?<" in self.any_text.pattern  # (a bracket in a class counts too: the safe side)
        if not all(alternative == alternative.lower() for alternative in every):
            self.ascii_text = self.any_text  # a capital in the pattern needs the case-insensitive form
        elif all(_starts_a_word(alternative) for alternative in every):
            # The lookahead finds word starts; each alternative's own "\b" then says nothing more, and
            # without it an alternative that starts with a letter is skipped on its first character.
            self.ascii_text = re.compile(r"(?=\b\w)(?:" + _joined(
                {name: [alternative[2:] for alternative in group] for name, group in groups.items()}) + ")")
            self.word_starts = True
        else:
            self.ascii_text = re.compile(_joined(groups))
        self._needed_words = _needed_words(self.any_text.pattern)

    def finditer_in(self, lowered: str, pos: int = 0, endpos: int | None = None) -> Iterable[re.Match]:
        """The matches in `lowered[pos:endpos]` (lower-cased text), as the right form's finditer gives
        them."""
        endpos = len(lowered) if endpos is None else endpos
        if not lowered.isascii():
            return self._form_between(lowered, pos, endpos).finditer(lowered, pos, endpos)
        return self.ascii_text.finditer(lowered, pos, endpos)

    def first_in(self, lowered: str, pos: int = 0, endpos: int | None = None) -> re.Match | None:
        """The first match in `lowered[pos:endpos]`, as the right form's search finds it (see finditer_in)."""
        endpos = len(lowered) if endpos is None else endpos
        if not lowered.isascii():
            return self._form_between(lowered, pos, endpos).search(lowered, pos, endpos)
        return self.ascii_text.search(lowered, pos, endpos)

    def _form_between(self, lowered: str, pos: int, endpos: int) -> re.Pattern:
        """The form to use on lowered[pos:endpos] of a text that is not all ASCII. A match cannot
        reach past endpos; so where that stretch is ASCII, the case rules of the other characters
        cannot change it, and the fast form gives the same matches, unless a lookbehind reads
        before pos."""
        if self._looks_behind or not lowered[pos:endpos].isascii():
            return self.any_text
        return self.ascii_text

    def on(self, lowered: str) -> re.Pattern:
        """The form to use on `lowered` (str.isascii costs nothing: the string knows)."""
        return self.ascii_text if lowered.isascii() else self.any_text

    def search(self, text: str) -> re.Match | None:
        """The first match in a short `text` of any case (lower-cased here when ASCII). An ASCII text
        that holds none of the pattern's needed words (`_needed_words`) has no match to look for."""
        if not text.isascii():
            return self.any_text.search(text)
        lowered = text.lower()
        if self._needed_words is not None and not any(map(lowered.__contains__, self._needed_words)):
            return None
        return self.ascii_text.search(lowered)


def _joined(groups: dict[str | None, list[str]]) -> str:
    """One pattern source of the alternatives; named lists become named groups."""
    return "|".join(f"(?P<{name}>{'|'.join(group)})" if name else "|".join(group) for name, group in groups.items())


def _starts_a_word(alternative: str) -> bool:
    """True when every match of `alternative` starts with a word character after a word boundary:
    "\\bmust", "\\b(?:will|we)", "\\b(\\d{1,2}|one)", "\\b(?:minimum\\s+)?qualification". Anything
    less plain answers False, the safe side (the pattern is then tried at every position)."""
    if not alternative.startswith("\\b"):
        return False
    rest = _LOOKBEHINDS.sub("", alternative[2:], count=1)  # "\\b(?<!preferred )qualification": they take no characters
    if not rest.startswith("("):
        return _begins_with_word_character(rest)
    body_start = 3 if rest.startswith("(?:") else 1
    if rest[body_start:body_start + 1] in ("?", "(", ""):
        return False  # a named group, a lookaround, a nested group: not worth reading
    branches, depth, current, escaped, end = [], 0, "", False, None
    for index in range(body_start, len(rest)):
        char = rest[index]
        if escaped or char == "\\":
            escaped = not escaped  # "\\(" is a bracket character, not a group
        elif char == ")" and depth == 0:
            end = index
            break
        elif char == "|" and depth == 0:
            branches.append(current)
            current = ""
            continue
        else:
            depth += (char == "(") - (char == ")")
        current += char
    branches.append(current)
    if end is None or not all(_begins_with_word_character(branch) for branch in branches):
        return False
    optional = _MAY_BE_EMPTY.match(rest, end + 1)
    if optional:  # the group may match nothing: then what follows it starts the match
        return _starts_a_word("\\b" + rest[optional.end():])
    return True


def _begins_with_word_character(pattern: str) -> bool:
    """True when `pattern` starts with a word character that must be there ("a", "\\d{1,2}", not "a?")."""
    first = _WORD_START.match(pattern)
    return first is not None and not _MAY_BE_EMPTY.match(pattern, first.end())


def _needed_words(source: str) -> tuple[str, ...] | None:
    """Words of which every match of `source` holds one, when trying those words first pays; else None.

    Each alternative gives its longest run of plain characters (at least three, ASCII, in lower case
    as the lowered text holds them), or one another alternative already gave ("bls" of
    "\\bthe\\s+bls\\b" after "\\bbls\\s+data"). Looking for a few words is much faster than the
    pattern when the regular-expression engine must try it at every position, which it must unless
    each alternative starts with a plain character ("bonus|sign-on"): then it skips ahead to those
    characters itself, and None is given. None too when an alternative has no such run."""
    alternatives = _alternatives(sre_parser.parse(source, re.I).data)
    if all(items and items[0][0] is sre_constants.LITERAL for items in alternatives):
        return None
    words = []
    for items in alternatives:
        runs, run = [], ""
        for op, value in list(items) + [(None, None)]:  # a last step that ends the last run
            if op is sre_constants.LITERAL and value < 128:
                run += chr(value).lower()
            else:
                runs.append(run)
                run = ""
        runs = [run for run in runs if len(run) >= 3]
        if not runs:
            return None
        shared = [run for run in runs if run in words]  # one word fewer to look for
        words.append(shared[0] if shared else max(runs, key=len))
    return tuple(dict.fromkeys(words))


def _alternatives(items: list) -> list[list]:
    """The top-level alternatives of a parsed pattern, groups that make up a whole alternative opened."""
    if len(items) == 1 and items[0][0] is sre_constants.SUBPATTERN:
        return _alternatives(items[0][1][-1].data)
    if len(items) == 1 and items[0][0] is sre_constants.BRANCH:
        return [alternative for branch in items[0][1][1] for alternative in _alternatives(branch.data)]
    return [items]


def any_phrase(phrases: Iterable[str]) -> str:
    """A pattern source matching any of the literal `phrases`, shaped as a trie.

    "require|requirement|required" becomes "require(?:ment|d)?": the regular-expression engine then
    tests each character once instead of once per phrase, which matters when it runs at every line.
    Longer phrases are preferred where one is a prefix of another, as in a longest-first alternation.
    """
    trie: dict = {}
    for phrase in phrases:
        node = trie
        for char in phrase:
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie_source(trie)


def _trie_source(node: dict) -> str:
    ends_here = "" in node
    branches = [re.escape(char) + _trie_source(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends_here:
        return ("(?:" + body + ")?") if len(branches) == 1 and len(body) > 1 else body + "?"
    return body


class PhraseSet:
    """Plain phrases looked for as substrings of a text, found from a word they all share.

    When every phrase holds one word ("front" in "front and back office", "front/back office"), a
    phrase can only sit around an occurrence of that word: the text is scanned once for the word,
    and the phrases are compared only there. Without a shared word, each phrase is searched for.
    """

    def __init__(self, phrases: list[str]) -> None:
        self.phrases = tuple(phrases)
        shared = set.intersection(*(set(re.findall(r"[a-z0-9]+", phrase)) for phrase in phrases)) if phrases else set()
        self.shared_word = max(sorted(shared), key=len) if shared else ""
        # each phrase with where the shared word first sits in it
        self._aligned = tuple((phrase, phrase.find(self.shared_word)) for phrase in self.phrases)

    def found_in(self, text: str) -> bool:
        """True when one of the phrases occurs in `text`."""
        if not self.shared_word:
            return any(phrase in text for phrase in self.phrases)
        index = text.find(self.shared_word)
        while index >= 0:
            for phrase, offset in self._aligned:
                if index >= offset and text.startswith(phrase, index - offset):
                    return True
            index = text.find(self.shared_word, index + 1)
        return False
