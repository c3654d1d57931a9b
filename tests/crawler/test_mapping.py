"""Parsing is separate from crawling: each source's mapping function on a saved, hand-written payload."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from crawler.normalize import employment_type, epoch_ms_iso, pay_period, utc_iso
from crawler.spiders import ashby, greenhouse, lever
from crawler.spiders.base import MalformedPayload

PAYLOADS = Path(__file__).parent / "payloads"


def test_greenhouse_board_unescapes_content_once_and_normalises_dates_to_utc():
    payload = json.loads((PAYLOADS / "greenhouse_board.json").read_text())
    first, second = greenhouse.postings_from_board(payload, "lakeside", "Lakeside (registry)")
    assert first["description_html"] == "<p>Room patients &amp; record vitals.</p><ul><li>BLS required</li></ul>"
    assert first["description_text"] == "Room patients & record vitals.\n\n- BLS required"
    assert first["posted_at"] == "2026-04-28T13:00:00Z" and first["updated_at"] == "2026-05-02T14:15:00Z"
    assert first["employer"] == "Lakeside Clinics" and second["employer"] == "Lakeside (registry)"
    assert second["posted_at"] == "2026-05-02T10:15:00Z"
    assert first["raw"]["id"] == 5012 and first["source_id"] == "5012"


def test_greenhouse_content_that_arrives_unescaped_is_not_unescaped_again():
    job = {"id": 1, "title": "Medical Assistant", "absolute_url": "https://x/1",
           "content": "<p>Use &lt;Epic&gt; &amp; Athena</p>"}
    item = greenhouse.posting(job, "b", "E")
    assert item["description_html"] == "<p>Use &lt;Epic&gt; &amp; Athena</p>"
    assert item["description_text"] == "Use <Epic> & Athena"


def test_greenhouse_pay_ranges_are_cents_and_the_period_comes_from_the_title_or_the_amount():
    assert greenhouse.pay_from_ranges([{"min_cents": 1850, "max_cents": 2200, "currency_type": "USD",
                                        "title": "Hourly range"}]) == {
        "min": 18.5, "max": 22.0, "period": "hour", "currency": "USD", "source": "structured"}
    assert greenhouse.pay_from_ranges([{"min_cents": 4000000, "max_cents": 4600000, "title": "Pay"}])["period"] == "year"
    assert greenhouse.pay_from_ranges([{"min_cents": None, "max_cents": None}]) is None
    assert greenhouse.pay_from_ranges("not a list") is None


@pytest.mark.parametrize("payload", [{"jobs": "nope"}, [], "text", None])
def test_a_payload_of_the_wrong_shape_is_malformed(payload):
    with pytest.raises(MalformedPayload):
        greenhouse.postings_from_board(payload, "b", "E")
    with pytest.raises(MalformedPayload):
        ashby.postings_from_board(payload if payload != [] else {"no": "jobs"}, "b", "E")


def test_lever_entry_maps_commitment_workplace_and_salary_range():
    entry = {"id": "0f0e", "text": " Medical Assistant ", "createdAt": 1767225600000,
             "categories": {"location": "Boise, ID", "commitment": "Per Diem"}, "workplaceType": "on-site",
             "description": "<p>Intro</p>", "lists": [{"text": "Requirements", "content": "<li>CCMA</li>"}],
             "hostedUrl": "https://jobs.lever.co/x/0f0e",
             "salaryRange": {"min": 21, "max": 24, "currency": "USD", "interval": "per-hour-wage"}}
    item = lever.posting(entry, "x", "X Health")
    assert item["title"] == "Medical Assistant" and item["posted_at"] == "2026-01-01T00:00:00Z"
    assert item["employment_type"] == "per_diem" and item["remote"] is False
    assert item["pay"]["period"] == "hour" and item["pay"]["min"] == 21.0
    assert "- CCMA" in item["description_text"] and "Requirements" in item["description_text"]


def test_ashby_takes_the_salary_component_not_equity_and_skips_unlisted_jobs():
    compensation = {"compensationTiers": [{"components": [
        {"compensationType": "EquityPercentage", "interval": "NONE", "minValue": 0.1, "maxValue": 0.2},
        {"compensationType": "Salary", "interval": "1 HOUR", "currencyCode": "USD", "minValue": 20, "maxValue": 26}]}]}
    assert ashby.pay_from_compensation(compensation)["period"] == "hour"
    payload = {"jobs": [{"id": "a", "title": "Medical Assistant", "isListed": True, "jobUrl": "https://j/a"},
                        {"id": "b", "title": "Medical Assistant", "isListed": False, "jobUrl": "https://j/b"}]}
    items, unlisted = ashby.postings_from_board(payload, "board", "E")
    assert [item["source_id"] for item in items] == ["a"] and unlisted == 1


@pytest.mark.parametrize("label, expected", [("Full-time", "full_time"), ("PartTime", "part_time"), ("PRN", "per_diem"),
                                             ("Intern", "internship"), ("Volunteer", None), (None, None)])
def test_employment_type_spellings_map_to_the_schema_words(label, expected):
    assert employment_type(label) == expected


@pytest.mark.parametrize("label, expected", [("per-hour-wage", "hour"), ("1 YEAR", "year"), ("MONTH", "month"),
                                             ("NONE", None)])
def test_pay_interval_spellings_map_to_periods(label, expected):
    assert pay_period(label) == expected


def test_timestamps_become_utc_and_bad_ones_none():
    assert utc_iso("2026-03-14") == "2026-03-14T00:00:00Z"
    assert utc_iso("2026-03-14T10:00:00+02:00") == "2026-03-14T08:00:00Z"
    assert utc_iso("yesterday") is None
    assert epoch_ms_iso("1700000000000") is None and epoch_ms_iso(True) is None
