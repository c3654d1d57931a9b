"""A landed state or specialty outside its vocabulary is cleared at load: the posting stays, the value is kept with why."""

from __future__ import annotations

import json

from pipeline.location import state_names
from warehouse import layers, load, reader

from .conftest import LANDING, quiet

RUN = "greenhouse-20260310T060000Z-mark00"
GOOD = json.loads((LANDING / "greenhouse" / "greenhouse-20260301T060000Z-a1b2c3.jsonl").read_text().splitlines()[0])
LINK = '<a href="https://evil.example">x</a>'
BOLD = "<b>cardiology</b>"


def item(source_id: str, *, state: str | None = "OK", specialty: str | None = None) -> dict:
    return {**GOOD, "source_id": source_id, "run_id": RUN, "state": state, "tags": {**GOOD["tags"], "specialty": specialty}}


def load_items(tmp_path, landing, items: list[dict]):
    (landing / "greenhouse" / f"{RUN}.jsonl").write_text("".join(json.dumps(entry) + "\n" for entry in items))
    db = tmp_path / "w.duckdb"
    return db, load.load(db, landing, progress=quiet)


def test_a_markup_state_or_specialty_is_cleared_and_the_posting_still_loads(tmp_path, landing):
    db, summary = load_items(tmp_path, landing, [item("link", state=LINK), item("bold", specialty=BOLD),
                                                 item("fine", state="TX", specialty="dermatology")])
    rows = reader.query_rows(db, "SELECT source_id, state, specialty FROM postings WHERE source_id IN "
                                 "('link', 'bold', 'fine') ORDER BY source_id")
    assert rows == [("bold", "OK", None), ("fine", "TX", "dermatology"), ("link", None, None)]
    cleared = reader.query_rows(db, "SELECT posting_id, field, value, reason FROM cleared_values ORDER BY field")
    assert cleared == [
        ("greenhouse:bold", "specialty", BOLD, "not a specialty id of pipeline/vocabulary/specialties.toml"),
        ("greenhouse:link", "state", LINK, "not a state code of pipeline/states.toml"),
    ]
    assert reader.query_rows(db, "SELECT count(*) FROM quarantine WHERE landing_file LIKE ?", [f"%{RUN}%"]) == [(0,)]
    assert [warning for warning in summary.warnings if "cleared_values" in warning] == [
        "1 postings load without their specialty: the landed value is not in its vocabulary "
        "(table cleared_values has the values and why)",
        "1 postings load without their state: the landed value is not in its vocabulary "
        "(table cleared_values has the values and why)",
    ]


def test_the_dashboard_tables_never_see_a_cleared_value(tmp_path, landing):
    db, _ = load_items(tmp_path, landing, [item("link", state=LINK, specialty=BOLD)])
    for table in ("dashboard_posting_cube", "dashboard_tag_cube", "dashboard_trend_weeks"):
        values = {value for row in reader.query_rows(db, f"SELECT DISTINCT state, specialty FROM {table}") for value in row}
        assert not any("<" in str(value) for value in values), table


def test_a_lower_case_or_unknown_code_is_cleared_too(tmp_path, landing):
    db, _ = load_items(tmp_path, landing, [item("lower", state="tx"), item("unknown", state="XX")])
    assert reader.query_rows(db, "SELECT value FROM cleared_values WHERE field = 'state' ORDER BY value") == [("XX",), ("tx",)]


def test_the_state_table_is_the_state_list_of_pipeline_states_toml():
    import duckdb

    con = duckdb.connect()
    layers.run_layer(con, "raw")
    assert dict(con.execute("SELECT code, name FROM us_states").fetchall()) == state_names()
    assert ("dermatology",) in con.execute("SELECT code FROM specialties").fetchall()
