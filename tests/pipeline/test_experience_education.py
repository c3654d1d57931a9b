"""Experience years and requirement, education level, languages."""

from __future__ import annotations

import pytest

from pipeline import experience, tag


def test_years_of_experience_required(tag_text):
    result = tag_text("Requirements:\n- 2+ years of medical assistant experience")
    assert (result["experience_years_min"], result["experience_requirement"]) == (2, "required")


def test_range_of_years_gives_the_minimum(tag_text):
    assert tag_text("1-3 years of clinical experience required.")["experience_years_min"] == 1


def test_experience_preferred(tag_text):
    result = tag_text("Two years of experience preferred.")
    assert (result["experience_years_min"], result["experience_requirement"]) == (2, "preferred")


def test_no_experience_necessary_is_zero(tag_text):
    result = tag_text("No experience necessary - we will train!")
    assert (result["experience_years_min"], result["experience_requirement"]) == (0, None)


def test_silence_on_experience_is_null(tag_text):
    assert tag_text("Room patients and take vitals.")["experience_years_min"] is None


def test_years_not_about_experience_are_ignored(tag_text):
    assert tag_text("Serving the community for 30 years. Experience matters to us.")["experience_years_min"] is None


def test_education_picks_the_highest_required_level(tag_text):
    text = "High school diploma required. Graduate of an accredited medical assistant program required."
    assert tag_text(text)["education"] == "ma_program"


def test_education_preferred_only_gives_the_lowest_named(tag_text):
    text = "Bachelor's degree preferred; high school diploma considered."
    assert tag_text(text)["education"] == "high_school"


def test_bilingual_with_languages(tag_text):
    result = tag_text("Bilingual English/Spanish required; Vietnamese a plus.")
    assert result["bilingual"] and result["languages"] == ["spanish", "vietnamese"]


def test_language_word_without_a_language_cue_is_not_a_language(tag_text):
    assert tag_text("Clinic on Spanish Fork Road.")["languages"] == []


def test_years_as_a_medical_assistant_count_as_experience(tag_text):
    result = tag_text("Requirements:\n- 3+ years as a medical assistant; a year in a lead role preferred")
    assert (result["experience_years_min"], result["experience_requirement"]) == (3, "required")


def test_years_as_a_company_are_not_experience(tag_text):
    result = tag_text("We have served our town for 40 years as a family-owned clinic.")
    assert result["experience_years_min"] is None


def test_an_ma_program_under_a_what_we_need_heading_outranks_high_school(tag_text):
    text = "What we need from you:\nHigh school diploma or GED.\nCompletion of an accredited medical assistant program."
    assert tag_text(text)["education"] == "ma_program"


@pytest.mark.parametrize("years, band", [(None, None), (0, "0-2"), (0.5, "0-2"), (2, "0-2"), (2.5, "0-2"),
                                         (3, "3-5"), (5, "3-5"), (6, "6+"), (10, "6+")])
def test_experience_band_follows_the_guides_years_0_2_3_5_and_6_plus(years, band):
    assert experience.band(years) == band


def test_tag_carries_the_experience_band_of_the_years_asked():
    tagged = tag({"title": "Medical Assistant", "description": "Requires 4 years of experience as a medical assistant."})
    assert (tagged["experience_years_min"], tagged["experience_band"]) == (4, "3-5")
    assert tag({"title": "Medical Assistant", "description": "Room patients."})["experience_band"] is None
