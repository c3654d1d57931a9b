"""Politeness defaults, the Retry-After parser, spider arguments and the source registry."""

from __future__ import annotations

import importlib
from email.utils import format_datetime
from datetime import UTC, datetime, timedelta

import pytest

from crawler.arguments import BoardArguments, SpiderArgumentError, parse_arguments
from crawler.middlewares.retry import retry_after_seconds
from crawler.registry import RegistryError, load_registry


def test_settings_are_polite_and_name_the_contact(monkeypatch):
    monkeypatch.setenv("MA_DEMAND_CONTACT", "ops@clinic.example")
    import crawler.settings as settings

    settings = importlib.reload(settings)
    assert settings.ROBOTSTXT_OBEY is True and settings.AUTOTHROTTLE_ENABLED is True
    assert 1 <= settings.CONCURRENT_REQUESTS_PER_DOMAIN <= 2 and settings.DOWNLOAD_DELAY >= 1
    assert "ops@clinic.example" in settings.USER_AGENT and "ma-demand" in settings.USER_AGENT


def test_retry_after_reads_seconds_and_http_dates():
    assert retry_after_seconds(b"7") == 7.0
    later = datetime.now(UTC) + timedelta(seconds=30)
    assert 25 <= retry_after_seconds(format_datetime(later, usegmt=True)) <= 31
    assert retry_after_seconds(b"soon") is None and retry_after_seconds(None) is None


def test_spider_arguments_split_boards_and_name_the_bad_one():
    arguments = parse_arguments(BoardArguments, "lever", {"boards": "a, b", "base_url": "http://127.0.0.1:9/lever/",
                                                          "_job": "scrapyd-adds-this"})
    assert arguments.boards == ["a", "b"] and arguments.base_url == "http://127.0.0.1:9/lever"
    with pytest.raises(SpiderArgumentError, match="argument base_url"):
        parse_arguments(BoardArguments, "lever", {"base_url": "ftp://x"})
    with pytest.raises(SpiderArgumentError, match="argument boards"):
        parse_arguments(BoardArguments, "lever", {"boards": "ok,../etc"})


def test_the_shipped_registry_lists_boards_and_the_sources_not_collected():
    registry = load_registry()
    assert registry.boards_for("greenhouse") and all(b.enabled for b in registry.boards_for("greenhouse"))
    assert {b.status for b in registry.boards} == {"confirmed", "candidate"}
    excluded = {source.name for source in registry.not_collected}
    assert {"Indeed", "LinkedIn", "Glassdoor", "ZipRecruiter", "Adzuna"} <= excluded


def test_a_registry_entry_without_a_token_is_refused_naming_it(tmp_path):
    path = tmp_path / "sources.toml"
    path.write_text('[[board]]\nsource = "lever"\nemployer = "X"\nstatus = "confirmed"\npermission = "docs"\n')
    with pytest.raises(RegistryError, match="board #1: token"):
        load_registry(path)
