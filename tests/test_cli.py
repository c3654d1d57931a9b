"""The `ma-demand` entry point: help on every command, settings declared once, tag contract."""

from __future__ import annotations

import json
import subprocess
import sys

import ma_demand
from ma_demand_settings import SETTINGS, settings_markdown


def _subcommands() -> list[str]:
    parser = ma_demand.build_parser()
    action = next(a for a in parser._actions if a.dest == "command")
    return sorted(action.choices)


def test_every_subcommand_answers_help():
    for name in _subcommands():
        result = subprocess.run([sys.executable, "-m", "ma_demand", name, "--help"], capture_output=True, text=True)
        assert result.returncode == 0, (name, result.stderr)
        assert "usage: ma-demand" in result.stdout


def test_tag_reads_json_lines_and_writes_one_record_per_input():
    lines = "\n".join(json.dumps(r) for r in [
        {"id": "a", "title": "Medical Assistant", "description": "<p>CMA required. Epic experience.</p>"},
        {"id": "b", "title": "Dental Assistant", "description": "Dentrix"},
    ])
    result = subprocess.run([sys.executable, "-m", "ma_demand", "tag"], input=lines + "\nnot json\n",
                            capture_output=True, text=True)
    assert result.returncode == 0
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in records] == ["a", "b"]
    assert records[0]["is_ma"] is True and records[1]["is_ma"] is False
    assert "line 3 is not JSON" in result.stderr


def test_every_setting_is_documented_in_docs_settings():
    from pathlib import Path

    documented = (Path(__file__).resolve().parents[1] / "docs" / "settings.md").read_text(encoding="utf-8")
    assert documented == settings_markdown(), "regenerate: ma-demand settings --markdown > docs/settings.md"
    for declared in SETTINGS:
        assert f"`{declared.env}`" in documented


def test_the_landing_folder_and_the_warehouses_follow_the_data_dir_unless_set(monkeypatch, tmp_path):
    from ma_demand_settings import setting

    for name in ("MA_DEMAND_LANDING", "MA_DEMAND_DB", "MA_DEMAND_DEMO_DB"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("MA_DEMAND_DATA_DIR", str(tmp_path))
    assert [setting(name) for name in ("landing", "db", "demo_db")] == [
        f"{tmp_path}/landing", f"{tmp_path}/warehouse.duckdb", f"{tmp_path}/demo.duckdb"]
    monkeypatch.setenv("MA_DEMAND_DB", "/elsewhere/w.duckdb")
    assert setting("db") == "/elsewhere/w.duckdb"
