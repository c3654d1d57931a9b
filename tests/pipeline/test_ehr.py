"""EHR systems: vendor renames map to one id, generic words need context."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("text, expected", [
    ("Experience with Cerner PowerChart", ["oracle_health"]),
    ("Oracle Health (Cerner) a plus", ["oracle_health"]),
    ("We chart in Kareo", ["tebra"]),
    ("Allscripts TouchWorks", ["veradigm"]),
    ("athenaOne and athenaClinicals", ["athenahealth"]),
    ("Greenway Intergy", ["greenway"]),
    ("ModMed EMA for dermatology", ["modmed"]),
    ("eCW experience", ["eclinicalworks"]),
])
def test_vendor_names_and_products_map_to_one_id(tag_text, text, expected):
    assert tag_text(text)["ehr"] == expected


def test_epic_the_adjective_is_not_the_ehr(tag_text):
    assert tag_text("An epic opportunity to join our epic team!")["ehr"] == []


def test_epic_the_ehr_is_found_with_context(tag_text):
    assert tag_text("Epic experience required.")["ehr"] == ["epic"]


def test_athena_the_person_is_not_athenahealth(tag_text):
    assert tag_text("Meet Athena, our lead MA.")["ehr"] == []


def test_next_gen_the_phrase_is_not_nextgen(tag_text):
    assert tag_text("Be part of the next-gen care team.")["ehr"] == []


def test_greenway_street_address_is_not_the_ehr(tag_text):
    assert tag_text("Our clinic at 12 Greenway Plaza is hiring.")["ehr"] == []


def test_oracle_alone_is_not_an_ehr(tag_text):
    assert tag_text("Oracle financials experience.")["ehr"] == []
