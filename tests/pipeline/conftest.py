"""Shared fixtures for the tagger tests: a helper that tags a bare description."""

from __future__ import annotations

import pytest

from pipeline import tag


@pytest.fixture
def tag_text():
    """Tag `description` under an MA title (or `title`), return the result."""
    def run(description: str, title: str = "Medical Assistant", **fields) -> dict:
        return tag({"id": "t", "title": title, "description": description, **fields})
    return run


@pytest.fixture
def levels_of(tag_text):
    """{code: requirement} for the certifications found in `description`."""
    def run(description: str, **fields) -> dict:
        return {item["code"]: item["requirement"] for item in tag_text(description, **fields)["certifications"]}
    return run
