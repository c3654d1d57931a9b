"""Helpers the real-wording tests share: tag a description, and read its credentials' levels."""

from __future__ import annotations

from pipeline import tag


def tag_text(description: str, title: str = "Medical Assistant") -> dict:
    """The tag record of a posting with this description and title."""
    return tag({"id": "t", "title": title, "description": description})


def levels(description: str, title: str = "Medical Assistant") -> dict[str, str]:
    """Each credential code the posting names, with its level and any deadline: {"BLS": "required/1"}."""
    return {item["code"]: item["requirement"] + (f"/{item['within_months']}" if item["within_months"] else "")
            for item in tag_text(description, title)["certifications"]}
