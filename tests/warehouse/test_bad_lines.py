"""A bad landing line is quarantined with its reason; the rest of its file and every later load go on."""

from __future__ import annotations

import json

import pytest

from warehouse import load, reader

from .conftest import LANDING, quiet

RUN = "greenhouse-20260310T060000Z-bad000"
GOOD = json.loads((LANDING / "greenhouse" / "greenhouse-20260301T060000Z-a1b2c3.jsonl").read_text().splitlines()[0])


def item(source_id: str, **fields) -> dict:
    return {**GOOD, "source_id": source_id, "run_id": RUN, **fields}


def line(source_id: str, **fields) -> bytes:
    return json.dumps(item(source_id, **fields)).encode()


def nested(levels: int) -> object:
    value: object = 1
    for _ in range(levels):
        value = {"child": value}
    return value


BAD_LINES = {
    "a list": (b"[1, 2, 3]", "not a JSON object"),
    "a number": (b"42", "not a JSON object"),
    "a repeated key": (line("bad")[:-1] + b', "source_id": "again"}', "key 'source_id' appears twice"),
    "a string minhash": (line("bad", fingerprint={"content_hash": "a" * 32, "text_hash": "b" * 32,
                                                  "minhash": "abc", "scheme": "oph64-w5-v1"}),
                         "fingerprint.minhash is a string"),
    "a minhash value beyond 32 bits": (line("bad", fingerprint={"minhash": [2**33]}), "fingerprint.minhash holds"),
    "nesting deeper than Python's parser goes": (
        line("BAD").replace(b'"raw": {', b'"raw": {"deep": ' + b"[" * 5000 + b"]" * 5000 + b", "),
        "nested deeper than 64 levels"),
    "nesting of 70 objects": (line("bad", raw=nested(70)), "nested deeper than 64 levels"),
    "invalid UTF-8": (line("BAD").replace(b'"BAD"', b'"bad\xff\xfe"'), "not valid UTF-8"),
    "an empty source_id": (line(""), "missing or empty source, source_id or fetched_at"),
    "a list where a string belongs": (line("bad", title=["Medical", "Assistant"]), "title is a list, not a string"),
    "a string where a boolean belongs": (line("bad", remote="false"), "remote is a string, not true or false"),
    "a list where an object belongs": (line("bad", raw=[1]), "raw is a list, not an object"),
}


def write_run(landing, run_id: str, lines: list[bytes]) -> None:
    (landing / "greenhouse" / f"{run_id}.jsonl").write_bytes(b"".join(entry + b"\n" for entry in lines))


@pytest.mark.parametrize("case", list(BAD_LINES))
def test_a_bad_line_is_quarantined_with_its_reason_and_its_neighbours_load(tmp_path, landing, case):
    bad, reason = BAD_LINES[case]
    write_run(landing, RUN, [line("before"), bad, line("after")])
    db = tmp_path / "w.duckdb"
    load.load(db, landing, progress=quiet)
    loaded = {row[0] for row in reader.query_rows(db, "SELECT source_id FROM postings_raw WHERE run_id = ?", [RUN])}
    assert loaded == {"before", "after"}
    reasons = [row[0] for row in reader.query_rows(
        db, "SELECT reason FROM quarantine WHERE landing_file LIKE ?", [f"%{RUN}%"])]
    assert len(reasons) == 1 and reason in reasons[0]


def test_after_a_load_with_bad_lines_the_next_load_of_good_files_works(tmp_path, landing):
    write_run(landing, RUN, [bad for bad, _ in BAD_LINES.values()] + [line("kept")])
    db = tmp_path / "w.duckdb"
    first = load.load(db, landing, progress=quiet)
    assert first.quarantined >= len(BAD_LINES)
    later = "greenhouse-20260311T060000Z-good00"
    write_run(landing, later, [json.dumps(item("next", run_id=later)).encode()])
    second = load.load(db, landing, progress=quiet)
    assert second.files_new == 1 and second.quarantined == 0
    assert reader.query_rows(db, "SELECT count(*) FROM postings WHERE posting_id IN ('greenhouse:kept', "
                                 "'greenhouse:next')") == [(2,)]


def test_well_formed_files_are_not_read_line_by_line(tmp_path, landing):
    summary = load.load(tmp_path / "w.duckdb", landing, progress=quiet)
    assert not any("malformed" in warning for warning in summary.warnings)
