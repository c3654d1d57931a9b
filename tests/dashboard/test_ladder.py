"""The career ladder's BLS bands, on the hand-made warehouse with senior and manager postings."""

from __future__ import annotations

import pytest

from dashboard.filters import Filters
from dashboard.pages import ladder
from dashboard.warehouse_data import Warehouse
from tests.dashboard.conftest import build_warehouse, posting_rows


@pytest.fixture(scope="module")
def senior_and_manager(tmp_path_factory):
    rows = posting_rows()
    for i, row in enumerate(rows[:40]):
        if i % 4 == 1:
            row["seniority"] = "senior"
        elif i % 4 == 2:
            row["seniority"] = "manager"
    return Warehouse(build_warehouse(tmp_path_factory.mktemp("ladder") / "warehouse.duckdb", rows))


def test_the_senior_band_runs_from_p90_to_the_chart_top_and_says_so(senior_and_manager):
    figure = ladder.pay_figure(senior_and_manager, Filters())
    levels = list(figure.data[0].x)
    senior = levels.index("senior")
    band = next(shape for shape in figure.layout.shapes if shape.x0 == senior - 0.4)
    assert band.y1 - band.y0 > 1  # dollars an hour: a band, not a hairline
    assert band.y1 == pytest.approx(figure.layout.yaxis.range[1])
    assert any(note.text == "p90 and above" for note in figure.layout.annotations)


def test_the_manager_level_has_no_band_and_says_why(senior_and_manager):
    figure = ladder.pay_figure(senior_and_manager, Filters())
    manager = list(figure.data[0].x).index("manager")
    assert not any(shape.x0 == manager - 0.4 for shape in figure.layout.shapes)
    assert any("outside the BLS range for this occupation" in (trace.name or "").replace("<br>", " ") for trace in figure.data)


def test_every_band_lies_inside_the_chart(senior_and_manager):
    figure = ladder.pay_figure(senior_and_manager, Filters())
    low, high = figure.layout.yaxis.range
    assert all(low <= shape.y0 and shape.y1 <= high for shape in figure.layout.shapes)
