"""Wording employers use, as development set 10 found the tagger missing it (issue 14): "needed" in
"as needed", negations such as "none required" and "no es requisito", encouragement to pursue a
credential later, experience years only where a posting states them, and pay that rises to a second
figure or runs over a step schedule."""

from __future__ import annotations

import pytest

from tests.pipeline.wording import levels as _levels, tag_text as _tag


@pytest.mark.parametrize("phrase", ["as needed", "when needed", "if needed", "where needed"])
def test_needed_for_occasional_cover_is_not_a_requirement(phrase):
    text = f"Nice to have\n- CMAA, so you can help at the front desk {phrase}\n- Spanish"
    assert _levels(text) == {"CMAA": "preferred"}


@pytest.mark.parametrize("text", [
    "Licenses and certificates: none required at appointment, though RMA holders start one step higher.",
    "Certificación: RMA o CCMA. No es requisito para empezar.",
])
def test_none_required_and_no_es_requisito_make_the_credential_a_mention(text):
    assert set(_levels(text).values()) == {"mentioned"}


def test_a_preference_that_adds_it_is_not_a_requirement_keeps_the_preference():
    assert _levels("Requisitos:\n- Preferimos certificación RMA, aunque no es requisito.") == {"RMA": "preferred"}


@pytest.mark.parametrize("verb", ["pursue", "seek", "work toward"])
def test_staff_encouraged_to_pursue_a_credential_later_is_a_mention(verb):
    text = f"Minimum Qualifications\nHigh school diploma.\nStaff are encouraged to {verb} the NCMA after hire."
    assert _levels(text) == {"NCMA": "mentioned"}


@pytest.mark.parametrize("text", [
    "This is an entry-level role on our pediatric team.",
    "New grads welcome! We will pair you with a senior MA.",
    "Recién graduados bienvenidos.",
    "A great first job for a new graduate.",
])
def test_entry_level_wording_states_no_years_of_experience(text):
    record = _tag(text)
    assert (record["experience_years_min"], record["experience_band"]) == (None, None)


@pytest.mark.parametrize("text", [
    "No experience required: we train on the job.",
    "No prior experience is necessary.",
    "No se requiere experiencia.",
    "We will train the right person.",
])
def test_a_statement_that_no_experience_is_asked_gives_zero_years(text):
    record = _tag(text)
    assert (record["experience_years_min"], record["experience_band"]) == (0, "0-2")


def test_entry_level_title_wording_still_sets_the_entry_level():
    assert _tag("Entry-level position; new grads welcome.")["seniority"] == "entry"


@pytest.mark.parametrize(("text", "code"), [
    ("The charge nurse leads a pod of RMAs and CCMAs.", "CCMA"),
    ("Our NCMAs rotate between the two offices.", "NCMA"),
    ("Accepted: National Registered Certified Medical Assistant (NAHP).", "NRCMA"),
    ("A limited-scope radiography permit is needed for foot films.", "LIMITED_XRAY"),
    ("Two of our techs hold limited permits for extremity x-rays.", "LIMITED_XRAY"),
])
def test_plural_codes_and_spelled_out_names_find_their_credential(text, code):
    assert code in _levels(text)


@pytest.mark.parametrize(("title", "specialty"), [
    ("Medical Assistant - Family Practise", "family_medicine"),
    ("Medical Assistant - Nuerology", "neurology"),
    ("Medical Assistant, Foot & Ankle Center", "podiatry"),
])
def test_common_spellings_of_a_specialty_in_the_title(title, specialty):
    assert _tag("Room patients and take vitals.", title)["specialty"] == specialty


def test_a_misspelled_trainee_title_is_entry_level():
    assert _tag("Room patients.", "Medical Assistant Traniee")["seniority"] == "entry"


def test_new_graduates_with_a_qualifier_encouraged_to_apply_is_an_entry_level_statement():
    assert _tag("New graduates who have finished their externship are encouraged to apply!")["seniority"] == "entry"


def test_a_job_running_a_medical_assisting_program_is_not_an_ma_job():
    record = _tag("Place students at externship sites. CMA (AAMA) required.",
                  "Clinical Coordinator - Medical Assisting Program")
    assert record["is_ma"] is False


@pytest.mark.parametrize(("text", "level"), [
    ("Requisitos\n- Diploma de preparatoria o GED", "high_school"),
    ("Requisitos\n- Graduado de un programa de asistente médico acreditado", "ma_program"),
    ("EDUCATION AND EXPERIENCE\nHigh school plus completion of a medical assistant course.", "ma_program"),
    ("Completion of a medical assisting training program approved by the county.", "ma_program"),
])
def test_education_in_spanish_and_in_job_class_wording(text, level):
    assert _tag(text)["education"] == level


@pytest.mark.parametrize(("header", "period"), [("Hourly Rate", "hour"), ("Annual Salary", "year"), ("Monthly Salary", "month")])
def test_a_step_table_whose_column_names_the_rate_runs_from_first_step_to_last(header, period):
    rows = {"hour": ("$19.10", "$21.05", "$23.20"), "year": ("$41,000", "$43,500", "$46,100"),
            "month": ("$3,400", "$3,610", "$3,825")}[period]
    text = f"Salary\n\nStep | {header}\n\n" + "\n\n".join(f"{number} | {amount}" for number, amount in enumerate(rows, 1))
    found = _tag(text)["pay"]
    first, last = (float(amount.strip("$").replace(",", "")) for amount in (rows[0], rows[-1]))
    assert (found["min"], found["max"], found["period"]) == (first, last, period)


@pytest.mark.parametrize(("text", "expected"), [
    ("Trainee wage: $16.25/hr, rising to $18.00/hr once you pass the CCMA.", (16.25, 18.0, "hour")),
    ("Salary: $35,360 annually; increases to $38,480 after probation", (35360.0, 38480.0, "year")),
    ("We pay $19 an hour to start and move to $21 an hour at six months.", (19.0, 21.0, "hour")),
])
def test_pay_that_rises_to_a_second_figure_is_a_range_from_the_first_to_the_second(text, expected):
    found = _tag(text)["pay"]
    assert (found["min"], found["max"], found["period"]) == expected


def test_a_step_table_with_lettered_steps_and_a_period_label_on_its_row():
    text = "Step | A | B | C | D | E\n\nHourly | $18.10 | $19.00 | $19.95 | $20.95 | $22.00\n\nDuties"
    found = _tag(text)["pay"]
    assert (found["min"], found["max"], found["period"]) == (18.10, 22.00, "hour")


def test_hourly_pay_is_rounded_to_the_cent_with_halves_up():
    found = _tag("Salary: $58,500 per year")["pay"]
    assert (found["hourly_min"], found["hourly_max"]) == (28.13, 28.13)


@pytest.mark.parametrize("sentence", [
    "New hires may join our free RMA exam prep class.",
    "Staff can take our CCMA review course on Fridays.",
    "The clinic pays for the NHA exam (CCMA) for anyone on staff.",
    "Holders of a CNA may be considered for our MA apprenticeship.",
    "Any MA who wants to test for the NCMA gets a study day.",
])
def test_a_credential_named_as_what_the_employer_trains_or_pays_for_is_a_mention(sentence):
    text = f"Requirements\n- BLS\n- Two years in a clinic\n\n{sentence}"
    levels = _levels(text)
    assert levels.pop("BLS") == "required"
    assert set(levels.values()) == {"mentioned"}


def test_a_credentials_we_value_heading_prefers_the_list_under_it():
    text = "Required\n- High school diploma\n- BLS\n\nCredentials we value\n- CMA\n- RMA"
    assert _levels(text) == {"BLS": "required", "CMA": "preferred", "RMA": "preferred"}


@pytest.mark.parametrize("text", [
    "Two years of MA experience will be accepted in lieu of certification.",
    "Promotion to MA III requires three years of experience as an MA.",
    "Most of our MAs have five years of experience or more.",
    "Dos años de experiencia se aceptan en lugar de la certificación.",
])
def test_years_for_another_step_or_in_place_of_a_credential_are_not_asked(text):
    assert _tag("Requirements\n- BLS\n" + text)["experience_years_min"] is None


def test_years_a_later_step_requires_as_a_condition_of_this_job_still_count():
    text = "Promotion to MA II requires two years of experience, a condition of continued employment."
    assert _tag(text)["experience_years_min"] == 2


def test_a_one_word_pay_heading_ends_the_requirements_section():
    text = ("Requirements\n- BLS\n\nPay\nCompetitive base pay.\n\n"
            "Medical assistants (CMA, RMA) may apply to our clinic postings instead.")
    assert _levels(text) == {"BLS": "required", "CMA": "mentioned", "RMA": "mentioned"}


def test_a_one_word_plus_heading_prefers_what_is_under_it():
    assert _levels("Requirements\n- BLS\n\nPlus\n- CMA") == {"BLS": "required", "CMA": "preferred"}


def test_a_heading_with_a_parenthetical_still_scopes_the_list_below_a_paragraph():
    text = ("Minimum qualifications (every one must be met on the day of the offer):\n\n"
            "We are a twelve-provider internal medicine group on the east side.\n\n- CCMA or CMAC certification\n- BLS")
    assert _levels(text) == {"CCMA": "required", "CMAC": "required", "BLS": "required"}


@pytest.mark.parametrize("text", [
    "Certification\nNational certification (NCMA or RMA) is not required at hire, but must be earned within 12 months.",
    "Certificación\nLa certificación (NCMA o RMA) no es obligatoria al contratar, pero debe obtenerse dentro de 12 meses.",
])
def test_a_negation_turned_by_but_must_within_a_deadline_is_required_by_then(text):
    assert _levels(text) == {"NCMA": "required/12", "RMA": "required/12"}


def test_a_bare_level_line_under_a_list_gives_the_list_its_level_and_deadline():
    # (required by then, as "CCMA preferred at hire, and required within 90 days" is: test_real_wording.py)
    text = "Credential - one of:\n  CMA (AAMA)\n  CCMA (NHA)\nPreferred at hire; mandatory within 6 months.\n\nDuties\n- Rooming"
    assert _levels(text) == {"CMA": "required/6", "CCMA": "required/6"}


def test_a_line_under_a_list_about_starting_the_job_gives_no_deadline():
    assert _levels("Requirements:\n- CMA\n- RMA\nMust be able to start within 2 weeks.") == {
        "CMA": "required", "RMA": "required"}

