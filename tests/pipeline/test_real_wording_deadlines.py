"""Deadlines and cues as employers word them (issue 14, from development set 5): calendar days,
"by month 12", "the 6-month mark", the end of the probationary period, the first year, a deadline in
a later sentence or on the line under a list, and cues such as "an asset", "optional", "req'd"."""

from __future__ import annotations

import pytest

from pipeline import pay, tag


def _levels(text: str, title: str = "Medical Assistant") -> dict[str, str]:
    record = tag({"id": "t", "title": title, "description": text})
    return {item["code"]: item["requirement"] + (f"/{item['within_months']}" if item["within_months"] else "")
            for item in record["certifications"]}


@pytest.mark.parametrize("text, expected", [
    ("Requirements\n- BLS card within 30 calendar days of your start date", {"BLS": "required/1"}),
    ("Requirements\n- Basic Life Support within 90 business days of hire", {"BLS": "required/3"}),
    ("Qualifications\n- NCMA certification must be held by month 6 of employment", {"NCMA": "required/6"}),
    ("Qualifications\n- RMA: required by the 12-month mark", {"RMA": "required/12"}),
    ("Certificates\nCPR is required upon successful completion of the probationary period (three months).",
     {"CPR": "required/3"}),
    ("Incumbents must earn the CCMA before the end of their first year in the class.", {"CCMA": "required/12"}),
    ("Requirements\n- CMA or RMA within the first year of employment", {"CMA": "required/12", "RMA": "required/12"}),
])
def test_a_deadline_in_the_words_employers_use_is_read_in_months(text, expected):
    assert _levels(text) == expected


def test_a_preferred_credential_keeps_a_deadline_written_in_its_later_clause():
    text = "Qualifications\n- NCMA strongly preferred; new staff without it should obtain it within 9 months"
    assert _levels(text) == {"NCMA": "preferred/9"}


def test_a_credential_not_needed_to_apply_but_due_within_a_deadline_is_required_by_then():
    text = ("Do I need a certificate to apply?\nThe RMA is not required to apply. You must earn it within "
            "120 days of your hire date, though.")
    assert _levels(text) == {"RMA": "required/4"}


def test_a_deadline_on_the_line_under_a_list_goes_to_every_item_of_the_list():
    text = ("Credentials\nAny one of these is preferred:\n- CCMA\n- NCMA\n- RMA\n"
            "New hires who are not certified are expected to pass one within four months.\nBLS required.")
    assert _levels(text) == {"CCMA": "preferred/4", "NCMA": "preferred/4", "RMA": "preferred/4", "BLS": "required"}


def test_a_line_under_a_list_that_names_its_own_credential_keeps_its_deadline_to_itself():
    text = "Accepted credentials (current at time of hire):\n- CMA\n- CCMA\nCPR must be obtained within 45 days."
    assert _levels(text) == {"CMA": "required", "CCMA": "required", "CPR": "required/1.5"}


def test_a_numbered_item_ending_with_a_colon_introduces_the_list_under_it():
    text = ("Minimum qualifications\n1. High school diploma\n2. By the end of your first year you must hold one of these:\n"
            "   a. NCMA\n   b. CCMA\n3. Six months of clinic experience")
    assert _levels(text) == {"NCMA": "required/12", "CCMA": "required/12"}


def test_a_deadline_after_and_the_belongs_to_the_thing_it_names():
    text = "Requirements\nCPR is required on your first day, and the drug screen must be cleared within 10 days."
    assert _levels(text) == {"CPR": "required"}


def test_a_career_ladder_sentence_under_requirements_only_mentions_the_next_credential():
    text = "Requirements\n- CCMA required\n\nOur career ladder helps you work toward the CMA later on."
    assert _levels(text) == {"CCMA": "required", "CMA": "mentioned"}


@pytest.mark.parametrize("text, expected", [
    ("Qualifications\n- CPR required\n- A phlebotomy certificate would be considered an asset", "preferred"),
    ("Requisitos\n- CPR obligatorio\n- Certificación de flebotomía es un plus", "preferred"),
    ("Requisitos\n- CPR obligatorio\nPreferimos personas con certificación de flebotomía.", "preferred"),
    ("Requirements\n- CPR required\n- Phlebotomy certification: optional", "mentioned"),
    ("Requirements\n- CPR required\nPhlebotomy certification students are welcome to apply.", "mentioned"),
])
def test_requirement_cues_of_real_postings_set_the_level(text, expected):
    assert _levels(text) == {"CPR": "required", "PHLEBOTOMY": expected}


def test_we_would_love_makes_a_credential_preferred():
    assert _levels("Requirements\n- CPR required\nWe'd love it if you hold the NCMA too.")["NCMA"] == "preferred"


def test_a_credential_that_may_substitute_for_experience_is_only_mentioned():
    text = ("Minimum qualifications\n- One year of clinic experience. A current CNA certificate may substitute for "
            "six months of the required experience.\n- CCMA required")
    assert _levels(text) == {"CNA": "mentioned", "CCMA": "required"}


def test_req_d_is_read_as_required():
    assert _levels("- NHA or AMT certification req'd") == {"CCMA": "required", "RMA": "required"}


def test_a_pay_label_that_names_a_credential_does_not_make_it_required():
    text = ("Perks\n- Certification premium for an RMA: $0.75/hr extra\n\nQualifications\n- RMA preferred\n- CPR required")
    assert _levels(text) == {"RMA": "preferred", "CPR": "required"}


def test_an_awarding_body_beside_a_misspelled_certification_word_is_its_credential():
    assert _levels("Requirements\n- NHA certfication a plus") == {"CCMA": "preferred"}


def test_a_misspelled_basic_life_support_is_bls():
    assert _levels("Requirements\n- Basic Life Suport (current)") == {"BLS": "required"}


def test_an_annual_range_followed_by_a_bonus_is_still_the_pay():
    parsed, _ = pay.parse_text("Salary: $41,000-$47,500/yr plus bonus.")
    assert (parsed["min"], parsed["max"], parsed["period"]) == (41000, 47500, "year")


def test_an_amount_on_its_own_line_is_not_read_with_the_stipend_on_the_next():
    parsed, _ = pay.parse_text("Pay\nBase hourly: $26.10\nLodging stipend: up to $650/week\nMeals: up to $300/week")
    assert (parsed["min"], parsed["max"], parsed["period"]) == (26.10, 26.10, "hour")


@pytest.mark.parametrize("title, seniority", [("Asistente Médico con Experiencia", "mid"),
                                              ("Medical Assistant Trainie", "entry")])
def test_spanish_and_misspelled_title_levels_are_read(title, seniority):
    assert tag({"id": "t", "title": title, "description": "Room patients."})["seniority"] == seniority


def test_a_misspelled_medicle_assistant_title_is_an_ma_posting():
    assert tag({"id": "t", "title": "Medicle Assistant - Family Practice", "description": "Room patients."})["is_ma"]


# Development set 6 (tests/pipeline/labelled/realworld6.jsonl): headings, questions and pay layouts.

def test_a_short_heading_that_ends_with_a_heading_word_scopes_the_lines_under_it():
    text = "Duties\n- Room patients\n\nAdditional Requirements\n- Phlebotomy skills\n- Current CPR"
    assert _levels(text) == {"CPR": "required"}


def test_a_list_item_that_ends_with_certification_is_not_a_heading():
    text = "Nice to have\n- RMA certification\n\nAbout the RMA\nThe RMA is a national credential from AMT."
    assert _levels(text) == {"RMA": "preferred"}


def test_a_question_heading_about_what_the_job_needs_sets_required():
    text = "What will I need to start?\nA BLS card and a diploma.\n\nWhat is the CMA?\nThe CMA is a credential."
    assert _levels(text) == {"BLS": "required", "CMA": "mentioned"}


def test_se_valorara_makes_what_follows_preferred():
    assert _levels("Requisitos\n- RCP vigente\n\nSe valorará\n- Certificación CCMA") == {"CPR": "required",
                                                                                          "CCMA": "preferred"}


def test_preferred_at_hire_or_obtained_later_is_preferred_with_the_deadline():
    text = "Any of these is preferred at hire, or must be earned within 10 months:\n- NCMA\n- CCMA"
    assert _levels(text) == {"NCMA": "preferred/10", "CCMA": "preferred/10"}


@pytest.mark.parametrize("wording, months", [("26 weeks", 6), ("180 days", 6), ("120 days", 4), ("two weeks", 0.5)])
def test_weeks_and_days_are_counted_in_months_as_employers_count_them(wording, months):
    assert _levels(f"Requirements\n- RMA within {wording} of hire") == {"RMA": f"required/{months}"}


def test_a_credential_that_will_not_meet_the_requirement_is_only_mentioned():
    text = "Requirements\n- CCMA or RMA required\n- A CMAA alone does not meet this requirement"
    assert _levels(text) == {"CCMA": "required", "RMA": "required", "CMAA": "mentioned"}


def test_a_step_table_laid_across_gives_its_first_and_last_step():
    text = "Salary schedule (hourly)\nStep 1 | Step 2 | Step 3 | Step 4\n$19.40 | $20.37 | $21.39 | $22.46\n"
    parsed, _ = pay.parse_text(text)
    assert (parsed["min"], parsed["max"], parsed["period"]) == (19.40, 22.46, "hour")


def test_a_minimum_and_a_maximum_on_two_lines_are_one_range():
    parsed, _ = pay.parse_text("Salary\nMinimum: $44,200 per year\nMaximum: $58,900 per year\n")
    assert (parsed["min"], parsed["max"], parsed["period"]) == (44200, 58900, "year")


@pytest.mark.parametrize("title", ["Medcal Assistant", "Medicial Assistant - Pediatrics"])
def test_more_misspelled_titles_are_ma_postings(title):
    assert tag({"id": "t", "title": title, "description": "Room patients."})["is_ma"]


def test_a_misspelled_awarding_body_name_is_its_credential():
    assert _levels("Requirements\n- Certification from the National Heathcareer Association") == {"CCMA": "required"}
