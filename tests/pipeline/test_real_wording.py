"""Wording real employers use that the tagger must read right (issue 14): misspelled and Spanish
titles, Spanish requirement cues, a bare "Athena" among EHR names, a nursing-assistant certificate."""

from __future__ import annotations

import pytest

from pipeline import tag
from pipeline.relevance import is_relevant
from tests.pipeline.wording import levels as _levels


def _tag(title: str, text: str) -> dict:
    return tag({"id": "t", "title": title, "description": text})


@pytest.mark.parametrize("title", ["Medical Assisitant", "Medical Asistant - Family Practice", "Certified Medical Assistent",
                                   "Medical Assitant (Float)"])
def test_a_misspelled_medical_assistant_title_is_still_an_ma_posting(title):
    assert is_relevant(title, "Room patients and take vitals.")
    assert _tag(title, "Room patients and take vitals.")["is_ma"] is True


@pytest.mark.parametrize("title", ["Asistente Médico", "Asistente Medica - Clínica Familiar", "Asistente de Médico (bilingüe)",
                                   "Asistente Clínico"])
def test_a_spanish_language_ma_title_is_an_ma_posting(title):
    assert is_relevant(title, "Atención a pacientes.")
    assert _tag(title, "Atención a pacientes.")["is_ma"] is True


def test_a_spanish_posting_keeps_its_required_credential_and_its_language():
    text = ("Buscamos asistente médico para nuestra clínica en El Paso.\n"
            "Requisitos:\n- Se requiere certificación CCMA vigente.\n- Bilingüe: español e inglés.\n"
            "Deseable: experiencia con eClinicalWorks.")
    record = _tag("Asistente Médico", text)
    assert {item["code"]: item["requirement"] for item in record["certifications"]} == {"CCMA": "required"}
    assert record["languages"] == ["spanish"] and record["bilingual"] is True


def test_a_spanish_preferred_cue_makes_a_credential_preferred():
    record = _tag("Asistente Médico", "Certificación RMA deseable, no indispensable para empezar.")
    assert {item["code"]: item["requirement"] for item in record["certifications"]}["RMA"] == "preferred"


@pytest.mark.parametrize("text", ["Charting in Epic, Cerner or Athena.", "Experience with Athena preferred.",
                                  "EHR: Athena"])
def test_a_bare_athena_beside_ehr_words_is_athenahealth(text):
    assert "athenahealth" in _tag("Medical Assistant", text)["ehr"]


@pytest.mark.parametrize("text", ["Inspired by Athena, goddess of wisdom.", "Join the athena team"])
def test_athena_without_an_ehr_context_is_not_an_ehr(text):
    assert "athenahealth" not in _tag("Medical Assistant", text)["ehr"]


@pytest.mark.parametrize("text", ["Current certificate as a Nursing Assistant required.",
                                  "Must hold a Nursing Assistant certification from the state.",
                                  "Nurse Aide certificate preferred."])
def test_a_nursing_assistant_certificate_is_cna(text):
    assert "CNA" in {item["code"] for item in _tag("Patient Care Assistant", text)["certifications"]}


def test_athena_in_a_street_name_is_not_an_ehr_even_beside_the_word_epic():
    assert "athenahealth" not in _tag("Medical Assistant", "Be part of an epic journey at our office on Athena Street!")["ehr"]


def test_every_item_of_a_one_of_the_following_list_gets_the_lists_level_and_deadline():
    text = ("Qualifications:\n- Certification from one of the following (required within 12 months of start): "
            "CMA; RMA; CCMA; NCMA; NRCMA\n- BLS required.")
    assert _levels(text) == {code: "required/12" for code in ("CMA", "RMA", "CCMA", "NCMA", "NRCMA")} | {"BLS": "required"}


def test_preferred_or_willing_to_obtain_within_months_is_preferred_with_that_deadline():
    assert _levels("CMA or RMA certification preferred or willingness to obtain within 12 months.") == {
        "CMA": "preferred/12", "RMA": "preferred/12"}


def test_a_clause_that_also_says_required_keeps_the_deadline_required():
    assert _levels("CCMA preferred at hire, and required within 90 days.") == {"CCMA": "required/3"}


def test_a_deadline_on_a_line_about_something_else_is_not_the_credentials():
    text = "Requirements:\nCMA or RMA certification preferred.\nEnroll in the benefits program within 30 days of hire."
    assert _levels(text) == {"CMA": "preferred", "RMA": "preferred"}


def test_a_deadline_after_the_next_credential_belongs_to_that_one():
    text = "Required: Certified Medical Assistant, EKG experience, BLS and ACLS within 6 months."
    assert _levels(text) == {"CMA": "required", "BLS": "required/6", "ACLS": "required/6"}


def test_a_sentence_defining_a_credential_is_not_a_requirement():
    text = ("The Certified Medical Assistant (CMA) is a credential awarded by the AAMA to graduates who pass its exam.\n"
            "Requirements: CCMA.")
    assert _levels(text) == {"CMA": "mentioned", "CCMA": "required"}


@pytest.mark.parametrize(("text", "expected"), [
    ("Certified Medical Assistant preferred; Registered Medical Assistant also accepted.", {"CMA": "preferred", "RMA": "preferred"}),
    ("CCMA required; RMA is also acceptable.", {"CCMA": "required", "RMA": "required"}),
])
def test_an_also_accepted_alternative_shares_the_level_of_the_credential_before_it(text, expected):
    assert _levels(text) == expected


def test_a_list_of_the_organisations_sites_does_not_make_the_job_urgent_care():
    text = "Our network includes outpatient clinics, urgent care centers and hospitals. You will room patients."
    assert _tag("Medical Assistant", text)["specialty"] is None


def test_adult_and_pediatric_patients_do_not_make_a_family_medicine_office_pediatrics():
    text = "We serve adult and pediatric patients at our family medicine office."
    assert _tag("Medical Assistant", text)["specialty"] == "family_medicine"


@pytest.mark.parametrize("text", [
    "Applicants who are not yet certified must earn one of these no later than 6 months after hire:\n- CCMA\n- NCMA\n- CMAC",
    "<p>Accepted credentials - must be obtained within 180 days of your start date:</p><ul><li>CCMA</li><li>NCMA</li>"
    "<li>CMAC</li></ul>",
])
def test_items_under_a_lead_in_line_take_its_level_and_deadline(text):
    assert _levels(text) == {"CCMA": "required/6", "NCMA": "required/6", "CMAC": "required/6"}


def test_a_lead_in_line_reaches_only_its_own_list():
    text = "Must hold one of the following within 90 days of hire:\n- RMA\n- CCMA\n\nWe also value\nCMA holders."
    assert _levels(text) == {"RMA": "required/3", "CCMA": "required/3", "CMA": "mentioned"}


def test_items_under_a_certification_heading_are_required_unless_they_say_otherwise():
    text = "Licenses and Certifications\n- BLS from the AHA\n- CCMA or RMA (preferred)\n\nBenefits\n- CPR class on site"
    assert _levels(text) == {"BLS": "required", "CCMA": "preferred", "RMA": "preferred", "CPR": "mentioned"}


def test_a_deadline_without_a_cue_under_a_preferred_heading_stays_preferred():
    text = "Nice to have:\n- CMA or RMA, or the drive to earn one within 12 months of hire"
    assert _levels(text) == {"CMA": "preferred/12", "RMA": "preferred/12"}


def test_at_hire_is_a_required_cue():
    assert _levels("Our clinic:\n- One of these at time of hire: RMA or NCMA") == {"RMA": "required", "NCMA": "required"}


@pytest.mark.parametrize(("text", "expected"), [
    ("Requisitos\n- Debe obtener su certificación CCMA dentro de los 90 días de su contratación", {"CCMA": "required/3"}),
    ("Preferible\n- Certificación RMA", {"RMA": "preferred"}),
    ("Requisitos:\n- Pagamos tu examen de certificación CCMA al terminar el programa", {"CCMA": "mentioned"}),
])
def test_spanish_deadlines_headings_and_offers_to_pay(text, expected):
    assert _levels(text) == expected


def test_a_faq_answer_under_requirements_that_says_what_a_credential_is_does_not_require_it():
    text = ("Requirements\n- RMA certification\n\nFAQ\nWhat is an NCMA? An NCMA is a national certification "
            "from the NCCT for medical assistants.")
    assert _levels(text) == {"RMA": "required", "NCMA": "mentioned"}


def test_a_misspelled_preferred_heading_still_makes_its_items_preferred():
    assert _levels("Requirements:\n- BLS\nPrefered:\n- CCMA") == {"BLS": "required", "CCMA": "preferred"}


@pytest.mark.parametrize("lead_in", ["Also required", "Credential (one required)", "Required credential:"])
def test_a_short_line_with_a_cue_introduces_the_list_under_it(lead_in):
    assert _levels(f"Contract details\n{lead_in}\n- NCMA\n- BLS") == {"NCMA": "required", "BLS": "required"}


def test_a_later_clause_about_becoming_certified_gives_the_list_its_deadline():
    text = ("Licenses and Certificates\nCertification as an MA (CMA or RMA) required; staff who are not "
            "certified at hire must become certified within 6 months of employment.\nBenefits start within 30 days.")
    assert _levels(text) == {"CMA": "required/6", "RMA": "required/6"}


def test_a_later_clause_about_something_else_gives_no_deadline():
    assert _levels("Requirements:\n- CCMA required; health insurance begins within 30 days") == {"CCMA": "required"}


@pytest.mark.parametrize("text", ["Requirements:\n- NCMA requried", "Requirments:\n- NCMA", "Qualifcations:\n- NCMA"])
def test_misspelled_cues_and_headings_still_set_the_level(text):
    assert _levels(text) == {"NCMA": "required"}


def test_a_spanish_en_un_plazo_de_deadline():
    assert _levels("Requisitos\n- Credencial RMA, o capacidad de obtenerla en un plazo de 60 días") == {"RMA": "required/2"}


@pytest.mark.parametrize("heading", ["About the credential", "What do these letters mean?", "FAQ"])
def test_an_aside_heading_makes_what_follows_a_mention(heading):
    text = f"Requirements\n- BLS\n\n{heading}\nThe CCMA shows you passed the NHA exam after your training."
    assert _levels(text) == {"BLS": "required", "CCMA": "mentioned"}


@pytest.mark.parametrize(("text", "expected"), [
    ("Requisitos\n- Certificación de RCP vigente", {"CPR": "required"}),
    ("Requisitos\n- Certificado de flebotomía", {"PHLEBOTOMY": "required"}),
    ("Requisitos\n- Asistente Médico Registrado de la AMT", {"RMA": "required"}),
])
def test_spanish_names_of_credentials(text, expected):
    assert _levels(text) == expected


@pytest.mark.parametrize(("text", "code"), [("Requirements:\n- Certifed Clinical Medical Assistant", "CCMA"),
                                            ("Requirements:\n- Clinical Medical Assistant Certifcation", "CMAC"),
                                            ("Requirements:\n- Limted radiology permit", "LIMITED_XRAY")])
def test_misspelled_credential_names(text, code):
    assert _levels(text) == {code: "required"}


def test_staff_called_cmas_in_the_about_us_text_are_a_mention():
    assert _levels("Our team of RNs and CMAs cares for every patient.\nRequirements:\n- BLS") == {
        "CMA": "mentioned", "BLS": "required"}


def test_a_clause_about_advancing_to_another_job_only_mentions_its_credential():
    text = "Requirements\n- COA required within 12 months of hire\n\nNotes\nAdvancement to the technician level requires the COT."
    assert _levels(text) == {"COA": "required/12", "COT": "mentioned"}


def test_a_long_question_heading_is_an_aside():
    text = ("Requirements\n- BLS\n\nWhat's the difference between an RMA and an NCMA?\n"
            "The RMA comes from the AMT; the NCMA comes from the NCCT.")
    assert _levels(text) == {"BLS": "required", "RMA": "mentioned", "NCMA": "mentioned"}


@pytest.mark.parametrize(("text", "expected"), [
    ("Requisitos:\n- Certificación RMA preferida", {"RMA": "preferred"}),
    ("What the client needs:\n- NCMA or RMA certification", {"NCMA": "required", "RMA": "required"}),
    ("Requirements\n- Must pass the CCMA exam by the end of the 12-month apprenticeship", {"CCMA": "required/12"}),
    ("Requirements\n- Certification as a medical assistant preferred", {"MA_ANY": "preferred"}),
])
def test_more_employer_wording_of_levels_and_deadlines(text, expected):
    assert _levels(text) == expected


@pytest.mark.parametrize("title", ["Medial Assistant - Pediatrics", "Medical Assisstant"])
def test_more_misspelled_titles_are_ma_postings(title):
    assert _tag(title, "Room patients, take vitals and give injections in a busy clinic.")["is_ma"]


@pytest.mark.parametrize(("text", "years"), [
    ("Requisitos\n- 2 años de experiencia en atención primaria", 2),
    ("Requisitos\n- Experiencia mínima de 1 año como asistente médico", 1),
    ("Requirements\n- 3+ years experiance as a medical assistant", 3),
    ("Requisitos\n- No se requiere experiencia; recién graduados bienvenidos", 0),
])
def test_experience_in_spanish_and_misspelled(text, years):
    assert _tag("Medical Assistant", text)["experience_years_min"] == years


@pytest.mark.parametrize(("title", "level"), [("Asistente Médico I", "entry"), ("Asistente Médico II", "mid"),
                                              ("Asistente Médica Líder", "lead")])
def test_spanish_titles_state_their_level(title, level):
    assert _tag(title, "Tomar signos vitales y preparar a los pacientes.")["seniority"] == level


@pytest.mark.parametrize("text", ["Strong knowlege of Epic", "Experiencia en Epic", "Athena experience a plus",
                                  "Enter notes and orders in Athena"])
def test_ehr_named_in_misspelled_spanish_or_short_lines(text):
    assert _tag("Medical Assistant", text)["ehr"] in (["epic"], ["athenahealth"])


@pytest.mark.parametrize("text", [
    "Float among our internal medicine and pediatric offices.",
    "Our surgery center performs orthopedic, ENT, GI and ophthalmology cases.",
    "We run twelve primary care and specialty offices across the county.",
    "A multi-specialty group: cardiology, urology or dermatology clinics.",
])
def test_specialties_named_in_a_list_of_the_organisations_services_are_not_the_jobs_setting(text):
    assert _tag("Medical Assistant", text)["specialty"] is None


@pytest.mark.parametrize(("title", "specialty"), [("Asistente Médico - Cardiología", "cardiology"),
                                                  ("Asistente Médica - Pediatría", "pediatrics"),
                                                  ("Asistente Médico - Medicina Interna", "internal_medicine")])
def test_spanish_specialty_names_in_the_title(title, specialty):
    assert _tag(title, "Tomar signos vitales.")["specialty"] == specialty


def test_one_specialty_named_as_the_clinic_is_still_the_setting():
    assert _tag("Medical Assistant", "Join our busy dermatology clinic in Tulsa.")["specialty"] == "dermatology"


@pytest.mark.parametrize(("text", "expected"), [
    ("Special Requirements\n- CCMA, to be obtained before the end of the 6-month probationary period", {"CCMA": "required/6"}),
    ("Licenses and Certificates\n- RMA required prior to completion of the twelve (12) month probationary period",
     {"RMA": "required/12"}),
    ("Conditions of Employment\n- BLS within 1 yr of hire", {"BLS": "required/12"}),
    ("Employment Standards\n- Possession of a valid NCMA certificate", {"NCMA": "required"}),
    ("Requirements\n- CMA within forty-five days of hire", {"CMA": "required/1.5"}),
])
def test_civil_service_headings_and_deadline_wordings(text, expected):
    assert _levels(text) == expected


def test_a_text_table_with_required_and_preferred_columns_gives_each_cell_its_column_level():
    text = ("Qualifications at a glance\nQualification | Required | Preferred\n"
            "Education | High school diploma | Associate degree\nCertification | RMA (AMT) | CPR")
    assert _levels(text) == {"RMA": "required", "CPR": "preferred"}


def test_an_item_under_a_career_path_lead_in_is_another_jobs_even_with_a_cue():
    text = "Career path:\n1. Medical Assistant I\n2. Senior Medical Assistant (requires a CET certification)\nRequirements:\n- BLS"
    assert _levels(text) == {"CET": "mentioned", "BLS": "required"}


def test_a_note_label_under_a_licenses_heading_is_a_mention():
    text = ("Licenses and Certificates\nMA-C credential required at hire.\n"
            "Note: national certifications such as the CCMA may be the basis for an MA-C application.")
    assert _levels(text) == {"WA_MA_C": "required", "CCMA": "mentioned"}


@pytest.mark.parametrize(("text", "expected"), [
    ("Certified Ophthalmic Assistant (COA) prefered, or must obtain within 12 months.", {"COA": "preferred/12"}),
    ("- EKG Technician certificaton (CET) desireable", {"CET": "preferred"}),
    ("Requirements:\n- CPR must be obtained within the first 60 days", {"CPR": "required/2"}),
    ("Licenses\n- CPR by the end of the introductory period (6 months).", {"CPR": "required/6"}),
    ("1. RMA o Asistente Médico Certificado (CMA) preferida. Si no está certificada, debe obtener la "
     "certificación dentro de los 6 meses.", {"RMA": "preferred/6", "CMA": "preferred/6"}),
])
def test_or_must_obtain_alternatives_misspelled_preferences_and_period_deadlines(text, expected):
    assert _levels(text) == expected


def test_an_organisations_program_does_not_make_the_specialty_and_the_jobs_clinic_does():
    text = "About us: our Behavioral Health program serves 2,000 families.\nYou will room patients in our family medicine clinic."
    assert _tag("Medical Assistant", text)["specialty"] == "family_medicine"


def test_a_specialty_named_only_as_a_program_gives_none():
    assert _tag("Medical Assistant", "We also run a Behavioral Health program for teens.")["specialty"] is None


@pytest.mark.parametrize(("title", "level"), [("Senoir Medical Assistant", "senior"), ("Medical Assistant Supervisr", "supervisor"),
                                              ("Medical Assitant I", "entry"), ("Medical Asssistant II", "mid")])
def test_misspelled_titles_still_state_their_level(title, level):
    assert _tag(title, "Room patients and take vitals.")["seniority"] == level


def test_no_experience_needed_is_not_by_itself_an_entry_level_statement():
    record = _tag("Asistente Médico", "Sin experiencia necesaria. Tomar signos vitales.")
    assert (record["seniority"], record["experience_years_min"]) == (None, 0)


def test_holders_encouraged_to_apply_is_a_mention():
    assert _levels("Qualifications\n- PBT preferred\n- CCMA holders are also encouraged to apply") == {
        "PHLEBOTOMY": "preferred", "CCMA": "mentioned"}


def test_a_template_that_states_the_level_in_label_lines_under_each_credential():
    text = ("Licenses & Certifications\nRegistered Medical Assistant\n    Issuing body: AMT\n    Requirement: Preferred\n"
            "Basic Life Support\n    Issuing body: American Heart Association\n    Requirement: Required within 30 days\n")
    assert _levels(text) == {"RMA": "preferred", "BLS": "required/1"}


@pytest.mark.parametrize(("text", "expected"), [
    ("Desirable Qualifications\n- Certified Medical Practice Executive (CMPE)", {"CMPE": "preferred"}),
    ("Credential Requirement\nHold, or obtain by the end of the 90-day introductory period, one of the following:\n"
     "  RMA (AMT); NCMA (NCCT)", {"RMA": "required/3", "NCMA": "required/3"}),
    ("Requirements\n- We require an RMA or a CCMA within 6 months of hire.", {"RMA": "required/6", "CCMA": "required/6"}),
    ("Requirements\nMany hold voluntary credentials such as the RMA, but state law does not require one.", {"RMA": "mentioned"}),
    ("Requirements\nCertification FAQ\nWhat about the NCMA? It's a fine credential, but we ask for the RMA.",
     {"NCMA": "mentioned", "RMA": "mentioned"}),
])
def test_desirable_headings_indented_lists_articles_voluntary_credentials_and_faq_headings(text, expected):
    assert _levels(text) == expected


def test_a_spelled_out_title_credential_is_generic_when_the_text_asks_for_others():
    record = _tag("Certified Medical Assistant - Pediatrics", "Requirements:\n- NCMA or CCMA required")
    assert {item["code"] for item in record["certifications"]} == {"NCMA", "CCMA"}


def test_a_medical_assistant_certificate_program_is_education_not_a_credential():
    record = _tag("Medical Assistant", "Requirements:\n- Medical assistant certificate program completion")
    assert record["certifications"] == [] and record["education"] == "ma_program"


def test_an_award_won_years_running_and_a_benefits_wait_are_not_experience_asked():
    text = ("Our clinic has won a patient experience award four years running.\nRequirements\n"
            "- 2 years of medical assistant experince\nBenefits\n- 403(b) match after 1 year of service")
    record = _tag("Medical Assistant", text)
    assert (record["experience_years_min"], record["experience_band"]) == (2, "0-2")
