"""Merge landing files into the raw tables: postings_raw, posting_sightings, crawl_runs, quarantine.

Item files are read by DuckDB's `read_json` with explicit columns (bulk, parallel; never a row at a
time), in two passes so that the wide columns (HTML, text, payload, tags) are copied once, straight
into postings_raw: the first pass keeps only keys and hashes and decides which rows are new
versions; the second reads the files again and inserts just those rows. Before them one more read
checks every line against the rules of warehouse/landing_lines.py (a JSON object, no repeated key,
each field of its type, not nested too deep); a file with a line that breaks one is read line by
line instead: its good lines are rewritten to a clean temporary file that both passes read, bad
ones go to the quarantine table with their reason. Items without source, source_id or fetched_at,
or with an empty one, are quarantined too. Nothing is dropped silently, and no line stops a load.

Hashes: `content_hash` (what makes a new version), `text_hash` (exact dedup) and the MinHash
signature (near dedup) come with the item from the crawler (`fingerprint`, docs/contracts.md
section 2); for items without it (older files) the two hashes are computed here, the same way
(tests/warehouse/test_fingerprint.py pins the Python and SQL definitions together), and the
signature by warehouse/dedup.py.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import duckdb
import pyarrow as pa

from warehouse import dedup
from warehouse.landing_files import LandingFile
from warehouse.landing_lines import ITEM_COLUMNS, BadLine, checked_row, literal, suspect_files

# md5 of the content fields (pipeline.fingerprint.content_hash): a new value is a new version.
# Unchanged from the first warehouse, so a warehouse built before keeps recognising its versions.
CONTENT_HASH = ("md5(concat_ws(chr(31), title, employer, location, url, posted_at, updated_at, employment_type, "
                "description_html, description_text, CAST(pay AS VARCHAR)))")
# pipeline.fingerprint.text_hash in SQL (tests/warehouse/test_fingerprint.py pins the two together).
TEXT_HASH = "md5(trim(regexp_replace(lower(concat_ws(' ', title, location, description_text)), '[^a-z0-9]+', ' ', 'g')))"
USABLE = ("coalesce(trim(source) <> '' AND trim(source_id) <> '' "
          "AND TRY_CAST(fetched_at AS TIMESTAMPTZ) IS NOT NULL, false)")
UNUSABLE_REASON = "missing or empty source, source_id or fetched_at"


def _columns_sql() -> str:
    return "{" + ", ".join(f"{name}: '{kind}'" for name, kind in ITEM_COLUMNS.items()) + "}"


def _read(paths: list[str]) -> str:
    listed = "[" + ", ".join(literal(p) for p in paths) + "]"
    return f"read_json({listed}, format = 'newline_delimited', columns = {_columns_sql()}, filename = true)"


def merge_items(con: duckdb.DuckDBPyConnection, files: list[LandingFile]) -> tuple[dict[str, int], list[str]]:
    """Merge item files into postings_raw (new versions) and posting_sightings.

    Returns the counts ({items, unusable, new_versions}) and one warning per file read line by line.
    """
    if not files:
        return {"items": 0, "unusable": 0, "new_versions": 0}, []
    try:
        return _merge_files(con, files, suspect_files(con, [str(f.path) for f in files]))
    except duckdb.Error:
        # A line the checks passed and the typed read still refused: read every file line by line.
        return _merge_files(con, files, {str(f.path) for f in files})


def _merge_files(con: duckdb.DuckDBPyConnection, files: list[LandingFile],
                 suspects: set[str]) -> tuple[dict[str, int], list[str]]:
    """Merge the files, reading the `suspects` line by line into clean temporary copies first."""
    with tempfile.TemporaryDirectory(prefix="ma-demand-load-") as scratch:
        readable, warnings = {}, []
        for landing_file in files:
            if str(landing_file.path) in suspects:
                clean, warning = _clean_copy(con, landing_file, Path(scratch) / f"{len(readable)}.jsonl")
                readable[str(clean)] = landing_file.relative
                warnings.append(warning)
            else:
                readable[str(landing_file.path)] = landing_file.relative
        _read_keys(con, list(readable))
        return _merge_keys(con, readable), warnings


def _clean_copy(con: duckdb.DuckDBPyConnection, landing_file: LandingFile, target: Path) -> tuple[Path, str]:
    """Write the good lines of `landing_file` to `target`, typed as read_json expects; quarantine the rest."""
    good, bad = 0, []
    with open(landing_file.path, "rb") as source, open(target, "w", encoding="utf-8") as sink:
        for number, line in enumerate(source, start=1):
            if not line.strip():
                continue
            try:
                sink.write(json.dumps(checked_row(line)) + "\n")
                good += 1
            except BadLine as error:
                text = line.decode("utf-8", errors="replace")[:10000]
                bad.append({"run_id": landing_file.run_id, "reason": f"line {number}: {error}"[:500],
                            "record": json.dumps({"line": text}), "landing_file": landing_file.relative})
    if bad:
        con.register("bad_rows", pa.Table.from_pylist(bad))
        con.execute("INSERT INTO quarantine BY NAME SELECT * FROM bad_rows")
        con.unregister("bad_rows")
    return target, f"{landing_file.relative}: {len(bad)} malformed line(s) quarantined, {good} loaded"


def _read_keys(con: duckdb.DuckDBPyConnection, paths: list[str]) -> None:
    """Pass 1: the keys and hashes of every line (narrow), into the temp table landed_keys.

    Items that carry the crawler's fingerprint need only their narrow columns read. The files with
    lines that lack it (older files) are read once more, wide columns too, to hash those lines here.
    """
    keys = f"""filename AS path, source, source_id, fetched_at AS fetched_text, {USABLE} AS usable,
               source || ':' || source_id AS posting_id, coalesce(run_id, 'unknown') AS run_id, board,
               CAST(TRY_CAST(fetched_at AS TIMESTAMPTZ) AS TIMESTAMP) AS fetched_at,
               fingerprint.minhash AS minhash, fingerprint.scheme AS scheme"""
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE landed_keys AS
        SELECT {keys}, fingerprint.content_hash AS content_hash, fingerprint.text_hash AS text_hash
        FROM {_read(paths)}""")
    unhashed = [row[0] for row in con.execute(
        "SELECT DISTINCT path FROM landed_keys WHERE content_hash IS NULL OR text_hash IS NULL ORDER BY 1").fetchall()]
    if unhashed:
        con.execute("DELETE FROM landed_keys WHERE path IN (SELECT unnest(?))", [unhashed])
        con.execute(f"""
            INSERT INTO landed_keys
            SELECT {keys},
                   CASE WHEN fingerprint.content_hash IS NOT NULL THEN fingerprint.content_hash ELSE {CONTENT_HASH} END,
                   CASE WHEN fingerprint.text_hash IS NOT NULL THEN fingerprint.text_hash ELSE {TEXT_HASH} END
            FROM {_read(unhashed)}""")


def _merge_keys(con: duckdb.DuckDBPyConnection, readable: dict[str, str]) -> dict[str, int]:
    """Decide which lines of landed_keys are new versions, then pass 2: insert those lines whole."""
    paths = list(readable)
    con.register("landed_files", pa.table({"path": paths, "landing_file": list(readable.values())}))
    landed, usable = con.execute("SELECT count(*), count(*) FILTER (usable) FROM landed_keys").fetchall()[0]
    if usable < landed:
        con.execute(f"""
            INSERT INTO quarantine
            SELECT l.run_id, ?, to_json(l), f.landing_file
            FROM (SELECT * EXCLUDE (filename, fingerprint), filename FROM {_read(paths)}) l
            JOIN landed_files f ON l.filename = f.path
            WHERE NOT ({USABLE})""", [UNUSABLE_REASON])
    dedup.store_landed_signatures(con, "landed_keys")
    # A line is found again in pass 2 by (file, source, source_id, fetched_at): unique unless a file
    # repeats a posting with the same fetch time, which the slower path below resolves by content.
    con.execute("""
        CREATE OR REPLACE TEMP TABLE new_versions AS
        WITH chosen AS (
            SELECT min_by(k.rowid, (k.fetched_at, k.run_id)) AS keep
            FROM landed_keys k ANTI JOIN postings_raw r USING (posting_id, content_hash)
            WHERE k.usable
            GROUP BY k.posting_id, k.content_hash
        ),
        repeated AS (
            SELECT path, source, source_id, fetched_text FROM landed_keys WHERE usable
            GROUP BY ALL HAVING count(*) > 1
        )
        SELECT k.path, k.source, k.source_id, k.fetched_text, k.posting_id, k.content_hash, k.text_hash, k.run_id,
               k.fetched_at, f.landing_file, r.path IS NOT NULL AS repeated
        FROM landed_keys k SEMI JOIN chosen c ON k.rowid = c.keep
        JOIN landed_files f USING (path)
        LEFT JOIN repeated r USING (path, source, source_id, fetched_text)""")
    new_versions = _insert_new_versions(con, paths)
    # A run's sightings are replaced by the ones this load brings.
    con.execute("""
        CREATE OR REPLACE TEMP TABLE new_sightings AS
        SELECT posting_id, run_id, source, board, content_hash, fetched_at FROM landed_keys WHERE usable
        QUALIFY row_number() OVER (PARTITION BY posting_id, run_id ORDER BY fetched_at DESC, content_hash) = 1""")
    con.execute("""
        DELETE FROM posting_sightings s USING new_sightings n
        WHERE s.posting_id = n.posting_id AND s.run_id = n.run_id""")
    con.execute("INSERT INTO posting_sightings SELECT * FROM new_sightings")
    for table in ("new_sightings", "new_versions", "landed_keys"):
        con.execute(f"DROP TABLE {table}")
    con.unregister("landed_files")
    return {"items": landed, "unusable": landed - usable, "new_versions": new_versions}


def _insert_new_versions(con: duckdb.DuckDBPyConnection, paths: list[str]) -> int:
    """Pass 2: read the files again and insert the lines new_versions chose into postings_raw; returns how many."""
    before = con.execute("SELECT count(*) FROM postings_raw").fetchall()[0][0]
    # The chosen lines, wide columns and all, straight into postings_raw. The join must build
    # its hash table on the narrow new_versions and stream the files past it; DuckDB cannot tell how
    # many rows read_json yields and would build on the files (every wide row in memory), so join
    # reordering is switched off for these statements and new_versions is written on the build side.
    con.execute("SET disabled_optimizers = 'join_order,build_side_probe_side'")
    try:
        wide = """n.posting_id, n.content_hash, r.source, r.source_id, n.run_id, n.fetched_at, r.board, r.url, r.title,
                  r.employer, r.location, r.city, r.state, r.postal_code, r.remote,
                  CAST(TRY_CAST(r.posted_at AS TIMESTAMPTZ) AS TIMESTAMP) AS posted_at,
                  CAST(TRY_CAST(r.updated_at AS TIMESTAMPTZ) AS TIMESTAMP) AS updated_at,
                  r.employment_type, r.description_html, coalesce(r.description_text, '') AS description_text,
                  coalesce(r.description_missing, false) AS description_missing,
                  n.text_hash, r.pay, r.tags, r.tags ->> 'tagger_version' AS tagger_version, r.raw,
                  coalesce(r.synthetic, false) AS synthetic, n.landing_file"""
        con.execute(f"""
            INSERT INTO postings_raw BY NAME
            SELECT {wide}
            FROM {_read(paths)} r
            JOIN (SELECT * FROM new_versions WHERE NOT repeated) n
              ON r.filename = n.path AND r.source = n.source AND r.source_id = n.source_id AND r.fetched_at = n.fetched_text""")
        if con.execute("SELECT count(*) FROM new_versions WHERE repeated").fetchall()[0][0]:
            con.execute(f"""
                INSERT INTO postings_raw BY NAME
                SELECT {wide}
                FROM (SELECT *, coalesce(fingerprint.content_hash, {CONTENT_HASH}) AS content_hash FROM {_read(paths)}) r
                JOIN (SELECT * FROM new_versions WHERE repeated) n
                  ON r.filename = n.path AND r.source = n.source AND r.source_id = n.source_id
                 AND r.fetched_at = n.fetched_text AND r.content_hash = n.content_hash
                QUALIFY row_number() OVER (PARTITION BY n.posting_id, n.content_hash) = 1""")
    finally:
        con.execute("RESET disabled_optimizers")
    return con.execute("SELECT count(*) FROM postings_raw").fetchall()[0][0] - before


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
