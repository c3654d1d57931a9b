"""Titles: MA or not, Massachusetts, seniority ladder, track, normalisation, specialty."""

from __future__ import annotations

import pytest

from pipeline import title


@pytest.mark.parametrize("name", [
    "Medical Assistant", "Clinical Medical Assistant", "Back Office MA", "Lead MA", "Ophthalmic Technician",
    "Podiatry Assistant", "Medical Office Assistant", "CCMA - Urgent Care", "Medical Assistant Supervisor",
])
def test_ma_titles_are_ma(name):
    assert title.is_ma(name, "")


@pytest.mark.parametrize("name", [
    "Physician Assistant", "PA-C", "Certified Nursing Assistant", "Dental Assistant", "Veterinary Assistant",
    "Medical Scribe", "Patient Care Technician", "Registered Nurse", "Certified Medication Aide (CMA)",
    "Medical Assistant Instructor", "Receptionist - Boston, MA",
])
def test_excluded_roles_are_not_ma_even_when_they_name_mas(name):
    assert not title.is_ma(name, "you will supervise medical assistants")


def test_massachusetts_in_a_title_is_not_medical_assistant():
    assert title.normalize("Front Desk Coordinator - Springfield, MA 01103") == "front desk coordinator"


def test_team_lead_title_is_ma_only_when_the_text_is_about_mas():
    assert title.is_ma("Clinical Team Lead", "lead medical assistant duties plus scheduling")
    assert not title.is_ma("Clinical Team Lead", "lead our software engineering team")


@pytest.mark.parametrize("name, level", [
    ("Medical Assistant", "entry"), ("Medical Assistant I", "entry"), ("MA Trainee", "entry"),
    ("Medical Assistant II", "mid"), ("Senior Medical Assistant", "senior"), ("Medical Assistant III", "senior"),
    ("Lead Medical Assistant", "lead"), ("MA Team Lead", "lead"), ("Clinical Coordinator", "lead"),
    ("Medical Assistant Supervisor", "supervisor"), ("Practice Manager", "manager"),
    ("Clinical Operations Manager", "manager"),
])
def test_seniority_ladder(name, level):
    assert title.seniority(name) == level


def test_track_from_title_then_text():
    assert title.track("Front Office Medical Assistant", "", 5, 0) == "administrative"
    assert title.track("Medical Assistant", "you will work front and back office", 3, 3) == "hybrid"
    assert title.track("Medical Assistant", "", 0, 4) == "administrative"
    assert title.track("Medical Assistant", "", 4, 1) == "clinical"


def test_normalize_expands_abbreviations():
    assert title.normalize("Sr. MA") == "senior medical assistant"


@pytest.mark.parametrize("raw, role", [
    ("Medical Assistant - Family Medicine", "medical assistant"),
    ("Medical Assistant (Float)", "medical assistant"),
    ("Certified Medical Assistant (CMA) - Pediatrics", "certified medical assistant"),
    ("Clinical Medical Assistant II | Cardiology | Days", "clinical medical assistant ii"),
    ("Sr. MA - Dermatology (Per Diem) - Boston, MA", "senior medical assistant"),
    ("Back Office Medical Assistant, Part-Time - $2,000 Sign-On Bonus", "back office medical assistant"),
    ("Lead - Medical Assistant", "lead medical assistant"),
    ("Patient Care Assistant (MA)", "patient care assistant"),
    ("Dermatology: Medical Assistant", "dermatology medical assistant"),
])
def test_normalize_keeps_the_role_and_cuts_specialty_schedule_and_bonus_qualifiers(raw, role):
    assert title.normalize(raw) == role


def test_normalize_keeps_a_qualifier_when_the_head_alone_names_no_role():
    assert title.normalize("Ophthalmology - Technician") == "ophthalmology technician"
    assert title.normalize("Front Desk Coordinator, Pediatrics") == "front desk coordinator"


def test_specialty_from_title_wins_over_description(tag_text):
    result = tag_text("We also serve primary care patients. Primary care referrals.", title="Dermatology Medical Assistant")
    assert result["specialty"] == "dermatology"


def test_specialty_from_description_when_title_is_silent(tag_text):
    assert tag_text("Our pediatric clinic sees newborns. Pediatric vaccines daily.")["specialty"] == "pediatrics"
