"""Decide whether a credential (or experience, or education) is required, preferred or mentioned.

Rules, from the most local to the most general:
1. Clause cue: the nearest cue in the hit's clause (its line, cut at ; ! ? and sentence ends) wins:
   "CMA required", "Must hold BLS", "CCMA preferred", "not required", "we pay for your exam".
2. OR-lists: hits joined only by commas, slashes, "or" / "and" ("CMA, RMA or CCMA required") are
   one group; the cue nearest the group gives every member the same level. In a list joined only by
   semicolons, a cue or deadline in the last item's own clause is that item's alone ("BLS; ACLS
   desirable").
3. "within 90 days of hire": the credential is required, by then (`within_months`); "preferred, or
   obtain within 12 months" is preferred with that deadline. A deadline written after the next
   credential of the clause is that one's, not this one's. A negation turned by "but" ("not required
   at hire, but must be obtained within 12 months") is required, by then; a line under a list that
   opens with a level word ("Required within 90 days of hire.") gives the list that level and deadline.
4. "RMA also accepted": with no cue of its own, an alternative takes the level of the list before
   it on its line.
5. Section scope: with no clause cue, the heading above ("Requirements", "Preferred
   qualifications", "Nice to have", a bare "Plus") decides; under neutral headings ("Pay",
   "Benefits") the hit is only mentioned.
Cue phrases live in vocabulary/requirement.toml.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any

from pipeline.lexicon import load
from pipeline.patterns import LoweredPattern, any_phrase

REQUIRED, PREFERRED, MENTIONED = "required", "preferred", "mentioned"
# A count as the text gives it: 3 months stays the int 3 (JSON 3), 1.5 stays a float. Typed Any, because
# the compiled build (mypyc, docs/performance.md) reads "int | float" as float and would turn 3 into 3.0.
Count = Any
# (", and the TB screening must be done within 14 days" starts a clause about something else.)
# (Written to start with the class of the marks, so that the engine skips to the next mark.)
_CLAUSE_END = re.compile(r"[;!?•.,](?:(?<=[;!?•])|(?<=\.)(?=\s|$)|(?<=,)(?=\s+and\s+(?:the|your|all|any)\s))")
# What may stand between two members of one list: "CMA, RMA, or CCMA", "CMA/RMA", "CMA (AAMA) and BLS",
# "one of the following: CMA; RMA; CCMA" (a semicolon joins list items like "or" does).
_GAP_PUNCTUATION = " \t,;()&"
_GAP_WORDS = frozenset({"or", "and", "/", "and/or", "certification", "certifications", "&", "o", "u", "y", "a", "an", "the",
                        "equivalent"})  # "RMA (or equivalent CMA) required within 6 months"
_JOINERS = frozenset({"or", "and", "/", "&", "o", "u", "y"})  # (Spanish "o", "u", "y")
_LIST_GAP = 24  # at most this many characters between two members of one list
_UNMARKED = frozenset({"", "-", "–", "no", "n/a", "na"})  # a table cell that marks nothing
_PARENTHETICAL = re.compile(r"\([^()\n]{0,60}\)")
_HEADING_STRIP = " \t-*#•:>|"
_ITEM_MARKS = "-*•>"  # a line starting with one is a list item, not a heading that ends with a heading word
_KEEPS = "keeps the current level"
# A clause holds a deadline only if it holds one of these (a cheap test before the pattern).
_DEADLINE_WORDS = ("within", "first", "later", "dentro", "plazo", "end of", "completion of", "mark", "by month",
                   "by week", "by day", "anniversary", "month review", "month evaluation", "day review", "primer")
# Months per unit as employers count them: 30 days, 52 weeks or 1 year make 1, 12 and 12 months
# (90 days is 3 months, 26 weeks 6).
_MONTHS_PER_UNIT = {"day": 1 / 30, "week": 12 / 52, "month": 1, "year": 12}
# A list item: a bullet, a number or letter, or an indented line ("  CMA (AAMA); RMA (AMT)").
_BULLET = re.compile(r"[ \t]*(?:[-*\u2022\u00b7\u25aa\u2013o]|\d{1,2}[.)]|[a-z][.)])[ \t]+|[ \t]{2,}(?=\S)")
_AT_HIRE = re.compile(r"(?:at|upon|on|prior\s+to|by)\s+(?:the\s+|your\s+)?(?:time\s+of\s+)?(?:hire|start)")
_ALTERNATIVE = re.compile(r"\bor\s+(?:\w+\s+){0,2}$")  # "preferred, or must obtain within 12 months"
_LABEL_LINE = re.compile(r"[ \t]+[^:\n]{1,40}:")  # an indented "label: value" line
_LABELS_BELOW = 3  # label lines under a credential read for its level ("Issuing body: ...", "Requirement: ...")
_SHORT_LEAD_IN = 12  # words: a line this short with no full stop may introduce a list ("Also required",
# "Accepted credentials (must be current at time of hire)")
_LEAD_IN_REACH = 16  # lines a list item looks up for the line that introduces its list


def _phrases(phrases: list[str]) -> re.Pattern:
    return re.compile(any_phrase(phrases))


@cache
def _rules() -> dict:
    data = load("requirement.toml")
    phrases = any_phrase(_heading_phrases())
    # (The third form: one or two words, then a heading phrase that ends the line: "Additional Requirements".)
    # (A short heading phrase, "Pay" or "Plus", is a heading only as the whole line.)
    heading_line = (r"(?:[ \t\-*#\u2022>|]*(?:" + phrases + r"[^\n:]{0,60}|[^\n]{1,70}:|(?:"
                    + any_phrase(_short_heading_phrases()) + r")[ \t]*)"
                    r"|[ \t]*[^\s:\-*\u2022>|][^\s:]*[ \t]+(?:[^\s:]+[ \t]+)?(?:" + phrases + r")[a-z]*)[ \t*]*$")
    return {
        "cue": LoweredPattern({level: data[level] for level in (MENTIONED, PREFERRED, REQUIRED)}),
        "within": LoweredPattern(data["within"]),
        "within_unit_first": LoweredPattern(data["within_unit_first"]),
        "ordinals": data["within_ordinals"],
        "deadline_subjects": tuple(data["deadline_subjects"]),
        "number_words": data["number_words"],
        "units": {word: unit for unit, words in data["within_units"].items() for word in words},
        "negation": re.compile(data["negation"], re.I),
        "contrast": re.compile(data["contrast"], re.I),
        "new_item": tuple(data["new_item"]),
        "level_words": frozenset(data["level_words"]),
        "elsewhere": tuple(data["elsewhere"]),
        "keeps_this_job": tuple(data["keeps_this_job"]),
        "also_accepted": re.compile("|".join(data["also_accepted"]), re.I),
        "level_label": re.compile(r"[ \t]*(?:" + any_phrase(data["level_labels"]) + r")[ \t]*:[ \t]*(.+)"),
        "preferred": re.compile("|".join(data[PREFERRED]), re.I),
        "label": re.compile(r"^[\s\-*#\u2022>|]*([^:\n]{1,40}):"),
        "aside": _phrases(data["heading_aside"]),
        "money": _phrases(data["heading_money"]),
        "needs_question": _phrases(data["heading_needs_question"]),
        # A short line that ends with a heading phrase: "Additional Requirements", "Job Qualifications".
        "heading_end": re.compile(r"(?:" + any_phrase(list(_heading_phrases())) + r")[a-z]*[ \t]*$"),
        "headings": [(level, _phrases(data[f"heading_{name}"])) for level, name in
                     ((PREFERRED, "preferred"), (REQUIRED, "required"), (None, "neutral"))],
        "heading_start": _phrases(list(_heading_phrases())),
        "short_headings": frozenset(_short_heading_phrases()),
        # A heading-like line: a heading phrase and a few words, or up to 70 characters and a colon.
        # Matched at a line start, with the line's end as the end position.
        "heading_line": re.compile(r"^" + heading_line, re.M),
    }


@cache
def _heading_phrases() -> tuple[str, ...]:
    """The heading phrases a heading line may start with (short ones, "plus", "pay", match too much)."""
    data = load("requirement.toml")
    return tuple(phrase for name in ("aside", "needs_question", "preferred", "required", "neutral")
                 for phrase in data[f"heading_{name}"] if len(phrase) > 4 or name == "aside")


@cache
def _short_heading_phrases() -> tuple[str, ...]:
    """The heading phrases too short to start a heading line ("pay", "plus", "note"): a heading only
    as a line of their own."""
    data = load("requirement.toml")
    return tuple(phrase.strip() for name in ("needs_question", "preferred", "required", "neutral")
                 for phrase in data[f"heading_{name}"] if len(phrase) <= 4)


@dataclass(frozen=True, slots=True)
class Level:
    requirement: str
    within_months: Count | None = None


_NO_DEADLINE = {level: Level(level) for level in (REQUIRED, PREFERRED, MENTIONED)}  # shared: Level is immutable


@dataclass
class Layout:
    """The lines of one text and the headings that scope them, read only as far as a hit needs."""

    text: str
    lowered: str
    _sections: dict[int, str | None] = field(default_factory=dict)  # section() by line start, as read
    lead_ins: dict[int, Level | None] = field(default_factory=dict)  # _lead_in_level by line start
    lead_in_lines: dict[int, int | None] = field(default_factory=dict)  # where each item's lead-in line starts
    _elsewhere: bool | None = None  # whether the text speaks of other jobs at all (read when first asked)
    hit_starts: list[int] = field(default_factory=list)  # where the credentials being read start, in order

    def speaks_of_other_jobs(self) -> bool:
        """True when the text holds an `elsewhere` phrase anywhere ("career path", "advancement to"):
        only then is a list item's lead-in read to check it for one."""
        if self._elsewhere is None:
            self._elsewhere = _speaks_of_other_jobs(self.lowered)
        return self._elsewhere

    def line_bounds(self, offset: int) -> tuple[int, int]:
        """(start, end) of the line that holds `offset`, its newline excluded."""
        end = self.lowered.find("\n", offset)
        return self.lowered.rfind("\n", 0, offset) + 1, end if end >= 0 else len(self.lowered)

    def section(self, line_start: int) -> str | None:
        """The level the nearest heading above the line at `line_start` sets (None under neutral headings).

        Read upwards: the lines above are matched one by one against the heading-like line pattern
        until one sets a level (a heading-like line that sets none keeps the level above it). Every
        line passed on the way shares the answer (kept in `_sections`), so no line is read twice.
        """
        known = self._sections
        lowered = self.lowered
        heading_line = _rules()["heading_line"]
        passed = []
        level = None
        position = line_start
        while position > 0:  # (the first line has no line above it)
            if position in known:
                level = known[position]
                break
            passed.append(position)
            above_end = position - 1
            above_start = lowered.rfind("\n", 0, above_end) + 1
            if heading_line.match(lowered, above_start, above_end):
                found = _level_set_by(lowered[above_start:above_end])
                if found is not _KEEPS:
                    level = found
                    break
            position = above_start
        for position in passed:
            known[position] = level
        return level


@lru_cache(maxsize=4096)
def _level_set_by(line: str) -> str | None:
    """The level heading-like `line` sets (None for a neutral heading), or _KEEPS if it sets none.

    Cached: postings repeat the same few dozen headings ("Requirements:", "Benefits").
    """
    stripped = line.strip(_HEADING_STRIP)
    if not stripped or len(stripped) > 70:
        return _KEEPS
    rules = _rules()
    if stripped.endswith("?") and rules["needs_question"].match(stripped):  # "What do I need on day one?"
        return REQUIRED
    if stripped.endswith("?") and rules["aside"].match(stripped):  # "What's the difference between a CMA and a CCMA?"
        return None
    if stripped in rules["short_headings"]:  # "Pay", "Plus" alone on their line
        is_heading = True
    elif line.rstrip(" \t*").endswith(":"):
        # (a parenthetical does not count: "Minimum qualifications (all must be met at the time of offer):")
        is_heading = (_PARENTHETICAL.sub("", stripped) if "(" in stripped else stripped).count(" ") < 9
    else:  # a bare heading: short, starts like one, and no cue after its first word
        first_space = stripped.find(" ")
        is_heading = stripped.count(" ") < 5 and (
            (rules["heading_start"].match(stripped) is not None
             and (first_space < 0 or not rules["cue"].on(stripped).search(stripped, first_space + 1)))
            or (stripped.count(" ") < 3 and line.lstrip(" \t")[:1] not in _ITEM_MARKS
                and rules["heading_end"].search(stripped) is not None and not rules["cue"].on(stripped).search(stripped)))
    if not is_heading:
        return _KEEPS
    if rules["aside"].match(stripped) or rules["money"].search(stripped):
        return None
    for level, pattern in rules["headings"]:
        if pattern.search(stripped):
            return level
    return _KEEPS


def levels(spans: list[tuple[int, int]], layout: Layout) -> list[Level]:
    """The level of each (start, end) span of `layout.text`, spans in text order."""
    result: list[Level | None] = [None] * len(spans)
    layout.hit_starts = [start for start, _ in spans]
    lowered = layout.lowered
    chains = _chains(spans, lowered)
    previous_line, previous_level = -1, None  # the line start and level of the last list read
    for number, (chain, joined, semicolons_only) in enumerate(chains):
        # A deadline written after the next list belongs to that list, not to this one.
        next_start = spans[chains[number + 1][0][0]][0] if number + 1 < len(chains) else len(lowered)
        groups = [chain] if joined else [[index] for index in chain]
        split = semicolons_only and _last_has_its_own_cue(spans[chain[-1]], lowered)
        if split:
            groups = [chain[:-1], chain[-1:]]  # "BLS; ACLS desirable": the cue is ACLS's alone
        for group in groups:
            first, last = spans[group[0]][0], spans[group[-1]][1]
            line_start = lowered.rfind("\n", 0, first) + 1
            line_end = lowered.find("\n", first)
            if line_end < 0:
                line_end = len(lowered)
            group_next = spans[chain[-1]][0] if split and group is groups[0] else next_start
            level = _level_of(first, last, line_start, line_end, layout, group_next,
                              previous_level if previous_line == line_start else None)
            previous_line, previous_level = line_start, level
            for index in group:
                result[index] = level
    return result  # type: ignore[return-value]


def _last_has_its_own_cue(span: tuple[int, int], lowered: str) -> bool:
    """True when the last member of a list joined only by semicolons has a cue or deadline in its own
    clause, after the last semicolon ("BLS; PALS within 6 months of hire"): that cue is its alone."""
    start, end = span
    line_start = lowered.rfind("\n", 0, start) + 1
    line_end = lowered.find("\n", end)
    line = lowered[line_start:line_end if line_end >= 0 else len(lowered)]
    clause_start, clause_end = _clause_bounds(line, start - line_start, end - line_start)
    own = line[end - line_start:clause_end]
    return _rules()["cue"].on(own).search(own) is not None or _within_months(own) is not None


def _chains(spans: list[tuple[int, int]], lowered: str) -> list[tuple[list[int], bool, bool]]:
    """Runs of spans with only list punctuation and words between them, each with whether a joiner
    ("or", "and", "/", ";") makes it one OR/AND list (a run without one is a row of separate items),
    and whether semicolons alone join it ("CMA; RMA; CCMA")."""
    chains: list[list[int]] = []
    joined: list[bool] = []
    worded: list[bool] = []  # joined by a word or "/" somewhere, not only by semicolons
    previous_end = -1  # where the span before this one ends
    for index, (start, end) in enumerate(spans):
        # (A gap this long cannot be a list's, even with a parenthetical taken out.)
        if index and start - previous_end <= _LIST_GAP + 60 and not _own_deadline_in_brackets(lowered, previous_end, start):
            gap = lowered[previous_end:start]
            if "(" in gap:
                gap = _PARENTHETICAL.sub(" ", gap)  # "CCMA (National Healthcareer Association), CMA, or RMA"
            if len(gap) <= _LIST_GAP and "\n" not in gap:
                words = (gap.replace("/", " / ") if "/" in gap else gap).strip(_GAP_PUNCTUATION).split()
                if _GAP_WORDS.issuperset(words):
                    chains[-1].append(index)
                    by_word = not _JOINERS.isdisjoint(words) or "/" in gap
                    joined[-1] = joined[-1] or by_word or ";" in gap
                    worded[-1] = worded[-1] or by_word
                    previous_end = end
                    continue
        chains.append([index])
        joined.append(False)
        worded.append(False)
        previous_end = end
    return [(chain, is_joined, is_joined and not by_word) for chain, is_joined, by_word in zip(chains, joined, worded)]


def _own_deadline_in_brackets(lowered: str, previous_end: int, start: int) -> bool:
    """True when the hit at `start` opens a bracket that gives it a deadline of its own ("BLS and ACLS
    (ACLS within 6 months)"): it is not a member of the list before it, so the deadline stays its own."""
    if lowered[previous_end:start].rstrip(" \t")[-1:] != "(":
        return False
    close = lowered.find(")", start, start + 80)
    return close > 0 and _holds_any(lowered[start:close], _DEADLINE_WORDS)


def _level_of(start: int, end: int, offset: int, line_end: int, layout: Layout, next_start: int,
              before: Level | None) -> Level:
    """The level of the list at [start, end) on the line [offset, line_end); `before`: the level of the
    list before it on its line."""
    rules = _rules()
    line = layout.lowered[offset:line_end]
    clause_start, clause_end = _clause_bounds(line, start - offset, end - offset)
    clause = line[clause_start:clause_end]
    local_start, local_end = start - offset - clause_start, end - offset - clause_start
    cue = _nearest_cue(rules["cue"].on(clause), clause, local_start, local_end)
    reach = max(local_end, next_start - offset - clause_start)
    for phrase in rules["new_item"]:  # "BLS, plus completion of our HIPAA training within 30 days": not BLS's
        found = clause.find(phrase, local_end, reach)
        if found >= 0:
            reach = found
    within = _within_months(clause[:reach])
    later_cue = None
    if within is None:
        within, later_cue = _deadline_after(line, clause_end, next_start - offset)
    if later_cue == REQUIRED and cue == MENTIONED and rules["negation"].search(clause):
        return Level(REQUIRED, within)  # "A CCMA is not needed to apply. You must earn it within 90 days."
    if within is None and line[clause_end:clause_end + 1] == "?":
        return _NO_DEADLINE[MENTIONED]  # "Are you a medical assistant with a CCMA?" asks, it does not require
    level = _cue_level(cue, within, clause)
    if level is None and _about_another_job(clause):
        return _NO_DEADLINE[MENTIONED]  # "our career ladder supports you toward the COT", under any heading
    if level is not None and level.requirement != MENTIONED and _lead_in_elsewhere(layout, offset):
        return _NO_DEADLINE[MENTIONED]  # an item under "Career path:" is another job's
    if level is not None:
        return level
    if "|" in line:
        column = _column_level(layout, offset, start - offset)
        if column is not None:
            return Level(column, within) if within is not None and column != MENTIONED else _NO_DEADLINE[column]
    if before is not None and rules["also_accepted"].search(clause):
        return before  # "CMA preferred; RMA also accepted": the alternative shares the first one's level
    below = _level_below(layout, line_end)
    if below is not None:
        return below
    # A list item's lead-in outranks its own label: "One of these is required within 60 days:" /
    # "- National certification: CMA, RMA or CCMA".
    scope = _lead_in_level(layout, offset)
    if scope is None:
        label = _line_label_level(line)
        scope = _NO_DEADLINE[label] if label else None
    if scope is None:
        # A question heading that is an aside ("What's the difference between a CMA and a CCMA?") only
        # mentions what it names; any other line takes the level of the heading above it.
        aside = line.rstrip().endswith("?") and _level_set_by(line) is None
        scope = _NO_DEADLINE[MENTIONED if aside else layout.section(offset) or MENTIONED]
    if within is not None:  # a deadline with no cue takes the level of its scope: preferred stays preferred
        return Level(PREFERRED if scope.requirement == PREFERRED else REQUIRED, within)
    return scope


def _level_below(layout: Layout, line_end: int) -> Level | None:
    """The level a template states in the label lines under the credential ("Certified Medical
    Assistant" / "    Issuing body: AAMA" / "    Requirement: Required within 30 days"; requirement.toml
    `level_labels`); None when they state none."""
    lowered = layout.lowered
    for _ in range(_LABELS_BELOW):
        if line_end >= len(lowered):
            return None
        start = line_end + 1
        line_end = lowered.find("\n", start)
        line_end = line_end if line_end >= 0 else len(lowered)
        label = _rules()["level_label"].match(lowered, start, line_end)
        if label is not None:
            value = label.group(1)
            cue = _nearest_cue(_rules()["cue"].on(value), value, 0, 0)
            return _cue_level(cue, _within_months(value), value)
        if not _LABEL_LINE.match(lowered, start, line_end):
            return None
    return None


def _deadline_after(line: str, clause_end: int, next_start: int) -> tuple[Count | None, str | None]:
    """A deadline in a later clause of the line that names no credential of its own but speaks of
    becoming certified ("CMA or RMA required; those not certified at hire must certify within 6 months",
    "COA preferred; hires without it must obtain it within 1 year"), with the cue nearest the start of
    that later text; (None, None) when there is none."""
    end = next_start if next_start < len(line) else len(line)
    if end - clause_end < 12:  # no later clause to speak of (most list items are one clause)
        return None, None
    later = line[clause_end:end]
    if not _holds_any(later, _DEADLINE_WORDS) or not _holds_any(later, _rules()["deadline_subjects"]):
        return None, None
    within = _within_months(later)
    if within is None:
        return None, None
    return within, _nearest_cue(_rules()["cue"].on(later), later, 0, 0)


def _cue_level(cue: str | None, within: Count | None, clause: str) -> Level | None:
    """The level a clause's own cue and deadline set, or None when it has no cue."""
    if cue is None:
        return None
    if cue != MENTIONED and _about_another_job(clause):  # about another job: a mention
        return _NO_DEADLINE[MENTIONED]
    negation = _rules()["negation"].search(clause) if cue == MENTIONED else None
    negated = negation is not None
    if negated and within is not None and _required_after_contrast(clause, negation.end()):
        return Level(REQUIRED, within)  # "not required at hire, but must be obtained within 12 months"
    if within is not None and cue is not None and not negated:
        # "CMA preferred or willingness to obtain within 12 months": preferred, with its deadline,
        # unless the clause also says it is required.
        # ("preferred at hire, or must be obtained within 9 months": "at hire" says when, not how much.)
        if cue == PREFERRED and not any(match.lastgroup == REQUIRED and not _ALTERNATIVE.search(clause, 0, match.start())
                                        and not _AT_HIRE.match(match.group(0))
                                        for match in _rules()["cue"].on(clause).finditer(clause)):
            return Level(PREFERRED, within)
        return Level(REQUIRED, within)
    if negated and _rules()["preferred"].search(clause):  # "CMA not required, but preferred"
        return _NO_DEADLINE[PREFERRED]
    if cue:
        return _NO_DEADLINE[cue]
    return None


def _required_after_contrast(clause: str, position: int) -> bool:
    """True when, after `position`, the clause turns ("but", "pero") to a required cue: "is not
    required at hire, but must be obtained within 12 months"."""
    turn = _rules()["contrast"].search(clause, position)
    return turn is not None and any(match.lastgroup == REQUIRED
                                    for match in _rules()["cue"].on(clause).finditer(clause, turn.end()))


def _lead_in_level(layout: Layout, line_start: int) -> Level | None:
    """The level the line introducing a list sets for its items: a list item ("- CCMA") looks up past
    the other items and blank lines to the line before them; when that line ends with a colon (or is
    a short line without a full stop) and has a cue or a deadline ("Candidates must earn one of the
    following within 6 months of hire:", "Also required"), every item takes its level and deadline.
    None when the line is not a list item or has no such lead-in. Every item passed on the way up
    shares the answer (kept in `layout.lead_ins`), so a list is read once."""
    known = layout.lead_ins
    if line_start in known:
        return known[line_start]
    lowered = layout.lowered
    if not _is_list_item(lowered, line_start):
        known[line_start] = None
        return None
    items = [line_start]
    level, position, lead_in = None, line_start, None
    for _ in range(_LEAD_IN_REACH):
        if position == 0:
            break
        start = lowered.rfind("\n", 0, position - 1) + 1
        line = lowered[start:position - 1]
        position = start
        if not line.strip():
            continue
        # A numbered item that ends with a colon introduces the list under it ("2. You must also hold one of:").
        if _BULLET.match(line) and not line.rstrip(" \t*").endswith(":"):
            if start in known:  # an item above whose list is already read
                level = known[start]
                lead_in = layout.lead_in_lines.get(start)
                break
            items.append(start)
            continue
        if line.rstrip(" \t*").endswith(":") or (len(line.split()) <= _SHORT_LEAD_IN and line.rstrip()[-1:] not in ".!?"):
            lead_in = start
            within = _within_months(line)
            cue = _nearest_cue(_rules()["cue"].on(line), line, len(line), len(line))
            if within is not None and cue == REQUIRED and _rules()["preferred"].search(line):
                cue = PREFERRED  # "One of these is preferred, or must be obtained within 9 months:" (_cue_level decides)
            level = _cue_level(cue, within, line)
            if level is None and within is not None:  # "One of these, or obtain one within 12 months:"
                level = Level(PREFERRED if layout.section(start) == PREFERRED else REQUIRED, within)
            if level is None or (level.within_months is None and level.requirement != MENTIONED):
                within, stated = _deadline_under_list(layout, line_start)
                if within is not None:  # with no cue of its own the lead-in's list takes its scope's level
                    requirement = stated or (level.requirement if level is not None else (
                        PREFERRED if layout.section(start) == PREFERRED else REQUIRED))
                    level = Level(requirement, within)
        break
    for item in items:
        known[item] = level
        layout.lead_in_lines[item] = lead_in
    return level


def _is_list_item(lowered: str, line_start: int) -> bool:
    """True when the line at `line_start` is a list item (`_BULLET`: "- CCMA", "2. BLS", an indented line)."""
    end = lowered.find("\n", line_start)
    return _BULLET.match(lowered, line_start, end if end >= 0 else len(lowered)) is not None


def _deadline_under_list(layout: Layout, item_start: int) -> tuple[Count | None, str | None]:
    """(deadline, level) the line right under a list gives its items when it names no credential of
    its own and speaks of becoming certified ("One of these is preferred:" / "- CMA" / "- RMA" / "Hires
    without one must pass one within 6 months.") or opens with a level ("Preferred at hire; mandatory
    within 6 months."): the level only in that second case, else None; (None, None) for no deadline."""
    lowered = layout.lowered
    position = item_start
    for _ in range(_LEAD_IN_REACH):
        end = lowered.find("\n", position)
        if end < 0:
            return None, None
        position = end + 1
        line_end = lowered.find("\n", position)
        line = lowered[position:line_end if line_end >= 0 else len(lowered)]
        if not line.strip() or _BULLET.match(line):
            continue
        first_hit = bisect.bisect_left(layout.hit_starts, position)
        if first_hit < len(layout.hit_starts) and layout.hit_starts[first_hit] < position + len(line):
            # "BLS must be obtained within 60 days": that deadline is BLS's. Only what comes before
            # the line's first credential speaks of the list ("Certification is required within 90 days. BLS ...").
            line = line[:layout.hit_starts[first_hit] - position]
            sentence_end = line.rfind(". ")
            if sentence_end < 0:
                return None, None
            line = line[:sentence_end]
        opening = _rules()["cue"].on(line).match(line, len(line) - len(line.lstrip(_HEADING_STRIP)))
        if opening is not None and opening.group(0) in _rules()["level_words"]:
            within = _within_months(line)
            level = _cue_level(opening.lastgroup, within, line) if within is not None else None
            return (within, level.requirement) if level is not None else (None, None)
        if not _holds_any(line, _rules()["deadline_subjects"]):
            return None, None
        return _within_months(line), None
    return None, None


def _lead_in_elsewhere(layout: Layout, line_start: int) -> bool:
    """True when the line introducing the list item at `line_start` is about other jobs ("Career path:").

    A line that is no list item has no lead-in; a list's lead-in is read only in a text that speaks
    of other jobs somewhere (the whole-text check is made only for list items)."""
    if line_start not in layout.lead_ins and (not _is_list_item(layout.lowered, line_start)
                                              or not layout.speaks_of_other_jobs()):
        return False
    _lead_in_level(layout, line_start)
    lead_in = layout.lead_in_lines.get(line_start)
    if lead_in is None:
        return False
    end = layout.lowered.find("\n", lead_in)
    return _speaks_of_other_jobs(layout.lowered[lead_in:end if end >= 0 else len(layout.lowered)])


def _speaks_of_other_jobs(lowered: str) -> bool:
    """True when lower-cased text holds one of the `elsewhere` phrases ("career path", "advancement to")."""
    return _holds_any(lowered, _rules()["elsewhere"])


def _about_another_job(clause: str) -> bool:
    """True when a lower-cased clause is about another job ("career path", "promotion to") and does not
    also make the credential a condition of this one ("as a condition of continued employment")."""
    return _speaks_of_other_jobs(clause) and not _holds_any(clause, _rules()["keeps_this_job"])


def _holds_any(text: str, phrases: tuple[str, ...]) -> bool:
    """True when `text` holds one of the plain `phrases` (a loop of `in`: faster than any() or a pattern)."""
    for phrase in phrases:
        if phrase in text:
            return True
    return False


def _line_label_level(line: str) -> str | None:
    """The level an inline label sets for its whole line: "Requirements: CCMA; current CPR"; a
    neutral label ("Note: ...", "Benefits: ...") makes the line a mention."""
    label = _line_label(line)
    if label is None:
        return None
    level = _level_set_by(label + ":")
    return None if level is _KEEPS else level or MENTIONED


def _column_name(cell: str) -> str | None:
    """The level a table header cell names ("Required", "Preferred"), or None."""
    cue = _rules()["cue"].on(cell).search(cell)
    return cue.lastgroup if cue is not None and cue.lastgroup != MENTIONED else None


def _column_level(layout: Layout, line_start: int, position: int) -> str | None:
    """In a text table whose header names levels ("Qualification | Required | Preferred"), the level of
    the column the hit at `position` of its row stands in; None when the row is in no such table."""
    lowered = layout.lowered
    column = lowered.count("|", line_start, line_start + position)
    start = line_start
    for _ in range(_LEAD_IN_REACH):
        if start == 0:
            return None
        start = lowered.rfind("\n", 0, start - 1) + 1
        row = lowered[start:lowered.find("\n", start)]
        if not row.strip():
            continue
        if "|" not in row:
            return None
        # The first column holds the items ("Requirement / Requisito"), whatever word it uses.
        named = [None] + [_column_name(cell.strip(" \t*")) for cell in row.split("|")[1:]]
        if any(named):
            if column < len(named) and named[column]:
                return named[column]
            # The credential in a column of its own, a mark under a level: "CCMA or CMA | | X".
            line_end = lowered.find("\n", line_start)
            cells = lowered[line_start:line_end if line_end >= 0 else len(lowered)].split("|")
            marked = [name for name, cell in zip(named, cells) if name and cell.strip(" \t*") not in _UNMARKED]
            return marked[0] if len(marked) == 1 else None
    return None


def _line_label(line: str) -> str | None:
    """The label a line starts with: up to 40 characters before its first colon, after any bullets."""
    label = _rules()["label"].match(line)
    return label.group(1) if label else None


def _clause_bounds(line: str, start: int, end: int) -> tuple[int, int]:
    """(start, end) in `line` of the clause that holds the hit at [start, end): cut at the clause
    marks (`_CLAUSE_END`, each one character) before and after it; a mark inside the hit cuts nothing."""
    clause_start, clause_end = 0, len(line)
    for match in _CLAUSE_END.finditer(line):
        mark = match.start()
        if mark < start:
            clause_start = mark + 1
        elif mark >= end:
            clause_end = mark
            break
    return clause_start, clause_end


def _nearest_cue(cues: re.Pattern, clause: str, start: int, end: int) -> str | None:
    """The level group of the cue in `clause` nearest the hit at [start, end), or None: a cue after
    the hit at distance d beats one before it at distance d; a "mentioned" cue around the hit itself
    ("No phlebotomy certification needed") beats both; other cues around the hit are passed over.

    The matches come left to right, so the scan stops at the first cue that starts after the hit
    (none later is nearer) or at one around it."""
    best, best_distance = None, None
    for match in cues.finditer(clause):
        match_start, match_end = match.span()
        if match_start < end and match_end > start:
            if match.lastgroup == MENTIONED:
                return MENTIONED  # (distance -1: nothing is nearer)
            continue
        if match_start >= end:
            distance = match_start - end
            return match.lastgroup if best_distance is None or distance < best_distance else best
        best, best_distance = match.lastgroup, start - match_end + 0.5  # each one before is nearer than the last
    return best


def _within_months(clause: str) -> Count | None:
    """The deadline a lower-cased clause sets ("within 90 days of hire" = 3), in months, or None."""
    if not _holds_any(clause, _DEADLINE_WORDS):
        return None
    rules = _rules()
    match = rules["within"].first_in(clause)
    if match:
        amount, unit = match.group(1).lower(), rules["units"][match.group(2).lower()]
    else:  # "by month 12"
        match = rules["within_unit_first"].first_in(clause)
        if not match:
            return None
        amount, unit = match.group(2), rules["units"][match.group(1).lower()]
    count = int(amount) if amount.isdigit() else rules["number_words"].get(amount) or rules["ordinals"].get(amount, 0)
    months = round(count * _MONTHS_PER_UNIT[unit], 1)
    return int(months) if months == int(months) else months
