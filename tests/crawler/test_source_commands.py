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


def test_sources_prints_every_employer_name_whole_in_aligned_columns(tmp_path, capsys):
    long_name = "US federal agencies (named on each posting), Department of Veterans Affairs"
    path = tmp_path / "sources.toml"
    path.write_text(REGISTRY.replace('"Gone Clinic"', f'"{long_name}"'))
    assert ma_demand.main(["sources", "--registry", str(path)]) == 0
    header, *boards = capsys.readouterr().out.splitlines()[1:4]
    assert any(long_name in line for line in boards)
    column = header.index("status")
    assert all(line[column:].split()[0] in {"confirmed", "candidate"} for line in boards)


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


PROBED_SOURCES = ("greenhouse", "lever", "ashby", "smartrecruiters", "workable")


def board_of(source: str, token: str):
    from crawler.registry import Board

    return Board(source=source, token=token, employer="Riverbend Health", status="confirmed", enabled=True,
                 permission="API documentation")


def test_the_probe_asks_each_source_the_address_its_spider_crawls(serve):
    from crawler.source_commands import probe_board

    server = serve([posting(source, "riverbend", number) for number, source in enumerate(PROBED_SOURCES)])
    for source in PROBED_SOURCES:
        status, detail = probe_board(board_of(source, "riverbend"), server.url, timeout=5)
        assert status == "ok", f"{source}: {detail}"


def test_without_a_base_url_the_probe_goes_to_the_api_root_declared_on_the_spider(serve, monkeypatch):
    from crawler.source_commands import probe_board
    from crawler.spiders.lever import LeverSpider

    server = serve([posting("lever", "riverbend", 1)])
    monkeypatch.setattr(LeverSpider, "default_base_url", f"{server.url}/lever")
    assert probe_board(board_of("lever", "riverbend"), None, timeout=5) == ("ok", "1 postings")
    assert probe_board(board_of("lever", "gone"), None, timeout=5)[0] == "dead"


def test_a_source_whose_spider_has_no_probe_or_no_spider_is_reported_unknown():
    from crawler.source_commands import probe_board

    assert probe_board(board_of("usajobs", "series-0640-0679"), None, timeout=1) == (
        "unknown", "no probe for source usajobs")
    status, detail = probe_board(board_of("indeed", "x"), None, timeout=1)
    assert status == "unknown" and "no spider for source 'indeed'" in detail


def test_spider_class_finds_every_source_s_spider_by_its_name():
    from crawler.items import SOURCES
    from crawler.spiders import spider_class
    from crawler.spiders.greenhouse import GreenhouseSpider

    assert spider_class("greenhouse") is GreenhouseSpider
    assert [spider_class(source).name for source in SOURCES] == list(SOURCES)
    assert all(spider_class(source).default_base_url.startswith("https://")
               for source in SOURCES if source not in ("jobposting", "careersite"))  # sites, not one API


def test_spider_class_refuses_a_name_that_is_not_a_spider_module():
    import pytest

    from crawler.spiders import spider_class

    for name in ("base", "../settings", "nosuch"):
        with pytest.raises(LookupError):
            spider_class(name)
