"""JobPosting: JSON-LD and microdata found with extruct, mapped onto the posting item; link policy."""

from __future__ import annotations

from pathlib import Path

from crawler.spiders import jobposting

FIXTURES = Path(__file__).parent / "fixtures_jobposting"
URL = "https://careers.synthetic-clinic.example/jobs/ma-2"


def read(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def test_job_posting_inside_a_graph_with_a_type_list_is_found():
    found = jobposting.job_postings(read("graph_page.html"), URL)
    assert [p["title"] for p in found] == ["Medical Assistant II"]


def test_graph_posting_maps_identifier_place_and_yearly_salary():
    posting = jobposting.job_postings(read("graph_page.html"), URL)[0]
    item = jobposting.posting_item(posting, URL, "synthetic-clinic.example/jobs", None)
    assert item["source_id"] == "careers.synthetic-clinic.example:REQ-7781"
    assert (item["city"], item["state"], item["postal_code"]) == ("Dayton", "OH", "45402")
    assert item["employer"] == "Synthetic Clinic"
    assert item["pay"] == {"min": 38000, "max": 44000, "unit": "YEAR", "currency": "USD"}


def test_microdata_is_read_even_when_the_page_json_ld_is_broken():
    found = jobposting.job_postings(read("microdata_page.html"), URL)
    assert [p["title"] for p in found] == ["Clinical Medical Assistant"]
    item = jobposting.posting_item(found[0], URL, "b", None)
    assert item["pay"] == {"min": "21", "max": "25.5", "unit": "HOUR", "currency": "USD"}
    assert item["employment_type"] == "PART_TIME"


def test_page_without_identifier_is_keyed_by_its_url():
    posting = jobposting.job_postings(read("microdata_page.html"), URL)[0]
    assert jobposting.source_id(posting, URL + "?src=feed") == "careers.synthetic-clinic.example/jobs/ma-2?src=feed"


def test_only_the_employers_own_host_counts_as_the_same_site():
    site = "https://www.synthetic-clinic.example/careers/"
    assert jobposting.same_site("https://synthetic-clinic.example/jobs/1", site)
    assert jobposting.same_site("https://careers.synthetic-clinic.example/jobs/1", site)
    assert not jobposting.same_site("https://boards.example-ats.example/jobs/1", site)
    assert not jobposting.same_site("http://localhost:8000/jobs/1", "http://127.0.0.1:8000/careers/")


def test_job_looking_paths_are_followed_and_others_not():
    assert jobposting.looks_like_job_page("https://x.example/careers/jobs/123")
    assert jobposting.looks_like_job_page("https://x.example/job-openings?id=4")
    assert not jobposting.looks_like_job_page("https://x.example/about")
    assert not jobposting.looks_like_job_page("https://x.example/careers/benefits.pdf")
