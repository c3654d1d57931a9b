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
    ("Medical Assistant", None), ("Clinical Medical Assistant", None), ("Medical Assistant I", "entry"),
    ("MA Trainee", "entry"), ("Medical Assistant Apprentice", "entry"), ("Supervisory Medical Assistant", "supervisor"),
    ("Medical Assistant II", "mid"), ("Senior Medical Assistant", "senior"), ("Medical Assistant III", "senior"),
    ("Lead Medical Assistant", "lead"), ("MA Team Lead", "lead"), ("Clinical Coordinator", "lead"),
    ("Medical Assistant Supervisor", "supervisor"), ("Practice Manager", "manager"),
    ("Clinical Operations Manager", "manager"),
])
def test_seniority_is_the_level_the_title_states_or_none(name, level):
    assert title.seniority(name) == level


@pytest.mark.parametrize("text, level", [
    ("this is an entry-level position in a busy clinic", "entry"),
    ("new grads welcome! we train on our workflows", "entry"),
    ("recent graduates are encouraged to apply", "entry"),
    ("great for new graduates of an ma program", "entry"),
    ("puesto de nivel de entrada, se ofrece capacitación", "entry"),
    ("this is not an entry-level position; three years required", None),
    ("you will handle entry level data entry and patient intake", None),
    ("entry point from: graduation from an accredited program", None),
    ("most of our leaders started in entry-level clinical roles here", None),
    ("this is entry-level paraprofessional work in a county clinic", "entry"),
    ("duties:\nentry level - no prior ma experience required", "entry"),
    ("two years of experience in a busy family practice", None),
])
def test_a_plain_title_takes_an_explicit_entry_statement_from_the_text(text, level):
    assert title.seniority("Medical Assistant", text) == level


def test_the_title_level_wins_over_an_entry_statement_in_the_text():
    assert title.seniority("Lead Medical Assistant", "new grads welcome to apply for our ma i roles") == "lead"


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
