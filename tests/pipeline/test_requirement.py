"""Requirement levels: clause cues, OR-lists, section scope, deadlines and negations."""

from __future__ import annotations


def test_or_list_gives_each_credential_the_requirement_level(levels_of):
    assert levels_of("CMA, RMA, or CCMA required.") == {"CMA": "required", "RMA": "required", "CCMA": "required"}


def test_or_list_with_preferred_cue_after_it_is_preferred_for_all(levels_of):
    assert levels_of("CCMA, RMA, or CMA certification is highly desirable.") == {
        "CCMA": "preferred", "RMA": "preferred", "CMA": "preferred"}


def test_each_clause_keeps_its_own_cue(levels_of):
    assert levels_of("CMA or RMA required; BLS preferred.") == {"CMA": "required", "RMA": "required", "BLS": "preferred"}


def test_requirements_heading_governs_the_bullets_under_it(levels_of):
    text = "Requirements\n- CCMA\n- BLS\nNice to have\n- ACLS"
    assert levels_of(text) == {"CCMA": "required", "BLS": "required", "ACLS": "preferred"}


def test_neutral_heading_ends_the_requirement_section(levels_of):
    text = "Requirements:\n- CCMA\nBenefits:\n- We pay for CPR renewal classes\n- BLS classes on site"
    assert levels_of(text) == {"CCMA": "required", "CPR": "mentioned", "BLS": "mentioned"}


def test_colon_line_with_a_cue_acts_as_a_heading(levels_of):
    assert levels_of("The following are preferred:\n- CMA\n- BLS") == {"CMA": "preferred", "BLS": "preferred"}


def test_within_days_of_hire_is_required_with_months(tag_text):
    found = tag_text("BLS must be obtained within 90 days of hire.")["certifications"]
    assert found == [{"code": "BLS", "requirement": "required", "within_months": 3}]


def test_within_thirty_days_is_one_month(tag_text):
    assert tag_text("PALS within 30 days of start.")["certifications"][0]["within_months"] == 1


def test_within_spelled_number_with_digits_in_brackets(tag_text):
    assert tag_text("CCMA within six (6) months.")["certifications"][0]["within_months"] == 6


def test_not_required_makes_a_credential_mentioned(levels_of):
    assert levels_of("ACLS is not required.") == {"ACLS": "mentioned"}


def test_we_pay_for_your_exam_is_mentioned(levels_of):
    assert levels_of("No certification required; we pay for your CCMA exam.") == {"CCMA": "mentioned"}


def test_preferred_but_not_required_is_preferred(levels_of):
    assert levels_of("CMA preferred but not required.") == {"CMA": "preferred"}


def test_credential_named_without_any_cue_is_mentioned(levels_of):
    assert levels_of("Our MAs hold a variety of credentials (CMA, RMA).") == {"CMA": "mentioned", "RMA": "mentioned"}


def test_strongest_level_wins_when_a_code_is_named_twice(levels_of):
    assert levels_of("We will reimburse BLS renewals.\nRequired: BLS.") == {"BLS": "required"}


def test_a_negation_reaches_over_a_long_credential_name(levels_of):
    assert levels_of("No medical assistant certification needed.") == {"MA_ANY": "mentioned"}
    assert levels_of("No experience or CMA certification required.") == {"CMA": "mentioned"}


def test_preferred_qualifications_label_is_preferred_though_qualifications_reads_as_required(levels_of):
    text = "Preferred qualifications: CMA; one year of allergy experience.\nRequired: BLS."
    assert levels_of(text) == {"CMA": "preferred", "BLS": "required"}
    assert levels_of("Qualifications: CMA or RMA.") == {"CMA": "required", "RMA": "required"}


def test_what_we_need_heading_governs_the_lines_under_it(levels_of):
    text = "What we need from you:\nRMA or NCMA.\nOur benefits:\nWe pay for your BLS class."
    assert levels_of(text) == {"RMA": "required", "NCMA": "required", "BLS": "mentioned"}
