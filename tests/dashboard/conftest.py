"""A small hand-made warehouse (a real DuckDB file) for the dashboard tests.

The warehouse's own DDL builds the tables; rows below are written by hand: 48 unique MA postings
over 12 months and 6 states, one duplicate, one non-MA posting, tags with evidence, two crawl runs,
two claims (raw and weighted readings), and one posting whose text carries an XSS attempt. MA employment
by state comes from the shipped OEWS file (TX, CA, NY and FL have a figure; OK and WA none).
"""

from __future__ import annotations

from datetime import datetime, timedelta

import duckdb
import pytest

from warehouse import layers

STATES = ["TX", "OK", "CA", "NY", "FL", "WA"]
SOURCES = ["greenhouse", "lever"]
SPECIALTIES = [None, "dermatology", "cardiology", "family_medicine"]
SENIORITIES = [None, "entry", "mid", "lead"]  # None: the title states no level
EXPERIENCE_BANDS = ["0-2", None, "3-5", "6+"]
XSS_ID = "lever:xss-1"
XSS_TEXT = ('Medical Assistant needed. <script>window.__xss = 1</script> '
            '<img src=x onerror="window.__xss = 2"> CMA required. Epic experience preferred.')


def posting_rows(synthetic: bool = True) -> list[dict]:
    rows = []
    start = datetime(2025, 6, 2, 9, 0)
    for i in range(48):
        posted = start + timedelta(days=7 * i + (i % 3))
        paid = i % 4 != 3
        low = 17.0 + (i % 8) + (2.0 if SPECIALTIES[i % 4] == "dermatology" else 0.0)
        rows.append(dict(
            posting_id=f"{SOURCES[i % 2]}:p{i:03d}", source=SOURCES[i % 2], source_id=f"p{i:03d}",
            employer=f"Clinic {i % 5}", title=["Medical Assistant", "Certified Medical Assistant", "Medical Assistant II",
                                               "Lead Medical Assistant"][i % 4],
            state=STATES[i % 6], city="Somewhere", posted_at=posted, first_seen=posted,
            last_seen=posted + timedelta(days=20), removed_at=posted + timedelta(days=30) if i % 2 else None,
            active=not i % 2, is_ma=True, seniority=SENIORITIES[i % 4],
            experience_band=EXPERIENCE_BANDS[i % 4], specialty=SPECIALTIES[i % 4],
            experience_years_min=[1.0, None, 4.0, 6.0][i % 4], experience_requirement=["required", None, "preferred", "required"][i % 4],
            education=["ma_program", None, "high_school", None][i % 4], synthetic=synthetic,
            description_text=f"Medical Assistant at Clinic {i % 5}. CMA or RMA required. Must know Epic. "
                             f"BLS required within 30 days. Vital signs and phlebotomy daily.",
            pay_hourly_min=low if paid else None, pay_hourly_max=low + 3 if paid else None,
            is_canonical=True, url=f"https://example.invalid/jobs/{i}"))
    rows.append({**rows[0], "posting_id": "lever:dup-0", "source": "lever", "source_id": "dup-0", "is_canonical": False})
    rows.append({**rows[1], "posting_id": "greenhouse:rn-1", "source_id": "rn-1", "title": "Registered Nurse", "is_ma": False})
    rows.append({**rows[2], "posting_id": XSS_ID, "source": "lever", "source_id": "xss-1", "title": "<b>MA</b> <script>x</script>",
                 "description_text": XSS_TEXT})
    return rows


def tag_rows(postings: list[dict]) -> list[tuple]:
    tags = []
    for row in postings:
        pid = row["posting_id"]
        tags += [(pid, "certification", "CMA", None, "required", None, "CMA"),
                 (pid, "ehr", "epic", None, None, None, "Epic"),
                 (pid, "skill", "vital_signs", "clinical", None, None, "Vital signs")]
        if row["source"] == "greenhouse":
            tags += [(pid, "certification", "BLS", None, "required", 1.0, "BLS required within 30 days"),
                     (pid, "skill", "phlebotomy", "clinical", None, None, "phlebotomy"),
                     (pid, "ehr", "athenahealth", None, None, None, "athena")]
    return tags


def build_warehouse(path, postings=None, synthetic=True) -> str:
    postings = postings if postings is not None else posting_rows(synthetic)
    with duckdb.connect(str(path)) as con:
        layers.run_layer(con, "raw")
        layers.run_layer(con, "core", prefix="0")
        columns = list(postings[0])
        con.executemany(f"INSERT INTO postings ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})",
                        [[row.get(c) for c in columns] for row in postings])
        con.executemany("INSERT INTO posting_tags (posting_id, dimension, code, category, requirement, within_months, "
                        "evidence, tagger_version) VALUES (?, ?, ?, ?, ?, ?, ?, 'test')", tag_rows(postings))
        con.execute("INSERT INTO crawl_runs (run_id, spider, started_at, finished_at, finish_reason, items, "
                    "skipped, quarantined, errors, health, landing_file) VALUES ('greenhouse-20260101T000000Z-aaaaaa', 'greenhouse', "
                    "'2026-01-01 00:00', '2026-01-01 00:05', 'finished', 30, 2, 1, 0, NULL, 'x.jsonl'), "
                    "('lever-20260101T000000Z-bbbbbb', 'lever', '2026-01-01 00:00', '2026-01-01 00:04', "
                    "'finished', 22, 0, 0, 3, NULL, 'y.jsonl')")
        con.execute("INSERT INTO warehouse_meta VALUES ('synthetic', ?), ('load_id', 'load-test-1'), "
                    "('built_at', '2026-01-01T00:10:00Z')", ["true" if synthetic else "false"])
        con.execute("INSERT INTO claims (claim_id, claim, guide_section, metric, rule, min_n) VALUES ('cpr_bls_universal', 'CPR or BLS is nearly universal', 'What Employers "
                    "Look For', 'share naming CPR or BLS', '>= 0.8 supported', 30), ('epic_common', 'Epic is among "
                    "the most common EHRs', 'What Employers Look For', 'Epic rank', 'top 4', 30)")
        con.execute("INSERT INTO claim_results (claim_id, computed_at, observed, ci_low, ci_high, n, verdict, "
                    "example_posting_ids, detail, weighted_observed, weighted_ci_low, weighted_ci_high, "
                    "weighted_ci_low_with_error, weighted_ci_high_with_error, weighted_n, weighted_n_effective, "
                    "weighted_verdict) VALUES ('cpr_bls_universal', '2026-01-01 00:10', 0.49, 0.36, 0.62, 49, "
                    "'contradicted', ['greenhouse:p000', 'greenhouse:p002'], NULL, 0.81, 0.64, 0.91, 0.6, 0.93, 33, "
                    "21.4, 'partly supported'), ('epic_common', '2026-01-01 00:10', 1.0, 0.93, 1.0, 49, 'supported', "
                    "['lever:p001'], NULL, 1.0, 0.86, 1.0, 0.86, 1.0, 33, 24.9, 'supported')")
        layers.run_layer(con, "marts")
    return str(path)


@pytest.fixture(scope="session")
def warehouse_file(tmp_path_factory) -> str:
    return build_warehouse(tmp_path_factory.mktemp("dashboard") / "warehouse.duckdb")


def serve_dashboard(warehouse_file):
    """The dashboard over `warehouse_file`, served on a free 127.0.0.1 port in a thread: its URL."""
    import threading

    from werkzeug.serving import make_server

    from dashboard.app import create_app

    server = make_server("127.0.0.1", 0, create_app(warehouse_file).server, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture(scope="session")
def dashboard_url(warehouse_file):
    """The dashboard over the hand-made warehouse."""
    yield from serve_dashboard(warehouse_file)


@pytest.fixture(scope="session")
def one_crawl_url(tmp_path_factory):
    """The dashboard over a warehouse whose postings were all first seen by one crawl."""
    crawled = datetime(2026, 1, 7, 23, 59, 59)
    rows = [{**row, "first_seen": crawled, "last_seen": crawled, "removed_at": None, "active": True}
            for row in posting_rows()]
    yield from serve_dashboard(build_warehouse(tmp_path_factory.mktemp("one-crawl") / "warehouse.duckdb", rows))


@pytest.fixture(scope="session")
def one_state_url(tmp_path_factory):
    """The dashboard over a warehouse whose postings are all in Texas: enough for a state's pay and shares."""
    rows = [{**row, "state": "TX"} for row in posting_rows()]
    yield from serve_dashboard(build_warehouse(tmp_path_factory.mktemp("one-state") / "warehouse.duckdb", rows))


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium driven through chromedriver, with the browser console captured."""
    from tests.conftest import require_executable
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    chromium, chromedriver = require_executable("chromium"), require_executable("chromedriver")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-dev-shm-usage", "--window-size=1400,1000"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(chromedriver), options=options)
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()
