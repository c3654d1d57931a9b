"""Merge landing files into the raw tables: postings_raw, posting_sightings, crawl_runs, quarantine.

Item files go through DuckDB's `read_json` with explicit columns (bulk, parallel; never a row at a
time). A file that `read_json` rejects is read line by line instead: good lines still load (through
Arrow), bad ones go to the quarantine table with their reason. Items without source or source_id
are quarantined too. Nothing is dropped silently.
"""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pyarrow as pa

from warehouse.landing import LandingFile

ITEM_COLUMNS = {
    "source": "VARCHAR", "source_id": "VARCHAR", "board": "VARCHAR", "url": "VARCHAR", "title": "VARCHAR",
    "employer": "VARCHAR", "location": "VARCHAR", "city": "VARCHAR", "state": "VARCHAR",
    "postal_code": "VARCHAR", "remote": "BOOLEAN", "posted_at": "VARCHAR", "updated_at": "VARCHAR",
    "employment_type": "VARCHAR", "description_html": "VARCHAR", "description_text": "VARCHAR",
    "pay": "JSON", "tags": "JSON", "raw": "JSON", "fetched_at": "VARCHAR", "run_id": "VARCHAR",
    "synthetic": "BOOLEAN",
}
_JSON_FIELDS = {"pay", "tags", "raw"}


def _literal(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def _columns_sql() -> str:
    return "{" + ", ".join(f"{name}: '{kind}'" for name, kind in ITEM_COLUMNS.items()) + "}"


def stage_items(con: duckdb.DuckDBPyConnection, files: list[LandingFile]) -> list[str]:
    """Read item files into the temp table `landed`; returns one warning per file read line by line."""
    columns = ", ".join(f"{name} {kind}" for name, kind in ITEM_COLUMNS.items())
    con.execute(f"CREATE OR REPLACE TEMP TABLE landed ({columns}, landing_file VARCHAR)")
    warnings: list[str] = []
    if not files:
        return warnings
    try:
        paths = "[" + ", ".join(_literal(f.path) for f in files) + "]"
        relative = "map([" + ", ".join(_literal(f.path) for f in files) + "], [" + ", ".join(
            _literal(Path(f.relative)) for f in files) + "])"
        con.execute(
            f"INSERT INTO landed SELECT * EXCLUDE (filename), {relative}[filename] FROM read_json({paths}, "
            f"format = 'newline_delimited', columns = {_columns_sql()}, filename = true)")
    except duckdb.Error:
        con.execute("DELETE FROM landed")
        for landing_file in files:
            warnings += _stage_one(con, landing_file)
    return warnings


def _stage_one(con: duckdb.DuckDBPyConnection, landing_file: LandingFile) -> list[str]:
    try:
        con.execute(f"INSERT INTO landed SELECT *, ? FROM read_json({_literal(landing_file.path)}, "
                    f"format = 'newline_delimited', columns = {_columns_sql()})", [landing_file.relative])
        return []
    except duckdb.Error:
        pass
    good, bad = [], []
    with open(landing_file.path, encoding="utf-8", errors="replace") as source:
        for number, line in enumerate(source, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                if not isinstance(record, dict):
                    raise ValueError("not a JSON object")
                good.append(_typed_row(record, landing_file.relative))
            except (ValueError, TypeError) as error:
                bad.append({"run_id": landing_file.run_id, "reason": f"line {number}: {error}"[:500],
                            "record": json.dumps({"line": line[:10000]}), "landing_file": landing_file.relative})
    if good:
        table = pa.Table.from_pylist(good)
        con.register("landed_rows", table)
        con.execute("INSERT INTO landed BY NAME SELECT * FROM landed_rows")
        con.unregister("landed_rows")
    if bad:
        con.register("bad_rows", pa.Table.from_pylist(bad))
        con.execute("INSERT INTO quarantine BY NAME SELECT * FROM bad_rows")
        con.unregister("bad_rows")
    return [f"{landing_file.relative}: {len(bad)} malformed line(s) quarantined, {len(good)} loaded"]


def _typed_row(record: dict, relative: str) -> dict:
    row = {}
    for name, kind in ITEM_COLUMNS.items():
        value = record.get(name)
        if name in _JSON_FIELDS:
            value = None if value is None else json.dumps(value)
        elif kind == "BOOLEAN":
            value = value if isinstance(value, bool) or value is None else bool(value)
        elif value is not None:
            value = str(value)
        row[name] = value
    row["landing_file"] = relative
    return row


def merge_items(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Move `landed` into postings_raw (new versions) and posting_sightings; quarantine unusable items."""
    con.execute("""
        INSERT INTO quarantine
        SELECT run_id, 'missing source, source_id or fetched_at',
               to_json(l) , landing_file
        FROM landed l
        WHERE source IS NULL OR source_id IS NULL OR TRY_CAST(fetched_at AS TIMESTAMPTZ) IS NULL""")
    con.execute("""
        CREATE OR REPLACE TEMP TABLE landed_typed AS
        SELECT source || ':' || source_id AS posting_id,
               md5(concat_ws(chr(31), title, employer, location, url, posted_at, updated_at, employment_type,
                             description_html, description_text, CAST(pay AS VARCHAR))) AS content_hash,
               source, source_id, coalesce(run_id, 'unknown') AS run_id,
               CAST(TRY_CAST(fetched_at AS TIMESTAMPTZ) AS TIMESTAMP) AS fetched_at,
               board, url, title, employer, location, city, state, postal_code, remote,
               CAST(TRY_CAST(posted_at AS TIMESTAMPTZ) AS TIMESTAMP) AS posted_at,
               CAST(TRY_CAST(updated_at AS TIMESTAMPTZ) AS TIMESTAMP) AS updated_at,
               employment_type, description_html, coalesce(description_text, '') AS description_text,
               md5(trim(regexp_replace(lower(concat_ws(' ', title, location, description_text)), '[^a-z0-9]+', ' ', 'g')))
                   AS text_hash,
               pay, tags, tags ->> 'tagger_version' AS tagger_version, raw,
               coalesce(synthetic, false) AS synthetic, landing_file
        FROM landed
        WHERE source IS NOT NULL AND source_id IS NOT NULL AND TRY_CAST(fetched_at AS TIMESTAMPTZ) IS NOT NULL""")
    before = con.execute("SELECT count(*) FROM postings_raw").fetchall()[0][0]
    # Pick each new version's first fetch on the narrow key columns only, then copy those wide rows:
    # a window over the wide rows (HTML, text, payload) would sort them all.
    con.execute("""
        CREATE OR REPLACE TEMP TABLE new_versions AS
        SELECT min_by(n.rowid, (n.fetched_at, n.run_id)) AS keep
        FROM landed_typed n ANTI JOIN postings_raw r USING (posting_id, content_hash)
        GROUP BY n.posting_id, n.content_hash""")
    con.execute("""
        INSERT INTO postings_raw BY NAME
        SELECT * FROM landed_typed n SEMI JOIN new_versions v ON n.rowid = v.keep""")
    con.execute("DROP TABLE new_versions")
    after = con.execute("SELECT count(*) FROM postings_raw").fetchall()[0][0]
    con.execute("""
        INSERT OR REPLACE INTO posting_sightings
        SELECT posting_id, run_id, source, board, content_hash, fetched_at FROM landed_typed
        QUALIFY row_number() OVER (PARTITION BY posting_id, run_id ORDER BY fetched_at DESC) = 1""")
    landed = con.execute("SELECT count(*) FROM landed").fetchall()[0][0]
    usable = con.execute("SELECT count(*) FROM landed_typed").fetchall()[0][0]
    con.execute("DROP TABLE landed_typed")
    con.execute("DROP TABLE landed")
    return {"items": landed, "unusable": landed - usable, "new_versions": after - before}


def merge_quarantine(con: duckdb.DuckDBPyConnection, landing_file: LandingFile) -> int:
    """Copy the crawler's quarantine records ({reason, record} per line) into the quarantine table."""
    rows = []
    with open(landing_file.path, encoding="utf-8", errors="replace") as source:
        for line in source:
            if not line.strip():
                continue
            try:
                entry = json.loads(line)
                reason, record = (entry.get("reason"), entry.get("record")) if isinstance(entry, dict) else (None, entry)
            except ValueError:
                reason, record = "quarantine line is not JSON", {"line": line[:10000]}
            rows.append({"run_id": landing_file.run_id, "reason": None if reason is None else str(reason),
                         "record": json.dumps(record), "landing_file": landing_file.relative})
    if rows:
        con.register("quarantine_rows", pa.Table.from_pylist(rows))
        con.execute("INSERT INTO quarantine BY NAME SELECT * FROM quarantine_rows")
        con.unregister("quarantine_rows")
    return len(rows)
