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
