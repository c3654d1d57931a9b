"""USAJOBS: search paging, pay intervals, the title filter and secret scrubbing."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from crawler.spiders import usajobs

FIXTURES = Path(__file__).parent / "fixtures_usajobs"


def page() -> dict:
    return json.loads((FIXTURES / "search_page.json").read_text(encoding="utf-8"))


def test_search_asks_for_both_ma_series():
    query = parse_qs(urlsplit(usajobs.search_url("http://127.0.0.1:9/usajobs", page=3)).query)
    assert query["JobCategoryCode"] == ["0640;0679"]
    assert query["Page"] == ["3"]


def test_next_page_stops_at_the_last_page():
    assert usajobs.next_page(page(), 1, per_page=2) == 2
    assert usajobs.next_page(page(), 2, per_page=2) is None


def test_annual_pay_strings_with_commas_become_a_year_range():
    item = usajobs.posting_item(page()["SearchResult"]["SearchResultItems"][0])
    assert item["pay"] == {"min": 41000.0, "max": 53000.0, "period": "year", "currency": "USD", "source": "structured"}


def test_per_hour_code_gives_an_hourly_range_and_intermittent_is_per_diem():
    item = usajobs.posting_item(page()["SearchResult"]["SearchResultItems"][1])
    assert item["pay"]["period"] == "hour" and item["pay"]["min"] == 19.5
    assert item["employment_type"] == "per_diem"


def test_without_compensation_or_biweekly_codes_give_no_pay():
    assert usajobs.pay([{"MinimumRange": "0", "MaximumRange": "0", "RateIntervalCode": "WC"}]) is None
    assert usajobs.pay([{"MinimumRange": "1900", "MaximumRange": "2100", "RateIntervalCode": "BW"}]) is None


def test_naive_publication_date_is_read_as_utc():
    item = usajobs.posting_item(page()["SearchResult"]["SearchResultItems"][1])
    assert item["posted_at"] == "2026-03-15T08:30:00Z"


def test_duties_list_and_plain_text_become_escaped_html():
    html = usajobs.description_html(page()["SearchResult"]["SearchResultItems"][0]["MatchedObjectDescriptor"])
    assert "<h3>Duties</h3><p>Takes vital signs.</p><p>Rooms patients.</p>" in html
    assert "Synthetic summary &amp; more." in html


def test_title_filter_keeps_ma_titles_and_drops_others_in_the_series():
    assert usajobs.is_ma_title("Health Technician (CMA)")
    assert usajobs.is_ma_title("Medical Support Assistant (Advanced)")
    assert not usajobs.is_ma_title("Pharmacy Technician")


def test_scrub_removes_key_and_email_however_deeply_nested():
    payload = {"a": ["token SECRET-KEY-1 here", {"ops@example.org": "x"}], "n": 3}
    assert usajobs.scrub(payload, ("SECRET-KEY-1", "ops@example.org")) == {
        "a": ["token [redacted] here", {"[redacted]": "x"}], "n": 3}


def test_headers_carry_the_key_and_the_email_as_user_agent():
    assert usajobs.request_headers("k", "me@example.org") == {"Authorization-Key": "k", "User-Agent": "me@example.org"}
