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


def test_the_summary_says_whether_the_tagger_ran_compiled(tmp_path, monkeypatch):
    monkeypatch.setenv("MA_DEMAND_PURE_PYTHON", "1")
    result = run("-", stdin=json.dumps({"id": "a", "title": "MA", "description": "CMA required"}) + "\n")
    assert result.returncode == 0
    assert result.stderr.strip().endswith("plain Python (MA_DEMAND_PURE_PYTHON is set)")


def test_missing_input_file_is_one_line_and_exit_2(tmp_path):
    result = run(str(tmp_path / "missing.jsonl"))
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0 and "cannot open" in result.stderr


def test_two_processes_write_the_same_lines_in_the_same_order_as_one(tmp_path):
    bodies = ["CMA or RMA required. Epic.", "Dental assistant, Dentrix.", "BLS within 30 days of hire. $21/hr",
              "No experience necessary; we will train.", "Scribe for our ED physicians."]
    lines = [json.dumps({"id": f"p{number}", "title": "Medical Assistant", "description": bodies[number % 5]})
             for number in range(300)]  # several chunks per worker
    lines.insert(7, "{broken")
    one, two = run("-j", "1", stdin="\n".join(lines)), run("--jobs", "2", stdin="\n".join(lines))
    assert one.returncode == two.returncode == 0
    assert two.stdout == one.stdout and len(two.stdout.splitlines()) == 300
    assert [json.loads(line)["id"] for line in two.stdout.splitlines()] == [f"p{number}" for number in range(300)]
    assert "line 8 is not JSON" in two.stderr and "on 2 processes" in two.stderr


def test_zero_jobs_is_one_line_and_exit_2():
    result = run("--jobs", "0", stdin="{}")
    assert result.returncode == 2 and result.stderr.strip().count("\n") == 0 and "--jobs" in result.stderr


def test_a_line_with_a_lone_surrogate_escape_is_still_tagged(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text('{"id": "s1", "title": "Medical Assistant \\udc80", "description": "CMA required."}\n'
                      '{"id": "s2", "title": "Medical Assistant", "description": "RMA preferred."}\n', encoding="utf-8")
    result = run(str(source), "-o", str(tmp_path / "out.jsonl"))
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [(record["id"], [c["code"] for c in record["certifications"]]) for record in records] == [
        ("s1", ["CMA"]), ("s2", ["RMA"])]
