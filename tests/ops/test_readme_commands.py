"""The README's "Using it" commands, exactly as written, right after the demo (`make run`) in a fresh
data folder: each exits 0 and prints what it promises. The commands are read from README.md, so an
edited example is tested as edited; the two that reach the real job boards are listed here and not run."""

from __future__ import annotations

import os
import re
import shlex
import signal
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest
from ops_sample.harness import REPO, free_port, wait_for_port

from warehouse.claims import registry

pytestmark = pytest.mark.slow
BIN = Path(sys.executable).parent
# These crawl the real sources (the network, a contact address, a real board token): not run offline.
NEEDS_THE_REAL_SOURCES = {"ma-demand crawl", "scrapy crawl"}
RUN_HERE = {"ma-demand", "ma-demand sources", "ma-demand claims", "ma-demand sql", "ma-demand serve"}


def using_it_commands() -> list[str]:
    """The command lines of the README's "Using it" block, comments removed."""
    section = (REPO / "README.md").read_text(encoding="utf-8").split("## Using it", 1)[1]
    block = re.search(r"```sh\n(.*?)```", section, re.S).group(1)
    return [re.sub(r"\s+#.*$", "", line).strip() for line in block.splitlines() if line.strip()]


def program(command: str) -> str:
    """`ma-demand sql`, `scrapy crawl`, `ma-demand` (for --help): the program and its subcommand."""
    words = [word for word in shlex.split(command) if not re.fullmatch(r"[A-Z_]+=.*", word)]
    name = Path(words[0]).name
    return name if len(words) == 1 or words[1].startswith("-") else f"{name} {words[1]}"


def argv_and_env(command: str, env: dict) -> tuple[list[str], dict]:
    """The command's words with `.venv/bin/` pointing at this test's environment, and its variables."""
    words, env = shlex.split(command), dict(env)
    while re.fullmatch(r"[A-Z_]+=.*", words[0]):
        name, value = words.pop(0).split("=", 1)
        env[name] = value
    words[0] = str(BIN / Path(words[0]).name) if words[0].startswith(".venv/bin/") else words[0]
    return words, env


@pytest.fixture(scope="module")
def after_the_demo(tmp_path_factory) -> dict:
    """The environment of a user who just ran the demo in a fresh data folder (no MA_DEMAND_DB)."""
    folder = tmp_path_factory.mktemp("readme")
    env = {key: value for key, value in os.environ.items()
           if not key.startswith("MA_DEMAND_") and key != "SCRAPY_SETTINGS_MODULE"}
    env["MA_DEMAND_DATA_DIR"] = str(folder / "data")
    demo = subprocess.run([str(BIN / "ma-demand"), "demo", "--no-serve", "--postings", "400"], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=600)
    assert demo.returncode == 0, demo.stderr[-2000:]
    return env


def run(command: str, env: dict) -> subprocess.CompletedProcess:
    argv, env = argv_and_env(command, env)
    return subprocess.run(argv, cwd=REPO, env=env, capture_output=True, text=True, timeout=120)


def test_every_readme_command_is_run_here_but_the_two_that_reach_the_real_sources():
    programs = {program(command) for command in using_it_commands()}
    assert programs - NEEDS_THE_REAL_SOURCES == RUN_HERE
    assert NEEDS_THE_REAL_SOURCES <= programs


def test_help_lists_every_command(after_the_demo):
    [command] = [c for c in using_it_commands() if program(c) == "ma-demand"]
    result = run(command, after_the_demo)
    assert result.returncode == 0, result.stderr
    for name in ("sources", "crawl", "claims", "sql", "serve", "demo", "load"):
        assert re.search(rf"^\s+{name}\s", result.stdout, re.M), name


def test_sources_lists_the_boards_and_the_sources_not_collected(after_the_demo):
    [command] = [c for c in using_it_commands() if program(c) == "ma-demand sources"]
    result = run(command, after_the_demo)
    assert result.returncode == 0, result.stderr
    assert re.search(r"source registry v\d+: \d+ boards", result.stdout) and "not collected:" in result.stdout


def test_claims_after_the_demo_reads_the_demo_warehouse_and_says_it_is_synthetic(after_the_demo):
    [command] = [c for c in using_it_commands() if program(c) == "ma-demand claims"]
    result = run(command, after_the_demo)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert [line.split()[0] for line in lines[1:-2:2]] == [claim.id for claim in registry()]
    assert all(line.startswith("  weighted to MA jobs by state") for line in lines[2:-2:2])
    assert lines[-2].startswith("raw: ") and lines[-1].startswith("synthetic data:")
    assert result.stderr.startswith("ma-demand claims: reading the demo warehouse ")


def test_the_sql_example_gives_each_credential_once(after_the_demo):
    [command] = [c for c in using_it_commands() if program(c) == "ma-demand sql"]
    result = run(command, after_the_demo)
    assert result.returncode == 0, result.stderr
    header, *rows = result.stdout.splitlines()
    codes = [row.split()[0] for row in rows]
    assert header.split()[0] == "code" and "CMA" in codes
    assert len(codes) == len(set(codes)), f"a credential is listed twice: {codes}"


def test_serve_after_the_demo_serves_the_dashboard(after_the_demo):
    [command] = [c for c in using_it_commands() if program(c) == "ma-demand serve"]
    port = free_port()
    argv, env = argv_and_env(command, {**after_the_demo, "MA_DEMAND_PORT": str(port), "MA_DEMAND_DASHBOARD_WORKERS": "1"})
    server = subprocess.Popen(argv, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                              start_new_session=True)
    try:
        wait_for_port(port, seconds=60)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=30) as response:
            assert response.status == 200
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
    assert "reading the demo warehouse" in server.stderr.read()
