"""Global filters: the URL query string round-trips, and its SQL counts what the explorer lists."""

from __future__ import annotations

from dashboard import cube
from dashboard.filters import Filters, from_query, mart_where, postings_where, to_query
from dashboard.warehouse_data import Warehouse
from warehouse import reader


def test_query_string_round_trips_every_filter():
    chosen = Filters(start="2025-07-01", end="2025-12-31", state=("OK", "TX"), source=("lever",),
                     specialty=("dermatology",), seniority=("entry", "lead"))
    assert from_query(to_query(chosen)) == chosen
    assert to_query(chosen).startswith("?start=2025-07-01&end=2025-12-31&state=OK,TX")


def test_empty_filters_give_an_empty_query_and_no_conditions():
    assert to_query(Filters()) == ""
    assert mart_where(Filters()) == ("", [])


def test_bad_dates_and_unknown_keys_in_a_url_are_ignored():
    assert from_query("?start=yesterday&end=2025-13-40&color=red&state=TX") == Filters(state=("TX",))


def test_filter_values_travel_as_parameters_not_sql():
    clause, params = mart_where(Filters(state=("TX' OR 1=1 --",)))
    assert "OR 1=1" not in clause and params == ["TX' OR 1=1 --"]


def test_mart_counts_match_a_scan_of_postings_for_the_same_filters(warehouse_file):
    warehouse = Warehouse(warehouse_file)
    for chosen in (Filters(), Filters(state=("TX",)), Filters(start="2025-09-01", end="2025-12-31"),
                   Filters(specialty=("(none)",), seniority=("entry",)), Filters(source=("lever",), state=("CA", "NY"))):
        clause, params = postings_where(chosen)
        scanned = reader.query_rows(warehouse_file, f"SELECT count(*) FROM postings {clause}", params)[0][0]
        assert cube.total(warehouse, chosen) == scanned, chosen


def test_duplicates_and_non_ma_postings_are_not_counted(warehouse_file):
    assert cube.total(Warehouse(warehouse_file), Filters()) == 49


def test_grouping_sets_give_the_same_counts_as_separate_queries(warehouse_file):
    warehouse = Warehouse(warehouse_file)
    chosen = Filters(source=("greenhouse",))
    tags = cube.tag_sets(warehouse, chosen, "certification", [("code", "requirement", "timed"), ("code", "state")])
    counts = cube.posting_sets(warehouse, chosen, [(), ("state",)])
    separate = cube.tags_by(warehouse, chosen, "certification", "state")
    merged = tags[("code", "state")].sort_values(["code", "state"]).reset_index(drop=True)
    assert merged.values.tolist() == separate.sort_values(["code", "state"]).reset_index(drop=True).values.tolist()
    assert int(counts[()]["postings"].sum()) == cube.total(warehouse, chosen) == 24
    assert counts[("state",)].set_index("state")["postings"].to_dict() == \
        cube.postings_by(warehouse, chosen, "state").set_index("state")["postings"].to_dict()
    bls = tags[("code", "requirement", "timed")].query("code == 'BLS'")
    assert bls[["requirement", "timed", "postings"]].values.tolist() == [["required", True, 24]]
