"""The ready-made schedules in deploy/: systemd accepts the units, and they run `ma-demand crawl`."""

from __future__ import annotations

import configparser
import os
import shutil
import subprocess
from pathlib import Path

from ma_demand_scheduled_run import EXIT_LOCKED
from ma_demand import build_parser
from tests.conftest import require_executable

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"
VENV_BIN = Path(shutil.which("ma-demand") or Path(os.sys.executable).with_name("ma-demand")).parent


def _unit(name: str) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str
    parser.read(DEPLOY / name)
    return parser


def test_systemd_accepts_the_service_and_timer_units(tmp_path):
    analyze = require_executable("systemd-analyze")
    root = tmp_path / "srv"
    (root / ".venv").mkdir(parents=True)
    (root / ".venv" / "bin").symlink_to(VENV_BIN)
    for name in ("ma-demand-crawl.service", "ma-demand-crawl.timer"):
        text = (DEPLOY / name).read_text().replace("/srv/ma-demand", str(root))
        (tmp_path / name).write_text(text)
    result = subprocess.run([analyze, "verify", str(tmp_path / "ma-demand-crawl.service"),
                             str(tmp_path / "ma-demand-crawl.timer")], capture_output=True, text=True)
    problems = [line for line in result.stderr.splitlines() if "ma-demand-crawl" in line]
    assert result.returncode == 0 and problems == [], result.stderr


def test_the_service_runs_the_crawl_command_and_treats_a_held_lock_as_success():
    service = _unit("ma-demand-crawl.service")["Service"]
    command = service["ExecStart"].split()
    assert command[0].endswith("/.venv/bin/ma-demand") and command[1:] == ["crawl"]
    build_parser().parse_args(command[1:])
    assert str(EXIT_LOCKED) in service["SuccessExitStatus"].split()
    timer = _unit("ma-demand-crawl.timer")
    assert timer["Timer"]["Unit"] == "ma-demand-crawl.service" and timer["Timer"]["Persistent"] == "true"


def test_the_crontab_line_is_a_valid_schedule_for_the_crawl_command():
    lines = [line for line in (DEPLOY / "crontab").read_text().splitlines() if line and not line.startswith("#")]
    schedule = [line for line in lines if "=" not in line.split()[0]]
    assert len(schedule) == 1
    minute, hour, day, month, weekday, *command = schedule[0].split()
    assert 0 <= int(minute) < 60 and 0 <= int(hour) < 24 and (day, month, weekday) == ("*", "*", "*")
    assert "ma-demand crawl" in " ".join(command)
    variables = dict(line.split("=", 1) for line in lines if line not in schedule)
    assert set(variables) == {"MA_DEMAND_DATA_DIR", "MA_DEMAND_LANDING", "MA_DEMAND_DB"}
