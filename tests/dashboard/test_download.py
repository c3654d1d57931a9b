"""The explorer's CSV download: text a spreadsheet would run as a formula is quoted; numbers stay numbers."""

from __future__ import annotations

import csv
import io

import pytest

from dashboard.app import create_app
from dashboard.download import neutralised
from tests.dashboard.conftest import build_warehouse, posting_rows

FORMULAS = {"p000": "=HYPERLINK(\"https://evil.example\",\"open\")", "p001": "+1+cmd|' /C calc'!A0",
            "p002": "-2+3", "p003": "@SUM(A1:A9)", "p004": "\t=1+1", "p005": "\r=1+1"}


@pytest.fixture(scope="module")
def downloaded(tmp_path_factory) -> dict[str, dict]:
    rows = posting_rows()
    for row in rows:
        if row["source_id"] in FORMULAS:
            row["employer"] = FORMULAS[row["source_id"]]
    rows[6]["pay_hourly_min"], rows[6]["pay_hourly_max"] = -3.5, 2.25  # a negative number must stay a number
    rows[7]["employer"] = "Clinic - East = best"  # a formula sign inside the text is harmless
    db = build_warehouse(tmp_path_factory.mktemp("download") / "warehouse.duckdb", rows)
    response = create_app(db).server.test_client().get("/download/postings.csv")
    assert response.status_code == 200
    table = list(csv.DictReader(io.StringIO(response.get_data(as_text=True), newline="")))
    return {row["posting_id"].split(":")[1]: row for row in table}


def test_a_cell_starting_like_a_formula_gets_a_leading_quote(downloaded):
    assert {source_id: downloaded[source_id]["employer"] for source_id in FORMULAS} == {
        source_id: "'" + text for source_id, text in FORMULAS.items()}


def test_numbers_and_ordinary_text_are_left_as_they_are(downloaded):
    assert (downloaded["p006"]["pay_hourly_min"], downloaded["p006"]["pay_hourly_max"]) == ("-3.5", "2.25")
    assert downloaded["p007"]["employer"] == "Clinic - East = best"
    assert downloaded["p008"]["employer"] == "Clinic 3"


@pytest.mark.parametrize("value, expected", [
    ("=1", "'=1"), ("+1", "'+1"), ("-1", "'-1"), ("@x", "'@x"), ("\tx", "'\tx"), ("\rx", "'\rx"),
    ("a=1", "a=1"), ("", ""), (-3.5, -3.5), (0, 0), (None, None), (True, True),
])
def test_neutralised_touches_only_text_that_starts_like_a_formula(value, expected):
    assert neutralised(value) == expected
