"""Wording employers use, as development set 10 found the tagger missing it (issue 14): "needed" in
"as needed", negations such as "none required" and "no es requisito", encouragement to pursue a
credential later, experience years only where a posting states them, and pay that rises to a second
figure or runs over a step schedule."""

from __future__ import annotations

import pytest

from pipeline import tag


def _tag(description: str, title: str = "Medical Assistant") -> dict:
    return tag({"id": "t", "title": title, "description": description})


def _levels(description: str) -> dict[str, str]:
    return {item["code"]: item["requirement"] + (f"/{item['within_months']}" if item["within_months"] else "")
            for item in _tag(description)["certifications"]}


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
