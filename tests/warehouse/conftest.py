"""Fixtures for the warehouse tests: the hand-written landing folder and warehouses built from it."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from warehouse import load

LANDING = Path(__file__).with_name("landing")
# Tables whose rows depend only on the landing files (not on when the build ran).
STABLE_TABLES = {
    "postings_raw": "posting_id, content_hash",
    "posting_sightings": "posting_id, run_id",
    "crawl_runs": "run_id",
    "run_boards": "run_id, board",
    "quarantine": "landing_file, reason",
    "postings": "posting_id",
    "posting_tags": "posting_id, dimension, code",
    "pay": "posting_id",
    "duplicate_groups": "posting_id",
    "sources": "source",
    "bls_reference": "area_code, measure, origin",
    "text_signatures": "text_hash",
}


def quiet(_message: str) -> None:
    """Progress sink for tests."""


@pytest.fixture
def landing(tmp_path) -> Path:
    """A private copy of the hand-written landing folder."""
    target = tmp_path / "landing"
    shutil.copytree(LANDING, target)
    return target


@pytest.fixture
def built(tmp_path, landing) -> Path:
    """A warehouse loaded once from the hand-written landing files."""
    db = tmp_path / "warehouse.duckdb"
    load.load(db, landing, progress=quiet)
    return db


def snapshot_rows(db: Path) -> dict[str, list[tuple]]:
    """Every stable table's rows, ordered, for comparing two warehouses."""
    with duckdb.connect(str(db), read_only=True) as con:
        return {table: con.execute(f"SELECT * FROM {table} ORDER BY {order}").fetchall()
                for table, order in STABLE_TABLES.items()}


@pytest.fixture(scope="module")
def built_shared(tmp_path_factory) -> Path:
    """One warehouse per test module, for tests that only read it."""
    folder = tmp_path_factory.mktemp("shared")
    shutil.copytree(LANDING, folder / "landing")
    db = folder / "warehouse.duckdb"
    load.load(db, folder / "landing", progress=quiet)
    return db
