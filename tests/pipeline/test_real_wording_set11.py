"""Wording employers use, as development set 11 (written as a third held-out part, scored once untuned,
then tuned on: docs/performance.md) found the tagger missing it (issue 14): experience ranges in words,
years "in a physician office", Spanish typed without its tilde, and pay that goes on to a second figure
or sits in a two-column table."""

from __future__ import annotations

import pytest

from pipeline import tag


def _tag(description: str, title: str = "Medical Assistant") -> dict:
    return tag({"id": "t", "title": title, "description": description})


@pytest.mark.parametrize(("text", "years"), [
    ("Qualifications\n- Three to five years of experience as a medical assistant", 3),
    ("Requirements\n- A minimum of 18 months in a physician office", 1.5),
    ("Requirements\n- At least 2 years in a busy specialty clinic", 2),
    ("Requisitos:\n- Minimo 2 anos de experiencia como asistente medica", 2),
])
def test_experience_years_as_employers_word_them(text, years):
    assert _tag(text)["experience_years_min"] == years


def test_years_in_a_setting_without_an_experience_word_still_need_the_setting():
    assert _tag("Requirements\n- Must obtain BLS within 1 year of hire")["experience_years_min"] is None
