"""The speed-ups keep the answers: fast forms of patterns, phrases and the words-only text agree with the plain forms."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.lexicon import load
from pipeline.matcher import _WORD_TABLE, find_hits, lower_same_length, words_only
from pipeline.patterns import LoweredPattern, PhraseSet, _starts_a_word, any_phrase
from pipeline.requirement import MENTIONED, PREFERRED, REQUIRED, Layout

CLAUSES = [
    "- current bls certification from the american heart association",
    "cma, rma or ccma certification required within 90 days of hire",
    "experience with epic ehr is a plus; we'll pay for your exam",
    "no certification required, but preferred",
    "we are seeking a certified medical assistant (must-have: bls)",
    "requirements: ccma; nice to have: acls",
    "unrequired, premust, apreferred",  # cue words inside other words
    "preferred qualifications: ccma. minimum qualifications: bls",  # a lookbehind after the word boundary
    "qualifications:ccma; bonus qualification: acls",
]


@pytest.mark.parametrize("phrases", [["require", "requirement", "required"], ["ab", "abc", "a", "b"],
                                     ["must have", "must-have", "minimum"], ["x"]])
@pytest.mark.parametrize("text", ["requirements", "abcd", "ab", "b a", "must-have it", "mini", "", "xx"])
def test_trie_shaped_phrases_match_what_a_longest_first_alternation_matches(phrases, text):
    longest_first = re.compile("|".join(re.escape(phrase) for phrase in sorted(phrases, key=len, reverse=True)))
    trie = re.compile(any_phrase(phrases))
    assert [match.span() for match in trie.finditer(text)] == [match.span() for match in longest_first.finditer(text)]


@pytest.mark.parametrize("clause", CLAUSES)
def test_requirement_cues_on_lowered_ascii_text_match_as_the_case_insensitive_pattern_does(clause):
    data = load("requirement.toml")
    cues = LoweredPattern({level: data[level] for level in (MENTIONED, PREFERRED, REQUIRED)})
    assert cues.ascii_text is not cues.any_text
    fast = [(match.span(), match.lastgroup) for match in cues.on(clause).finditer(clause)]
    plain = [(match.span(), match.lastgroup) for match in cues.any_text.finditer(clause)]
    assert fast == plain


@pytest.mark.parametrize(("alternative", "starts_a_word"), [
    (r"\bmust\b", True), (r"\b(?:will|we)\s+pay", True), (r"\b(\d{1,2}(?:\.\d)?|one|two)\s*years", True),
    (r"\b(?:minimum\s+)?qualifications?\s*:", True), (r"\b(?<!preferred )(?<!bonus )qualifications?", True),
    (r"\b(?<=x)-y", False), (r"\b(?<!(a))b", False), (r"\bprefer(?:red|ably)?\b", True), (r"\b(?:a(?:x|-y)|b)c", True),
    (r"\b(?:-foo|bar)", False), (r"\b(?:a\(|-b)", False), (r"\b(?:foo)?-bar", False), (r"\b(?:foo){0,2}-x", False),
    (r"\ba?-b", False), (r"\b(?:a?-b|c)", False), (r"\b(?P<x>a)", False), (r"must", False), (r"\b\$", False),
])
def test_only_patterns_whose_every_match_starts_a_word_skip_other_positions(alternative, starts_a_word):
    assert _starts_a_word(alternative) is starts_a_word
    if not starts_a_word:  # the fast form must then be tried everywhere
        assert not LoweredPattern([alternative]).ascii_text.pattern.startswith("(?=")


def test_a_pattern_with_a_capital_keeps_the_case_insensitive_form():
    pattern = LoweredPattern([r"\bRequired\b", r"\bmust\b"])
    assert pattern.on("required") is pattern.any_text
    assert pattern.on("required").search("required")


def test_alternatives_that_do_not_start_a_word_are_still_found_inside_words():
    pattern = LoweredPattern(["bonus", r"\bpay\b"])
    assert pattern.on("signbonus").search("signbonus")


def test_non_ascii_text_gets_the_case_insensitive_form():
    pattern = LoweredPattern([r"\bmust\b"])
    assert pattern.on("must • hold") is pattern.any_text


def test_search_of_any_case_lowers_ascii_text_itself():
    assert LoweredPattern(["sign-on"]).search("$500 Sign-On bonus") is not None


@pytest.mark.parametrize("text", ["both front and back office duties", "front desk only", "", "the back and front office",
                                  "front front/back office", "front/back offic"])
def test_phrase_set_finds_what_a_search_for_each_phrase_finds(text):
    phrases = ["front and back office", "front/back office", "both front and back", "back and front office"]
    assert PhraseSet(phrases).found_in(text) == any(phrase in text for phrase in phrases)


def test_phrase_set_without_a_shared_word_searches_each_phrase():
    phrases = PhraseSet(["lead medical assistant", "supervise staff"])
    assert phrases.shared_word == ""
    assert phrases.found_in("you will supervise staff") and not phrases.found_in("you will lead")


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aZ9 -/()\n\t.’•–é\u00a0\u2122→İ\udc80ſ")), max_size=60))
def test_words_only_through_the_byte_table_equals_the_character_table(text):
    lowered = lower_same_length(text)
    assert words_only(lowered) == lowered.translate(_WORD_TABLE)


def test_sections_read_for_a_late_line_first_still_answer_for_an_earlier_line():
    text = "Requirements\n- CCMA\nNice to have\n- ACLS\nBenefits:\n- BLS classes"
    lowered = text.lower()
    lazy = Layout(text, lowered)
    starts = [lowered.index(line) for line in ("- ccma", "- acls", "- bls")]
    assert lazy.section(starts[2]) is None  # under "Benefits:"
    assert [lazy.section(start) for start in starts] == [REQUIRED, PREFERRED, None]
    in_order = Layout(text, lowered)
    assert [in_order.section(start) for start in starts] == [REQUIRED, PREFERRED, None]


def test_a_heading_on_the_first_line_scopes_the_lines_under_it():
    text = "Preferred qualifications\n- BLS"
    assert Layout(text, text.lower()).section(text.index("- BLS")) == PREFERRED


def test_hits_come_back_by_dimension_in_text_order():
    text = "Skills: vitals, phlebotomy and EKG. CMA or RMA required; BLS preferred."
    hits = find_hits(text, lower_same_length(text))
    assert {"skills", "certifications"} <= set(hits)
    for dimension_hits in hits.values():
        starts = [hit.start for hit in dimension_hits]
        assert starts == sorted(starts)
    assert [hit.term.id for hit in hits["certifications"]] == ["CMA", "RMA", "BLS"]
    assert all(text[hit.start:hit.end] == hit.span for dimension_hits in hits.values() for hit in dimension_hits)


def test_the_requirement_cues_keep_the_word_start_form_that_makes_them_fast():
    """Every cue in requirement.toml starts a word ("\\b(?<!as )needed\\b", not "(?<!as )\\bneeded\\b"), so the
    cue pattern is tried only where a word starts; one cue written otherwise slows every level read ~2x."""
    from pipeline.requirement import _rules

    assert _rules()["cue"].word_starts
