"""The synthetic demo postings: deterministic, large and varied enough to exercise every page,
and shaped as docs/contracts.md section 3 says."""

from __future__ import annotations

import re
from collections import Counter
from datetime import datetime

import pytest

from crawler.fixtures.synthetic import SOURCES, employer_boards, generate, iter_postings

CONTRACT_FIELDS = {
    "ats": str, "board": str, "employer": str, "id": str, "title": str, "description_html": str,
    "location": str, "city": str, "state": str, "postal_code": str, "remote": bool,
    "posted_at": str, "updated_at": str, "employment_type": str, "department": str, "is_ma": bool,
}
EMPLOYMENT_TYPES = {"full_time", "part_time", "contract", "temporary", "per_diem", "internship"}
PAY_PERIODS = {"hour", "day", "week", "month", "year"}
TAGS = re.compile(r"<[^>]+>")


@pytest.fixture(scope="module")
def demo() -> list[dict]:
    return generate()


def text_of(posting: dict) -> str:
    return TAGS.sub(" ", posting["description_html"])


def test_same_seed_gives_the_same_postings_and_another_seed_does_not():
    assert generate(300, seed=7) == generate(300, seed=7)
    assert generate(300, seed=7) != generate(300, seed=8)


def test_a_longer_stream_starts_with_the_shorter_one():
    assert list(iter_postings(500, seed=3))[:200] == generate(200, seed=3)


def test_generate_gives_exactly_n_postings():
    assert len(generate(0)) == 0
    assert len(generate(137, seed=1)) == 137


def test_negative_n_is_refused_with_a_clear_error():
    with pytest.raises(ValueError, match="n must be zero or more"):
        generate(-1)


def test_default_demo_set_has_at_least_2000_postings_with_unique_ids(demo):
    assert len(demo) >= 2000
    assert len({p["id"] for p in demo}) == len(demo)


def test_every_posting_matches_the_contract_and_says_it_is_synthetic(demo):
    for posting in demo:
        for field, kind in CONTRACT_FIELDS.items():
            assert isinstance(posting[field], kind), (posting["id"], field)
        assert posting["synthetic"] is True
        assert posting["ats"] in SOURCES
        assert posting["employment_type"] in EMPLOYMENT_TYPES
        assert re.fullmatch(r"[A-Z]{2}", posting["state"]) and re.fullmatch(r"\d{5}", posting["postal_code"])
        for stamp in (posting["posted_at"], posting["updated_at"]):
            assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", stamp)
        assert posting["updated_at"] >= posting["posted_at"]
        pay = posting["pay"]
        if pay is not None:
            assert set(pay) == {"min", "max", "period", "currency"}
            assert pay["currency"] == "USD" and pay["period"] in PAY_PERIODS and 0 < pay["min"] <= pay["max"]


def test_postings_span_at_least_40_states_and_all_nine_sources(demo):
    assert len({p["state"] for p in demo}) >= 40
    assert {p["ats"] for p in demo} == set(SOURCES)


def test_posting_dates_cover_at_least_12_months_before_november_2026(demo):
    months = {p["posted_at"][:7] for p in demo}
    assert len(months) >= 12
    assert max(p["posted_at"] for p in demo) < "2026-11-01"


def test_many_employers_each_on_their_own_boards(demo):
    employers = Counter(p["employer"] for p in demo)
    assert len(employers) >= 40
    boards = {(b["ats"], b["board"]) for b in employer_boards()}
    assert {(p["ats"], p["board"]) for p in demo} <= boards


def test_usajobs_postings_come_only_from_va_facilities(demo):
    federal = [p for p in demo if p["ats"] == "usajobs"]
    assert federal and all(p["employer"].startswith("Department of Veterans Affairs") for p in federal)


def test_about_a_third_of_postings_are_not_ma_jobs(demo):
    share = sum(not p["is_ma"] for p in demo) / len(demo)
    assert 0.25 <= share <= 0.42


def test_some_non_ma_postings_mention_medical_assistants(demo):
    assert any("medical assistant" in text_of(p).lower() for p in demo if not p["is_ma"])


def test_about_sixty_percent_state_pay_in_the_field_or_the_text(demo):
    money = re.compile(r"\$\d[\d,]*(\.\d\d)?(K)?\s*(-|&ndash;|to)\s*\$?\d|\$\d[\d.,]*\s*(/hr|/hour|per hour|an hour|hourly)|starting (at|pay)", re.I)
    stating = [p for p in demo if p["pay"] is not None or money.search(p["description_html"])]
    share = len(stating) / len(demo)
    assert 0.5 <= share <= 0.72
    structured = sum(p["pay"] is not None for p in demo)
    assert 0.15 * len(demo) < structured < len(stating)


def test_descriptions_are_nearly_all_distinct_and_of_realistic_length(demo):
    texts = [p["description_html"] for p in demo if p["duplicate_of"] is None]
    assert len(set(texts)) >= 0.99 * len(texts)
    lengths = sorted(len(t) for t in texts)
    assert lengths[len(lengths) // 10] >= 1500 and lengths[len(lengths) * 9 // 10] <= 4000


def test_sections_are_worded_in_many_ways(demo):
    bullets = Counter(re.findall(r"<li>(.*?)</li>", "".join(p["description_html"] for p in demo)))
    headings = Counter(re.findall(r"<h[234]>(.*?)</h[234]>", "".join(p["description_html"] for p in demo)))
    assert len(bullets) >= 250
    assert len(headings) >= 30


def test_html_has_lists_headings_tables_and_entities(demo):
    html = "".join(p["description_html"] for p in demo)
    for marker in ("<ul>", "<ol>", "<h2>", "<h3>", "<strong>", "<table>", "&amp;", "&ndash;"):
        assert marker in html, marker


def test_duplicates_repeat_a_posting_on_another_source(demo):
    by_id = {p["id"]: p for p in demo}
    twins = [p for p in demo if p["duplicate_of"]]
    assert len(twins) >= 5
    for twin in twins:
        original = by_id[twin["duplicate_of"]]
        assert twin["ats"] != original["ats"] and twin["employer"] == original["employer"]
        assert twin["description_html"].startswith(original["description_html"])


# What the demo must let the dashboard find (wording variety and the synthetic market's shape).

@pytest.fixture(scope="module")
def market() -> list[dict]:
    return generate(15000, seed=11)


def hourly_midpoints(postings, keep) -> list[float]:
    return [(p["pay"]["min"] + p["pay"]["max"]) / 2 for p in postings
            if p["is_ma"] and p["pay"] and p["pay"]["period"] == "hour" and keep(p)]


def median(values: list[float]) -> float:
    values = sorted(values)
    return values[len(values) // 2]


def test_requirement_levels_are_stated_every_way_a_tagger_must_read(demo):
    html = " ".join(p["description_html"] for p in demo if p["is_ma"])
    for cue in (r"within \d+ days of (hire|employment)", r"within \d+ months", r"[Ww]e (pay for|reimburse|cover the cost)",
                r"[Nn]ot required", r"\bpreferred\b", r"\ba plus\b", r"\brequired\b", r"[Nn]ice to have", r"[Pp]referred Qualifications"):
        assert re.search(cue, html), cue


def test_every_credential_the_dashboard_charts_is_named(demo):
    text = " ".join(text_of(p) for p in demo if p["is_ma"])
    for credential in ("CMA (AAMA)", "RMA (AMT)", "CCMA", "NCMA", "NRCMA", "CMAC", "MA-C", "BLS", "CPR",
                       "NHA CPT", "certified medical assistant", "Certified Medical Assistant"):
        assert credential in text, credential


def test_the_common_ehr_systems_all_appear(demo):
    text = " ".join(text_of(p) for p in demo)
    for system in ("Epic", "Cerner", "Oracle Health", "eClinicalWorks", "athena", "NextGen", "Allscripts",
                   "MEDITECH", "Experity", "ModMed", "Kareo", "AdvancedMD", "Practice Fusion", "Greenway"):
        assert system in text, system


def test_titles_cover_the_career_ladder_and_non_ma_roles(demo):
    titles = " | ".join(p["title"] for p in demo)
    for title in ("Medical Assistant II", "Senior Medical Assistant", "Lead Medical Assistant", "Team Lead",
                  "Medical Assistant Supervisor", "Clinical Operations Manager", "Clinical Coordinator",
                  "Ophthalmic Technician", "Front Office Medical Assistant", "Registered Nurse", "Licensed Practical Nurse",
                  "Dental Assistant", "Physician Assistant", "Medical Scribe", "Patient Care Technician", "Billing Specialist"):
        assert title in titles, title


def test_pay_in_text_comes_as_ranges_single_figures_starting_at_and_salaries(demo):
    html = " ".join(p["description_html"] for p in demo)
    assert re.search(r"\$\d\d\.\d\d ?(-|&ndash;|to) ?\$\d\d\.\d\d", html)
    assert re.search(r"\$\d\d\.\d\d(/hr|/hour| per hour)", html)
    assert re.search(r"[Ss]tart(ing at|s at| pay) \$\d\d", html)
    assert re.search(r"\$\d{2,3},\d{3} ?(-|&ndash;|to) ?\$\d{2,3},\d{3}", html)
    assert re.search(r"\$[\d,]+ (sign-on|signing|hiring) bonus|[Ss]ign-on bonus up to \$", html)


def test_some_postings_state_pay_only_in_the_text(demo):
    text_only = [p for p in demo if p["pay"] is None and re.search(r"\$\d\d\.\d\d", p["description_html"])]
    assert len(text_only) >= 0.15 * len(demo)


def test_required_certification_pays_more_than_no_requirement(market):
    required = re.compile(r"certification required|Must hold an active|Certification required:|required at hire|"
                          r"is a must|Must possess|is required: |certification is required|certification required at time")
    certified = hourly_midpoints(market, lambda p: required.search(p["description_html"]))
    others = hourly_midpoints(market, lambda p: not required.search(p["description_html"]))
    assert len(certified) > 300 and len(others) > 300
    assert median(certified) >= median(others) + 0.75


def test_lead_and_supervisor_titles_pay_more_than_entry_titles(market):
    leads = hourly_midpoints(market, lambda p: re.search(r"Lead|Supervisor", p["title"]))
    entry = hourly_midpoints(market, lambda p: p["title"] in ("Medical Assistant", "Clinical Medical Assistant", "Medical Assistant I"))
    assert median(leads) >= median(entry) + 3


def test_dermatology_pays_more_than_family_medicine_but_podiatry_does_not(market):
    dermatology = hourly_midpoints(market, lambda p: p["department"] == "Dermatology")
    family = hourly_midpoints(market, lambda p: p["department"] == "Family Medicine")
    podiatry = hourly_midpoints(market, lambda p: p["department"] == "Podiatry")
    assert min(len(dermatology), len(family), len(podiatry)) >= 20
    assert median(dermatology) > median(family) + 1
    assert median(podiatry) < median(dermatology)


def test_high_cost_states_pay_more_than_low_cost_states(market):
    high = hourly_midpoints(market, lambda p: p["state"] in {"CA", "WA", "MA", "NY"})
    low = hourly_midpoints(market, lambda p: p["state"] in {"MS", "AL", "AR", "LA", "OK", "WV"})
    assert median(high) > median(low) + 2


def test_cpr_bls_is_common_but_not_nearly_universal(market):
    ma = [p for p in market if p["is_ma"]]
    share = sum(bool(re.search(r"\bBLS\b|\bCPR\b", p["description_html"])) for p in ma) / len(ma)
    assert 0.45 <= share <= 0.8


def test_spanish_is_asked_more_in_texas_than_in_ohio(market):
    def share(state):
        postings = [p for p in market if p["is_ma"] and p["state"] == state]
        return sum("Spanish" in p["description_html"] for p in postings) / len(postings)
    assert share("TX") > share("OH") + 0.15


def test_a_long_stream_still_gives_nearly_all_distinct_descriptions(market):
    originals = [p["description_html"] for p in market if p["duplicate_of"] is None]
    assert len(set(originals)) >= 0.995 * len(originals)


def test_the_employer_registry_names_every_board_once_per_employer():
    boards = employer_boards()
    assert len({(b["ats"], b["board"]) for b in boards}) == len(boards)
    assert {b["ats"] for b in boards} == set(SOURCES)
    assert sum(1 for b in boards if b["ats"] == "usajobs") >= 5


def test_export_writes_one_json_line_per_posting_and_leaves_no_partial_file(tmp_path):
    import json

    from crawler.fixtures.synthetic_export import main

    target = tmp_path / "demo" / "postings.jsonl"
    assert main([str(target), "--n", "40", "--seed", "5"]) == 0
    lines = target.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line) for line in lines] == generate(40, seed=5)
    assert [p.name for p in target.parent.iterdir()] == ["postings.jsonl"]


def test_export_to_an_unwritable_place_fails_with_one_line(tmp_path, capsys):
    from crawler.fixtures.synthetic_export import main

    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    assert main([str(blocker / "postings.jsonl"), "--n", "3"]) == 2
    assert capsys.readouterr().err.count("\n") == 1


def test_every_placeholder_is_filled_and_every_ampersand_is_an_entity(demo):
    bare_ampersand = re.compile(r"&(?![a-z]+;|#\d+;)")
    for posting in demo:
        html = posting["description_html"]
        assert "{" not in html and "}" not in html, posting["id"]
        assert not bare_ampersand.search(html), posting["id"]
    assert any("Cedar &amp; Stone Health" in p["description_html"] for p in demo)
