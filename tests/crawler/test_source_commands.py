"""`ma-demand sources` lists the registry; `ma-demand sources probe` reports dead boards without failing."""

from __future__ import annotations

import ma_demand
from tests.crawler.conftest import posting

REGISTRY = """
version = 3
[[board]]
source = "greenhouse"
token = "acme"
employer = "Acme Health"
status = "confirmed"
enabled = true
permission = "API documentation"

[[board]]
source = "lever"
token = "gone"
employer = "Gone Clinic"
status = "candidate"
enabled = true
permission = "API documentation"

[[board]]
source = "ashby"
token = "off"
employer = "Off Clinic"
status = "candidate"
enabled = false
permission = "API documentation"

[[not_collected]]
name = "Indeed"
reason = "terms forbid it"
"""


def test_sources_lists_boards_and_the_reasons_for_sources_not_collected(tmp_path, capsys):
    path = tmp_path / "sources.toml"
    path.write_text(REGISTRY)
    assert ma_demand.main(["sources", "--registry", str(path)]) == 0
    out = capsys.readouterr().out
    assert "registry v3: 3 boards" in out and "Acme Health" in out and "Indeed: terms forbid it" in out


def test_probe_reports_a_dead_board_and_still_succeeds(tmp_path, capsys, serve):
    path = tmp_path / "sources.toml"
    path.write_text(REGISTRY)
    server = serve([posting("greenhouse", "acme", 1)])
    code = ma_demand.main(["sources", "probe", "--registry", str(path), "--base-url", server.url, "--delay", "0"])
    out = capsys.readouterr().out
    assert code == 0
    assert "greenhouse:acme" in out and "ok" in out and "1 postings" in out
    assert "lever:gone" in out and "dead" in out
    assert "ashby:off" not in out
    assert "probed 2 boards: 1 dead, 1 ok" in out


def test_a_broken_registry_is_one_line_and_exit_2(tmp_path, capsys):
    path = tmp_path / "sources.toml"
    path.write_text("[[board]]\nsource = 1\n")
    assert ma_demand.main(["sources", "--registry", str(path)]) == 2
    assert capsys.readouterr().err.count("\n") == 1
