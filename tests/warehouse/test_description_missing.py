"""A listing collected without its description (careeronestop, when the detail call gives none) counts
for titles and geography, never for the claims read from the text (docs/contracts.md §2)."""

from __future__ import annotations

import json

from pipeline import tag
from warehouse import load, reader

from .conftest import quiet

RUN = "careeronestop-20260310T060000Z-abcdef"


def _line(source_id: str, text: str, missing: bool | None) -> dict:
    line = {"source": "careeronestop", "source_id": source_id, "board": "nlx-CA", "url": f"https://nlx.example.invalid/{source_id}",
            "title": "Medical Assistant", "employer": f"Clinic {source_id}", "location": "Fresno, CA", "city": "Fresno",
            "state": "CA", "postal_code": None, "remote": False, "posted_at": "2026-03-09T00:00:00Z", "updated_at": None,
            "employment_type": "full_time", "description_html": None, "description_text": text, "pay": None, "tags": None,
            "raw": {"id": source_id}, "fetched_at": "2026-03-10T06:00:10Z", "run_id": RUN, "synthetic": True}
    if missing is not None:
        line["description_missing"] = missing
    line["tags"] = tag({"id": source_id, "title": line["title"], "description": text})
    return line


def _warehouse(tmp_path):
    folder = tmp_path / "landing" / "careeronestop"
    folder.mkdir(parents=True)
    lines = [_line("1", "Room patients.\nRequirements\n- CCMA required", False),
             _line("2", "", True),
             _line("3", "Room patients.\nRequirements\n- RMA required", None)]  # a line from before the field
    (folder / f"{RUN}.jsonl").write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    (folder / f"{RUN}.run.json").write_text(json.dumps({
        "run_id": RUN, "spider": "careeronestop", "started_at": "2026-03-10T06:00:00Z", "finished_at": "2026-03-10T06:01:00Z",
        "finish_reason": "finished", "stats": {"item_scraped_count": 3},
        "boards": {"nlx-CA": {"fetched": 3, "kept": 3, "skipped": 0}}, "quarantined": 0, "monitors": {"passed": True}}),
        encoding="utf-8")
    db = tmp_path / "warehouse.duckdb"
    load.load(db, tmp_path / "landing", progress=quiet)
    return db


def test_a_posting_without_its_description_counts_for_titles_and_geography_but_not_for_text_claims(tmp_path):
    db = _warehouse(tmp_path)
    flagged = dict(reader.query_rows(db, "SELECT source_id, description_missing FROM postings ORDER BY source_id"))
    assert flagged == {"1": False, "2": True, "3": False}
    assert reader.query_rows(db, "SELECT source_id FROM v_claim_population ORDER BY 1") == [("1",), ("3",)]
    assert reader.query_rows(db, "SELECT source_id FROM v_title_population ORDER BY 1") == [("1",), ("2",), ("3",)]
    assert reader.query_rows(db, "SELECT postings FROM v_coverage_by_state WHERE state = 'CA'") == [(3,)]
    # the certification shares are over the two postings whose text was read, not three
    shares = dict(reader.query_rows(db, "SELECT code, share FROM v_certification_demand"))
    assert shares == {"CCMA": 0.5, "RMA": 0.5}
