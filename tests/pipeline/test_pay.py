"""Pay from text and structured fields; bonuses and differentials are not pay."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.lexicon import load
from pipeline.pay import PERIODS, _period_after, parse_structured, parse_text


def hourly(text: str):
    pay, _ = parse_text(text)
    return None if pay is None else (pay["hourly_min"], pay["hourly_max"], pay["period"])


@pytest.mark.parametrize("text, expected", [
    ("Pay: $18.00 - $22.00 per hour", (18.0, 22.0, "hour")),
    ("$18.50-$24.75/hr", (18.5, 24.75, "hour")),
    ("$17 to $21 hourly", (17.0, 21.0, "hour")),
    ("$40K-$48K annually", (19.23, 23.08, "year")),
    ("$3,200 - $3,800 per month", (18.46, 21.92, "month")),
    ("$22/hr", (22.0, 22.0, "hour")),
    ("Salary: $46,000/yr", (22.12, 22.12, "year")),
])
def test_pay_phrases_give_hourly_figures_to_the_cent(text, expected):
    assert hourly(text) == expected


def test_starting_at_gives_no_maximum():
    assert hourly("Starting at $19/hr") == (19.0, None, "hour")


def test_up_to_gives_no_minimum():
    assert hourly("Up to $25 per hour") == (None, 25.0, "hour")


def test_sign_on_bonus_before_the_pay_is_skipped():
    assert hourly("$500 - $1,000 sign-on bonus! Pay $20-$24/hr") == (20.0, 24.0, "hour")


def test_differential_after_the_pay_is_not_pay():
    assert hourly("$21/hour + $2/hr differential") == (21.0, 21.0, "hour")


def test_text_without_a_dollar_sign_has_no_pay():
    assert hourly("Pay 18-22 per hour") is None


def test_benefit_amounts_alone_are_not_pay():
    assert hourly("401(k) match and a $1,000 CEU allowance.") is None


def test_structured_pay_wins_over_text_and_says_so(tag_text):
    result = tag_text("Pay $30/hr", pay={"min": 19.5, "max": 23, "period": "hour", "currency": "USD"})
    assert result["pay"]["source"] == "structured" and result["pay"]["hourly_min"] == 19.5


def test_structured_annual_pay_is_divided_by_2080():
    assert parse_structured({"min": 41600, "max": 52000, "period": "year"})["hourly_max"] == 25.0


def test_structured_pay_with_an_unknown_period_is_ignored():
    assert parse_structured({"min": 10, "max": 12, "period": "fortnight"}) is None


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from([" ", "  ", ",", "(", "/", "per ", "an ", "a ", "each ", "Hour", "hr", "hourly", "h", "ph",
                                 "day", "daily", "per diem rate", "week", "wk", "weekly", "month", "mo", "monthly", "year",
                                 "yr", "annum", "annually", "annual", "salary", "yearly", ".", "x", "\t", "\n"]), max_size=8))
def test_the_period_after_an_amount_is_the_first_period_whose_own_pattern_matches(pieces):
    after = "".join(pieces)
    periods = load("pay.toml")["periods"]
    expected = (None, 0)
    for period in PERIODS:  # each period's pattern alone, in order: the rule the one pattern must keep
        match = re.compile(r"\s*[,(]?\s*(?:" + periods[period] + ")", re.I).match(after)
        if match:
            expected = (period, match.end())
            break
    assert _period_after(after) == expected


@pytest.mark.parametrize(("text", "hourly"), [
    ("Compensation: $16 per hour to $20 per hour, based on experience.", (16.0, 20.0)),
    ("We pay $17.50 an hour to $21 an hour for certified MAs.", (17.5, 21.0)),
    ("Salary range $39,000 per year to $46,800 per year", (18.75, 22.5)),
])
def test_a_range_with_the_unit_on_both_ends_keeps_its_maximum(text, hourly):
    parsed, _ = parse_text(text)
    assert (parsed["hourly_min"], parsed["hourly_max"]) == hourly


@pytest.mark.parametrize("text", [
    "According to the BLS, medical assistants earn a median of $19.40 per hour.",
    "The Bureau of Labor Statistics puts MA pay at $42,000 a year nationally.",
    "Nationally, the average medical assistant makes $20.10/hr (2024 survey).",
    "The national median wage for this occupation was $40,700 per year.",
])
def test_a_figure_quoted_from_the_bls_or_a_national_average_is_not_the_employers_pay(text):
    assert parse_text(text) == (None, None)


def test_the_employers_own_pay_is_kept_beside_a_quoted_bls_median():
    text = ("Did you know? According to the BLS, medical assistants earn a median of $19.40 per hour.\n"
            "At Ridgeview Family Clinic we start at $21 per hour, with raises after six months.")
    parsed, span = parse_text(text)
    assert (parsed["hourly_min"], parsed["hourly_max"], span) == (21.0, None, "$21 per hour")


def test_pay_according_to_experience_is_still_the_employers_pay():
    parsed, _ = parse_text("Pay according to experience: $18 - $22/hr")
    assert (parsed["hourly_min"], parsed["hourly_max"]) == (18.0, 22.0)


def test_a_bls_credential_beside_the_pay_does_not_make_it_a_quoted_figure():
    parsed, _ = parse_text("BLS (Basic Life Support) preferred. Pay: $18.75 - $21.25/hr")
    assert (parsed["hourly_min"], parsed["hourly_max"]) == (18.75, 21.25)


def test_a_bracketed_bls_card_before_the_pay_range_keeps_the_range():
    parsed, _ = parse_text("Basic Life Support (BLS) card. Pay range: $17.00 to $21.50 per hour, based on experience.")
    assert (parsed["hourly_min"], parsed["hourly_max"]) == (17.0, 21.5)


@pytest.mark.parametrize(("text", "expected"), [
    ("Pay scale (hourly)\nStep 1 $18.10  Step 2 $18.95  Step 3 $19.80  Step 4 $20.70", (18.10, 20.70, "hour")),
    ("Salary table (annual): Step A $38,200 / Step B $40,100 / Step C $42,050", (38200, 42050, "year")),
])
def test_a_step_scale_gives_its_first_and_last_step(text, expected):
    found, _ = parse_text(text)
    assert (found["min"], found["max"], found["period"]) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Salario: $680 a $800 por semana, 40 horas.", (680, 800, "week")),
    ("Pago: $17 por hora a $20 por hora, según experiencia.", (17, 20, "hour")),
    ("Sueldo: $3,400 - $4,000 al mes", (3400, 4000, "month")),
    ("Range: $3,300 - $3,900 montly", (3300, 3900, "month")),
])
def test_spanish_periods_and_ranges_and_a_misspelled_monthly(text, expected):
    found, _ = parse_text(text)
    assert (found["min"], found["max"], found["period"]) == expected


def test_a_base_range_after_a_bonus_on_the_same_line_is_the_pay():
    found, _ = parse_text("$3,000 sign-on bonus | Base $19 - $23/hr | $1/hr shift differential")
    assert (found["min"], found["max"], found["period"]) == (19, 23, "hour")


@pytest.mark.parametrize("text", [
    "SALARY\nStep    Hourly    Biweekly    Annual\n1       $18.40    $1,472.00   $38,272.00\n"
    "2       $19.30    $1,544.00   $40,144.00\n3       $20.25    $1,620.00   $42,120.00",
    "Salary\n\nStep | Hourly | Biweekly\n\n1 | $18.40 | $1,472.00\n\n2 | $19.30 | $1,544.00\n\n3 | $20.25 | $1,620.00",
    "Hourly: $18.40 (Step 1) - $20.25 (Step 3)\nAnnual: $38,272.00 - $42,120.00",
])
def test_a_civil_service_step_table_gives_the_first_known_column_from_the_first_step_to_the_last(text):
    found, _ = parse_text(text)
    assert (found["min"], found["max"], found["period"]) == (18.40, 20.25, "hour")


def test_a_biweekly_only_step_table_states_no_pay_the_tagger_can_name():
    assert parse_text("Step | Biweekly\n1 | $1,472.00\n2 | $1,544.00") == (None, None)


def test_biweekly_pay_is_never_read_as_weekly():
    assert parse_text("Pay: $1,520.00 biweekly") == (None, None)  # no period the tag contract names


def test_a_range_never_joins_an_amount_to_the_bullet_on_the_next_line():
    found, _ = parse_text("- Starting pay $20/hr\n- $500 referral bonus")
    assert (found["min"], found["max"], found["period"]) == (20, None, "hour")


def test_steps_on_their_own_lines_with_a_period_each_give_the_scale():
    found, _ = parse_text("Step 1: $3,120/month\nStep 2: $3,276/month\nStep 3: $3,440/month")
    assert (found["min"], found["max"], found["period"]) == (3120, 3440, "month")


@pytest.mark.parametrize(("text", "expected"), [
    ("Minimum $38,900   Midpoint $46,700   Maximum $54,500", (38900, 54500, "year")),
    ("Pay transparency: Minimum $23.10 - Maximum $34.65 hourly", (23.10, 34.65, "hour")),
    ("$15.75 - $18.25 per hr, PTO and health insurance.", (15.75, 18.25, "hour")),
])
def test_minimum_and_maximum_lines_and_benefits_after_a_comma(text, expected):
    found, _ = parse_text(text)
    assert (found["min"], found["max"], found["period"]) == expected
