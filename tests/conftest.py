"""Shared test helpers: system requirements fail in CI instead of skipping."""

from __future__ import annotations

import os
import shutil

import pytest

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def require_executable(name: str) -> str:
    """Path of `name`; in CI a missing one fails the test, elsewhere it skips it."""
    path = shutil.which(name)
    if path:
        return path
    message = f"{name} is not installed (make test installs it on Debian as root)"
    if IN_CI:
        pytest.fail(message)
    pytest.skip(message)
