"""The compiled scanner (pipeline/_scan.pyx) is built, current, and finds exactly the hits the Python loop finds."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from pipeline import matcher, tagger
from pipeline.lexicon import terms
from pipeline.matcher import find_hits_python, lower_same_length
from tests.conftest import IN_CI
from benchmarks.tagger_accuracy import load_labelled as labelled_postings

PIPELINE = Path(matcher.__file__).parent


@pytest.fixture(scope="module")
def compiled():
    scanner = matcher.scanner()
    if scanner is None:
        message = "pipeline/_scan.pyx is not compiled (make test builds it; it needs gcc and python3-dev)"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    return scanner


def _mutations(text: str, chooser: random.Random) -> list[str]:
    """Copies of `text` in other shapes: case, digits and symbols inside words, lines joined, cut short."""
    inserted = chooser.choice(["5", "0", "•", "é", "ñ", "İ", "’", "(", ")", "\u00a0", "ß", "ſ", "español", "K", "Ⅷ"])
    cut = chooser.randrange(len(text) + 1)
    return [text.upper(), text.replace("\n", " "), text[:cut] + inserted + text[cut:], text[:cut],
            "".join(chooser.choice([char.upper(), char]) for char in text)]


def test_labelled_postings_and_mutated_copies_get_the_same_hits_compiled_and_in_python(compiled):
    chooser = random.Random(7)
    texts = []
    for posting in labelled_postings():
        text = tagger.description_text(posting)
        texts += [text, posting["title"], *_mutations(text, chooser)]
    assert len(texts) > 1000
    differing = [text for text in texts
                 if compiled.find_hits(text, lower_same_length(text)) != find_hits_python(text, lower_same_length(text))]
    assert differing == []


# Vocabulary words and the characters around them, so that random text is full of near-hits.
_WORDS = sorted({alias for term in terms() for alias in term.aliases if len(alias) < 14})[:400]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(_WORDS), st.sampled_from([" ", "\n", ", ", "(", ")", "-", ".", "5", "é", "•", "İ"]),
                          st.text(max_size=4)), max_size=40))
def test_random_text_full_of_vocabulary_gets_the_same_hits_compiled_and_in_python(compiled, pieces):
    text = "".join(pieces)
    lowered = lower_same_length(text)
    assert compiled.find_hits(text, lowered) == find_hits_python(text, lowered)


def test_a_hit_from_the_compiled_scanner_is_the_matcher_hit_type(compiled):
    text = "CMA (AAMA) required; Epic and athenaOne."
    hits = compiled.find_hits(text, lower_same_length(text))
    assert [type(hit) for hit in hits["certifications"]] == [matcher.Hit]
    assert [hit.span for hit in hits["certifications"]] == ["CMA (AAMA)"]
    assert [hit.term.id for hit in hits["ehr"]] == ["epic", "athenahealth"]


@pytest.mark.parametrize("widening", ["", "é", "•", "\U0001f600"])  # one-, one-, two- and four-byte texts
def test_veto_and_need_words_decide_alike_whatever_the_width_of_the_text(compiled, widening):
    texts = {f"{widening}Per the Bureau of Labor Statistics, BLS projects growth.": [],
             f"BLS certification required{widening}": ["BLS"],
             f"Certified Medication Aide (CMA){widening} wanted": [],
             f"{widening} CMA or RMA required": ["CMA", "RMA"]}
    for text, codes in texts.items():
        lowered = lower_same_length(text)
        hits = compiled.find_hits(text, lowered)
        assert hits == find_hits_python(text, lowered), text
        assert [hit.term.id for hit in hits.get("certifications", [])] == codes, text
    needs = {f"Charting in Epic {widening}.": ["epic"], f"An Epic career awaits {widening}.": [], f"Epic. {widening}": ["epic"],
             f"Our epic {widening} team. Epic.": ["epic"], f"Experience. Epic is great {widening}": [],
             f"Spanish {widening} speaking a plus": ["spanish"], f"Spanish rice {widening}. We speak": []}
    for text, ids in needs.items():
        lowered = lower_same_length(text)
        hits = compiled.find_hits(text, lowered)
        assert hits == find_hits_python(text, lowered), text
        assert [hit.term.id for dimension in ("ehr", "languages") for hit in hits.get(dimension, [])] == ids, text


def test_the_tagger_gives_the_same_records_without_the_compiled_scanner(compiled, monkeypatch):
    chooser = random.Random(11)
    postings = [dict(posting, description=text) for posting in labelled_postings()
                for text in (posting["description"], *_mutations(posting["description"], chooser)[1:3])]
    with_compiled = [tagger.tag(posting) for posting in postings]
    monkeypatch.setattr(matcher, "compiled", lambda: None)
    assert [tagger.tag(posting) for posting in postings] == with_compiled


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["experience", "exp.", "train", "entry", "grad", "years as", "aa", "a", " ", "\n", "é", "İ",
                                 "experienced", "sentry", "ex", "p."]), max_size=30),
       st.lists(st.sampled_from(["experience", "exp.", "years as", "aa", "aaa", "train", "é"]), min_size=1, max_size=5, unique=True),
       st.integers(min_value=1, max_value=4))
def test_every_occurrence_of_a_few_words_is_found_in_one_pass_as_str_find_finds_it(compiled, pieces, words, limit):
    from pipeline.experience import _occurrences
    text = "".join(pieces)
    found = matcher.compiled().Substrings(words).find(text, limit)
    assert found == {word: _occurrences(text, word, limit) for word in words}


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["cma", " ", "required", "preferred", ";", ".", ". ", ".\u00a0", "!", "?", "•", "not required",
                                 "within 90 days", "a plus", "é", "must", "x.y", "a", "we'll pay for your exam", "prefer",
                                 "qualifications:", "_", "9", "-", "nice-to-have", "seeking an"]), max_size=25),
       st.integers(min_value=0, max_value=60), st.integers(min_value=0, max_value=8))
def test_clause_bounds_and_the_nearest_cue_are_the_same_compiled_and_in_python(compiled, pieces, start, width):
    from pipeline.requirement import _clause_bounds, _nearest_cue, _rules
    line = "".join(pieces)
    start = min(start, len(line))
    end = min(start + width, len(line))
    bounds = matcher.compiled().clause_bounds(line, start, end)
    assert bounds == _clause_bounds(line, start, end)
    clause = line[bounds[0]:bounds[1]]
    cues = _rules()["cue"].on(clause)
    local = (start - bounds[0], end - bounds[0])
    python = _nearest_cue(cues, clause, *local)
    assert matcher.compiled().nearest_cue(cues, clause, *local) == python
    if clause.isascii():  # matched only where a lead fits: the same matches as finditer
        leads = matcher.compiled().Leads(_rules()["cue"].leads())
        assert [match.span() for match in leads.matches(cues, clause)] == [match.span() for match in cues.finditer(clause)]
        assert matcher.compiled().nearest_cue(cues, clause, *local, leads) == python


_LEVEL_PIECES = ["CMA", "RMA", "BLS", " or ", ", ", "/", " and ", " required", " preferred", " within 90 days", " not required",
                 "; ", ". ", "\n", "\nRequirements:\n", "\nNice to have\n", "\nBenefits\n", "- ", "Must have ", "é", " a plus",
                 "Qualifications: ", " we pay for your exam", "no experience necessary", "2 years of experience"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_LEVEL_PIECES), max_size=30))
@example(["BLS", " preferred", ", ", "CMA", " or ", "RMA", " required"])
def test_requirement_levels_are_the_same_compiled_and_in_python(compiled, pieces):
    from pipeline.requirement import Layout, levels
    text = "".join(pieces)
    lowered = lower_same_length(text)
    spans = [(hit.start, hit.end) for hit in find_hits_python(text, lowered).get("certifications", [])]
    fast = levels(spans, Layout(text, lowered))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(matcher, "compiled", lambda: None)
        assert levels(spans, Layout(text, lowered)) == fast


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["experience", "train", "grad", "x" * 30, " ", "\n", "exp.", "years as"]), max_size=40),
       st.integers(min_value=0, max_value=120), st.integers(min_value=1, max_value=60))
def test_windows_around_words_are_the_same_compiled_and_in_python(compiled, pieces, reach, limit):
    from pipeline import experience
    text = "".join(pieces)
    words = ("experience", "exp.", "years as", "train", "grad")
    known = {word: experience._occurrences(text, word) for word in words}
    python = []
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(matcher, "compiled", lambda: None)
        patch.setattr(experience, "MAX_OCCURRENCES", limit)
        python = experience._windows(text, words, reach, dict(known))
    assert matcher.compiled().windows(known, words, reach, len(text), limit) == python


def test_hits_and_window_words_from_one_pass_equal_the_two_passes(compiled):
    from pipeline import experience
    words = experience.window_words()
    for posting in labelled_postings():
        text = tagger.description_text(posting)
        lowered = lower_same_length(text)
        hits, found = matcher.find_hits_and_words(text, lowered, words, 3)
        assert hits == find_hits_python(text, lowered)
        assert found == {word: experience._occurrences(lowered, word, 3) for word in words}


def test_a_lowered_text_of_another_length_is_refused_not_read_past_its_end(compiled):
    with pytest.raises(ValueError, match="same length"):
        compiled.find_hits("CMA required", "cma")


_YEARS_PIECES = ["2", "12", "1.5", "one", "six", " ", "  ", "+", "-", "–", " to ", " or ", "(2)", "years", "year", "yrs",
                 "months", " of ", "experience", "no experience necessary", "we will train", "new grads welcome", "entry-level",
                 "know", "none", "for a new grad", "x", "\n", ".", "é", "_"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_YEARS_PIECES), max_size=30), st.integers(min_value=0, max_value=80),
       st.integers(min_value=0, max_value=80))
def test_patterns_tried_only_where_a_lead_fits_find_what_finditer_and_search_find(compiled, pieces, pos, width):
    from pipeline.experience import _rules
    lowered = lower_same_length("".join(pieces))
    pos = min(pos, len(lowered))
    endpos = min(pos + width, len(lowered))
    for pattern in (_rules()["years"], _rules()["none"]):
        form = pattern.on(lowered)
        assert pattern.leads() is not None
        spans = [(match.span(), match.groups()) for match in pattern.finditer_in(lowered, pos, endpos)]
        assert spans == [(match.span(), match.groups()) for match in form.finditer(lowered, pos, endpos)]
        first, plain = pattern.first_in(lowered, pos, endpos), form.search(lowered, pos, endpos)
        assert (first and first.span()) == (plain and plain.span())


_HEADING_PIECES = ["\n", "Requirements", "requirements:", "Preferred Qualifications", "Nice to have", "Benefits", "- ", "* ", "# ",
                   "> ", "| ", "\t", " ", "  ", "*", ":", "what you'll need", "CMA required", "x" * 30, "y" * 45, "Duties",
                   "extra credit", "day-to-day", "about us", "a", ".", "é"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_HEADING_PIECES), max_size=40), st.integers(min_value=0, max_value=5),
       st.integers(min_value=0, max_value=8))
def test_heading_like_lines_are_the_same_compiled_and_in_python(compiled, pieces, skip_lines, keep_lines):
    from pipeline.requirement import Layout, _heading_finder
    text = "".join(pieces)
    lowered = lower_same_length(text)
    line_starts = [0] + [index + 1 for index, char in enumerate(lowered) if char == "\n"]
    start = line_starts[min(skip_lines, len(line_starts) - 1)]
    ends = [index for index, char in enumerate(lowered) if char == "\n" and index >= start] + [len(lowered)]
    end = ends[min(keep_lines, len(ends) - 1)]
    layout = Layout(text, lowered)
    layout._read_to = start
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(matcher, "compiled", lambda: None)
        python = list(layout._heading_like_lines(end))
    if lowered.isascii():
        assert _heading_finder(matcher.compiled()).find(lowered, start, end) == python
    assert list(layout._heading_like_lines(end)) == python


@pytest.mark.parametrize("filler", ["", "x", "xx y ", "é "])
def test_hits_around_the_middle_where_the_second_lane_starts_are_each_found_once(compiled, filler):
    # The one-byte scan runs the text's two halves side by side, the second from a little before
    # the middle: a hit straddling the middle, or ending just after it, must come out once, in order.
    phrase = "Certified Medical Assistant (CMA), BLS and Epic; "
    for shift in range(len(phrase) + 1):
        text = "a " * 80 + filler + "z" * shift + phrase * 3 + "b " * 80
        lowered = lower_same_length(text)
        assert compiled.find_hits(text, lowered) == find_hits_python(text, lowered), shift


def test_a_text_with_thousands_of_hits_in_its_second_half_loses_none(compiled):
    text = "Duties. " * 200 + "CMA, RMA, vital signs, EKG, phlebotomy, Epic, Spanish speaking. " * 300
    lowered = lower_same_length(text)
    hits = compiled.find_hits(text, lowered)
    assert hits == find_hits_python(text, lowered)
    assert len(hits["certifications"]) == 600  # CMA and RMA, 300 times
    words = matcher.substrings(matcher.compiled(), ("cma", "epic", "duties"))
    found = compiled.find_hits_and_words(text, lowered, words, 10_000)[1]
    assert found == {word: experience_occurrences(lowered, word) for word in ("cma", "epic", "duties")}


def experience_occurrences(lowered: str, word: str) -> list[int]:
    from pipeline.experience import _occurrences
    return _occurrences(lowered, word, 10_000)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["- ", "* ", "# ", "• ", "> ", "| ", " ", "\t", "\n", ":", "Requirements", "x" * 15,
                                 "y" * 30, "a", "é", "\x1c", "\u00a0"]), max_size=14))
def test_a_line_label_is_what_the_label_pattern_finds(compiled, pieces):
    from pipeline.requirement import _rules
    line = "".join(pieces)
    match = _rules()["label"].match(line)
    assert matcher.compiled().line_label(line) == (match.group(1) if match else None)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_HEADING_PIECES), max_size=40))
def test_headings_read_in_c_set_the_same_sections_as_in_python(compiled, pieces):
    from pipeline.requirement import Layout
    text = "".join(pieces)
    lowered = lower_same_length(text)
    line_starts = [0] + [index + 1 for index, char in enumerate(lowered) if char == "\n"]
    fast, slow = Layout(text, lowered), Layout(text, lowered)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(matcher, "compiled", lambda: None)
        python = [slow.section(start) for start in line_starts]
    assert [fast.section(start) for start in line_starts] == python
    read = [(start, level) for start, level in zip(fast._heading_starts, fast._heading_levels) if start < line_starts[-1]]
    assert read == list(zip(slow._heading_starts, slow._heading_levels))  # C reads on to the end; the rest is the same


@pytest.mark.parametrize("gap", [" ", "  ", "\t", "\n", " \t\n ", "\x0b\x0c\r", "\x1c\x1f", "", "-", " - ", "_"])
def test_a_lead_gap_takes_any_run_of_white_space_as_the_pattern_does(compiled, gap):
    from pipeline.requirement import _rules
    cues = _rules()["cue"]
    leads = matcher.compiled().Leads(cues.leads(), cues.word_starts)
    for clause in (f"cma is{gap}a{gap}plus", f"at{gap}least one year", f"we{gap}will{gap}train you", f"no{gap}exceptions",
                   f"bls{gap}required{gap}", f"a{gap}plus{gap}a{gap}plus"):
        assert ([(match.span(), match.lastgroup) for match in leads.matches(cues.ascii_text, clause)]
                == [(match.span(), match.lastgroup) for match in cues.ascii_text.finditer(clause)]), clause
