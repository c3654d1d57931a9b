# cython: annotation_typing=False
"""Vocabulary regular expressions compiled for the lower-cased text the rules read.

The rules match cue patterns (requirement, experience) on text the tagger has already
lower-cased. On ASCII text a pattern written in lower case needs no re.IGNORECASE, and a pattern
whose every alternative starts a word ("\\bmust\\b", "\\b(?:one|two)") need only be tried where a
word starts: together several times faster, with the same matches. Text with other characters keeps
the case-insensitive form, whose case folding has special cases ("ſ" reads as "s").
"""

from __future__ import annotations

import re
from re import _constants as _sre, _parser  # the engine's own parser: leads() reads its parse tree
from typing import Any, Iterable

from pipeline import matcher

_WORD_START = re.compile(r"[a-z0-9]|\\d|\\w")
_LOOKBEHINDS = re.compile(r"^(?:\(\?<[=!][^()\\]*\))+")  # plain ones: no group or escape inside
_MAY_BE_EMPTY = re.compile(r"(?:\?|\*|\{0(?:,\d*)?\})\??")  # a quantifier that allows no repeat


class LoweredPattern:
    """A case-insensitive pattern, with a faster equivalent for lower-cased ASCII text.

    `alternatives` is one pattern, a list of them, or named lists ({"required": [...]}) that
    become named groups (`match.lastgroup` says which list matched).
    """

    def __init__(self, alternatives: str | list[str] | dict[str, list[str]]) -> None:
        groups = alternatives if isinstance(alternatives, dict) else {
            None: [alternatives] if isinstance(alternatives, str) else alternatives}
        every = [alternative for group in groups.values() for alternative in group]
        self.any_text = re.compile(_joined(groups), re.I)
        self.word_starts = False  # ascii_text matches only where a word starts
        self._leads_for: Any = None  # the compiled module _compiled_leads was made for
        self._compiled_leads: Any = None
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

    def leads(self) -> tuple[tuple[str, bool], ...] | None:
        """What every match of `ascii_text` in ASCII text starts with: (text, then_not_a_word_character)
        pairs, so that a match can start only where one of them fits. None when a match may start
        with no literal text, or `ascii_text` is the case-insensitive form."""
        if self.ascii_text is self.any_text or self.ascii_text.flags & re.IGNORECASE:
            return None
        found = _leads(list(_parser.parse(self.ascii_text.pattern)))
        if not found or any(not text or text.startswith(GAP) for text, _ in found):
            return None
        return tuple(sorted(found))

    def finditer_in(self, lowered: str, pos: int = 0, endpos: int | None = None) -> Iterable[re.Match]:
        """The matches in `lowered[pos:endpos]` (lower-cased text), as the right form's finditer gives
        them. On ASCII text, with the compiled module, the pattern is tried only where a lead fits."""
        endpos = len(lowered) if endpos is None else endpos
        if not lowered.isascii():
            return self._form_between(lowered, pos, endpos).finditer(lowered, pos, endpos)
        leads = self._leads_in_c()
        return self.ascii_text.finditer(lowered, pos, endpos) if leads is None else leads.matches(
            self.ascii_text, lowered, pos, endpos)

    def first_in(self, lowered: str, pos: int = 0, endpos: int | None = None) -> re.Match | None:
        """The first match in `lowered[pos:endpos]`, as the right form's search finds it (see finditer_in)."""
        endpos = len(lowered) if endpos is None else endpos
        if not lowered.isascii():
            return self._form_between(lowered, pos, endpos).search(lowered, pos, endpos)
        leads = self._leads_in_c()
        if leads is None:
            return self.ascii_text.search(lowered, pos, endpos)
        return leads.first(self.ascii_text, lowered, pos, endpos)

    def _form_between(self, lowered: str, pos: int, endpos: int) -> re.Pattern:
        """The form to use on lowered[pos:endpos] of a text that is not all ASCII. A match cannot
        reach past endpos; so where that stretch is ASCII, the case rules of the other characters
        cannot change it, and the fast form gives the same matches, unless a lookbehind reads
        before pos."""
        if self._looks_behind or not lowered[pos:endpos].isascii():
            return self.any_text
        return self.ascii_text

    def _leads_in_c(self) -> Any:
        """The compiled Leads of this pattern (pipeline/_scan.pyx), or None without the module or leads."""
        module = matcher.compiled()
        if module is None:
            return None
        if self._leads_for is not module:
            leads = self.leads()
            self._compiled_leads = None if leads is None else module.Leads(leads, self.word_starts)
            self._leads_for = module
        return self._compiled_leads

    def on(self, lowered: str) -> re.Pattern:
        """The form to use on `lowered` (str.isascii costs nothing: the string knows)."""
        return self.ascii_text if lowered.isascii() else self.any_text

    def search(self, text: str) -> re.Match | None:
        """The first match in a short `text` of any case (lower-cased here when ASCII)."""
        if not text.isascii():
            return self.any_text.search(text)
        lowered = text.lower()
        leads = self._leads_in_c()
        if leads is None:
            return self.ascii_text.search(lowered)
        return leads.first(self.ascii_text, lowered, 0, len(lowered))


_OPEN, _STOP, _WORD_END = "open", "stop", "word end"  # a lead may grow; it may not; a non-word character follows it
GAP = "\x00"  # in a lead: one or more white-space characters ("\\s+" in the pattern)


def _leads(items: list) -> set[tuple[str, bool]]:
    """The leads of the parse-tree sequence `items`: each the literal text a match begins with (GAP
    for a run of white space), and whether a non-word character (or the end) must follow it.
    Sound, not tight: where the tree gets hard to read, a lead stops growing, and a shorter lead
    only lets more positions through."""
    return {_plain_gaps(text, state == _WORD_END) for text, state in _grow(items)}


def _plain_gaps(text: str, then_not_word: bool) -> tuple[str, bool]:
    """A lead whose gaps a matcher can read by skipping all white space: two gaps in a row become
    one, and the lead ends before a gap that white space follows (the pattern might give some of
    the run back to it). Cut at a gap, a lead is still followed by a non-word character."""
    while GAP + GAP in text:
        text = text.replace(GAP + GAP, GAP)
    for index, char in enumerate(text):
        if char == GAP and (index + 1 < len(text) and text[index + 1].isspace()):
            return text[:index], True
    return text, then_not_word


def _grow(items: list) -> set[tuple[str, str]]:
    leads = {("", _OPEN)}
    for index, (op, value) in enumerate(items):
        growing = {text for text, state in leads if state == _OPEN}
        done = {lead for lead in leads if lead[1] != _OPEN}
        if not growing:
            break
        if op is _sre.AT:
            if value is _sre.AT_BOUNDARY:  # after a word character, a boundary means a non-word one follows
                leads = done | {(text, _WORD_END if text and _is_word(text[-1]) else _OPEN) for text in growing}
            continue
        if op in (_sre.ASSERT, _sre.ASSERT_NOT):
            continue  # lookarounds take no characters
        if op is _sre.LITERAL:
            leads = done | {(text + chr(value), _OPEN) for text in growing}
            continue
        if op is _sre.IN and (chars := _characters(value)) is not None:
            leads = done | {(text + char, _OPEN) for text in growing for char in chars}
            continue
        if op is _sre.SUBPATTERN and not value[1] and not value[2] or op is _sre.BRANCH:
            branches = [list(value[3])] if op is _sre.SUBPATTERN else [list(branch) for branch in value[1]]
            inner = set().union(*(_grow(branch) for branch in branches))
            leads = done | {(text + more, state) for text in growing for more, state in inner}
            continue
        if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT):
            least, _, body = value
            if least == 0:
                if any(growing):  # the leads so far are enough: they stop here, and stay few
                    return done | {(text, _STOP) for text in growing}
                # at the start: taken, and its own leads begin the match; or skipped, and what follows does
                taken = {(more, _STOP if state == _OPEN else state) for more, state in _grow(list(body))}
                return done | taken | _grow(items[index + 1:])
            if _only_space(list(body)):  # "\\s+": a gap, and the lead grows on after it
                leads = done | {(text + GAP, _OPEN) for text in growing}
                continue
            if _only_non_word(list(body)):
                leads = done | {(text, _WORD_END) for text in growing}
                continue
            # taken at least once: one repetition's leads, and no further
            taken = {(more, _STOP if state == _OPEN else state) for more, state in _grow(list(body))}
            return done | {(text + more, state) for text in growing for more, state in taken}
        leads = done | {(text, _STOP) for text in growing}
        break
    return leads


def _characters(members: list) -> str | None:
    """The characters a class ("[0-9]", "\\d", "[-–]") matches in ASCII text, when few; else None.
    ("\\d" matches other digits too, but leads are only used on ASCII text.)"""
    chars = ""
    for kind, member in members:
        if kind is _sre.LITERAL:
            chars += chr(member)
        elif kind is _sre.RANGE and member[1] - member[0] < 40:
            chars += "".join(chr(code) for code in range(member[0], member[1] + 1))
        elif kind is _sre.CATEGORY and member is _sre.CATEGORY_DIGIT:
            chars += "0123456789"
        else:
            return None
    return chars if len(chars) <= 40 else None


def _only_space(items: list) -> bool:
    """True when the one-character sequence `items` matches only white space ("\\s", " ")."""
    if len(items) != 1:
        return False
    op, value = items[0]
    if op is _sre.LITERAL:
        return chr(value).isspace()
    return op is _sre.IN and all(kind is _sre.LITERAL and chr(member).isspace()
                                 or kind is _sre.CATEGORY and member is _sre.CATEGORY_SPACE for kind, member in value)


def _only_non_word(items: list) -> bool:
    """True when the one-character sequence `items` matches only non-word characters ("\\s", "[\\s-]", " ")."""
    if len(items) != 1:
        return False
    op, value = items[0]
    if op is _sre.LITERAL:
        return not _is_word(chr(value))
    if op is not _sre.IN:
        return False
    return all(kind is _sre.LITERAL and not _is_word(chr(member)) or kind is _sre.CATEGORY and member is _sre.CATEGORY_SPACE
               for kind, member in value)


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


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


def any_phrase(phrases: list[str]) -> str:
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
