"""`ma-demand tag`: JSON Lines in, one tag record per posting out, bad lines reported and skipped."""

from __future__ import annotations

import json
import subprocess
import sys


def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "ma_demand", "tag", *args], input=stdin, capture_output=True, text=True)


def test_tag_file_to_file_keeps_ids_and_reports_skipped_lines(tmp_path):
    source = tmp_path / "postings.jsonl"
    source.write_text("\n".join([
        json.dumps({"id": "a", "title": "Lead MA", "description": "<ul><li>CMA or RMA required</li></ul>"}),
        "{broken",
        json.dumps({"id": "b", "title": "Dental Assistant", "description": "Dentrix"}),
    ]) + "\n", encoding="utf-8")
    result = run(str(source), "-o", str(tmp_path / "tags.jsonl"))
    assert result.returncode == 0
    records = [json.loads(line) for line in (tmp_path / "tags.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [record["id"] for record in records] == ["a", "b"]
    assert records[0]["evidence"]["certifications"] == {"CMA": ["CMA"], "RMA": ["RMA"]}
    assert records[0]["seniority"] == "lead" and records[1]["is_ma"] is False
    assert "line 2 is not JSON" in result.stderr and "tagged 2 postings (1 lines skipped)" in result.stderr


def test_missing_input_file_is_one_line_and_exit_2(tmp_path):
    result = run(str(tmp_path / "missing.jsonl"))
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0 and "cannot open" in result.stderr
