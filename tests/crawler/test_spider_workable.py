"""Workable: the widget account payload mapped onto the posting item."""

from __future__ import annotations

import json
from pathlib import Path

from crawler.spiders import workable

FIXTURES = Path(__file__).parent / "fixtures_workable"


def jobs() -> list[dict]:
    return json.loads((FIXTURES / "account.json").read_text(encoding="utf-8"))["jobs"]


def test_account_url_asks_for_details():
    assert workable.account_url("http://127.0.0.1:9/workable", "lakeside") == (
        "http://127.0.0.1:9/workable/api/v1/widget/accounts/lakeside?details=true")


def test_job_maps_shortcode_place_type_and_description():
    item = workable.posting_item(jobs()[0], "lakeside", "Lakeside Family Clinic")
    assert item["source_id"] == "A1B2C3D4E5"
    assert (item["city"], item["state"], item["location"]) == ("Boise", "ID", "Boise, ID")
    assert item["employment_type"] == "part_time"
    assert item["remote"] is False
    assert "phlebotomy" in item["description_html"]


def test_date_only_published_on_becomes_midnight_utc():
    assert workable.posting_item(jobs()[0], "lakeside", "x")["posted_at"] == "2026-03-14T00:00:00Z"


def test_missing_published_on_falls_back_to_created_at():
    assert workable.posting_item(jobs()[1], "lakeside", "x")["posted_at"] == "2026-02-01T00:00:00Z"


def test_blank_place_and_type_become_null_not_empty_strings():
    item = workable.posting_item(jobs()[1], "lakeside", "x")
    assert (item["city"], item["state"], item["location"], item["employment_type"]) == (None, None, None, None)
    assert item["remote"] is True
