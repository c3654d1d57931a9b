"""How fast the four source mappings turn one response into a posting item.

Renders synthetic postings through the fixture shapes (no network), then times the spiders'
pure mapping functions, HTML-to-text included: extruct on JSON-LD and microdata career pages,
and the JSON mappings of SmartRecruiters, Workable and USAJOBS (with its secret scrub).
Beside extruct it times what a user might write instead: pulling `application/ld+json`
scripts with selectolax and `json.loads`, which is faster but misses microdata pages. Run: `.venv/bin/python -m benchmarks.structured_data`.
"""

from __future__ import annotations

import json
import time

from selectolax.lexbor import LexborHTMLParser as HTMLParser

from crawler.fixtures.shapes import jobposting as jobposting_shape
from crawler.fixtures.shapes import smartrecruiters as smartrecruiters_shape
from crawler.fixtures.shapes import usajobs as usajobs_shape
from crawler.fixtures.shapes import workable as workable_shape
from crawler.spiders import jobposting, smartrecruiters, usajobs, workable

ROOT = "http://127.0.0.1:8000"
DESCRIPTION = ("<p>Room patients, take vital signs and document in Epic.</p><ul>"
               + "".join(f"<li>Duty {n}: assist providers with exams and procedures.</li>" for n in range(12))
               + "</ul><p>CMA or RMA required within 90 days of hire.</p>")


def postings(count: int) -> list[dict]:
    return [{
        "ats": "jobposting", "board": "bench-clinic", "employer": "Bench Clinic (synthetic)", "id": f"bn-{n:06d}",
        "title": "Medical Assistant" if n % 3 else "Patient Access Representative", "description_html": DESCRIPTION,
        "location": "Tulsa, OK 74103", "city": "Tulsa", "state": "OK", "postal_code": "74103", "remote": False,
        "posted_at": "2026-03-14T15:02:00Z", "updated_at": "2026-03-15T15:02:00Z", "employment_type": "full_time",
        "department": "Clinical", "pay": {"min": 19.5, "max": 23.0, "period": "hour", "currency": "USD"}, "is_ma": True,
    } for n in range(count)]


def rate(label: str, count: int, work) -> float:
    started = time.perf_counter()
    work()
    seconds = time.perf_counter() - started
    per_second = count / seconds
    print(f"  {label:<58} {count:>6} in {seconds:6.2f} s = {per_second:>9,.0f}/s", flush=True)
    return per_second


def ld_json_only(page: str) -> list[dict]:
    found = []
    for script in HTMLParser(page).css('script[type="application/ld+json"]'):
        try:
            found.append(json.loads(script.text()))
        except ValueError:
            continue
    return found


def main() -> None:
    sample = postings(600)
    pages = [jobposting_shape.job_page(p, ROOT) for p in sample]
    microdata_pages = sum(jobposting_shape.uses_microdata(p) for p in sample)
    print(f"structured-data benchmark: {len(pages)} synthetic career pages ({microdata_pages} microdata)", flush=True)
    results = {}
    results["extruct"] = rate("jobposting: extruct JSON-LD + microdata -> item", len(pages), lambda: [
        jobposting.posting(found, "b", None, ROOT) for page in pages for found in jobposting.job_postings(page, ROOT)])
    found_plain = []
    results["selectolax"] = rate("alternative: selectolax + json.loads (JSON-LD only)", len(pages),
                                 lambda: found_plain.extend(x for page in pages for x in ld_json_only(page)))
    sr = [smartrecruiters_shape.detail(p, ROOT) for p in sample]
    results["smartrecruiters"] = rate("smartrecruiters: detail payload -> item", len(sr), lambda: [
        smartrecruiters.posting(d, "b", None) for d in sr])
    jobs = workable_shape.account(sample, "Bench", details=True)["jobs"]
    results["workable"] = rate("workable: widget job -> item", len(jobs), lambda: [
        workable.posting(j, "b", "Bench") for j in jobs])
    items = usajobs_shape.search_page(sample, 1, 500)["SearchResult"]["SearchResultItems"]
    results["usajobs"] = rate("usajobs: search item -> item (secrets scrubbed)", len(items), lambda: [
        usajobs.scrub(usajobs.posting(i, "federal"), ("KEY", "me@example.org")) for i in items])
    print(f"summary: extruct maps {results['extruct']:,.0f} pages/s; JSON-LD-only parsing "
          f"{results['selectolax']:,.0f} pages/s but found {len(found_plain)} of {len(pages)} postings; "
          f"API mappings {min(results['smartrecruiters'], results['workable'], results['usajobs']):,.0f}+ postings/s")


if __name__ == "__main__":
    main()
