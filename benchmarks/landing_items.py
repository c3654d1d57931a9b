"""Synthetic landing files for the warehouse benchmarks (docs/contracts.md section 2).

Every item is synthetic and marked `synthetic: true`. The text is assembled from the same random
choices that fill its `tags`, so tags and text agree, the way `pipeline.tag()` output would,
without paying for a million tagger calls at set-up time. About one posting in twelve is a
near-copy of an earlier one on another source (a re-post), and one in twenty is not an MA job.
Each item carries the `fingerprint` the crawler computes (`pipeline.fingerprint`), signed a batch
at a time; `fingerprints=False` writes items as older crawlers did, without it. The files are
written by the crawler's own `crawler.landing_run.LandingRun`, so the run record names the items
file's digest and size as a crawl's does.
"""

from __future__ import annotations

import hashlib
import random
import sys
import time
from pathlib import Path

from crawler.landing_run import LandingRun
from pipeline.fingerprint import MINHASH_SCHEME, content_hash, minhash, text_hash

SOURCES = ("greenhouse", "lever", "ashby", "smartrecruiters", "workable", "usajobs", "jobposting")
STATES = ("TX", "CA", "FL", "NY", "OH", "PA", "IL", "GA", "NC", "MI", "WA", "AZ", "MA", "TN", "CO",
          "MN", "OR", "OK", "KY", "UT")
CITIES = ("Springfield", "Riverton", "Fairview", "Lakeside", "Brookfield", "Georgetown", "Madison",
          "Clinton", "Salem", "Franklin", "Ashland", "Milford")
EMPLOYERS = tuple(f"{a} {b}" for a in ("Riverbend", "Summit", "Bluewater", "Cedar", "Northgate", "Prairie",
                                       "Harbor", "Mesa", "Pinecrest", "Oakridge")
                  for b in ("Health", "Medical Group", "Clinic", "Family Practice", "Physicians"))
TITLES = (("Medical Assistant", "entry"), ("Clinical Medical Assistant", "entry"),
          ("Certified Medical Assistant", "entry"), ("Back Office Medical Assistant", "entry"),
          ("Medical Assistant II", "mid"), ("Senior Medical Assistant", "senior"),
          ("Lead Medical Assistant", "lead"), ("Medical Assistant Supervisor", "supervisor"))
SPECIALTIES = (None, None, None, "family_medicine", "pediatrics", "dermatology", "orthopedics",
               "ophthalmology", "podiatry", "cardiology", "obgyn", "urgent_care")
CERTS = ("CMA", "RMA", "CCMA", "NCMA", "BLS", "CPR", "PHLEBOTOMY")
LEVELS = ("required", "preferred", "mentioned")
EHRS = ("epic", "oracle_health", "eclinicalworks", "athenahealth", "nextgen", "modmed")
SKILLS = (("vital_signs", "clinical"), ("phlebotomy", "clinical"), ("injections", "clinical"),
          ("ekg", "clinical"), ("specimen_collection", "clinical"), ("rooming", "clinical"),
          ("medical_coding", "administrative"), ("prior_authorization", "administrative"),
          ("scheduling", "administrative"), ("communication", "soft"))
BOILERPLATE = (
    "We are an equal opportunity employer and value diversity at our organization. All qualified "
    "applicants will receive consideration for employment without regard to race, color, religion, "
    "sex, sexual orientation, gender identity, national origin, disability or veteran status. "
    "Benefits include medical, dental and vision coverage, paid time off, a retirement plan with "
    "employer match, tuition assistance and an employee wellness program. ") * 3


def _item(rng: random.Random, number: int, run_id: str, source: str, fetched_at: str) -> dict:
    title, seniority = rng.choice(TITLES)
    is_ma = rng.random() > 0.05
    if not is_ma:
        title, seniority = rng.choice((("Patient Access Representative", None), ("Registered Nurse", None)))
    specialty = rng.choice(SPECIALTIES)
    employer, state, city = rng.choice(EMPLOYERS), rng.choice(STATES), rng.choice(CITIES)
    certs = [{"code": c, "requirement": rng.choice(LEVELS), "within_months": rng.choice((None, None, 3.0))}
             for c in rng.sample(CERTS, rng.randint(0, 4))]
    ehr = rng.sample(EHRS, rng.randint(0, 2))
    skills = [{"id": s, "category": c} for s, c in rng.sample(SKILLS, rng.randint(2, 6))]
    hourly = round(rng.uniform(16, 30), 2)
    structured = rng.random() < 0.3
    in_text = not structured and rng.random() < 0.4
    pay = {"min": hourly, "max": round(hourly + rng.choice((0, 2, 4)), 2), "period": "hour", "currency": "USD"}
    lines = [f"<h2>{title}</h2>", f"<p>{employer} is hiring a {title} in {city}, {state}.</p>", "<ul>"]
    lines += [f"<li>{c['code']} certification {c['requirement']}</li>" for c in certs]
    lines += [f"<li>Experience with {e} electronic health records</li>" for e in ehr]
    lines += [f"<li>Perform {s['id'].replace('_', ' ')} for patients every day</li>" for s in skills]
    lines += ["</ul>"]
    if in_text:
        lines.append(f"<p>Pay: ${pay['min']:.2f} - ${pay['max']:.2f} per hour</p>")
    lines.append(f"<p>Requisition {number}. {BOILERPLATE}</p>")
    html = "".join(lines)
    text = html.replace("</li>", "\n").replace("</p>", "\n")
    for tag in ("<h2>", "</h2>", "<p>", "<ul>", "</ul>", "<li>"):
        text = text.replace(tag, "")
    text_pay = dict(pay, hourly_min=pay["min"], hourly_max=pay["max"], source="text") if in_text else None
    source_id = f"{source[:2]}-{number:08d}"
    tags = {
        "id": source_id, "is_ma": is_ma, "title_normalized": title.lower(), "seniority": seniority,
        "track": "clinical", "specialty": specialty, "certifications": certs, "ehr": ehr, "skills": skills,
        "pay": text_pay, "experience_years_min": rng.choice((None, 0, 1, 2)),
        "experience_requirement": rng.choice((None, "required", "preferred")),
        "education": rng.choice((None, "high_school", "ma_program")), "bilingual": rng.random() < 0.1,
        "languages": [], "evidence": {"certifications": {c["code"]: [f"{c['code']} certification"] for c in certs}},
        "tagger_version": "synthetic-1",
    }
    month = rng.randint(1, 12)
    return {
        "source": source, "source_id": source_id, "board": employer.lower().replace(" ", "-"),
        "url": f"https://jobs.example.invalid/{source}/{source_id}", "title": title, "employer": employer,
        "location": f"{city}, {state}", "city": city, "state": state, "postal_code": None, "remote": False,
        "posted_at": f"2026-{month:02d}-{rng.randint(1, 28):02d}T12:00:00Z", "updated_at": None,
        "employment_type": "full_time", "description_html": html, "description_text": text,
        "pay": dict(pay, source="structured") if structured else None, "tags": tags,
        "raw": {"id": source_id, "title": title, "content": html, "location": {"name": f"{city}, {state}"}},
        "fetched_at": fetched_at, "run_id": run_id, "synthetic": True,
    }


def _repost(item: dict, original: dict) -> None:
    """Make `item` a re-post of `original`: same text and tags, its own source and id."""
    for field in ("title", "employer", "board", "location", "city", "state", "description_html", "description_text"):
        item[field] = original[field]
    item["tags"] = dict(original["tags"], id=item["source_id"])
    item["description_text"] = item["description_text"].replace("Requisition", "Job number")


def _add_fingerprints(items: list[dict]) -> None:
    """What crawler/pipelines/enrich.py adds, for a batch of items at once."""
    signatures = minhash([f"{item['title']} {item['description_text']}" for item in items])
    for item, signature in zip(items, signatures):
        item["fingerprint"] = {"content_hash": content_hash(item),
                               "text_hash": text_hash(f"{item['title']} {item['location']} {item['description_text']}"),
                               "minhash": signature.tolist(), "scheme": MINHASH_SCHEME}


def write_landing(landing: Path, postings: int, *, runs: int = 10, seed: int = 7, fingerprints: bool = True) -> Path:
    """Write `postings` items in `runs` complete runs (with run records) under `landing`; reuse if present."""
    marker = landing / f".complete-{postings}-{runs}-{seed}-{'fingerprints3' if fingerprints else 'plain3'}"
    if marker.exists():
        return landing
    rng = random.Random(seed)
    per_run = -(-postings // runs)
    started = time.perf_counter()
    written = 0
    recent: list[dict] = []
    for run in range(runs):
        source = SOURCES[run % len(SOURCES)]
        suffix = hashlib.sha1(f"{seed}-{run}".encode()).hexdigest()[:6]
        run_id = f"{source}-202603{run + 1:02d}T060000Z-{suffix}"
        fetched_at = f"2026-03-{run + 1:02d}T06:30:00Z"
        for stale in (landing / source).glob(f"{run_id}.*"):  # an older format or an interrupted set-up
            stale.unlink()
        landing_run = LandingRun(landing, source, run_id, fetched_at)
        count = min(per_run, postings - written)
        boards: dict[str, dict] = {}
        batch: list[dict] = []
        for index in range(count):
            item = _item(rng, written + index, run_id, source, fetched_at)
            if recent and rng.random() < 1 / 12:
                _repost(item, rng.choice(recent))
            if len(recent) < 1000:
                recent.append(item)
            else:
                recent[index % 1000] = item
            board = boards.setdefault(item["board"], {"fetched": 0, "kept": 0, "skipped": 0, "complete": True})
            board["fetched"] += 1
            board["kept"] += 1
            batch.append(item)
            if len(batch) == 10_000 or index == count - 1:
                if fingerprints:
                    _add_fingerprints(batch)
                for landed in batch:
                    landing_run.write(landed)
                batch = []
        written += count
        landing_run.finish({
            "run_id": run_id, "spider": source, "source": source, "started_at": fetched_at,
            "finished_at": fetched_at, "finish_reason": "finished", "resumed": False,
            "items_file": landing_run.items_path.name, "postings": count, "quarantined": 0, "boards": boards,
            "monitors": {"passed": True, "results": []}, "stats": {"item_scraped_count": count}, "synthetic": True})
        print(f"  wrote {written:,}/{postings:,} items ({time.perf_counter() - started:.0f} s)", file=sys.stderr)
    marker.touch()
    return landing
