"""Fixtures for the operations tests: a local job-board server and the sample Scrapy project."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from ops_sample.harness import BoardServer, sample_environment  # noqa: E402


@pytest.fixture
def board_server():
    server = BoardServer()
    yield server
    server.close()


@pytest.fixture
def sample_env(tmp_path):
    return sample_environment(tmp_path)
