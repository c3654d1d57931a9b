"""Credential recognition and its traps: CPT, BLS, CMA, COA, PALS, MA_ANY."""

from __future__ import annotations

import pytest

from pipeline.tagger import tag


def codes(tag_text, text: str, **fields) -> set[str]:
    return {item["code"] for item in tag_text(text, **fields)["certifications"]}


def test_cpt_near_phlebotomy_is_the_phlebotomy_credential(tag_text):
    assert codes(tag_text, "Phlebotomy certification (NHA CPT) required.") == {"PHLEBOTOMY"}


def test_cpt_codes_are_not_a_credential(tag_text):
    assert codes(tag_text, "Knowledge of CPT and ICD-10 codes for billing.") == set()


def test_bls_as_bureau_of_labor_statistics_is_not_a_credential(tag_text):
    assert codes(tag_text, "The BLS projects 14% growth for medical assistants.") == set()


def test_bls_card_is_a_credential(tag_text):
    assert codes(tag_text, "Current BLS card from the AHA.") == {"BLS"}


def test_certified_medication_aide_is_not_the_cma_credential(tag_text):
    assert codes(tag_text, "CMA (Certified Medication Aide) license required.") == set()


def test_cma_inside_an_email_address_is_ignored(tag_text):
    assert codes(tag_text, "Send resumes to cma@clinic.example.") == set()


def test_certified_medical_assistant_with_a_credential_named_is_that_credential(tag_text):
    assert codes(tag_text, "Certified Medical Assistant (CMA) required.") == {"CMA"}


def test_the_capitalised_certified_medical_assistant_is_the_aama_credential(tag_text):
    assert codes(tag_text, "Must be a Certified Medical Assistant.") == {"CMA"}


@pytest.mark.parametrize("text", ["Must be a certified medical assistant.",
                                  "Must be a nationally Certified Medical Assistant."])
def test_the_generic_certified_medical_assistant_is_any_ma_credential(tag_text, text):
    assert codes(tag_text, text) == {"MA_ANY"}


@pytest.mark.parametrize(("text", "expected"), [
    ("Certified Medical Assistant through AAMA, AMT or NHA required.", {"CMA", "RMA", "CCMA"}),
    ("Certification through the NHA", {"CCMA"}),
    ("NHA or AMT certifcation within 90 days of hire", {"CCMA", "RMA"}),
    ("Must hold an NCCT or AMCA credential", {"NCMA", "CMAC"}),
])
def test_awarding_body_acronyms_beside_a_certification_word_name_their_credential(tag_text, text, expected):
    assert codes(tag_text, text) == expected


@pytest.mark.parametrize("text", ["Our NHA office is on Main Street.", "CPT (NHA) phlebotomy certification",
                                  "AMT registered phlebotomy technician", "Shuttle to the AMT building"])
def test_an_acronym_without_a_certification_word_or_beside_another_credential_is_not_an_ma_credential(tag_text, text):
    assert not codes(tag_text, text) & {"CCMA", "RMA"}


def test_spelled_out_credentials_joined_by_a_semicolon_are_both_named(tag_text):
    text = "Certified Medical Assistant preferred; Registered Medical Assistant also accepted."
    assert codes(tag_text, text) == {"CMA", "RMA"}


@pytest.mark.parametrize(("text", "code"), [
    ("Must hold a current certification from the National Healthcareer Association (NHA).", "CCMA"),
    ("Certification through the National Health Career Association required.", "CCMA"),
    ("Certified by the American Association of Medical Assistants.", "CMA"),
    ("Registered through American Medical Technologists (AMT).", "RMA"),
    ("NCCT certification required within 90 days.", "NCMA"),
    ("AMCA certified clinical assistant welcome.", "CMAC"),
])
def test_a_credential_named_by_its_awarding_body_is_that_credential(tag_text, text, code):
    assert code in codes(tag_text, text)


def test_an_nha_phlebotomy_certificate_is_not_the_ccma(tag_text):
    assert "CCMA" not in codes(tag_text, "NHA certification in phlebotomy (CPT) preferred.")


def test_pals_needs_capitals_so_work_pals_are_not_a_credential(tag_text):
    assert codes(tag_text, "Lunch with your work pals every Friday.") == set()


def test_credential_in_the_title_counts_as_required(tag_text):
    found = tag_text("Join our pediatric team.", title="CMA - Pediatrics")["certifications"]
    assert found == [{"code": "CMA", "requirement": "required", "within_months": None}]


def test_washington_ma_c_credential(tag_text):
    assert codes(tag_text, "Washington State Medical Assistant-Certified (MA-C) required.") == {"WA_MA_C"}


def test_evidence_holds_the_matched_span(tag_text):
    result = tag_text("Phlebotomy certification (ASCP PBT) required")
    assert result["evidence"]["certifications"]["PHLEBOTOMY"][0] in {"Phlebotomy certification", "ASCP PBT"}


def test_every_code_the_issue_names_is_in_the_vocabulary():
    from pipeline.lexicon import terms
    known = {term.id for term in terms() if term.dimension == "certifications"}
    wanted = {"CMA", "RMA", "CCMA", "NCMA", "NRCMA", "CMAC", "CMAA", "MA_ANY", "WA_MA_C", "BLS", "CPR", "ACLS", "PALS",
              "PHLEBOTOMY", "CET", "COA", "COT", "PMAC", "LIMITED_XRAY", "CPC", "CCS", "CMPE", "CNA"}
    assert wanted <= known


def test_a_bracketed_awarding_body_stays_in_the_evidence_span():
    record = tag({"id": "x", "title": "Medical Assistant", "description": "CMA (AAMA) required."})
    assert record["evidence"]["certifications"]["CMA"] == ["CMA (AAMA)"]
