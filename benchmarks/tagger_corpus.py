"""Realistic 2-4 KB postings for the tagger benchmark, assembled from hand-written fragments.

Each posting joins an employer introduction, one or two labelled posting bodies from
tests/pipeline/labelled/ (the files in CORPUS_FILES), a duties block, a benefits block and an equal-opportunity closing,
picked by a seeded random generator, so the corpus is varied, repeatable and needs no network.
"""

from __future__ import annotations

import html
import random

import json

from benchmarks.tagger_accuracy import LABELLED

# The labelled files the bodies come from, fixed so that a new labelled set does not change the corpus
# every speed figure in docs/performance.md was measured on (the development sets of issue 14 came later).
CORPUS_FILES = ("core.jsonl", "holdout.jsonl", "holdout2.jsonl", "not_ma.jsonl", "pay.jsonl", "requirement.jsonl",
                "traps.jsonl")


def _bodies() -> list[dict]:
    return [json.loads(line) for name in CORPUS_FILES
            for line in (LABELLED / name).read_text(encoding="utf-8").splitlines() if line.strip()]

INTROS = [
    "About Us\nWillow Creek Medical Group is a physician-owned practice serving families across three counties since 1987. Our 40 providers offer primary care, pediatrics and same-day visits, and our care teams are known for long tenures and friendly clinics.",
    "Who We Are\nNorthgate Health Partners is a nonprofit community health center. We care for everyone regardless of ability to pay, and most of our patients speak a language other than English at home. We have eleven sites and a mobile unit.",
    "Company Overview\nBlue Mesa Dermatology & Skin Surgery has grown from one office to nine in the last decade. Our providers perform medical, surgical and cosmetic dermatology, and we invest in training our clinical staff.",
    "Join our team!\nHarborview Orthopedic Associates provides comprehensive musculoskeletal care, from sports injuries to joint replacement. Our clinic sees around 120 patients a day across four providers.",
    "Position Summary\nThe clinic operates Monday through Friday, 7:30 a.m. to 5:00 p.m., with one Saturday morning per month. The role reports to the Clinical Operations Manager and works closely with providers, nurses and front desk staff.",
    "Our Mission\nTo deliver compassionate, high-quality care close to home. Pine Valley Clinics employs over 600 people in rural communities, and we believe every team member shapes the patient experience.",
]
DUTIES = [
    "Responsibilities\n- Escort patients to exam rooms, obtain vitals, height and weight\n- Document chief complaint, history and medication list in the EHR\n- Assist providers with exams and minor procedures\n- Collect specimens and perform CLIA-waived tests\n- Stock and clean exam rooms between patients\n- Call patients with normal results and process refill requests",
    "Essential Duties\n- Prepare patients for examination and explain procedures\n- Administer injections and immunizations as ordered\n- Perform EKGs, spirometry and visual acuity screening\n- Schedule follow-up appointments and referrals\n- Complete prior authorizations for imaging and medications\n- Maintain logs for refrigerator temperatures and controls",
    "A day in the life\nYou will huddle with your provider each morning, review the schedule, and prepare charts. During clinic you room patients, reconcile medications, give vaccines and draw blood. Between visits you answer portal messages and help the front desk when the waiting room is busy.",
    "What you'll do\nGreet and room patients in a timely manner; perform point-of-care testing; sterilize instruments; order supplies and keep inventory; educate patients on care plans; remove sutures and apply dressings; work with billing on charge capture.",
]
BENEFITS = [
    "Benefits\n- Medical, dental and vision insurance from day one\n- 403(b) with employer match\n- Paid time off starting at 15 days a year plus 8 holidays\n- Continuing education allowance\n- Employee assistance program\n- Free parking",
    "What we offer\nCompetitive wages, a sign-on bonus for certified candidates, tuition reimbursement up to $3,000 per year, scrubs allowance, and a predictable schedule with no nights. Most of our MAs have been with us for five years or more.",
    "Perks\nFour-day work weeks available after 90 days, paid certification renewals, quarterly team events, and a clear career ladder from MA I to Lead MA.",
]
CLOSINGS = [
    "Equal Opportunity Employer\nWe are an equal opportunity employer and value diversity. All employment decisions are made without regard to race, color, religion, sex, sexual orientation, gender identity, national origin, age, disability, veteran status or any other protected characteristic.",
    "We participate in E-Verify. Reasonable accommodations are available for applicants with disabilities throughout the hiring process. Employment is contingent on a background check, drug screen and proof of immunizations including the annual influenza vaccine.",
    "How to apply\nSubmit your resume through our careers site. Interviews are held on site; qualified candidates will be contacted within a week. Questions? Call our recruiting team Monday through Friday.",
]


def postings(count: int, seed: int = 2026) -> list[dict]:
    """`count` plain-text postings of about 2-4 KB each: {id, title, description}."""
    chooser = random.Random(seed)
    bodies = _bodies()
    made = []
    for number in range(count):
        core = chooser.sample(bodies, 2)
        parts = [chooser.choice(INTROS), core[0]["description"], chooser.choice(DUTIES), chooser.choice(BENEFITS),
                 chooser.choice(CLOSINGS)]
        if chooser.random() < 0.5:
            parts.insert(3, core[1]["description"])
        text = "\n\n".join(parts)
        target = chooser.randint(2048, 4096)
        extras = INTROS + DUTIES + BENEFITS + CLOSINGS + [row["description"] for row in chooser.sample(bodies, 6)]
        while len(text) < target:
            text += "\n\n" + extras.pop(chooser.randrange(len(extras)))
        made.append({"id": f"bench-{number}", "title": core[0]["title"], "description": text[:4096]})
    return made


def as_html(text: str) -> str:
    """The same posting as the HTML a job board serves: paragraphs, headings and lists."""
    out, in_list = [], False
    for line in text.split("\n"):
        if line.startswith("- "):
            if not in_list:
                out.append("<ul>")
                in_list = True
            out.append(f"<li>{html.escape(line[2:])}</li>")
            continue
        if in_list:
            out.append("</ul>")
            in_list = False
        if line and len(line) < 40 and not line.endswith("."):
            out.append(f"<h3>{html.escape(line)}</h3>")
        elif line:
            out.append(f"<p>{html.escape(line)}</p>")
    if in_list:
        out.append("</ul>")
    return '<div class="job-description">' + "".join(out) + "</div>"
